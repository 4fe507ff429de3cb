import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from claims.fetch import FetchError, FetchOptions, address_is_public, fetch_file, fetch_url
from tests.local_http import local_site, slow, streaming_body


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
