"""Errors the platform answers with, in the contract's shape: {"error": {code, message, details}}."""

from __future__ import annotations

import json
from typing import Any


class ApiError(Exception):
    """A contract error: HTTP status, machine code, a message a person can read, and details.

    `refund_json` (the stored document of the refund concerned) becomes `details.refund` for the
    409/412 conflicts; it is spliced in as stored, not re-serialised.
    """

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None, refund_json: bytes | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers or {}
        self.refund_json = refund_json

    def body(self) -> bytes:
        if self.refund_json is None:
            return error_body(self.code, self.message, self.details)
        head = json.dumps({"code": self.code, "message": self.message}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        return b'{"error":' + head[:-1] + b',"details":{"refund":' + self.refund_json + b"}}}"


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"error": {"code": code, "message": message, "details": details or {}}},
                      ensure_ascii=False, separators=(",", ":")).encode()
