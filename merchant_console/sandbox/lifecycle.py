"""A refund's life on the platform: every change a buyer, a merchant or a platform timer makes.

Functions here mutate one refund document (the JSON served by the API) and its hidden simulation
state `sim` (when the platform will act next and, in seeded histories, forced outcomes). They know
nothing of storage or HTTP; `World` applies them under its lock and persists the result.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, overload

from merchant_console.core.clock import parse_rfc3339
from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.policy import Policy

from . import voices

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


N_PROPOSED_PARTIAL = "商家发起协商:部分退款¥{amount}"
N_PROPOSED_REISSUE = "商家发起协商:补发新卡密"
N_ACCEPTED_PARTIAL = "买家同意协商方案,部分退款¥{amount}"
N_ACCEPTED_REISSUE = "买家同意补发新卡密,售后完成"
N_DECLINED = "买家拒绝协商方案,退回商家处理"
N_EXPIRED = "买家未在规定时间内回复,协商方案失效,退回商家处理"
N_EXTENDED = "商家申请延长处理时间{hours}小时"
N_EVIDENCE_ASKED = "平台客服要求商家补充凭证"
N_EVIDENCE_ANSWERED = "商家已补充凭证"
N_EVIDENCE_MISSED = "商家未在规定时间内补充凭证"

# v1.1: a conversation is closed once the refund is final this way; at most this many messages a refund
CONVERSATION_CLOSED = ("refunded", "closed", "cancelled", "reissued")
MAX_MESSAGES = 200
REISSUABLE = ("game_card", "gift_card", "membership")
EXTENSION_REASONS = ("checking_with_supplier", "awaiting_buyer_info", "holiday", "other")


@dataclass(frozen=True, slots=True)
class Talk:
    """The v1.1 policy values (served in /me beside v1's Policy)."""

    negotiation_response_hours: int = 24
    negotiation_max_rounds: int = 2
    message_max_chars: int = 500
    message_max_images: int = 3
    message_max_unanswered: int = 3
    extension_max_hours: int = 48
    evidence_request_hours: int = 24

    def to_json(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


TALK = Talk()
# Timers that are the sandbox's people acting (not platform rules), with the sim keys that schedule them:
# switched off, the buyer stays silent and customer service asks nothing unless a test says so.
BUYER_TIMERS = {"buyer_reply": ("buyer_reply_at",), "proposal_answer": ("proposal_answer_at", "proposal_accept")}
CS_TIMERS = {"cs_ask": ("cs_ask_at",)}


class NotAllowed(Exception):
    """A buyer or platform action that the refund's current state does not allow."""


@overload
def ms(text: str) -> int: ...
@overload
def ms(text: None) -> None: ...
@overload
def ms(text: str | None) -> int | None: ...
def ms(text: str | None) -> int | None:
    """A document's RFC 3339 time as epoch ms (None stays None)."""
    return None if text is None else parse_rfc3339(text)


def touch(doc: dict[str, Any], at: int, status: str | None = None, notes: tuple[str, ...] = ()) -> None:
    """One change: a new version, `updated_at`, and the timeline nodes a person would see."""
    if status is not None:
        doc["status"] = status
    ts = format_rfc3339(at)
    for note in notes:
        doc["timeline"].append({"at": ts, "status": doc["status"], "note": note})
    doc["version"] += 1
    if ts > doc["updated_at"]:  # (a seeded conversation may be written in after a later event)
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
        "negotiation": None,
        "extension": None,
        "evidence_requests": [],
        "messages": empty_messages(),
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
    if at < ms(doc["due_at"]):
        raise NotAllowed("a refund can be urged only after its response deadline (due_at)")
    doc["urged_at"] = format_rfc3339(at)
    doc["escalates_at"] = format_rfc3339(at + policy.urge_escalation_hours * HOUR)
    touch(doc, at, None, (N_URGED,))


def cancel(doc: dict[str, Any], sim: dict[str, Any], at: int) -> None:
    if doc["status"] not in ("awaiting_merchant", "platform_review", "negotiating"):
        raise NotAllowed("only a refund still under review can be withdrawn")
    if doc["status"] == "negotiating":  # withdrawing is the buyer's answer to the proposal too
        doc["negotiation"].update(state="declined", answered_at=format_rfc3339(at))
        _forget_proposal(sim)
    touch(doc, at, "cancelled", (N_CANCELLED,))


def appeal(doc: dict[str, Any], sim: dict[str, Any], at: int, reason: str,
           evidence: list[dict[str, Any]], policy: Policy, rng: random.Random) -> None:
    if doc["status"] != "rejected" or doc["appeal"] is not None:
        raise NotAllowed("only a rejected refund that was not appealed yet can be appealed")
    decided = ms(doc["decision"]["at"])
    if at >= decided + policy.appeal_days * DAY:
        raise NotAllowed("the appeal window has passed")
    due = at + policy.statement_hours * HOUR
    doc["appeal"] = {"submitted_at": format_rfc3339(at), "reason": reason, "evidence": evidence,
                     "statement_due_at": format_rfc3339(due), "statement": None}
    sim["appeal_resolve_at"] = due + rng.randint(60, 240) * MINUTE
    touch(doc, at, "appealed", (N_APPEALED,))
    maybe_ask_later(doc, sim, at, 0.3, (30, 6 * 60), rng)


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


def next_timer(doc: dict[str, Any], sim: dict[str, Any], policy: Policy, talk: Talk = TALK
               ) -> tuple[int, str] | None:
    """When the platform (or the sandbox's buyer) acts on this refund next, and how; None when it
    waits for a person."""
    best = _status_timer(doc, sim, policy)
    reply_at = sim.get("buyer_reply_at")
    if reply_at is not None and doc["status"] not in CONVERSATION_CLOSED and (best is None or reply_at < best[0]):
        best = (reply_at, "buyer_reply")
    return best


def _under_review_timer(doc: dict[str, Any], sim: dict[str, Any], resolve_at: int, resolve: str
                        ) -> tuple[int, str]:
    """platform_review / appealed: an open evidence request holds the decision until it is answered or
    its due_at passes; customer service may ask first."""
    open_due = [ms(r["due_at"]) for r in doc.get("evidence_requests") or () if r["answer"] is None]
    if open_due:
        return min(open_due), "evidence_missed"
    ask = sim.get("cs_ask_at")
    if ask is not None and ask < resolve_at:
        return ask, "cs_ask"
    return resolve_at, resolve


def _status_timer(doc: dict[str, Any], sim: dict[str, Any], policy: Policy) -> tuple[int, str] | None:
    status = doc["status"]
    if status == "negotiating":
        respond_by: int = ms(doc["negotiation"]["respond_by"])
        best = (respond_by, "negotiation_expired")
        answer = sim.get("proposal_answer_at")
        if answer is not None and answer < respond_by:
            best = (answer, "proposal_answer")
        if doc["fast_refund"] and doc["auto_approve_at"]:  # a proposal does not pause 极速退款
            auto: int = ms(doc["auto_approve_at"])
            if auto < best[0]:
                best = (auto, "auto_approve")
        return best
    if status == "awaiting_merchant":
        soonest: tuple[int, str] | None = None
        if doc["fast_refund"] and doc["auto_approve_at"]:
            soonest = (ms(doc["auto_approve_at"]), "auto_approve")
        if doc["escalates_at"]:
            esc = ms(doc["escalates_at"])
            if soonest is None or esc < soonest[0]:
                soonest = (esc, "escalate")
        return soonest
    if status == "platform_review":
        return _under_review_timer(doc, sim, sim["review_at"], "review_resolve")
    if status == "rejected":
        if sim.get("resubmitted_as"):
            return None
        return ms(doc["decision"]["at"]) + policy.appeal_days * DAY, "appeal_window_closed"
    if status == "appealed":
        return _under_review_timer(doc, sim, sim["appeal_resolve_at"], "appeal_resolve")
    if status == "refunding":
        return sim["payout_at"], "payout"
    if status == "payout_failed":
        return sim["retry_at"], "payout_retry"
    return None


def fire(doc: dict[str, Any], sim: dict[str, Any], kind: str, at: int, policy: Policy,
         rng: random.Random, talk: Talk = TALK) -> None:
    """The platform acts at `at` (a timer of `kind` is due)."""
    if kind == "auto_approve" and doc["status"] == "negotiating":
        doc["negotiation"]["state"] = "expired"  # the platform refunded in full meanwhile
        _forget_proposal(sim)
        sim.pop("escalation_left_ms", None)
    if kind == "auto_approve":
        d = make_decision("approve", doc["requested_fen"], None, "极速退款订单,超时未处理,系统自动同意退款",
                          [], PLATFORM_AUTO, at)
        apply_decision(doc, sim, d, at, rng, (N_AUTO, N_FINANCE))
    elif kind == "escalate":
        sim["review_at"] = at + rng.randint(120, 360) * MINUTE
        touch(doc, at, "platform_review", (N_ESCALATED,))
        maybe_ask_later(doc, sim, at, 0.35, (10, 90), rng)
    elif kind == "review_resolve":
        p_buyer = 0.4 if sim.get("evidence_answered") else 0.65
        outcome = sim.pop("review_outcome", None) or ("approve" if rng.random() < p_buyer else "reject")
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
    elif kind == "buyer_reply":
        sim.pop("buyer_reply_at", None)
        if doc["messages"]["count"] < MAX_MESSAGES:
            buyer_message(doc, sim, at, voices.reply(doc, rng))
    elif kind == "proposal_answer":
        answer_proposal(doc, sim, at, bool(sim.get("proposal_accept")), None, rng, talk)
    elif kind == "negotiation_expired":
        doc["negotiation"]["state"] = "expired"
        _forget_proposal(sim)
        _back_to_merchant(doc, sim, at, talk, N_EXPIRED)
    elif kind == "cs_ask":
        ask_evidence(doc, sim, at, voices.question(doc["status"], rng), talk.evidence_request_hours, rng)
    elif kind == "evidence_missed":
        _decide_without_merchant(doc, sim, at, rng)
    else:  # pragma: no cover - a kind next_timer never produces
        raise ValueError(f"unknown timer {kind!r}")


def timer_rng(seed: int, doc: dict[str, Any]) -> random.Random:
    """The platform's dice for this refund at this version: the same history replays the same way."""
    return random.Random(f"{seed}/{doc['id']}/{doc['version']}")


def run_until(doc: dict[str, Any], sim: dict[str, Any], until: int, policy: Policy, seed: int,
              talk: Talk = TALK) -> int:
    """Fire this refund's timers due at or before `until`, each at its own time; returns how many."""
    fired = 0
    while True:
        nxt = next_timer(doc, sim, policy, talk)
        if nxt is None or nxt[0] > until:
            return fired
        fire(doc, sim, nxt[1], nxt[0], policy, timer_rng(seed, doc), talk)
        fired += 1


# -- v1.1: messages, proposals (协商), extensions, evidence requests ---------------------------------
def empty_messages() -> dict[str, Any]:
    return {"count": 0, "last_at": None, "last_from": None, "unanswered_buyer": 0}


def ensure_v11(doc: dict[str, Any]) -> None:
    """Give a document stored before v1.1 (a reopened db file) the v1.1 fields."""
    for key in ("negotiation", "extension"):
        doc.setdefault(key, None)
    doc.setdefault("evidence_requests", [])
    doc.setdefault("messages", empty_messages())


def talk_rng(seed: int, doc: dict[str, Any]) -> random.Random:
    """The dice of the sandbox's buyer and customer service answering a merchant's action."""
    return random.Random(f"talk/{seed}/{doc['id']}/{doc['version']}")


def conversation_open(doc: dict[str, Any]) -> bool:
    return doc["status"] not in CONVERSATION_CLOSED


def unanswered_merchant(sim: dict[str, Any]) -> int:
    """Merchant messages since the buyer last wrote."""
    return int(sim.get("unanswered_merchant", 0))


def add_message(doc: dict[str, Any], sim: dict[str, Any], at: int, frm: str, by: dict[str, Any] | None,
                text: str, evidence_ids: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """Append a message to the conversation (kept in `sim["_out"]` until the world stores it) and update
    the refund's `messages` summary. The caller records the change (touch)."""
    summary = doc["messages"]
    if summary["count"] >= MAX_MESSAGES:
        raise NotAllowed(f"a conversation holds at most {MAX_MESSAGES} messages")
    n = summary["count"] + 1
    msg = {"id": f"msg_{doc['id'].removeprefix('r_')}_{n}", "at": format_rfc3339(at), "from": frm,
           "by": None if by is None else dict(by), "text": text, "evidence_ids": list(evidence_ids)}
    sim.setdefault("_out", []).append(msg)
    summary.update(count=n, last_at=msg["at"], last_from=frm)
    if frm == "buyer":
        summary["unanswered_buyer"] += 1
        sim.pop("unanswered_merchant", None)
    elif frm == "merchant":
        summary["unanswered_buyer"] = 0
        sim["unanswered_merchant"] = unanswered_merchant(sim) + 1
    return msg


def merchant_message(doc: dict[str, Any], sim: dict[str, Any], at: int, text: str, evidence_ids: list[str],
                     by: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The merchant writes to the buyer; most buyers answer a few minutes later."""
    msg = add_message(doc, sim, at, "merchant", by, text, evidence_ids)
    if "buyer_reply_at" not in sim and rng.random() < 0.85:
        sim["buyer_reply_at"] = at + rng.randint(2, 25) * MINUTE
    touch(doc, at)
    return msg


def buyer_message(doc: dict[str, Any], sim: dict[str, Any], at: int, text: str,
                  evidence_ids: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    if not conversation_open(doc):
        raise NotAllowed("the conversation is closed")
    msg = add_message(doc, sim, at, "buyer", None, text, evidence_ids)
    sim.pop("buyer_reply_at", None)  # the buyer has spoken
    touch(doc, at)
    return msg


def propose(doc: dict[str, Any], sim: dict[str, Any], at: int, kind: str, amount_fen: int | None, message: str,
            evidence_ids: list[str], by: dict[str, Any], talk: Talk, rng: random.Random) -> None:
    """The merchant proposes a partial refund or a re-issued card: the buyer answers before respond_by.
    An urge's escalation waits meanwhile (escalates_at is null and resumes with the time it had left)."""
    previous = doc["negotiation"]
    doc["negotiation"] = {
        "round": (previous["round"] if previous else 0) + 1, "kind": kind,
        "amount_fen": amount_fen if kind == "partial" else None, "message": message,
        "proposed_at": format_rfc3339(at),
        "respond_by": format_rfc3339(at + talk.negotiation_response_hours * HOUR),
        "by": dict(by), "state": "pending", "answered_at": None, "buyer_message": None}
    if doc["escalates_at"]:
        sim["escalation_left_ms"] = max(0, ms(doc["escalates_at"]) - at)
        doc["escalates_at"] = None
    add_message(doc, sim, at, "merchant", by, message, evidence_ids)
    sim.pop("buyer_reply_at", None)  # the buyer's next word is the answer
    answer_at = at + rng.randint(5, 16 * 60) * MINUTE
    if rng.random() < 0.9 and answer_at < at + talk.negotiation_response_hours * HOUR:
        sim["proposal_answer_at"] = answer_at
        sim["proposal_accept"] = rng.random() < voices.accept_chance(doc, kind, amount_fen)
    if kind == "partial":
        note = N_PROPOSED_PARTIAL.format(amount=fen_to_yuan_str(amount_fen or 0))
    else:
        note = N_PROPOSED_REISSUE
    touch(doc, at, "negotiating", (note,))


def answer_proposal(doc: dict[str, Any], sim: dict[str, Any], at: int, accept: bool, message: str | None,
                    rng: random.Random, talk: Talk = TALK) -> None:
    """The buyer accepts (partial -> refunding, reissue -> reissued) or declines (back to the merchant)."""
    n = doc.get("negotiation")
    if doc["status"] != "negotiating" or not n or n["state"] != "pending":
        raise NotAllowed("no proposal is waiting for the buyer's answer")
    _forget_proposal(sim)
    if not message:
        message = voices.answer_to_proposal(n["kind"], accept, rng)
    n.update(state="accepted" if accept else "declined", answered_at=format_rfc3339(at), buyer_message=message)
    if doc["messages"]["count"] < MAX_MESSAGES:
        add_message(doc, sim, at, "buyer", None, message)
    if not accept:
        _back_to_merchant(doc, sim, at, talk, N_DECLINED)
        return
    sim.pop("escalation_left_ms", None)
    if n["kind"] == "partial":
        d = make_decision("partial", n["amount_fen"], "partial_negotiated", n["message"], [], n["by"], at)
        apply_decision(doc, sim, d, at, rng,
                       (N_ACCEPTED_PARTIAL.format(amount=fen_to_yuan_str(n["amount_fen"])), N_FINANCE))
    else:
        touch(doc, at, "reissued", (N_ACCEPTED_REISSUE,))


def _forget_proposal(sim: dict[str, Any]) -> None:
    sim.pop("proposal_answer_at", None)
    sim.pop("proposal_accept", None)


def _back_to_merchant(doc: dict[str, Any], sim: dict[str, Any], at: int, talk: Talk, note: str) -> None:
    """A declined or expired proposal: the merchant's turn again, with at least a full response window."""
    due = max(ms(doc["due_at"]), at + talk.negotiation_response_hours * HOUR)
    doc["due_at"] = format_rfc3339(due)
    left = sim.pop("escalation_left_ms", None)
    if left is not None:
        doc["escalates_at"] = format_rfc3339(at + left)
    touch(doc, at, "awaiting_merchant", (note,))


def extension_refusal(doc: dict[str, Any], at: int, hours: Any, talk: Talk) -> str | None:
    """Why the merchant may not have more time (details.reason of 422 extension_not_allowed), or None."""
    if doc.get("extension"):
        return "already_extended"
    if doc["fast_refund"]:
        return "fast_refund"
    if at >= ms(doc["due_at"]):
        return "past_due"
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= talk.extension_max_hours:
        return "hours"
    return None


def extend(doc: dict[str, Any], sim: dict[str, Any], at: int, hours: int, reason_code: str, reason_text: str,
           by: dict[str, Any]) -> None:
    doc["extension"] = {"hours": hours, "reason_code": reason_code, "reason_text": reason_text,
                        "at": format_rfc3339(at), "by": dict(by)}
    doc["due_at"] = format_rfc3339(ms(doc["due_at"]) + hours * HOUR)
    touch(doc, at, None, (N_EXTENDED.format(hours=hours),))


def maybe_ask_later(doc: dict[str, Any], sim: dict[str, Any], at: int, chance: float,
                    minutes: tuple[int, int], rng: random.Random) -> None:
    """Customer service may ask the merchant for evidence a while after taking the case (never in a
    seeded history whose outcome is already written, nor in a history made while customer service is
    switched off)."""
    if "review_outcome" in sim or "appeal_outcome" in sim or sim.get("quiet_cs"):
        return
    if rng.random() < chance:
        sim["cs_ask_at"] = at + rng.randint(*minutes) * MINUTE


def open_request(doc: dict[str, Any], request_id: str, at: int) -> dict[str, Any] | None:
    """The refund's request `request_id` if the merchant may still answer it."""
    if doc["status"] not in ("platform_review", "appealed"):
        return None
    for r in doc.get("evidence_requests") or ():
        if r["id"] == request_id and r["answer"] is None and at < ms(r["due_at"]):
            request: dict[str, Any] = r
            return request
    return None


def ask_evidence(doc: dict[str, Any], sim: dict[str, Any], at: int, question: str, hours: int,
                 rng: random.Random) -> dict[str, Any]:
    """Platform customer service asks the merchant for more evidence (also a platform message)."""
    if doc["status"] not in ("platform_review", "appealed"):
        raise NotAllowed("customer service asks for evidence only under platform review or appeal")
    requests = doc["evidence_requests"]
    req = {"id": f"er_{doc['id'].removeprefix('r_')}_{len(requests) + 1}", "question": question,
           "asked_at": format_rfc3339(at), "due_at": format_rfc3339(at + hours * HOUR), "answer": None}
    requests.append(req)
    sim["cs_rounds"] = sim.get("cs_rounds", 0) + 1
    sim.pop("cs_ask_at", None)
    if doc["messages"]["count"] < MAX_MESSAGES:
        add_message(doc, sim, at, "platform", platform_cs(rng), voices.cs_message(question, hours))
    touch(doc, at, None, (N_EVIDENCE_ASKED,))
    return req


def answer_evidence(doc: dict[str, Any], sim: dict[str, Any], at: int, request: dict[str, Any], text: str,
                    evidence_ids: list[str], by: dict[str, Any], rng: random.Random) -> None:
    """The merchant answers a request; once nothing is open, customer service carries on (sometimes with
    another round of questions) and decides later, more often for the merchant than without an answer."""
    request["answer"] = {"text": text, "evidence_ids": list(evidence_ids), "at": format_rfc3339(at),
                         "by": dict(by)}
    if not any(r["answer"] is None for r in doc["evidence_requests"]):
        sim["evidence_answered"] = True
        if doc["status"] == "platform_review":
            resolve = at + rng.randint(30, 180) * MINUTE
            if sim.get("cs_rounds", 0) < 2 and rng.random() < 0.3:
                sim["cs_ask_at"] = at + rng.randint(20, 120) * MINUTE
                resolve = max(resolve, sim["cs_ask_at"] + 30 * MINUTE)
            sim["review_at"] = max(sim["review_at"], resolve)
        else:
            sim["appeal_resolve_at"] = max(sim["appeal_resolve_at"], at + rng.randint(60, 240) * MINUTE)
    touch(doc, at, None, (N_EVIDENCE_ANSWERED,))


def _decide_without_merchant(doc: dict[str, Any], sim: dict[str, Any], at: int, rng: random.Random) -> None:
    """An evidence request passed its due_at unanswered: customer service decides, usually for the buyer."""
    for_buyer = rng.random() < 0.85
    cs = platform_cs(rng)
    sim.pop("cs_ask_at", None)
    if doc["status"] == "platform_review":
        if for_buyer:
            d = make_decision("approve", doc["requested_fen"], None, "商家未在规定时间内补充凭证,平台支持买家退款",
                              [], cs, at)
            apply_decision(doc, sim, d, at, rng, (N_EVIDENCE_MISSED, "平台客服判定:支持退款", N_FINANCE))
        else:
            doc["decision"] = make_decision("reject", 0, "delivered_as_described",
                                            "经平台核实,卡密已正常发货并可正常使用", [], cs, at)
            touch(doc, at, "closed", (N_EVIDENCE_MISSED, "平台客服判定:卡密已正常发货,退款关闭"))
    elif for_buyer:  # appealed
        d = make_decision("approve", doc["requested_fen"], None, "商家未按时补充凭证,平台支持买家申诉", [], cs, at)
        apply_decision(doc, sim, d, at, rng, (N_EVIDENCE_MISSED, "平台客服判定:支持买家申诉,同意退款", N_FINANCE))
    else:
        touch(doc, at, "closed", (N_EVIDENCE_MISSED, "平台客服判定:维持商家处理,退款关闭"))
