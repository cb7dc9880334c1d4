"""A small misbehaving platform on 127.0.0.1: each test says how it misbehaves.

The routes are plain functions of the request handler, so a test can answer slowly, drip bytes,
send a 100 MB page or deeply nested JSON, or count what the console sent. Whatever a test does not
override answers like a well-behaved platform (a fixed merchant, staff member and refund pages).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

Route = Callable[["Handler"], None]


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def me_doc(role: str = "operator") -> dict:
    return {"merchant": {"id": "m_1", "name": "Hostile Cards"}, "staff": {"id": "s_1", "name": "Wang", "role": role},
            "policy": {"response_hours": 24, "fast_refund_minutes": 30, "urge_escalation_hours": 12,
                       "refund_window_minutes": 15, "appeal_days": 7, "statement_hours": 48, "batch_max_count": 20,
                       "batch_max_fen": 600000, "reason_min_chars": 2, "reason_max_chars": 200,
                       "merchant_evidence_max_bytes": 131072, "merchant_evidence_max_count": 5},
            "server_time": iso(datetime.now(UTC))}


def refund_doc(rid: str, *, version: int = 1, status: str = "awaiting_merchant", **over) -> dict:
    now = datetime.now(UTC)
    doc = {"id": rid, "version": version, "order_no": f"KM{abs(hash(rid)) % 10**12:012d}",
           "product": {"sku": "APPLE-100", "name": "App Store 充值卡 100元", "category": "gift_card",
                       "face_value_fen": 10000},
           "quantity": 1, "paid_fen": 8870, "currency": "CNY", "payment_channel": "alipay",
           "buyer": {"id": "b_1", "nickname": "小确幸", "refunds_90d": 0, "orders_90d": 10},
           "delivered_at": iso(now - timedelta(days=1)), "card": {"status": "unused", "used_fen": 0},
           "type": "other", "requested_fen": 8870, "reason": "面额选择失误", "status": status,
           "submitted_at": iso(now - timedelta(hours=1)), "due_at": iso(now + timedelta(hours=23)),
           "fast_refund": False, "auto_approve_at": None, "urged_at": None, "escalates_at": None,
           "previous_refund_id": None, "evidence": [], "decision": None, "appeal": None, "payout": None,
           "timeline": [], "updated_at": iso(now - timedelta(hours=1))}
    for key, value in over.items():
        if "." in key:
            outer, inner = key.split(".", 1)
            doc[outer] = dict(doc[outer], **{inner: value})
        else:
            doc[key] = value
    return doc


def decided(doc: dict, body: dict) -> dict:
    """The refund as a platform returns it after taking the staff member's decision."""
    return dict(doc, version=doc["version"] + 1, status="approved" if body.get("action") != "reject" else "rejected",
                decision={"action": body.get("action"), "amount_fen": body.get("amount_fen"),
                          "reason_code": body.get("reason_code"), "reason_text": body.get("reason_text"),
                          "evidence_ids": [], "by": {"kind": "staff", "id": "s_1", "name": "Wang"},
                          "at": iso(datetime.now(UTC))})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 3  # seconds an idle keep-alive connection is kept
    server: _Server

    def log_message(self, *args) -> None:  # quiet: the test output is the report
        pass

    @property
    def route_path(self) -> str:
        return urlsplit(self.path).path

    @property
    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

    def body(self) -> bytes:
        n = int(self.headers.get("content-length") or 0)
        return self.rfile.read(n) if n else b""

    def send_json(self, obj, status: int = 200, headers: dict | None = None, raw: bytes | None = None) -> None:
        data = raw if raw is not None else json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def drip(self, data: bytes, every_s: float) -> None:
        """Write `data` one byte at a time, `every_s` apart (stops when the platform is stopped)."""
        for i in range(len(data)):
            if self.server.stopping.wait(every_s):
                return
            self.wfile.write(data[i:i + 1])
            self.wfile.flush()

    def _dispatch(self, method: str) -> None:
        self.server.seen.append((method, self.path, dict(self.headers)))
        key = f"{method} {self.route_path}"
        route = self.server.routes.get(key) or self.server.routes.get(f"{method} *")
        try:
            if route is not None:
                route(self)
            else:
                self.server.platform.default(self, method)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")


class _Server(ThreadingHTTPServer):
    # handler threads are joined at server_close (block_on_close), so none outlives its test; an idle
    # keep-alive connection ends after Handler.timeout
    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True


class HostilePlatform:
    """Start with `with HostilePlatform() as hp:`; `hp.routes["GET /api/v1/me"] = fn` to misbehave."""

    def __init__(self) -> None:
        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.routes = {}
        self.server.seen = []
        self.server.stopping = threading.Event()
        self.server.platform = self
        self.refunds: dict[str, dict] = {}
        self.decisions: list[tuple[str, str, dict]] = []  # (refund id, idempotency key, body) as received
        self.lock = threading.Lock()
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="hostile-platform", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def routes(self) -> dict[str, Route]:
        return self.server.routes

    @property
    def seen(self) -> list:
        return self.server.seen

    def start(self) -> HostilePlatform:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    def __enter__(self) -> HostilePlatform:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- a well-behaved platform for what a test leaves alone ---------------------------------

    def default(self, h: Handler, method: str) -> None:
        path = h.route_path
        if path == "/api/v1/me":
            return h.send_json(me_doc())
        if path == "/api/v1/reason-codes":
            return h.send_json([])
        if path == "/api/v1/refunds/changes":
            with self.lock:
                items = list(self.refunds.values())
            done = h.query.get("cursor") == "end"
            return h.send_json({"items": [] if done else items, "next_cursor": "end", "has_more": False})
        if method == "POST" and path.startswith("/api/v1/refunds/") and path.endswith("/decision"):
            rid = path.split("/")[4]
            body = json.loads(h.body() or b"{}")
            with self.lock:
                self.decisions.append((rid, h.headers.get("Idempotency-Key"), body))
                doc = self.refunds.get(rid) or refund_doc(rid)
            return h.send_json(decided(doc, body))
        if path.startswith("/api/v1/refunds/"):
            rid = path.split("/")[4]
            with self.lock:
                doc = self.refunds.get(rid)
            if doc is None:
                return h.send_json({"error": {"code": "not_found", "message": "no such refund"}}, 404)
            return h.send_json(doc)
        h.send_json({"error": {"code": "not_found", "message": path}}, 404)
