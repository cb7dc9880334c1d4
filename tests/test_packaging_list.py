"""Every Python package of the tree is in pyproject's explicit package list (else a wheel misses it)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "merchant_console").rglob("__init__.py")}
    found.add("merchant_console.resources")
    assert found == listed
