"""The hash chain behind the tamper-evident audit log (pure functions; storage is the store's)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link_hash(prev_hash: str, seq: int, at_ms: int, kind: str, actor: str, refund_id: str | None,
              payload_json: str) -> str:
    """Each entry's hash covers every field and its predecessor's hash, so editing or deleting one
    entry breaks its link and every later one."""
    h = hashlib.sha256()
    for part in (prev_hash, str(seq), str(at_ms), kind, actor, refund_id or "", payload_json):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()
