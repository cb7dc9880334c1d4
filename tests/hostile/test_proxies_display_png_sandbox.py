"""Issue 14.10: no token to a proxy over plain http; control and bidi characters made visible;
a truncated PNG is not a valid image; the unauthenticated sandbox stays on this computer."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from merchant_console.core.display_text import isolate, needs_cleaning, visible
from merchant_console.evidence.decode import Broken, decode
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Ok
from merchant_console.store import refunds

from .conftest import TOKEN
from .platform import HostilePlatform, refund_doc


@pytest.fixture
def proxy():
    hp = HostilePlatform()
    hp.routes["GET *"] = lambda h: h.send_json({"proxied": True})
    hp.start()
    yield hp
    hp.stop()


@pytest.mark.parametrize("var", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
def test_no_proxy_for_this_computer_so_the_token_never_reaches_one(hostile, proxy, monkeypatch, var):
    monkeypatch.setenv(var, proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with PlatformClient(hostile.url, TOKEN) as c:
        out = c.me()
    assert isinstance(out, Ok) and "merchant" in out.value
    assert proxy.seen == []
    assert any(s[2].get("Authorization") == f"Bearer {TOKEN}" for s in hostile.seen)


def test_control_and_bidi_characters_are_made_visible():
    assert visible("r_bidi_\u202egnp.exe") == "r_bidi_<U+202E>gnp.exe"
    assert visible("a\x00b\x1bc\x07d\x7f") == "a\u2400b\u241bc\u2407d\u2421"
    assert visible("line1\nline2\tx", multiline=True) == "line1\nline2\tx"
    assert visible("line1\nline2") == "line1\u240aline2"
    assert visible("\ud800x") == "\ufffdx"
    assert isolate("\u05e9\u05dc\u05d5\u05dd") == "\u2068\u05e9\u05dc\u05d5\u05dd\u2069"
    assert not needs_cleaning("App Store 充值卡 100元") and needs_cleaning("x\u2066y")


def test_a_refund_with_odd_display_text_is_kept_cleaned_and_flagged(hostile, console):
    hostile.refunds["r_odd"] = refund_doc("r_odd", **{"product.name": "Q币\x00\u202e100元", "reason": "x" * 100_000,
                                                     "buyer.nickname": "\x1b[31mred\x07"})
    engine = console(hostile.url)
    assert engine.sync_once(prefetch=False).quarantined == 0
    with engine.db.read() as conn:
        row = refunds.get_refund(conn, "r_odd")
    assert row["status"] == "awaiting_merchant"
    assert row["product_name"] == "Q币\u2400<U+202E>100元"
    assert row["buyer_nickname"] == "\u241b[31mred\u2407"
    assert len(row["reason"]) == 2000 and row["reason"].endswith("\u2026")
    assert sorted(row["odd_fields"]) == ["buyer.nickname", "product.name", "reason"]


def _png() -> bytes:
    im = Image.effect_noise((64, 64), 40).convert("RGB")
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("cut", [1, 4, 11])
def test_a_truncated_png_is_not_a_valid_image(cut):
    data = _png()
    decode(data)
    with pytest.raises(Broken):
        decode(data[:-cut])


def test_the_sandbox_refuses_to_listen_beyond_this_computer_unless_told(tmp_path):
    run = subprocess.run([sys.executable, "-m", "merchant_console", "--data-dir", str(tmp_path), "sandbox",
                          "--host", "0.0.0.0", "--refunds", "0", "--images", "none"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "--allow-remote" in run.stderr and "Traceback" not in run.stderr
