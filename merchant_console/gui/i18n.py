"""Loading translations: Qt's own (qtbase) and every area's `resources/translations/*_<lang>.qm`.

English is the source language; each area of the app keeps its own .ts file (console, evidence,
reports, …) so they can be translated independently.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from merchant_console.resources import TRANSLATIONS

SUPPORTED = ("zh_CN", "en")
_installed: list[QTranslator] = []


def system_language() -> str:
    """zh_CN for any Chinese system locale, else English."""
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def install_translators(app: QCoreApplication, lang: str | None = None) -> str:
    """Install translators for `lang` ('zh_CN' / 'en'; None follows the system); returns the language."""
    lang = lang if lang in SUPPORTED else system_language()
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    if lang == "en":
        return lang
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{lang}", qt_dir)] + [(qm.stem, str(TRANSLATIONS))
                                                for qm in sorted(TRANSLATIONS.glob(f"*_{lang}.qm"))]
    for name, folder in candidates:
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            _installed.append(tr)
    return lang
