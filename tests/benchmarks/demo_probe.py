"""`merchant-console --demo` as a person starts it, watched from inside its own process.

Run by `test_demo_start.py`, one child process per start:

    python -m tests.benchmarks.demo_probe DATA_DIR

Runs the real entry point (`merchant_console.entry.main(["--demo", "--data-dir", DATA_DIR])`) and prints
one JSON line when the queue table first paints with refunds in it:
{"painted_at": <epoch seconds>, "rows": N, "imported_at": <epoch seconds>}; then the app quits.
The parent measures from just before it started this process, so interpreter start and imports count.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from merchant_console import entry  # noqa: E402

IMPORTED_AT = time.time()


class FirstQueuePaint(QObject):
    """Quits the app the first time the refund table paints with refunds in it."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, obj, event) -> bool:
        if (not self.done and event.type() == QEvent.Type.Paint and obj.objectName() == "qt_scrollarea_viewport"
                and isinstance(obj.parent(), QTableView) and obj.parent().objectName() == "refundTable"):
            rows = obj.parent().model().rowCount()
            if rows > 0:
                self.done = True
                print(json.dumps({"painted_at": time.time(), "rows": rows, "imported_at": IMPORTED_AT}),
                      flush=True)
                QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication([sys.argv[0]])
    watch = FirstQueuePaint(app)
    app.installEventFilter(watch)
    code = entry.main(["--demo", "--data-dir", sys.argv[1]])
    return 0 if watch.done else (code or 1)


if __name__ == "__main__":
    sys.exit(main())
