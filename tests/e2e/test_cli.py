"""The command line as scripts use it, against the real sandbox on 127.0.0.1."""

from __future__ import annotations

import io
import json
import logging
import os
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from merchant_console import cli


def run(args, *, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(args)


def files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_login_sync_status_decide_audit_logout(sandbox, monkeypatch, capsys, isolated, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    token = sandbox.tokens["operator"]
    assert run(["login", "--url", sandbox.url], stdin=token + "\n", monkeypatch=monkeypatch) == 0
    assert "Signed in" in capsys.readouterr().out
    assert token in isolated.entries.values()                   # in the keychain ...
    assert run(["-vv", "sync", "--once"]) == 0
    out = capsys.readouterr().out
    assert "pulled 120 refund(s)" in out
    assert run(["status", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert set(info) == {"refunds", "by_status", "outbox", "quarantined", "cleaned", "database", "last_sync",
                         "clock_offset_ms", "conversation"}
    assert info["refunds"] == 120 and sum(info["by_status"].values()) == 120
    rid = next(r for r, d in ((r, sandbox.world.refund(r)) for r in sandbox.world.snapshot())
               if d["status"] == "awaiting_merchant" and not d["fast_refund"])
    assert run(["decide", rid, "reject", "--reason-code", "card_already_used", "--reason", "卡密已被使用"]) == 0
    assert "saved" in capsys.readouterr().out
    assert run(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outbox"] == {"pending": 1}
    assert run(["sync", "--once", "--no-evidence"]) == 0
    assert sandbox.world.refund(rid)["status"] == "rejected"
    assert run(["audit", "verify"]) == 0
    assert "intact: 2 entries" in capsys.readouterr().out
    # ... and nowhere else: not in the database, the profile list, the cache or the logs
    data = Path(os.environ["MERCHANT_CONSOLE_DATA"])
    assert files_containing(data, token.encode()) == []
    assert token not in caplog.text
    assert run(["logout"]) == 0
    assert token not in isolated.entries.values()
    assert run(["sync", "--once"]) == 1
    assert "not signed in" in capsys.readouterr().err


def test_decide_refuses_bad_input_clearly_and_saves_nothing(sandbox, monkeypatch, capsys):
    assert run(["login", "--url", sandbox.url], stdin=sandbox.tokens["operator"], monkeypatch=monkeypatch) == 0
    assert run(["sync", "--once", "--no-evidence"]) == 0
    capsys.readouterr()
    rid = next(r for r in sandbox.world.snapshot() if sandbox.world.refund(r)["status"] == "awaiting_merchant")
    paid = sandbox.world.refund(rid)["paid_fen"]
    assert run(["decide", rid, "partial", "--amount-fen", str(paid), "--reason-code", "partial_used_value",
                "--reason", "按剩余价值退款"]) == 1
    assert "less than the paid amount" in capsys.readouterr().err
    assert run(["decide", rid, "reject"]) == 1
    assert "reason" in capsys.readouterr().err
    assert run(["decide", "r_nope", "approve"]) == 1
    assert "no refund" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        run(["decide", rid, "refund-everything"])
    assert e.value.code == 2
    assert run(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outbox"] == {}


def test_decide_if_version_refuses_a_refund_that_changed_since_it_was_seen(sandbox, monkeypatch, capsys):
    assert run(["login", "--url", sandbox.url], stdin=sandbox.tokens["operator"], monkeypatch=monkeypatch) == 0
    assert run(["sync", "--once", "--no-evidence"]) == 0
    rid = next(r for r in sandbox.world.snapshot() if sandbox.world.refund(r)["status"] == "awaiting_merchant"
               and not sandbox.world.refund(r)["fast_refund"])
    capsys.readouterr()
    assert run(["thread", rid, "--json"]) == 0
    seen = json.loads(capsys.readouterr().out)["version"]
    sandbox.world.buyer_message(rid, "还在吗?请尽快处理")   # the buyer writes: the refund's version moves on
    assert run(["sync", "--once", "--no-evidence"]) == 0
    capsys.readouterr()
    assert run(["decide", rid, "approve", "--if-version", str(seen)]) == 1
    err = capsys.readouterr().err
    assert "changed since you saw it" in err and f"version {seen}" in err
    assert run(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outbox"] == {}       # nothing saved
    assert run(["thread", rid, "--json"]) == 0
    now = json.loads(capsys.readouterr().out)["version"]
    assert now != seen
    assert run(["decide", rid, "approve", "--if-version", str(now)]) == 0   # the version seen now: saved
    assert "saved" in capsys.readouterr().out


def test_viewer_cannot_decide(sandbox, monkeypatch, capsys):
    assert run(["login", "--url", sandbox.url], stdin=sandbox.tokens["viewer"], monkeypatch=monkeypatch) == 0
    assert run(["sync", "--once", "--no-evidence"]) == 0
    rid = next(iter(sandbox.world.snapshot()))
    assert run(["decide", rid, "approve"]) == 1
    assert "viewer" in capsys.readouterr().err


def test_env_token_is_used_and_never_stored(sandbox, monkeypatch, capsys, isolated):
    token = sandbox.tokens["manager"]
    monkeypatch.setenv("MERCHANT_CONSOLE_URL", sandbox.url)
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", token)
    assert run(["sync", "--once", "--no-evidence"]) == 0
    assert run(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["refunds"] == 120
    assert isolated.entries == {}
    assert files_containing(Path(os.environ["MERCHANT_CONSOLE_DATA"]), token.encode()) == []


def test_sign_in_errors_are_clear(sandbox, monkeypatch, capsys):
    assert run(["login", "--url", sandbox.url], stdin="wrong-token", monkeypatch=monkeypatch) == 1
    assert "did not accept the token" in capsys.readouterr().err
    assert run(["login", "--url", "http://platform.example"], stdin="x", monkeypatch=monkeypatch) == 2
    assert "https://platform.example" in capsys.readouterr().err
    assert run(["login", "--url", sandbox.url], stdin="", monkeypatch=monkeypatch) == 2
    assert "no token" in capsys.readouterr().err


def test_no_keychain_names_the_fix(sandbox, monkeypatch, capsys):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert run(["login", "--url", sandbox.url], stdin=sandbox.tokens["operator"], monkeypatch=monkeypatch) == 1
    err = capsys.readouterr().err
    assert "keychain" in err and "MERCHANT_CONSOLE_TOKEN" in err
    assert sandbox.tokens["operator"] not in err


def test_audit_verify_names_the_first_bad_entry(sandbox, monkeypatch, capsys):
    assert run(["login", "--url", sandbox.url], stdin=sandbox.tokens["owner"], monkeypatch=monkeypatch) == 0
    assert run(["sync", "--once", "--no-evidence"]) == 0
    ids = [r for r in sandbox.world.snapshot() if sandbox.world.refund(r)["status"] == "awaiting_merchant"][:3]
    for rid in ids:
        assert run(["decide", rid, "approve"]) == 0
    db = next(Path(os.environ["MERCHANT_CONSOLE_DATA"]).rglob("console.db"))
    import sqlite3
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")  # who decided is covered too
    capsys.readouterr()
    assert run(["audit", "verify"]) == 1
    assert "entry 2" in capsys.readouterr().err


def test_self_test_passes():
    assert cli.main(["--self-test"]) == 0


def test_sandbox_command_prints_its_address_first_and_stops_on_sigint(tmp_path):
    import signal
    import subprocess
    import sys

    import httpx

    with subprocess.Popen([sys.executable, "-m", "merchant_console", "sandbox", "--refunds", "12", "--images", "none",
                           "--db", str(tmp_path / "platform.db")], stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        try:
            first = json.loads(proc.stdout.readline())
            assert set(first["tokens"]) == {"owner", "manager", "operator", "viewer"}
            r = httpx.get(first["url"] + "/api/v1/me", headers={"Authorization": f"Bearer {first['tokens']['owner']}"})
            assert r.status_code == 200 and r.json()["staff"]["role"] == "owner"
            page = httpx.get(first["url"] + "/api/v1/refunds/changes?limit=500",
                             headers={"Authorization": f"Bearer {first['tokens']['viewer']}"}).json()
            assert len(page["items"]) == 12
        finally:
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=30) == 0
