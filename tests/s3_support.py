"""Test helpers for the S3 source: moto's S3 server on a loopback port, and a fault-injecting
HTTP proxy placed between the client and moto (503 SlowDown answers, connections reset in the
middle of a response, AccessDenied for chosen keys), deterministic and bounded."""

from __future__ import annotations

import http.client
import logging
import socket
import struct
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from moto.server import ThreadedMotoServer

# plan(request_number, method, path) -> None | "slowdown" | "reset" | "cut" | "corrupt" | "norange"
# ("norange" forwards a ranged GET without its Range header, like a store that ignores it)
FaultPlan = Callable[[int, str, str], "str | None"]

_ERROR_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    "<Error><Code>{code}</Code><Message>{message}</Message>"
    "<RequestId>PROXY{n:06d}</RequestId><HostId>fault-proxy</HostId></Error>"
)


@contextmanager
def loopback_s3() -> Iterator[str]:
    """moto's server with test credentials and none of the machine's AWS settings in the way."""
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        for var in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_SESSION_TOKEN"):
            mp.delenv(var, raising=False)
        mp.setenv("AWS_ACCESS_KEY_ID", "testing")
        mp.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        mp.setenv("AWS_DEFAULT_REGION", "us-east-1")
        mp.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        mp.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
        with moto_server() as url:
            yield url


@contextmanager
def moto_server() -> Iterator[str]:
    """moto in server mode on 127.0.0.1 and a free port; yields its endpoint URL."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@dataclass
class Record:
    """One request the proxy saw, and what it did with it."""

    n: int
    method: str
    path: str
    query: str
    range: str | None
    fault: str | None
    status: int = 0
    body_bytes: int = 0  # bytes of the upstream body the client was sent


def every_nth(period: int = 3, max_faults: int = 1000) -> FaultPlan:
    """Request n (1-based): n % period == period - 1 -> 503 SlowDown; n % period == 0 -> the
    connection dies mid-response, alternately by TCP RST ("reset") and by a clean close
    ("cut"); at most ``max_faults`` faults in all."""
    left = [max_faults]
    drops = [0]

    def plan(n: int, method: str, path: str) -> str | None:
        if left[0] <= 0:
            return None
        fault = None
        if n % period == period - 1:
            fault = "slowdown"
        elif n % period == 0:
            fault = "reset" if drops[0] % 2 == 0 else "cut"
            drops[0] += 1
        if fault:
            left[0] -= 1
        return fault

    return plan


class FaultProxy:
    """A loopback HTTP proxy in front of ``upstream`` that injects faults by ``plan`` and
    answers 403 AccessDenied for every path in ``deny``."""

    def __init__(self, upstream: str, plan: FaultPlan | None = None, deny: Collection[str] = ()) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.plan = plan or (lambda n, m, p: None)
        self.deny = frozenset(deny)
        self.records: list[Record] = []
        self._lock = threading.Lock()
        self._count = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.proxy = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def _decide(self, method: str, path: str, query: str, rng: str | None) -> Record:
        with self._lock:
            self._count += 1
            n = self._count
            fault = "deny" if path in self.deny else self.plan(n, method, path)
            rec = Record(n, method, path, query, rng, fault)
            self.records.append(rec)
        return rec

    def object_gets(self, path: str | None = None) -> list[Record]:
        """GetObject requests (a GET on /bucket/key), optionally for one path."""
        return [
            r for r in self.records if r.method == "GET" and r.path.count("/") >= 2 and (path is None or r.path == path)
        ]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        self._relay()

    do_PUT = do_POST = do_DELETE = do_HEAD = do_GET

    def _relay(self) -> None:
        proxy: FaultProxy = self.server.proxy  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        rec = proxy._decide(self.command, parts.path, parts.query, self.headers.get("Range"))
        if rec.fault == "deny":
            self._error(rec, 403, "AccessDenied", "Access Denied")
            return
        if rec.fault == "slowdown":
            self._error(rec, 503, "SlowDown", "Please reduce your request rate.")
            return
        conn = http.client.HTTPConnection(*proxy.upstream, timeout=30)
        dropped = ("connection", "expect", "keep-alive") + (("range",) if rec.fault == "norange" else ())
        headers = {k: v for k, v in self.headers.items() if k.lower() not in dropped}
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        rec.status = resp.status
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in ("connection", "transfer-encoding", "content-length", "keep-alive"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if rec.fault == "corrupt" and data:
            mid = len(data) // 2
            data = data[:mid] + bytes([data[mid] ^ 0x01]) + data[mid + 1 :]
        if rec.fault in ("reset", "cut"):
            half = len(data) // 2
            rec.body_bytes = half
            self.wfile.write(data[:half])
            self.wfile.flush()
            self._drop(rst=rec.fault == "reset")
            return
        rec.body_bytes = len(data)
        self.wfile.write(data)

    def _error(self, rec: Record, status: int, code: str, message: str) -> None:
        payload = _ERROR_XML.format(code=code, message=message, n=rec.n).encode()
        rec.status = status
        self.send_response_only(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _drop(self, rst: bool) -> None:
        """End the connection in the middle of the response: a TCP RST (SO_LINGER 0; the client
        may lose bytes it has not read yet) or a clean close (the client reads what was sent,
        then finds the body short)."""
        self.close_connection = True
        try:
            if rst:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                self.connection.shutdown(socket.SHUT_WR)
            self.connection.close()
        except OSError:
            pass

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
