"""Conversation actions waiting in the outbox while `sync --once` processes are killed (SIGKILL) at random
points, on a slow platform that loses answers after committing: each still applies exactly once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from merchant_console import cli
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Ok

ROUNDS = 5


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.timeout(900)
def test_sigkill_while_conversation_actions_upload(sandbox_factory, monkeypatch, tmp_path, capsys):
    sb = sandbox_factory(refunds=30, seed=9)
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"crash test seed: {seed} (set CRASH_SEED to replay)")
    data = tmp_path / "data"
    env = dict(os.environ, MERCHANT_CONSOLE_DATA=str(data), MERCHANT_CONSOLE_URL=sb.url,
               MERCHANT_CONSOLE_TOKEN=sb.tokens["operator"])
    for key in ("MERCHANT_CONSOLE_URL", "MERCHANT_CONSOLE_TOKEN", "MERCHANT_CONSOLE_DATA"):
        monkeypatch.setenv(key, env[key])
    ids = sb.world.add_refunds(7, evidence=False)
    cmd = [sys.executable, "-m", "merchant_console", "sync", "--once", "--no-evidence"]
    first = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    texts = {rid: f"您好，订单{rid[-4:]}的卡密请问在哪个平台充值？" for rid in ids[:3]}
    for rid, text in texts.items():
        assert cli.main(["message", rid, "--text", text]) == 0
    for rid in ids[3:5]:
        half = str(sb.world.refund(rid)["paid_fen"] // 2)
        assert cli.main(["propose", rid, "partial", "--amount-fen", half, "--message", "按剩余价值退款"]) == 0
    dues = {rid: sb.world.refund(rid)["due_at"] for rid in ids[5:]}
    for rid in ids[5:]:
        assert cli.main(["extend", rid, "--hours", "24", "--reason-code", "checking_with_supplier",
                         "--reason", "已向上游供货商核实卡密状态"]) == 0
    capsys.readouterr()
    # every request is slow and a third of the answers are lost after the platform committed them
    sb.world.set_faults(latency_ms=400, drop_after_commit_rate=0.3)
    kills = 0
    for round_no in range(ROUNDS):
        with open(tmp_path / f"sync{round_no}.log", "wb") as log, \
                subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log) as proc:
            time.sleep(rng.uniform(0.8, 4.0))  # start-up, /me, then somewhere in the pushes
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait(timeout=60)
        [db_file] = list(data.rglob("console.db"))
        with sqlite3.connect(db_file) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert kills >= 1, "every sync finished before it could be killed; the test proved nothing"
    sb.world.set_faults()
    final = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    assert final.returncode == 0, final.stderr
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall() == [("done", 7)]
    with PlatformClient(sb.url, sb.tokens["operator"]) as c:
        for rid, text in texts.items():
            out = c.messages(rid)
            assert isinstance(out, Ok)
            assert [m.text for m in out.value.messages if m.sender == "merchant"] == [text]
    for rid in ids[3:5]:
        doc = sb.world.refund(rid)
        assert doc["status"] == "negotiating" and doc["negotiation"]["round"] == 1
    for rid in ids[5:]:
        assert sb.world.refund(rid)["extension"]["hours"] == 24 and sb.world.refund(rid)["due_at"] != dues[rid]
    print(f"killed {kills} of {ROUNDS} syncs; 7 conversation actions applied exactly once")
