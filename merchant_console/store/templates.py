"""Reason templates in the local database: defaults, list, save, delete, reorder, JSON import/export.

Besides the decisions' (approve / partial / reject), the templates of messages to the buyer (v1.1, action
"message": no reason code, no shortcut key) live here too, each in its own language; the shipped ones are
installed once — with the other defaults in a new database, by migration 0014 in an older one — so a shop that
deletes them does not get them back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, case, delete, func, insert, select, update

from ..core.policy import ACTIONS, REASON_CODES
from ..core.templates import check_template, template_problem
from .engine import inserted_id
from .models import ReasonTemplateRow

MAX_IMPORT_BYTES = 1_000_000
MAX_TEMPLATES = 500


class TemplateError(ValueError):
    """A template (or a file of them) that cannot be accepted; the message says why (in English);
    `code` and `facts` say it for the GUI to put in the UI's language."""

    def __init__(self, message: str, code: str = "other", **facts: object) -> None:
        super().__init__(message)
        self.code, self.facts = code, facts


BUYER_LANG = "zh"   # buyers on the platform read Chinese, whatever language the console's UI speaks
MESSAGE = "message"   # a template of a message to the buyer (the conversation's composer), not of a decision
TEMPLATE_ACTIONS = (*ACTIONS, MESSAGE)


def ensure_defaults(conn: Connection, defaults_file: Path, now_ms: int) -> int:
    """Install the shipped default templates once, when the table is empty; returns how many.

    A default whose shipped text changed lists its earlier texts under "was": a row that still holds
    one of them (nobody edited it) takes the new text, so an update reaches existing installs too.
    """
    data = defaults_file.read_text(encoding="utf-8")
    # a database without decision templates is new: every default goes in, the message templates too (an older
    # database got those from migration 0014; deleted later, they stay deleted)
    if not conn.execute(select(func.count()).select_from(ReasonTemplateRow)
                        .where(ReasonTemplateRow.action.in_(ACTIONS))).scalar_one():
        return import_json(conn, data, now_ms)
    for t in json.loads(data).get("templates", []):
        if t.get("was"):
            conn.execute(update(ReasonTemplateRow).where(
                ReasonTemplateRow.lang == t["lang"], ReasonTemplateRow.action == t["action"],
                ReasonTemplateRow.name == t["name"], ReasonTemplateRow.text.in_(t["was"]))
                .values(text=t["text"], updated_at=now_ms))
    return 0


def list_templates(conn: Connection, action: str | None = None, lang: str | None = None) -> list[dict[str, Any]]:
    """Templates by action, the buyers' language first, then in the order the manager gave them."""
    buyers_first = case((ReasonTemplateRow.lang == BUYER_LANG, 0), else_=1)
    q = select(ReasonTemplateRow.__table__).order_by(ReasonTemplateRow.action, buyers_first, ReasonTemplateRow.lang,
                                                     ReasonTemplateRow.position, ReasonTemplateRow.id)
    if action:
        q = q.where(ReasonTemplateRow.action == action)
    if lang:
        q = q.where(ReasonTemplateRow.lang == lang)
    return [dict(r) for r in conn.execute(q).mappings()]


def validate(t: dict[str, Any]) -> dict[str, Any]:
    """Check one template from a person or a file; returns the cleaned fields or raises TemplateError."""
    if not isinstance(t, dict):
        raise TemplateError("a template must be an object")
    action, name, text = t.get("action"), t.get("name"), t.get("text")
    code, lang, shortcut = t.get("reason_code"), t.get("lang", BUYER_LANG), t.get("shortcut")
    if action not in TEMPLATE_ACTIONS:
        raise TemplateError(f"unknown action {action!r}")
    if not isinstance(name, str) or not name.strip() or len(name) > 60:
        raise TemplateError("a template needs a name of at most 60 characters", "name", max=60)
    if not isinstance(text, str):
        raise TemplateError("a template needs text")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in name + text):  # a lone surrogate is not text (and not storable)
        raise TemplateError("a template's name or text contains characters that are not valid text")
    problem = template_problem(text)
    if problem:
        raise TemplateError(check_template(text) or "", problem[0], **problem[1])
    if code is not None and (code not in REASON_CODES or action not in REASON_CODES[code]):
        raise TemplateError(f"reason {code!r} does not apply to {action}", "reason", reason=code)
    if lang not in ("zh", "en"):
        raise TemplateError("lang must be zh or en")
    if shortcut is not None and (isinstance(shortcut, bool) or not isinstance(shortcut, int) or not 1 <= shortcut <= 9):
        raise TemplateError("a shortcut is a key from 1 to 9")
    if action == MESSAGE and (code is not None or shortcut is not None):
        code = shortcut = None   # a message has no reason code, and its templates no key (1-9 are the decisions')
    return {"action": action, "name": name.strip(), "text": text, "reason_code": code, "lang": lang,
            "shortcut": shortcut}


def save(conn: Connection, fields: dict[str, Any], now_ms: int, template_id: int | None = None) -> int:
    clean = validate(fields)
    if template_id is None:
        pos = conn.execute(select(func.coalesce(func.max(ReasonTemplateRow.position), 0))
                           .where(ReasonTemplateRow.action == clean["action"])).scalar_one() + 1
        return inserted_id(conn.execute(insert(ReasonTemplateRow).values(**clean, position=pos, updated_at=now_ms)))
    conn.execute(update(ReasonTemplateRow).where(ReasonTemplateRow.id == template_id)
                 .values(**clean, updated_at=now_ms))
    return template_id


def remove(conn: Connection, template_id: int) -> None:
    conn.execute(delete(ReasonTemplateRow).where(ReasonTemplateRow.id == template_id))


def move(conn: Connection, template_id: int, step: int) -> None:
    """Move a template up (-1) or down (+1) within its action."""
    row = conn.execute(select(ReasonTemplateRow.action, ReasonTemplateRow.lang)
                       .where(ReasonTemplateRow.id == template_id)).first()
    if row is None:
        return
    siblings = [t["id"] for t in list_templates(conn, row.action, row.lang)]
    i = siblings.index(template_id)
    j = i + step
    if not 0 <= j < len(siblings):
        return
    siblings[i], siblings[j] = siblings[j], siblings[i]
    for pos, tid in enumerate(siblings, start=1):
        conn.execute(update(ReasonTemplateRow).where(ReasonTemplateRow.id == tid).values(position=pos))


def export_json(conn: Connection) -> str:
    keys = ("lang", "action", "name", "reason_code", "shortcut", "text")
    return json.dumps({"version": 1, "templates": [{k: t[k] for k in keys} for t in list_templates(conn)]},
                      ensure_ascii=False, indent=2)


def import_json(conn: Connection, data: str, now_ms: int) -> int:
    """Add every template of an exported file; all or nothing (a bad entry rejects the file)."""
    if len(data.encode("utf-8", "replace")) > MAX_IMPORT_BYTES:
        raise TemplateError("the file is too large to be a template export")
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as e:
        raise TemplateError(f"not a template file (invalid JSON: {e.msg} at line {e.lineno})") from None
    except RecursionError:  # nested deeper than the parser goes: no template file looks like that
        raise TemplateError("not a template file (JSON nested too deeply)") from None
    items = doc.get("templates") if isinstance(doc, dict) else None
    if not isinstance(items, list) or len(items) > MAX_TEMPLATES:
        raise TemplateError(f"not a template file (expected {{\"templates\": [...]}} with at most {MAX_TEMPLATES})")
    clean = []
    for i, t in enumerate(items, start=1):
        try:
            clean.append(validate(t))
        except TemplateError as e:
            raise TemplateError(f"template {i}: {e}") from None
    existing = {(t["lang"], t["action"], t["name"]) for t in list_templates(conn)}
    added = 0
    for t in clean:
        if (t["lang"], t["action"], t["name"]) in existing:
            continue
        save(conn, t, now_ms)
        existing.add((t["lang"], t["action"], t["name"]))
        added += 1
    return added
