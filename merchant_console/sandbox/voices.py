"""What the sandbox's buyers and platform customer service write (v1.1 conversations).

Wording in the register of card-platform after-sale pages (the project's seeds): short, plain,
a little impatient, with 卡密 / 充值 / 到账 / 协商 / 平台介入. Every choice is made with the caller's
random generator, so a seed replays the same conversation.
"""

from __future__ import annotations

import random
from typing import Any

from merchant_console.core.money import fen_to_yuan_str

# A buyer's first message, by the kind of trouble the refund is about (matched on the reason text).
FIRST_BY_REASON: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("卡密无效", ("商家你好,卡密充值的时候一直提示无效,麻烦帮忙查一下是不是发错了",
               "你好,刚买的卡密充不进去,提示卡密无效,截图已经上传了,请尽快处理")),
    ("已被使用", ("卡密我是第一次充值,系统却提示已被使用,麻烦商家核实一下",
               "我没有用过这张卡,一充值就说已经被使用了,请尽快给个说法")),
    ("到账延迟", ("已经过了承诺的到账时间还没到账,订单号{order_no},麻烦查一下",
               "说好几分钟到账的,现在还没到,能不能先帮我退款")),
    ("未发货", ("付款很久了一直没收到卡密,订单号{order_no},请尽快处理",
              "在吗?付款后一直没发货,麻烦看一下")),
    ("处理中", ("话费一直显示处理中,到现在还没到账,可以退款吗?",
              "充值记录显示处理中,运营商那边查不到,麻烦帮忙核实")),
    ("显示不全", ("卡密只显示了一半,没办法充值,麻烦重新发一下或者退款",)),
    ("面额", ("收到的面额跟商品描述不一样,已经上传了照片,请核实",)),
    ("区服", ("这个卡在我这个区用不了,描述里没写区服限制,申请退款",)),
    ("全国通用", ("描述写的全国通用,我这边充不了本地号码,麻烦退款",)),
    ("7天会员", ("激活以后只有7天会员,不是描述的月卡,请商家处理",)),
    ("余额", ("卡内余额和面值对不上,截图已上传,麻烦核实后退款",)),
    ("充错号码", ("不好意思,号码填错了,麻烦商家帮忙处理一下退款",)),
    ("面额选择失误", ("面额选错了,还没有使用,麻烦退一下款,我重新拍",)),
    ("重复下单", ("不小心多拍了一张,卡密还没用,麻烦退掉一张",)),
    ("不需要了", ("不需要了,卡密没有动过,麻烦尽快退款,谢谢",)),
    ("部分使用", ("卡里还有一部分没用完,剩余的金额麻烦退给我",)),
)
FIRST_ANY = ("商家你好,退款申请已经提交了,麻烦尽快审核一下,谢谢",
             "在吗?麻烦看一下我的退款申请",
             "你好,订单{order_no}申请了退款,请尽快处理")
FOLLOW_UP = ("商家在吗?怎么还没处理", "麻烦快点处理一下,等了好久了", "凭证都上传了,请尽快审核",
             "如果今天不处理我就申请平台介入了")

# The buyer answering a merchant's message.
REPLY_WAITING = ("好的,我再试一下", "已经按你说的操作了,还是不行", "截图已经上传了,你看一下",
                 "什么时候能处理好?", "我没有使用过这张卡,请核实后尽快退款", "好的,那我等你消息",
                 "可以,麻烦快一点", "我这边查了充值记录,确实没有到账")
REPLY_REVIEW = ("平台已经介入了,等客服处理吧", "我已经把截图发给平台客服了", "好的,等平台判定")
REPLY_NEGOTIATING = ("我考虑一下,晚点回复你", "这个金额我再想想", "能不能再多退一点?")

# The buyer answering a proposal.
ACCEPT_PARTIAL = ("可以,就按这个金额退吧", "行吧,同意按剩余价值退款", "好的,同意协商方案,请尽快退款")
DECLINE_PARTIAL = ("不同意,这张卡我一次都没用过,要全额退款", "金额太少了,不接受,我会申请平台介入",
                   "不行,按我申请的金额退")
ACCEPT_REISSUE = ("可以,补发一张新的也行,我收到后确认", "好的,新卡密已经充值成功了,谢谢")
DECLINE_REISSUE = ("不要补发了,直接退款吧", "不想再买这个卡了,请按原路退款")

# Platform customer service asking the merchant for more (平台介入).
QUESTIONS_REVIEW = ("请提供该卡密的供货商激活记录", "请补充发货记录截图及卡密状态查询结果",
                    "请提供卡密的使用时间及充值账号记录", "请上传与买家的沟通记录截图")
QUESTIONS_APPEAL = ("买家申诉称卡密无法充值,请提供卡密使用记录", "请补充卡密发货时的状态截图",
                    "请说明拒绝退款的依据并上传相关凭证")
CS_PREFIX = "平台客服已介入处理,请商家在{hours}小时内补充以下材料:"


def first_message(doc: dict[str, Any], rng: random.Random) -> str:
    reason = doc.get("reason") or ""
    for key, texts in FIRST_BY_REASON:
        if key in reason:
            return rng.choice(texts).format(order_no=doc.get("order_no", ""))
    return rng.choice(FIRST_ANY).format(order_no=doc.get("order_no", ""))


def follow_up(rng: random.Random) -> str:
    return rng.choice(FOLLOW_UP)


def reply(doc: dict[str, Any], rng: random.Random) -> str:
    status = doc.get("status")
    if status == "negotiating":
        return rng.choice(REPLY_NEGOTIATING)
    if status in ("platform_review", "appealed"):
        return rng.choice(REPLY_REVIEW)
    return rng.choice(REPLY_WAITING)


def answer_to_proposal(kind: str, accept: bool, rng: random.Random) -> str:
    if kind == "reissue":
        return rng.choice(ACCEPT_REISSUE if accept else DECLINE_REISSUE)
    return rng.choice(ACCEPT_PARTIAL if accept else DECLINE_PARTIAL)


def accept_chance(doc: dict[str, Any], kind: str, amount_fen: int | None) -> float:
    """How likely the buyer accepts: most offers near what they asked, few low ones."""
    if kind == "reissue":
        return 0.5 if doc["card"]["status"] in ("activated", "partially_used") else 0.75
    share = (amount_fen or 0) / max(1, doc["requested_fen"])
    if share >= 0.9:
        return 0.9
    if share >= 0.7:
        return 0.65
    if share >= 0.5:
        return 0.3
    return 0.08


def question(status: str, rng: random.Random) -> str:
    return rng.choice(QUESTIONS_APPEAL if status == "appealed" else QUESTIONS_REVIEW)


def cs_message(question_text: str, hours: int) -> str:
    return CS_PREFIX.format(hours=hours) + question_text


def proposal_text(doc: dict[str, Any], kind: str, amount_fen: int | None) -> str:
    """What a seeded merchant writes with a proposal."""
    if kind == "reissue":
        return "给您补发一张新卡密,请查收后确认"
    used = doc["card"].get("used_fen") or 0
    if used:
        return (f"卡内已使用{fen_to_yuan_str(used)}元,按剩余价值退款{fen_to_yuan_str(amount_fen or 0)}元,"
                "您看可以吗?")
    return f"经核实可以退款{fen_to_yuan_str(amount_fen or 0)}元,您看可以吗?"
