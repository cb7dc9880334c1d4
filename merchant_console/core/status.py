"""The one table of refund statuses, their labels and what they mean for the merchant."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Status:
    code: str
    zh: str
    en: str
    merchant_can_decide: bool = False
    final: bool = False


STATUSES: dict[str, Status] = {
    s.code: s
    for s in (
        Status("awaiting_merchant", "待审核", "Awaiting merchant", merchant_can_decide=True),
        Status("platform_review", "平台介入", "Platform review"),
        Status("refunding", "处理中", "Refunding"),
        Status("refunded", "已退款", "Refunded", final=True),
        Status("payout_failed", "打款失败", "Payout failed"),
        Status("rejected", "已拒绝", "Rejected"),
        Status("appealed", "申诉中", "Appealed"),
        Status("closed", "已关闭", "Closed", final=True),
        Status("cancelled", "已撤销", "Cancelled", final=True),
        # v1.1: the buyer answers the merchant's proposal before negotiation.respond_by
        Status("negotiating", "协商中", "Negotiating"),
        # v1.1: the buyer accepted a re-issued card code instead of money
        Status("reissued", "已补发", "Card re-issued", final=True),
    )
}

REFUND_TYPES = {"not_received": ("未收到货", "Not received"),
                "not_as_described": ("商品描述不符", "Not as described"),
                "other": ("其他原因", "Other")}
CATEGORIES = {"game_card": ("游戏点卡", "Game card"), "phone_topup": ("话费充值", "Phone top-up"),
              "gift_card": ("礼品卡", "Gift card"), "membership": ("会员激活码", "Membership code"),
              "other": ("其他", "Other")}
CHANNELS = {"alipay": ("支付宝", "Alipay"), "wechat": ("微信支付", "WeChat Pay"),
            "bank_card": ("银行卡", "Bank card"), "balance": ("余额", "Balance")}
CARD_STATUSES = {"unused": ("未使用", "Unused"), "activated": ("已激活", "Activated"),
                 "partially_used": ("部分使用", "Partly used"), "unknown": ("未知", "Unknown")}
EVIDENCE_KINDS = {"screenshot": ("截图", "Screenshot"), "chat": ("聊天记录", "Chat"),
                  "topup_record": ("充值记录", "Top-up record"), "photo": ("照片", "Photo"),
                  "other": ("其他", "Other")}
ACTIONS = {"approve": ("同意退款", "Approve"), "partial": ("部分退款", "Partial refund"),
           "reject": ("拒绝退款", "Reject")}
DECIDER_KINDS = ("staff", "platform_auto", "platform_cs")
# v1.1 after-sale conversation (协商)
PROPOSAL_KINDS = {"partial": ("部分退款", "Partial refund"), "reissue": ("补发卡密", "Re-issue the card")}
PROPOSAL_STATES = {"pending": ("等待买家答复", "Waiting for the buyer"), "accepted": ("买家已同意", "Accepted"),
                   "declined": ("买家已拒绝", "Declined"), "expired": ("买家未答复", "Expired")}
MESSAGE_SENDERS = {"buyer": ("买家", "Buyer"), "merchant": ("商家", "Merchant"),
                   "platform": ("平台客服", "Customer service")}
# a refund in these statuses takes no more messages (409 conversation_closed)
CONVERSATION_CLOSED_STATUSES = frozenset({"refunded", "closed", "cancelled", "reissued"})
# a re-issued card is offered only for these product categories
REISSUE_CATEGORIES = frozenset({"game_card", "gift_card", "membership"})
# evidence requests from platform customer service are answered while the refund is in one of these
EVIDENCE_REQUEST_STATUSES = frozenset({"platform_review", "appealed"})
PAYOUT_STATUSES = ("processing", "paid", "failed")
ROLES = ("owner", "manager", "operator", "viewer")
DECIDING_ROLES = frozenset({"owner", "manager", "operator"})
MANAGING_ROLES = frozenset({"owner", "manager"})

# The progress nodes buyers and merchants see: 提交 → 审核 → 处理中 → 已退款.
PROGRESS_NODES = (("submitted", "提交", "Submitted"), ("review", "审核", "Review"),
                  ("refunding", "处理中", "Refunding"), ("refunded", "已退款", "Refunded"))


def status_label(code: str, lang: str = "zh") -> str:
    s = STATUSES.get(code)
    if s is None:
        return code
    return s.zh if lang == "zh" else s.en
