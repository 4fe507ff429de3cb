"""Fetching documents from the web without letting the web reach inside our network.

Every connection is checked where it is made: the host name is resolved by us, and the socket
is opened to an address we have checked, so a redirect to 127.0.0.1 or a DNS answer that
changes between check and use (rebinding) is refused the same way. Redirects are followed
by hand, at most `MAX_REDIRECTS` hops, each hop checked again (scheme, address, robots.txt).

Nothing a server sends can make a fetch unbounded: one deadline covers the whole fetch (every
connect and read is given only the time left), and bodies are decompressed by us, a chunk at a
time, stopping at the size cap; stacked encodings (`gzip, gzip`) are refused.
"""

import ipaddress
import logging
import mimetypes
import re
import socket
import time
import unicodedata
import urllib.robotparser
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx
import idna
from django.conf import settings
from django.core.cache import cache

from core.errors import ApplicationError

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
ALLOWED_SCHEMES = ("http", "https")
TEXT_CONTENT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
)
FEED_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)
ROBOTS_CACHE_SECONDS = 3600
ROBOTS_MAX_BYTES = 512_000
# We decode bodies ourselves (see `_decoded_chunks`), so we offer only what zlib reads.
ACCEPT_ENCODING = "gzip, deflate"
RAW_CHUNK_BYTES = 16 * 1024
DECODED_CHUNK_BYTES = 64 * 1024


class FetchError(ApplicationError):
    """A document could not be fetched; `message` says why in words a user can act on."""


@dataclass(frozen=True)
class FetchOptions:
    max_bytes: int
    user_agent: str
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    # The whole fetch (robots.txt, redirects, headers and body) ends by then, however slowly
    # a server drips its answer.
    deadline_seconds: float = 60.0
    host_delay_seconds: float = 1.0
    honour_robots: bool = True
    accept: tuple[str, ...] = TEXT_CONTENT_TYPES
    allowed_private_hosts: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, **overrides: Any) -> "FetchOptions":
        values: dict[str, Any] = {
            "max_bytes": settings.SCORECHECK_FETCH_MAX_BYTES,
            "user_agent": settings.SCORECHECK_USER_AGENT,
            "host_delay_seconds": settings.SCORECHECK_FETCH_HOST_DELAY_SECONDS,
            "deadline_seconds": settings.SCORECHECK_FETCH_DEADLINE_SECONDS,
            "honour_robots": settings.SCORECHECK_FETCH_HONOUR_ROBOTS,
            "allowed_private_hosts": tuple(settings.SCORECHECK_FETCH_ALLOWED_PRIVATE_HOSTS),
        }
        values.update(overrides)
        return cls(**values)


@dataclass(frozen=True)
class FetchResult:
    requested_url: str
    final_url: str
    status: int
    content: bytes
    content_type: str
    charset: str | None
    etag: str = ""
    last_modified: str = ""
    redirects: tuple[str, ...] = field(default_factory=tuple)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


# IPv6 forms that carry an IPv4 address: NAT64 (RFC 6052), IPv4-compatible and -translated
# (RFC 4291, 2765), with 6to4, Teredo and IPv4-mapped read by `ipaddress` itself. A gateway
# may route them to the IPv4 address they carry, so they are judged by that address.
NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")
# Local-use NAT64 (RFC 8215) translates to whatever the operator's network holds: never public.
NAT64_LOCAL_USE = ipaddress.IPv6Network("64:ff9b:1::/48")


def _carried_ipv4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 translation address leads to (none for a plain IPv6 one)."""
    if ip.ipv4_mapped is not None:
        return (ip.ipv4_mapped,)
    if ip.sixtofour is not None:
        return (ip.sixtofour,)
    if ip.teredo is not None:
        return ip.teredo
    if ip in NAT64_WELL_KNOWN or ip in IPV4_COMPATIBLE or ip in IPV4_TRANSLATED:
        return (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF),)
    return ()


def _is_global_unicast(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not ip.is_multicast


def address_is_public(address: str) -> bool:
    """True for an address on the public internet (not private, loopback, link-local, ...).

    An IPv6 address that embeds an IPv4 one (NAT64, 6to4, Teredo, IPv4-compatible or -mapped)
    is public only if every IPv4 address it carries is.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id or ip in NAT64_LOCAL_USE:
            return False
        carried = _carried_ipv4(ip)
        if carried:
            return all(_is_global_unicast(v4) for v4 in carried)
    return _is_global_unicast(ip)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write gets at most the time left before the deadline,
    so a server that drips a byte at a time is cut off all the same."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self.stream = stream
        self.deadline = deadline

    def _time_left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch ran past its deadline")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self._time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self._time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = self._time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self.stream.start_tls(ssl_context, server_hostname, left), self.deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class _CheckedBackend(httpcore.SyncBackend):
    """Resolves host names itself, connects only to addresses that pass the check, and holds
    every connection to the fetch's deadline."""

    def __init__(self, allowed_private_hosts: Iterable[str], deadline: float) -> None:
        self.allowed_private_hosts = frozenset(allowed_private_hosts)
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
        addresses = [str(info[4][0]) for info in infos]
        if host not in self.allowed_private_hosts:
            refused = [address for address in addresses if not address_is_public(address)]
            if refused:
                raise _AddressRefused(host, refused[0])
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the fetch ran past its deadline")
        stream = super().connect_tcp(
            addresses[0],
            port,
            left if timeout is None else min(timeout, left),
            local_address,
            socket_options=socket_options,
        )
        return _DeadlineStream(stream, self.deadline)


class _AddressRefused(httpcore.ConnectError):
    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} resolves to {address}, which is not a public address")
        self.host = host
        self.address = address


def _refusal(error: BaseException) -> "_AddressRefused | None":
    """The address refusal behind an httpx error (httpx re-raises httpcore's as its own)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, _AddressRefused):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _client(options: FetchOptions, deadline: float) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=0)
    # httpx does not expose the network backend; this pool is what HTTPTransport builds,
    # with our checked backend, so every connection (redirect hops included) is checked.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=4,
        network_backend=_CheckedBackend(options.allowed_private_hosts, deadline),
    )
    timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
    return httpx.Client(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": options.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
    )


MAX_HOST_LENGTH = 253
MAX_LABEL_LENGTH = 63
ASCII_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")
# WHATWG URL: a host whose last label is a number is an IPv4 address, which browsers and
# resolvers read in octal, hex and shortened forms too (0177.0.0.1, 0x7f.1, 2130706433).
NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")


def _host_check(host: str, url: str) -> str:
    """The host in the ASCII form we resolve; FetchError for anything that is not a plain
    domain name, a dotted-quad IPv4 address or an IPv6 address."""
    if ":" in host:
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            raise FetchError(f"{host!r} is not a valid IPv6 address.", {"url": url}) from None
    if not host.isascii():
        try:
            host = idna.encode(unicodedata.normalize("NFKC", host), uts46=True).decode()
        except (idna.IDNAError, UnicodeError) as error:
            raise FetchError(
                f"The host name is not a valid domain name ({error}).", {"url": url}
            ) from None
    host = host.lower()
    name = host[:-1] if host.endswith(".") else host
    labels = name.split(".")
    if NUMERIC_LABEL.match(labels[-1]):
        try:
            return str(ipaddress.IPv4Address(name))
        except ValueError:
            raise FetchError(
                f"{host!r} is not a standard IPv4 address: write it as four decimal numbers.",
                {"url": url},
            ) from None
    if len(name) > MAX_HOST_LENGTH:
        raise FetchError(
            f"The host name is longer than {MAX_HOST_LENGTH} characters.", {"url": url}
        )
    for label in labels:
        if len(label) > MAX_LABEL_LENGTH:
            raise FetchError(
                f"The host name has a part longer than {MAX_LABEL_LENGTH} characters.",
                {"url": url},
            )
        if not ASCII_LABEL.match(label):
            raise FetchError(f"{host!r} is not a valid host name.", {"url": url})
    return host


def url_check(url: str) -> str:
    """`url`, if it is an absolute http(s) URL with a valid host (rewritten in the ASCII form
    that is resolved); FetchError otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError(f"The URL is not valid ({error}).", {"url": url}) from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(
            f"Only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}.",
            {"url": url},
        )
    if not parts.hostname:
        raise FetchError("The URL has no host name.", {"url": url})
    if parts.username or parts.password:
        raise FetchError("URLs with credentials in them are not fetched.", {"url": url})
    if any(unicodedata.category(c) == "Cc" for c in url):
        raise FetchError("The URL contains control characters.", {"url": url})
    host = _host_check(parts.hostname, url)
    if host == parts.hostname:
        return url
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))


def _host_wait(host: str, delay: float) -> None:
    """Politeness: at most one request to a host every `delay` seconds, across workers."""
    if delay <= 0:
        return
    key = f"fetch:last:{host}"
    deadline = time.monotonic() + 5 * delay
    while not cache.add(key, time.time(), timeout=max(1, int(delay + 0.999))):
        last = cache.get(key) or 0.0
        wait = delay - (time.time() - float(last))
        if wait <= 0 or time.monotonic() > deadline:
            cache.set(key, time.time(), timeout=max(1, int(delay + 0.999)))
            return
        time.sleep(min(wait, delay))


def _robots_allows(client: httpx.Client, url: str, options: FetchOptions) -> bool:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    key = f"fetch:robots:{origin}"
    lines = cache.get(key)
    if lines is None:
        lines = _robots_lines(client, origin)
        cache.set(key, lines, ROBOTS_CACHE_SECONDS)
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(lines)
    return parser.can_fetch(options.user_agent, url)


def _robots_lines(client: httpx.Client, origin: str) -> list[str]:
    """robots.txt as lines; RFC 9309: a 4xx means no rules, an unreachable one means none.
    Only its first `ROBOTS_MAX_BYTES` are read (the RFC asks parsers for at least 500 KiB)."""
    try:
        with client.stream("GET", f"{origin}/robots.txt") as response:
            status = response.status_code
            body = b""
            if status < 300:
                for chunk in _decoded_chunks(response):
                    body += chunk
                    if len(body) >= ROBOTS_MAX_BYTES:
                        break
    except httpx.HTTPError as error:
        if _refusal(error):
            raise
        return ["User-agent: *", "Disallow: /"]
    except FetchError:
        return ["User-agent: *", "Disallow: /"]
    if 300 <= status < 500:
        return []
    if status >= 500:
        return ["User-agent: *", "Disallow: /"]
    return body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace").splitlines()


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


class _Inflater:
    """zlib for gzip or deflate; "deflate" is sent both with and without the zlib header."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.decoder = zlib.decompressobj(16 + zlib.MAX_WBITS if coding == "gzip" else 0)
        self.started = False

    def decompress(self, data: bytes, max_length: int) -> bytes:
        try:
            out = self.decoder.decompress(data, max_length)
        except zlib.error:
            if self.coding != "deflate" or self.started:
                raise
            self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self.decoder.decompress(data, max_length)
        self.started = True
        return out

    @property
    def unconsumed_tail(self) -> bytes:
        return self.decoder.unconsumed_tail


CONTENT_CODINGS = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


def _decoded_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The body, decompressed at most `DECODED_CHUNK_BYTES` at a time, so a reader that stops at
    a cap never holds more than one chunk beyond it (a 1 KB gzip bomb stays harmless)."""
    url = str(response.url)
    codings = [
        coding.strip().lower()
        for coding in response.headers.get("content-encoding", "").split(",")
        if coding.strip() and coding.strip().lower() != "identity"
    ]
    if len(codings) > 1:
        raise FetchError(
            f"The document is compressed {len(codings)} times over ({', '.join(codings)}); "
            "stacked encodings are refused.",
            {"url": url},
        )
    if codings and codings[0] not in CONTENT_CODINGS:
        raise FetchError(f"Unsupported content encoding {codings[0]!r}.", {"url": url})
    inflater = _Inflater(CONTENT_CODINGS[codings[0]]) if codings else None
    try:
        for raw in response.iter_raw(RAW_CHUNK_BYTES):
            if inflater is None:
                yield raw
                continue
            pending = raw
            while pending:
                yield inflater.decompress(pending, DECODED_CHUNK_BYTES)
                pending = inflater.unconsumed_tail
    except zlib.error as error:
        raise FetchError(
            f"The document's compression is corrupt ({error}).", {"url": url}
        ) from None


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"The document is {int(declared):,} bytes; the limit is {max_bytes:,}.",
            {"url": str(response.url)},
        )
    chunks, size = [], 0
    for chunk in _decoded_chunks(response):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(
                f"The document is larger than the {max_bytes:,}-byte limit.",
                {"url": str(response.url)},
            )
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(
    url: str,
    *,
    options: FetchOptions | None = None,
    etag: str = "",
    last_modified: str = "",
) -> FetchResult:
    """GET `url` safely. Raises FetchError with a clear reason for anything it refuses."""
    options = options or FetchOptions.from_settings()
    deadline = time.monotonic() + options.deadline_seconds
    requested = url_check(url)
    current, hops = requested, []
    conditional = {}
    if etag:
        conditional["If-None-Match"] = etag
    if last_modified:
        conditional["If-Modified-Since"] = last_modified
    with _client(options, deadline) as client:
        for _ in range(MAX_REDIRECTS + 1):
            current = url_check(current)
            try:
                if options.honour_robots and not _robots_allows(client, current, options):
                    raise FetchError(
                        "robots.txt does not allow fetching this URL.", {"url": current}
                    )
                _host_wait(urlsplit(current).hostname or "", options.host_delay_seconds)
                with client.stream("GET", current, headers=conditional) as response:
                    if response.status_code in (301, 302, 303, 307, 308):
                        location = response.headers.get("location", "")
                        if not location:
                            raise FetchError("A redirect without a Location.", {"url": current})
                        hops.append(current)
                        current = urljoin(current, location)
                        continue
                    return _result(requested, current, response, hops, options)
            except httpx.TimeoutException as error:
                reason = "The server took too long to answer."
                if time.monotonic() >= deadline:
                    reason = f"The fetch took longer than {options.deadline_seconds:g} seconds."
                raise FetchError(reason, {"url": current, "transient": True}) from error
            except (httpx.InvalidURL, UnicodeError) as error:
                raise FetchError(f"The URL is not valid ({error}).", {"url": current}) from error
            except httpx.HTTPError as error:
                refused = _refusal(error)
                if refused:
                    raise FetchError(
                        f"Refused: {refused.host} is not on the public internet "
                        f"({refused.address}).",
                        {"url": current, "address": refused.address},
                    ) from error
                raise FetchError(
                    f"The fetch failed: {error}", {"url": current, "transient": True}
                ) from error
    raise FetchError(
        f"More than {MAX_REDIRECTS} redirects (a loop?).", {"url": requested, "hops": hops}
    )


def _result(
    requested: str,
    final: str,
    response: httpx.Response,
    hops: list[str],
    options: FetchOptions,
) -> FetchResult:
    if response.status_code == 304:
        content, media = b"", ""
    elif response.status_code >= 400:
        raise FetchError(
            f"The server answered HTTP {response.status_code}.",
            {
                "url": final,
                "status": response.status_code,
                "transient": response.status_code >= 500 or response.status_code == 429,
            },
        )
    else:
        media = _media_type(response.headers.get("content-type", ""))
        if media not in options.accept:
            raise FetchError(
                f"Unsupported content type {media or 'none'!r}: only text documents are read.",
                {"url": final, "content_type": media},
            )
        content = _read_capped(response, options.max_bytes)
        media = _markdown_served_as_text(media, final)
    return FetchResult(
        requested_url=requested,
        final_url=final,
        status=response.status_code,
        content=content,
        content_type=media,
        charset=response.charset_encoding,
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
        redirects=tuple(hops),
    )


LOCAL_CONTENT_TYPES = {".md": "text/markdown", ".markdown": "text/markdown", ".txt": "text/plain"}


def _markdown_served_as_text(media: str, url: str) -> str:
    """Code hosts serve README.md and model cards as text/plain; they are read as markdown, so
    their tables and front matter (a model card's model-index) are understood."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return LOCAL_CONTENT_TYPES.get(suffix, media) if media == "text/plain" else media


def fetch_file(path: Path, *, max_bytes: int | None = None) -> FetchResult:
    """Read a local document (staff uploads, tests) with the same size and type rules."""
    limit = max_bytes or settings.SCORECHECK_FETCH_MAX_BYTES
    if not path.is_file():
        raise FetchError(f"No such file: {path.name}", {"path": str(path)})
    if path.stat().st_size > limit:
        raise FetchError(f"The file is larger than the {limit:,}-byte limit.", {"path": str(path)})
    suffix = path.suffix.lower()
    content_type = LOCAL_CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or ""
    if content_type not in TEXT_CONTENT_TYPES:
        raise FetchError(
            f"Unsupported file type {suffix or 'without extension'!r}.", {"path": str(path)}
        )
    uri = path.resolve().as_uri()
    return FetchResult(
        requested_url=uri,
        final_url=uri,
        status=200,
        content=path.read_bytes(),
        content_type=content_type,
        charset=None,
    )
