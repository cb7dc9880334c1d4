"""Evidence images as buyers upload them, drawn with Pillow.

Long phone screenshots (status bar, app header, order rows, chat bubbles, top-up records), photos
of a card with EXIF orientation and camera make/model, PNG/JPEG/WebP, some edited (EXIF Software),
some reused byte-for-byte across buyers or re-encoded/cropped, a few broken files. Chinese text is
drawn with a CJK font when the machine has one; otherwise Latin runs are drawn with Pillow's
default font and Chinese runs become grey text bars (never tofu boxes).
"""

from __future__ import annotations

import io
import json
import os
import random
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from PIL import Image, ImageDraw, ImageFont

WEBP_MAX_SIDE = 16383
RGB = tuple[int, int, int]
EDITORS = ("Adobe Photoshop 25.0", "美图秀秀", "Snapseed", "PicsArt")
CAMERAS = (("Apple", "iPhone 14 Pro"), ("Apple", "iPhone 12"), ("HUAWEI", "Mate 60 Pro"),
           ("Xiaomi", "Redmi K70"), ("OPPO", "Reno11"), ("vivo", "X100"), ("HONOR", "Magic6"))
# Pillow transposes that turn an upright picture into what a camera stores for each EXIF
# orientation (the inverse of what a viewer applies; 6 and 8 are each other's inverse).
_STORE_AS = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
             4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
             6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270}
_TAG_MAKE, _TAG_MODEL, _TAG_ORIENTATION, _TAG_SOFTWARE, _TAG_DATETIME = 0x010F, 0x0110, 0x0112, 0x0131, 0x0132

_CJK_FONT_CANDIDATES = {
    "win32": ("C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/msyh.ttf", "C:/Windows/Fonts/simhei.ttf",
              "C:/Windows/Fonts/simsun.ttc"),
    "darwin": ("/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/Hiragino Sans GB.ttc",
               "/System/Library/Fonts/STHeiti Medium.ttc", "/System/Library/Fonts/STHeiti Light.ttc",
               "/Library/Fonts/Arial Unicode.ttf"),
    "linux": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
              "/usr/share/fonts/truetype/arphic/uming.ttc"),
}


def find_cjk_font() -> str | None:
    """Path of a font that can draw Chinese, or None. MERCHANT_CONSOLE_SANDBOX_FONT overrides
    (set it to an empty string to force the no-font fallback)."""
    override = os.environ.get("MERCHANT_CONSOLE_SANDBOX_FONT")
    if override is not None:
        return override if override and Path(override).is_file() else None
    key = "win32" if sys.platform.startswith("win") else "darwin" if sys.platform == "darwin" else "linux"
    for path in _CJK_FONT_CANDIDATES[key]:
        if Path(path).is_file():
            return path
    return None


def _is_cjk(ch: str) -> bool:
    # Without a CJK font, anything beyond ASCII (Chinese, full-width punctuation, ¥) is a bar:
    # Pillow's default font has no glyph for it and would draw a tofu box.
    return not ch.isascii()


class Lettering:
    """Draws mixed Chinese/Latin text with whatever fonts this machine has."""

    def __init__(self, cjk_font: str | None = None, *, probe: bool = True) -> None:
        self.cjk_path = cjk_font if cjk_font is not None else (find_cjk_font() if probe else None)
        self._fonts: dict[int, Any] = {}

    def font(self, size: int) -> Any:
        f = self._fonts.get(size)
        if f is None:
            f = None
            if self.cjk_path:
                try:
                    f = ImageFont.truetype(self.cjk_path, size)
                except OSError:
                    self.cjk_path = None
            if f is None:
                f = ImageFont.load_default(size)
            self._fonts[size] = f
        return f

    def draw(self, d: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int,
             fill: tuple[int, int, int], *, sketch: bool = False) -> float:
        """Draw `text` with its top-left at xy; returns the width drawn.

        `sketch` draws every run as a text bar: tiny test images stay cheap (glyph rendering is
        most of their cost) and look the same at a glance.
        """
        x, y = xy
        if sketch:
            w = len(text) * size * 0.8
            h = max(1.0, size * 0.55)
            d.rectangle((x, y + (size - h) / 2, x + w, y + (size + h) / 2),
                        fill=tuple(min(255, c + (200 - c) // 2) for c in fill))
            return w
        font = self.font(max(6, size))
        if self.cjk_path:
            d.text((x, y), text, font=font, fill=fill)
            return float(font.getlength(text))
        start = x
        bar = tuple(min(255, c + (200 - c) // 2) for c in fill)
        for run, cjk in _runs(text):
            if cjk:
                w = len(run) * size * 0.95
                h = max(2.0, size * 0.62)
                top = y + (size - h) / 2
                d.rounded_rectangle((x, top, x + w - size * 0.12, top + h), radius=h / 3, fill=bar)
                x += w
            else:
                d.text((x, y), run, font=font, fill=fill)
                x += float(font.getlength(run))
        return x - start


def _runs(text: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for ch in text:
        c = _is_cjk(ch)
        if out and out[-1][1] == c:
            out[-1] = (out[-1][0] + ch, c)
        else:
            out.append((ch, c))
    return out


@dataclass
class EvidenceImage:
    """One evidence file: the bytes served, the Content-Type declared for them, what it shows."""

    kind: str
    content_type: str
    data: bytes
    note: str = ""  # why it is special: "corrupt:truncated", "reused", "edited:美图秀秀", ...


@dataclass(frozen=True)
class Scene:
    """What the buyer's screen or photo shows: facts from the order being refunded."""

    order_no: str
    product: str
    paid: str  # "98.50"
    when: str  # "2026-11-21 09:30"
    nickname: str
    reason: str


@dataclass(frozen=True)
class Plan:
    """What the n-th evidence image will be; rendering depends on nothing else."""

    n: int
    kind: str
    scene: Scene
    special: str | None
    seed: int

    def to_json(self) -> str:
        """The plan as stored beside the world, so the image can be drawn on first request."""
        sc = self.scene  # (dataclasses.astuple deep-copies: it was most of seeding's extra cost)
        return _PLAN_JSON.encode([self.n, self.kind, [sc.order_no, sc.product, sc.paid, sc.when, sc.nickname,
                                                      sc.reason], self.special, self.seed])

    @classmethod
    def from_json(cls, text: str) -> Plan:
        n, kind, scene, special, seed = json.loads(text)
        return cls(n, kind, Scene(*scene), special, seed)


_PLAN_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
_PHONE_SIZES = ((1080, 2400), (1080, 2340), (1170, 2532), (1080, 2412), (1242, 2688))


class EvidenceFactory:
    """Makes evidence for refunds, deterministically from an rng, in one of three sizes.

    `mode="realistic"`: phone-sized (1080×2400, long ones up to 1080×20000); `"small"`: the same
    kinds, formats, EXIF, corrupt and reuse cases at 120–360 px wide, for fast tests.
    """

    def __init__(self, mode: str, seed: int, lettering: Lettering | None = None) -> None:
        if mode not in ("realistic", "small"):
            raise ValueError(f"no images are made in mode {mode!r}")
        self.mode = mode
        self.seed = seed
        self.letters = lettering or Lettering()
        self.count = 0
        self._pool_lock = threading.Lock()
        self._pool: list[EvidenceImage] = []

    # -- the plan: which special case the n-th image is ------------------------------------------
    # The first images of every world cover each special case, so even a small world has them all.
    _SCHEDULE: ClassVar[dict[int, str]] = {1: "long", 3: "truncated", 5: "long", 6: "edited", 8: "reused",
                 10: "garbage",
                 12: "near_reencode", 14: "empty", 16: "wrong_type", 18: "reused", 20: "near_crop",
                 22: "edited", 24: "edited", 26: "edited"}

    def plan(self, kind: str, scene: Scene, rng: random.Random) -> Plan:
        """Decide (consuming `rng`) what the next evidence image will be; cheap."""
        n = self.count
        self.count += 1
        special = self._SCHEDULE.get(n)
        if special is None and n > 30:
            r = rng.random()
            p_long = 0.06 if self.mode == "small" else 0.015
            special = ("reused" if r < 0.025 else "near_reencode" if r < 0.035 else
                       "near_crop" if r < 0.045 else "edited" if r < 0.10 else
                       "truncated" if r < 0.106 else "garbage" if r < 0.110 else
                       "empty" if r < 0.113 else "wrong_type" if r < 0.118 else
                       "long" if r < 0.118 + p_long else None)
        if special == "long" and kind == "photo":
            kind = "screenshot"
        return Plan(n, kind, scene, special, rng.getrandbits(64))

    def make(self, kind: str, scene: Scene, rng: random.Random) -> EvidenceImage:
        return self.render(self.plan(kind, scene, rng))

    def render_all(self, plans: list[Plan]) -> list[EvidenceImage]:
        """Render many plans; big images in two threads (Pillow encodes without the GIL)."""
        if self.mode == "small" or len(plans) < 4:
            return [self.render(p) for p in plans]
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="sandbox-images") as pool:
            return list(pool.map(self.render, plans))

    def render(self, plan: Plan) -> EvidenceImage:
        """Draw and encode a planned image; depends only on the plan (thread-safe)."""
        rng = random.Random(plan.seed)
        kind, scene, special, n = plan.kind, plan.scene, plan.special, plan.n
        if special in ("reused", "near_reencode", "near_crop"):
            return self._from_pool(special, rng, n)
        if special == "garbage":
            return EvidenceImage(kind, "image/png", rng.randbytes(rng.randint(600, 9000)), "corrupt:garbage")
        if special == "empty":
            return EvidenceImage(kind, rng.choice(("image/png", "image/jpeg")), b"", "corrupt:empty")
        software = None
        exif: Image.Exif | None
        if special == "edited":
            software = EDITORS[(n // 2) % len(EDITORS)] if n < 30 else rng.choice(EDITORS)
        if kind == "photo":
            orientation = (n % 8) + 1 if n < 64 else rng.choice((1, 1, 1, 6, 6, 3, 8, 2, 4, 5, 7))
            img, exif = self._photo(scene, rng, orientation, software)
            fmt = "JPEG" if special in ("truncated", "wrong_type") else rng.choices(
                ("JPEG", "WEBP", "PNG"), (90, 6, 4))[0]
        else:
            img = self._screen(kind, scene, rng, long=special == "long")
            exif = _exif(software=software) if software else None
            fmt = "JPEG" if special in ("truncated", "wrong_type") else self._format_for(kind, img, rng)
        data = encode(img, fmt, exif, rng)
        declared = _TYPES[fmt]
        note = f"edited:{software}" if software else "long" if special == "long" else ""
        if special == "truncated":
            data = data[: max(64, len(data) * rng.randint(35, 75) // 100)]
            note = "corrupt:truncated"
        elif special == "wrong_type":
            # Deliberately mislabelled: JPEG bytes declared (and served) as image/png. The client
            # must sniff the real format; metadata still matches the served bytes.
            declared, note = "image/png", "wrong_type:jpeg_as_png"
        return EvidenceImage(kind, declared, data, note)

    def _format_for(self, kind: str, img: Image.Image, rng: random.Random) -> str:
        weights = {"screenshot": (55, 35, 10), "chat": (40, 50, 10), "topup_record": (60, 40, 0),
                   "other": (50, 50, 0)}[kind]
        fmt = rng.choices(("PNG", "JPEG", "WEBP"), weights)[0]
        if fmt == "WEBP" and max(img.size) > WEBP_MAX_SIDE:
            fmt = "PNG"
        return fmt

    def _pool_images(self) -> list[EvidenceImage]:
        with self._pool_lock:
            if not self._pool:
                prng = random.Random(f"pool/{self.seed}")
                scenes = (Scene("KM20261101120000888", "腾讯Q币 100元", "98.50", "2026-11-01 12:00", "路人甲",
                                "充值后提示卡密无效"),
                          Scene("KM20261102083000777", "京东E卡 200元", "196.00", "2026-11-02 08:30", "小明",
                                "卡密已被使用"))
                for i, (kind, scene) in enumerate((("screenshot", scenes[0]), ("chat", scenes[1]),
                                                   ("topup_record", scenes[0]))):
                    img = self._screen(kind, scene, prng)
                    fmt = ("PNG", "JPEG", "PNG")[i]
                    self._pool.append(EvidenceImage(kind, _TYPES[fmt], encode(img, fmt, None, prng), "reused"))
            return self._pool

    def _from_pool(self, special: str, rng: random.Random, n: int) -> EvidenceImage:
        pool = self._pool_images()
        src = pool[n % len(pool)]
        if special == "reused":
            return src
        with Image.open(io.BytesIO(src.data)) as im:
            im.load()
            img = im.convert("RGB")
        if special == "near_crop":
            w, h = img.size
            dx, dy = rng.randint(1, max(1, w // 60)), rng.randint(1, max(1, h // 60))
            img = img.crop((dx, dy, w - rng.randint(0, dx), h - dy))
        return EvidenceImage(src.kind, "image/jpeg", encode(img, "JPEG", None, rng), f"near_duplicate:{special}")

    # -- drawing ---------------------------------------------------------------------------------
    def _text(self, d: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int,
              fill: tuple[int, int, int], key: bool = False) -> float:
        """Key facts (order number, amount) are always lettered; the rest is sketched when small."""
        return self.letters.draw(d, xy, text, size, fill, sketch=self.mode == "small" and not key)

    def _size(self, rng: random.Random, long: bool) -> tuple[int, int, float]:
        w, h = rng.choice(_PHONE_SIZES)
        if long:
            h = rng.choice((4800, 7200, 9600, 12000, 16000, 20000))
            w = 1080
        if self.mode == "small":
            sw = rng.randint(120, 360)
            return sw, max(40, h * sw // w), sw / w
        return w, h, 1.0

    def _screen(self, kind: str, scene: Scene, rng: random.Random, long: bool = False) -> Image.Image:
        w, h, s = self._size(rng, long)
        dark = rng.random() < 0.12
        bg = (25, 25, 25) if dark else (rng.randint(236, 246),) * 3
        fg = (230, 230, 230) if dark else (30, 30, 30)
        card = (45, 45, 45) if dark else (255, 255, 255)
        img = Image.new("RGB", (w, h), bg)
        d = ImageDraw.Draw(img)
        def px(v: float) -> int:
            return max(1, int(v * s))

        # status bar and app header
        self._text(d, (px(48), px(22)), scene.when[-5:], px(34), fg)
        d.rectangle((w - px(130), px(30), w - px(60), px(58)), outline=fg, width=px(3))
        d.rectangle((w - px(126), px(34), w - px(80), px(54)), fill=fg)
        head = {"screenshot": "订单详情", "chat": f"{scene.nickname}", "topup_record": "充值记录",
                "other": "退款申请"}[kind]
        d.rectangle((0, px(80), w, px(220)), fill=card)
        self._text(d, (px(40), px(124)), "<", px(44), fg)
        self._text(d, (w // 2 - px(len(head) * 22), px(124)), head, px(44), fg)
        y = px(250)
        if kind == "chat":
            self._chat(d, img, scene, rng, y, px, fg, card)
        elif kind == "topup_record":
            self._records(d, img, scene, rng, y, px, fg, card)
        else:
            self._order(d, img, scene, rng, y, px, fg, card)
        return img

    def _order(self, d: ImageDraw.ImageDraw, img: Image.Image, scene: Scene, rng: random.Random, y: int,
               px: Callable[[float], int], fg: RGB, card: RGB) -> None:
        w, h = img.size
        d.rounded_rectangle((px(30), y, w - px(30), y + px(420)), radius=px(24), fill=card)
        self._text(d, (px(70), y + px(40)), scene.product, px(46), fg)
        self._text(d, (px(70), y + px(120)), f"订单号 {scene.order_no}", px(34), (120, 120, 120), True)
        self._text(d, (px(70), y + px(180)), f"实付 ¥{scene.paid}", px(40), fg, True)
        self._text(d, (px(70), y + px(250)), scene.when, px(32), (120, 120, 120))
        self._text(d, (px(70), y + px(320)), rng.choice(("充值失败", "卡密无效", "卡密已被使用", "处理中")),
                px(40), (230, 60, 50))
        y += px(460)
        while y + px(200) < h - px(120):
            d.rounded_rectangle((px(30), y, w - px(30), y + px(180)), radius=px(20), fill=card)
            self._text(d, (px(70), y + px(30)), rng.choice(("腾讯Q币 10元", "京东E卡 100元", "话费充值 50元",
                                                         "网易一卡通 30元")), px(38), fg)
            self._text(d, (px(70), y + px(100)), f"KM2026{rng.randint(10**12, 10**13 - 1)}  ¥{rng.randint(5, 500)}.00",
                    px(30), (120, 120, 120))
            y += px(210)
        d.rectangle((0, h - px(120), w, h), fill=card)
        self._text(d, (w - px(330), h - px(90)), "联系客服", px(40), (230, 60, 50))

    def _chat(self, d: ImageDraw.ImageDraw, img: Image.Image, scene: Scene, rng: random.Random, y: int,
              px: Callable[[float], int], fg: RGB, card: RGB) -> None:
        w, h = img.size
        lines = [f"订单 {scene.order_no}", scene.reason, "您好,卡密显示无效,麻烦处理一下", "亲,请提供充值失败截图",
                 "已经发了截图", "我们核实一下,请稍等", f"付款 ¥{scene.paid}", "一直没到账", "好的,已提交退款"]
        i = 0
        while y + px(200) < h - px(140):
            if i % 4 == 0:
                self._text(d, (w // 2 - px(120), y), scene.when, px(28), (150, 150, 150))
                y += px(60)
            mine = rng.random() < 0.5
            text = lines[i % len(lines)] if i < len(lines) else rng.choice(lines)
            bw = min(w - px(260), px(60) + px(40) * len(text))
            x0 = w - px(150) - bw if mine else px(150)
            d.rounded_rectangle((w - px(130) if mine else px(30), y, w - px(30) if mine else px(130),
                                 y + px(100)), radius=px(12), fill=(120, 160, 220) if mine else (230, 160, 90))
            d.rounded_rectangle((x0, y, x0 + bw, y + px(110)), radius=px(18),
                                fill=(149, 236, 105) if mine else card)
            # dark text on the green bubble; the other side's bubble is the card, so its text is the
            # theme's (dark on a dark card was near-invisible: 20 on 45, no app draws that)
            self._text(d, (x0 + px(30), y + px(32)), text, px(38), (20, 20, 20) if mine or fg[0] < 128 else fg)
            y += px(150)
            i += 1
        d.rectangle((0, h - px(140), w, h), fill=card)

    def _records(self, d: ImageDraw.ImageDraw, img: Image.Image, scene: Scene, rng: random.Random, y: int,
                 px: Callable[[float], int], fg: RGB, card: RGB) -> None:
        w, h = img.size
        i = 0
        while y + px(170) < h:
            d.rectangle((0, y, w, y + px(160)), fill=card)
            ok = i > 0 and rng.random() < 0.6
            self._text(d, (px(40), y + px(24)), "充值成功" if ok else "充值失败", px(38),
                    (40, 160, 80) if ok else (230, 60, 50))
            order_no = scene.order_no if i == 0 else "KM2026" + str(rng.randint(10**12, 10**13 - 1))
            self._text(d, (px(40), y + px(90)), f"{scene.when}  {order_no}", px(28), (130, 130, 130))
            self._text(d, (w - px(240), y + px(50)), f"-{scene.paid}" if i == 0 else f"-{rng.randint(5, 300)}.00",
                    px(40), fg)
            y += px(170)
            i += 1

    def _photo(self, scene: Scene, rng: random.Random, orientation: int,
               software: str | None) -> tuple[Image.Image, Image.Exif]:
        w, h = (1600, 1200) if self.mode == "realistic" else (rng.randint(160, 360), 0)
        if self.mode == "small":
            h = w * 3 // 4
        s = w / 1600
        img = Image.new("RGB", (w, h), (rng.randint(120, 170), rng.randint(90, 120), rng.randint(60, 90)))
        d = ImageDraw.Draw(img)
        def px(v: float) -> int:
            return max(1, int(v * s))

        x0, y0 = px(260 + rng.randint(-60, 60)), px(200 + rng.randint(-60, 60))
        color = rng.choice(((30, 90, 200), (220, 50, 50), (240, 180, 30), (40, 150, 90)))
        d.rounded_rectangle((x0, y0, x0 + px(1080), y0 + px(680)), radius=px(40), fill=color)
        self._text(d, (x0 + px(60), y0 + px(60)), scene.product, px(70), (255, 255, 255))
        d.rectangle((x0, y0 + px(300), x0 + px(1080), y0 + px(420)), fill=(220, 220, 220))
        self._text(d, (x0 + px(60), y0 + px(320)), f"NO. {rng.randint(10**15, 10**16 - 1)}", px(56), (20, 20, 20), True)
        self._text(d, (x0 + px(60), y0 + px(480)), f"PIN ****{rng.randint(1000, 9999)}", px(56), (255, 255, 255))
        if orientation in _STORE_AS:
            img = img.transpose(_STORE_AS[orientation])
        make, model = rng.choice(CAMERAS)
        return img, _exif(orientation=orientation, make=make, model=model, software=software,
                          when=scene.when.replace("-", ":") + ":00")


def _exif(*, orientation: int | None = None, make: str | None = None, model: str | None = None,
          software: str | None = None, when: str | None = None) -> Image.Exif:
    ex = Image.Exif()
    if make:
        ex[_TAG_MAKE] = make
        ex[_TAG_MODEL] = model or ""
    if orientation:
        ex[_TAG_ORIENTATION] = orientation
    if software:
        # EXIF ASCII cannot hold 美图秀秀; apps write UTF-8 bytes there and readers cope, so do we.
        ex[_TAG_SOFTWARE] = software if software.isascii() else software.encode()
    if when:
        ex[_TAG_DATETIME] = when
    return ex


def encode(img: Image.Image, fmt: str, exif: Image.Exif | None, rng: random.Random) -> bytes:
    out = io.BytesIO()
    kw: dict[str, Any] = {}
    if exif is not None and len(exif):
        kw["exif"] = exif.tobytes()
    if fmt == "JPEG":
        kw.update(quality=rng.choice((72, 80, 85, 90)))
    elif fmt == "PNG":
        kw.update(compress_level=1)
    elif fmt == "WEBP":
        kw.update(quality=80, method=0)
    img.save(out, fmt, **kw)
    return out.getvalue()
