"""A fake Ofsted reports site on loopback, shaped like the real one.

The listing pages by ``start`` and ``rows`` and links each provider as
``/provider/44/<urn>``; each provider page links its publications as
``a.publication-link`` to ``/v1/file/<id>`` with the text and ``span.nonvisual``
the real site uses. Pages carry an ETag and a Last-Modified and answer 304 to
either. Tests change a page's markup, slow a path down, fail it with a status
or set robots.txt, and read back every request the site saw.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class File:
    file_id: str
    label: str  # e.g. "Area SEND full inspection - 2 April 2024"
    body: bytes
    content_type: str = "application/pdf"


@dataclass
class Provider:
    urn: str
    name: str
    files: list[File]

    @property
    def path(self) -> str:
        return f"/provider/44/{self.urn}"


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class FakeOfsted:
    providers: list[Provider] = field(default_factory=list)
    robots: str = "User-agent: *\nAllow: /\n"
    #: Markup served instead of the page built from ``providers``, by path.
    pages: dict[str, str] = field(default_factory=dict)
    #: Seconds a path waits before answering (longer than the client's time-out: a time-out).
    delays: dict[str, float] = field(default_factory=dict)
    #: A status a path answers with instead of its content.
    statuses: dict[str, int] = field(default_factory=dict)
    #: Extra response headers, by path (e.g. a redirect's Location).
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    base: str = ""

    def paths(self, prefix: str = "") -> list[str]:
        return [r.path for r in self.requests if r.path.startswith(prefix)]

    def listing(self, start: int, rows: int) -> str:
        links = "".join(
            f'<li class="search-result"><h3><a href="{p.path}">{escape(p.name)}</a></h3></li>'
            for p in self.providers[start : start + rows]
        )
        return (
            "<!DOCTYPE html><html><body><h1>Find an inspection report</h1>"
            f'<p>{len(self.providers)} results</p><ul class="results-list">{links}</ul>'
            '<a href="/about">About</a></body></html>'
        )

    def provider_page(self, provider: Provider) -> str:
        links = "".join(
            f'<li><a class="publication-link" href="{self.base}/v1/file/{f.file_id}" '
            f'target="_blank">{escape(f.label.split(" - ")[0])} '
            f'<span class="nonvisual">{escape(f.label.replace(" - ", ", pdf - ", 1))}</span></a></li>'
            for f in provider.files
        )
        return (
            f"<!DOCTYPE html><html><body><h1>{escape(provider.name)}</h1>"
            f'<ul class="timeline">{links}</ul></body></html>'
        )

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, bytes, str]:
        if path == "/robots.txt":
            return 200, self.robots.encode(), "text/plain"
        if path in self.pages:
            return 200, self.pages[path].encode(), "text/html; charset=utf-8"
        if path == "/search":
            start = int(query.get("start", ["0"])[0])
            rows = int(query.get("rows", ["100"])[0])
            return 200, self.listing(start, rows).encode(), "text/html; charset=utf-8"
        for provider in self.providers:
            if path == provider.path:
                return 200, self.provider_page(provider).encode(), "text/html; charset=utf-8"
            for f in provider.files:
                if path == f"/v1/file/{f.file_id}":
                    return 200, f.body, f.content_type
        return 404, b"Not found", "text/plain"


def _handler(site: FakeOfsted) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            headers = dict(self.headers.items())
            time.sleep(site.delays.get(url.path, 0))
            status = site.statuses.get(url.path)
            if status is not None:
                site.requests.append(Seen(url.path, headers, status))
                self.send_response(status)
                for name, value in site.headers.get(url.path, {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, body, content_type = site.answer(url.path, parse_qs(url.query))
            tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            modified = formatdate(1700000000 + len(body), usegmt=True)
            fresh = self.headers.get("If-None-Match") != tag and (
                self.headers.get("If-Modified-Since") != modified
            )
            if status == 200 and not fresh and content_type.startswith("text/html"):
                status, body = 304, b""
            site.requests.append(Seen(url.path, headers, status))
            self.send_response(status)
            if status in (200, 304):
                self.send_header("ETag", tag)
                self.send_header("Last-Modified", modified)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            # The client may have given up waiting: that is what a time-out test wants.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


class Serving:
    """The site served on 127.0.0.1 in a thread, for a ``with`` block."""

    def __init__(self, site: FakeOfsted) -> None:
        self.site = site
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
        self.server.daemon_threads = True
        site.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOfsted:
        self.thread.start()
        return self.site

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
