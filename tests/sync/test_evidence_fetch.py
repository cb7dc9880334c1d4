"""Evidence within the cache's cap: prefetch of what the merchant will open soon, the rest on demand.

Real sandbox on 127.0.0.1, real client; the evidence files the platform serves are counted on its side.
"""

from __future__ import annotations

import io
import threading
import time
from collections import Counter

from PIL import Image

from merchant_console.core.clock import format_rfc3339
from merchant_console.evidence.processor import EvidenceProcessor
from merchant_console.gui.evidence_viewer import open_evidence
from merchant_console.store import refunds
from merchant_console.store.evidence_cache import EvidenceCache
from tests.evidence.conftest import add_evidence

IN_SCOPE = ("awaiting_merchant", "appealed", "platform_review")
URGENCY = "r.next_deadline_at IS NULL, r.next_deadline_at, r.submitted_at, r.id, e.position"


def served(sb, monkeypatch) -> Counter:
    """Count the evidence files the sandbox platform serves, by evidence id."""
    counts: Counter = Counter()
    real = sb.world.evidence

    def evidence(evidence_id):
        counts[evidence_id] += 1
        return real(evidence_id)

    monkeypatch.setattr(sb.world, "evidence", evidence)
    return counts


def cached(engine) -> set[str]:
    with engine.db.read() as conn:
        return {r[0] for r in conn.exec_driver_sql("SELECT sha256 FROM evidence_blobs")}


def in_scope_order(engine) -> list[str]:
    """Distinct digests of in-scope evidence that can be fetched, most urgent first."""
    marks = ",".join("?" * len(IN_SCOPE))
    with engine.db.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT e.sha256 FROM evidence e JOIN refunds r ON r.id = e.refund_id WHERE r.status IN ({marks}) "
            f"AND e.fetch_error IS NULL ORDER BY {URGENCY}", IN_SCOPE).all()
    return list(dict.fromkeys(r[0] for r in rows))


def out_of_scope_refunds(engine) -> list[str]:
    """Decided or closed refunds with evidence that no in-scope refund shares, fewest files first."""
    marks = ",".join("?" * len(IN_SCOPE))
    with engine.db.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT r.id FROM refunds r JOIN evidence e ON e.refund_id = r.id WHERE r.status NOT IN ({marks}) "
            f"GROUP BY r.id HAVING min(e.bytes) > 0 AND NOT EXISTS (SELECT 1 FROM evidence e1 "
            f"JOIN evidence e2 ON e2.sha256 = e1.sha256 JOIN refunds r2 ON r2.id = e2.refund_id "
            f"WHERE e1.refund_id = r.id AND r2.status IN ({marks})) "
            f"ORDER BY count(*), r.id", IN_SCOPE + IN_SCOPE).all()
    return [r[0] for r in rows]


def shas_of(engine, refund_id) -> set[str]:
    with engine.db.read() as conn:
        return {e["sha256"] for e in refunds.evidence_of(conn, refund_id)}


def png(at_least: int) -> bytes:
    """A PNG of noise (it does not compress) of at least `at_least` bytes."""
    side = 16
    while True:
        out = io.BytesIO()
        Image.effect_noise((side, side), 80).convert("RGB").save(out, "PNG")
        if out.tell() >= at_least:
            return out.getvalue()
        side += 8


def test_a_small_cache_takes_the_most_urgent_evidence_once_and_never_thrashes(sandbox, console, monkeypatch):
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    cap = 120_000  # a handful of files; the sandbox's in-scope evidence is about 1 MB
    engine.cache.max_total_bytes = cap
    counts = served(sandbox, monkeypatch)
    rounds = []
    for _ in range(4):
        engine.prefetch()
        rounds.append(cached(engine))
        assert engine.cache.total_bytes() <= cap
    assert counts and max(counts.values()) == 1, "a file was downloaded more than once"
    assert rounds[0] == rounds[1] == rounds[-1]
    order = in_scope_order(engine)
    assert len(order) > len(rounds[-1]) > 2
    # what fits is the most urgent in-scope evidence, and nothing else
    assert rounds[-1] == set(order[:len(rounds[-1])])


def test_decided_evidence_gives_way_to_urgent_evidence_and_nothing_comes_back(sandbox, console, monkeypatch):
    marks = ",".join("?" * len(IN_SCOPE))
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    cap = 120_000
    engine.cache.max_total_bytes = cap
    counts = served(sandbox, monkeypatch)
    # the merchant looked at a few decided refunds first (fetched on demand)
    decided = out_of_scope_refunds(engine)[:3]
    for rid in decided:
        engine.want_evidence(rid)
    engine.fetch_wanted()
    looked_at = set().union(*(shas_of(engine, rid) for rid in decided))
    assert looked_at <= cached(engine)
    # prefetch leaves what was opened in the last minutes alone…
    engine.prefetch()
    assert looked_at <= cached(engine)
    # …but not later: decided evidence goes first to make room for urgent evidence
    sandbox.world.advance(11 * 60)
    engine.pull()
    engine.prefetch()
    assert looked_at - cached(engine)
    order = in_scope_order(engine)
    before = cached(engine) & set(order)
    assert before == set(order[:len(before)])
    # a refund arrives that is due before every other: its evidence displaces the least urgent, never
    # the more urgent (the sandbox's own refunds are due later: its deadline is set by hand)
    [new] = sandbox.world.add_refunds(1, evidence=False)
    with engine.db.read() as conn:  # too big for the free space and every decided file together
        unused = conn.exec_driver_sql(
            f"SELECT coalesce(sum(size), 0) FROM evidence_blobs b WHERE NOT EXISTS (SELECT 1 FROM evidence e "
            f"JOIN refunds r ON r.id = e.refund_id WHERE e.sha256 = b.sha256 AND r.status IN ({marks}))",
            IN_SCOPE).scalar()
    urgent = png(cap - engine.cache.total_bytes() + unused + 1)
    assert len(urgent) < cap // 2
    add_evidence(sandbox, new, {"urgent": urgent})
    with engine.db.read() as conn:
        first = conn.exec_driver_sql("SELECT min(next_deadline_at) FROM refunds").scalar()
    sandbox.world.corrupt(new, {"due_at": format_rfc3339(first - 60_000)})
    engine.pull()
    assert shas_of(engine, new) == {in_scope_order(engine)[0]}
    for _ in range(3):
        engine.prefetch()
        assert engine.cache.total_bytes() <= cap
    order = in_scope_order(engine)
    after = cached(engine) & set(order)
    new_shas = shas_of(engine, new)
    assert new_shas <= after and not new_shas & before
    assert after == set(order[:len(after)])
    assert before - after, "nothing had to give way"
    assert max(counts.values()) == 1, "a file was downloaded more than once"


def test_decided_evidence_is_fetched_on_demand_not_prefetched(sandbox, console):
    seen = []
    engine = console(sandbox, on_evidence_cached=lambda ev, path: seen.append((ev["refund_id"], ev["sha256"],
                                                                               path.exists())))
    engine.sync_once()
    rid = out_of_scope_refunds(engine)[0]
    wanted = shas_of(engine, rid)
    assert not wanted & cached(engine), "evidence of a decided refund was prefetched"
    assert not [s for s in seen if s[0] == rid]
    engine.want_evidence(rid)
    report = engine.fetch_wanted()
    assert wanted <= cached(engine)
    assert report.evidence_fetched == len(wanted)
    assert {(rid, sha, True) for sha in wanted} <= set(seen)
    assert engine.wanted() == []
    # asked again: nothing to download
    engine.want_evidence(rid)
    assert engine.fetch_wanted().evidence_fetched == 0


def test_a_wish_waits_out_an_outage_and_a_file_that_is_gone_says_so(sandbox, console):
    engine = console(sandbox, max_attempts=2)
    engine.sync_once(prefetch=False)
    rid, other = out_of_scope_refunds(engine)[:2]
    sandbox.world.set_faults(maintenance=True)
    engine.want_evidence(rid)
    engine.fetch_wanted()
    assert engine.wanted() == [rid] and not shas_of(engine, rid) & cached(engine)
    sandbox.world.set_faults()
    engine.fetch_wanted()
    assert engine.wanted() == [] and shas_of(engine, rid) <= cached(engine)
    # a file the platform no longer has: recorded as a download failure, the wish is settled
    doc = sandbox.world.refund(other)
    gone = dict(doc["evidence"][0], id="e_gone", sha256="ab" * 32)
    sandbox.world.corrupt(other, {"evidence": doc["evidence"] + [gone]})
    engine.pull()
    engine.want_evidence(other)
    engine.fetch_wanted()
    assert engine.wanted() == []
    with engine.db.read() as conn:
        ev = {e["id"]: e for e in refunds.evidence_of(conn, other)}
    assert ev["e_gone"]["fetch_error"]
    assert all(e["fetch_error"] is None for k, e in ev.items() if k != "e_gone")


def test_the_running_engine_fetches_a_wish_within_seconds(sandbox, console):
    arrived = threading.Event()
    wished: list[str] = []
    engine = console(sandbox, on_evidence_cached=lambda ev, path: ev["refund_id"] in wished and arrived.set())
    engine.sync_once(prefetch=False)
    rid = out_of_scope_refunds(engine)[0]
    wished.append(rid)
    runner = threading.Thread(target=engine.run, kwargs={"wait_s": 25}, name="test-sync")
    runner.start()
    try:
        time.sleep(0.5)  # the first round is done; the puller now waits on a 25 s long-poll
        started = time.monotonic()
        engine.want_evidence(rid)
        assert arrived.wait(10)
        assert time.monotonic() - started < 5
    finally:
        engine.stop.set()
        sandbox.world.interrupt_waits()
        runner.join(30)
    assert not runner.is_alive()


def test_renditions_go_with_their_original_and_come_back_with_it(sandbox, console):
    processed = []
    engine = console(sandbox, on_evidence_cached=lambda ev, path: processed[0].on_cached(ev, path))
    proc = EvidenceProcessor(engine.db, engine.cache.root)
    processed.append(proc)
    cache = EvidenceCache(engine.cache.root, engine.db, max_total_bytes=engine.cache.max_total_bytes,
                          on_evicted=proc.forget)
    engine.cache = cache
    engine.sync_once(prefetch=False)
    rid = out_of_scope_refunds(engine)[0]
    engine.want_evidence(rid)
    engine.fetch_wanted()
    with engine.db.read() as conn:
        row = next(e for e in refunds.evidence_of(conn, rid) if e["bytes"] > 0)
    sha = row["sha256"]
    assert proc.renditions.get(sha) is not None
    # forgotten (damaged on disk, say): its renditions go too
    cache.forget(sha)
    assert not proc.renditions.folder(sha).exists()
    # fetched again on demand, then evicted by a cap too small to keep it: renditions made, then gone
    engine.want_evidence(rid)
    engine.fetch_wanted()
    assert proc.renditions.get(sha) is not None
    cache.max_total_bytes = 1
    cache.evict()
    assert not proc.renditions.folder(sha).exists() and not cache.holds(sha)
    # opening it again brings it back: the original on demand, the viewer remakes what is missing
    cache.max_total_bytes = 10**9
    engine.want_evidence(rid)
    engine.fetch_wanted()
    proc.renditions.forget(sha)  # say the renditions were lost while the original stayed
    opened = open_evidence(engine.db, cache, proc, row)
    assert opened.broken is None and opened.renditions is not None
    assert proc.renditions.get(sha) is not None


def test_the_live_sync_tidies_the_cache_once_and_says_what_it_processed(sandbox, console):
    """At the start of the live sync its evidence thread sweeps renditions left by earlier versions (their
    originals long evicted) and processes files cached without processing (before this version, or by a
    command line), then tells the listener which refunds' evidence it worked on: the GUI hears it in the
    same change notice as sync's other writes (no write of its own, no failure left unsaid)."""
    from merchant_console.store import risk
    from merchant_console.sync.listener import SyncListener

    heard: list = []
    told = threading.Event()

    class Listener(SyncListener):
        def changed(self, changes):
            if changes.evidence:
                heard.append(changes)
                told.set()

    procs: list[EvidenceProcessor] = []
    engine = console(sandbox, listener=Listener(), upkeep=lambda: procs[0].upkeep(engine.cache))
    proc = EvidenceProcessor(engine.db, engine.cache.root)
    procs.append(proc)
    engine.sync_once()   # cached, not processed (this engine has no on_evidence_cached)
    kept = cached(engine)
    assert kept
    with engine.db.read() as conn:
        assert not risk.facts_of(conn, list(kept))
    stray = "cd" * 32
    proc.renditions.make(stray, Image.new("RGB", (20, 20)))
    heard.clear()
    runner = threading.Thread(target=engine.run, kwargs={"wait_s": 25}, name="test-sync")
    runner.start()
    try:
        assert told.wait(30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not kept <= {sha for c in heard for _rid, sha in c.evidence}:
            time.sleep(0.1)
    finally:
        engine.stop.set()
        sandbox.world.interrupt_waits()
        runner.join(30)
    assert not runner.is_alive()
    assert proc.renditions.get(stray) is None
    assert kept <= {sha for c in heard for _rid, sha in c.evidence}
    with engine.db.read() as conn:
        facts = risk.facts_of(conn, list(kept))
    assert set(facts) == kept
    assert all(proc.renditions.get(sha) is not None for sha in kept if not facts[sha]["broken"])
    # once per session: a sync restarted (a role switch, a pause) does not list the folders again
    proc.renditions.make(stray, Image.new("RGB", (20, 20)))
    assert not proc.upkeep(engine.cache)
    assert proc.renditions.get(stray) is not None


def test_prefetch_reads_the_list_in_batches_and_still_takes_everything_that_fits(sandbox, console, monkeypatch):
    """A large merchant's list is read a batch at a time (most urgent first); one round still goes on
    batch after batch until everything in scope that fits is cached."""
    from merchant_console.sync import evidence_fetch

    monkeypatch.setattr(evidence_fetch, "PREFETCH_BATCH", 2)
    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    counts = served(sandbox, monkeypatch)
    engine.prefetch()
    order = in_scope_order(engine)
    assert len(order) > 4 and cached(engine) == set(order)
    assert max(counts.values()) == 1
    engine.prefetch()                                   # nothing left: a round reads one short batch
    assert sum(counts.values()) == len(order)


def test_a_long_prefetch_never_holds_up_the_feed(sandbox, console):
    """Each prefetched file is processed as it lands (a similar-image signature and compares: seconds on a
    busy machine). Prefetch runs in slices between pulls, so a refund the platform adds meanwhile (or
    the platform coming back after trouble) is seen within seconds, not after the whole prefetch."""
    processed: list[str] = []

    def slow(ev, path):
        time.sleep(0.4)
        processed.append(ev["sha256"])
    engine = console(sandbox, on_evidence_cached=slow)
    engine.sync_once(prefetch=False)
    in_scope = len(set(in_scope_order(engine)))
    assert in_scope * 0.4 > 3 * 3.0           # the whole prefetch takes far longer than a slice
    runner = threading.Thread(target=engine.run, kwargs={"wait_s": 25}, name="test-sync")
    runner.start()
    try:
        time.sleep(1.0)                        # prefetch is under way
        rid = sandbox.world.add_refunds(1)[0]
        started = time.monotonic()
        while time.monotonic() - started < 15:
            with engine.db.read() as conn:
                if refunds.get_refund(conn, rid) is not None:
                    break
            time.sleep(0.1)
        took = time.monotonic() - started
        assert took < 8, took
        assert len(processed) < in_scope      # seen while the prefetch still had files to fetch
    finally:
        engine.stop.set()
        sandbox.world.interrupt_waits()
        runner.join(60)
    assert not runner.is_alive()


def test_after_a_pass_that_found_nothing_only_the_changed_refunds_are_asked(sandbox, console, monkeypatch):
    """The live sync prefetches after every pull. Reading the whole list costs ~10 ms at 100 000 refunds
    even when everything is cached, and a big platform changes a refund every second or so: after a pass
    that found nothing to fetch, the next pass runs only if a changed refund brought evidence to fetch, a
    file left the cache, or a minute passed."""
    from merchant_console.store.changes import Changes
    from merchant_console.sync import evidence_fetch

    engine = console(sandbox)
    engine.sync_once(prefetch=False)
    fetcher = engine.fetcher
    with engine.db.read() as conn:
        every = [r[0] for r in conn.exec_driver_sql("SELECT id FROM refunds")]
        wanted = {e["refund_id"] for e in refunds.evidence_to_fetch(conn)}
        # the per-refund question answers what the whole list says, refund by refund
        assert wanted and all(refunds.any_evidence_to_fetch(conn, [rid]) == (rid in wanted) for rid in every)
    assert fetcher.may_have_work(Changes.of(every[:5]))        # no pass has said "nothing" yet
    engine.prefetch()                                          # everything in scope is cached
    with engine.db.read() as conn:
        assert refunds.evidence_to_fetch(conn) == [] and not refunds.any_evidence_to_fetch(conn, every)
    assert not fetcher.may_have_work(Changes.of(every))        # nothing changed that brings work
    assert not fetcher.may_have_work(Changes())
    assert fetcher.may_have_work(Changes.all())                # a full resync: read the list

    order = in_scope_order(engine)
    with engine.db.read() as conn:
        owner = conn.exec_driver_sql("SELECT refund_id FROM evidence WHERE sha256 = ?", (order[0],)).scalar()
    engine.cache.forget(order[0])                              # a file left the cache
    assert fetcher.may_have_work(Changes())
    engine.prefetch()                                          # ... and is fetched back
    assert not fetcher.may_have_work(Changes())
    with engine.db.write() as conn:                            # as if a page brought it without its file
        conn.exec_driver_sql("DELETE FROM evidence_blobs WHERE sha256 = ?", (order[0],))
    with engine.db.read() as conn:
        assert refunds.any_evidence_to_fetch(conn, [owner]) and not refunds.any_evidence_to_fetch(
            conn, [r for r in every if r != owner and order[0] not in shas_of(engine, r)])
    assert fetcher.may_have_work(Changes.of([owner]))          # the changed refund brought work
    monkeypatch.setattr(evidence_fetch, "PREFETCH_RECHECK_S", 0.0)
    assert fetcher.may_have_work(Changes())                    # and at least once a minute anyway


def test_the_live_sync_reads_the_prefetch_list_only_when_a_change_brings_evidence(sandbox, console, monkeypatch):
    engine = console(sandbox)
    engine.sync_once()                                         # everything in scope is cached
    reads: list[int] = []
    real = refunds.evidence_to_fetch
    monkeypatch.setattr(refunds, "evidence_to_fetch", lambda conn, limit=None: reads.append(1) or real(conn, limit))
    pulled: list[int] = []
    real_pull = engine.feed.pull
    monkeypatch.setattr(engine.feed, "pull", lambda **kw: (r := real_pull(**kw), pulled.append(r.refunds))[0])
    runner = threading.Thread(target=engine.run, kwargs={"wait_s": 2, "settle_s": 0}, name="test-sync")
    runner.start()
    try:
        deadline = time.monotonic() + 15
        while not reads and time.monotonic() < deadline:       # the first round reads the list once
            time.sleep(0.05)
        assert reads == [1]
        sandbox.world.advance(3 * 3600)                        # deadlines pass: refunds change, none brings files
        deadline = time.monotonic() + 15
        while sum(pulled) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        assert sum(pulled) > 0 and reads == [1]
        rid = sandbox.world.add_refunds(1)[0]                  # a new refund brings files to fetch
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with engine.db.read() as conn:
                if refunds.evidence_of(conn, rid) and not refunds.any_evidence_to_fetch(conn, [rid]):
                    break
            time.sleep(0.1)
        with engine.db.read() as conn:
            assert refunds.evidence_of(conn, rid) and not refunds.any_evidence_to_fetch(conn, [rid])
        assert len(reads) >= 2
    finally:
        engine.stop.set()
        sandbox.world.interrupt_waits()
        runner.join(60)
    assert not runner.is_alive()
