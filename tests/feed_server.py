"""A real HTTP feed server on 127.0.0.1, for fetch tests and end-to-end runs.

    with FeedServer() as server:
        server.route("/rss", RSS_BYTES)                      # 200, ETag, Last-Modified, 304s
        server.redirect("/old", "/rss", status=301)
        server.route("/slow", RSS_BYTES, drip_bytes_per_s=2)  # a byte at a time
        server.route("/reset", b"", reset=True)               # TCP RST, no response
        fetch_feed(client, server.url("/rss"))
        server.requests[0].headers["user-agent"]

Handlers stop at shutdown (drips check a stop flag), and `__exit__` joins
every handler thread, so pytest sees no leaked threads.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import hashlib
import socket
import struct
import sys
import threading
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import NamedTuple
from urllib.parse import urlsplit

# A fixed Last-Modified so conditional requests are reproducible.
LAST_MODIFIED = "Mon, 02 Jun 2025 08:00:00 GMT"


class RecordedRequest(NamedTuple):
    path: str  # with the query string
    headers: dict[str, str]  # lower-cased names


@dataclass
class Route:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: bool = True
    delay_s: float = 0.0
    drip_bytes_per_s: float | None = None
    gzip: bool = False
    reset: bool = False


class _Server(ThreadingHTTPServer):
    # Handler threads are joined at server_close(), so none outlive the test.
    daemon_threads = False
    block_on_close = True
    owner: FeedServer

    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up is normal here; anything else fails the test at exit."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            self.owner.errors.append(repr(error))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, True)

    def finish(self) -> None:
        self.server.owner._track(self.connection, False)
        super().finish()

    def do_GET(self) -> None:
        owner = self.server.owner
        owner._record(self.path, {k.lower(): v for k, v in self.headers.items()})
        route = owner._routes.get(urlsplit(self.path).path)
        if route is None:
            self._send(404, {"Content-Type": "text/plain"}, b"no such route\n")
            return
        if route.reset:
            # SO_LINGER with a zero timeout makes close() send RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if route.delay_s and owner._stopping.wait(route.delay_s):
            return
        body = gzip_module.compress(route.body) if route.gzip else route.body
        headers = {"Content-Type": route.content_type}
        if route.gzip:
            headers["Content-Encoding"] = "gzip"
        if route.etag and route.status == 200:
            tag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
            headers.update({"ETag": tag, "Last-Modified": LAST_MODIFIED})
            if _not_modified(
                self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"), tag
            ):
                self._send(304, headers, b"")
                return
        headers.update(route.headers)
        self._send(route.status, headers, body, drip=route.drip_bytes_per_s)

    def _send(
        self, status: int, headers: dict[str, str], body: bytes, drip: float | None = None
    ) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            if drip is None:
                self.wfile.write(body)
                return
            for i in range(len(body)):
                if self.server.owner._stopping.wait(1 / drip):
                    return
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up: that is the point


def _not_modified(if_none_match: str | None, if_modified_since: str | None, tag: str) -> bool:
    """RFC 9110 13.1: If-None-Match wins; If-Modified-Since only without it."""
    if if_none_match is not None:
        return tag in [t.strip() for t in if_none_match.split(",")] or if_none_match.strip() == "*"
    if if_modified_since:
        try:
            return parsedate_to_datetime(if_modified_since) >= parsedate_to_datetime(LAST_MODIFIED)
        except (TypeError, ValueError):
            return False
    return False


class FeedServer:
    """A threaded HTTP server on 127.0.0.1:0 serving routes you define."""

    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # exceptions raised in handlers
        self._connections: set[socket.socket] = set()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopping.set()
        self._server.shutdown()
        # A client's idle keep-alive connection would hold its handler thread
        # in a blocking read forever; shut them so server_close can join.
        with self._lock:
            for conn in list(self._connections):
                with contextlib.suppress(OSError):  # already closed by the client
                    conn.shutdown(socket.SHUT_RDWR)
        self._server.server_close()  # joins handler threads
        self._thread.join(timeout=5)
        if self.errors and exc_type is None:
            raise AssertionError(f"FeedServer handler errors: {self.errors}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(
        self,
        path: str,
        body: bytes,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str = "application/rss+xml; charset=utf-8",
        etag: bool = True,
        delay_s: float = 0.0,
        drip_bytes_per_s: float | None = None,
        gzip: bool = False,
        reset: bool = False,
    ) -> None:
        """Serve body at path; `reset=True` drops the connection with a TCP RST instead."""
        self._routes[path] = Route(
            body,
            status,
            dict(headers or {}),
            content_type,
            etag,
            delay_s,
            drip_bytes_per_s,
            gzip,
            reset,
        )

    def redirect(self, path: str, location: str, *, status: int = 302) -> None:
        """A redirect; a location starting with "/" points back at this server."""
        target = self.url(location) if location.startswith("/") else location
        self.route(path, b"", status=status, headers={"Location": target}, etag=False)

    def _track(self, conn: socket.socket, alive: bool) -> None:
        with self._lock:
            if alive:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(RecordedRequest(path, headers))

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]


def http_date(when: float) -> str:
    """An HTTP-date for `when` (seconds since the epoch), for Retry-After tests."""
    return formatdate(when, usegmt=True)
