"""A sync process killed with SIGKILL at random points never damages the database or loses data."""

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

ROUNDS = 6


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.timeout(900)
def test_sigkill_during_sync_leaves_a_sound_database(sandbox_factory, monkeypatch, tmp_path, capsys):
    # 400 refunds: each sync still takes seconds, so the random kill lands in the middle of its work
    sigkill_syncs(sandbox_factory, monkeypatch, tmp_path, refunds=400)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.timeout(1200)  # 2000 refunds synced seven times by real processes: minutes on a busy machine
def test_sigkill_during_a_long_sync_leaves_a_sound_database(sandbox_factory, monkeypatch, tmp_path, capsys):
    sigkill_syncs(sandbox_factory, monkeypatch, tmp_path, refunds=2000)


def sigkill_syncs(sandbox_factory, monkeypatch, tmp_path, refunds: int) -> None:
    """Kill `sync --once` processes at random points with decisions waiting; then check the database."""
    sb = sandbox_factory(refunds=refunds, seed=9)  # a pinned clock: only our decisions change the platform
    assert sb.world.pinned
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    print(f"crash test seed: {seed} (set CRASH_SEED to replay)")
    data = tmp_path / "data"
    env = dict(os.environ, MERCHANT_CONSOLE_DATA=str(data), MERCHANT_CONSOLE_URL=sb.url,
               MERCHANT_CONSOLE_TOKEN=sb.tokens["operator"])
    monkeypatch.setenv("MERCHANT_CONSOLE_URL", sb.url)
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", sb.tokens["operator"])
    monkeypatch.setenv("MERCHANT_CONSOLE_DATA", str(data))
    cmd = [sys.executable, "-m", "merchant_console", "sync", "--once"]
    decided: list[str] = []
    kills = 0
    for round_no in range(ROUNDS):
        if round_no == 2:
            # decisions waiting in the outbox while later syncs are killed: each must apply exactly once.
            # A decision needs its refund in the local database; on a busy machine the killed syncs
            # may not have got that far, so sync (without evidence) to the end once first.
            if len(local_awaiting(data)) < 5:
                done = subprocess.run([*cmd, "--no-evidence"], env=env, stdin=subprocess.DEVNULL,
                                      capture_output=True, text=True, timeout=900)
                assert done.returncode == 0, done.stderr
            candidates = local_awaiting(data)[:5]
            assert len(candidates) == 5
            for rid in candidates:
                assert cli.main(["decide", rid, "approve"]) == 0
                decided.append(rid)
        with open(tmp_path / f"sync{round_no}.log", "wb") as log, \
                subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log) as proc:
            # kill at a random point of the sync's work, not of its start-up (slow on a busy machine)
            deadline = time.monotonic() + 60
            while not list(data.rglob("console.db")) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0.05, 2.5))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait(timeout=60)
        db_files = list(data.rglob("console.db"))
        if db_files:
            with sqlite3.connect(db_files[0]) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if round_no == 1 and not db_files:
            pytest.fail("the sync never got as far as creating its database")
    assert kills >= 1, "every sync finished before it could be killed; the test proved nothing"
    before = sb.world.snapshot()
    final = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900)
    after = sb.world.snapshot()
    assert final.returncode == 0, final.stderr
    [db_file] = list(data.rglob("console.db"))
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        local = dict(conn.execute("SELECT id, version FROM refunds"))
        ev_rows = conn.execute("SELECT count(*), count(DISTINCT refund_id || '/' || id) FROM evidence").fetchone()
        outbox = conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
    # nothing missing, nothing stale (the pinned platform clock fires no timers while syncs run)
    assert local == after
    assert {r for r in after if after[r] != before[r]} <= set(decided)  # only pushed decisions changed it
    assert ev_rows[0] == ev_rows[1] == sum(len(sb.world.refund(r)["evidence"]) for r in local)
    assert len(decided) == 5
    assert outbox == [("done", len(decided))]
    assert [sb.world.decisions_applied(r) for r in decided] == [1] * len(decided)
    assert all(sb.world.refund(r)["status"] in ("refunding", "refunded") for r in decided)
    print(f"killed {kills} of {ROUNDS} syncs; {len(decided)} decisions applied exactly once")


def local_awaiting(data) -> list[str]:
    """Refunds awaiting the merchant (not fast refunds) in the console's database, if there is one yet."""
    dbs = list(data.rglob("console.db"))
    if not dbs:
        return []
    try:
        with sqlite3.connect(dbs[0], timeout=10) as conn:
            return [r[0] for r in conn.execute("SELECT id FROM refunds WHERE status = 'awaiting_merchant' "
                                               "AND fast_refund = 0 ORDER BY id")]
    except sqlite3.OperationalError:  # not migrated yet
        return []


def test_continuous_sync_follows_changes_and_stops_on_sigterm(sandbox, tmp_path):
    data = tmp_path / "data"
    env = dict(os.environ, MERCHANT_CONSOLE_DATA=str(data), MERCHANT_CONSOLE_URL=sandbox.url,
               MERCHANT_CONSOLE_TOKEN=sandbox.tokens["viewer"])
    with open(tmp_path / "sync.log", "wb") as log, subprocess.Popen(
            [sys.executable, "-m", "merchant_console", "sync", "--no-evidence"], env=env,
            stdin=subprocess.DEVNULL, stdout=log, stderr=log) as proc:
        try:
            def local_ids():
                dbs = list(data.rglob("console.db"))
                if not dbs:
                    return set()
                try:
                    with sqlite3.connect(dbs[0], timeout=5) as conn:
                        return {r[0] for r in conn.execute("SELECT id FROM refunds")}
                except sqlite3.OperationalError:  # not migrated yet
                    return set()

            deadline = time.monotonic() + 60
            while len(local_ids()) < 120 and time.monotonic() < deadline:
                time.sleep(0.1)
            new = set(sandbox.world.add_refunds(3))
            while not new <= local_ids() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert new <= local_ids(), (tmp_path / "sync.log").read_text()
        finally:
            proc.send_signal(signal.SIGTERM)
            sandbox.world.interrupt_waits()
            code = proc.wait(timeout=60)
    assert code == 0, (tmp_path / "sync.log").read_text()
