"""Is this image a copy of that one? Text blocks compared where they sit, not a whole-image hash.

Why not dHash: two screenshots of the same app screen (same layout, another order number, amount
or time) are 6–12 bits apart, closer than a cropped copy of one image (up to 23 bits). A perceptual
hash of the whole picture cannot tell "the same picture, re-saved" from "the same kind of picture".

What is compared instead, per image (`signature`):

1. the grey image at a working width, with uniform borders trimmed (a re-screenshot in a frame);
2. its *blocks*: runs of text and icons, found as clusters of strong edges (a line of text is one
   block; a gap of a few characters splits it), each with its box and two descriptors: a coarse
   64-bit hash (to find candidates quickly, `keys`) and a small grey strip 12 px tall (to compare
   the text itself). A long block also gets a hash of each of its ends (a window three line heights
   wide): a crop that cuts a line keeps one of its ends whole, so the cut line is still found.

Two images are near-copies (`compare`) when one scale-and-shift maps most blocks of one onto
blocks of the other with the same strip, *and* no block in the region both images show (outside
the phone's status bar, which a re-screenshot changes) sits on a block of the other with other
content. That second rule is what dHash lacked: "KM…042" where the other shows "KM…015" in the same
place is a conflict, however alike the rest. Re-encoding (JPEG q50), resizing (50–200 %), cropping
(up to 20 %), a new status bar and a border keep blocks and strips; other content does not.
tests/benchmarks/test_similarity_benchmark.py measures precision and recall on labelled pairs.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

WORK_WIDTH = 720          # images are compared at this width (blocks in these pixels)
MAX_WORK_HEIGHT = 24_000  # a 1080×20000 screenshot at 720 wide is 13 334 rows
STRIP_SCALE = 0.6         # text strips are kept at this share of the working size (text ~15 px tall)
PAD = 8                   # working pixels kept around each block's strip (more than the search margin)
STATUS_BAND = 0.075       # top of the content (× width) a re-screenshot may change: the status bar
VERSION = 3   # stored signatures of another version are made again (backfill)

Grey = NDArray[Any]   # a grey image or patch (OpenCV hands back loosely typed arrays)


@dataclass(frozen=True)
class Signature:
    """What `compare` needs of one image (stored by sha256; see `to_bytes`)."""

    width: int                     # working width and height of the trimmed content
    height: int
    boxes: NDArray[np.int32]       # (n, 4): x, y, w, h in working pixels, content frame
    codes: NDArray[np.uint64]      # (n, 3): coarse hash of each block, of its left end, of its right end
    strips: list[Grey]  # n grey strips, STRIP_H rows each

    @property
    def keys(self) -> NDArray[np.uint64]:
        """What `SimilarIndex` files the image under: every block's hash, and the ends of long blocks."""
        long = self.codes[:, 1] != self.codes[:, 0]
        return np.concatenate([self.codes[:, 0], self.codes[long, 1], self.codes[long, 2]]).astype(np.uint64)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        widths = np.array([s.shape for s in self.strips], dtype=np.int32).reshape(-1, 2)
        flat = np.concatenate([s.ravel() for s in self.strips]) if self.strips else np.zeros(0, np.uint8)
        np.savez_compressed(out, meta=np.array([VERSION, self.width, self.height], dtype=np.int32),
                            boxes=self.boxes, codes=self.codes, widths=widths, strips=flat)
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            version, width, height = (int(v) for v in z["meta"])
            if version != VERSION:
                raise ValueError(f"signature version {version}")
            widths = z["widths"]
            flat = z["strips"]
            strips = []
            pos = 0
            for sh, sw in widths:
                n = int(sh) * int(sw)
                strips.append(flat[pos:pos + n].reshape(int(sh), int(sw)))
                pos += n
            return cls(width, height, z["boxes"].astype(np.int32), z["codes"].astype(np.uint64).reshape(-1, 3),
                       strips)


def keys_to_bytes(keys: NDArray[np.uint64]) -> bytes:
    return keys.astype("<u8").tobytes()


def keys_from_bytes(data: bytes) -> NDArray[np.uint64]:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)


# --- making a signature --------------------------------------------------------------------------

def _grey(img: Image.Image) -> Grey:
    g = img.convert("L")
    if g.width > WORK_WIDTH * 2:
        g = g.reduce(g.width // WORK_WIDTH)
    return np.asarray(g, dtype=np.uint8)


def _trim(grey: Grey) -> Grey:
    """Cut uniform rows and columns off the edges (a border, the empty margin of a screen)."""
    if grey.size == 0:
        return grey
    soft = cv2.blur(grey, (3, 3))
    rows = soft.std(axis=1) > 3.0
    cols = soft.std(axis=0) > 3.0
    if not rows.any() or not cols.any():
        return grey
    r = np.flatnonzero(rows)
    c = np.flatnonzero(cols)
    # where a frame was cut off, a few more pixels: JPEG rings along the frame's edge, and that ringing
    # would join every line cut by the same edge into one tall block
    shave = max(2, round(0.004 * grey.shape[1]))
    top = r[0] + (shave if r[0] >= 2 else 0)
    bottom = r[-1] + 1 - (shave if grey.shape[0] - r[-1] > 2 else 0)
    left = c[0] + (shave if c[0] >= 2 else 0)
    right = c[-1] + 1 - (shave if grey.shape[1] - c[-1] > 2 else 0)
    if bottom - top < 8 or right - left < 8:
        return grey[r[0]:r[-1] + 1, c[0]:c[-1] + 1]
    return grey[top:bottom, left:right]


def _to_work(grey: Grey) -> Grey:
    h, w = grey.shape
    scale = WORK_WIDTH / w
    nh = max(1, min(MAX_WORK_HEIGHT, round(h * scale)))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.resize(grey, (WORK_WIDTH, nh), interpolation=interp)


def _coarse(block: Grey) -> int:
    """64-bit hash of a block: at 17×4, is each cell brighter than its right neighbour."""
    small = cv2.resize(block, (17, 4), interpolation=cv2.INTER_AREA).astype(np.int16)
    bits = (small[:, :-1] > small[:, 1:]).ravel()
    return int(np.packbits(bits).view(">u8")[0])


def _strip(block: Grey) -> Grey:
    h, w = block.shape
    return cv2.resize(block, (max(1, round(w * STRIP_SCALE)), max(1, round(h * STRIP_SCALE))),
                      interpolation=cv2.INTER_AREA)


def _components(work: Grey) -> NDArray[np.int32]:
    edges = cv2.morphologyEx(work, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    ink = (edges > INK).astype(np.uint8)
    # join the letters of a line (gaps up to about one wide character), not the lines of a paragraph
    joined = cv2.dilate(ink, np.ones((3, 15), np.uint8))
    _n, _labels, stats, _c = cv2.connectedComponentsWithStats(joined, connectivity=8)
    return np.asarray(stats, dtype=np.int32)


INK = 24           # grey levels of edge that count as ink (dark-mode grey on grey is ~25)
LINE_HEIGHT = 30.0   # working pixels of a typical block (a line of text) after scaling


MIN_SIDE = 400   # narrower images hold too little text to tell apart: no signature, no similar-image signal


def signature(img: Image.Image) -> Signature | None:
    """The blocks of an (upright) image (about 0.1 s for a phone screenshot); None when it is too small."""
    if min(img.size) < MIN_SIDE:
        return None
    work = _to_work(_trim(_grey(img)))
    # a crop changes the width, so the width alone does not fix the scale: bring the lines of text
    # to a set height too, so that letters join into the same blocks whatever the crop
    stats = _components(work)
    heights = stats[1:, 3][(stats[1:, 3] >= 6) & (stats[1:, 2] >= 8) & (stats[1:, 3] <= 0.2 * WORK_WIDTH)]
    if len(heights) >= 3:
        r = min(1.6, max(0.6, LINE_HEIGHT / float(np.median(heights))))
        if abs(r - 1.0) > 0.02:
            nh = max(1, min(MAX_WORK_HEIGHT, round(work.shape[0] * r)))
            work = cv2.resize(work, (max(1, round(work.shape[1] * r)), nh),
                              interpolation=cv2.INTER_AREA if r < 1 else cv2.INTER_CUBIC)
            stats = _components(work)
    h, w = work.shape
    n = len(stats)
    boxes: list[tuple[int, int, int, int]] = []
    codes: list[tuple[int, int, int]] = []
    strips: list[Grey] = []
    for i in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if bh < 6 or bw < 8 or bh > 0.2 * WORK_WIDTH or area < 40:
            continue
        # undo the dilation's growth so the box hugs the ink
        x0, x1 = x + 7, x + bw - 7
        y0, y1 = y + 1, y + bh - 1
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        block = work[y0:y1, x0:x1]
        boxes.append((x0, y0, x1 - x0, y1 - y0))
        whole = _coarse(block)
        end = _end_width(y1 - y0)
        if x1 - x0 > end * LONG_BLOCK:
            codes.append((whole, _coarse(block[:, :end]), _coarse(block[:, -end:])))
        else:
            codes.append((whole, whole, whole))
        strips.append(_strip(work[max(0, y0 - PAD):y1 + PAD, max(0, x0 - PAD):x1 + PAD]))
    return Signature(w, h, np.array(boxes, dtype=np.int32).reshape(-1, 4),
                     np.array(codes, dtype=np.uint64).reshape(-1, 3), strips)


END_LINES = 3.0      # an end window is this many block heights wide (about three characters)
LONG_BLOCK = 1.3     # blocks wider than this many end windows get end hashes


def _end_width(height: float) -> int:
    return max(8, int(round(END_LINES * height)))


# --- comparing two ---------------------------------------------------------------------------------

KEY_NEAR = 14        # coarse hashes this close (of 64 bits) may be the same text
STRIP_SAME = 25.0    # patches whose worst spot differs less than this (of 255, above the floor) show the same
NOISE_FLOOR = 40.0
MIN_MATCHED = 4      # at least this many blocks must agree on one placement
MIN_COVER = 0.75     # and cover this share of the blocks both images show
MAX_PAIRS = 2000     # candidate block pairs a placement is sought among
MIN_AGREE = 0.25     # share of the smaller image's blocks whose coarse hash and place agree (a quick no)


@dataclass(frozen=True)
class Verdict:
    """Outcome of `compare`: `copy` when b is a near-copy of a; the rest says why."""

    copy: bool
    matched: int = 0
    cover: float = 0.0
    conflicts: int = 0
    scale: float = 0.0

    @property
    def score(self) -> int:
        """0–100: how much of the shared region matched (stored with the pair)."""
        return round(100 * self.cover)


def _popcount64(x: NDArray[np.uint64]) -> NDArray[np.int64]:
    counts: NDArray[np.int64] = np.unpackbits(x.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1).astype(np.int64)
    return counts


def _near_keys(a: NDArray[np.uint64], b: NDArray[np.uint64]) -> NDArray[np.int64]:
    """(n_a, n_b) Hamming distances of the coarse hashes."""
    x = np.bitwise_xor(a[:, None], b[None, :])
    return _popcount64(x.ravel()).reshape(x.shape)


def strip_difference(a: Grey, b: Grey, blur: float | None = None) -> float:
    """Worst local difference (0–255, above the noise floor) of two equally scaled grey patches.

    The middle of `a` is found in `b` (a few pixels either way), both softened, so re-sampling and
    JPEG ringing fade while a different character stays a different character. A long line is
    compared in pieces a few characters wide, each lined up by itself: a placement's scale that is
    off by 1 % moves the end of a 300-pixel line by 3 pixels, which one shift for the whole line
    would count as a difference.
    """
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    fa, fb = _norm(a[:h, :w], blur or BLUR), _norm(b[:h, :w], blur or BLUR)
    piece = max(6 * SEARCH, int(PIECE_LINES * h))
    if w <= piece * 1.5:
        return _difference(fa, fb)
    worst = 0.0
    for c0 in range(0, w - SEARCH, piece - 2 * SEARCH):
        c1 = min(w, c0 + piece)
        if c1 - c0 < 2 * SEARCH + 3:
            break
        worst = max(worst, _difference(fa[:, c0:c1], fb[:, c0:c1]))
    return worst


PIECE_LINES = 3.0   # a long line is compared in pieces this many line heights wide


def _difference(fa: Grey, fb: Grey) -> float:
    m = SEARCH
    if fa.shape[0] <= 2 * m + 3 or fa.shape[1] <= 2 * m + 3:
        return 0.0
    tpl = fa[m:-m, m:-m]
    th, tw = tpl.shape
    fb = cv2.copyMakeBorder(fb, 0, max(0, th + 2 * m - fb.shape[0]), 0, max(0, tw + 2 * m - fb.shape[1]),
                            cv2.BORDER_REPLICATE)
    res = cv2.matchTemplate(fb[:th + 2 * m, :tw + 2 * m], tpl, cv2.TM_SQDIFF)
    _mn, _mx, (x, y), _ = cv2.minMaxLoc(res)
    d = np.maximum(np.abs(tpl - fb[y:y + th, x:x + tw]) - NOISE_FLOOR, 0)
    k = max(2, min(d.shape) // 4)   # about a stroke of a character: one changed digit stands out
    return float(cv2.blur(d, (k, k), borderType=cv2.BORDER_REPLICATE).max())


BLUR = 1.0
CONFIRM_BLUR = 2.0   # a difference is confirmed at this softening before it makes a conflict
CONFIRM = 2.0         # (9 let 9 of 240 other-content pairs through on the held-out set; 2 and 4 none)
MIN_CONTRAST = 40.0
SEARCH = 4   # pixels of a patch searched either way when lining two up
PAD_CMP = 2


def _norm(f: Grey, blur: float) -> Grey:
    f = cv2.GaussianBlur(f, (0, 0), blur)
    lo, hi = float(f.min()), float(f.max())
    return (f - lo) * (255.0 / max(hi - lo, MIN_CONTRAST))


def _patch(strip: Grey, box: tuple[float, float, float, float], x0: float, x1: float,
           scale: float) -> Grey:
    """The part of a block's strip between working x0 and x1 (of the image it belongs to), padded,
    resampled by `scale`."""
    bx, by, bw, bh = box
    c0 = int(round((x0 - bx) * STRIP_SCALE)) + round(PAD * STRIP_SCALE) - 2
    c1 = int(round((x1 - bx) * STRIP_SCALE)) + round(PAD * STRIP_SCALE) + 2
    c0, c1 = max(0, c0), min(strip.shape[1], max(c1, c0 + 1))
    part: Grey = strip[:, c0:c1].astype(np.float32)
    if abs(scale - 1.0) > 0.01:
        part = cv2.resize(part, (max(1, round(part.shape[1] * scale)), max(1, round(part.shape[0] * scale))),
                          interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    return part


def _placement(pa: NDArray[np.float64], pb: NDArray[np.float64], sizes_a: NDArray[np.float64],
               sizes_b: NDArray[np.float64], rng: random.Random
               ) -> tuple[float, float, float, NDArray[np.bool_]] | None:
    """Scale and shift (s, tx, ty) mapping a's block centres onto b's: the hypothesis (from one
    pair's sizes or two pairs' spacing) that most pairs agree with, refined by least squares."""
    n = len(pa)
    if n == 0:
        return None
    ratios = sizes_b / np.maximum(sizes_a, 1.0)
    singles = range(n) if n <= 150 else rng.sample(range(n), 150)
    hyps: list[tuple[float, int]] = [(float(ratios[i]), i) for i in singles]
    for _ in range(min(150, n * n)):
        i, j = rng.randrange(n), rng.randrange(n)
        na = float(np.hypot(*(pa[j] - pa[i])))
        if i != j and na >= 40:
            hyps.append((float(np.hypot(*(pb[j] - pb[i]))) / na, i))
    best: tuple[int, float, NDArray[np.bool_]] | None = None
    for s, i in hyps:
        if not SCALE_MIN < s < SCALE_MAX:
            continue
        t = pb[i] - s * pa[i]
        err = np.hypot(*(pb - (s * pa + t)).T)
        ok = (err < PLACE_TOL) & (np.abs(ratios - s) < 0.2 * s)
        score = int(ok.sum())
        if best is None or score > best[0] or (score == best[0] and float(err[ok].sum()) < best[1]):
            best = (score, float(err[ok].sum()), ok)
    if best is None or best[0] < 2:
        return None
    ok = best[2]
    # least squares on the inliers: pb = s * pa + t
    xa, xb = pa[ok], pb[ok]
    ma, mb = xa.mean(axis=0), xb.mean(axis=0)
    da, db = xa - ma, xb - mb
    denom = float((da * da).sum())
    s = float((da * db).sum()) / denom if denom > 1e-6 else float(np.median(ratios[ok]))
    t = mb - s * ma
    return s, float(t[0]), float(t[1]), ok


SCALE_MIN, SCALE_MAX = 0.6, 1.67   # after text-height scaling a copy is near 1 (the estimate can be a third off)
PLACE_TOL = 8.0                     # working pixels a block centre may land from its partner


def compare(a: Signature, b: Signature, *, seed: int = 0) -> Verdict:
    """Whether `b` shows the same picture as `a` (re-saved, resized, cropped, framed, new status bar).

    Tried both ways round: the placement is found from one image's blocks, and a line split in two
    in one image is matched from the side where it is whole.
    """
    one = _compare_one(a, b, seed)
    if one.copy:
        return one
    other = _compare_one(b, a, seed)
    return other if other.copy else one


def _anchors(sig: Signature) -> list[NDArray[np.float64]]:
    """Where each block's three hashes sit: its centre, its left end's middle, its right end's middle."""
    x, y, w, h = (sig.boxes[:, k].astype(np.float64) for k in range(4))
    yc = y + h / 2
    return [np.column_stack([x + w / 2, yc]), np.column_stack([x, yc]), np.column_stack([x + w, yc])]


def _block_pairs(a: Signature, b: Signature) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64],
                                                       NDArray[np.float64]]:
    """Blocks of a and b whose whole hashes, or left-end or right-end hashes, are near; with the points
    that should coincide (a cut line's whole hash differs, the end the crop left does not)."""
    long_a = a.codes[:, 1] != a.codes[:, 0]
    long_b = b.codes[:, 1] != b.codes[:, 0]
    pos_a, pos_b = _anchors(a), _anchors(b)
    ias, ibs, pas, pbs, ds = [], [], [], [], []
    for col in range(3):
        dist = _near_keys(a.codes[:, col], b.codes[:, col])
        ok = dist <= KEY_NEAR
        if col:   # an end of a long block against an end of a long block (or of a block cut short)
            ok &= long_a[:, None] | long_b[None, :]
        ia, ib = np.nonzero(ok)
        ias.append(ia)
        ibs.append(ib)
        pas.append(pos_a[col][ia])
        pbs.append(pos_b[col][ib])
        ds.append(dist[ia, ib] + (0 if col == 0 else 1))   # a whole-block pair first at a tie
    ia, ib = np.concatenate(ias), np.concatenate(ibs)
    pa, pb, d = np.concatenate(pas), np.concatenate(pbs), np.concatenate(ds)
    if len(ia) > MAX_PAIRS:   # many alike blocks (a list of similar rows): the closest hashes
        keep = np.argsort(d, kind="stable")[:MAX_PAIRS]
        ia, ib, pa, pb = ia[keep], ib[keep], pa[keep], pb[keep]
    return ia, ib, pa, pb


def _compare_one(a: Signature, b: Signature, seed: int) -> Verdict:
    na, nb = len(a.boxes), len(b.boxes)
    if na < MIN_MATCHED or nb < MIN_MATCHED:
        return Verdict(False)
    ia, ib, pts_a, pts_b = _block_pairs(a, b)
    if len(ia) < MIN_MATCHED:
        return Verdict(False, matched=len(ia))
    ha = a.boxes[:, 3].astype(np.float64)
    hb = b.boxes[:, 3].astype(np.float64)
    place = _placement(pts_a, pts_b, ha[ia], hb[ib], random.Random(seed))
    if place is None:
        return Verdict(False)
    s, tx, ty, inliers = place
    agree = len(np.unique(ia[inliers]))
    if agree < MIN_AGREE * min(na, nb):
        return Verdict(False, matched=agree, scale=s)   # too few blocks in the same places for a copy
    # a's blocks where b would show them
    mapped = np.column_stack([s * a.boxes[:, 0] + tx, s * a.boxes[:, 1] + ty,
                              s * a.boxes[:, 2], s * a.boxes[:, 3]])
    # the region both show, less each one's status band
    band_a = STATUS_BAND * a.width
    band_b = STATUS_BAND * b.width
    x0 = max(0.0, tx)
    y0 = max(band_b, ty + s * band_a)
    x1 = min(float(b.width), tx + s * a.width)
    y1 = min(float(b.height), ty + s * a.height)
    if x1 - x0 < 0.3 * b.width or y1 - y0 < 0.1 * b.width:
        return Verdict(False, scale=s)
    margin = 4.0

    def inside(box: NDArray[np.float64]) -> NDArray[np.bool_]:
        # a line cut by one image's edge still counts, by the part both show
        shown_w = np.minimum(box[:, 0] + box[:, 2], x1) - np.maximum(box[:, 0], x0)
        return ((box[:, 1] >= y0 - margin) & (box[:, 1] + box[:, 3] <= y1 + margin)
                & (shown_w >= np.maximum(12.0, 0.3 * box[:, 2])))

    in_a = inside(mapped)
    in_b = inside(b.boxes.astype(np.float64))
    matched_a = np.zeros(na, bool)
    matched_b = np.zeros(nb, bool)
    conflicts = 0
    bx, by, bw, bh = (b.boxes[:, k].astype(np.float64) for k in range(4))
    for i in np.flatnonzero(in_a):
        mx, my, mw, mh = mapped[i]
        # blocks of b on the same line where block i lands (a line may be cut in two in one image)
        oy = np.minimum(my + mh, by + bh) - np.maximum(my, by)
        ox0 = np.maximum(mx, bx)
        ox1 = np.minimum(mx + mw, bx + bw)
        same_line = ((oy > 0.6 * np.minimum(mh, bh)) & (bh < 1.45 * mh) & (mh < 1.45 * bh)
                     & (ox1 - ox0 > 0.5 * np.minimum(mw, bw)) & in_b)
        for j in np.flatnonzero(same_line):
            x0c, x1c = max(float(ox0[j]), x0), min(float(ox1[j]), x1)   # in b's working pixels
            if x1c - x0c < 8:
                continue
            pa = _patch(a.strips[i], tuple(a.boxes[i].astype(float)), (x0c - tx) / s, (x1c - tx) / s, s)
            pb = _patch(b.strips[j], (bx[j], by[j], bw[j], bh[j]), x0c, x1c, 1.0)
            # line both up by their tops (the boxes' tops differ by the placement's residual)
            top = (my - by[j]) * STRIP_SCALE
            if top > 0:
                pb = pb[int(round(top)):]
            elif top < 0:
                pa = pa[int(round(-top)):]
            if strip_difference(pa, pb) < STRIP_SAME:
                matched_a[i] = True
                matched_b[j] = True
            elif strip_difference(pa, pb, CONFIRM_BLUR) >= CONFIRM:
                # other content where the same text should be: not a copy, whatever else matches
                return Verdict(False, matched=int(matched_a.sum()), conflicts=1, scale=s)
            # else unsure: the difference fades when both are softened more, as strokes moved by
            # resampling do (a changed character does not); the line counts neither way
    shown = int(in_a.sum()) + int(in_b.sum())
    cover = (int(matched_a.sum()) + int(matched_b.sum())) / shown if shown else 0.0
    matched = int(matched_a.sum())
    ok = matched >= MIN_MATCHED and cover >= MIN_COVER and conflicts == 0
    return Verdict(ok, matched=matched, cover=cover, conflicts=conflicts, scale=s)


# --- finding candidates among many ------------------------------------------------------------------

BAND_BITS = 12   # 16-bit bands missed a third of cropped copies (their hashes differ by a few bits
BANDS = 5        # spread over every band); 12-bit ones found all of them on the benchmark set


def band_keys(keys: Iterable[int]) -> set[int]:
    """Index keys of a signature: each coarse hash split in five 12-bit bands (tagged by band)."""
    out: set[int] = set()
    mask = (1 << BAND_BITS) - 1
    for k in keys:
        k = int(k)
        for band in range(BANDS):
            out.add((band << 16) | ((k >> (band * BAND_BITS)) & mask))
    return out


class SimilarIndex:
    """Which stored images share enough blocks with a new one to be worth `compare`-ing.

    In memory: band key -> digests, and digest -> number of keys. A candidate shares at least
    `share` of the smaller image's keys by some band: a crop that cuts every line keeps about a third
    of a long line's keys (its far end), hence the low share; `compare` decides.
    """

    def __init__(self, share: float = 0.12) -> None:
        self.share = share
        self._posting: dict[int, set[str]] = {}
        self._blocks: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._blocks)

    def add(self, sha256: str, keys: NDArray[np.uint64]) -> None:
        if sha256 in self._blocks:
            return
        self._blocks[sha256] = len(keys)
        for k in band_keys(keys.tolist()):
            self._posting.setdefault(k, set()).add(sha256)

    def candidates(self, sha256: str, keys: NDArray[np.uint64]) -> list[str]:
        """Digests worth comparing with this image, most shared blocks first."""
        counts: dict[str, int] = {}
        for k in keys.tolist():
            seen: set[str] = set()
            for bk in band_keys([k]):
                seen |= self._posting.get(bk, set())
            for other in seen:
                counts[other] = counts.get(other, 0) + 1
        n = len(keys)
        out = [(c, o) for o, c in counts.items()
               if o != sha256 and c >= max(MIN_MATCHED, self.share * min(n, self._blocks[o]))]
        return [o for _c, o in sorted(out, key=lambda t: (-t[0], t[1]))]
