"""One refund's facts, risk signals and evidence (facts + text read + what the text says), for
`merchant-console inspect REFUND_ID [--json]`.

JSON keys: `refund`, `signals` (each `kind`, `severity`, `text`), `evidence` (each `id`, `sha256`,
`status`, `width`, `height`, `text`, `signals`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from ..core.evidence_text import MEDIUM
from ..core.policy import Policy
from ..core.risk import SEVERITY, SIGNAL_WORDS
from ..core.words import pick
from ..store import evidence_reading, refunds, risk, state

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
    evidence = refunds.evidence_of(conn, refund_id)
    # the refund's signals name its images as people do ("image 2"); an image's own say "this image"
    names = {e["id"]: pick(SIGNAL_WORDS["image_n"], lang).format(n=e["position"] + 1) for e in evidence}
    signals: list[dict[str, Any]] = []
    per_image: dict[str, list[dict[str, Any]]] = {}
    confirmed = risk.reassurances_for(conn, [refund_id], policy).get(refund_id, [])
    for s in found + confirmed:
        item = {"kind": s.code, "severity": SEVERITY.get(s.code, MEDIUM), "text": s.explain(lang, names)}
        if s in found:
            signals.append(item)
        if s.evidence_id:
            per_image.setdefault(s.evidence_id, []).append({**item, "text": s.explain(lang)})
    shas = [e["sha256"] for e in evidence]
    image_facts = risk.facts_of(conn, shas)
    read = evidence_reading.text_of(conn, shas)
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
        items.append({"id": e["id"], "sha256": sha, "status": status, "width": f.get("width"),
                      "height": f.get("height"), "text": "\n".join(str(ln.get("text", "")) for ln in lines),
                      "lines": lines, "signals": per_image.get(e["id"], [])})
    return {"refund": facts, "signals": signals, "evidence": items}


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
