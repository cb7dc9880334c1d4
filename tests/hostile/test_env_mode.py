"""Issue 14.8: scripts with MERCHANT_CONSOLE_URL/_TOKEN keep offline mode; /me is retried."""

from __future__ import annotations

import pytest

from merchant_console import cli

from .conftest import TOKEN
from .platform import me_doc, refund_doc


@pytest.fixture
def env(hostile, monkeypatch):
    monkeypatch.setenv("MERCHANT_CONSOLE_URL", hostile.url)
    monkeypatch.setenv("MERCHANT_CONSOLE_TOKEN", TOKEN)
    return hostile


def me_requests(hp) -> int:
    return sum(1 for s in hp.seen if s[1].startswith("/api/v1/me"))


def platform_down(h):
    h.send_json({"error": {"code": "unavailable", "message": "down"}}, 503)


def test_commands_that_need_no_platform_work_offline(env, capsys):
    env.refunds["r_1"] = refund_doc("r_1")
    assert cli.main(["sync", "--once", "--no-evidence"]) == 0
    env.routes["GET /api/v1/me"] = platform_down
    before = me_requests(env)
    assert cli.main(["status"]) == 0
    assert cli.main(["decide", "r_1", "approve"]) == 0
    assert cli.main(["audit", "verify"]) == 0
    assert me_requests(env) == before  # none of them asked the platform
    out = capsys.readouterr().out
    assert "Hostile Cards" in out and "decision #1 saved" in out


def test_me_is_retried_like_any_other_call(env, capsys):
    answers = iter([503, 503])

    def flaky(h):
        status = next(answers, 200)
        if status == 200:
            return h.send_json(me_doc())
        h.send_json({"error": {"code": "unavailable", "message": "flaky"}}, status)

    env.routes["GET /api/v1/me"] = flaky
    assert cli.main(["sync", "--once", "--no-evidence"]) == 0, capsys.readouterr().err


def test_an_env_session_that_never_synced_says_what_to_do_offline(env, capsys):
    env.routes["GET /api/v1/me"] = platform_down
    assert cli.main(["status"]) == cli.FAILED
    err = capsys.readouterr().err
    assert "sync --once" in err and "Traceback" not in err
