"""A local HTTP server for the download tests: 127.0.0.1 only, routes set by each test."""

from __future__ import annotations

import contextlib
import http.server
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers ``routes[path] = (status, headers, body)`` (else 404) and counts ``hits``."""

    routes: dict = {}
    hits: dict = {}

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - the http.server name
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        status, headers, body = self.routes.get(self.path, (404, {}, b"no"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # in pieces: a check of the body must follow it across reads
        for at in range(0, len(body), 300):
            self.wfile.write(body[at:at + 300])
            self.wfile.flush()


@contextlib.contextmanager
def serve():
    """A running server; yields its handler class (``routes``, ``hits``, ``url``)."""
    handler = type("H", (Handler,), {"routes": {}, "hits": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{httpd.server_port}"
    try:
        yield handler
    finally:
        httpd.shutdown()
        httpd.server_close()
