"""Issue 14.2-4: no answer keeps a request, a sync round or the live sync busy without end."""

from __future__ import annotations

import json
import threading
import time

import pytest

from merchant_console import cli
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Invalid, Retryable
from merchant_console.store import refunds
from merchant_console.sync.engine import SyncError, SyncTimeUp

from .conftest import TOKEN
from .platform import refund_doc

OK_ME = b'{"merchant": {"id": "m_1"}}'


def drip_headers(h):
    """The status line and headers one byte at a time: each read succeeds, none is ever slow enough alone."""
    h.close_connection = True
    h.drip(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
           % (len(OK_ME), OK_ME), 0.05)


def drip_body(h):
    h.close_connection = True
    body = OK_ME + b" " * 400
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.drip(body, 0.02)


def test_a_request_has_a_total_deadline_even_when_every_read_is_quick(hostile):
    hostile.routes["GET /api/v1/me"] = drip_headers
    with PlatformClient(hostile.url, TOKEN, deadline_s=1.0) as c:
        out = c.me()
    assert isinstance(out, Retryable) and "too slowly" in out.reason


def test_an_answer_below_the_minimum_rate_is_given_up(hostile):
    hostile.routes["GET /api/v1/me"] = drip_body
    with PlatformClient(hostile.url, TOKEN, min_rate_bps=2000, grace_s=0.5) as c:
        out = c.me()
    assert isinstance(out, Retryable) and "minimum rate" in out.reason


def test_an_evidence_download_has_a_deadline_too(hostile):
    hostile.routes["GET /api/v1/evidence/ev_1"] = drip_body
    with PlatformClient(hostile.url, TOKEN, evidence_deadline_s=1.0) as c:
        out = c.evidence("ev_1")
    assert isinstance(out, Retryable) and "too slowly" in out.reason


def huge_page_unless_small(h):
    """A page of `limit` refunds, each carrying 50 kB of padding the client must not keep."""
    limit = int(h.query.get("limit", "500"))
    if h.query.get("cursor") == "end":
        return h.send_json({"items": [], "next_cursor": "end", "has_more": False})
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Transfer-Encoding", "chunked")  # no Content-Length to refuse up front
    h.end_headers()
    items = [refund_doc(f"r_{i}", padding="x" * 50_000) for i in range(limit)]
    data = json.dumps({"items": items, "next_cursor": "end", "has_more": False}).encode()
    for i in range(0, len(data), 65536):
        chunk = data[i:i + 65536]
        h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    h.wfile.write(b"0\r\n\r\n")


def test_a_page_over_the_size_cap_is_refused_and_asked_for_in_smaller_pages(hostile, console):
    hostile.routes["GET /api/v1/refunds/changes"] = huge_page_unless_small
    with PlatformClient(hostile.url, TOKEN, max_response_bytes=1024**2) as c:
        out = c.changes("", limit=500)
    assert isinstance(out, Invalid) and out.code == "too_large"
    engine = console(hostile.url, max_response_bytes=1024**2)
    report = engine.sync_once(prefetch=False)
    assert report.refunds >= 5
    with engine.db.read() as conn:
        assert len(refunds.versions(conn)) == report.refunds


def test_retry_after_is_honoured_only_up_to_a_cap(hostile, console):
    hostile.routes["GET /api/v1/me"] = lambda h: h.send_json(
        {"error": {"code": "rate_limited", "message": "slow down"}}, 429, headers={"Retry-After": "3600"})
    engine = console(hostile.url, max_attempts=4)
    slept: list[float] = []
    engine._sleep = slept.append
    with pytest.raises(SyncError):
        engine.refresh_me()
    assert len(slept) == 3 and max(slept) <= 120


def drip_forever(h):
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "1000000")
    h.end_headers()
    h.drip(b"{" + b" " * 999_999, 0.2)


def test_sync_once_ends_within_its_budget_with_a_clear_error(hostile, console):
    hostile.routes["GET /api/v1/refunds/changes"] = drip_forever
    engine = console(hostile.url)
    with pytest.raises(SyncTimeUp) as e:
        engine.sync_once(prefetch=False, budget_s=1.5)
    assert "in time" in str(e.value)


def test_the_sync_once_command_says_so_and_exits_with_its_own_code(hostile, monkeypatch, capsys):
    hostile.routes["GET /api/v1/refunds/changes"] = drip_forever
    monkeypatch.setenv("MERCHANT_CONSOLE_URL", hostile.url)
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", TOKEN)
    code = cli.main(["sync", "--once", "--no-evidence", "--max-time", "1.5"])
    err = capsys.readouterr().err
    assert code == cli.INCOMPLETE == 3
    assert "did not answer in time" in err and "Traceback" not in err


def test_a_platform_ignoring_the_long_poll_wait_is_not_asked_in_a_tight_loop(hostile, console):
    hostile.refunds["r_1"] = refund_doc("r_1")
    engine = console(hostile.url)
    slept: list[float] = []
    engine._sleep = lambda s: (slept.append(s), engine.stop.wait(0.01))
    t = threading.Thread(target=engine.run, kwargs={"wait_s": 25, "settle_s": 0})
    t.start()
    try:
        deadline = time.monotonic() + 30
        while sum(1 for s in hostile.seen if "/changes" in s[1]) < 8 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        engine.stop.set()
        t.join(30)
    assert len(slept) >= 5
    assert all(1.0 <= s <= 30 for s in slept)
    assert slept[4] > slept[0]  # doubling
    with engine.db.read() as conn:
        assert "r_1" in refunds.versions(conn)
