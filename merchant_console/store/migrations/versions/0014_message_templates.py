"""message templates: the shipped templates of messages to the buyer, editable like the decisions' templates

The conversation's composer (v1.1) offered built-in templates; they are rows of reason_templates now (action
"message", no reason code, no shortcut key), installed here once: a shop that deletes or edits them keeps its
own. (A new database is made from the schema snapshot and gets them with the other defaults from
resources/templates/default_templates.json.) Chinese only, like the decisions' defaults: buyers read Chinese
whatever the console's UI speaks (a shop adds English ones in the template manager). Texts frozen as shipped.

Revision ID: 0014
Revises: 0013
"""
import time

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

MESSAGE_TEMPLATES = [
    ("zh", "询问充值信息", "您好，关于订单$order_no，请问卡密是在哪个平台、哪个账号充值的？"
     "方便的话请提供充值失败的截图。"),
    ("zh", "正在核实", "您好，订单$order_no的卡密状态正在与上游供货商核实，请耐心等待，核实后第一时间回复您。"),
    ("zh", "说明剩余价值", "您好，经核实卡内已使用$used，剩余价值$remaining，可按剩余价值为您退款，您看可以吗？"),
    ("zh", "补发说明", "您好，给您补发一张新的$product卡密，请查收后确认是否可以正常使用。"),
]


def upgrade() -> None:
    conn = op.get_bind()
    if not conn.execute(sa.text("SELECT count(*) FROM reason_templates")).scalar():
        return   # a database not in use yet: the defaults go in together when it opens (ensure_defaults)
    taken = {(r[0], r[1]) for r in conn.execute(sa.text(
        "SELECT lang, name FROM reason_templates WHERE action = 'message'"))}
    now = int(time.time() * 1000)
    for position, (lang, name, text) in enumerate(MESSAGE_TEMPLATES, start=1):
        if (lang, name) in taken:
            continue
        conn.execute(sa.text(
            "INSERT INTO reason_templates (action, name, text, reason_code, shortcut, position, lang, updated_at) "
            "VALUES ('message', :name, :text, NULL, NULL, :position, :lang, :now)"),
            {"name": name, "text": text, "position": position, "lang": lang, "now": now})


def downgrade() -> None:
    op.execute("DELETE FROM reason_templates WHERE action = 'message'")
