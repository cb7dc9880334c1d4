"""Reason templates: create or edit, delete, reorder, import. Local to this computer, checked by
store.templates (placeholders, length, reason code against the action)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from ..core.clock import local_now_ms
from ..store import templates
from ..store.engine import Database
from .result import INVALID, NAME_TAKEN, Done, Refused, Result


def _invalid(e: templates.TemplateError) -> Refused:
    return Refused(INVALID, str(e), facts={"problem": e.code, **e.facts})


def save_template(db: Database, fields: dict[str, Any], *, template_id: int | None = None,
                  now_ms: int | None = None) -> Result[int]:
    """Create a template (`template_id` None) or edit one; Done(its id) or Refused."""
    try:
        with db.write() as conn:
            tid = templates.save(conn, fields, local_now_ms() if now_ms is None else now_ms, template_id)
    except templates.TemplateError as e:
        return _invalid(e)
    except IntegrityError:
        return Refused(NAME_TAKEN, "a template with this name exists for this action and language")
    return Done(tid, templates=True)


def delete_template(db: Database, template_id: int) -> Result[None]:
    with db.write() as conn:
        templates.remove(conn, template_id)
    return Done(None, templates=True)


def move_template(db: Database, template_id: int, step: int) -> Result[None]:
    """Up (-1) or down (+1) within its action and language."""
    with db.write() as conn:
        templates.move(conn, template_id, step)
    return Done(None, templates=True)


def import_templates(db: Database, data: str, *, now_ms: int | None = None) -> Result[int]:
    """Add every template of an exported file, all or nothing; Done(how many were new) or Refused."""
    try:
        with db.write() as conn:
            added = templates.import_json(conn, data, local_now_ms() if now_ms is None else now_ms)
    except templates.TemplateError as e:
        return _invalid(e)
    return Done(added, templates=True)
