"""A small HTTP server on loopback for tests of fetching: pages, redirects, hostile answers."""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LocalSite:
    """Routes by path; `url(path)` is the address a test fetches ("localhost", not an IP)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str, host: str = "localhost") -> str:
        return f"http://{host}:{self.port}{path}"

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8"):
        data = body.encode() if isinstance(body, str) else body

        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)

        self.routes[path] = route

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        def route(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route


def streaming_body(total_bytes: int, content_type: str = "text/html") -> Route:
    """A body sent in chunks without a Content-Length, as a hostile server would."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
        sent = 0
        try:
            while sent < total_bytes:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    return route


def encoded(body: bytes, codings: list[str], content_type: str = "text/html") -> Route:
    """`body` compressed with each of `codings` in turn ("gzip", "deflate", "raw-deflate"),
    declared as the server would (raw deflate is declared "deflate", as some servers do)."""
    import gzip
    import zlib

    data = body
    for coding in codings:
        if coding == "gzip":
            data = gzip.compress(data, compresslevel=9)
        elif coding == "deflate":
            data = zlib.compress(data, 9)
        else:
            squeezer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            data = squeezer.compress(data) + squeezer.flush()
    declared = ", ".join("deflate" if c == "raw-deflate" else c for c in codings)

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Encoding", declared)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return route


def drip(interval: float, *, headers_too: bool = False) -> Route:
    """A server that sends one byte every `interval` seconds, forever (or until hung up on):
    the status line and headers too when `headers_too`, else only the body."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        try:
            if headers_too:
                for byte in head:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                    time.sleep(interval)
            else:
                handler.wfile.write(head)
            while True:
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(interval)
        except (BrokenPipeError, ConnectionResetError):
            pass

    return route


def slow(seconds: float) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    return route


@contextmanager
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers.items())))
            route = site.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client hanging up mid-body is what the hostile-server tests do

    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
