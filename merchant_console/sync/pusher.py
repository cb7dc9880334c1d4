"""The pusher: sends the decision outbox to the platform and settles each item by its answer.

Outbox items keep their idempotency key for life, so a resend can never apply a decision twice;
items are leased before sending, so another pusher never sends the same one at the same time.
Each batch of settled items ends in a change notice naming their refunds.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import Any

from ..core.clock import local_now_ms
from ..platform.outcomes import Conflict, Fatal, Invalid, Ok, Outcome, Retryable
from ..store import conversation as store_conversation
from ..store import outbox
from . import conversation
from .feed import store_refund
from .link import Link
from .report import SyncError, SyncReport, describe

log = logging.getLogger(__name__)

RECONCILE_AFTER_MS = 23 * 3_600_000  # the platform keeps idempotency keys 24 h; stay clear of the edge
LEASE_MS = 5 * 60_000  # an outbox item claimed by a pusher is left alone by others this long (see outbox.claim_due)
ITEM_FAILURE_LIMIT = 5  # an item that fails unexpectedly this often is settled as rejected (logged each time)
EARLY_POLL_FLOOR_S = 1.0  # after an unexpected failure the pusher waits at least this long


class Pusher:
    """Sends due outbox items (`push`), or keeps sending them on its own thread (`run`, woken by `nudge`)."""

    def __init__(self, link: Link) -> None:
        self.link = link
        self.nudged = threading.Event()
        self._owner = outbox.new_owner()  # this pusher's name on the outbox items it leases

    def push(self) -> SyncReport:
        """Send every outbox item that is due; keep the rest for later.

        Items are leased first (outbox.claim_due), so another pusher never sends the same item at
        the same time; an item that fails in a way nobody foresaw is logged and settled on its own.
        """
        report = SyncReport()
        while not self.link.stop.is_set() and not self.link.out_of_time():
            with self.link.db.write() as conn:
                items = outbox.claim_due(conn, self.link.clock.now_ms(), owner=self._owner, local_ms=local_now_ms(),
                                         lease_ms=LEASE_MS)
            if not items:
                break
            progressed = False
            settled: list[str] = []
            try:
                for item in items:
                    if self.link.stop.is_set() or self.link.out_of_time():
                        break
                    try:
                        result = self._push_one(item)
                    except SyncError:
                        raise
                    except Exception as e:  # noqa: BLE001 - one item must never stop the others
                        result = self._item_failed(item, e)
                    report.pushed[result] = report.pushed.get(result, 0) + 1
                    if result != "retry":
                        settled.append(item["refund_id"])
                        report.note_changed([item["refund_id"]])
                    progressed |= result != "retry"
            finally:
                with self.link.db.write() as conn:
                    for item in items:
                        outbox.release(conn, item["id"], self._owner)
                self.link.changed(settled)
            if not progressed:
                break
        return report

    def _item_failed(self, item: dict[str, Any], e: Exception) -> str:
        """An unexpected failure sending one item: logged; retried later, rejected after a few."""
        log.error("sending outbox item %s failed unexpectedly", item["id"], exc_info=e)
        now = self.link.clock.now_ms()
        with self.link.db.write() as conn:
            outbox.note_attempt(conn, item["id"], now)
            attempts = (item.get("attempts") or 0) + 1
            if attempts >= ITEM_FAILURE_LIMIT:
                outbox.finish(conn, item, "rejected", now,
                              message=f"the console could not send this ({type(e).__name__}); decide again")
                return "rejected"
            delay = self.link.backoff.delay(attempts)
            outbox.retry_later(conn, item["id"], now + int(delay * 1000), f"internal error: {type(e).__name__}")
        return "retry"

    def _push_one(self, item: dict[str, Any]) -> str:
        now = self.link.clock.now_ms()
        if now - item["created_at"] > RECONCILE_AFTER_MS:
            verdict = self._reconcile(item)
            if verdict != "send":
                return verdict
        if item["body"].get("_attachments"):
            uploaded = self._upload_attachments(item)
            if uploaded is not None:
                return uploaded
        with self.link.db.write() as conn:
            outbox.note_attempt(conn, item["id"], now)
        if item["kind"] in conversation.KINDS:  # v1.1: message, proposal, extension, evidence answer
            return self._settle(item, conversation.send(self.link.client, item))
        send = self.link.client.decide if item["kind"] == "decision" else self.link.client.statement
        out = send(item["refund_id"], item["body"], idempotency_key=item["idempotency_key"], if_match=item["if_match"])
        return self._settle(item, out)

    def _settle(self, item: dict[str, Any], out: Outcome) -> str:
        now = self.link.clock.now_ms()
        if isinstance(out, Ok):
            with self.link.db.write() as conn:
                if not conversation.store_answer(conn, item, out):  # a message's answer is the message
                    store_refund(conn, out.value, now)
                outbox.finish(conn, item, "done", now)
            return "done"
        if isinstance(out, Conflict):
            current = out.refund
            if item["kind"] in conversation.KINDS and out.status == 412 and current is not None \
                    and (version := conversation.still_applies(item, current, now)) is not None:
                with self.link.db.write() as conn:  # only the version moved (a buyer's message): a new key, again
                    store_refund(conn, current, now)
                    store_conversation.rebase(conn, item, version, now)
                return "rebased"  # due at once: this round sends it again
            platform = _what_platform_did(current)
            with self.link.db.write() as conn:
                if current is not None:
                    store_refund(conn, current, now)
                outbox.finish(conn, item, "superseded", now, message=_conflict_message(out, current),
                              platform_decision=platform)
            return "superseded"
        if isinstance(out, Invalid) or (isinstance(out, Fatal) and out.status == 403):
            fields = out.fields if isinstance(out, Invalid) else None
            with self.link.db.write() as conn:
                outbox.finish(conn, item, "rejected", now, message=out.message or out.code, field_errors=fields)
            return "rejected"
        if isinstance(out, Fatal):
            raise SyncError(describe(out), out)
        # retryable: same key, later
        self.link.listener.trouble(out)
        attempt = (item.get("attempts") or 0) + 1
        delay = self.link.backoff.delay(attempt, out.retry_after_s)
        with self.link.db.write() as conn:
            outbox.retry_later(conn, item["id"], now + int(delay * 1000), out.reason)
        return "retry"

    def _upload_attachments(self, item: dict[str, Any]) -> str | None:
        """Upload the merchant's images of an item; None when its body is final and may be sent.

        Each uploaded id is saved as it arrives, so a retry never uploads the same image twice;
        the body is fixed before the decision's first send, so its idempotency key covers one body.
        """
        body = dict(item["body"])
        pending = [dict(a) for a in body["_attachments"]]
        for att in pending:
            if att.get("id"):
                continue
            try:
                data = Path(att["path"]).read_bytes()
            except OSError:
                data = None
            if data is None or hashlib.sha256(data).hexdigest() != att["sha256"]:
                return self._settle(item, Invalid("attachment_missing", "an attached image is missing or changed on "
                                                  "this computer; decide again and attach it anew", 0))
            out = self.link.client.upload_evidence(data, att["content_type"])
            if isinstance(out, Ok) and isinstance(out.value, dict) and isinstance(out.value.get("id"), str):
                att["id"] = out.value["id"]
                with self.link.db.write() as conn:
                    outbox.set_body(conn, item["id"], dict(body, _attachments=pending))
                continue
            if isinstance(out, Ok):
                out = Invalid("bad_response", "the platform's answer to an image upload is malformed", 200)
            return self._settle(item, out)
        body.pop("_attachments")
        body["evidence_ids"] = list(body.get("evidence_ids") or []) + [a["id"] for a in pending]
        with self.link.db.write() as conn:
            outbox.set_body(conn, item["id"], body)
        item["body"] = body
        return None

    def _reconcile(self, item: dict[str, Any]) -> str:
        """Before resending an old item, ask the platform whether it already took effect."""
        out = self.link.retrying(lambda: self.link.client.refund(item["refund_id"]))
        if not isinstance(out, Ok):
            return self._settle(item, out) if not isinstance(out, Retryable) else "retry"
        current = out.value
        if item["kind"] in conversation.KINDS and isinstance(current, dict):
            verdict = conversation.reconcile(self.link.client, item, current, self.link.staff_id, self.link.retrying)
            if verdict in ("send", "retry"):
                return verdict
            if verdict == "done":
                return self._settle(item, Ok(current))
            return self._settle(item, Conflict("reconciled", "the refund changed on the platform", 409, current))
        decided = current.get("decision") if isinstance(current, dict) else None
        if item["kind"] == "decision" and isinstance(decided, dict) and _is_ours(decided, item, self.link.staff_id):
            return self._settle(item, Ok(current))
        if isinstance(current, dict) and current.get("status") == "awaiting_merchant" \
                and current.get("version") == item["if_match"]:
            return "send"
        return self._settle(item, Conflict("reconciled", "the refund changed on the platform", 409, current))

    def nudge(self) -> None:
        """A decision was recorded: push now rather than at the next long-poll turn."""
        self.nudged.set()

    def run(self) -> None:
        """The pusher thread of a live sync: push what is due, then wait for a nudge or the next due item."""
        while not self.link.stop.is_set():
            try:
                self.push()  # each settled batch ends in a change notice
            except SyncError as e:
                log.warning("outbox push stopped: %s", e)
            except Exception:  # noqa: BLE001 - the pusher must outlive one bad moment (it retries)
                log.exception("outbox push failed unexpectedly")
                self.link.stop.wait(EARLY_POLL_FLOOR_S)
            with self.link.db.read() as conn:
                nxt = outbox.next_attempt_at(conn)
            timeout = 30.0 if nxt is None else max(0.05, min(30.0, (nxt - self.link.clock.now_ms()) / 1000))
            self.nudged.wait(timeout)
            self.nudged.clear()


def _is_ours(decided: dict[str, Any], item: dict[str, Any], staff_id: str | None) -> bool:
    by = decided.get("by") or {}
    body = item["body"]
    return (by.get("kind") == "staff" and staff_id is not None and by.get("id") == staff_id
            and decided.get("action") == body.get("action")
            and (body.get("amount_fen") is None or decided.get("amount_fen") == body.get("amount_fen")))


def _what_platform_did(refund: dict[str, Any] | None) -> dict[str, Any] | None:
    if not isinstance(refund, dict):
        return None
    decided = refund.get("decision") if isinstance(refund.get("decision"), dict) else None
    return {"status": refund.get("status"), "version": refund.get("version"), "decision": decided}


def _conflict_message(out: Conflict, refund: dict[str, Any] | None) -> str:
    status = refund.get("status") if isinstance(refund, dict) else None
    decided = refund.get("decision") if isinstance(refund, dict) else None
    if isinstance(decided, dict):
        by = decided.get("by") or {}
        whose = {"platform_auto": "the platform auto-approved it (fast refund)",
                 "platform_cs": "platform customer service decided it",
                 "staff": f"{by.get('name') or by.get('id') or 'another staff member'} decided it"}
        who = whose.get(by.get("kind") or "", "it was decided")
        return f"{who}: {decided.get('action')} {decided.get('amount_fen')} fen; now {status}"
    if status:
        return f"the refund changed on the platform ({out.code}); it is now {status}"
    return f"the platform refused: {out.code} {out.message}".strip()
