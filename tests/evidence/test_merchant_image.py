import io

import pytest
from PIL import Image

from merchant_console.evidence.merchant_image import CannotPrepare, prepare_upload

LIMIT = 131_072


def photo_with_gps(size=(2000, 1500), orientation=6) -> bytes:
    img = Image.effect_noise(size, 60).convert("RGB")   # noise compresses badly: a worst case
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Apple"
    exif[0x0131] = "Adobe Photoshop 25.0"
    gps = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
    exif[0x8825] = gps
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), quality=95)
    return buf.getvalue()


def test_big_photo_shrinks_under_the_limit_upright_without_metadata():
    out = prepare_upload(photo_with_gps(), LIMIT)
    assert len(out.data) <= LIMIT and out.content_type == "image/jpeg"
    with Image.open(io.BytesIO(out.data)) as im:
        assert im.format == "JPEG"
        assert not im.getexif()                          # no GPS, no camera, no software
        assert "exif" not in im.info and "icc_profile" not in im.info
        assert im.width < im.height                       # orientation 6 applied: portrait
        assert (im.width, im.height) == (out.width, out.height)


def test_small_png_with_alpha_is_kept_sharp_and_flattened():
    img = Image.new("RGBA", (600, 1200), (0, 0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    out = prepare_upload(buf.getvalue(), LIMIT)
    assert (out.width, out.height) == (600, 1200)


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"<html><script>alert(1)</script></html>", "unsupported"),
    (b"%PDF-1.7\n" + b"0" * 100, "unsupported"),
])
def test_hostile_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(CannotPrepare) as e:
        prepare_upload(data, LIMIT)
    assert e.value.reason == reason


def test_impossible_limit_is_refused_rather_than_sent_illegible():
    with pytest.raises(CannotPrepare) as e:
        prepare_upload(photo_with_gps((1200, 900)), 2_000)
    assert e.value.reason == "cannot_fit"
