import re
import socket
import time
import tracemalloc
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from claims.fetch import FetchError, FetchOptions, address_is_public, fetch_file, fetch_url
from tests.local_http import drip, encoded, local_site, slow, streaming_body


@pytest.fixture
def site():
    with local_site() as running:
        yield running


def options(**overrides) -> FetchOptions:
    values = {
        "max_bytes": 1_000_000,
        "user_agent": "ScorecheckBot/test (+https://scorecheck.example/about)",
        "host_delay_seconds": 0,
        "allowed_private_hosts": ("localhost",),
        "read_timeout": 2.0,
    }
    values.update(overrides)
    return FetchOptions(**values)


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def test_fetches_a_page_with_its_type_charset_and_final_url(site) -> None:
    site.page("/post.html", "<h1>Qwen</h1>", "text/html; charset=iso-8859-1")
    result = fetch_url(site.url("/post.html"), options=options())
    assert result.status == 200
    assert result.content == b"<h1>Qwen</h1>"
    assert result.content_type == "text/html"
    assert result.charset == "iso-8859-1"
    assert result.final_url == site.url("/post.html")


def test_a_markdown_file_served_as_plain_text_is_read_as_markdown(site) -> None:
    site.page("/Qwen/Qwen3.5/raw/main/README.md", "| Model | MMLU |", "text/plain; charset=utf-8")
    site.page("/notes.txt", "plain", "text/plain; charset=utf-8")
    card = fetch_url(site.url("/Qwen/Qwen3.5/raw/main/README.md"), options=options())
    notes = fetch_url(site.url("/notes.txt"), options=options())
    assert (card.content_type, notes.content_type) == ("text/markdown", "text/plain")


def test_sends_a_user_agent_that_names_the_site(site) -> None:
    site.page("/post.html", "hi")
    fetch_url(site.url("/post.html"), options=options())
    page_requests = [headers for path, headers in site.requests if path == "/post.html"]
    assert "scorecheck" in page_requests[0]["User-Agent"].lower()


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "gopher://example.com/", "ftp://example.com/x", "/relative/path"],
)
def test_refuses_schemes_other_than_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="Only http and https"):
        fetch_url(url, options=options())


def test_refuses_loopback_unless_the_host_is_allowed(site) -> None:
    site.page("/post.html", "hi")
    with pytest.raises(FetchError, match="not on the public internet"):
        fetch_url(site.url("/post.html", host="127.0.0.1"), options=options())


def test_refuses_a_redirect_to_loopback(site) -> None:
    site.redirect("/go", site.url("/post.html", host="127.0.0.1"))
    site.page("/post.html", "secret")
    with pytest.raises(FetchError, match=re.escape("127.0.0.1")):
        fetch_url(site.url("/go"), options=options())


def test_refuses_a_redirect_to_the_cloud_metadata_address(site) -> None:
    site.redirect("/go", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(FetchError, match=re.escape("169.254.169.254")):
        fetch_url(site.url("/go"), options=options())


def test_follows_redirects_and_records_the_hops(site) -> None:
    site.redirect("/old", "/new")
    site.page("/new", "moved here")
    result = fetch_url(site.url("/old"), options=options())
    assert result.final_url == site.url("/new")
    assert result.redirects == (site.url("/old"),)


def test_a_redirect_loop_ends_with_a_clear_error(site) -> None:
    site.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="redirects"):
        fetch_url(site.url("/loop"), options=options())


def test_a_body_over_the_cap_is_refused_without_reading_it_all(site) -> None:
    site.routes["/huge"] = streaming_body(100 * 1024 * 1024)
    with pytest.raises(FetchError, match="limit"):
        fetch_url(site.url("/huge"), options=options(max_bytes=200_000))


def test_a_declared_length_over_the_cap_is_refused_before_reading(site) -> None:
    site.page("/big", "x" * 5000)
    with pytest.raises(FetchError, match="5,000 bytes"):
        fetch_url(site.url("/big"), options=options(max_bytes=1000))


def test_binary_content_is_refused(site) -> None:
    site.page("/model.bin", b"\x00\x01\x02", "application/octet-stream")
    with pytest.raises(FetchError, match="Unsupported content type"):
        fetch_url(site.url("/model.bin"), options=options())


def test_a_server_error_is_reported_with_its_status(site) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(site.url("/missing"), options=options())


def test_a_slow_server_times_out(site) -> None:
    site.routes["/slow"] = slow(3)
    with pytest.raises(FetchError, match="too long"):
        fetch_url(site.url("/slow"), options=options(read_timeout=0.5))


def test_robots_txt_is_honoured(site) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.page("/private/post.html", "hidden")
    with pytest.raises(FetchError, match=re.escape("robots.txt")):
        fetch_url(site.url("/private/post.html"), options=options())


def test_a_missing_robots_txt_allows_everything(site) -> None:
    site.page("/post.html", "hi")
    assert fetch_url(site.url("/post.html"), options=options()).status == 200


def test_conditional_get_sends_validators_and_reports_not_modified(site) -> None:
    def route(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("ETag", '"v1"')
        handler.send_header("Content-Length", "5")
        handler.end_headers()
        handler.wfile.write(b"first")

    site.routes["/post.html"] = route
    first = fetch_url(site.url("/post.html"), options=options())
    second = fetch_url(site.url("/post.html"), options=options(), etag=first.etag)
    assert first.etag == '"v1"' and not first.not_modified
    assert second.not_modified


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("10.0.0.1", False),
        ("192.168.1.1", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("224.0.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("2606:4700:4700::1111", True),
    ],
)
def test_only_global_unicast_addresses_are_public(address: str, public: bool) -> None:
    assert address_is_public(address) is public


def test_local_files_are_read_with_a_type_from_their_extension(tmp_path: Path) -> None:
    document = tmp_path / "card.md"
    document.write_text("# Model card", encoding="utf-8")
    result = fetch_file(document)
    assert result.content_type == "text/markdown"
    assert result.content == b"# Model card"


def test_local_binary_files_are_refused(tmp_path: Path) -> None:
    document = tmp_path / "weights.bin"
    document.write_bytes(b"\x00" * 10)
    with pytest.raises(FetchError, match="Unsupported file type"):
        fetch_file(document)


# --- Hostile servers ------------------------------------------------------------------------


def test_a_gzip_body_is_decoded(site) -> None:
    site.routes["/post.html"] = encoded(b"<h1>Qwen</h1>", ["gzip"])
    assert fetch_url(site.url("/post.html"), options=options()).content == b"<h1>Qwen</h1>"


def test_a_deflate_body_without_its_zlib_header_is_decoded(site) -> None:
    site.routes["/post.html"] = encoded(b"<h1>Qwen</h1>", ["raw-deflate"])
    assert fetch_url(site.url("/post.html"), options=options()).content == b"<h1>Qwen</h1>"


def test_stacked_encodings_are_refused(site) -> None:
    site.routes["/bomb"] = encoded(b"<p>" + b"x" * 10_000, ["gzip", "gzip"])
    with pytest.raises(FetchError, match="stacked encodings are refused"):
        fetch_url(site.url("/bomb"), options=options())


def test_an_unrequested_encoding_is_refused(site) -> None:
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Encoding", "br")
        handler.send_header("Content-Length", "3")
        handler.end_headers()
        handler.wfile.write(b"abc")

    site.routes["/br"] = route
    with pytest.raises(FetchError, match="Unsupported content encoding 'br'"):
        fetch_url(site.url("/br"), options=options())


def test_a_gzip_bomb_stops_at_the_cap_without_inflating_it_all(site) -> None:
    # 64 MiB of zeros compress to ~64 KB; the fetch must stop near the 1 MB cap.
    site.routes["/bomb"] = encoded(b"\0" * (64 * 1024 * 1024), ["gzip"])
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="1,000,000-byte limit"):
            fetch_url(site.url("/bomb"), options=options(max_bytes=1_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


def test_a_body_dripped_a_byte_at_a_time_is_cut_off_at_the_deadline(site) -> None:
    site.routes["/drip"] = drip(0.05)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1 seconds"):
        fetch_url(site.url("/drip"), options=options(deadline_seconds=1.0, read_timeout=5))
    assert time.monotonic() - started < 3


def test_headers_dripped_a_byte_at_a_time_are_cut_off_at_the_deadline(site) -> None:
    site.routes["/drip"] = drip(0.05, headers_too=True)
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than 1 seconds"):
        fetch_url(site.url("/drip"), options=options(deadline_seconds=1.0, read_timeout=5))
    assert time.monotonic() - started < 3


# --- Hostile URLs and addresses -------------------------------------------------------------


@pytest.fixture
def connections(monkeypatch) -> list[tuple[str, int]]:
    """Every TCP connection opened (the network edge), recorded before it is made."""
    made: list[tuple[str, int]] = []
    original = socket.create_connection

    def recorded(address, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(address)
        return original(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recorded)
    return made


HOSTILE_URLS = [
    "http://0177.0.0.1/",
    "http://0x7f.0.0.1/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://127.1/",
    "http://017700000001/",
    "http://127.0.0.1./",
    "http://ｌｏｃａｌｈｏｓｔ/",
    "http://１２７.０.０.１/",
    "http://localhost/",
    "http://LOCALHOST./",
    f"http://{'a' * 70}.example.com/",
    f"http://{'a.' * 130}example.com/",
    "http://a..b/",
    "http://-bad-.example/",
    "http://exa mple.com/",
    "http://example.com:99999/",
    "http://example.com:-1/",
    "http://example.com:port/",
    "http://[::1]/",
    "http://[::]/",
    "http://[fe80::1%25eth0]/",
    "http://[not-an-address]/",
    "http://[::ffff:127.0.0.1]/",
    "http://0/",
    "http://0.0.0.0/",
    "http://%00/",
    "http://exa%00mple.com/",
    "http://example.com/\x00",
    "http://example.com\\@127.0.0.1/",
    "http://user:pass@example.com/",
    "http:///path",
    "http://:80/",
    "http://\u2024\u2024/",
    "http://xn--/",
    "http://example.com\u3002localhost/",
]

# IPv6 forms carrying a private IPv4 address (169.254.169.254, the cloud metadata service, or
# 127.0.0.1), and the other addresses no fetch may reach.
UNREACHABLE_ADDRESSES = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:169.254.169.254",
    "::ffff:7f00:1",
    "::a9fe:a9fe",
    "::7f00:1",
    "::ffff:0:a9fe:a9fe",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::7f00:1",
    "64:ff9b::a00:1",
    "64:ff9b:1::a9fe:a9fe",
    "64:ff9b:1:2::808:808",
    "2002:a9fe:a9fe::",
    "2002:7f00:1::1",
    "2002:c0a8:1::",
    "2001:0:a9fe:a9fe:0:0:5601:5601",
    "2001:0:808:808:0:0:80ff:fefe",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_hostile_url_is_refused_clearly_before_any_connection(url: str, connections) -> None:
    with pytest.raises(FetchError) as refused:
        fetch_url(url, options=options(allowed_private_hosts=()))
    assert "Internal" not in refused.value.message
    assert connections == []


@pytest.mark.parametrize("address", UNREACHABLE_ADDRESSES)
def test_an_unreachable_address_is_not_public(address: str) -> None:
    assert not address_is_public(address)


@pytest.mark.parametrize(
    "address", ["64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8", "2606:4700::1111"]
)
def test_a_translation_address_carrying_a_public_ipv4_address_is_public(address: str) -> None:
    assert address_is_public(address)


@pytest.mark.parametrize("address", UNREACHABLE_ADDRESSES)
def test_an_address_literal_is_refused_before_any_connection(address: str, connections) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(FetchError, match="not on the public internet"):
        fetch_url(f"http://{host}/latest/meta-data/", options=options(allowed_private_hosts=()))
    assert connections == []


@pytest.mark.parametrize("address", UNREACHABLE_ADDRESSES)
def test_a_name_resolving_to_an_address_is_refused_before_any_connection(
    address: str, connections, monkeypatch
) -> None:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET

    def resolve(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        assert host == "metadata.example.com"
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchError, match=re.escape(address)):
        fetch_url("http://metadata.example.com/", options=options(allowed_private_hosts=()))
    assert connections == []


@pytest.mark.parametrize("address", UNREACHABLE_ADDRESSES)
def test_a_redirect_to_an_address_is_refused_before_connecting_to_it(
    address: str, site, connections
) -> None:
    host = f"[{address}]" if ":" in address else address
    site.redirect("/go", f"http://{host}/latest/meta-data/")
    with pytest.raises(FetchError, match="not on the public internet"):
        fetch_url(site.url("/go"), options=options())
    assert {connected[0] for connected in connections} == {"127.0.0.1"}
