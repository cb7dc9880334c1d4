"""The feed: who we are on the platform (/me), and the changes feed pulled page by page.

Every page of refunds and its cursor are committed in one transaction, so a crash anywhere leaves a
database that resumes where it stopped. Each page ends in a change notice naming its refunds.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError, StatementError

from ..core.display_text import visible
from ..core.policy import Policy
from ..core.refund import MalformedRefund, parse_refund
from ..platform.outcomes import Conflict, Invalid, Ok
from ..store import refunds, state
from ..store.changes import Changes
from ..store.conversation import store_thread
from .conversation import fetch_page_threads
from .link import Link
from .report import SyncError, SyncReport, describe

log = logging.getLogger(__name__)

PAGE_LIMIT = 500


class Feed:
    """Pulls the changes feed into the database (and /me into the sync state)."""

    def __init__(self, link: Link, *, page_limit: int = PAGE_LIMIT) -> None:
        self.link = link
        self.page_limit = page_limit

    def refresh_me(self) -> dict[str, Any]:
        """Fetch /me and the reason codes; store policy, identity and the clock offset."""
        out = self.link.retrying(self.link.client.me)
        if not isinstance(out, Ok):
            raise self.link.time_up() if self.link.out_of_time() else SyncError(describe(out), out)
        me: dict[str, Any] = out.value
        try:
            policy = Policy.from_json(me.get("policy"))
            merchant, staff = me["merchant"], me["staff"]
            fields = dict(merchant_id=str(merchant["id"]), merchant_name=str(merchant.get("name", "")),
                          staff_id=str(staff["id"]), staff_name=str(staff.get("name", "")),
                          role=str(staff["role"]))
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise SyncError(f"the platform's /me answer is malformed: {e}") from None
        codes = self.link.retrying(self.link.client.reason_codes)
        with self.link.db.write() as conn:
            state.save_state(conn, platform_url=self.link.client.url, policy=policy.to_json(),
                             clock_offset_ms=self.link.clock.offset_ms,
                             reason_codes=codes.value if isinstance(codes, Ok) and isinstance(codes.value, list)
                             else None, **fields)
        self.link.staff_id, self.link.staff_name = fields["staff_id"], fields["staff_name"]
        return me

    def pull(self, *, wait: int = 0) -> SyncReport:
        """Fetch pages until the feed is drained; each page and its cursor commit together."""
        report = SyncReport()
        with self.link.db.read() as conn:
            cursor = state.load_state(conn)["cursor"] or ""
        started_empty = cursor == ""
        limit = self.page_limit
        while not self.link.stop.is_set():
            if self.link.out_of_time():
                raise self.link.time_up()
            out = self.link.retrying(functools.partial(self.link.client.changes, cursor, limit=limit, wait=wait))
            if isinstance(out, Invalid) and out.code == "too_large" and limit > 1:
                # a page over the size cap: ask for fewer refunds at a time rather than never syncing again
                limit = max(1, limit // 10)
                log.warning("a changes page was too large; asking for %d refunds per page", limit)
                continue
            if isinstance(out, Conflict) and out.status == 410:
                log.warning("changes cursor expired; resyncing from the beginning (local decisions kept)")
                with self.link.db.write() as conn:
                    state.bump_full_resync(conn)
                cursor, started_empty, report.full_resync, wait = "", True, True, 0
                report.changes = Changes.all()
                continue
            if not isinstance(out, Ok):
                raise self.link.time_up() if self.link.out_of_time() else SyncError(describe(out), out)
            items, next_cursor, has_more = _page_parts(out.value)
            rows, bad = [], []
            for doc in items:
                try:
                    rows.append(parse_refund(doc))
                except MalformedRefund as e:
                    bad.append((e.refund_id, doc, str(e)))
                except Exception as e:  # noqa: BLE001 - one record nobody foresaw must not stop the feed
                    log.exception("unexpected failure parsing a refund")
                    bad.append((_id_of(doc), doc, f"could not be read ({type(e).__name__})"))
            # v1.1: the conversations this page says grew, fetched first so they commit with the page
            threads = fetch_page_threads(self.link.client, self.link.db, rows, retrying=self.link.retrying,
                                         stop=self.link.stop.is_set)
            now = self.link.clock.now_ms()
            with self.link.db.write() as conn:
                rows = _store_rows(conn, rows, bad)
                for rid in {r["id"] for r in rows} & threads.keys():
                    store_thread(conn, rid, threads[rid])
                for rid, doc, err in bad:
                    log.warning("quarantined refund %s: %s", visible(rid or "?"), err)  # ids may hold bidi tricks
                    state.quarantine(conn, rid, doc, err, now)
                fields = dict(cursor=next_cursor, last_sync_at=now, clock_offset_ms=self.link.clock.offset_ms)
                if started_empty and not has_more:
                    fields["last_full_sync_at"] = now
                state.save_state(conn, **fields)
            cursor, wait = next_cursor, 0
            report.pages += 1
            report.refunds += len(rows)
            report.quarantined += len(bad)
            page = Changes.all() if report.full_resync else \
                Changes.of([r["id"] for r in rows] + [rid for rid, _doc, _err in bad if rid])
            report.changes = report.changes | page
            self.link.changed(page)
            self.link.listener.progress(report)
            if not has_more:
                break
        return report


def store_refund(conn: Connection, doc: dict[str, Any], now: int) -> None:
    """Store one refund the platform sent back (an answer to a decision); quarantine it if unusable."""
    try:
        row = parse_refund(doc)
    except MalformedRefund as e:
        state.quarantine(conn, e.refund_id, doc, str(e), now)
        return
    except Exception as e:  # noqa: BLE001 - an answer nobody foresaw is quarantined, not fatal
        log.exception("unexpected failure parsing a refund")
        state.quarantine(conn, _id_of(doc), doc, f"could not be read ({type(e).__name__})", now)
        return
    bad: list[Any] = []
    _store_rows(conn, [row], bad)
    for rid, raw, err in bad:
        state.quarantine(conn, rid, raw, err, now)


def _id_of(doc: Any) -> str | None:
    rid = doc.get("id") if isinstance(doc, dict) else None
    return rid if isinstance(rid, str) and len(rid) <= 256 else None


def _store_rows(conn: Connection, rows: list[dict[str, Any]], bad: list[Any]) -> list[dict[str, Any]]:
    """Upsert a page's rows; if the page as a whole cannot be stored, each row on its own, the rows
    that fail joining `bad` (to be quarantined). Returns the rows stored."""
    try:
        with conn.begin_nested():
            refunds.upsert_refunds(conn, rows)
        return rows
    except (StatementError, ValueError, TypeError, UnicodeError, RecursionError) as e:
        if isinstance(e, OperationalError):
            raise  # the disk or the database file itself: not one record's fault
        log.warning("a page could not be stored as a whole (%s); storing refund by refund", type(e).__name__)
    stored = []
    for row in rows:
        try:
            with conn.begin_nested():
                refunds.upsert_refunds(conn, [row])
            stored.append(row)
        except (StatementError, ValueError, TypeError, UnicodeError, RecursionError) as e:
            if isinstance(e, OperationalError):
                raise
            bad.append((row["id"], {"id": row["id"]}, f"could not be stored ({type(e).__name__})"))
    return stored


def _page_parts(page: Any) -> tuple[list[Any], str, bool]:
    if not isinstance(page, dict) or not isinstance(page.get("items"), list) \
            or not isinstance(page.get("next_cursor"), str) or not isinstance(page.get("has_more"), bool):
        raise SyncError("the platform sent a malformed changes page (items, next_cursor, has_more)")
    if len(page["next_cursor"]) > 4096:
        raise SyncError("the platform sent an oversized cursor")
    return page["items"], page["next_cursor"], page["has_more"]
