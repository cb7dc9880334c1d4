"""Refund documents shaped like the platform's, for tests that do not need a running sandbox."""

from __future__ import annotations

import copy

from merchant_console.core.clock import format_rfc3339, parse_rfc3339

T0 = parse_rfc3339("2026-11-21T08:00:00.000Z")
HOUR = 3_600_000


def refund_doc(n: int = 1, **overrides) -> dict:
    submitted = T0 - n * 60_000
    doc = {
        "id": f"r_20261121{n:06d}", "version": 1, "order_no": f"KM20261121093015{n:03d}",
        "product": {"sku": "QB-100", "name": "腾讯Q币 100元", "category": "game_card", "face_value_fen": 10000},
        "quantity": 1, "paid_fen": 9850, "currency": "CNY", "payment_channel": "alipay",
        "buyer": {"id": f"b_{88000 + n}", "nickname": "夜行的猫", "refunds_90d": 4, "orders_90d": 37},
        "delivered_at": format_rfc3339(submitted - 7 * 60_000), "card": {"status": "unused", "used_fen": 0},
        "type": "not_received", "requested_fen": 9850, "reason": "充值后提示卡密无效",
        "status": "awaiting_merchant", "submitted_at": format_rfc3339(submitted),
        "due_at": format_rfc3339(submitted + 24 * HOUR), "fast_refund": False, "auto_approve_at": None,
        "urged_at": None, "escalates_at": None, "previous_refund_id": None,
        "evidence": [{"id": f"e_{n}_1", "kind": "screenshot", "content_type": "image/png", "bytes": 183422,
                      "sha256": f"{n:064x}", "uploaded_at": format_rfc3339(submitted)}],
        "decision": None, "appeal": None, "payout": None,
        "timeline": [{"at": format_rfc3339(submitted), "status": "submitted", "note": "买家提交退款申请"}],
        "updated_at": format_rfc3339(submitted),
    }
    for key, value in overrides.items():
        doc[key] = value
    return copy.deepcopy(doc)
