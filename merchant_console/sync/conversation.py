"""Syncing the after-sale conversation (v1.1): threads pulled when the feed says they grew, and the
merchant's messages, proposals, extensions and evidence answers pushed from the outbox.

The pusher settles these items by the same rules as decisions (store/outbox.finish): done, superseded
(the refund moved on; the platform's refund is stored) or rejected (422/403). What differs is where
each goes, what a message's answer is (the message, not the refund), and how an old item is checked
before it is sent again once the platform may have forgotten its idempotency key.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

from ..core.conversation import Message, Thread
from ..core.refund import MalformedRefund, parse_refund
from ..core.status import CONVERSATION_CLOSED_STATUSES
from ..platform.client import PlatformClient
from ..platform.outcomes import Invalid, Ok, Outcome, Retryable
from ..store import conversation
from ..store.engine import Database

log = logging.getLogger(__name__)

KINDS = conversation.KINDS


def send(client: PlatformClient, item: dict[str, Any]) -> Outcome:
    """Send one conversation item to its endpoint, with the key (and version) it was recorded with."""
    rid, body, key = item["refund_id"], item["body"], item["idempotency_key"]
    kind = item["kind"]
    if kind == conversation.MESSAGE:
        return client.post_message(rid, body, idempotency_key=key)
    call = {conversation.PROPOSAL: client.propose, conversation.EXTENSION: client.extend,
            conversation.EVIDENCE_ANSWER: client.answer_evidence}[kind]
    return call(rid, body, idempotency_key=key, if_match=item["if_match"])


def store_answer(conn: Any, item: dict[str, Any], out: Ok) -> bool:
    """Keep what a message's Ok carried (the message itself); False when the answer is a refund to store."""
    if item["kind"] != conversation.MESSAGE:
        return False
    if isinstance(out.value, Message):
        conversation.store_messages(conn, item["refund_id"], [out.value])
    return True


def reconcile(client: PlatformClient, item: dict[str, Any], current: dict[str, Any], staff_id: str | None,
              retrying: Callable[[Callable[[], Outcome]], Outcome]) -> str:
    """Before resending an old conversation item: "done" (it took effect), "send", or "superseded".

    `current` is the refund as the platform has it now (a fresh GET)."""
    kind, body = item["kind"], item["body"]
    try:
        row = parse_refund(current)
    except MalformedRefund:
        return "superseded"
    if kind == conversation.MESSAGE:
        out = retrying(lambda: client.messages(item["refund_id"]))
        if isinstance(out, Ok) and isinstance(out.value, Thread):
            mine = [m for m in out.value.messages if m.sender == "merchant" and m.text == body.get("text")
                    and m.at >= item["created_at"] - 60_000 and (staff_id is None or m.by_id in (None, staff_id))]
            if mine:
                return "done"
            return "superseded" if row["status"] in CONVERSATION_CLOSED_STATUSES else "send"
        return "retry" if isinstance(out, Retryable) else "send"
    if kind == conversation.PROPOSAL:
        n = row.get("negotiation") or {}
        by = n.get("by") or {}
        if n and n.get("proposed_at", 0) >= item["created_at"] - 60_000 and by.get("id") == staff_id \
                and n.get("kind") == body.get("kind") and n.get("amount_fen") == body.get("amount_fen"):
            return "done"
    elif kind == conversation.EXTENSION:
        e = row.get("extension") or {}
        if e and e.get("hours") == body.get("hours") and (e.get("by") or {}).get("id") == staff_id:
            return "done"
    elif kind == conversation.EVIDENCE_ANSWER:
        req = next((q for q in row["evidence_requests"] if q["id"] == body.get("request_id")), None)
        if req is not None and req["answer"] is not None:
            return "done" if req["answer"]["text"] == body.get("text") else "superseded"
        if req is not None and row["status"] in ("platform_review", "appealed"):
            return "send"
        return "superseded"
    if row["status"] == "awaiting_merchant" and row["version"] == item["if_match"]:
        return "send"
    return "superseded"


REBASE_LIMIT = 20  # attempts after which a 412 no longer earns a fresh key (the refund keeps moving)


def still_applies(item: dict[str, Any], current: Any, now_ms: int) -> int | None:
    """The refund's current version when an item refused with 412 still makes sense on it as it is now,
    else None (the refund moved on in a way that matters: the item is superseded)."""
    if item["kind"] == conversation.MESSAGE or (item.get("attempts") or 0) > REBASE_LIMIT:
        return None
    try:
        row = parse_refund(current)
    except MalformedRefund:
        return None
    body = item["body"]
    if item["kind"] == conversation.PROPOSAL:
        n = row.get("negotiation")
        fresh = n is None or n["proposed_at"] < item["created_at"]
        ok = row["status"] == "awaiting_merchant" and fresh
    elif item["kind"] == conversation.EXTENSION:
        ok = (row["status"] == "awaiting_merchant" and not row["extension"] and not row["fast_refund"]
              and row["due_at"] > now_ms)
    else:
        req = next((q for q in row["evidence_requests"] if q["id"] == body.get("request_id")), None)
        ok = req is not None and req["answer"] is None and row["status"] in ("platform_review", "appealed")
    return int(row["version"]) if ok else None


def fetch_page_threads(client: PlatformClient, db: Database, rows: list[dict[str, Any]], *,
                       retrying: Callable[[Callable[[], Outcome]], Outcome] | None = None,
                       stop: Callable[[], bool] = lambda: False) -> dict[str, Thread]:
    """The conversations of a page's refunds that grew beyond what this database holds (open refunds only: a
    finished one's thread is read when shown), fetched before the page is stored so both commit together and
    the page's change notice finds them. Trouble leaves a thread behind; the feed says so again."""
    talking = [r for r in rows if r.get("messages_count") and r["status"] not in CONVERSATION_CLOSED_STATUSES]
    if not talking:
        return {}
    with db.read() as conn:
        held = conversation.thread_marks(conn, [r["id"] for r in talking])
    threads: dict[str, Thread] = {}
    for r in talking:
        n, last = held.get(r["id"], (0, 0))
        if n >= r["messages_count"] and (r.get("messages_last_at") is None or last >= r["messages_last_at"]):
            continue
        if stop():
            break
        rid = r["id"]
        out = retrying(functools.partial(client.messages, rid)) if retrying else client.messages(rid)
        if isinstance(out, Ok) and isinstance(out.value, Thread):
            threads[rid] = out.value
        elif isinstance(out, Retryable):
            break  # the platform is in trouble: the next round asks again
        else:
            log.warning("the conversation of %s could not be read: %s", rid, getattr(out, "message", out))
    return threads


def fetch_threads(client: PlatformClient, db: Database, ids: Iterable[str], *,
                  retrying: Callable[[Callable[[], Outcome]], Outcome] | None = None,
                  stop: Callable[[], bool] = lambda: False) -> list[str]:
    """Fetch the conversations of these refunds that hold messages this database lacks; returns the ids whose
    thread gained messages. Trouble leaves a thread behind for the next round (the feed says so again)."""
    with db.read() as conn:
        behind = conversation.threads_behind(conn, ids)
    changed = []
    for rid in behind:
        if stop():
            break
        out = retrying(functools.partial(client.messages, rid)) if retrying else client.messages(rid)
        if not isinstance(out, Ok) or not isinstance(out.value, Thread):
            if isinstance(out, Retryable):
                break  # the platform is in trouble: the next round asks again
            log.warning("the conversation of %s could not be read: %s", rid, getattr(out, "message", out))
            continue
        with db.write() as conn:
            if conversation.store_thread(conn, rid, out.value):
                changed.append(rid)
    return changed


def _content_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def fetch_message_images(fetcher: Any, cache: Any, refund_id: str, report: Any) -> str:
    """Fetch the images of a refund's messages that are not its evidence (buyers attach chat screenshots to
    messages only) into the evidence cache, by their digest; "done" or "retry" (network or platform trouble).

    The contract gives no digest for a message's image: the bytes are kept under the sha256 they hash to, and
    processed (thumbnails, facts) like evidence; room comes from any file but this refund's own. A refused or
    undecodable file is recorded as failed for good (shown as such, not asked for again)."""
    from ..store import refunds
    from ..store.evidence_cache import CacheFull, EvidenceRejected
    from .evidence_fetch import _EvictionPlan

    link = fetcher.link
    with link.db.read() as conn:
        wanted = conversation.images_to_fetch(conn, refund_id)
    victims: list[str] | None = None
    for image_id in wanted:
        if link.stop.is_set():
            return "retry"
        out = link.client.evidence(image_id, max_bytes=cache.max_file_bytes)
        now = link.clock.now_ms()
        if isinstance(out, Invalid):
            with link.db.write() as conn:
                conversation.image_fetched(conn, refund_id, image_id, sha256=None, content_type=None, size=None,
                                           now_ms=now, error=out.message or out.code)
            report.evidence_failed += 1
            continue
        if not isinstance(out, Ok) or not isinstance(out.value, bytes):
            return "retry"
        data = out.value
        kind = _content_type(data)
        if kind is None:
            with link.db.write() as conn:
                conversation.image_fetched(conn, refund_id, image_id, sha256=None, content_type=None,
                                           size=len(data), now_ms=now, error="not a PNG, JPEG or WebP image")
            report.evidence_failed += 1
            continue
        sha = hashlib.sha256(data).hexdigest()
        if victims is None:
            with link.db.read() as conn:
                own = {e["sha256"] for e in refunds.evidence_of(conn, refund_id)}
                own |= {m["sha256"] for m in conversation.message_images_of(conn, refund_id).values() if m["sha256"]}
                victims = _EvictionPlan(refunds.cached_evidence(conn), keep=own).victims(None)
        try:
            path = cache.put(sha, data, now, victims=victims)
        except CacheFull:
            log.warning("image %s of %s's conversation does not fit the evidence cache", image_id, refund_id)
            return "done"
        except EvidenceRejected as e:
            with link.db.write() as conn:
                conversation.image_fetched(conn, refund_id, image_id, sha256=None, content_type=kind,
                                           size=len(data), now_ms=now, error=str(e))
            report.evidence_failed += 1
            continue
        with link.db.write() as conn:
            conversation.image_fetched(conn, refund_id, image_id, sha256=sha, content_type=kind, size=len(data),
                                       now_ms=now)
        report.evidence_fetched += 1
        fetcher._cached({"refund_id": refund_id, "id": image_id, "sha256": sha, "kind": "chat"}, path)
    return "done"
