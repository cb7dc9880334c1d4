"""The conversation commands (thread, message, propose, extend, answer) as scripts use them, on the real sandbox."""

from __future__ import annotations

import io
import json

from PIL import Image

from merchant_console import cli
from merchant_console.platform.client import PlatformClient
from merchant_console.platform.outcomes import Ok


def photo_with_gps(path) -> str:
    img = Image.new("RGB", (1600, 1200), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"                      # Make
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0)}   # GPSInfo
    img.save(path, "JPEG", exif=exif, quality=95)
    return str(path)


def signed_in(monkeypatch, sb, role="operator"):
    monkeypatch.setenv("MERCHANT_CONSOLE_URL", sb.url)
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", sb.tokens[role])


def test_conversation_from_the_command_line(sandbox, monkeypatch, capsys, tmp_path):
    signed_in(monkeypatch, sandbox)
    first, second = sandbox.world.add_refunds(2, evidence=False)
    [review] = sandbox.world.add_refunds(1, status="platform_review", evidence=False)
    request = sandbox.world.request_evidence(review, "请提供该卡密的供货商激活记录", 24)
    assert cli.main(["sync", "--once", "--no-evidence"]) == 0
    capsys.readouterr()

    assert cli.main(["message", first, "--text", "您好，请提供充值失败的截图", "--image",
                     photo_with_gps(tmp_path / "p.jpg")]) == 0
    assert "message saved" in capsys.readouterr().out
    assert cli.main(["propose", first, "partial", "--amount-fen", "5000", "--message", "按剩余价值退50元",
                     "--image", photo_with_gps(tmp_path / "used.jpg")]) == 0
    assert "¥50.00" in capsys.readouterr().out
    assert cli.main(["extend", second, "--hours", "24", "--reason-code", "checking_with_supplier",
                     "--reason", "已向上游供货商核实卡密状态"]) == 0
    capsys.readouterr()
    [req] = [q for q in request["evidence_requests"] if q["answer"] is None]
    assert cli.main(["answer", review, "--request", req["id"], "--text", "供货商记录显示该卡密已于下单后激活"]) == 0
    capsys.readouterr()
    # refusals exit 1 as `decide`'s do; usage errors 2
    assert cli.main(["extend", second, "--hours", "12", "--reason-code", "holiday", "--reason", "节假日"]) == 1
    assert "not saved" in capsys.readouterr().err
    assert cli.main(["answer", review, "--request", "er_nope", "--text", "说明说明"]) == 1
    capsys.readouterr()
    try:
        cli.main(["propose", first, "money"])
    except SystemExit as e:
        assert e.code == 2
    capsys.readouterr()

    assert cli.main(["thread", first, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [m["pending"] for m in info["messages"]] == [True]
    assert {i["kind"] for i in info["waiting_to_upload"]} == {"message", "proposal"}
    assert cli.main(["sync", "--once", "--no-evidence"]) == 0
    capsys.readouterr()
    assert cli.main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["outbox"] == {"done": 4} and status["conversation"]["negotiating"] >= 1
    assert cli.main(["thread", first]) == 0
    out = capsys.readouterr().out
    assert "协商中" in out and "您好，请提供充值失败的截图 [1 image(s)]" in out and "proposal round 1" in out

    with PlatformClient(sandbox.url, sandbox.tokens["operator"]) as c:
        thread = c.messages(first)
        assert isinstance(thread, Ok)
        [mine] = [m for m in thread.value.messages if m.text == "您好，请提供充值失败的截图"]
        [image_id] = mine.evidence_ids
        # the proposal's image went with it (uploaded once, its message in the thread carries it)
        [offer] = [m for m in thread.value.messages if m.text == "按剩余价值退50元"]
        [offer_image] = offer.evidence_ids
        datas = [c.evidence(i) for i in (image_id, offer_image)]
    for data in datas:
        assert isinstance(data, Ok)
        img = Image.open(io.BytesIO(data.value))
        assert not img.getexif() and max(img.size) <= 1600  # shrunk or not, nothing of the phone's EXIF is left
    assert sandbox.world.refund(second)["extension"]["hours"] == 24
    answered = [q for q in sandbox.world.refund(review)["evidence_requests"] if q["id"] == req["id"]]
    assert answered[0]["answer"]["text"] == "供货商记录显示该卡密已于下单后激活"


def test_viewers_read_the_thread_and_cannot_write(sandbox, monkeypatch, capsys):
    signed_in(monkeypatch, sandbox, "viewer")
    [rid] = sandbox.world.add_refunds(1, evidence=False)
    assert cli.main(["sync", "--once", "--no-evidence"]) == 0
    assert cli.main(["thread", rid]) == 0
    capsys.readouterr()
    assert cli.main(["message", rid, "--text", "您好"]) == 1
    assert "viewer" in capsys.readouterr().err
