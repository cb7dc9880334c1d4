"""Words for evidence states and risk signals, in the user's language.

Signal labels and sentences are core.risk's words, said through Qt's translator (gui.words)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.risk import SIGNAL_WORDS, Signal, sentence_key, sentence_values
from ..core.status import EVIDENCE_KINDS
from .formatting import human_minutes
from .words import word


def kind_label(kind: str | None) -> str:
    """'截图' / 'Screenshot' for the platform's evidence kind (never the raw code in the UI)."""
    return word("evidence_kinds", kind if kind in EVIDENCE_KINDS else "other")


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
    return word("signal_labels", code)


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
            names[eid] = word("signal_words", "image_n").format(n=pos + 1)
    return names


def evidence_names(evidence: list[dict]) -> dict[str, str]:
    """A refund's own images as people number them: evidence id -> "image 2" / "图2"."""
    return {e["id"]: word("signal_words", "image_n").format(n=e.get("position", i) + 1)
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
    key = sentence_key(signal)
    if not key:
        return signal_label(signal.code)
    words = {k: word("signal_words", k) for k in SIGNAL_WORDS}
    values = sentence_values(signal, names, words, human_minutes(int(signal.detail.get("minutes") or 0)))
    return word("signal_sentences", key).format(**values)
