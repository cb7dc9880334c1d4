"""Where the console keeps its data, and the (secret-free) list of platform profiles."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

ENV_DATA = "MERCHANT_CONSOLE_DATA"
APP_NAME = "MerchantConsole"
DEMO_KEY = "demo"


def data_dir(flag: str | None = None) -> Path:
    """--data-dir, else $MERCHANT_CONSOLE_DATA, else the platform's user data folder."""
    chosen = flag or os.environ.get(ENV_DATA)
    path = Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


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

    def _load(self) -> dict:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("profiles"), list):
                return data
        except (OSError, ValueError):
            pass
        return {"active": None, "profiles": []}

    def _save(self, data: dict) -> None:
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
