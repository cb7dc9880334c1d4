"""A refund's life on the platform: every change a buyer, a merchant or a platform timer makes.

Functions here mutate one refund document (the JSON served by the API) and its hidden simulation
state `sim` (when the platform will act next and, in seeded histories, forced outcomes). They know
nothing of storage or HTTP; `World` applies them under its lock and persists the result.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

from merchant_console.core.clock import parse_rfc3339
from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.policy import Policy

_MINUTE_TEXT: dict[tuple[str, int], str] = {}


def minute_text(fmt: str, minute: int) -> str:
    """strftime of a UTC minute, remembered: seeding 100 000 refunds formats ~1 M times in a few
    thousand distinct minutes, and strftime was a fifth of the seeding's time."""
    key = (fmt, minute)
    text = _MINUTE_TEXT.get(key)
    if text is None:
        if len(_MINUTE_TEXT) > 500_000:
            _MINUTE_TEXT.clear()
        text = _MINUTE_TEXT[key] = datetime.fromtimestamp(minute * 60, tz=UTC).strftime(fmt)
    return text


def format_rfc3339(ms: int) -> str:
    """epoch ms -> '2026-11-21T08:00:00.000Z' (core.clock.format_rfc3339, faster)."""
    minute, rest = divmod(ms, 60_000)
    return f"{minute_text('%Y-%m-%dT%H:%M:', minute)}{rest // 1000:02d}.{rest % 1000:03d}Z"

SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR
CHINA_OFFSET = 8 * HOUR

PLATFORM_AUTO = {"kind": "platform_auto", "id": "platform", "name": "极速退款系统"}
PLATFORM_CS = (("cs_2051", "平台客服·晓雪"), ("cs_2077", "平台客服·阿哲"), ("cs_2110", "平台客服·小铃"))

PAYOUT_FAILURES = {
    "alipay": ("收款支付宝账户异常,暂无法入账", "支付宝账户已被冻结"),
    "wechat": ("微信零钱超出限额,无法入账", "微信账户未实名认证"),
    "bank_card": ("收款银行卡已注销", "银行卡状态异常,银行退回"),
    "balance": ("余额账户异常",),
}

# What a person sees as a progress node; wording as buyers read it on card-platform refund pages.
N_SUBMITTED = "买家提交退款申请"
N_REVIEWING = "商家审核中"
N_APPROVED = "商家同意退款"
N_REJECTED = "商家拒绝退款"
N_AUTO = "极速退款:系统自动同意退款"
N_FINANCE = "财务处理中"
N_PAID = "退款已到账"
N_URGED = "买家催办"
N_ESCALATED = "平台介入处理"
N_RETRY = "平台重新发起退款"
N_APPEALED = "买家发起申诉"
N_STATEMENT = "商家提交申诉说明"
N_CANCELLED = "买家撤销申请"
N_APPEAL_EXPIRED = "申诉期已过,退款关闭"
N_RESUBMITTED = "买家补充凭证后重新提交申请,原申请关闭"


class NotAllowed(Exception):
    """A buyer or platform action that the refund's current state does not allow."""


def ms(text: str | None) -> int | None:
    return None if text is None else parse_rfc3339(text)


def touch(doc: dict[str, Any], at: int, status: str | None = None, notes: tuple[str, ...] = ()) -> None:
    """One change: a new version, `updated_at`, and the timeline nodes a person would see."""
    if status is not None:
        doc["status"] = status
    ts = format_rfc3339(at)
    for note in notes:
        doc["timeline"].append({"at": ts, "status": doc["status"], "note": note})
    doc["version"] += 1
    doc["updated_at"] = ts


def new_refund(facts: dict[str, Any], refund_id: str, at: int, policy: Policy, *, fast_refund: bool,
               evidence: list[dict[str, Any]], previous_refund_id: str | None = None
               ) -> tuple[dict[str, Any], dict[str, Any]]:
    """A buyer submits a refund request for an order (facts: order, product, buyer, card, reason)."""
    ts = format_rfc3339(at)
    doc: dict[str, Any] = {
        "id": refund_id,
        "version": 1,
        "order_no": facts["order_no"],
        "product": facts["product"],
        "quantity": facts["quantity"],
        "paid_fen": facts["paid_fen"],
        "currency": "CNY",
        "payment_channel": facts["payment_channel"],
        "buyer": facts["buyer"],
        "delivered_at": facts["delivered_at"],
        "card": facts["card"],
        "type": facts["type"],
        "requested_fen": facts["requested_fen"],
        "reason": facts["reason"],
        "status": "awaiting_merchant",
        "submitted_at": ts,
        "due_at": format_rfc3339(at + policy.response_hours * HOUR),
        "fast_refund": fast_refund,
        "auto_approve_at": format_rfc3339(at + policy.fast_refund_minutes * MINUTE) if fast_refund else None,
        "urged_at": None,
        "escalates_at": None,
        "previous_refund_id": previous_refund_id,
        "evidence": evidence,
        "decision": None,
        "appeal": None,
        "payout": None,
        "timeline": [{"at": ts, "status": "submitted", "note": N_SUBMITTED},
                     {"at": ts, "status": "awaiting_merchant", "note": N_REVIEWING}],
        "updated_at": ts,
    }
    return doc, {}


def make_decision(action: str, amount_fen: int, reason_code: str | None, reason_text: str | None,
                  evidence_ids: list[str], by: dict[str, Any], at: int) -> dict[str, Any]:
    return {"action": action, "amount_fen": amount_fen, "reason_code": reason_code,
            "reason_text": reason_text, "evidence_ids": list(evidence_ids), "by": dict(by),
            "at": format_rfc3339(at)}


def platform_cs(rng: random.Random) -> dict[str, str]:
    cs_id, name = rng.choice(PLATFORM_CS)
    return {"kind": "platform_cs", "id": cs_id, "name": name}


def apply_decision(doc: dict[str, Any], sim: dict[str, Any], decision: dict[str, Any], at: int,
                   rng: random.Random, notes: tuple[str, ...] | None = None) -> None:
    """Record a decision (merchant, fast-refund system or platform CS) and start what follows."""
    doc["decision"] = decision
    action = decision["action"]
    if action == "reject":
        touch(doc, at, "rejected", notes if notes is not None else (_reject_note(decision),))
        return
    if notes is None:
        if action == "partial":
            notes = (f"商家部分退款,退款金额¥{fen_to_yuan_str(decision['amount_fen'])}", N_FINANCE)
        else:
            notes = (N_APPROVED, N_FINANCE)
    start_payout(doc, sim, at, rng)
    touch(doc, at, "refunding", notes)


def _reject_note(decision: dict[str, Any]) -> str:
    text = (decision.get("reason_text") or "").strip()
    return f"{N_REJECTED}:{text}" if text else N_REJECTED


def start_payout(doc: dict[str, Any], sim: dict[str, Any], at: int, rng: random.Random) -> None:
    channel = doc["payment_channel"]
    if channel in ("alipay", "wechat"):
        eta = at + rng.randint(60, 120) * MINUTE
    elif channel == "bank_card":
        eta = add_working_days(at, rng.randint(1, 3))
    else:  # balance: instant, the next timer tick credits it
        eta = at + 2 * SECOND
    doc["payout"] = {"channel": channel, "status": "processing", "eta": format_rfc3339(eta),
                     "failure_reason": None}
    sim["payout_at"] = eta


def add_working_days(at: int, days: int) -> int:
    """`days` working days later (Mon–Fri, China time), the way banks count 1–3 个工作日."""
    t, added = at, 0
    while added < days:
        t += DAY
        if datetime.fromtimestamp((t + CHINA_OFFSET) // 1000, tz=UTC).weekday() < 5:
            added += 1
    return t


def urge(doc: dict[str, Any], sim: dict[str, Any], at: int, policy: Policy) -> None:
    if doc["status"] != "awaiting_merchant":
        raise NotAllowed("only a refund awaiting the merchant can be urged")
    if doc["urged_at"] is not None:
        raise NotAllowed("the buyer has already urged this refund")
    if at < ms(doc["due_at"]):  # type: ignore[operator]
        raise NotAllowed("a refund can be urged only after its response deadline (due_at)")
    doc["urged_at"] = format_rfc3339(at)
    doc["escalates_at"] = format_rfc3339(at + policy.urge_escalation_hours * HOUR)
    touch(doc, at, None, (N_URGED,))


def cancel(doc: dict[str, Any], sim: dict[str, Any], at: int) -> None:
    if doc["status"] not in ("awaiting_merchant", "platform_review"):
        raise NotAllowed("only a refund still under review can be withdrawn")
    touch(doc, at, "cancelled", (N_CANCELLED,))


def appeal(doc: dict[str, Any], sim: dict[str, Any], at: int, reason: str,
           evidence: list[dict[str, Any]], policy: Policy, rng: random.Random) -> None:
    if doc["status"] != "rejected" or doc["appeal"] is not None:
        raise NotAllowed("only a rejected refund that was not appealed yet can be appealed")
    decided = ms(doc["decision"]["at"])
    if at >= decided + policy.appeal_days * DAY:  # type: ignore[operator]
        raise NotAllowed("the appeal window has passed")
    due = at + policy.statement_hours * HOUR
    doc["appeal"] = {"submitted_at": format_rfc3339(at), "reason": reason, "evidence": evidence,
                     "statement_due_at": format_rfc3339(due), "statement": None}
    sim["appeal_resolve_at"] = due + rng.randint(60, 240) * MINUTE
    touch(doc, at, "appealed", (N_APPEALED,))


def statement(doc: dict[str, Any], sim: dict[str, Any], at: int, text: str, evidence_ids: list[str],
              by: dict[str, Any], rng: random.Random) -> None:
    doc["appeal"]["statement"] = {"text": text, "evidence_ids": list(evidence_ids),
                                  "at": format_rfc3339(at), "by": dict(by)}
    sim["appeal_resolve_at"] = at + rng.randint(60, 240) * MINUTE
    touch(doc, at, None, (N_STATEMENT,))


def close_as_resubmitted(doc: dict[str, Any], sim: dict[str, Any], at: int, new_id: str) -> None:
    sim["resubmitted_as"] = new_id
    if doc["status"] == "rejected":
        touch(doc, at, "closed", (N_RESUBMITTED,))


def resubmittable(doc: dict[str, Any], sim: dict[str, Any]) -> bool:
    d = doc["decision"]
    return (doc["status"] in ("rejected", "closed") and d is not None and d["action"] == "reject"
            and d["reason_code"] == "insufficient_evidence" and not sim.get("resubmitted_as"))


def next_timer(doc: dict[str, Any], sim: dict[str, Any], policy: Policy) -> tuple[int, str] | None:
    """When the platform acts on this refund next, and how; None when it waits for a person."""
    status = doc["status"]
    if status == "awaiting_merchant":
        best: tuple[int, str] | None = None
        if doc["fast_refund"] and doc["auto_approve_at"]:
            best = (ms(doc["auto_approve_at"]), "auto_approve")  # type: ignore[assignment]
        if doc["escalates_at"]:
            esc = ms(doc["escalates_at"])
            if best is None or esc < best[0]:  # type: ignore[operator]
                best = (esc, "escalate")  # type: ignore[assignment]
        return best
    if status == "platform_review":
        return sim["review_at"], "review_resolve"
    if status == "rejected":
        if sim.get("resubmitted_as"):
            return None
        return ms(doc["decision"]["at"]) + policy.appeal_days * DAY, "appeal_window_closed"  # type: ignore[operator]
    if status == "appealed":
        return sim["appeal_resolve_at"], "appeal_resolve"
    if status == "refunding":
        return sim["payout_at"], "payout"
    if status == "payout_failed":
        return sim["retry_at"], "payout_retry"
    return None


def fire(doc: dict[str, Any], sim: dict[str, Any], kind: str, at: int, policy: Policy,
         rng: random.Random) -> None:
    """The platform acts at `at` (a timer of `kind` is due)."""
    if kind == "auto_approve":
        d = make_decision("approve", doc["requested_fen"], None, "极速退款订单,超时未处理,系统自动同意退款",
                          [], PLATFORM_AUTO, at)
        apply_decision(doc, sim, d, at, rng, (N_AUTO, N_FINANCE))
    elif kind == "escalate":
        sim["review_at"] = at + rng.randint(120, 360) * MINUTE
        touch(doc, at, "platform_review", (N_ESCALATED,))
    elif kind == "review_resolve":
        outcome = sim.pop("review_outcome", None) or ("approve" if rng.random() < 0.65 else "reject")
        if outcome == "approve":
            d = make_decision("approve", doc["requested_fen"], None, "商家超时未处理,经平台核实支持买家退款",
                              [], platform_cs(rng), at)
            apply_decision(doc, sim, d, at, rng, ("平台客服判定:支持退款", N_FINANCE))
        else:
            d = make_decision("reject", 0, "delivered_as_described", "经平台核实,卡密已正常发货并可正常使用",
                              [], platform_cs(rng), at)
            doc["decision"] = d
            touch(doc, at, "closed", ("平台客服判定:卡密已正常发货,退款关闭",))
    elif kind == "appeal_resolve":
        has_statement = doc["appeal"]["statement"] is not None
        p_buyer = 0.35 if has_statement else 0.7
        outcome = sim.pop("appeal_outcome", None) or ("approve" if rng.random() < p_buyer else "reject")
        if outcome == "approve":
            d = make_decision("approve", doc["requested_fen"], None, "经平台复核,支持买家申诉",
                              [], platform_cs(rng), at)
            apply_decision(doc, sim, d, at, rng, ("平台客服判定:支持买家申诉,同意退款", N_FINANCE))
        else:
            touch(doc, at, "closed", ("平台客服判定:维持商家处理,退款关闭",))
    elif kind == "appeal_window_closed":
        touch(doc, at, "closed", (N_APPEAL_EXPIRED,))
    elif kind == "payout":
        attempts = sim.get("payout_attempts", 0) + 1
        sim["payout_attempts"] = attempts
        forced = sim.pop("payout_fail", None)
        fails = forced if forced is not None else (attempts == 1 and rng.random() < 0.06)
        sim.pop("payout_at", None)
        if fails:
            reason = rng.choice(PAYOUT_FAILURES[doc["payment_channel"]])
            doc["payout"] = dict(doc["payout"], status="failed", failure_reason=reason)
            sim["retry_at"] = at + rng.randint(120, 360) * MINUTE
            touch(doc, at, "payout_failed", (f"打款失败:{reason}",))
        else:
            doc["payout"] = dict(doc["payout"], status="paid")
            touch(doc, at, "refunded", (N_PAID,))
    elif kind == "payout_retry":
        sim.pop("retry_at", None)
        start_payout(doc, sim, at, rng)
        touch(doc, at, "refunding", (N_RETRY, N_FINANCE))
    else:  # pragma: no cover - a kind next_timer never produces
        raise ValueError(f"unknown timer {kind!r}")


def timer_rng(seed: int, doc: dict[str, Any]) -> random.Random:
    """The platform's dice for this refund at this version: the same history replays the same way."""
    return random.Random(f"{seed}/{doc['id']}/{doc['version']}")


def run_until(doc: dict[str, Any], sim: dict[str, Any], until: int, policy: Policy, seed: int) -> int:
    """Fire this refund's timers due at or before `until`, each at its own time; returns how many."""
    fired = 0
    while True:
        nxt = next_timer(doc, sim, policy)
        if nxt is None or nxt[0] > until:
            return fired
        fire(doc, sim, nxt[1], nxt[0], policy, timer_rng(seed, doc))
        fired += 1
