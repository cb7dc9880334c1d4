"""The platform client: URL rules, backoff, and typed outcomes against the real sandbox."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from merchant_console.platform.backoff import Backoff
from merchant_console.platform.client import InsecureURL, PlatformClient, check_platform_url
from merchant_console.platform.outcomes import Conflict, Fatal, Invalid, Ok, Retryable


@pytest.mark.parametrize("url,root", [
    ("https://platform.example", "https://platform.example"),
    ("https://platform.example/", "https://platform.example"),
    ("https://platform.example/api/v1", "https://platform.example"),
    ("https://platform.example:8443/km/", "https://platform.example:8443/km"),
    ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
    ("http://localhost:8765", "http://localhost:8765"),
    ("http://[::1]:8765", "http://[::1]:8765"),
    ("http://127.5.6.7", "http://127.5.6.7"),
])
def test_accepted_urls(url, root):
    assert check_platform_url(url) == root


@pytest.mark.parametrize("url,why", [
    ("http://platform.example", "only allowed to this computer"),
    ("http://192.168.1.10", "only allowed to this computer"),
    ("http://127.0.0.1.evil.example", "only allowed to this computer"),
    ("ftp://platform.example", "not a platform URL"),
    ("platform.example", "not a platform URL"),
    ("https://user:pw@platform.example", "user name or password"),
    ("https://platform.example/?x=1", "without ?query"),
])
def test_refused_urls(url, why):
    with pytest.raises(InsecureURL, match=re.escape(why)):
        check_platform_url(url)


@given(st.integers(min_value=0, max_value=100), st.floats(min_value=0, max_value=1))
def test_backoff_is_full_jitter_under_the_cap(attempt, r):
    b = Backoff(base_s=0.5, cap_s=60, rng=lambda: r)
    d = b.delay(attempt)
    assert 0 <= d <= min(60, 0.5 * 2 ** min(attempt, 30))
    assert d == pytest.approx(r * min(60, 0.5 * 2 ** min(attempt, 30)))


def test_retry_after_is_a_floor():
    assert Backoff(rng=lambda: 0.0).delay(0, retry_after_s=7) == 7
    assert Backoff(rng=lambda: 1.0).delay(10, retry_after_s=1) == 60


def test_outcomes_against_the_sandbox(sandbox):
    with PlatformClient(sandbox.url, sandbox.tokens["operator"]) as c:
        me = c.me()
        assert isinstance(me, Ok) and me.value["staff"]["role"] == "operator"
        assert abs(c.clock.now_ms() - sandbox.world.now_ms()) < 1500
        page = c.changes("", limit=5)
        assert isinstance(page, Ok) and len(page.value["items"]) == 5
        assert isinstance(c.changes("garbage!"), Invalid)
        assert isinstance(c.refund("r_missing"), Invalid)
        refund = page.value["items"][0]
        out = c.decide(refund["id"], {"action": "approve"}, idempotency_key="k1", if_match=refund["version"] + 99)
        assert isinstance(out, Conflict) and out.refund["id"] == refund["id"]
        # an id that would change the path is refused before anything is sent, as an outcome
        assert isinstance(c.refund("../me"), Invalid) and c.refund("../me").code == "unsafe_id"
        with pytest.raises(ValueError):
            c.decide("r_1", {}, idempotency_key="x" * 256, if_match=1)
        codes = c.reason_codes()
        assert isinstance(codes, Ok) and {"card_already_used", "partial_used_value"} <= {x["code"] for x in codes.value}
    with PlatformClient(sandbox.url, "not-a-token") as c:
        assert isinstance(c.me(), Fatal)
    with PlatformClient(sandbox.url, sandbox.tokens["viewer"]) as c:
        out = c.decide(refund["id"], {"action": "approve"}, idempotency_key="k2", if_match=refund["version"])
        assert isinstance(out, Fatal) and out.status == 403
    assert "not-a-token" not in repr(PlatformClient(sandbox.url, "not-a-token"))


def test_evidence_size_cap_and_digest(sandbox):
    docs = [sandbox.world.refund(r) for r in sandbox.world.snapshot()]
    ev = next(e for d in docs for e in d["evidence"] if e["bytes"] > 1000)
    with PlatformClient(sandbox.url, sandbox.tokens["viewer"]) as c:
        ok = c.evidence(ev["id"])
        assert isinstance(ok, Ok) and len(ok.value) == ev["bytes"]
        too_big = c.evidence(ev["id"], max_bytes=100)
        assert isinstance(too_big, Invalid) and too_big.code == "too_large"


def test_unreachable_platform_is_retryable():
    with PlatformClient("http://127.0.0.1:9", "t", timeout=2) as c:
        assert isinstance(c.me(), Retryable)


def test_merchant_evidence_upload(sandbox):
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(buf, "PNG")
    with PlatformClient(sandbox.url, sandbox.tokens["operator"]) as c:
        out = c.upload_evidence(buf.getvalue(), "image/png")
        assert isinstance(out, Ok) and out.status == 201 and out.value["id"].startswith("me_")
        assert isinstance(c.upload_evidence(b"<html></html>", "image/png"), Invalid)
        assert isinstance(c.upload_evidence(buf.getvalue(), "image/gif"), Invalid)
