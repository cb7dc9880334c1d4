"""A small typed wrapper over QSettings: every setting has one name, one type and one default."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORG, APP = "MerchantConsole", "MerchantConsole"


class Settings:
    """Typed access to the console's settings (no secrets: the token lives in the keychain)."""

    _SPEC: dict[str, tuple[type, object]] = {
        "language": (str, ""),            # "" follows the system; "zh_CN" / "en"
        "theme": (str, "system"),         # system | light | dark
        "sync/wait_s": (int, 25),
        "sync/settle_s": (float, 8.0),    # not in the dialog: how long live changes gather (sync.engine.SETTLE_S)
        "notify/last_hour": (bool, True),
        "notify/last_quarter": (bool, True),
        "notify/fast_refund": (bool, True),
        "notify/urged": (bool, True),
        "notify/appeal": (bool, True),
        "notify/buyer_message": (bool, True),       # v1.1: a buyer wrote
        "notify/proposal_answered": (bool, True),   # v1.1: the buyer answered a proposal (or let it expire)
        "notify/evidence_request": (bool, True),    # v1.1: customer service asks for evidence
        "ui/last_queue": (str, "needs_decision"),
    }

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)

    def get(self, key: str):
        kind, default = self._SPEC[key]
        value = self._s.value(key, default)
        if kind is bool:
            return value in (True, "true", "1", 1) if not isinstance(value, bool) else value
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value) -> None:
        kind, _ = self._SPEC[key]
        self._s.setValue(key, kind(value))

    def geometry(self, name: str) -> QByteArray | None:
        v = self._s.value(f"geometry/{name}")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def set_geometry(self, name: str, data: QByteArray) -> None:
        self._s.setValue(f"geometry/{name}", data)

    def sync(self) -> None:
        self._s.sync()
