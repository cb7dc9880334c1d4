"""`merchant-console report` end to end: signed in to the real sandbox, synced, exported, audited."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pytest

from merchant_console import cli


@pytest.fixture
def sb(sandbox_factory):
    return sandbox_factory(refunds=60, seed=5, images="none")


def sign_in(sb, role, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(sb.tokens[role] + "\n"))
    assert cli.main(["login", "--url", sb.url]) == 0
    assert cli.main(["sync", "--once", "--no-evidence"]) == 0
    capsys.readouterr()


def period():
    today = date.today()
    return ["--from", (today - timedelta(days=30)).isoformat(), "--to", (today + timedelta(days=1)).isoformat()]


def test_manager_exports_every_format_and_each_is_audited(sb, monkeypatch, capsys, tmp_path):
    sign_in(sb, "manager", monkeypatch, capsys)
    for fmt in ("csv", "xlsx", "pdf"):
        out = tmp_path / f"report.{fmt}"
        assert cli.main(["report", *period(), "--format", fmt, "-o", str(out)]) == 0
        assert "exported" in capsys.readouterr().out
        assert out.stat().st_size > 0
    wb = openpyxl.load_workbook(tmp_path / "report.xlsx")
    assert wb.worksheets[1].max_row > 10  # the sandbox's history holds dozens of decisions
    out = tmp_path / "staff.csv"
    assert cli.main(["report", *period(), "--staff", "s_7", "--format", "csv", "-o", str(out)]) == 0
    assert cli.main(["audit", "verify"]) == 0
    assert "intact: 4 entries" in capsys.readouterr().out


def test_operator_and_viewer_cannot_export(sb, monkeypatch, capsys, tmp_path):
    for role in ("operator", "viewer"):
        sign_in(sb, role, monkeypatch, capsys)
        out = tmp_path / f"{role}.csv"
        assert cli.main(["report", *period(), "--format", "csv", "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"your role ({role}) may not export reports" in err
        assert not out.exists()


def test_bad_dates_are_usage_errors(sb, monkeypatch, capsys, tmp_path):
    sign_in(sb, "manager", monkeypatch, capsys)
    out = str(tmp_path / "r.csv")
    assert cli.main(["report", "--from", "2026-13-01", "--to", "2026-12-01", "--format", "csv", "-o", out]) == 2
    assert "not a date" in capsys.readouterr().err
    assert cli.main(["report", "--from", "2026-12-02", "--to", "2026-12-01", "--format", "csv", "-o", out]) == 2
    assert "after" in capsys.readouterr().err
    assert cli.main(["report", *period(), "--format", "csv", "-o", str(tmp_path / "nope" / "r.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err
