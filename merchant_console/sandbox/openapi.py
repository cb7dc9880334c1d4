"""What the sandbox's OpenAPI document (GET /openapi.json) says beyond what FastAPI can infer.

The handlers read headers, query parameters and bodies from the raw Request and answer with stored
JSON bytes (no pydantic models, for speed), so FastAPI alone would publish bare paths: no query
parameters, no headers, no bodies, and a 422 validation answer this platform never gives (it answers
400 bad_request). The fragments here are given to the routes as `openapi_extra` and `responses`;
`finish` adds the bearer scheme and the shared schemas. docs/platform-api.md is the prose contract.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

API_VERSION = "1.1"
DESCRIPTION = (
    "The Platform Merchant API v1 as the sandbox platform serves it: a real HTTP server with seeded "
    "refunds, the platform's timers and injectable faults, for the demo, the tests and platform vendors. "
    "Everything under /api/v1 needs `Authorization: Bearer <token>` (the sandbox prints one token per "
    "role when it starts). Money is integer fen, times are RFC 3339 UTC with milliseconds. Errors are "
    '`{"error": {"code", "message", "details"}}`. The /sandbox/* routes exist only here: they move the '
    "platform clock, inject faults and act as the buyer or customer service. v1.1 is implemented: the "
    "conversation (messages), proposals (negotiating / reissued), one deadline extension and customer "
    "service's evidence requests, with seeded buyers and customer service who answer by themselves. "
    "Prose: docs/platform-api.md in the Merchant Console project."
)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


_ERROR_TEXT = {
    400: "bad_request: a malformed header, parameter or body",
    401: "unauthenticated: no or unknown bearer token",
    403: "forbidden: the staff member's role may not do this",
    404: "not_found",
    409: "the refund is not in a state that allows this (not_awaiting_merchant, not_appealed, conversation_closed, "
         "too_many_unanswered, no_open_request); details.refund holds it as it is now",
    410: "cursor_expired: start again from an empty cursor",
    412: "version_mismatch: If-Match is not the refund's version; details.refund holds it as it is now",
    413: "too_large: over policy.merchant_evidence_max_bytes",
    415: "unsupported_type: not a PNG, JPEG or WebP image of the declared type",
    422: "invalid_decision / invalid_proposal (details.fields), extension_not_allowed (details.reason) or "
         "idempotency_key_reused",
    429: "rate_limited (Retry-After)",
    503: "maintenance (Retry-After; the message is an announcement) or unavailable",
}


def responses(ok: int = 200, schema: str | None = None, errors: tuple[int, ...] = (),
              ok_text: str = "Success") -> dict[int | str, dict[str, Any]]:
    """The `responses=` of one route: its success answer and the contract errors it can give."""
    out: dict[int | str, dict[str, Any]] = {
        ok: {"description": ok_text, "content": _json_content(_ref(schema) if schema else {"type": "object"})}}
    return {**out, **errors_of(*errors)}


def errors_of(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The contract error answers a route can give, each with the shared Error body."""
    return {s: {"description": _ERROR_TEXT[s], "content": _json_content(_ref("Error"))} for s in statuses}


API_ERRORS = (401, 429, 503)  # any /api/v1 call: token, injected rate limit, maintenance

WRITE_HEADERS = [
    {"name": "Idempotency-Key", "in": "header", "required": True,
     "description": "1–255 characters, made by the client and kept with the action before the first attempt; "
                    "a replay with the same body within 24 h returns the first answer",
     "schema": {"type": "string", "maxLength": 255}},
    {"name": "If-Match", "in": "header", "required": True,
     "description": 'the refund version the merchant saw, quoted: "3"', "schema": {"type": "string"}},
]


def json_body(schema: str | dict[str, Any], *, required: bool = True) -> dict[str, Any]:
    """`openapi_extra` for a JSON request body."""
    return {"requestBody": {"required": required,
                            "content": _json_content(_ref(schema) if isinstance(schema, str) else schema)}}


CHANGES = {"parameters": [
    {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string", "default": ""},
     "description": "next_cursor of the previous page; empty = from the beginning"},
    {"name": "limit", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 200}},
    {"name": "wait", "in": "query", "required": False,
     "schema": {"type": "number", "minimum": 0, "maximum": 30, "default": 0},
     "description": "seconds to hold the request open when nothing changed after the cursor (long poll)"},
]}

WRITE = {"parameters": WRITE_HEADERS}
KEYED = {"parameters": WRITE_HEADERS[:1]}  # a message: Idempotency-Key only (the refund's state does not change)

UPLOAD = {"requestBody": {"required": True, "content": {
    ctype: {"schema": {"type": "string", "format": "binary"}} for ctype in ("image/png", "image/jpeg", "image/webp")}}}

EVIDENCE = {
    "parameters": [{"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                    "description": "the ETag of a copy already held: 304 when it is still the same"}],
    "responses": {"200": {"description": "The image bytes; ETag is the quoted SHA-256 of the body",
                          "content": {ctype: {"schema": {"type": "string", "format": "binary"}}
                                      for ctype in ("image/png", "image/jpeg", "image/webp")},
                          "headers": {"ETag": {"schema": {"type": "string"}}}},
                  "304": {"description": "Not modified"}}}

_FEN = {"type": "integer", "minimum": 0, "description": "integer fen (1/100 yuan)"}
_TIME = {"type": "string", "format": "date-time"}
_TIME_OR_NULL = {"type": ["string", "null"], "format": "date-time"}  # OpenAPI 3.1: JSON Schema types
_BY = {"type": "object", "properties": {"kind": {"type": "string", "enum": ["staff", "platform_auto", "platform_cs"]},
                                        "id": {"type": "string"}, "name": {"type": "string"}}}
_EVIDENCE_ITEM = {"type": "object", "properties": {
    "id": {"type": "string"}, "kind": {"type": "string", "enum": ["screenshot", "chat", "topup_record", "photo",
                                                                  "other"]},
    "content_type": {"type": "string"}, "bytes": {"type": "integer"}, "sha256": {"type": "string"},
    "uploaded_at": _TIME}}
_NULLABLE_OBJECT = {"type": ["object", "null"]}
_STAFF_BY = {"type": "object", "properties": {"kind": {"type": "string", "enum": ["staff"]}, "id": {"type": "string"},
                                              "name": {"type": "string"}}}
_IDS = {"type": "array", "items": {"type": "string"}}
STATUSES = ["awaiting_merchant", "platform_review", "refunding", "refunded", "payout_failed", "rejected", "appealed",
            "closed", "cancelled", "negotiating", "reissued"]

SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["code", "message", "details"],
        "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                       "details": {"type": "object", "description": "fields, refund, ..."}}}}},
    "Policy": {"type": "object", "additionalProperties": {"type": "integer"},
               "description": "response_hours, fast_refund_minutes, urge_escalation_hours, refund_window_minutes, "
                              "appeal_days, statement_hours, batch_max_count, batch_max_fen, reason_min_chars, "
                              "reason_max_chars, merchant_evidence_max_bytes, merchant_evidence_max_count; v1.1: "
                              "negotiation_response_hours, negotiation_max_rounds, message_max_chars, "
                              "message_max_images, message_max_unanswered, extension_max_hours, "
                              "evidence_request_hours"},
    "Me": {"type": "object", "properties": {
        "merchant": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
        "staff": {"type": "object", "properties": {
            "id": {"type": "string"}, "name": {"type": "string"},
            "role": {"type": "string", "enum": ["owner", "manager", "operator", "viewer"]}}},
        "policy": _ref("Policy"), "server_time": _TIME}},
    "ReasonCodes": {"type": "array", "items": {"type": "object", "properties": {
        "code": {"type": "string"}, "actions": {"type": "array", "items": {"type": "string"}},
        "label": {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}}}},
    "Refund": {"type": "object", "properties": {
        "id": {"type": "string"}, "version": {"type": "integer", "minimum": 1},
        "order_no": {"type": "string"},
        "product": {"type": "object", "properties": {
            "sku": {"type": "string"}, "name": {"type": "string"},
            "category": {"type": "string", "enum": ["game_card", "phone_topup", "gift_card", "membership", "other"]},
            "face_value_fen": _FEN}},
        "quantity": {"type": "integer"}, "paid_fen": _FEN, "currency": {"type": "string", "enum": ["CNY"]},
        "payment_channel": {"type": "string", "enum": ["alipay", "wechat", "bank_card", "balance"]},
        "buyer": {"type": "object", "properties": {
            "id": {"type": "string"}, "nickname": {"type": "string"}, "refunds_90d": {"type": "integer"},
            "orders_90d": {"type": "integer"}}},
        "delivered_at": _TIME_OR_NULL,
        "card": {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["unused", "activated", "partially_used", "unknown"]},
            "used_fen": _FEN}},
        "type": {"type": "string", "enum": ["not_received", "not_as_described", "other"]},
        "requested_fen": _FEN, "reason": {"type": "string"},
        "status": {"type": "string", "enum": STATUSES},
        "submitted_at": _TIME, "due_at": _TIME, "fast_refund": {"type": "boolean"},
        "auto_approve_at": _TIME_OR_NULL, "urged_at": _TIME_OR_NULL,
        "escalates_at": _TIME_OR_NULL, "previous_refund_id": {"type": ["string", "null"]},
        "evidence": {"type": "array", "items": _EVIDENCE_ITEM},
        "decision": {**_NULLABLE_OBJECT, "properties": {
            "action": {"type": "string", "enum": ["approve", "partial", "reject"]}, "amount_fen": _FEN,
            "reason_code": {"type": ["string", "null"]}, "reason_text": {"type": ["string", "null"]},
            "evidence_ids": {"type": "array", "items": {"type": "string"}}, "by": _BY, "at": _TIME}},
        "appeal": {**_NULLABLE_OBJECT, "properties": {
            "submitted_at": _TIME, "reason": {"type": "string"}, "evidence": {"type": "array", "items": _EVIDENCE_ITEM},
            "statement_due_at": _TIME, "statement": _NULLABLE_OBJECT}},
        "payout": {**_NULLABLE_OBJECT, "properties": {
            "channel": {"type": "string"}, "status": {"type": "string", "enum": ["processing", "paid", "failed"]},
            "eta": _TIME, "failure_reason": {"type": ["string", "null"]}}},
        "negotiation": {**_NULLABLE_OBJECT, "description": "v1.1: the latest proposal", "properties": {
            "round": {"type": "integer", "minimum": 1}, "kind": {"type": "string", "enum": ["partial", "reissue"]},
            "amount_fen": {"type": ["integer", "null"]}, "message": {"type": "string"}, "proposed_at": _TIME,
            "respond_by": _TIME, "by": _STAFF_BY,
            "state": {"type": "string", "enum": ["pending", "accepted", "declined", "expired"]},
            "answered_at": _TIME_OR_NULL, "buyer_message": {"type": ["string", "null"]}}},
        "extension": {**_NULLABLE_OBJECT, "description": "v1.1: the one extension of due_at", "properties": {
            "hours": {"type": "integer"}, "reason_code": {"type": "string"}, "reason_text": {"type": "string"},
            "at": _TIME, "by": _STAFF_BY}},
        "evidence_requests": {"type": "array", "description": "v1.1: customer service's requests", "items": {
            "type": "object", "properties": {
                "id": {"type": "string"}, "question": {"type": "string"}, "asked_at": _TIME, "due_at": _TIME,
                "answer": {**_NULLABLE_OBJECT, "properties": {"text": {"type": "string"}, "evidence_ids": _IDS,
                                                              "at": _TIME, "by": _STAFF_BY}}}}},
        "messages": {"type": "object", "description": "v1.1: the conversation in brief", "properties": {
            "count": {"type": "integer"}, "last_at": _TIME_OR_NULL,
            "last_from": {"type": ["string", "null"], "enum": ["buyer", "merchant", "platform", None]},
            "unanswered_buyer": {"type": "integer"}}},
        "timeline": {"type": "array", "items": {"type": "object", "properties": {
            "at": _TIME, "status": {"type": "string"}, "note": {"type": "string"}}}},
        "updated_at": _TIME}},
    "Message": {"type": "object", "properties": {
        "id": {"type": "string"}, "at": _TIME, "from": {"type": "string", "enum": ["buyer", "merchant", "platform"]},
        "by": {**_NULLABLE_OBJECT, "properties": {"kind": {"type": "string", "enum": ["staff", "platform_cs"]},
                                                  "id": {"type": "string"}, "name": {"type": "string"}}},
        "text": {"type": "string", "description": "untrusted when from the buyer"}, "evidence_ids": _IDS}},
    "MessagesPage": {"type": "object", "properties": {"items": {"type": "array", "items": _ref("Message"),
                                                                "maxItems": 200}}},
    "MessageBody": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string", "minLength": 1, "description": "at most policy.message_max_chars"},
        "evidence_ids": {**_IDS, "description": "merchant evidence, at most policy.message_max_images"}}},
    "ProposalBody": {"type": "object", "required": ["kind", "message"], "properties": {
        "kind": {"type": "string", "enum": ["partial", "reissue"]},
        "amount_fen": {**_FEN, "description": "partial: 1 <= amount_fen < paid_fen"},
        "message": {"type": "string", "description": "policy.reason_min_chars..reason_max_chars"},
        "evidence_ids": _IDS}},
    "ExtensionBody": {"type": "object", "required": ["hours", "reason_code", "reason_text"], "properties": {
        "hours": {"type": "integer", "minimum": 1, "description": "at most policy.extension_max_hours"},
        "reason_code": {"type": "string",
                        "enum": ["checking_with_supplier", "awaiting_buyer_info", "holiday", "other"]},
        "reason_text": {"type": "string"}}},
    "EvidenceAnswerBody": {"type": "object", "required": ["request_id", "text"], "properties": {
        "request_id": {"type": "string"}, "text": {"type": "string"}, "evidence_ids": _IDS}},
    "ChangesPage": {"type": "object", "properties": {
        "items": {"type": "array", "items": _ref("Refund")}, "next_cursor": {"type": "string"},
        "has_more": {"type": "boolean"}}},
    "DecisionBody": {"type": "object", "required": ["action"], "properties": {
        "action": {"type": "string", "enum": ["approve", "partial", "reject"]},
        "amount_fen": {**_FEN, "description": "partial: 1 <= amount_fen < paid_fen; approve: omitted or requested_fen"},
        "reason_code": {"type": "string"}, "reason_text": {"type": "string"},
        "evidence_ids": {"type": "array", "items": {"type": "string"}}}},
    "StatementBody": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string"}, "evidence_ids": {"type": "array", "items": {"type": "string"}}}},
    "MerchantEvidence": {"type": "object", "properties": {
        "id": {"type": "string"}, "sha256": {"type": "string"}, "bytes": {"type": "integer"}}},
}


def finish(app: FastAPI) -> None:
    """Build the document once, on first request: shared schemas, the bearer scheme on /api/v1, and
    no 422 validation answer (malformed requests get 400 here)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            components = doc.setdefault("components", {})
            components.setdefault("schemas", {}).update(SCHEMAS)
            for name in ("HTTPValidationError", "ValidationError"):
                components["schemas"].pop(name, None)
            components["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            for path, item in doc.get("paths", {}).items():
                for op in item.values():
                    for answer in op.get("responses", {}).values():
                        content = answer.get("content", {})
                        if len(content) > 1 and content.get("application/json") == {"schema": {}}:
                            del content["application/json"]  # FastAPI's default beside the real types
                    bad = op.get("responses", {}).get("422", {})
                    if "HTTPValidationError" in str(bad):
                        del op["responses"]["422"]
                    if path.startswith("/api/v1/"):
                        op["security"] = [{"bearer": []}]
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

FAULTS = {"type": "object", "properties": {
    "error_rate": {"type": "number", "minimum": 0, "maximum": 1, "description": "share of calls answered 500/502/503"},
    "latency_ms": {"type": "integer", "minimum": 0},
    "drop_after_commit_rate": {"type": "number", "minimum": 0, "maximum": 1,
                               "description": "share of calls processed and committed whose answer is lost (502)"},
    "rate_limit_rate": {"type": "number", "minimum": 0, "maximum": 1, "description": "share answered 429"},
    "retry_after_s": {"type": "integer", "minimum": 0},
    "maintenance": {"type": "boolean", "description": "every /api/v1 call answers 503 maintenance"}}}

ADD_REFUNDS = {"type": "object", "properties": {
    "count": {"type": "integer", "minimum": 0, "maximum": 100000, "default": 1},
    "status": {"type": "string", "enum": STATUSES,
               "description": "a history ending in this status (default: fresh submissions); negotiating: a "
                              "proposal waiting for the buyer; reissued: a re-issued card the buyer accepted"},
    "variant": {"type": "string", "enum": ["normal", "fast", "overdue", "urged", "resubmitted"]},
    "fast_refund": {"type": "boolean"},
    "channel": {"type": "string", "enum": ["alipay", "wechat", "bank_card", "balance"]},
    "evidence": {"type": "boolean", "default": True}}}

BUYER_MESSAGE = {"type": "object", "properties": {
    "text": {"type": "string", "description": "omitted: something a buyer would write at this point"},
    "images": {"type": "integer", "minimum": 0, "maximum": 3, "description": "chat screenshots attached"}}}

ANSWER_PROPOSAL = {"type": "object", "required": ["accept"], "properties": {
    "accept": {"type": "boolean"}, "message": {"type": "string", "description": "omitted: a natural answer"}}}

REQUEST_EVIDENCE = {"type": "object", "properties": {
    "question": {"type": "string", "description": "omitted: one customer service would ask"},
    "hours": {"type": "integer", "minimum": 1, "maximum": 720, "description": "default policy.evidence_request_hours"}}}

SIMULATION = {"type": "object", "properties": {
    "buyers": {"type": "boolean", "description": "buyers reply to messages and answer proposals by themselves"},
    "customer_service": {"type": "boolean", "description": "customer service asks for evidence by itself"}}}
