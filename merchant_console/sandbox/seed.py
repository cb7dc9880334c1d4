"""Realistic refunds for the sandbox: products, buyers, reasons, evidence and consistent histories.

Every seeded refund is *lived*, not typed in: it is submitted at a past time and the same
transitions and timers the platform uses move it forward to now, so timelines, versions, payouts
and pending timers are consistent with its status. Deterministic for a seed, relative to `now`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from merchant_console.core.money import fen_to_yuan_str
from merchant_console.core.policy import Policy

from . import lifecycle as lc
from . import voices
from .images import EvidenceFactory, Plan, Scene
from .lifecycle import HOUR, MINUTE, format_rfc3339

MERCHANT = {"id": "m_1001", "name": "星河数码卡行"}
# Staff with a token (one per role) and colleagues who decided older refunds.
STAFF = {"owner": ("s_1", "陈老板"), "manager": ("s_2", "李店长"), "operator": ("s_7", "小王"),
         "viewer": ("s_9", "小周")}
DECIDERS = (("s_7", "小王"), ("s_7", "小王"), ("s_3", "小李"), ("s_5", "阿杰"), ("s_2", "李店长"),
            ("s_1", "陈老板"))

# sku, name, category, face value (fen), paid/face range (card platforms sell slightly below face)
PRODUCTS: tuple[tuple[str, str, str, int, float, float], ...] = (
    ("QB-10", "腾讯Q币 10元", "game_card", 1000, 0.96, 0.99),
    ("QB-30", "腾讯Q币 30元", "game_card", 3000, 0.96, 0.99),
    ("QB-100", "腾讯Q币 100元", "game_card", 10000, 0.965, 0.985),
    ("WY-50", "网易一卡通 50元", "game_card", 5000, 0.95, 0.98),
    ("WY-100", "网易一卡通 100元", "game_card", 10000, 0.95, 0.98),
    ("SD-30", "盛大一卡通 30元", "game_card", 3000, 0.93, 0.97),
    ("JW-100", "骏网一卡通 100元", "game_card", 10000, 0.95, 0.98),
    ("STEAM-100", "Steam 钱包充值码 100元", "gift_card", 10000, 0.90, 0.95),
    ("JD-100", "京东E卡 100元", "gift_card", 10000, 0.97, 0.995),
    ("JD-200", "京东E卡 200元", "gift_card", 20000, 0.97, 0.995),
    ("JD-500", "京东E卡 500元", "gift_card", 50000, 0.975, 0.995),
    ("APPLE-100", "App Store 充值卡 100元", "gift_card", 10000, 0.86, 0.93),
    ("APPLE-200", "App Store 充值卡 200元", "gift_card", 20000, 0.86, 0.93),
    ("CMCC-50", "中国移动话费充值卡 50元", "phone_topup", 5000, 0.97, 0.995),
    ("CMCC-100", "中国移动话费充值卡 100元", "phone_topup", 10000, 0.97, 0.995),
    ("CUCC-50", "中国联通话费充值卡 50元", "phone_topup", 5000, 0.97, 0.995),
    ("CUCC-100", "中国联通话费充值卡 100元", "phone_topup", 10000, 0.97, 0.995),
    ("CTCC-50", "中国电信话费充值卡 50元", "phone_topup", 5000, 0.97, 0.995),
    ("CTCC-100", "中国电信话费充值卡 100元", "phone_topup", 10000, 0.97, 0.995),
    ("IQIYI-M", "爱奇艺黄金会员月卡激活码", "membership", 2500, 0.60, 0.85),
    ("IQIYI-Y", "爱奇艺黄金会员年卡激活码", "membership", 24800, 0.55, 0.75),
    ("TXSP-M", "腾讯视频VIP月卡激活码", "membership", 3000, 0.60, 0.85),
    ("WPS-Y", "WPS超级会员年卡激活码", "membership", 17900, 0.50, 0.70),
    ("LS-30D", "雷神加速器时长卡 30天", "other", 3000, 0.70, 0.90),
)
_PRODUCT_WEIGHTS = (6, 8, 9, 4, 4, 3, 3, 4, 6, 4, 2, 4, 2, 6, 6, 4, 4, 4, 4, 4, 1, 4, 1, 2)

NICKNAMES = ("夜行的猫", "星河漫步", "追风少年", "柠檬不酸", "小鹿乱撞", "半夏微凉", "南城旧梦", "一只小胖子",
             "快乐的鱼", "山有木兮", "咸鱼翻身", "奶茶续命", "云淡风轻", "麦兜兜", "阿飞正传", "北极熊不怕冷",
             "今天也要加油", "拾光者", "风吹麦浪", "野生程序员", "萌萌哒", "橘子汽水", "大橙子", "深海里的星",
             "林间小路", "暴走的蜗牛", "梦里花落", "微风轻拂", "不吃香菜", "江湖小虾米", "浅笑安然", "木子李",
             "爱吃火锅", "孤独的旅人", "七月流火", "糖果屋", "猫系女友", "电竞少年", "青柠时光", "等风来",
             "老王隔壁", "清风明月", "秋天的童话", "夏日冰淇淋", "网瘾少年", "晴天娃娃", "王者归来", "吃鸡高手",
             "一叶知秋", "小确幸")
CHANNELS = ("alipay", "wechat", "bank_card", "balance")
_CHANNEL_WEIGHTS = (45, 35, 10, 10)


@dataclass(frozen=True)
class Reason:
    type: str
    text: str
    card: str  # unused | activated | partially_used | unknown | undelivered
    evidence: tuple[str, ...]
    categories: tuple[str, ...] | None = None


REASONS = (
    Reason("not_received", "充值后提示卡密无效", "unused", ("screenshot", "chat", "topup_record")),
    Reason("not_received", "卡密已被使用", "activated", ("screenshot", "topup_record", "chat")),
    Reason("not_received", "到账延迟超过承诺时间", "unknown", ("topup_record", "chat")),
    Reason("not_received", "付款后一直未发货", "undelivered", ("screenshot", "chat")),
    Reason("not_received", "充值一直显示处理中,话费未到账", "unknown", ("topup_record", "screenshot"),
           ("phone_topup",)),
    Reason("not_received", "卡密显示不全,无法充值", "unused", ("screenshot", "photo")),
    Reason("not_as_described", "面额与商品描述不符", "unused", ("photo", "screenshot")),
    Reason("not_as_described", "卡券区服与描述不符,无法在本区使用", "unused", ("screenshot", "chat"),
           ("game_card",)),
    Reason("not_as_described", "描述为全国通用,本地无法充值", "unused", ("screenshot", "chat"), ("phone_topup",)),
    Reason("not_as_described", "激活后只有7天会员,与描述的月卡不符", "activated", ("screenshot", "chat"),
           ("membership",)),
    Reason("not_as_described", "卡内余额与面值不符", "partially_used", ("photo", "topup_record")),
    Reason("other", "误充错号码,商家未发货前申请退款", "activated", ("screenshot", "chat"), ("phone_topup",)),
    Reason("other", "面额选择失误,申请退款重新购买", "unused", ("chat",)),
    Reason("other", "重复下单,多拍了一张", "unused", ("screenshot",)),
    Reason("other", "个人需求变化,不需要了", "unused", ()),
    Reason("other", "卡券部分使用,剩余金额申请退款", "partially_used", ("topup_record", "screenshot")),
)

REJECT_TEXTS = {
    "card_already_used": "系统查询该卡密已于发货后激活使用,无法退款",
    "outside_refund_window": "已超过发货后15分钟的退款时限,卡密已正常发出",
    "insufficient_evidence": "请补充充值失败页面截图及完整卡号卡密截图后重新申请",
    "delivered_as_described": "卡密已按商品描述正常发货,经核实可正常充值",
    "buyer_input_error": "买家填写的充值号码有误,卡密已成功充值至该号码",
    "other": "已联系买家核实,卡密无质量问题",
}
APPEAL_REASONS = ("商家拒绝理由不成立,卡密确实无法充值", "已补充充值失败截图,请平台介入处理",
                  "卡密被他人使用,非本人操作", "商家一直不回复消息,要求平台介入")
MERCHANT_REPLIES = ("您好,已收到您的反馈,正在核实卡密状态,请稍等", "麻烦提供一下充值失败页面的截图",
                   "您好,请问充值的是哪个账号?我们这边查一下记录", "已联系上游供货商核实,有结果第一时间回复您")
STATEMENTS = ("后台记录显示该卡密发货后已被成功充值,附卡密使用记录截图,请平台核实",
              "买家填写的充值号码有误,卡密已充值到买家填写的号码,非商家责任",
              "已多次联系买家提供充值失败截图,买家未提供,请平台依据记录判定")
STATUS_WEIGHTS = {"awaiting_merchant": 52, "platform_review": 5, "refunding": 9, "refunded": 13,
                  "payout_failed": 2, "rejected": 6, "appealed": 4, "closed": 6, "cancelled": 3}
AWAITING_VARIANTS = {"normal": 50, "fast": 15, "overdue": 12, "urged": 12, "resubmitted": 6}
# v1.1 histories made on request (POST /sandbox/refunds {"status": ...}) beside the v1 statuses
TALK_STATUSES = ("negotiating", "reissued")
CHAT_PLAN_BASE = 100_000_000  # plan numbers of chat screenshots (never a special case of the schedule)
EXTENSION_TEXTS = {"checking_with_supplier": "已向上游供货商核实卡密状态,预计明日回复",
                   "awaiting_buyer_info": "已联系买家补充充值账号截图,等待买家回复",
                   "holiday": "节假日期间供货商处理较慢,需延长核实时间",
                   "other": "卡密状态需人工复核,申请延长处理时间"}


@dataclass
class Seeded:
    """A refund as seeding left it: document and hidden platform state."""

    doc: dict[str, Any]
    sim: dict[str, Any]


def china_time(at: int, fmt: str) -> str:
    local = at + lc.CHINA_OFFSET
    if fmt.endswith("%S"):
        return f"{lc.minute_text(fmt[:-2], local // 60_000)}{local // 1000 % 60:02d}"
    if "%S" not in fmt:
        return lc.minute_text(fmt, local // 60_000)
    return datetime.fromtimestamp(local // 1000, tz=UTC).strftime(fmt)


class Seeder:
    """Makes refunds; `counters` carry id sequences across calls (and restarts, via the world)."""

    def __init__(self, policy: Policy, seed: int, rng: random.Random, factory: EvidenceFactory | None,
                 counters: dict[str, int], *, talk_rng: random.Random | None = None, talk: lc.Talk = lc.TALK,
                 conversations: bool = False, negotiations: bool = False, quiet_cs: bool = False) -> None:
        self.policy = policy
        self.seed = seed
        self.rng = rng
        # v1.1 conversations draw from their own dice, so v1's facts and statuses stay the same for a seed
        self.trng = talk_rng or random.Random(f"talk/{seed}")
        self.talk = talk
        self.conversations = conversations  # histories awaiting the merchant get what was said meanwhile
        self.negotiations = negotiations  # ... including proposals (some still pending, some answered)
        self.quiet_cs = quiet_cs  # customer service switched off: no evidence request in the histories made now
        self.factory = factory
        self.counters = counters
        self.pending: list[tuple[dict[str, Any], Plan]] = []
        brng = random.Random(f"buyers/{seed}")
        self.buyers = []
        for i in range(400):
            serial = brng.random() < 0.06
            orders = brng.randint(3, 160)
            refunds = brng.randint(15, 40) if serial else brng.choices((0, 1, 2, 3, 4, 6), (30, 30, 18, 10, 8, 4))[0]
            self.buyers.append({"id": f"b_{10000 + brng.randint(0, 89999)}", "nickname": NICKNAMES[i % len(NICKNAMES)]
                                if i < len(NICKNAMES) else brng.choice(NICKNAMES) + str(brng.randint(1, 999)),
                                "refunds_90d": refunds, "orders_90d": max(orders, refunds + brng.randint(1, 20))})

    def _next(self, name: str) -> int:
        self.counters[name] = self.counters.get(name, 0) + 1
        return self.counters[name]

    # -- facts -----------------------------------------------------------------------------------
    def facts(self, submitted: int, *, channel: str | None = None, reason: Reason | None = None,
              card: str | None = None) -> tuple[dict[str, Any], Reason]:
        r = self.rng
        sku, name, category, face, lo, hi = r.choices(PRODUCTS, _PRODUCT_WEIGHTS)[0]
        if reason is None:
            fitting = [x for x in REASONS if x.categories is None or category in x.categories]
            reason = r.choice(fitting)
        elif reason.categories and category not in reason.categories:
            sku, name, category, face, lo, hi = next(p for p in PRODUCTS if p[2] in reason.categories)
        quantity = 1 if face >= 10000 or r.random() < 0.85 else r.randint(2, 5)
        paid = int(face * quantity * r.uniform(lo, hi)) // 10 * 10
        minutes = r.randint(1, 15) if r.random() < 0.82 else r.randint(16, 3 * 24 * 60)
        delivered = submitted - minutes * MINUTE - r.randint(0, 59) * 1000
        ordered = delivered - r.randint(3, 90) * 1000
        card_kind = card or reason.card
        used = 0
        if card_kind == "partially_used":
            used = max(100, face * quantity * r.randint(10, 70) // 100 // 100 * 100)
        card_doc = {"status": "unknown" if card_kind == "undelivered" else card_kind, "used_fen": used}
        requested = paid
        if card_kind == "partially_used" and r.random() < 0.5:
            requested = max(1, paid - paid * used // (face * quantity))
        facts = {
            "order_no": f"KM{china_time(ordered, '%Y%m%d%H%M%S')}{self._next('order') % 1000:03d}",
            "product": {"sku": sku, "name": name, "category": category, "face_value_fen": face},
            "quantity": quantity, "paid_fen": paid,
            "payment_channel": channel or r.choices(CHANNELS, _CHANNEL_WEIGHTS)[0],
            "buyer": dict(r.choice(self.buyers)),
            "delivered_at": None if card_kind == "undelivered" else format_rfc3339(delivered),
            "card": card_doc, "type": reason.type, "requested_fen": requested, "reason": reason.text,
        }
        return facts, reason

    def evidence(self, facts: dict[str, Any], reason: Reason, at: int, count: int | None = None
                 ) -> list[dict[str, Any]]:
        """Evidence entries for a submission; content_type/bytes/sha256 are filled in when first drawn."""
        if self.factory is None or not reason.evidence:
            return []
        r = self.rng
        n = count if count is not None else r.choices((0, 1, 2, 3, 4), (8, 42, 35, 12, 3))[0]
        scene = Scene(facts["order_no"], facts["product"]["name"], fen_to_yuan_str(facts["paid_fen"]),
                      china_time(at - r.randint(5, 600) * 1000, "%Y-%m-%d %H:%M"),
                      facts["buyer"]["nickname"], facts["reason"])
        out = []
        for i in range(n):
            kind = reason.evidence[i % len(reason.evidence)] if i < 2 else r.choice(reason.evidence)
            ev = {"id": f"e_{self._next('evidence')}", "kind": kind, "content_type": "", "bytes": 0,
                  "sha256": "", "uploaded_at": format_rfc3339(at - r.randint(1, 120) * 1000)}
            self.pending.append((ev, self.factory.plan(kind, scene, r)))
            out.append(ev)
        return out

    def submit(self, at: int, *, fast: bool = False, facts: dict[str, Any] | None = None,
               reason: Reason | None = None, previous: str | None = None, channel: str | None = None,
               evidence: bool = True) -> Seeded:
        if facts is None:
            facts, reason = self.facts(at, channel=channel, reason=reason)
        assert reason is not None
        refund_id = f"r_{china_time(at, '%Y%m%d')}{self._next('refund'):06d}"
        ev = self.evidence(facts, reason, at) if evidence else []
        doc, sim = lc.new_refund(facts, refund_id, at, self.policy, fast_refund=fast, evidence=ev,
                                 previous_refund_id=previous)
        doc["_reason"] = reason  # removed before storing; lets decisions fit the facts
        if self.quiet_cs:
            sim["quiet_cs"] = True
        return Seeded(doc, sim)

    # -- decisions a merchant's staff made -------------------------------------------------------
    def staff_decide(self, s: Seeded, at: int, action: str, code: str | None = None) -> None:
        r, doc = self.rng, s.doc
        sid, name = r.choice(DECIDERS)
        by = {"kind": "staff", "id": sid, "name": name}
        if action == "approve":
            d = lc.make_decision("approve", doc["requested_fen"], None, None, [], by, at)
        elif action == "partial":
            paid, card = doc["paid_fen"], doc["card"]
            total_face = doc["product"]["face_value_fen"] * doc["quantity"]
            if card["status"] == "partially_used" and 0 < card["used_fen"] < total_face:
                amount = max(1, paid - paid * card["used_fen"] // total_face)
                code = "partial_used_value"
                text = (f"卡内已使用{fen_to_yuan_str(card['used_fen'])}元,"
                        f"按剩余价值退款{fen_to_yuan_str(amount)}元")
            else:
                amount = max(1, paid * r.randint(50, 90) // 100)
                code, text = "partial_negotiated", "已与买家协商一致,退还部分款项"
            d = lc.make_decision("partial", min(amount, paid - 1), code, text, [], by, at)
        else:
            if code is None:
                code = self._reject_code(doc)
            d = lc.make_decision("reject", 0, code, REJECT_TEXTS[code], [], by, at)
        lc.apply_decision(doc, s.sim, d, at, lc.timer_rng(self.seed, doc))

    def _reject_code(self, doc: dict[str, Any]) -> str:
        reason: Reason = doc["_reason"]
        if doc["card"]["status"] == "activated":
            return "buyer_input_error" if "号码" in reason.text else "card_already_used"
        if doc["delivered_at"] and lc.ms(doc["submitted_at"]) - lc.ms(doc["delivered_at"]) > \
                self.policy.refund_window_minutes * MINUTE:
            return "outside_refund_window"
        return self.rng.choice(("insufficient_evidence", "delivered_as_described", "other",
                                "insufficient_evidence"))

    def run_until(self, s: Seeded, at: int) -> None:
        lc.run_until(s.doc, s.sim, at, self.policy, self.seed)

    # -- whole histories -------------------------------------------------------------------------
    def pick_status(self, i: int, count: int) -> str:
        statuses = list(STATUS_WEIGHTS)
        if count >= 3 * len(statuses) and i < 3 * len(statuses):
            return statuses[i % len(statuses)]  # several in every status, whatever the size
        return self.rng.choices(statuses, tuple(STATUS_WEIGHTS.values()))[0]

    def history(self, status: str, now: int, *, variant: str | None = None, channel: str | None = None,
                evidence: bool = True) -> list[Seeded]:
        """One refund (two for a resubmission) whose life so far ends in `status` at `now`."""
        r, U = self.rng, self.rng.randint
        out: list[Seeded] = []
        if status == "awaiting_merchant":
            variant = variant or r.choices(list(AWAITING_VARIANTS), tuple(AWAITING_VARIANTS.values()))[0]
            if variant == "fast":
                s = self.submit(now - U(1 * 60, (self.policy.fast_refund_minutes - 1) * 60) * 1000, fast=True,
                                channel=channel, evidence=evidence)
            elif variant == "overdue":
                s = self.submit(now - U(24 * 60 + 10, 47 * 60) * MINUTE, channel=channel, evidence=evidence)
            elif variant == "urged":
                s = self.submit(now - U(25 * 60, 35 * 60) * MINUTE, channel=channel, evidence=evidence)
                due = lc.ms(s.doc["due_at"])
                lc.urge(s.doc, s.sim, max(due + 5 * MINUTE, now - U(60, 11 * 60) * MINUTE), self.policy)
            elif variant == "resubmitted":
                again = now - U(10, 20 * 60) * MINUTE
                decided = again - U(60, 30 * 60) * MINUTE
                first = self.submit(decided - U(10, 10 * 60) * MINUTE, channel=channel, evidence=evidence)
                self.staff_decide(first, decided, "reject", "insufficient_evidence")
                facts = {k: first.doc[k] for k in ("order_no", "product", "quantity", "paid_fen",
                                                   "payment_channel", "buyer", "delivered_at", "card",
                                                   "type", "requested_fen", "reason")}
                s = self.submit(again, facts=facts, reason=first.doc["_reason"], previous=first.doc["id"],
                                evidence=False)
                s.doc["evidence"] = self.evidence(facts, first.doc["_reason"], again, U(1, 3)) if evidence else []
                lc.close_as_resubmitted(first.doc, first.sim, again, s.doc["id"])
                out.append(first)
            else:
                s = self.submit(now - U(5, 23 * 60) * MINUTE, channel=channel, evidence=evidence)
        elif status == "platform_review":
            esc = now - U(10, 90) * MINUTE
            urged = esc - self.policy.urge_escalation_hours * HOUR
            s = self.submit(urged - U(5, 180) * MINUTE - self.policy.response_hours * HOUR, channel=channel,
                            evidence=evidence)
            lc.urge(s.doc, s.sim, urged, self.policy)
        elif status == "refunding":
            ch = channel or r.choice(("alipay", "wechat", "alipay", "wechat", "bank_card"))
            decided = now - (U(5, 55) * MINUTE if ch != "bank_card" else U(60, 20 * 60) * MINUTE)
            s = self._decided(decided, r.choices(("approve", "partial", "auto", "cs"), (60, 15, 15, 10))[0], ch,
                              evidence)
            s.sim["payout_fail"] = False
        elif status == "refunded":
            ch = channel or r.choices(CHANNELS, _CHANNEL_WEIGHTS)[0]
            decided = now - (U(6 * 24, 12 * 24) * HOUR if ch == "bank_card" else U(14 * 60, 10 * 24 * 60) * MINUTE)
            s = self._decided(decided, r.choices(("approve", "partial", "auto", "cs"), (55, 15, 20, 10))[0], ch,
                              evidence)
        elif status == "payout_failed":
            ch = channel if channel in ("alipay", "wechat") else r.choice(("alipay", "wechat"))
            s = self._decided(now - U(130, 180) * MINUTE, r.choice(("approve", "auto")), ch, evidence)
            s.sim["payout_fail"] = True
        elif status == "rejected":
            decided = now - U(10, 6 * 24 * 60) * MINUTE
            s = self.submit(decided - U(10, 20 * 60) * MINUTE, channel=channel, evidence=evidence)
            self.staff_decide(s, decided, "reject")
        elif status == "appealed":
            appealed = now - U(60, 40 * 60) * MINUTE
            decided = appealed - U(60, 5 * 24 * 60) * MINUTE
            s = self.submit(decided - U(10, 20 * 60) * MINUTE, channel=channel, evidence=evidence)
            self.staff_decide(s, decided, "reject")
            self.run_until(s, appealed)
            self._appeal(s, appealed)
            ask = s.sim.get("cs_ask_at")
            if ask is not None and ask + self.talk.evidence_request_hours * HOUR <= now:
                s.sim.pop("cs_ask_at")  # a request missed before now would have decided it: not this history
            if r.random() < 0.4:
                at = now - U(5, 50) * MINUTE
                self.run_until(s, at)  # (customer service may have asked for evidence before it)
                sid, name = r.choice(DECIDERS)
                lc.statement(s.doc, s.sim, at, r.choice(STATEMENTS), [], {"kind": "staff", "id": sid, "name": name},
                             lc.timer_rng(self.seed, s.doc))
        elif status == "closed":
            how = r.choice(("appeal_window", "appeal_window", "review", "appeal_upheld"))
            if how == "appeal_window":
                decided = now - U(7 * 24 + 1, 13 * 24) * HOUR
                s = self.submit(decided - U(10, 20 * 60) * MINUTE, channel=channel, evidence=evidence)
                self.staff_decide(s, decided, "reject")
            elif how == "review":
                urged = now - U(20 * 60, 6 * 24 * 60) * MINUTE
                s = self.submit(urged - U(5, 600) * MINUTE - self.policy.response_hours * HOUR, channel=channel,
                                evidence=evidence)
                lc.urge(s.doc, s.sim, urged, self.policy)
                s.sim["review_outcome"] = "reject"
            else:
                appealed = now - U(3 * 24, 8 * 24) * HOUR
                decided = appealed - U(1, 48) * HOUR
                s = self.submit(decided - U(10, 20 * 60) * MINUTE, channel=channel, evidence=evidence)
                self.staff_decide(s, decided, "reject")
                self.run_until(s, appealed)
                self._appeal(s, appealed)
                s.sim.pop("cs_ask_at", None)
                s.sim["appeal_outcome"] = "reject"
        elif status in TALK_STATUSES:
            s = self._negotiated(status, now, channel, evidence)
        elif status == "cancelled":
            submitted = now - U(60, 5 * 24 * 60) * MINUTE
            s = self.submit(submitted, channel=channel, evidence=evidence)
            lc.cancel(s.doc, s.sim, submitted + U(5, min(20 * 60, (now - submitted) // MINUTE)) * MINUTE)
        else:
            raise ValueError(f"unknown status {status!r}")
        out.append(s)
        for item in out:
            self.run_until(item, now)
        if self.conversations and status == "awaiting_merchant" and s.doc["status"] == "awaiting_merchant":
            self._talk(s, now)
        return out

    # -- v1.1 histories ----------------------------------------------------------------------------
    def chat_images(self, doc: dict[str, Any], at: int, count: int, rng: random.Random) -> list[str]:
        """Planned screenshots a buyer attaches to a message (ids e_c<n>, drawn on first request)."""
        if self.factory is None:
            return []
        scene = Scene(doc["order_no"], doc["product"]["name"], fen_to_yuan_str(doc["paid_fen"]),
                      china_time(at - rng.randint(5, 600) * 1000, "%Y-%m-%d %H:%M"), doc["buyer"]["nickname"],
                      doc["reason"])
        ids = []
        for _ in range(count):
            k = self._next("chat_evidence")
            eid = f"e_c{k}"
            kind = rng.choice(("screenshot", "chat", "topup_record"))
            # a plain screenshot, planned beside the factory's numbering: v1 evidence keeps its special cases
            self.pending.append(({"id": eid}, Plan(CHAT_PLAN_BASE + k, kind, scene, None, rng.getrandbits(64))))
            ids.append(eid)
        return ids

    def _staff_by(self, rng: random.Random) -> dict[str, str]:
        sid, name = rng.choice(DECIDERS)
        return {"kind": "staff", "id": sid, "name": name}

    def _proposal(self, doc: dict[str, Any], rng: random.Random, kind: str | None = None
                  ) -> tuple[str, int | None] | None:
        """A proposal a merchant would make on this refund: (kind, amount), None when none fits."""
        eligible = doc["product"]["category"] in lc.REISSUABLE
        if kind == "reissue" or (kind is None and eligible and doc["card"]["status"] in ("unused", "unknown")
                                 and rng.random() < 0.4):
            return ("reissue", None) if eligible else None
        paid, card = doc["paid_fen"], doc["card"]
        total_face = doc["product"]["face_value_fen"] * doc["quantity"]
        if card["status"] == "partially_used" and 0 < card["used_fen"] < total_face:
            amount = paid - paid * card["used_fen"] // total_face
        else:
            amount = doc["requested_fen"] * rng.randint(40, 95) // 100
        amount = min(amount, doc["requested_fen"], paid - 1)
        return ("partial", amount) if amount >= 1 else None

    def _propose(self, s: Seeded, at: int, rng: random.Random, kind: str | None = None) -> bool:
        offer = self._proposal(s.doc, rng, kind)
        if offer is None:
            return False
        text = voices.proposal_text(s.doc, offer[0], offer[1])
        lc.propose(s.doc, s.sim, at, offer[0], offer[1], text, [], self._staff_by(rng), self.talk, rng)
        return True

    def _first_words(self, s: Seeded, at: int, rng: random.Random) -> None:
        images = self.chat_images(s.doc, at, 1, rng) if rng.random() < 0.12 else []
        lc.buyer_message(s.doc, s.sim, at, voices.first_message(s.doc, rng), images)

    def _negotiated(self, status: str, now: int, channel: str | None, evidence: bool) -> Seeded:
        """A refund with a pending proposal (negotiating), or one whose buyer took a re-issued card."""
        r, t = self.rng, self.trng
        reason = None
        if status == "reissued":
            reason = r.choice([x for x in REASONS if x.categories is None and x.card in ("unused", "unknown")])
        for _ in range(50):  # a product the proposal fits (a re-issued card: game, gift or membership cards)
            facts, reason_used = self.facts(now, channel=channel, reason=reason)
            if status == "negotiating" or facts["product"]["category"] in lc.REISSUABLE:
                break
        submitted = now - r.randint(40, 20 * 60) * MINUTE
        s = self.submit(submitted, facts=facts, reason=reason_used, evidence=False)
        if evidence:
            s.doc["evidence"] = self.evidence(facts, reason_used, submitted)
        if t.random() < 0.6:
            self._first_words(s, submitted + t.randint(1, 10) * MINUTE, t)
        proposed = submitted + t.randint(15, (now - submitted) // MINUTE - 10) * MINUTE
        self.run_until(s, proposed)
        if not self._propose(s, proposed, t, "reissue" if status == "reissued" else None):
            self._propose(s, proposed, t, "partial")
        if status == "reissued":
            answer_at = t.randint(proposed // MINUTE + 1, now // MINUTE - 1) * MINUTE
            self.run_until(s, answer_at - 1)
            if s.doc["status"] == "negotiating":
                lc.answer_proposal(s.doc, s.sim, answer_at, True, None, t, self.talk)
        else:  # still waiting for the buyer's answer: it comes later, if at all
            answer = s.sim.get("proposal_answer_at")
            if answer is not None and answer <= now:
                s.sim["proposal_answer_at"] = now + t.randint(5, 6 * 60) * MINUTE
        return s

    def _talk(self, s: Seeded, now: int) -> None:
        """What happened in the conversation of a refund still awaiting the merchant: some buyers wrote
        (and were answered), some refunds were negotiated (and came back), some had their deadline
        extended. Drawn from the conversation's own dice."""
        t, doc = self.trng, s.doc
        x = t.random()
        if x >= 0.42:
            return
        since: int = lc.ms(doc["updated_at"])  # after its last event (an urge, say)
        if x < 0.30:
            first = since + t.randint(0, 10) * MINUTE
            if first > now:
                return
            if doc["urged_at"]:
                lc.buyer_message(s.doc, s.sim, first, voices.follow_up(t))
            else:
                self._first_words(s, first, t)
            # (no timer of this refund fell before now, or the history would have ended elsewhere: only what
            # is written here can fire, so the clock is run only after the merchant's turn)
            reply = first + t.randint(5, 120) * MINUTE
            if t.random() < 0.5 and reply < now - MINUTE:
                lc.merchant_message(s.doc, s.sim, reply, t.choice(MERCHANT_REPLIES), [], self._staff_by(t), t)
                self.run_until(s, now)
        elif x < 0.38:
            if not self.negotiations or doc["fast_refund"] or since + 20 * MINUTE >= now:
                return
            proposed = t.randint(since // MINUTE + 15, now // MINUTE - 5) * MINUTE
            if self._propose(s, proposed, t):
                self.run_until(s, now)
        elif not doc["fast_refund"] and now < lc.ms(doc["due_at"]):
            at = since + t.randint(60, 20 * 60) * MINUTE  # (overdue and urged refunds stay what they are)
            if at >= now:
                return
            code = t.choice(lc.EXTENSION_REASONS)
            lc.extend(doc, s.sim, at, t.choice((12, 24, 24, 48)), code, EXTENSION_TEXTS[code], self._staff_by(t))

    def _decided(self, decided: int, how: str, channel: str, evidence: bool) -> Seeded:
        """A refund approved at `decided`: by staff (fully or partly), by fast refund, or by CS."""
        r, U = self.rng, self.rng.randint
        if how == "auto":
            s = self.submit(decided - self.policy.fast_refund_minutes * MINUTE, fast=True, channel=channel,
                            evidence=evidence)
        elif how == "cs":
            review = decided - U(2, 6) * HOUR
            urged = review - self.policy.urge_escalation_hours * HOUR
            s = self.submit(urged - U(5, 300) * MINUTE - self.policy.response_hours * HOUR, channel=channel,
                            evidence=evidence)
            lc.urge(s.doc, s.sim, urged, self.policy)
            self.run_until(s, review)
            s.sim.pop("cs_ask_at", None)  # no evidence request in this history: CS decides at `decided`
            s.sim["review_at"] = decided  # CS decides exactly when this history needs it
            s.sim["review_outcome"] = "approve"
        elif how == "partial":
            facts, reason = self.facts(decided, channel=channel,
                                       reason=r.choice([x for x in REASONS if x.card == "partially_used"]))
            s = self.submit(decided - U(10, 20 * 60) * MINUTE, facts=facts, reason=reason, evidence=evidence)
        else:
            s = self.submit(decided - U(3, 20 * 60) * MINUTE, channel=channel, evidence=evidence)
        self.run_until(s, decided - 1)
        if how in ("approve", "partial"):
            self.staff_decide(s, decided, how)
        return s

    def _appeal(self, s: Seeded, at: int) -> None:
        ev: list[dict[str, Any]] = []
        if self.factory is not None and self.rng.random() < 0.5:
            ev = self.evidence(s.doc, s.doc["_reason"], at, 1)
        lc.appeal(s.doc, s.sim, at, self.rng.choice(APPEAL_REASONS), ev, self.policy, lc.timer_rng(self.seed, s.doc))

    def take_plans(self) -> dict[str, Plan]:
        """The planned evidence (id -> plan) made since the last call: drawn later, on first request."""
        plans = {ev["id"]: plan for ev, plan in self.pending}
        self.pending = []
        return plans
