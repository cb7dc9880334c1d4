"""Issue 14.5: JSON nested 100 000 deep and lone surrogates are bad input, never a traceback."""

from __future__ import annotations

import json

import pytest

from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Retryable
from merchant_console.store import refunds, templates
from merchant_console.store.engine import Database
from merchant_console.sync.engine import SyncError

from .conftest import TOKEN
from .platform import refund_doc

DEEP = b"[" * 100_000 + b"]" * 100_000


def test_a_deeply_nested_answer_is_a_bad_answer(hostile, console):
    hostile.routes["GET /api/v1/refunds/changes"] = lambda h: h.send_json(None, raw=b'{"items": ' + DEEP + b"}")
    hostile.routes["GET /api/v1/reason-codes"] = lambda h: h.send_json(None, raw=DEEP)
    with PlatformClient(hostile.url, TOKEN) as c:
        assert isinstance(c.changes(""), Retryable)
        assert isinstance(c.reason_codes(), Retryable)
    engine = console(hostile.url)
    with pytest.raises(SyncError, match="not JSON"):
        engine.sync_once(prefetch=False)


def test_a_deeply_nested_error_body_is_still_classified(hostile):
    hostile.routes["GET /api/v1/me"] = lambda h: h.send_json(None, 500, raw=b'{"error": ' + DEEP + b"}")
    with PlatformClient(hostile.url, TOKEN) as c:
        out = c.me()
    assert isinstance(out, Retryable) and out.status == 500


def test_lone_surrogates_in_a_refund_are_cleaned_and_flagged_not_fatal(hostile, console):
    doc = refund_doc("r_sur")
    raw = json.dumps(doc).replace('"App Store', '"\\ud800App Store').replace('"\\u9762', '"\\udfff\\u9762')
    assert "\\ud800" in raw
    hostile.routes["GET /api/v1/refunds/changes"] = lambda h: h.send_json(
        None, raw=b'{"items": [' + raw.encode() + b'], "next_cursor": "end", "has_more": false}')
    engine = console(hostile.url)
    report = engine.sync_once(prefetch=False)
    assert report.refunds == 1
    with engine.db.read() as conn:
        row = refunds.get_refund(conn, "r_sur")
    assert row["product_name"].startswith("\ufffdApp Store")
    assert row["odd_fields"] == ["product.name", "reason"]


@pytest.fixture
def db(tmp_path):
    d = Database(tmp_path / "t.db")
    yield d
    d.close()


@pytest.mark.parametrize("data", [
    '{"templates": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"version": 1, "templates": [{"action": "approve", "name": "ok\\ud800", "text": "fine", "lang": "zh"}]}',
    '{"version": 1, "templates": [{"action": "approve", "name": "ok", "text": "bad\\udc00text", "lang": "zh"}]}',
])
def test_a_hostile_template_file_is_refused_with_a_message(db, data):
    with db.write() as conn:
        before = len(templates.list_templates(conn))
        with pytest.raises(templates.TemplateError):
            templates.import_json(conn, data, 1)
        assert len(templates.list_templates(conn)) == before
