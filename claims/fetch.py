"""Fetching documents from the web without letting the web reach inside our network.

Every connection is checked where it is made: the host name is resolved by us, and the socket
is opened to an address we have checked, so a redirect to 127.0.0.1 or a DNS answer that
changes between check and use (rebinding) is refused the same way. Redirects are followed
by hand, at most `MAX_REDIRECTS` hops, each hop checked again (scheme, address, robots.txt).
"""

import ipaddress
import logging
import mimetypes
import socket
import time
import urllib.robotparser
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
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


class FetchError(ApplicationError):
    """A document could not be fetched; `message` says why in words a user can act on."""


@dataclass(frozen=True)
class FetchOptions:
    max_bytes: int
    user_agent: str
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
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


def address_is_public(address: str) -> bool:
    """True for an address on the public internet (not private, loopback, link-local, ...)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _CheckedBackend(httpcore.SyncBackend):
    """Resolves host names itself and connects only to addresses that pass the check."""

    def __init__(self, allowed_private_hosts: Iterable[str]) -> None:
        self.allowed_private_hosts = frozenset(allowed_private_hosts)

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
        except socket.gaierror as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
        addresses = [str(info[4][0]) for info in infos]
        if host not in self.allowed_private_hosts:
            refused = [address for address in addresses if not address_is_public(address)]
            if refused:
                raise _AddressRefused(host, refused[0])
        return super().connect_tcp(
            addresses[0], port, timeout, local_address, socket_options=socket_options
        )


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


def _client(options: FetchOptions) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=0)
    # httpx does not expose the network backend; this pool is what HTTPTransport builds,
    # with our checked backend, so every connection (redirect hops included) is checked.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=4,
        network_backend=_CheckedBackend(options.allowed_private_hosts),
    )
    timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
    return httpx.Client(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": options.user_agent},
    )


def url_check(url: str) -> str:
    """`url`, if it is an absolute http(s) URL with a host; FetchError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(
            f"Only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}.",
            {"url": url},
        )
    if not parts.hostname:
        raise FetchError("The URL has no host name.", {"url": url})
    if parts.username or parts.password:
        raise FetchError("URLs with credentials in them are not fetched.", {"url": url})
    return url.strip()


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
    """robots.txt as lines; RFC 9309: a 4xx means no rules, an unreachable one means none."""
    try:
        response = client.get(f"{origin}/robots.txt")
    except httpx.HTTPError as error:
        if _refusal(error):
            raise
        return ["User-agent: *", "Disallow: /"]
    if 400 <= response.status_code < 500 or 300 <= response.status_code < 400:
        return []
    if response.status_code >= 500:
        return ["User-agent: *", "Disallow: /"]
    return response.content[:512_000].decode("utf-8", errors="replace").splitlines()


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            f"The document is {int(declared):,} bytes; the limit is {max_bytes:,}.",
            {"url": str(response.url)},
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():
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
    requested = url_check(url)
    current, hops = requested, []
    conditional = {}
    if etag:
        conditional["If-None-Match"] = etag
    if last_modified:
        conditional["If-Modified-Since"] = last_modified
    with _client(options) as client:
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
                raise FetchError(
                    "The server took too long to answer.", {"url": current, "transient": True}
                ) from error
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
