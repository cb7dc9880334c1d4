"""The evidence canvas: a custom-painted view of one image at any zoom, from levels of detail.

Levels, cheapest first: the overview (whole image, ≤ 2048 px), the preview strips (≤ 1440 px wide,
1024 px tall each) and the original. Each paint uses the cheapest level that is sharp at the current
scale and draws only the visible part of it; what is missing is requested from a worker and the
lower level shows meanwhile. The GUI thread never decodes: images arrive as QImages by signal.

Coordinates: "image coordinates" are pixels of the upright original (EXIF orientation applied),
before the viewer's own rotation. `scale()` is screen pixels per original pixel.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QNativeGestureEvent,
    QPainter,
    QPalette,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QPinchGesture, QSizePolicy, QWidget

from ..evidence.decode import Broken, decode
from ..evidence.renditions import Renditions
from .workers import run_in_background

MIN_SCALE = 0.02
MAX_SCALE = 16.0
ZOOM_STEP = 1.25
TALL_ASPECT = 1.6     # taller than this (h/w): open fitted to width, from the top
STRIP_CACHE = 10      # decoded preview strips kept (a 1080×1024 strip is 4.4 MB)
PAN_STEP = 80


@dataclass(frozen=True)
class ImageSource:
    """What the canvas shows: an image's size and where its levels are (Qt-free data)."""

    sha256: str
    width: int
    height: int
    renditions: Renditions | None = None
    original: Path | None = None


def qimage_from_pil(img) -> QImage:
    """A QImage owning a copy of a PIL image's pixels (call on a worker thread)."""
    rgb = img.convert("RGB") if img.mode != "RGB" else img
    buf = rgb.tobytes("raw", "BGRX")
    q = QImage(buf, rgb.width, rgb.height, rgb.width * 4, QImage.Format.Format_RGB32)
    return q.copy()  # own the pixels: `buf` is freed when this function returns


def _load_image(path: Path) -> QImage:
    q = QImage(str(path))
    if q.isNull():
        raise OSError(f"cannot read {path.name}")
    return q.convertToFormat(QImage.Format.Format_RGB32)


def _load_original(path: Path) -> QImage:
    d = decode(path)  # the same safe decoder as at prefetch (caps, verify, orientation)
    return qimage_from_pil(d.image)


class EvidenceCanvas(QWidget):
    """Shows one image; zoom (wheel at the cursor, keys, pinch), pan (drag, keys), fit, 1:1, rotate."""

    viewChanged = Signal()      # scale, centre or rotation changed (compare view links on it)
    levelChanged = Signal(str)  # "overview" | "preview" | "original": the sharpest level painted
    painted = Signal()          # after each paint (benchmarks and tests wait on it)
    textSelected = Signal(str)  # a line of read text was clicked (and copied)
    lineSelected = Signal(int)  # ... and which line (its index in the lines set), -1 for none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._src: ImageSource | None = None
        self._message = ""
        self._generation = 0
        self._overview: QImage | None = None
        self._strips: OrderedDict[int, QImage] = OrderedDict()
        self._original: QImage | None = None
        self._pending: set[tuple[int, object]] = set()
        self._original_failed = False
        self._scale = 1.0
        self._center = QPointF(0, 0)
        self._rotation = 0
        self._fit: str | None = "window"
        self._drag_from: QPointF | None = None
        self._dragged = False
        self._level_shown = "none"
        self._lines: list[tuple[QRectF, str]] = []   # text read from the image, where it sits
        self._selected: int | None = None
        self._matches: set[int] = set()              # lines a search within the text found

    # --- what is shown -------------------------------------------------------------------------

    def setSource(self, src: ImageSource | None, message: str = "") -> None:
        """Show an image (None: show `message`, e.g. why the file cannot be shown)."""
        self._generation += 1
        self._src = src
        self._message = message
        self._overview = None
        self._strips.clear()
        self._original = None
        self._original_failed = False
        self._pending.clear()
        self._rotation = 0
        self._level_shown = "none"
        self._lines, self._selected, self._matches = [], None, set()   # the viewer sets the new text after this
        if src is not None:
            self._fit = "width" if src.height > src.width * TALL_ASPECT else "window"
            self._apply_fit()
            if src.renditions is not None:
                self._request(("overview", None))
        self.update()
        self.viewChanged.emit()

    def source(self) -> ImageSource | None:
        return self._src

    # --- the text read from the image ----------------------------------------------------------

    def setTextLines(self, lines: list[dict]) -> None:
        """Outline the lines of text read from the image ({"text", "box": [l, t, r, b]} in image pixels);
        a click selects a line and copies it, Ctrl+C copies the selected line or all of them."""
        self._lines = [(QRectF(b[0], b[1], b[2] - b[0], b[3] - b[1]), str(ln.get("text", "")))
                       for ln in lines if (b := ln.get("box")) and len(b) == 4]
        self._selected = None
        self._matches = set()
        self.update()

    def selectedLine(self) -> int | None:
        return self._selected

    def selectLine(self, index: int | None, *, reveal: bool = True) -> None:
        """Select a line (the text panel chose it) and, with `reveal`, scroll it into view if it is not."""
        self._selected = index if index is not None and 0 <= index < len(self._lines) else None
        if self._selected is not None and reveal and self._src is not None:
            r = self._lines[self._selected][0]
            if not self.visibleRect().contains(r.center()):
                self.setView(self._scale, QPointF(r.center().x() if self._fit != "width" else self._center.x(),
                                                  r.center().y()), fit=self._fit if self._fit == "width" else None)
        self.update()

    def setMatches(self, indices) -> None:
        """Mark the lines a search within the image's text found (an empty list: none)."""
        self._matches = set(indices)
        self.update()

    def textLines(self) -> list[str]:
        return [t for _r, t in self._lines]

    def selectedText(self) -> str:
        return self._lines[self._selected][1] if self._selected is not None else ""

    def selectTextAt(self, pos: QPointF) -> str:
        """Select (and copy) the line under a point of the widget; '' when there is none."""
        at = self.mapToImage(pos)
        hit = next((i for i, (r, _t) in enumerate(self._lines) if r.adjusted(-4, -4, 4, 4).contains(at)), None)
        self._selected = hit
        self.update()
        self.lineSelected.emit(-1 if hit is None else hit)
        if hit is None:
            return ""
        text = self._lines[hit][1]
        QGuiApplication.clipboard().setText(text)
        self.textSelected.emit(text)
        return text

    def copyText(self) -> str:
        """Copy the selected line, or every line (top to bottom) when none is selected."""
        text = self.selectedText() or "\n".join(self.textLines())
        if text:
            QGuiApplication.clipboard().setText(text)
        return text

    def _paint_text_lines(self, p: QPainter) -> None:
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        pen = QPen(accent)
        pen.setCosmetic(True)
        pen.setWidthF(1.0)
        p.setPen(pen)
        found = QColor(255, 193, 7)   # a search's finds: marker yellow, whatever the theme
        for i, (r, _t) in enumerate(self._lines):
            fill = QColor(found if i in self._matches else accent)
            fill.setAlpha(90 if i == self._selected else 70 if i in self._matches else 28)
            p.fillRect(r, fill)
            p.drawRect(r)

    def message(self) -> str:
        return self._message

    def setMessage(self, message: str) -> None:
        self._message = message
        self.update()

    def levelShown(self) -> str:
        """The sharpest level drawn by the last paint: none | overview | preview | original."""
        return self._level_shown

    def hasOriginal(self) -> bool:
        return self._original is not None

    def currentImage(self) -> QImage | None:
        """The best full image held now (original, else overview), upright, unrotated."""
        return self._original if self._original is not None else self._overview

    # --- the view ------------------------------------------------------------------------------

    def scale(self) -> float:
        """Screen pixels per original pixel."""
        return self._scale

    def rotation(self) -> int:
        return self._rotation

    def fitMode(self) -> str | None:
        """'window', 'width' or 'actual' while the view follows that mode; None after a manual zoom."""
        return self._fit

    def center(self) -> QPointF:
        """The image point (image coordinates) at the middle of the canvas."""
        return QPointF(self._center)

    def visibleRect(self) -> QRectF:
        """The part of the image on screen, in image coordinates (clipped to the image)."""
        if self._src is None:
            return QRectF()
        inv, ok = self._transform().inverted()
        r = inv.mapRect(QRectF(self.rect()))
        return r.intersected(QRectF(0, 0, self._src.width, self._src.height))

    def mapToImage(self, p: QPointF) -> QPointF:
        inv, _ = self._transform().inverted()
        return inv.map(p)

    def mapFromImage(self, p: QPointF) -> QPointF:
        return self._transform().map(p)

    def setView(self, scale: float, center: QPointF, *, fit: str | None = None) -> None:
        """Set scale and centre directly (compare view uses this to link two canvases)."""
        self._scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        self._center = QPointF(center)
        self._fit = fit
        self._clamp()
        self.update()
        self.viewChanged.emit()

    def fitToWindow(self) -> None:
        self._fit = "window"
        self._apply_fit()

    def fitToWidth(self) -> None:
        self._fit = "width"
        self._apply_fit()

    def actualSize(self) -> None:
        """1:1 — one image pixel per screen pixel, keeping the centre."""
        self._fit = "actual"
        self._apply_fit()

    def zoomIn(self) -> None:
        self.zoomBy(ZOOM_STEP)

    def zoomOut(self) -> None:
        self.zoomBy(1 / ZOOM_STEP)

    def zoomBy(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom by `factor`, keeping the image point under `anchor` (widget coords) where it is."""
        if self._src is None:
            return
        anchor = QPointF(self.width() / 2, self.height() / 2) if anchor is None else QPointF(anchor)
        before = self.mapToImage(anchor)
        self._scale = min(MAX_SCALE, max(MIN_SCALE, self._scale * factor))
        self._fit = None
        # move the centre so `before` maps back to `anchor`
        after = self.mapFromImage(before)
        delta = (after - anchor) / self._scale
        self._center = self._center + self._unrotate_vector(delta)
        self._clamp()
        self.update()
        self.viewChanged.emit()

    def panBy(self, dx: float, dy: float) -> None:
        """Move the view by a screen-pixel vector (content follows the mouse when dragging)."""
        if self._src is None:
            return
        self._center = self._center - self._unrotate_vector(QPointF(dx, dy) / self._scale)
        if self._fit != "width":
            self._fit = None
        elif dx:
            self._fit = None
        self._clamp()
        self.update()
        self.viewChanged.emit()

    def rotateBy(self, degrees: int = 90) -> None:
        """Rotate the view by a multiple of 90° (the file is untouched); refits when following a fit."""
        self._rotation = (self._rotation + degrees) % 360
        if self._fit in ("window", "width"):
            self._apply_fit()
        else:
            self._clamp()
            self.update()
            self.viewChanged.emit()

    # --- geometry ------------------------------------------------------------------------------

    def _rotated_size(self) -> tuple[float, float]:
        assert self._src is not None
        w, h = self._src.width, self._src.height
        return (h, w) if self._rotation in (90, 270) else (w, h)

    def _rot(self) -> QTransform:
        """Image coordinates -> rotated-image coordinates (origin at the rotated image's top-left)."""
        assert self._src is not None
        t = QTransform().rotate(self._rotation)
        box = t.mapRect(QRectF(0, 0, self._src.width, self._src.height))
        return t * QTransform.fromTranslate(-box.left(), -box.top())

    def _transform(self) -> QTransform:
        if self._src is None:
            return QTransform()
        rc = self._rot().map(self._center)
        return (self._rot() * QTransform.fromScale(self._scale, self._scale)
                * QTransform.fromTranslate(self.width() / 2 - self._scale * rc.x(),
                                           self.height() / 2 - self._scale * rc.y()))

    def _unrotate_vector(self, v: QPointF) -> QPointF:
        t = QTransform().rotate(-self._rotation)
        return t.map(v) - t.map(QPointF(0, 0))

    def _apply_fit(self) -> None:
        if self._src is None:
            return
        rw, rh = self._rotated_size()
        vw, vh = max(1, self.width()), max(1, self.height())
        rot = self._rot()
        inv, _ = rot.inverted()
        if self._fit == "window":
            self._scale = min(vw / rw, vh / rh)
            self._center = QPointF(self._src.width / 2, self._src.height / 2)
        elif self._fit == "width":
            self._scale = vw / rw
            # the top of the (rotated) image at the top of the canvas
            self._center = inv.map(QPointF(rw / 2, min(rh / 2, vh / 2 / self._scale)))
        elif self._fit == "actual":
            self._scale = 1.0
        self._scale = min(MAX_SCALE, max(MIN_SCALE, self._scale))
        self._clamp()
        self.update()
        self.viewChanged.emit()

    def _clamp(self) -> None:
        """Keep the image on screen: centred when smaller than the canvas, edges not past the sides."""
        if self._src is None:
            return
        rw, rh = self._rotated_size()
        rot = self._rot()
        rc = rot.map(self._center)
        x, y = rc.x(), rc.y()
        half_w, half_h = self.width() / 2 / self._scale, self.height() / 2 / self._scale
        x = rw / 2 if rw <= 2 * half_w else min(max(x, half_w), rw - half_w)
        y = rh / 2 if rh <= 2 * half_h else min(max(y, half_h), rh - half_h)
        inv, _ = rot.inverted()
        self._center = inv.map(QPointF(x, y))

    # --- loading levels ------------------------------------------------------------------------

    def _request(self, key: tuple[str, object]) -> None:
        src = self._src
        if src is None or (self._generation, key) in self._pending:
            return
        gen = self._generation
        self._pending.add((gen, key))
        kind, arg = key
        strip_index = arg if isinstance(arg, int) else 0   # ("strip", i): the strip's index
        r = src.renditions
        path: Path | None
        if kind == "overview":
            assert r is not None
            path = r.overview

            def job():
                return _load_image(path)
        elif kind == "strip":
            assert r is not None
            path = r.strip(strip_index)

            def job():
                return _load_image(path)
        else:
            path = src.original

            def job():
                if path is None:
                    raise Broken("missing")
                return _load_original(path)

        def done(img: QImage) -> None:
            if not shiboken6.isValid(self):
                return
            self._pending.discard((gen, key))
            if gen != self._generation:
                return
            if kind == "overview":
                self._overview = img
            elif kind == "strip":
                self._strips[strip_index] = img
                while len(self._strips) > STRIP_CACHE:
                    self._strips.popitem(last=False)
            else:
                self._original = img
            self.update()

        def failed(e: Exception) -> None:
            if not shiboken6.isValid(self):
                return
            self._pending.discard((gen, key))
            if gen == self._generation and kind == "original":
                self._original_failed = True

        run_in_background(job, done, failed, owner=self)

    def dropOriginal(self) -> None:
        """Let the decoded original go (memory); it is decoded again when needed."""
        self._original = None

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        bg = self.palette().color(QPalette.ColorRole.Dark)
        p.fillRect(self.rect(), bg)
        src = self._src
        if src is None:
            self._level_shown = "none"
            p.setPen(self.palette().color(QPalette.ColorRole.BrightText))
            p.drawText(self.rect().adjusted(20, 20, -20, -20), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self._message)
            p.end()
            self.painted.emit()
            return
        t = self._transform()
        p.setTransform(t)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._scale < 2.0)
        visible = self.visibleRect()
        # a little margin so a pan of a few pixels does not show the lower level at the edge
        want = visible.adjusted(-2, -2, 2, 2).intersected(QRectF(0, 0, src.width, src.height))
        level = "none"
        r = src.renditions
        if self._overview is not None and r is not None:
            self._draw_part(p, self._overview, want, r.overview_width / src.width, r.overview_height / src.height)
            level = "overview"
        elif r is None and self._original is None:
            p.fillRect(QRectF(0, 0, src.width, src.height), QColor(128, 128, 128))
        need_preview = r is not None and self._scale > r.overview_scale * 1.05
        need_original = self._scale > (r.preview_scale if r is not None else 0) * 1.05 or r is None
        if need_preview and r is not None:
            if self._paint_strips(p, r, want, src):
                level = "preview"
        if need_original and src.original is not None and not self._original_failed:
            if self._original is not None:
                p.drawImage(want, self._original, want)
                level = "original"
            else:
                self._request(("original", None))
        elif self._original is not None and not need_original:
            # zoomed back out: the original is not needed now; keep memory low
            self._original = None
        if self._lines:
            self._paint_text_lines(p)
        p.end()
        if level != self._level_shown:
            self._level_shown = level
            self.levelChanged.emit(level)
        self.painted.emit()

    def _draw_part(self, p: QPainter, img: QImage, want: QRectF, sx: float, sy: float) -> None:
        srect = QRectF(want.x() * sx, want.y() * sy, want.width() * sx, want.height() * sy)
        p.drawImage(want, img, srect)

    def _paint_strips(self, p: QPainter, r: Renditions, want: QRectF, src: ImageSource) -> bool:
        """Draw the preview strips covering `want`; request the missing ones. True if all were drawn."""
        ps_y = r.preview_height / src.height
        ps_x = r.preview_width / src.width
        first = max(0, int(want.top() * ps_y) // r.strip_height)
        last = min(r.strips - 1, int(math.ceil(want.bottom() * ps_y)) // r.strip_height)
        complete = True
        for i in range(first, last + 1):
            img = self._strips.get(i)
            if img is None:
                complete = False
                self._request(("strip", i))
                continue
            self._strips.move_to_end(i)
            top = i * r.strip_height / ps_y
            strip_rect = QRectF(0, top, src.width, img.height() / ps_y)
            part = strip_rect.intersected(want)
            if part.isEmpty():
                continue
            srect = QRectF(part.x() * ps_x, (part.y() - top) * ps_y, part.width() * ps_x, part.height() * ps_y)
            p.drawImage(part, img, srect)
        # prefetch the neighbours so scrolling a long screenshot does not wait
        for i in (first - 1, last + 1):
            if 0 <= i < r.strips and i not in self._strips:
                self._request(("strip", i))
        return complete

    # --- input ---------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fit in ("window", "width"):
            self._apply_fit()
        else:
            self._clamp()

    def sizeHint(self) -> QSize:
        return QSize(800, 700)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier or not self._can_scroll():
            if delta:
                self.zoomBy(ZOOM_STEP ** (delta / 120), event.position())
        else:
            self.panBy(event.angleDelta().x() / 2, delta / 2)
        event.accept()

    def _can_scroll(self) -> bool:
        """A wheel scrolls a long image that overflows the canvas vertically; else it zooms."""
        if self._src is None:
            return False
        return self._rotated_size()[1] * self._scale > self.height() + 1 and self._fit == "width"

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.position()
            self._dragged = False
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event) -> None:
        if self._drag_from is not None:
            d = event.position() - self._drag_from
            self._dragged = self._dragged or abs(d.x()) + abs(d.y()) > 3
            self._drag_from = event.position()
            self.panBy(d.x(), d.y())

    def mouseReleaseEvent(self, event) -> None:
        clicked = self._drag_from is not None and not self._dragged
        self._drag_from = None
        self.unsetCursor()
        if clicked and self._lines and event.button() == Qt.MouseButton.LeftButton:
            self.selectTextAt(event.position())

    def mouseDoubleClickEvent(self, event) -> None:
        if self._fit == "actual":
            self.fitToWindow()
        else:
            anchor_img = self.mapToImage(event.position())
            self._scale = 1.0
            self._fit = "actual"
            self._center = anchor_img
            self._clamp()
            self.update()
            self.viewChanged.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        k = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if k in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and (ctrl or k == Qt.Key.Key_Plus):
            self.zoomIn()
        elif k in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoomOut()
        elif k == Qt.Key.Key_0 and ctrl:
            self.fitToWindow()
        elif k == Qt.Key.Key_1 and ctrl:
            self.actualSize()
        elif k == Qt.Key.Key_C and ctrl and self._lines:
            self.copyText()
        elif k == Qt.Key.Key_Left:
            self.panBy(PAN_STEP, 0)
        elif k == Qt.Key.Key_Right:
            self.panBy(-PAN_STEP, 0)
        elif k == Qt.Key.Key_Up:
            self.panBy(0, PAN_STEP)
        elif k == Qt.Key.Key_Down:
            self.panBy(0, -PAN_STEP)
        elif k == Qt.Key.Key_PageDown or k == Qt.Key.Key_Space:
            self.panBy(0, -self.height() * 0.9)
        elif k == Qt.Key.Key_PageUp:
            self.panBy(0, self.height() * 0.9)
        else:
            super().keyPressEvent(event)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.Gesture:
            g = e.gesture(Qt.GestureType.PinchGesture) if isinstance(e, QGestureEvent) else None
            if isinstance(g, QPinchGesture):
                f = g.scaleFactor()
                if f > 0:
                    self.zoomBy(f, self.mapFromGlobal(g.centerPoint().toPoint()).toPointF())
                return True
        if isinstance(e, QNativeGestureEvent) and e.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self.zoomBy(1.0 + e.value(), e.position())  # macOS trackpad pinch
            return True
        return super().event(e)
