"""A labelled set of image pairs made from the sandbox's own screenshots (ground truth by construction).

Positives ("copy"): the same screenshot re-encoded as JPEG q50–95, resized 50–200 %, cropped by up to
20 % of each side's length, with its status bar redrawn (other time, battery), or re-screenshotted
inside a border — and combinations. Negatives ("other"): the same app screen drawn again from the same
random seed with one fact changed (order number, amount, or time), possibly re-encoded too, and
screenshots of the same kind with other content.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageDraw

from merchant_console.sandbox.images import EvidenceFactory, Scene

KINDS = ("screenshot", "chat", "topup_record")
PRODUCTS = ("腾讯Q币 100元", "京东E卡 200元", "话费充值 50元", "网易一卡通 30元", "Steam 充值卡 ¥100")


@dataclass(frozen=True)
class Pair:
    label: bool        # True: b is a near-copy of a
    how: str           # what was done to make b
    a: Image.Image
    b: Image.Image


def _scene(rng: random.Random) -> Scene:
    return Scene(f"KM2026{rng.randint(10**12, 10**13 - 1)}", rng.choice(PRODUCTS),
                 f"{rng.randint(5, 500)}.{rng.choice(('00', '50', '80'))}",
                 f"2026-11-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
                 rng.choice(("路人甲", "小明", "阿强", "Lily")), "充值后提示卡密无效")


def _jpeg(img: Image.Image, q: int) -> Image.Image:
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=q)
    with Image.open(io.BytesIO(out.getvalue())) as im:
        im.load()
        return im.convert("RGB")


def _status_bar(factory: EvidenceFactory, img: Image.Image, rng: random.Random) -> Image.Image:
    """Redraw the phone's status bar: another clock time and battery level, as a later screenshot has."""
    img = img.copy()
    w = img.width
    s = w / 1080
    bg = img.getpixel((2, 2))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, int(78 * s)), fill=bg)
    fg = (230, 230, 230) if sum(bg[:3]) < 300 else (30, 30, 30)
    factory.letters.draw(d, (int(48 * s), int(22 * s)), f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
                         max(6, int(34 * s)), fg)
    d.rectangle((w - int(130 * s), int(30 * s), w - int(60 * s), int(58 * s)), outline=fg, width=max(1, int(3 * s)))
    d.rectangle((w - int(126 * s), int(34 * s), w - int(126 * s) + int(rng.randint(8, 66) * s), int(54 * s)), fill=fg)
    if rng.random() < 0.5:
        d.ellipse((w - int(200 * s), int(34 * s), w - int(176 * s), int(58 * s)), fill=fg)
    return img


def _crop(img: Image.Image, rng: random.Random, most: float = 0.2) -> Image.Image:
    w, h = img.size
    cw, ch = rng.uniform(0.02, most) * w, rng.uniform(0.02, most) * h
    left, top = rng.uniform(0, cw), rng.uniform(0, ch)
    return img.crop((int(left), int(top), int(w - (cw - left)), int(h - (ch - top))))


def _resize(img: Image.Image, rng: random.Random) -> Image.Image:
    f = rng.uniform(0.5, 2.0)
    return img.resize((max(1, round(img.width * f)), max(1, round(img.height * f))), Image.Resampling.BICUBIC)


def _border(img: Image.Image, rng: random.Random) -> Image.Image:
    """Shown in a viewer and screenshotted again: a frame around it, at another size."""
    colour = rng.choice(((0, 0, 0), (255, 255, 255), (32, 32, 36), (240, 240, 240)))
    left, t, r, b = (rng.randint(8, 120) for _ in range(4))
    out = Image.new("RGB", (img.width + left + r, img.height + t + b), colour)
    out.paste(img, (left, t))
    return out


def copy_of(factory: EvidenceFactory, img: Image.Image, rng: random.Random) -> tuple[Image.Image, str]:
    """A near-copy by one to three of the edits, always saved again as a JPEG."""
    steps = rng.sample(("resize", "crop", "status", "border"), rng.randint(0, 3))
    out = img
    for step in steps:
        if step == "resize":
            out = _resize(out, rng)
        elif step == "crop":
            out = _crop(out, rng)
        elif step == "status":
            out = _status_bar(factory, out, rng)
        else:
            out = _border(out, rng)
    q = rng.randint(50, 95)
    return _jpeg(out, q), "+".join([*steps, f"jpeg{q}"])


def _other(scene: Scene, rng: random.Random) -> tuple[Scene, str]:
    what = rng.choice(("order_no", "paid", "when"))
    if what == "order_no":
        no = scene.order_no
        k = rng.randint(1, 4)  # the last few digits differ, as consecutive orders do
        tail = str((int(no[-k:]) + rng.randint(1, 10**k - 1)) % 10**k).zfill(k)
        return Scene(no[:-k] + tail, *list(vars(scene).values())[1:]), "other order number"
    if what == "paid":
        return Scene(scene.order_no, scene.product, f"{float(scene.paid) + rng.choice((1, 2, 10, 0.5)):.2f}",
                     scene.when, scene.nickname, scene.reason), "other amount"
    hh, mm = int(scene.when[-5:-3]), int(scene.when[-2:])
    mm = (mm + rng.randint(1, 50)) % 60
    return Scene(scene.order_no, scene.product, scene.paid, f"{scene.when[:-5]}{hh:02d}:{mm:02d}",
                 scene.nickname, scene.reason), "other time"


def pairs(n_bases: int = 24, seed: int = 16, *, copies: int = 3, others: int = 3,
          long_every: int = 8) -> Iterator[Pair]:
    """`n_bases` screenshots, each with `copies` near-copies and `others` same-layout other-content images."""
    rng = random.Random(seed)
    factory = EvidenceFactory("realistic", seed)
    for i in range(n_bases):
        kind = KINDS[i % len(KINDS)]
        scene = _scene(rng)
        draw_seed = rng.getrandbits(32)
        long = kind == "screenshot" and long_every and i % long_every == long_every - 1
        base = factory._screen(kind, scene, random.Random(draw_seed), long=bool(long))
        if long:
            base = base.crop((0, 0, base.width, min(base.height, 7200)))
        a = _jpeg(base, rng.choice((85, 90))) if rng.random() < 0.4 else base
        for _ in range(copies):
            b, how = copy_of(factory, base, rng)
            yield Pair(True, how, a, b)
        for k in range(others):
            if k == others - 1:
                other_img = factory._screen(kind, _scene(rng), random.Random(rng.getrandbits(32)))
                how = "same kind, other content"
            else:
                sc, how = _other(scene, rng)
                other_img = factory._screen(kind, sc, random.Random(draw_seed), long=bool(long))
                if long:
                    other_img = other_img.crop((0, 0, other_img.width, min(other_img.height, 7200)))
            if rng.random() < 0.5:
                q = rng.randint(60, 95)
                other_img, how = _jpeg(other_img, q), f"{how}+jpeg{q}"
            yield Pair(False, how, a, other_img)
