"""The front door of ``ashraf-kg serve``: a small HTTP relay before Oxigraph server.

Oxigraph server listens on a private loopback port; the gate listens where the user asked
and relays each request, after refusing what Oxigraph itself cannot be told to refuse: a
query using ``SERVICE`` (which would make the server fetch from any address named in
it), unless allowed, and requests over :data:`MAX_REQUEST_BYTES`. Answers are streamed
through as they come.

A query still running after the time limit is answered 503, and the server is restarted:
Oxigraph goes on computing a query its client has left (its own ``--timeout-s`` does not
stop a query that reads no data), so a restart is the one way to stop it. Queries that
were running at that moment are answered 502.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..errors import ServerError
from .endpoint import uses_service

MAX_REQUEST_BYTES = 10 * 1024 * 1024
# Headers of one connection, not of the request or answer (RFC 9110, 7.6.1).
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
               "trailer", "transfer-encoding", "upgrade"}


class Gate(ThreadingHTTPServer):
    """The relay; ``backend`` is Oxigraph's ``(host, port)``, set once it runs."""

    daemon_threads = True
    allow_reuse_address = True  # restart at once on the port a stopped server left

    def __init__(self, host: str, port: int, *, allow_service: bool, time_limit: float | None,
                 restart=None):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        try:
            super().__init__((host, port or 0), _Relay)
        except OSError as error:
            raise ServerError(f"cannot listen on {host}:{port}: {error.strerror}",
                              hint="another program listens on that port: stop it, or choose "
                                   "another port (0 picks a free one)") from None
        self.allow_service, self.time_limit, self._restart = allow_service, time_limit, restart
        self.backend: tuple[str, int] | None = None
        self._lock = threading.Lock()
        # Restarts run on one long-lived thread: a server started from a request's thread
        # would be stopped when that thread ends (it asks for SIGTERM when its parent dies).
        self._keeper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ashraf-kg-restart")

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self, backend: tuple[str, int]) -> None:
        self.backend = backend
        threading.Thread(target=self.serve_forever, daemon=True, name="ashraf-kg-gate").start()

    def overrun(self, backend: tuple[str, int]) -> None:
        """A query ran past the limit on ``backend``: restart it (once, whoever asks)."""
        with self._lock:
            if self._restart is not None and self.backend == backend:
                self.backend = self._keeper.submit(self._restart).result()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._keeper.shutdown()


def queries_in(path: str, content_type: str, body: bytes) -> list[str]:
    """Every query or update text a request carries: in the URL, a form, or a raw body."""
    found = []
    fields = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    media = content_type.split(";")[0].strip().lower()
    if body:
        text = body.decode("utf-8", "replace")
        if media == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(text).items():
                fields.setdefault(key, []).extend(values)
        else:
            found.append(text)  # a raw SPARQL query or update, or something Oxigraph refuses
    for key in ("query", "update"):
        found.extend(fields.get(key, []))
    return found


class _Relay(BaseHTTPRequestHandler):
    server: Gate
    server_version = "ashraf-kg"

    def do_GET(self):  # noqa: N802 - the names http.server calls
        self._relay()

    do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = do_GET

    def log_message(self, *args) -> None:
        pass  # a quiet server: the command prints its URL and nothing per request

    def _relay(self) -> None:
        if self.headers.get("Transfer-Encoding"):
            return self._refuse(411, "send the request with a Content-Length")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            return self._refuse(413, f"requests are limited to {MAX_REQUEST_BYTES >> 20} MB")
        body = self.rfile.read(length) if length > 0 else b""
        texts = queries_in(self.path, self.headers.get("Content-Type", ""), body)
        if not self.server.allow_service and any(uses_service(text) for text in texts):
            return self._refuse(403, "SERVICE is refused by this server: it would fetch from "
                                     "other servers (start it with --allow-service to allow it)")
        self._pass_on(body)

    def _pass_on(self, body: bytes) -> None:
        backend, limit, started = self.server.backend, self.server.time_limit, time.monotonic()
        connection = http.client.HTTPConnection(*backend, timeout=limit)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        try:
            connection.request(self.command, self.path, body=body or None, headers=headers)
            answer = connection.getresponse()
        except TimeoutError:
            connection.close()
            self.server.overrun(backend)
            return self._refuse(503, f"the query did not finish within {limit:g} s, the time "
                                     "limit of this server; it was stopped")
        except (OSError, http.client.HTTPException):
            connection.close()
            return self._refuse(502, "the SPARQL server behind this address did not answer")
        try:
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.end_headers()
            while self.command != "HEAD" and (chunk := answer.read1(1 << 16)):
                if limit is not None and time.monotonic() - started > limit:
                    self.server.overrun(backend)  # an answer cut short: the client sees it end early
                    break
                self.wfile.write(chunk)
        except TimeoutError:
            self.server.overrun(backend)
            self.close_connection = True
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # the client left, or Oxigraph did: nothing to say
        finally:
            connection.close()

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
