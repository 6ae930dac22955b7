"""Attaching a URL: fetched once from a local server on loopback started here (no other
network), with a clear message for every way a page can be unusable."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tui.core.sources import reading
from tui.core.sources.attaching import load_source
from tui.core.sources.errors import SourceError

PAGE = b"<html><head><title>Acme trust</title></head><body><h1>Security</h1><p>All traffic uses TLS 1.3.</p></body></html>"
BIG = 10 * 1024 * 1024

# path -> (status, headers, body)
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/page": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
    "/latin1": (200, {"Content-Type": "text/plain; charset=iso-8859-1"}, "Sécurité des données".encode("latin-1")),
    "/undeclared": (200, {"Content-Type": "text/plain"}, "Les données sont chiffrées à l'aide de TLS.".encode("cp1252")),
    "/meta": (200, {"Content-Type": "text/html"}, '<meta charset="shift_jis"><p>暗号化されています</p>'.encode("shift_jis")),
    "/octets": (200, {"Content-Type": "application/octet-stream"}, b"\x00\x01\x02"),
    "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4"),
    "/disguised": (200, {"Content-Type": "text/plain"}, b"\x00\x01\x02\x03" * 100),
    "/empty": (200, {"Content-Type": "text/html"}, b""),
    "/only-markup": (200, {"Content-Type": "text/html"}, b"<html><nav><a>Home</a></nav><script>x()</script></html>"),
    "/unclosed": (200, {"Content-Type": "text/html"}, b"<html><body><div><h2>Logs<p>We keep audit logs<li>90 days"),
    "/to-ftp": (302, {"Location": "ftp://files.example/page.txt"}, b""),
    "/to-page": (301, {"Location": "/page"}, b""),
    "/missing": (404, {"Content-Type": "text/html"}, b"not here"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            self.wfile.write(b"<p>" + b"a" * 65536)
            return
        if self.path == "/huge-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(BIG // 65536):
                    self.wfile.write(b"word " * 13107)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if self.path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<p>partial")
            self.wfile.flush()
            self.server.release.wait(5)  # type: ignore[attr-defined]
            return
        if self.path in ("/trickle-headers", "/trickle-body"):
            self._trickle(self.path == "/trickle-headers")
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, headers, body = ROUTES[self.path]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, in_headers: bool) -> None:
        """One byte a second (each one within any per-read timeout) until the test ends."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n"
        try:
            if in_headers:
                for byte in head:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if self.server.release.wait(1):  # type: ignore[attr-defined]
                        return
            self.wfile.write(head + b"\r\n")
            while not self.server.release.wait(1):  # type: ignore[attr-defined]
                self.wfile.write(b"a")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.release.set()  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_with_its_title_and_capture_time(server: str) -> None:
    source = load_source(f"{server}/page")
    assert source.url == f"{server}/page" and source.title == "Acme trust"
    assert [(p.heading, p.text) for p in source.passages] == [("Security", "All traffic uses TLS 1.3.")]
    assert source.captured.tzinfo is not None


def test_a_redirect_to_another_web_page_records_where_it_landed(server: str) -> None:
    source = load_source(f"{server}/to-page")
    assert source.location == f"{server}/to-page" and source.url == f"{server}/page"


@pytest.mark.parametrize("path, text", [
    ("/latin1", "Sécurité des données"),
    ("/undeclared", "Les données sont chiffrées"),
    ("/meta", "暗号化されています"),
    ("/unclosed", "We keep audit logs"),
])
def test_encodings_and_broken_html_from_a_server(server: str, path: str, text: str) -> None:
    assert any(text in p.text for p in load_source(server + path).passages)


@pytest.mark.parametrize("path, message", [
    ("/octets", "is application/octet-stream, not a web page, text, PDF, xlsx or docx"),
    ("/pdf", "is not a readable PDF"),
    ("/disguised", "is binary data"),
    ("/empty", "is empty"),
    ("/only-markup", "has no readable text"),
    ("/huge", "the page is 10 MB, over the 5 MB limit"),
    ("/huge-unannounced", "over the 5 MB limit"),
    ("/to-ftp", "redirects to 'ftp://files.example/page.txt', which is not a web page"),
    ("/missing", "the server answered 404 Not Found"),
])
def test_unusable_pages_get_a_clear_message(server: str, path: str, message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("(", r"\(")):
        load_source(server + path)


def test_a_server_that_stops_answering_times_out(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "TIMEOUT_SECONDS", 0.3)
    with pytest.raises(SourceError, match="no answer within"):
        load_source(f"{server}/stall")


def test_an_unreachable_host_names_the_host() -> None:
    import socket

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match=r"cannot reach 127\.0\.0\.1: connection refused"):
        load_source(f"http://127.0.0.1:{port}/trust")


@pytest.mark.parametrize("location, message", [
    ("ftp://files.example/page.txt", "only http and https addresses can be fetched"),
    ("file:///etc/passwd", "only http and https addresses can be fetched"),
    ("", "give a file path or an http"),
])
def test_only_web_addresses_and_files_can_be_attached(location: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        load_source(location)


def test_local_files_missing_folders_and_oversized(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        load_source(str(tmp_path / "absent.html"))
    with pytest.raises(SourceError, match="is a folder"):
        load_source(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"text " * (BIG // 5))
    with pytest.raises(SourceError, match="larger than 5 MB"):
        load_source(str(big))


@pytest.mark.parametrize("path", ["/trickle-headers", "/trickle-body"])
def test_one_wall_clock_deadline_covers_headers_and_body_of_a_server_sending_a_byte_a_second(
        server: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"no complete answer within 1\.5 seconds; gave up"):
        reading.fetch_url(server + path, deadline=1.5)
    assert time.monotonic() - started < 10  # generous: the trickle would run for minutes


def test_the_default_deadline_applies_to_a_source_being_added(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "DEADLINE_SECONDS", 1.0)
    with pytest.raises(SourceError, match="no complete answer within 1 seconds"):
        load_source(f"{server}/trickle-body")


def test_a_redirect_loop_is_one_line(server: str) -> None:
    with pytest.raises(SourceError) as raised:
        load_source(f"{server}/loop")
    assert str(raised.value) == f"{server}/loop: redirects more than 10 times (a redirect loop?); gave up"


def test_a_fifo_is_refused_at_once_and_a_folder_named_as_one(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match=r"page\.html: is not a regular file \(a pipe or a device\)"):
        load_source(str(fifo))  # before: blocked forever waiting for a writer
    with pytest.raises(SourceError) as raised:
        reading.read_file(tmp_path)
    assert str(raised.value) == f"{tmp_path}: is a folder, not a file"
