"""One refund's facts, risk signals and evidence (facts + text read + what the text says), for
`merchant-console inspect REFUND_ID [--json]`.

JSON keys: `refund`, `signals` (each `kind`, `severity`, `text`), `evidence` (each `id`, `sha256`,
`status`, `width`, `height`, `text`, `signals`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from ..core.evidence_text import HIGH, INFO, MEDIUM, findings
from ..core.policy import Policy
from ..store import evidence_reading, refunds, risk, state

# how serious each stored risk signal is, in the same words as the text findings
SEVERITY = {"same_image": HIGH, "similar_image": HIGH, "edited": MEDIUM, "card_used": HIGH,
            "outside_window": MEDIUM, "serial_refunder": MEDIUM}
_REFUND_FACTS = ("id", "order_no", "status", "type", "product_name", "paid_fen", "requested_fen", "reason",
                 "buyer_id", "buyer_nickname", "submitted_at", "delivered_at", "next_deadline_at", "card_status")


class NoSuchRefund(LookupError):
    pass


def _row(conn: Connection, refund_id: str) -> dict[str, Any]:
    r = conn.execute(text("SELECT * FROM refunds WHERE id = :id"), {"id": refund_id}).mappings().first()
    if r is None:
        raise NoSuchRefund(refund_id)
    return dict(r)


def inspect_refund(conn: Connection, refund_id: str, lang: str = "en") -> dict[str, Any]:
    """Everything known about one refund's evidence, as plain data (see the module doc for the keys)."""
    row = _row(conn, refund_id)
    policy = state.load_policy(conn) or Policy.defaults()
    facts = {k: row.get(k) for k in _REFUND_FACTS if k in row}
    found = risk.signals_for(conn, [refund_id], policy).get(refund_id, [])
    signals: list[dict[str, Any]] = []
    per_image: dict[str, list[dict[str, Any]]] = {}
    for s in found:
        item = {"kind": s.code, "severity": SEVERITY.get(s.code, MEDIUM), "text": s.explain(lang)}
        signals.append(item)
        if s.evidence_id:
            per_image.setdefault(s.evidence_id, []).append(item)
    evidence = refunds.evidence_of(conn, refund_id)
    shas = [e["sha256"] for e in evidence]
    image_facts = risk.facts_of(conn, shas)
    read = evidence_reading.text_of(conn, shas)
    others = _other_orders(conn, refund_id)
    items = []
    for e in evidence:
        sha = e["sha256"]
        f = image_facts.get(sha) or {}
        t = read.get(sha)
        status = ("broken:" + f["broken"] if f.get("broken") else
                  "not processed" if not f else
                  "read" if t and t["status"] == evidence_reading.READ else
                  "reading failed" if t else "not read yet")
        lines = list(t["lines"]) if t and t["status"] == evidence_reading.READ else []
        text_signals = [{"kind": x.kind, "severity": x.severity, "text": x.text(lang)}
                        for x in findings(lines, row, window_minutes=policy.refund_window_minutes,
                                          other_orders=others)]
        for x in text_signals:
            if x["severity"] != INFO:
                signals.append({**x, "text": f"{e['id']}: {x['text']}"})
        items.append({"id": e["id"], "sha256": sha, "status": status, "width": f.get("width"),
                      "height": f.get("height"), "text": "\n".join(str(ln.get("text", "")) for ln in lines),
                      "lines": lines, "signals": per_image.get(e["id"], []) + text_signals})
    return {"refund": facts, "signals": signals, "evidence": items}


def _other_orders(conn: Connection, refund_id: str) -> dict[str, str]:
    rows = conn.execute(text("SELECT order_no, id FROM refunds WHERE id != :id"), {"id": refund_id}).all()
    return {str(no).upper(): rid for no, rid in rows if no}


def as_text(info: dict[str, Any]) -> str:
    """The inspection as lines a person reads in a terminal."""
    r = info["refund"]
    out = [f"refund {r.get('id')}  order {r.get('order_no')}  status {r.get('status')}",
           f"  product: {r.get('product_name')}  paid: {r.get('paid_fen')} fen  reason: {r.get('reason')}"]
    out.append("signals:" if info["signals"] else "signals: none")
    out += [f"  [{s['severity']}] {s['kind']}: {s['text']}" for s in info["signals"]]
    for e in info["evidence"]:
        out.append(f"evidence {e['id']}  {e['width']}×{e['height']}  {e['status']}  sha256 {e['sha256'][:16]}…")
        out += [f"    [{s['severity']}] {s['kind']}: {s['text']}" for s in e["signals"]]
        out += [f"    | {ln}" for ln in e["text"].splitlines()]
    return "\n".join(out)
