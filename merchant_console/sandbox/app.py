"""The sandbox platform's HTTP face: every route of the contract under /api/v1, plus /sandbox/*.

Hot paths answer with stored JSON bytes (`Response(content=...)`); no pydantic models. A small
ASGI middleware stamps every response with a `Date` in platform time and injects the configured
faults into /api/v1/* only.
"""

from __future__ import annotations

import asyncio
import json
from email.utils import formatdate
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from merchant_console.core.clock import format_rfc3339
from merchant_console.core.status import DECIDING_ROLES

from . import openapi as doc
from .errors import ApiError, error_body
from .world import Staff, World, dumps

JSON = "application/json"


def _json(body: bytes, status: int = 200) -> Response:
    return Response(content=body, status_code=status, media_type=JSON)


async def _send_error(send: Send, err: ApiError, date: bytes) -> None:
    body = err.body()
    headers = [(b"content-type", JSON.encode()), (b"content-length", str(len(body)).encode()), (b"date", date)]
    headers += [(k.lower().encode(), v.encode()) for k, v in err.headers.items()]
    await send({"type": "http.response.start", "status": err.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class PlatformMiddleware:
    """Date header in platform time on every response; faults for /api/v1/*."""

    def __init__(self, app: ASGIApp, world: World) -> None:
        self.app = app
        self.world = world

    def _date(self) -> bytes:
        return formatdate(self.world.now_ms() / 1000, usegmt=True).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_dated(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"date"]
                headers.append((b"date", self._date()))
                message = {**message, "headers": headers}
            await send(message)

        if scope["path"].startswith("/api/v1/"):
            plan = self.world.fault_plan()
            if plan.latency_s:
                await asyncio.sleep(plan.latency_s)
            if plan.error is not None:
                await _send_error(send, plan.error, self._date())
                return
            if plan.drop_after_commit:
                async def swallow(message: Message) -> None:
                    return None

                # Fully processed and committed; the answer is lost on the way back (a replay
                # with the same Idempotency-Key returns the original response).
                await self.app(scope, receive, swallow)
                await _send_error(send, ApiError(502, "bad_gateway", "the response was lost after the change "
                                                 "was committed (sandbox fault)"), self._date())
                return
        await self.app(scope, receive, send_dated)


def create_app(world: World) -> FastAPI:
    """The FastAPI application serving `world`."""
    # the OpenAPI document is served (vendors and tests read it); the HTML docs pages stay off
    app = FastAPI(title="Merchant Console sandbox platform", version=doc.API_VERSION, description=doc.DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    doc.finish(app)
    app.add_middleware(PlatformMiddleware, world=world)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return Response(content=exc.body(), status_code=exc.status, media_type=JSON, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
        return Response(content=error_body(code, str(exc.detail)), status_code=exc.status_code, media_type=JSON,
                        headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return Response(content=error_body("bad_request", "malformed request"), status_code=400, media_type=JSON)

    def staff_of(request: Request, *, decide: bool = False) -> Staff:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        staff = world.staff_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
        if staff is None:
            raise ApiError(401, "unauthenticated", "missing or unknown bearer token")
        if decide and staff.role not in DECIDING_ROLES:
            raise ApiError(403, "forbidden", f"the {staff.role} role cannot do this")
        return staff

    waiters: set[asyncio.Future[None]] = set()
    wiring: list[Any] = []

    def wire(loop: asyncio.AbstractEventLoop) -> None:
        """World changes (from any thread) wake this loop's long-polls."""
        def wake_all() -> None:
            for fut in list(waiters):
                if not fut.done():
                    fut.set_result(None)

        def listener() -> None:
            if not loop.is_closed():
                loop.call_soon_threadsafe(wake_all)

        world.subscribe(listener)
        wiring.append(listener)

    async def long_poll(cursor: str, limit: int, wait: float) -> bytes:
        """Wait (without holding a thread) until something changes after `cursor`, or `wait` passes."""
        loop = asyncio.get_running_loop()
        if not wiring:
            wire(loop)
        after = world.cursor_seq(cursor)
        deadline = loop.time() + wait
        while world.seq <= after and not world.stopping:
            left = deadline - loop.time()
            if left <= 0:
                break
            nxt = world.next_timer_ms()
            if nxt is not None:  # wake for a platform timer due during the wait
                left = min(left, max(0.001, (nxt - world.now_ms()) / 1000))
            fut = loop.create_future()
            waiters.add(fut)
            try:
                await asyncio.wait({fut}, timeout=left)
            finally:
                waiters.discard(fut)
            world.fire_due()
        if world.stopping:
            raise ApiError(503, "unavailable", "the platform is shutting down")
        return world.changes(cursor, limit, 0)

    def int_param(request: Request, name: str, default: int) -> int:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError:
            raise ApiError(400, "bad_request", f"{name} must be an integer", {name: raw[:40]}) from None

    # -- the contract ----------------------------------------------------------------------------
    @app.get("/api/v1/me", summary="Who the token belongs to, the platform policy and server time",
             responses=doc.responses(schema="Me", errors=doc.API_ERRORS))
    async def me(request: Request) -> Response:
        return _json(world.me_json(staff_of(request)))

    @app.get("/api/v1/reason-codes", summary="Reason codes, the actions each applies to, bilingual labels",
             responses=doc.responses(schema="ReasonCodes", errors=doc.API_ERRORS))
    async def reason_codes(request: Request) -> Response:
        staff_of(request)
        return _json(world.reason_codes_json())

    @app.get("/api/v1/refunds/changes", summary="Refunds changed after a cursor, oldest change first (long poll)",
             openapi_extra=doc.CHANGES,
             responses=doc.responses(schema="ChangesPage", errors=(400, 410, *doc.API_ERRORS)))
    async def changes(request: Request) -> Response:
        staff_of(request)
        cursor = request.query_params.get("cursor", "")
        limit = int_param(request, "limit", 200)
        try:
            wait = float(request.query_params.get("wait") or 0)
        except ValueError:
            raise ApiError(400, "bad_request", "wait must be a number of seconds") from None
        if not 0 <= wait <= 30:
            raise ApiError(400, "bad_request", "wait must be within 0..30 seconds", {"wait": wait})
        body = world.changes(cursor, limit, 0)
        if wait and body.startswith(b'{"items":[]'):
            body = await long_poll(cursor, limit, wait)
        return _json(body)

    @app.get("/api/v1/refunds/{refund_id}", summary="One refund as it is now",
             responses=doc.responses(schema="Refund", errors=(404, *doc.API_ERRORS)))
    async def refund(refund_id: str, request: Request) -> Response:
        staff_of(request)
        return _json(world.refund_json(refund_id))

    @app.post("/api/v1/refunds/{refund_id}/decision", summary="Approve, partly refund or reject (idempotent)",
              openapi_extra={**doc.WRITE, **doc.json_body("DecisionBody")},
              responses=doc.responses(schema="Refund", errors=(400, 403, 404, 409, 412, 422, *doc.API_ERRORS)))
    async def decision(refund_id: str, request: Request) -> Response:
        staff = staff_of(request, decide=True)
        body = await request.body()
        status, out = world.decide(staff, refund_id, request.headers.get("idempotency-key"),
                                              request.headers.get("if-match"), body)
        return _json(out, status)

    @app.post("/api/v1/refunds/{refund_id}/statement", summary="The merchant's one statement on an appeal (idempotent)",
              openapi_extra={**doc.WRITE, **doc.json_body("StatementBody")},
              responses=doc.responses(schema="Refund", errors=(400, 403, 404, 409, 412, 422, *doc.API_ERRORS)))
    async def statement(refund_id: str, request: Request) -> Response:
        staff = staff_of(request, decide=True)
        body = await request.body()
        status, out = world.statement(staff, refund_id,
                                              request.headers.get("idempotency-key"), request.headers.get("if-match"),
                                              body)
        return _json(out, status)

    # -- v1.1: the conversation, proposals, more time, evidence requests ----------------------------
    @app.get("/api/v1/refunds/{refund_id}/messages", summary="v1.1: the refund's conversation, oldest first",
             responses=doc.responses(schema="MessagesPage", errors=(404, *doc.API_ERRORS)))
    async def messages(refund_id: str, request: Request) -> Response:
        staff_of(request)
        return _json(world.messages_json(refund_id))

    @app.post("/api/v1/refunds/{refund_id}/messages", summary="v1.1: write to the buyer (idempotent)",
              openapi_extra={**doc.KEYED, **doc.json_body("MessageBody")}, status_code=201,
              responses=doc.responses(201, "Message", (400, 403, 404, 409, 422, *doc.API_ERRORS), "Sent"))
    async def post_message(refund_id: str, request: Request) -> Response:
        staff = staff_of(request, decide=True)
        body = await request.body()
        status, out = world.post_message(staff, refund_id, request.headers.get("idempotency-key"), body)
        return _json(out, status)

    @app.post("/api/v1/refunds/{refund_id}/proposal",
              summary="v1.1: propose a partial refund or a re-issued card to the buyer (idempotent)",
              openapi_extra={**doc.WRITE, **doc.json_body("ProposalBody")},
              responses=doc.responses(schema="Refund", errors=(400, 403, 404, 409, 412, 422, *doc.API_ERRORS)))
    async def proposal(refund_id: str, request: Request) -> Response:
        staff = staff_of(request, decide=True)
        body = await request.body()
        status, out = world.propose(staff, refund_id, request.headers.get("idempotency-key"),
                                    request.headers.get("if-match"), body)
        return _json(out, status)

    @app.post("/api/v1/refunds/{refund_id}/extension", summary="v1.1: more time to decide, once (idempotent)",
              openapi_extra={**doc.WRITE, **doc.json_body("ExtensionBody")},
              responses=doc.responses(schema="Refund", errors=(400, 403, 404, 409, 412, 422, *doc.API_ERRORS)))
    async def extension(refund_id: str, request: Request) -> Response:
        staff = staff_of(request, decide=True)
        body = await request.body()
        status, out = world.extend(staff, refund_id, request.headers.get("idempotency-key"),
                                   request.headers.get("if-match"), body)
        return _json(out, status)

    @app.post("/api/v1/refunds/{refund_id}/evidence-answer",
              summary="v1.1: answer customer service's evidence request (idempotent)",
              openapi_extra={**doc.WRITE, **doc.json_body("EvidenceAnswerBody")},
              responses=doc.responses(schema="Refund", errors=(400, 403, 404, 409, 412, 422, *doc.API_ERRORS)))
    async def evidence_answer(refund_id: str, request: Request) -> Response:
        staff = staff_of(request, decide=True)
        body = await request.body()
        status, out = world.evidence_answer(staff, refund_id, request.headers.get("idempotency-key"),
                                            request.headers.get("if-match"), body)
        return _json(out, status)

    @app.post("/api/v1/merchant-evidence", summary="Upload one image for a decision or statement",
              openapi_extra=doc.UPLOAD, status_code=201,
              responses=doc.responses(201, "MerchantEvidence", (403, 413, 415, *doc.API_ERRORS), "Stored"))
    async def merchant_evidence(request: Request) -> Response:
        staff_of(request, decide=True)
        limit = world.policy.merchant_evidence_max_bytes
        too_large = ApiError(413, "too_large", f"images may have at most {limit} bytes", {"max_bytes": limit})
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large
            chunks.append(chunk)
        status, out = world.add_merchant_evidence(request.headers.get("content-type"),
                                              b"".join(chunks))
        return _json(out, status)

    @app.get("/api/v1/evidence/{evidence_id}", summary="The bytes of buyer or merchant evidence",
             openapi_extra=doc.EVIDENCE, responses=doc.errors_of(404, *doc.API_ERRORS))
    async def evidence(evidence_id: str, request: Request) -> Response:
        staff_of(request)
        ctype, data, sha = world.evidence(evidence_id)
        etag = f'"{sha}"'
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers={"ETag": etag})
        return Response(content=data, media_type=ctype,
                        headers={"ETag": etag, "Cache-Control": "private, max-age=86400"})

    # -- sandbox only ----------------------------------------------------------------------------
    async def body_json(request: Request) -> dict[str, Any]:
        raw = await request.body()
        if not raw.strip():
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            raise ApiError(400, "bad_request", "body must be a JSON object") from None
        if not isinstance(data, dict):
            raise ApiError(400, "bad_request", "body must be a JSON object")
        return data

    def sandbox_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "bad_request", str(exc)) from None

    @app.post("/sandbox/clock/advance", summary="Sandbox: move platform time forward; due timers fire",
              openapi_extra=doc.json_body({"type": "object", "properties": {"seconds": {"type": "number"}}}))
    async def advance(request: Request) -> Response:
        data = await body_json(request)
        seconds = data.get("seconds")
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise ApiError(400, "bad_request", "seconds must be a non-negative number")
        fired = sandbox_call(world.advance, seconds)
        return _json(dumps({"fired": fired, "now": format_rfc3339(world.now_ms())}))

    @app.post("/sandbox/waits/release", summary="Sandbox: answer every long poll in flight now")
    async def release_waits(request: Request) -> Response:
        world.release_waits()
        return _json(b"{}")

    @app.get("/sandbox/clock", summary="Sandbox: the platform's time")
    async def clock(request: Request) -> Response:
        return _json(dumps({"now": format_rfc3339(world.now_ms())}))

    @app.post("/sandbox/faults", summary="Sandbox: replace the injected faults (all off when omitted)",
              openapi_extra=doc.json_body(doc.FAULTS))
    async def set_faults(request: Request) -> Response:
        data = await body_json(request)
        sandbox_call(world.set_faults, **data)
        return _json(world.faults_json())

    @app.get("/sandbox/faults", summary="Sandbox: the injected faults")
    async def get_faults(request: Request) -> Response:
        return _json(world.faults_json())

    @app.post("/sandbox/refunds", summary="Sandbox: new refunds (fresh, or with a history up to a status)",
              openapi_extra=doc.json_body(doc.ADD_REFUNDS, required=False), status_code=201)
    async def add_refunds(request: Request) -> Response:
        data = await body_json(request)
        count = data.pop("count", 1)
        if isinstance(count, bool) or not isinstance(count, int):
            raise ApiError(400, "bad_request", "count must be an integer")
        ids = sandbox_call(world.add_refunds, count, **data)
        return _json(dumps({"ids": ids}), 201)

    @app.post("/sandbox/refunds/{refund_id}/urge", summary="Sandbox: the buyer urges (after due_at)")
    async def urge(refund_id: str, request: Request) -> Response:
        return _json(dumps(world.urge(refund_id)))

    @app.post("/sandbox/refunds/{refund_id}/cancel", summary="Sandbox: the buyer withdraws the request")
    async def cancel(refund_id: str, request: Request) -> Response:
        return _json(dumps(world.cancel(refund_id)))

    @app.post("/sandbox/refunds/{refund_id}/appeal", summary="Sandbox: the buyer appeals a rejection",
              openapi_extra=doc.json_body({"type": "object", "properties": {"reason": {"type": "string"}}},
                                          required=False))
    async def appeal(refund_id: str, request: Request) -> Response:
        data = await body_json(request)
        reason = data.get("reason") or "商家拒绝理由不成立,请平台介入处理"
        if not isinstance(reason, str):
            raise ApiError(400, "bad_request", "reason must be text")
        return _json(dumps(world.appeal(refund_id, reason)))

    @app.post("/sandbox/refunds/{refund_id}/resubmit", status_code=201,
              summary="Sandbox: the buyer resubmits a refund rejected for insufficient evidence")
    async def resubmit(refund_id: str, request: Request) -> Response:
        new_id = world.resubmit(refund_id)
        return _json(world.refund_json(new_id), 201)

    @app.post("/sandbox/refunds/{refund_id}/buyer-message", status_code=201,
              summary="Sandbox (v1.1): the buyer writes (a natural text when none is given)",
              openapi_extra=doc.json_body(doc.BUYER_MESSAGE, required=False))
    async def buyer_message(refund_id: str, request: Request) -> Response:
        data = await body_json(request)
        unknown = set(data) - {"text", "images"}
        if unknown:
            raise ApiError(400, "bad_request", f"unknown fields: {sorted(unknown)}")
        msg, refund_doc = sandbox_call(world.buyer_message, refund_id, data.get("text"), data.get("images", 0))
        return _json(dumps({"message": msg, "refund": refund_doc}), 201)

    @app.post("/sandbox/refunds/{refund_id}/answer-proposal",
              summary="Sandbox (v1.1): the buyer accepts or declines the pending proposal",
              openapi_extra=doc.json_body(doc.ANSWER_PROPOSAL))
    async def answer_proposal(refund_id: str, request: Request) -> Response:
        data = await body_json(request)
        return _json(dumps(sandbox_call(world.answer_proposal, refund_id, data.get("accept"), data.get("message"))))

    @app.post("/sandbox/refunds/{refund_id}/request-evidence",
              summary="Sandbox (v1.1): customer service asks the merchant for evidence",
              openapi_extra=doc.json_body(doc.REQUEST_EVIDENCE, required=False))
    async def request_evidence(refund_id: str, request: Request) -> Response:
        data = await body_json(request)
        return _json(dumps(sandbox_call(world.request_evidence, refund_id, data.get("question"), data.get("hours"))))

    @app.post("/sandbox/simulation",
              summary="Sandbox (v1.1): switch the simulated buyers and customer service on or off",
              openapi_extra=doc.json_body(doc.SIMULATION))
    async def set_simulation(request: Request) -> Response:
        data = await body_json(request)
        unknown = set(data) - {"buyers", "customer_service"}
        if unknown:
            raise ApiError(400, "bad_request", f"unknown fields: {sorted(unknown)}")
        return _json(dumps(sandbox_call(world.set_simulation, data.get("buyers"), data.get("customer_service"))))

    @app.get("/sandbox/simulation", summary="Sandbox (v1.1): whether buyers and customer service act by themselves")
    async def get_simulation(request: Request) -> Response:
        return _json(dumps(world.simulation()))

    @app.post("/sandbox/refunds/{refund_id}/corrupt", summary="Sandbox: serve a malformed newer version of a refund",
              openapi_extra=doc.json_body({"type": "object", "properties": {"patch": {"type": "object"}}}))
    async def corrupt(refund_id: str, request: Request) -> Response:
        data = await body_json(request)
        patch = data.get("patch")
        if not isinstance(patch, dict):
            raise ApiError(400, "bad_request", "patch must be an object")
        world.corrupt(refund_id, patch)
        return _json(b'{"corrupted":true}')

    @app.post("/sandbox/cursors/expire", summary="Sandbox: every cursor issued so far answers 410")
    async def expire_cursors(request: Request) -> Response:
        world.expire_cursors()
        return _json(b'{"expired":true}')

    @app.get("/sandbox/snapshot", summary="Sandbox: id -> version of every refund")
    async def snapshot(request: Request) -> Response:
        return _json(dumps({"refunds": world.snapshot()}))

    return app
