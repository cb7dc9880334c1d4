"""Text from a platform or a buyer, made safe to show: nothing hidden, nothing reordered.

A buyer controls product names, nicknames and reasons, and a hostile platform controls ids. Control
characters (NUL, ESC, BEL…) can hide or garble text in a list, a terminal or an exported file, and
bidirectional overrides can make `r_bidi_\\u202egnp.exe` read as `r_bidi_exe.png`. `visible()` turns
each such character into a visible stand-in; `isolate()` also wraps the text in a first-strong
isolate so right-to-left text inside it cannot reorder what surrounds it. The GUI, the CLI and the
exports use these; the parser uses `needs_cleaning()` to flag the fields it had to clean.
"""

from __future__ import annotations

import re

# explicit embeddings/overrides/isolates and the invisible direction marks
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
FSI, PDI = "\u2068", "\u2069"
REPLACEMENT = "\ufffd"

# C0 controls, DEL, C1 controls, bidi controls, line/paragraph separators, lone surrogates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029\ud800-\udfff]")
# multi-line text keeps tab, newline and CR LF; a lone CR (which can hide a line in a terminal) is made visible
_UNSAFE_MULTILINE = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029"
    "\ud800-\udfff]")


def _stand_in(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ␇ ␛ …
    if code == 0x7f:
        return "\u2421"  # ␡
    if 0xD800 <= code <= 0xDFFF:
        return REPLACEMENT  # a lone surrogate is not text at all (and cannot be stored as UTF-8)
    return f"<U+{code:04X}>"


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with every control, bidi and separator character replaced by a visible stand-in.

    `multiline` keeps tab, newline and CR LF (a buyer's reason may have paragraphs)."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    return pattern.sub(lambda m: _stand_in(m.group()), text)


def isolate(text: str, *, multiline: bool = False) -> str:
    """`visible(text)` inside FSI…PDI: safe to put next to other text in one line or cell."""
    return FSI + visible(text, multiline=multiline) + PDI


def needs_cleaning(text: str, *, multiline: bool = False) -> bool:
    return (_UNSAFE_MULTILINE if multiline else _UNSAFE).search(text) is not None


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "\u2026"
