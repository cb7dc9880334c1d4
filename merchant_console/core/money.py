"""Money is integer fen (分) everywhere; yuan strings exist only at the edges (input, display)."""

from __future__ import annotations

import re
import unicodedata

MAX_FEN = 10**12  # ten billion yuan: far beyond any refund; guards against absurd input

_YUAN_RE = re.compile(r"^\s*[¥￥]?\s*([0-9]{1,13})(?:\.([0-9]{1,2}))?\s*(?:元)?\s*$")


class MoneyError(ValueError):
    """An amount a person typed or a platform sent is not a valid amount of money."""


def fen_to_yuan_str(fen: int, *, symbol: bool = False, grouping: bool = False) -> str:
    """9850 -> '98.50' (or '¥98.50'); exact, never through float."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise MoneyError(f"amount must be integer fen, got {type(fen).__name__}")
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    whole = f"{yuan:,}" if grouping else str(yuan)
    return f"{sign}{'¥' if symbol else ''}{whole}.{cents:02d}"


def parse_yuan(text: str) -> int:
    """'98.5' / '¥98.50' / '98元' -> fen. Raises MoneyError with a reason a person can act on."""
    if not isinstance(text, str):
        raise MoneyError("amount must be text")
    # NFKC turns full-width digits from Chinese input methods (１２．５) into ASCII
    m = _YUAN_RE.match(unicodedata.normalize("NFKC", text).replace(",", ""))
    if not m:
        raise MoneyError(f"not an amount of money: {text.strip()[:40]!r} (use e.g. 98.50)")
    fen = int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    if fen > MAX_FEN:
        raise MoneyError("amount is too large")
    return fen


def check_fen(value: object, field: str = "amount") -> int:
    """Validate a fen amount from untrusted JSON: an int (not bool, not float), 0 ≤ v ≤ MAX_FEN."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise MoneyError(f"{field} must be an integer number of fen, got {type(value).__name__}")
    if value < 0 or value > MAX_FEN:
        raise MoneyError(f"{field} out of range: {value}")
    return value
