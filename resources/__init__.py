"""Icons, stylesheets, translations, the report font and default reason templates.

Installed as merchant_console.resources.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
TRANSLATIONS = ROOT / "translations"
TEMPLATES = ROOT / "templates"
STYLES = ROOT / "styles"
ICONS = ROOT / "icons"
FONTS = ROOT / "fonts"
REPORT_FONT = FONTS / "WenQuanYiMicroHei-GB2312.ttf"   # embedded in PDF reports (see fonts/LICENSE.md)
