"""Everything about one refund: order facts, card, refund window, buyer, timeline, payout, decision,
evidence, and the decision panel."""

from __future__ import annotations

from html import escape

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFormLayout, QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from merchant_console.core.countdown import countdown_for
from merchant_console.core.policy import Policy, minutes_after_delivery
from merchant_console.core.words import PAYOUT_ETAS
from merchant_console.store import evidence_reading, outbox, refunds, risk

from .conversation_pane import ConversationPane
from .database_access import DatabaseAccess
from .decision_panel import DecisionPanel
from .evidence_strip import EvidenceStrip
from .evidence_text import evidence_names, signal_label, signal_names, signal_sentence
from .evidence_viewer import EvidenceViewer
from .formatting import counted, full_time, human_minutes, money
from .progress_nodes import ProgressNodes
from .reports_audit_trail import AuditTrailWidget
from .screen_fit import fit_to_screen
from .words import countdown_text, word


class DetailPane(QWidget):
    open_refund = Signal(str)   # a link to another refund (earlier attempt) was followed
    # the refund shown (or opened in the viewer) has evidence that is not downloaded: fetch it now;
    # `evidence_arrived` then shows each file as it comes (asked once per refund shown)
    evidence_wanted = Signal(str)
    answer_appeal = Signal()     # the appeal's statement button
    shown = Signal()             # a refund read off the GUI thread is now shown (what can be done changed)

    def __init__(self, access: DatabaseAccess, parent=None) -> None:
        super().__init__(parent)
        self.access = access   # decisions, flags: through its writer
        self.db = access.db
        self.lang = "zh"
        self.policy = Policy.defaults()
        self.now_ms = lambda: 0
        self.row: dict | None = None
        self.loading: str | None = None   # the refund being read (shown when it arrives)
        self._local: list[dict] = []   # the shown refund's decisions made here
        self._reads = 0   # reads asked for: only the newest is shown
        outer = QVBoxLayout(self)
        self.empty = QLabel(self.tr("Select a refund to see its order, evidence and history."))
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.empty)
        self.body = QWidget()
        outer.addWidget(self.body)
        # the header (what refund, its countdown) and the decision bar stay in view; only the facts
        # between them scroll, and a new refund opens at their top
        frame = QVBoxLayout(self.body)
        frame.setContentsMargins(0, 0, 0, 0)
        header = QVBoxLayout()
        header.setContentsMargins(4, 4, 4, 0)
        frame.addLayout(header)
        self.facts_scroll = QScrollArea()
        self.facts_scroll.setWidgetResizable(True)
        self.facts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.facts_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frame.addWidget(self.facts_scroll, 1)
        facts_host = QWidget()
        lay = QVBoxLayout(facts_host)
        lay.setContentsMargins(4, 0, 4, 4)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        header.addWidget(self.title)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        header.addWidget(self.subtitle)
        self.progress = ProgressNodes()
        header.addWidget(self.progress)
        self.facts = QFormLayout()
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        lay.addLayout(self.facts)
        self.timeline_title = self._section(lay, self.tr("Timeline"))
        self.timeline = QLabel()
        self.timeline.setWordWrap(True)
        self.timeline.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.timeline)
        self.evidence_title = self._section(lay, self.tr("Evidence"))
        self.evidence_strip = EvidenceStrip()
        self.evidence_strip.evidenceActivated.connect(self.open_evidence)
        self.evidence_strip.loaded.connect(self._strip_loaded)
        lay.addWidget(self.evidence_strip)
        self.evidence_note = QLabel()
        self.evidence_note.setWordWrap(True)
        self.evidence_note.setObjectName("hint")
        lay.addWidget(self.evidence_note)
        # what the text read from the images confirms (this order's number) and where a search found the
        # refund when its own fields do not say the term; a link opens the viewer on that image and line
        self.text_found = QLabel()
        self.text_found.setWordWrap(True)
        self.text_found.setTextFormat(Qt.TextFormat.RichText)
        self.text_found.setObjectName("textFound")
        self.text_found.linkActivated.connect(self._open_found)
        self.text_found.hide()
        lay.addWidget(self.text_found)
        self.risk_title = self._section(lay, self.tr("Risk signals"))
        self.risks = QLabel()
        self.risks.setWordWrap(True)
        self.risks.setTextFormat(Qt.TextFormat.RichText)
        self.risks.linkActivated.connect(self.open_refund.emit)
        lay.addWidget(self.risks)
        # v1.1: the conversation with the buyer and customer service (协商), after the evidence and risks
        self.conversation_title = self._section(lay, self.tr("Conversation"))
        self.conversation = ConversationPane(access)
        self.conversation.open_evidence.connect(self.open_evidence)
        self.conversation.open_images.connect(self.open_evidence)   # the thread's images, chat screenshots too
        self.conversation.images_shown.connect(self._viewer_follows)
        self.conversation.images_wanted.connect(self.evidence_wanted.emit)
        lay.addWidget(self.conversation)
        self.decision_panel = DecisionPanel(access)
        # the decision bar: in view whole when it fits; on a short screen (720 px less a taskbar) with
        # the editor open it scrolls within itself rather than make the window taller than the screen
        self.bar_scroll = QScrollArea()
        self.bar_scroll.setWidgetResizable(True)
        self.bar_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.bar_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar_host = QWidget()
        bar = QVBoxLayout(bar_host)
        bar.setContentsMargins(4, 0, 4, 4)
        self._section(bar, self.tr("Decision"))
        bar.addWidget(self.decision_panel)
        self.appeal_button = QPushButton(self.tr("Answer the appeal… (S)"))
        self.appeal_button.clicked.connect(self.answer_appeal.emit)
        self.appeal_button.hide()
        bar.addWidget(self.appeal_button)
        self.bar_scroll.setWidget(bar_host)
        frame.addWidget(self.bar_scroll)
        self.facts_scroll.setMinimumHeight(48)
        self.decision_panel.ui.editor.installEventFilter(self)   # editing: a compact header, a taller bar
        self._section(lay, self.tr("Audit trail"))
        self.audit_trail = AuditTrailWidget(access)
        lay.addWidget(self.audit_trail)
        lay.addStretch(1)
        self.facts_scroll.setWidget(facts_host)   # once it has its layout: the scroll area sizes it by it
        self.cache = None
        self.processor = None
        self.staff = (None, None)
        self.search_term = lambda: ""   # the queue's search (set by the console): where the images say it
        self._found_for = ""            # the search the shown matches are for
        self.reading = False   # the evidence reader runs (the console says so): unread images are being read
        self._fast: tuple[QLabel, bool] | None = None   # the fast-refund fact and whether its moment had passed
        self.evidence: list[dict] = []
        self.viewer = None
        self._viewer_seen: tuple[str | None, set[str]] = (None, set())
        self._asked: str | None = None   # the refund shown whose missing evidence was asked for
        # the files of one refund arrive moments apart: show them together
        self._evidence_timer = QTimer(self)
        self._evidence_timer.setSingleShot(True)
        self._evidence_timer.setInterval(150)
        self._evidence_timer.timeout.connect(self._reload_evidence)
        self.body.hide()

    BAR_MAX = 430   # the decision bar's most height before it scrolls (fits 1280×720 less a taskbar)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.decision_panel.ui.editor and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            editing = event.type() == QEvent.Type.Show
            self.progress.setVisible(not editing)     # the title and countdown stay; the nodes give room
            QTimer.singleShot(0, self._fit_bar)
        return super().eventFilter(obj, event)

    def _fit_bar(self) -> None:
        host = self.bar_scroll.widget()
        if host is None:
            return
        # the editor shown or hidden reaches the host's size hint through a chain of posted layout requests
        # (panel, bar): without them the bar kept the editor's height after Esc, squeezing the facts
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        _relayout(host)
        self.bar_scroll.setMinimumHeight(min(host.sizeHint().height(), self.BAR_MAX))
        self.bar_scroll.setMaximumHeight(host.sizeHint().height())

    def _section(self, lay, title: str) -> QLabel:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lay.addWidget(line)
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        lay.addWidget(label)
        return label

    def configure(self, *, lang: str, policy: Policy | None, now_ms, cache=None, processor=None,
                  staff: tuple = (None, None)) -> None:
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.policy = policy or Policy.defaults()
        self.now_ms = now_ms
        self.cache, self.processor, self.staff = cache, processor, staff
        self.conversation.cache_root = getattr(cache, "root", None)

    def open_evidence(self, index: int, rows: list | None = None) -> None:
        """The evidence viewer on this refund's images, or on `rows` (the conversation's images), at `index`
        (shop staff may flag what looks wrong)."""
        evidence = rows or self.evidence
        if self.cache is None or not evidence:
            return
        if self.viewer is not None:
            self.viewer.close()
        # the refund's images when it opened: those that come later join it (_viewer_follows)
        self._viewer_seen = (self.row["id"] if self.row else None,
                             {e["id"] for e in (*self.evidence, *self.conversation.images)})
        self.viewer = EvidenceViewer(self.access, self.cache, evidence, index, processor=self.processor,
                                     staff_id=self.staff[0], staff_name=self.staff[1], parent=self)
        self.viewer.openRefund.connect(self.open_refund.emit)
        self.viewer.evidenceWanted.connect(self.evidence_wanted.emit)
        self.viewer.flagged.connect(lambda *_: self.refresh())
        fit_to_screen(self.viewer, 1100, 800)
        self.viewer.show()

    def _label(self, table: str, code: str | None) -> str:
        """A code's word from core.words.TABLES[table], through Qt's translator."""
        return "—" if code is None else word(table, code)

    def show_refund(self, refund_id: str | None) -> None:
        if self.row is None or self.row["id"] != refund_id:
            self._asked = None
            self.facts_scroll.verticalScrollBar().setValue(0)   # another refund: from its top
        if refund_id is None:
            self.loading = None
            self.row = None
            self.body.hide()
            self.empty.show()
            self.decision_panel.set_refund(None, [])
            self.conversation.set_refund(None)
            self.appeal_button.hide()
            return
        self.loading = refund_id
        self._reads += 1
        serial, policy = self._reads, self.policy

        term = self.search_term()

        def load(conn):   # on a reader thread: the refund, its evidence, decisions, risk signals and flags
            row = refunds.get_refund(conn, refund_id)
            if row is None:
                return None
            return (row, refunds.evidence_of(conn, refund_id), outbox.decisions_for(conn, refund_id),
                    *_risk_read(conn, refund_id, policy, term))

        self.access.read(load, lambda got: self._loaded(serial, got), owner=self)

    def _loaded(self, serial: int, got: tuple | None) -> None:
        """The refund asked for last was read: show it (an answer to an earlier read is dropped)."""
        if serial != self._reads or self.loading is None:
            return
        refund_id = self.loading
        self.loading = None
        if got is None:
            self.show_refund(None)
            return
        row, evidence, local, signals, flags, names, found, unread = got
        # read again but unchanged (a notice about another field, a page of the same version): a decision
        # being written stays open; a refund that changed starts the decision panel afresh
        same = (self.row is not None and self.row["id"] == row["id"] and self.row["version"] == row["version"]
                and self._local == local)
        another = self.row is None or self.row["id"] != row["id"]
        self.row, self._local = row, local
        self.empty.hide()
        self.body.show()
        self._fill(row, evidence)
        self._fill_risks(signals, flags, names, unread)
        self._fill_found(found)
        if not same or self.decision_panel.action is None:
            self.decision_panel.set_refund(row, local)
        self.conversation.set_refund(row, evidence)
        self._viewer_follows(row["id"], evidence)
        appeal = row.get("appeal") or {}
        self.appeal_button.setVisible(row["status"] == "appealed" and not appeal.get("statement")
                                      and (row.get("appeal_statement_due_at") or 0) > self.now_ms())
        self._fit_bar()
        self.audit_trail.show_refund(refund_id)
        # lay the new rows out now, not on the next event: otherwise the first paint squeezes the
        # wrapped fact rows into the previous refund's height (clipped), then everything jumps
        _relayout(self.body)
        _relayout(self.facts_scroll.widget())
        QApplication.sendEvent(self.facts_scroll, QEvent(QEvent.Type.LayoutRequest))   # the scroll area resizes it
        _relayout(self.facts_scroll.widget())
        if another:
            self.facts_scroll.verticalScrollBar().setValue(0)   # another refund is read from its top
        self.shown.emit()

    def refresh(self) -> None:
        if self.row is not None:
            self.show_refund(self.row["id"])

    def evidence_arrived(self, refund_id: str, sha256: str) -> None:
        """An evidence file was cached (or failed for good): show it if the refund shown uses it."""
        if self.row is not None and (refund_id == self.row["id"] or any(e["sha256"] == sha256 for e in self.evidence)):
            self._evidence_timer.start()
        if self.viewer is not None and shiboken6.isValid(self.viewer) and self.viewer.isVisible():
            self.viewer.evidence_arrived(refund_id, sha256)
        self.conversation.evidence_arrived(refund_id, sha256)   # a message's image: its thumbnail in the thread

    def _viewer_follows(self, refund_id: str, evidence: list[dict]) -> None:
        """An open viewer on this refund's images (all, or the thread's) gets the ones that came since it
        opened; not the refund's other images it was not opened on."""
        viewer, seen = self.viewer, self._viewer_seen
        if viewer is None or not shiboken6.isValid(viewer) or not viewer.isVisible() or seen[0] != refund_id:
            return
        viewer.update_rows(evidence)   # an image it holds downloaded since
        new = [e for e in evidence if e["id"] not in seen[1]]
        if new:
            seen[1].update(e["id"] for e in new)
            viewer.add_evidence(refund_id, new)

    def shows_image(self, sha256s) -> bool:
        """Does the refund shown, or the open viewer, hold one of these images (news of it is awaited here)?"""
        wanted = set(sha256s)
        if any(e["sha256"] in wanted for e in self.evidence):
            return True
        viewer = self.viewer
        return viewer is not None and shiboken6.isValid(viewer) and viewer.isVisible() and viewer.holds_any(wanted)

    def _reload_evidence(self) -> None:
        """The evidence and risk signals of the refund shown, read again; the rest of the pane stays."""
        if self.row is None:
            return
        rid, policy, term = self.row["id"], self.policy, self.search_term()

        def load(conn):
            return (refunds.evidence_of(conn, rid), *_risk_read(conn, rid, policy, term))

        def loaded(got) -> None:
            if self.row is not None and self.row["id"] == rid:
                evidence, signals, flags, names, found, unread = got
                self._fill_evidence(evidence)
                self._viewer_follows(rid, evidence)
                self._fill_risks(signals, flags, names, unread)
                self._fill_found(found)

        self.access.read(load, loaded, owner=self)

    def _strip_loaded(self) -> None:
        row = self.row
        if row is None or self._asked == row["id"]:
            return
        if any(c.broken == "missing" and c.row["refund_id"] == row["id"] for c in self.evidence_strip.cells()):
            self._asked = row["id"]
            self.evidence_wanted.emit(row["id"])

    def tick(self) -> None:
        if self.row is not None:
            text = self._subtitle(self.row)
            if text != self.subtitle.text():
                self.subtitle.setText(text)
            if self._fast is not None and self._fast[1] != self._auto_approval_passed(self.row):
                label, passed = self._fast[0], not self._fast[1]   # the moment passed while it was open
                label.setText(self._fast_text(self.row, passed))
                label.setStyleSheet("color: #c62828; font-weight: bold;" if passed else "")
                self._fast = (label, passed)
            if self.search_term().strip() != self._found_for:
                self._found_for = self.search_term().strip()   # asked once per change of the search
                self._reload_evidence()   # where the images' text holds the new search

    def _auto_approval_passed(self, row: dict) -> bool:
        return row["status"] == "awaiting_merchant" and row["auto_approve_at"] < self.now_ms()

    def _fast_text(self, row: dict, passed: bool) -> str:
        when = full_time(row["auto_approve_at"], self.lang)
        if passed:
            return self.tr("due to be approved automatically at {when}: that time has passed, so the platform has "
                           "most likely approved it (the next sync says)").format(when=when)
        return self.tr("approved automatically at {when} unless you decide first").format(when=when)

    def _subtitle(self, row: dict) -> str:
        cd = countdown_for(row, self.now_ms())
        parts = [word("statuses", row["status"])]
        if cd:
            parts.append(countdown_text(cd))
        return "  ·  ".join(parts)

    def _fill(self, row: dict, evidence: list[dict]) -> None:
        self.title.setText(f"{row['product_name']}  ×{row['quantity']}")
        self.subtitle.setText(self._subtitle(row))
        self.progress.set_status(row["status"])
        while self.facts.rowCount():
            self.facts.removeRow(0)

        def add(label: str, value: str, *, warn: bool = False, link: str | None = None) -> QLabel:
            # platform text is untrusted: plain text, never auto-detected rich text
            v = QLabel(f'<a href="{escape(link)}">{escape(value)}</a>' if link else value)
            v.setTextFormat(Qt.TextFormat.RichText if link else Qt.TextFormat.PlainText)
            v.setWordWrap(True)
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction if link
                                      else Qt.TextInteractionFlag.TextSelectableByMouse)
            if link:
                v.linkActivated.connect(self.open_refund.emit)
            if warn:
                v.setStyleSheet("color: #c62828; font-weight: bold;")
            self.facts.addRow(label, v)
            # a layout shows new children on a later event, and until then they take no room: show
            # them now, so the pane is laid out whole before its first paint (no clipped rows, no jump)
            v.show()
            self.facts.labelForField(v).show()
            return v

        add(self.tr("Order no"), row["order_no"])
        add(self.tr("Refund id"), row["id"])
        add(self.tr("Product"), f"{row['product_name']} ({self._label('categories', row['product_category'])})")
        add(self.tr("Face value"), money(row["face_value_fen"] * row["quantity"]))
        add(self.tr("Paid"), f"{money(row['paid_fen'])}  ·  {self._label('channels', row['payment_channel'])}")
        add(self.tr("Requested"), money(row["requested_fen"]))
        add(self.tr("Delivered"), full_time(row["delivered_at"], self.lang))
        card = self._label("card_statuses", row["card_status"])
        if row["card_status"] == "partially_used":
            card += "  " + self.tr("(used {used}, {left} left)").format(
                used=money(row["card_used_fen"]),
                left=money(max(0, row["face_value_fen"] * row["quantity"] - row["card_used_fen"])))
        add(self.tr("Card"), card, warn=row["card_status"] in ("activated", "partially_used"))
        mins = minutes_after_delivery(row["delivered_at"], row["submitted_at"])
        if mins is not None:
            window = self.policy.refund_window_minutes
            outside = mins > window
            text = self.tr("asked {after} after delivery (window {w} min)").format(after=human_minutes(mins), w=window)
            if outside:
                text += " — " + self.tr("outside the refund window")
            add(self.tr("Refund window"), text, warn=outside)
        add(self.tr("Type"), self.tr("{type}: {reason}").format(type=self._label("refund_types", row["type"]),
                                                                 reason=row["reason"] or "—"))
        serial = row["buyer_refunds_90d"] >= 5
        add(self.tr("Buyer"), self.tr("{nick} ({id}): {refunds} / {orders} in 90 days").format(
            nick=row["buyer_nickname"], id=row["buyer_id"],
            refunds=counted(row["buyer_refunds_90d"], self.tr("1 refund"), self.tr("{n} refunds")),
            orders=counted(row["buyer_orders_90d"], self.tr("1 order"), self.tr("{n} orders"))),
            warn=serial)
        if row["previous_refund_id"]:
            add(self.tr("Earlier attempt"), row["previous_refund_id"], link=row["previous_refund_id"])
        add(self.tr("Submitted"), full_time(row["submitted_at"], self.lang))
        add(self.tr("Respond by"), full_time(row["due_at"], self.lang),
            warn=row["status"] == "awaiting_merchant" and row["due_at"] < self.now_ms())   # passed: in red
        self._fast = None
        if row["fast_refund"] and row["auto_approve_at"] is not None:
            passed = self._auto_approval_passed(row)
            self._fast = (add(self.tr("Fast refund"), self._fast_text(row, passed), warn=passed), passed)
        if row["urged_at"]:
            add(self.tr("Urged"), self.tr("{when}; the platform steps in at {esc}").format(
                when=full_time(row["urged_at"], self.lang), esc=full_time(row["escalates_at"], self.lang)), warn=True)
        if row["payout"]:
            p = row["payout"]
            channel = p.get("channel") or row["payment_channel"]
            eta = word("payout_etas", channel) if channel in PAYOUT_ETAS else ""
            payout_words = {"processing": self.tr("processing"), "paid": self.tr("paid"), "failed": self.tr("failed")}
            status = payout_words.get(p["status"], p["status"])
            text = f"{status}  ·  {self._label('channels', p.get('channel'))}"
            if p["status"] == "processing":
                text += "  ·  " + self.tr("expected in {eta} (by {when})").format(eta=eta,
                                                                           when=full_time(p.get("eta"), self.lang))
            if p.get("failure_reason"):
                text += f"  ·  {p['failure_reason']}"
            add(self.tr("Payout"), text, warn=p["status"] == "failed")
        if row["decision_action"]:
            by = {"staff": row["decision_by_name"] or row["decision_by_id"] or self.tr("staff"),
                  "platform_auto": self.tr("the platform (automatic fast refund)"),
                  "platform_cs": self.tr("platform customer service")}.get(row["decision_by_kind"], "")
            actions = {"approve": self.tr("approved"), "partial": self.tr("partial refund"),
                       "reject": self.tr("rejected")}
            action = actions.get(row["decision_action"], row["decision_action"])
            text = self.tr("{action} by {by}, {when}").format(action=action, by=by,
                                                      when=full_time(row["decision_at"], self.lang))
            if row["decision_action"] != "reject" and row["decision_amount_fen"] is not None:
                text += f"  ·  {money(row['decision_amount_fen'])}"
            if row["decision_reason_text"]:
                text += f"\n{row['decision_reason_text']}"
            add(self.tr("Decided"), text)
        if row["appeal"]:
            a = row["appeal"]
            text = self.tr("appealed {when}: {reason}").format(when=full_time(a["submitted_at"], self.lang),
                                                        reason=a.get("reason") or "")
            if a.get("statement"):
                text += "\n" + self.tr("your statement: {text}").format(text=a["statement"]["text"])
            else:
                text += "\n" + self.tr("statement due {when}").format(when=full_time(a["statement_due_at"], self.lang))
            add(self.tr("Appeal"), text, warn=not a.get("statement"))
        nodes = [f"<b>{full_time(n['at'], self.lang)}</b>  "
                 f"{escape(n.get('note') or word('statuses', n['status']))}" for n in row["timeline"] or []]
        self.timeline.setText("<br>".join(nodes) or "—")
        self._fill_evidence(evidence)

    def _fill_evidence(self, evidence: list[dict]) -> None:
        self.evidence = evidence
        self.evidence_strip.setVisible(bool(evidence))
        if evidence and self.cache is not None:
            self.evidence_strip.setEvidence(evidence, self.access, self.cache.root)
            kinds = ", ".join(self._label("evidence_kinds", e["kind"]) for e in evidence)
            self.evidence_note.setText(counted(
                len(evidence), self.tr("1 image: {kinds}. Double-click to open the viewer."),
                self.tr("{n} images: {kinds}. Double-click to open the viewer."), kinds=kinds))
        else:
            self.evidence_note.setText(self.tr("The buyer attached no evidence."))

    def _fill_found(self, found: tuple) -> None:
        """What the images' text confirms (a fact, not a warning) and where a search found the refund in it."""
        confirmed, term, matches = found
        self._found_for = term
        names = evidence_names(self.evidence)
        index = {e["id"]: i for i, e in enumerate(self.evidence)}
        lines = []
        for s in confirmed:
            link = f"text:{index.get(s.evidence_id or '', 0)}:{s.detail.get('own') or ''}"
            lines.append(f'<span style="color: #2e7d32;">✓</span> <a href="{escape(link)}">'
                         f"{escape(signal_sentence(s, names))}</a>")
        if matches:
            parts = []
            for m in matches[:3]:
                where = names.get(m["evidence_id"]) or self.tr("image {n}").format(n=m["position"] + 1)
                said = f"{where}: “{m['text']}”" if m["text"] else where
                parts.append(f'<a href="{escape("text:" + str(index.get(m["evidence_id"], 0)) + ":" + term)}">'
                             f"{escape(said)}</a>")
            more = len(matches) - 3
            tail = " " + escape(self.tr("and {n} more").format(n=more)) if more > 0 else ""
            lines.append("⌕ " + escape(self.tr("Found “{term}” in the screenshot text:").format(term=term)) + " "
                         + " · ".join(parts) + tail)
        self.text_found.setText("<br>".join(lines))
        self.text_found.setVisible(bool(lines))

    def _open_found(self, link: str) -> None:
        """A line of the images' text was followed: the viewer on that image, its text searched for the term."""
        _kind, _, rest = link.partition(":")
        index, _, term = rest.partition(":")
        self.open_evidence(int(index or 0))
        if self.viewer is not None:
            self.viewer.searchText(term)

    def _fill_risks(self, signals, flags, other_names: dict, unread: int = 0) -> None:
        """`other_names`: the other refunds' order numbers and images the signals name (read with them);
        `unread`: images whose text is still to be read (with the reader on, signals from it may follow)."""
        lines = []
        if unread and self.reading:
            lines.append("<i>{}</i>".format(escape(counted(
                unread, self.tr("Still reading the text in 1 image: what it shows may add to this list."),
                self.tr("Still reading the text in {n} images: what they show may add to this list.")))))
        names = evidence_names(self.evidence)   # "image 2", order numbers: not the platform's e_…/r_… ids
        names |= other_names
        open_other = escape(self.tr("Open the other refund"))
        # one picture reused across many refunds: one summary line with the closest matches instead of a
        # line per match
        similar = sorted((s for s in signals if s.code == "similar_image"),
                         key=lambda s: s.detail.get("distance", 99))
        signals = [s for s in signals if s.code != "similar_image"]
        if similar:
            links = " · ".join(f'<a href="{escape(s.other_refund_id)}">'
                               f'{escape(names.get(s.other_refund_id, s.other_refund_id))}</a>'
                               for s in similar[:3] if s.other_refund_id)
            lines.append("<b>{}</b>: {} {}".format(
                escape(signal_label("similar_image")),
                escape(counted(len(similar),
                               self.tr("the same picture as in 1 other refund (re-saved, resized or cropped — "
                                       "compare before deciding):"),
                               self.tr("the same picture as in {n} other refunds (re-saved, resized or cropped — "
                                       "compare before deciding). Closest:"))),
                links))
        for s in signals:
            text = escape(signal_sentence(s, names))
            if s.other_refund_id:
                text += f' <a href="{escape(s.other_refund_id)}">{open_other}</a>'
            lines.append(f"<b>{escape(signal_label(s.code))}</b>: {text}")
        for f in flags:
            lines.append("<b>{}</b>: {}".format(escape(self.tr("Flagged by {name}").format(name=f.staff_name or "")),
                                                escape(f.note or "")))
        if not lines or (unread and self.reading and len(lines) == 1):
            lines.append(escape(self.tr("Nothing unusual found so far.") if unread and self.reading
                                else self.tr("Nothing unusual found.")))
        self.risks.setText("<br>".join(lines))


def _risk_read(conn, refund_id: str, policy: Policy, term: str) -> tuple:
    """(signals, flags, the names they need, (reassurances, search matches in the images' text)) of one refund."""
    signals = risk.signals_for(conn, [refund_id], policy).get(refund_id, [])
    confirmed = risk.reassurances_for(conn, [refund_id], policy).get(refund_id, [])
    matches = refunds.text_matches(conn, [refund_id], term).get(refund_id, []) if term.strip() else []
    return (signals, risk.flags_for(conn, [refund_id]).get(refund_id, []),
            signal_names(conn, signals) if any(s.other_refund_id for s in signals) else {},
            (confirmed, term.strip(), matches), evidence_reading.unread_count(conn, refund_id))


def _relayout(widget: QWidget | None) -> None:
    """Lay `widget` out now (its layout's activate), not on the next event."""
    layout = widget.layout() if widget is not None else None
    if layout is not None:
        layout.activate()
