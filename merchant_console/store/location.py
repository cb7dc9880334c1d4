"""Where the console keeps its data, and the (secret-free) list of platform profiles."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import platformdirs

ENV_DATA = "MERCHANT_CONSOLE_DATA"
APP_NAME = "MerchantConsole"
DEMO_KEY = "demo"


def data_root(flag: str | None = None) -> Path:
    """Where data lives: --data-dir, else $MERCHANT_CONSOLE_DATA, else the platform's user data folder
    (not created: `data_dir` makes it)."""
    chosen = flag or os.environ.get(ENV_DATA)
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir(flag: str | None = None) -> Path:
    """`data_root`, created if it is not there yet."""
    path = data_root(flag)
    path.mkdir(parents=True, exist_ok=True)
    return path


LOG_NAME = "merchant-console.log"
LOG_MAX_BYTES = 5 * 1024 * 1024


def open_log(root: Path) -> TextIO:
    """The log file in `root`/logs (the previous one kept as .1 once it passes 5 MB), line-buffered."""
    folder = root / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    try:
        if path.stat().st_size > LOG_MAX_BYTES:
            os.replace(path, path.with_suffix(".log.1"))
    except FileNotFoundError:
        pass
    return open(path, "a", encoding="utf-8", errors="backslashreplace", buffering=1)  # noqa: SIM115


def demo_dir(flag: str | None = None) -> Path:
    """The demo's own folder, apart from every signed-in account: `<data folder>/demo` when a data
    folder was chosen (--data-dir, $MERCHANT_CONSOLE_DATA), else the platform's cache folder (it is
    sample data the demo can make again)."""
    if flag or os.environ.get(ENV_DATA):
        path = data_dir(flag) / DEMO_KEY
    else:
        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / DEMO_KEY
    return path


def folder_size(path: Path) -> int:
    """Bytes in the files below `path` (0 when it does not exist)."""
    total = 0
    for p in path.rglob("*"):
        try:
            if p.is_file() and not p.is_symlink():
                total += p.stat().st_size
        except OSError:
            continue
    return total


@dataclass
class Profile:
    """One signed-in platform account. Holds no secret: the token is in the keychain."""

    key: str
    url: str
    merchant_id: str
    merchant_name: str
    staff_id: str
    staff_name: str
    role: str

    @classmethod
    def from_me(cls, url: str, me: dict[str, Any]) -> Profile:
        """The account a platform's `/me` answer describes; ValueError when the answer is malformed."""
        try:
            m, s = me["merchant"], me["staff"]
            return cls(cls.make_key(url, str(m["id"]), str(s["id"])), url, str(m["id"]), str(m.get("name", "")),
                       str(s["id"]), str(s.get("name", "")), str(s["role"]))
        except (KeyError, TypeError, AttributeError) as e:
            raise ValueError(f"the platform's /me answer is malformed ({e!r})") from None

    @staticmethod
    def make_key(url: str, merchant_id: str, staff_id: str) -> str:
        host = urlsplit(url).netloc or "platform"
        raw = f"{host}-{merchant_id}-{staff_id}"
        return re.sub(r"[^A-Za-z0-9._-]+", "_", raw)[:120]


class Profiles:
    """profiles.json in the data folder: the accounts and which one is active."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file = root / "profiles.json"

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("profiles"), list):
                return data
        except (OSError, ValueError):
            pass
        return {"active": None, "profiles": []}

    def _save(self, data: dict[str, Any]) -> None:
        tmp = self.file.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.file)

    def all(self) -> list[Profile]:
        out = []
        for p in self._load()["profiles"]:
            try:
                out.append(Profile(**p))
            except TypeError:
                continue
        return out

    def active(self) -> Profile | None:
        data = self._load()
        return next((p for p in self.all() if p.key == data.get("active")), None)

    def add(self, profile: Profile, *, activate: bool = True) -> None:
        data = self._load()
        data["profiles"] = [p for p in data["profiles"] if p.get("key") != profile.key] + [asdict(profile)]
        if activate:
            data["active"] = profile.key
        self._save(data)

    def remove(self, key: str) -> None:
        data = self._load()
        data["profiles"] = [p for p in data["profiles"] if p.get("key") != key]
        if data.get("active") == key:
            data["active"] = data["profiles"][-1]["key"] if data["profiles"] else None
        self._save(data)

    def folder(self, key: str) -> Path:
        path = self.root / "profiles" / key
        path.mkdir(parents=True, exist_ok=True)
        return path
