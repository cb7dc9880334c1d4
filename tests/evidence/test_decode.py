"""Safe decoding: each hostile file becomes a reason, never a crash; EXIF orientation is applied."""

import pytest

from merchant_console.evidence.decode import MAX_PIXELS, Broken, decode, exif_text, sniff
from tests.evidence.hostile import hostile_cases, huge_png, image_bytes, oriented_jpeg

CASES = hostile_cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_files_become_reasons(name):
    data, reason = CASES[name]
    with pytest.raises(Broken) as info:
        decode(data)
    assert info.value.reason == reason


def test_the_pixel_cap_is_below_pillows_warning_and_checked_before_decoding():
    w = 8000
    h = MAX_PIXELS // w + 1
    with pytest.raises(Broken) as info:
        decode(huge_png(w, h))
    assert info.value.reason == "too_large"


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_allowed_formats_decode_whatever_they_are_called(fmt):
    d = decode(image_bytes(fmt, (64, 48)))
    assert d.format == fmt and d.image.size == (64, 48)


def test_format_is_sniffed_not_taken_from_the_name():
    assert sniff(image_bytes("JPEG")) == "JPEG"
    assert sniff(b"<html><body>") == "HTML"


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_is_applied(orientation):
    d = decode(oriented_jpeg(orientation))
    assert d.orientation == orientation
    assert d.image.size == (60, 40)
    r, g, b = d.image.getpixel((5, 5))
    assert r > 200 and g < 60  # the red quarter is top-left once upright
    assert d.image.getpixel((55, 35))[1] > 200


def test_utf8_in_an_ascii_exif_field_reads_back_as_chinese():
    assert exif_text("美图秀秀".encode().decode("latin-1")) == "美图秀秀"
    assert exif_text(b"Snapseed\x00") == "Snapseed"
    assert exif_text("Adobe Photoshop 25.0") == "Adobe Photoshop 25.0"
