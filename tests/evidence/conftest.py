from __future__ import annotations

import hashlib

import pytest

from merchant_console.evidence.processor import EvidenceProcessor
from merchant_console.platform.client import PlatformClient
from merchant_console.store.engine import Database
from merchant_console.store.evidence_cache import EvidenceCache
from merchant_console.sync.engine import SyncEngine


def add_evidence(sb, refund_id: str, files: dict[str, bytes], content_type: str = "image/png") -> list[str]:
    """Attach files to a sandbox refund as its platform would serve them (a newer version)."""
    world = sb.world
    doc = world.refund(refund_id)
    entries = list(doc.get("evidence") or [])
    uploaded = entries[0]["uploaded_at"] if entries else doc["submitted_at"]
    ids = []
    with world._lock:  # the sandbox has no upload endpoint for buyers: put the blobs in directly
        blobs = []
        for name, data in files.items():
            eid = f"e_{name}"
            blobs.append((eid, content_type, data))
            entries.append({"id": eid, "kind": "screenshot", "content_type": content_type, "bytes": len(data),
                            "sha256": hashlib.sha256(data).hexdigest(), "uploaded_at": uploaded})
            ids.append(eid)
        world._store_blobs(blobs)
    world.corrupt(refund_id, {"evidence": entries})
    return ids


@pytest.fixture
def synced(tmp_path):
    """Sync a sandbox into a fresh console with the evidence processor wired as the app wires it."""
    made = []

    def make(sb, role="viewer"):
        db = Database(tmp_path / "console.db")
        proc = EvidenceProcessor(db, tmp_path / "evidence")
        cache = EvidenceCache(tmp_path / "evidence", db, on_evicted=proc.forget)
        client = PlatformClient(sb.url, sb.tokens[role])
        engine = SyncEngine(db, client, cache, on_evidence_cached=proc.on_cached)
        made.append((db, client))
        engine.sync_once()
        # decided refunds' evidence is not prefetched: open every refund, as a person browsing would
        with db.read() as conn:
            ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM refunds ORDER BY id")]
        for rid in ids:
            engine.want_evidence(rid)
            engine.fetch_wanted()
        return db, cache, proc

    yield make
    for db, client in made:
        client.close()
        db.close()
