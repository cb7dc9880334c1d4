"""The tamper-evident audit log: append with a keyed hash link, verify the whole chain and its head.

Each entry's hash covers its fields and its predecessor's hash, so editing or deleting an entry in
the middle breaks the chain. Two more things make the log evident against someone with the file:

- the hash is an HMAC keyed with a secret kept in the system keychain (one per database file), so
  a rewritten chain cannot be recomputed from the file alone; keyed hashes carry the prefix "k:"
  (entries written before the key existed keep the plain SHA-256 of `core.audit`);
- the chain's head (last sequence number and hash, MAC'd with the same key) is recorded in its own
  table (`audit_head`), written in the same transaction as each entry, so entries deleted from the
  end (the newest decisions) are missed.

Without a keychain (a script on a server) the chain is plain SHA-256 with an unkeyed head: edits
and deletions are still found, a deliberate rewrite is not; `verify` says so (`keyed` False).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
from dataclasses import dataclass
from typing import Any

import keyring
import keyring.errors
from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from ..core.audit import GENESIS, canonical, link_hash
from .models import AuditEntry, AuditHead, Decision

log = logging.getLogger(__name__)

KEY_SERVICE = "merchant-console-audit"
KEYED = "k:"
HEAD_ID = 1

_keys: dict[tuple[int, str], tuple[bytes, int] | None] = {}
_keys_lock = threading.Lock()
_warned: set[tuple[int, str]] = set()   # told once per keychain and database: not on every decision


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str | None = None
    keyed: bool = False  # whether the chain could be checked against the keychain's secret


def _db_account(conn: Connection) -> str | None:
    path = conn.engine.url.database
    if not path or path == ":memory:":
        return None
    from pathlib import Path
    return f"audit:{Path(path).resolve()}"


def _key(conn: Connection, *, create_at: int | None = None) -> tuple[bytes, int] | None:
    """This database's audit secret from the keychain and the first entry it signed; None without one.

    `create_at`: make the secret if there is none, for entries from this sequence number on. The
    keychain keeps "hexkey:first_seq", so a chain rewritten with plain hashes from there on shows."""
    account = _db_account(conn)
    if account is None:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration is no keychain
        return None
    cache_key = (id(backend), account)
    with _keys_lock:
        if cache_key in _keys and (_keys[cache_key] is not None or create_at is None):
            return _keys[cache_key]
        try:
            stored = keyring.get_password(KEY_SERVICE, account)
            if stored is None and create_at is not None:
                stored = f"{secrets.token_hex(32)}:{create_at}"
                keyring.set_password(KEY_SERVICE, account, stored)
        except (keyring.errors.KeyringError, RuntimeError) as e:
            # asked again at the next entry (a keychain unlocked later keys the chain from there on)
            if cache_key not in _warned:
                _warned.add(cache_key)
                log.warning("the audit log's key cannot be kept in the keychain (%s); the chain is unkeyed",
                            type(e).__name__)
            stored = None
        try:
            found: tuple[bytes, int] | None = None
            if stored:
                hex_key, first = stored.split(":")
                found = (bytes.fromhex(hex_key), int(first))
        except ValueError:
            log.warning("the audit log's key in the keychain is malformed; the chain cannot be checked with it")
            found = None
        _keys[cache_key] = found
        return found


def _entry_hash(key: bytes | None, prev: str, seq: int, at_ms: int, kind: str, actor: str, refund_id: str | None,
                payload: str) -> str:
    if key is None:
        return link_hash(prev, seq, at_ms, kind, actor, refund_id, payload)
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in (prev, str(seq), str(at_ms), kind, actor, refund_id or "", payload):
        mac.update(part.encode("utf-8"))
        mac.update(b"\x1f")
    return KEYED + mac.hexdigest()


def _head_mac(key: bytes | None, seq: int, h: str) -> str | None:
    return None if key is None else _keyed_head_mac(key, seq, h)


def _keyed_head_mac(key: bytes, seq: int, h: str) -> str:
    return hmac.new(key, f"head\x1f{seq}\x1f{h}".encode(), hashlib.sha256).hexdigest()


def append(conn: Connection, *, kind: str, actor: str, payload: dict[str, Any], at_ms: int,
           refund_id: str | None = None) -> int:
    """Append one entry inside the caller's (write) transaction; returns its sequence number."""
    last = conn.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    body = canonical(payload)
    found = _key(conn, create_at=seq)
    key = found[0] if found else None
    h = _entry_hash(key, prev, seq, at_ms, kind, actor, refund_id, body)
    conn.execute(insert(AuditEntry).values(
        seq=seq, at_ms=at_ms, kind=kind, actor=actor, refund_id=refund_id, payload=body, prev_hash=prev, hash=h))
    head = {"seq": seq, "hash": h, "mac": _head_mac(key, seq, h)}
    conn.execute(insert(AuditHead).values(id=HEAD_ID, **head)
                 .on_conflict_do_update(index_elements=[AuditHead.id], set_=head))
    return seq


def verify(conn: Connection) -> AuditReport:
    """Walk the chain from the start, then check its head and that every decision has its entry.

    The first entry whose link or hash does not hold is named; entries missing from the end, a
    chain rewritten without the key and a decision without its entry are reported too."""
    found = _key(conn)
    key, keyed_from = found if found else (None, None)
    prev, expected_seq, n = GENESIS, 1, 0
    keyed_seen = False
    decided: set[int] = set()
    q = select(AuditEntry.seq, AuditEntry.at_ms, AuditEntry.kind, AuditEntry.actor, AuditEntry.refund_id,
               AuditEntry.payload, AuditEntry.prev_hash, AuditEntry.hash).order_by(AuditEntry.seq)
    for seq, at_ms, kind, actor, refund_id, payload, prev_hash, h in conn.execute(q):
        n += 1
        if seq != expected_seq:
            return AuditReport(False, n, expected_seq, f"entry {expected_seq} is missing")
        if prev_hash != prev:
            return AuditReport(False, n, seq, f"entry {seq} does not link to entry {seq - 1}")
        if h.startswith(KEYED):
            keyed_seen = True
            if key is None:
                return AuditReport(False, n, seq, "the audit log's key is not in this computer's keychain, so the "
                                                  "log cannot be checked here (was the data folder moved?)")
            expected = _entry_hash(key, prev_hash, seq, at_ms, kind, actor, refund_id, payload)
        else:
            expected = link_hash(prev_hash, seq, at_ms, kind, actor, refund_id, payload)
            if keyed_seen or (keyed_from is not None and seq >= keyed_from):
                # from the key's first entry on every entry is signed: a plain one was rewritten
                return AuditReport(False, n, seq, f"entry {seq} was rewritten (it is not signed with the log's key)")
        if not hmac.compare_digest(expected, h):
            return AuditReport(False, n, seq, f"entry {seq} was altered (its hash does not match its content)")
        if kind == "decision":
            try:
                did = json.loads(payload).get("decision_id")
            except (ValueError, AttributeError, RecursionError):
                did = None
            if isinstance(did, int):
                decided.add(did)
        prev, expected_seq = h, seq + 1
    last_seq = expected_seq - 1
    head = conn.execute(select(AuditHead.seq, AuditHead.hash, AuditHead.mac).where(AuditHead.id == HEAD_ID)).first()
    if head is None:
        if n and (keyed_seen or keyed_from is not None):
            return AuditReport(False, n, last_seq + 1, "the audit log's head record is missing: entries may have "
                                                       "been deleted from its end")
    else:
        h_seq, h_hash, h_mac = head
        if key is not None and h_mac is not None and \
                not hmac.compare_digest(h_mac, _keyed_head_mac(key, h_seq, h_hash)):
            return AuditReport(False, n, h_seq, "the audit log's head record was altered")
        if key is not None and h_mac is None and keyed_from is not None and h_seq >= keyed_from:
            return AuditReport(False, n, h_seq, "the audit log's head record was rewritten without the key")
        if h_seq > last_seq:
            gone = f"entry {h_seq}" if h_seq == last_seq + 1 else f"entries {last_seq + 1}–{h_seq}"
            return AuditReport(False, n, last_seq + 1, f"{gone} deleted from the end of the log")
        if h_seq < last_seq or h_hash != prev:
            return AuditReport(False, n, h_seq, f"the log does not end where its head record says (entry {h_seq})")
    missing = sorted(set(conn.execute(select(Decision.id)).scalars()) - decided)
    if missing:
        return AuditReport(False, n, None, f"decision #{missing[0]} has no audit entry (deleted from the log)")
    return AuditReport(True, n, keyed=key is not None and (keyed_seen or n == 0))


def trail(conn: Connection, refund_id: str) -> list[dict[str, Any]]:
    q = select(AuditEntry.__table__).where(AuditEntry.refund_id == refund_id).order_by(AuditEntry.seq)
    return [dict(r) for r in conn.execute(q).mappings()]
