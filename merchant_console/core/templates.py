"""Reason templates: `string.Template` over an allow-listed mapping, never `str.format`.

A template is text a manager typed; refund fields are text a stranger typed. `safe_substitute`
never evaluates attribute access (`{0.__class__}` stays literal) and leaves unknown `$names`
as they are, so neither side can reach into the program.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

from .money import fen_to_yuan_str

PLACEHOLDERS = ("order_no", "amount", "used", "remaining", "product", "buyer")
MONEY_PLACEHOLDERS = ("amount", "used", "remaining")
# a money placeholder brings its own ¥; a unit typed around it ("$amount元", "¥$amount", written
# when the value was bare digits) would say it twice, so the template loses it (not "$$amount", a literal)
_MONEY_UNIT = re.compile(r"[¥￥]?(?<!\$)(\$(?:amount|used|remaining)(?![A-Za-z0-9_])"
                         r"|\$\{(?:amount|used|remaining)\})元?")
MAX_TEMPLATE_CHARS = 1000


@dataclass(frozen=True, slots=True)
class ReasonTemplate:
    action: str               # approve | partial | reject
    name: str
    text: str
    reason_code: str | None = None
    shortcut: int | None = None   # 1–9 within its action


def template_values(row: dict[str, Any], amount_fen: int | None = None) -> dict[str, str]:
    """The only values a template may use, taken from a refund row (money as buyers read it: ¥12.50)."""
    face = row.get("face_value_fen", 0) * row.get("quantity", 1)
    used = row.get("card_used_fen", 0) or 0
    amount = amount_fen if amount_fen is not None else row.get("requested_fen", 0)
    values = {
        "order_no": row.get("order_no", ""),
        "amount": fen_to_yuan_str(amount, symbol=True, grouping=True),
        "used": fen_to_yuan_str(used, symbol=True, grouping=True),
        "remaining": fen_to_yuan_str(max(0, face - used), symbol=True, grouping=True),
        "product": row.get("product_name", ""),
        "buyer": row.get("buyer_nickname", ""),
    }
    if row.get("card_status") in (None, "unknown"):
        # how much of the card was used is not known: "已使用¥0.00" would tell the buyer a falsehood; the
        # placeholders stay as typed, and a decision whose text still holds one is refused until it is written in
        del values["used"], values["remaining"]
    return values


def unfilled(text: str | None) -> list[str]:
    """The placeholders a rendered text still holds ("$used" where the card's use is not known)."""
    found = []
    for m in string.Template.pattern.finditer(text or ""):
        name = m.group("named") or m.group("braced")
        if name in PLACEHOLDERS and f"${name}" not in found:
            found.append(f"${name}")
    return found


def render(text: str, values: dict[str, str]) -> str:
    """Fill a template; unknown or malformed placeholders stay as typed."""
    allowed = {k: str(values[k]) for k in PLACEHOLDERS if k in values}
    if any(k in allowed for k in MONEY_PLACEHOLDERS):
        text = _MONEY_UNIT.sub(lambda m: m.group(1), text)
    return string.Template(text).safe_substitute(allowed)


def unknown_placeholders(text: str) -> list[str]:
    """Names a template uses that are not allowed (shown to the manager who writes it)."""
    names = []
    for m in string.Template.pattern.finditer(text):
        name = m.group("named") or m.group("braced")
        if name and name not in PLACEHOLDERS and name not in names:
            names.append(name)
    return names


def template_problem(text: str) -> tuple[str, dict[str, Any]] | None:
    """None when a template may be saved, else (code, facts): the GUI says it in the UI's language."""
    if not text.strip():
        return "empty", {}
    if len(text) > MAX_TEMPLATE_CHARS:
        return "too_long", {"max": MAX_TEMPLATE_CHARS}
    bad = unknown_placeholders(text)
    if bad:
        return "unknown_placeholders", {"names": ", ".join("$" + b for b in bad),
                                        "allowed": ", ".join("$" + p for p in PLACEHOLDERS)}
    return None


def check_template(text: str) -> str | None:
    """None when a template may be saved, else why not (in English, for the CLI and logs)."""
    problem = template_problem(text)
    if problem is None:
        return None
    code, facts = problem
    if code == "empty":
        return "a template needs some text"
    if code == "too_long":
        return f"a template may have at most {facts['max']} characters"
    placeholders = "placeholder" if "," not in facts["names"] else "placeholders"
    return f"unknown {placeholders}: {facts['names']} (allowed: {facts['allowed']})"

