"""Icons, stylesheets, translations and default reason templates (installed as merchant_console.resources)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
TRANSLATIONS = ROOT / "translations"
TEMPLATES = ROOT / "templates"
STYLES = ROOT / "styles"
ICONS = ROOT / "icons"
