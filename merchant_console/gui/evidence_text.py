"""Words for evidence states and risk signals, in the user's language (one place for all of them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from ..core.money import fen_to_yuan_str
from ..core.status import EVIDENCE_KINDS
from ..store.risk import Signal
from .formatting import counted, human_minutes


def kind_label(kind: str | None) -> str:
    """'截图' / 'Screenshot' for the platform's evidence kind (never the raw code in the UI)."""
    pair = EVIDENCE_KINDS.get(kind or "") or EVIDENCE_KINDS["other"]
    return pair[0] if ui_language() == "zh" else pair[1]


def broken_text(reason: str | None) -> str:
    """Why an image is shown as a placeholder (decode.REASONS, or a download failure)."""
    return {
        "empty": QCoreApplication.translate("Evidence", "Empty file"),
        "corrupt": QCoreApplication.translate("Evidence", "The file is damaged"),
        "too_large": QCoreApplication.translate("Evidence", "The image is too large"),
        "unsupported": QCoreApplication.translate("Evidence", "Unsupported format"),
        "missing": QCoreApplication.translate("Evidence", "Not downloaded yet"),
        "fetch": QCoreApplication.translate("Evidence", "Could not be downloaded"),
    }.get(reason or "", QCoreApplication.translate("Evidence", "Cannot be shown"))


def signal_label(code: str) -> str:
    """A badge's short label."""
    return {
        "same_image": QCoreApplication.translate("Evidence", "Same image"),
        "similar_image": QCoreApplication.translate("Evidence", "Similar image"),
        "edited": QCoreApplication.translate("Evidence", "Edited"),
        "card_used": QCoreApplication.translate("Evidence", "Card used"),
        "outside_window": QCoreApplication.translate("Evidence", "Late request"),
        "serial_refunder": QCoreApplication.translate("Evidence", "Serial refunder"),
    }.get(code, code)


def ui_language() -> str:
    """'zh' when the UI speaks Chinese (see gui.i18n), else 'en'."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def signal_names(conn, signals: list[Signal]) -> dict[str, str]:
    """Order numbers for the other refunds a signal names, "image N" for their images: the viewer
    shows these, not the platform's internal ids (r_…, e_…)."""
    refund_ids = {s.other_refund_id for s in signals if s.other_refund_id}
    evidence_ids = {s.other_evidence_id for s in signals if s.other_evidence_id}
    names: dict[str, str] = {}
    if refund_ids:
        marks = ",".join("?" * len(refund_ids))
        names.update(conn.exec_driver_sql(f"SELECT id, order_no FROM refunds WHERE id IN ({marks})",
                                          tuple(refund_ids)).all())
    if evidence_ids:
        marks = ",".join("?" * len(evidence_ids))
        for eid, pos in conn.exec_driver_sql(f"SELECT id, position FROM evidence WHERE id IN ({marks})",
                                             tuple(evidence_ids)):
            names[eid] = QCoreApplication.translate("Evidence", "image {n}").format(n=pos + 1)
    return names


def evidence_names(evidence: list[dict]) -> dict[str, str]:
    """A refund's own images as people number them: evidence id -> "image 2" / "图2"."""
    return {e["id"]: QCoreApplication.translate("Evidence", "image {n}").format(n=e.get("position", i) + 1)
            for i, e in enumerate(evidence)}


def signal_sentence(signal: Signal, names: dict[str, str] | None = None) -> str:
    """The one-sentence explanation of a signal in the UI language, in words people use.

    `names` maps ids to what a person calls them: an evidence id to "image 2", a refund id to its
    order number. Without a name an image is "this image" (the strip and the viewer show one image)
    and another refund keeps its id.
    """
    text = _sentence(signal, names or {})
    return text[:1].upper() + text[1:]   # "image 2 is…" opens a sentence (no case in Chinese)


def _sentence(signal: Signal, names: dict[str, str]) -> str:
    translate = QCoreApplication.translate
    s, d = signal, signal.detail
    this = names.get(s.evidence_id or "") or translate("Evidence", "This image")
    other = names.get(s.other_evidence_id or "") or translate("Evidence", "an image")
    order = names.get(s.other_refund_id or "") or (s.other_refund_id or "")
    if s.code == "same_image":
        return translate("Evidence", "{this} is the very same file as {other} of order {order}.").format(
            this=this, other=other, order=order)
    if s.code == "similar_image":
        return translate("Evidence", "{this} looks nearly identical to {other} of order {order} (perceptual "
                                     "hashes differ in {bits} bits).").format(
            this=this, other=other, order=order, bits=d.get("distance"))
    if s.code == "edited":
        return translate("Evidence", "{this} was saved by {software}, an image editor (EXIF Software).").format(
            this=this, software=d.get("software"))
    if s.code == "card_used":
        if d.get("status") == "partially_used":
            return translate("Evidence", "The card is partly used: {used} already spent.").format(
                used=fen_to_yuan_str(int(d.get("used_fen") or 0), symbol=True, grouping=True))
        return translate("Evidence", "The card has already been activated.")
    if s.code == "outside_window":
        return translate("Evidence", "The buyer asked {after} after delivery, outside the {window}-minute "
                                     "refund window.").format(after=human_minutes(int(d.get("minutes") or 0)),
                                                              window=d.get("window"))
    if s.code == "serial_refunder":
        refunds = counted(int(d.get("refunds") or 0), translate("Evidence", "1 refund"),
                          translate("Evidence", "{n} refunds"))
        orders = counted(int(d.get("orders") or 0), translate("Evidence", "1 order"),
                         translate("Evidence", "{n} orders"))
        return translate("Evidence", "This buyer asked for {refunds} on {orders} in 90 days.").format(
            refunds=refunds, orders=orders)
    return signal_label(s.code)
