"""The after-sale conversation (协商) of the refund shown: the thread (buyer, merchant, customer service,
unread marks, images through the evidence viewer), the composer with message templates, and the
Propose / Ask for more time / Answer evidence request dialogs. Viewers read; they cannot write.

Every action goes through the workbench (the same functions as the command line), run on the console's
one database writer (gui.database_access); the thread is read on its readers, never on the GUI thread.
Saved locally at once, the sync uploads it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from merchant_console.core.conversation import (
    extension_refusal,
    open_requests,
    proposal_refusal,
)
from merchant_console.core.money import MoneyError, fen_to_yuan_str, parse_yuan
from merchant_console.core.policy import Policy
from merchant_console.core.status import DECIDING_ROLES, REISSUE_CATEGORIES
from merchant_console.core.templates import render, template_values
from merchant_console.store import conversation, templates
from merchant_console.store.changes import Changes
from merchant_console.workbench import Refused
from merchant_console.workbench import conversation as talk
from merchant_console.workbench.actor import Actor, actor_of

from .attachments import AttachmentPicker
from .database_access import DatabaseAccess
from .formatting import full_time
from .refusals import refusal_text
from .words import all_words

PROPOSAL_TEXT = "卡内已使用部分面值，按剩余价值为您退款，您看可以吗？"
EXTENSION_TEXT = "已向上游供货商核实卡密状态，预计明日回复"


# a template's language names itself in its own language (as in the template manager)
LANG_NAMES = {"zh": "中文", "en": "English"}
NEW_MARK_MS = 4000   # a message that arrived while the thread was shown keeps its 新 mark this long on screen


def message_templates_label() -> str:
    """The template manager's name for the composer's templates (translated with the conversation's words)."""
    return QCoreApplication.translate("ConversationPane", "Message to the buyer")


class ConversationPane(QWidget):
    open_evidence = Signal(int)   # an image in the thread: its index in the refund's evidence (the viewer opens)
    open_images = Signal(int, list)   # the viewer over the thread's images (evidence-like rows), at this one
    images_shown = Signal(str, list)   # the thread's images as read now (an open viewer takes the new ones)
    images_wanted = Signal(str)   # the thread shows images not downloaded yet: fetch them (the sync's evidence fetch)
    recorded = Signal(str)        # an action was saved for this refund (the sync should push now)

    def __init__(self, access: DatabaseAccess, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPane")
        self.access = access
        self.row: dict | None = None
        self.requests: list[dict] = []
        self._shown = 0   # which read's answer is current (an older one arriving late is dropped)
        self.evidence_ids: list[str] = []
        self.evidence_rows: list[dict] = []
        self.cache_root = None     # the evidence cache's folder (thumbnails), set by the detail pane
        self.images: list[dict] = []   # the thread's images in order, shaped like evidence rows (the viewer)
        self.thumbs: dict[str, bytes] = {}
        self.messages: list[dict] = []
        self._asked_images: set[tuple[str, str]] = set()   # (refund, image) asked for: each new one is asked once
        self._unmark = QTimer(self)
        self._unmark.setSingleShot(True)
        self._unmark.setInterval(NEW_MARK_MS)
        self._unmark.timeout.connect(self._seen)
        self._marked: set[str] = set()
        self.policy = Policy.defaults()
        self.role = "viewer"
        self.lang = "zh"
        self.now_ms = lambda: 0
        self.attachments_dir = None
        self.configured = False   # until the window says who acts, the pane shows the thread only
        access.changed.connect(self._data_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.state = QLabel()
        self.state.setObjectName("conversationState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.state)
        self.thread_view = QTextBrowser()
        self.thread_view.setObjectName("conversationThread")
        self.thread_view.setOpenLinks(False)
        self.thread_view.setMinimumHeight(120)
        self.thread_view.anchorClicked.connect(self._link)
        lay.addWidget(self.thread_view)
        composer = QHBoxLayout()
        self.templates = QComboBox()
        self.templates.setObjectName("messageTemplates")
        self.templates.activated.connect(self._use_template)
        composer.addWidget(self.templates, 1)
        self.attach_button = QPushButton(self.tr("Image…"))
        composer.addWidget(self.attach_button)
        lay.addLayout(composer)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("messageEditor")
        self.editor.setPlaceholderText(self.tr("Write to the buyer… (M; Ctrl+Enter sends)"))
        self.editor.setMaximumHeight(90)
        self.editor.setTabChangesFocus(True)   # Tab / Shift+Tab reach Send and the templates from the keyboard
        self.editor.textChanged.connect(self._count)
        lay.addWidget(self.editor)
        self.attachments_label = QLabel()
        lay.addWidget(self.attachments_label)
        self.attachments = AttachmentPicker(self.attach_button, self.attachments_label, self)
        row = QHBoxLayout()
        self.counter = QLabel()
        self.counter.setObjectName("hint")
        row.addWidget(self.counter, 1)
        self.send_button = QPushButton(self.tr("Send (Ctrl+Enter)"))
        self.send_button.setObjectName("sendMessage")
        self.send_button.clicked.connect(self.send)
        row.addWidget(self.send_button)
        lay.addLayout(row)
        actions = QGridLayout()   # two columns: the pane is as narrow as the detail pane
        self.propose_button = QPushButton(self.tr("Propose… (O)"))
        self.propose_button.setObjectName("proposeButton")
        self.propose_button.clicked.connect(self.propose)
        self.extend_button = QPushButton(self.tr("Ask for more time… (T)"))
        self.extend_button.setObjectName("extendButton")
        self.extend_button.clicked.connect(self.ask_for_time)
        self.answer_button = QPushButton(self.tr("Answer the request… (Y)"))
        self.answer_button.setObjectName("answerRequestButton")
        self.answer_button.clicked.connect(self.answer_request)
        for i, b in enumerate((self.propose_button, self.extend_button, self.answer_button)):
            actions.addWidget(b, i // 2, i % 2)
        lay.addLayout(actions)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.error)
        self.viewer_note = QLabel(self.tr("Your role may read this conversation but not write in it."))
        self.viewer_note.setObjectName("hint")
        lay.addWidget(self.viewer_note)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self.editor, context=Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.send)
        # every action on the keyboard (free letters beside A/P/R/S/E/J/K); typing in a text box keeps its letters
        for key, act in (("M", self.focus_composer), ("O", self.propose), ("T", self.ask_for_time),
                         ("Y", self.answer_request)):
            sc = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(act)

    # --- what is shown ---------------------------------------------------------------------

    def configure(self, *, policy: Policy | None, role: str, lang: str, now_ms, attachments_dir=None) -> None:
        self.policy = policy or Policy.defaults()
        self.role = role
        self.lang = "zh" if lang.startswith("zh") else "en"
        self.now_ms = now_ms
        self.attachments_dir = attachments_dir
        self.configured = True
        self.attachments.configure(attachments_dir, self.policy)
        self._read_templates()

    def _read_templates(self) -> None:
        """The shop's message templates (the template manager edits them), read off the GUI thread."""
        self.access.read(lambda conn: templates.list_templates(conn, templates.MESSAGE), self._fill_templates,
                         owner=self)

    def _fill_templates(self, items: list[dict]) -> None:
        self.templates.clear()
        self.templates.addItem(self.tr("Message templates…"), None)
        for t in items:   # the buyers' language first; another language says which it is
            lang = t["lang"]
            name = t["name"] if lang == templates.BUYER_LANG else f"{t['name']} · {LANG_NAMES.get(lang, lang)}"
            self.templates.addItem(name, t["text"])

    def _data_changed(self, changes: Changes) -> None:
        if changes.templates and self.configured:
            self._read_templates()

    @property
    def may_write(self) -> bool:
        return self.configured and self.role in DECIDING_ROLES and self.policy.speaks_v11

    def set_refund(self, row: dict | None, evidence: list[dict] | None = None) -> None:
        """Show this refund's conversation (None: nothing); its buyer and customer-service messages count as read."""
        changed = self.row is None or row is None or self.row["id"] != row["id"]
        if changed and self._marked:
            self._seen()   # the person moves on: what was marked read is no longer new
        self.row = row
        self.evidence_rows = [dict(e) for e in evidence or ()]
        self.evidence_ids = [e["id"] for e in self.evidence_rows]
        if changed:
            self.editor.clear()
            self.attachments.clear()
            self.error.clear()
            self.requests = []
            for b in (self.propose_button, self.extend_button, self.answer_button):
                b.setEnabled(False)   # until this refund's thread is read: not what the last one allowed
        self._shown += 1
        if row is None:
            self.thread_view.clear()
            self.state.clear()
            self.messages, self.images = [], []
            return
        rid, ticket, rows, root = row["id"], self._shown, list(self.evidence_rows), self.cache_root

        def query(conn):
            actor = actor_of(conn)
            staff = actor.staff_id if isinstance(actor, Actor) else None
            messages = conversation.thread_of(conn, rid, staff)
            found = conversation.message_images_of(conn, rid)
            images, thumbs = _thread_images(messages, rows, found, root)
            return messages, conversation.requests_of(conn, rid), conversation.open_items(conn, rid), images, thumbs
        self.access.read(query, lambda got: self._show(ticket, *got), owner=self)

    def evidence_arrived(self, refund_id: str, sha256: str) -> None:
        """A file reached the evidence cache: the thread shown shows it (its thumbnail, the viewer opens it)."""
        if self.row is not None and self.row["id"] == refund_id:
            self.set_refund(self.row, self.evidence_rows)

    def _show(self, ticket: int, messages: list[dict], requests: list[dict], waiting: list[dict],
              images: list[dict], thumbs: dict[str, bytes]) -> None:
        row = self.row
        if ticket != self._shown or row is None:
            return
        self.requests = [{"id": r["id"], "question": r["question"], "asked_at": r["asked_at"], "due_at": r["due_at"],
                          "answer": None if r["answered_at"] is None else {"text": r["answer_text"]}}
                         for r in requests]
        self.images, self.thumbs = images, thumbs
        self.images_shown.emit(row["id"], [dict(i) for i in images])
        for m in messages:   # what was marked read while shown keeps its mark until it has been seen
            if m["id"] in self._marked:
                m["read_at"] = None
        self.messages = messages
        self._fill_thread(messages)
        self._fill_state(row, waiting)
        self._enable(row, waiting)
        # each image not downloaded is asked for once: one that comes in a message while the thread is shown too
        # (asking once per refund left it "downloading…" until the console was started again)
        missing = {(row["id"], i["id"]) for i in images if i["fetch_error"] == conversation.NOT_DOWNLOADED}
        if missing - self._asked_images:
            self._asked_images |= missing
            self.images_wanted.emit(row["id"])
        unread = [m["id"] for m in messages
                  if m["read_at"] is None and m["sender"] != "merchant" and m["id"] not in self._marked]
        if unread and self.isVisible():
            # read by the person signed in here (not by this computer); the 新 mark stays a moment on screen
            rid, now = row["id"], self.now_ms()
            self._marked |= set(unread)
            self._unmark.start()
            self.access.write(lambda db: talk.mark_thread_read(db, rid, now_ms=now, message_ids=unread),
                              owner=self)

    def _seen(self) -> None:
        """The new messages have been on screen a moment (or the person moved on): no longer new."""
        self._unmark.stop()
        marked, self._marked = self._marked, set()
        if not marked or not self.messages:
            return
        for m in self.messages:
            if m["id"] in marked and m["read_at"] is None:
                m["read_at"] = self.now_ms()
        self._fill_thread(self.messages)

    def _sender(self, m: dict) -> str:
        return {"buyer": self.tr("Buyer"), "merchant": self.tr("Merchant"),
                "platform": self.tr("Customer service")}.get(m["sender"], m["sender"])

    def _fill_thread(self, messages: list[dict]) -> None:
        parts = []
        for m in messages:
            who = self._sender(m)
            if m["sender"] == "merchant" and m.get("by_name"):
                who += f" · {m['by_name']}"
            marks = []
            if m["read_at"] is None and m["sender"] != "merchant":
                new = escape(self.tr("new"))
                marks.append(f'<b style="color:#d9480f">{new}</b>')
            if m["pending"]:
                marks.append(escape(self.tr("waiting to upload")))
            elif m["state"] in ("rejected", "superseded"):
                marks.append(escape(self.tr("not sent: {why}").format(why=m["error"] or m["state"])))
            images = []
            at = {(i["message_id"], i["id"]): k for k, i in enumerate(self.images)}
            for n, eid in enumerate(m["evidence_ids"], 1):
                k = at.get((m["id"], eid))
                image = self.images[k] if k is not None else None
                name = escape(self.tr("image {n}").format(n=n))
                if image is None:
                    images.append(name)
                elif image["sha256"] in self.thumbs:
                    images.append(f'<a href="image:{k}"><img src="thumb:{image["sha256"]}" height="96"></a>')
                elif image["fetch_error"] == conversation.NOT_DOWNLOADED:
                    coming = escape(self.tr("image {n} (downloading…)").format(n=n))
                    images.append(f'<a href="image:{k}">{coming}</a>')
                else:
                    images.append(f'<a href="image:{k}">{name}</a>')
            images += [escape(self.tr("attached image")) for _ in m.get("attachments") or ()]
            align = "right" if m["sender"] == "merchant" else "left"
            parts.append(
                f'<p align="{align}"><span style="color:gray">{escape(who)} · {escape(full_time(m["at"], self.lang))}'
                f'{" · " + " · ".join(marks) if marks else ""}</span><br>'
                # buyer text is untrusted: escaped, newlines kept, never rich text of its own
                f'{escape(m["text"]).replace(chr(10), "<br>")}'
                f'{"<br>" + " ".join(images) if images else ""}</p>')
        if not parts:
            none_yet = escape(self.tr("No messages yet."))
            parts.append(f'<p style="color:gray">{none_yet}</p>')
        doc = self.thread_view.document()
        for sha, data in self.thumbs.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"thumb:{sha}"), QImage.fromData(data))
        self.thread_view.setHtml("".join(parts))
        self.thread_view.verticalScrollBar().setValue(self.thread_view.verticalScrollBar().maximum())

    def _fill_state(self, row: dict, waiting: list[dict]) -> None:
        lines = []
        n = row.get("negotiation")
        if n:
            what = (self.tr("partial refund {amount}").format(amount=fen_to_yuan_str(n["amount_fen"], symbol=True))
                    if n["kind"] == "partial" else self.tr("a re-issued card"))
            state = n["state"]
            if state == "pending":
                lines.append(self.tr("Proposal (round {r}): {what}; the buyer answers by {t}.").format(
                    r=n["round"], what=what, t=full_time(n["respond_by"], self.lang)))
            elif state == "accepted":
                lines.append(self.tr("The buyer accepted your proposal: {what}.").format(what=what))
            else:
                why = self.tr("declined it") if state == "declined" else self.tr("did not answer in time")
                lines.append(self.tr("The buyer {why} ({what}): the refund is back in your queue; decide by {t}.")
                             .format(why=why, what=what, t=full_time(row["due_at"], self.lang)))
        e = row.get("extension")
        if e:
            lines.append(self.tr("More time given: {h} h; the deadline is now {t}.").format(
                h=e["hours"], t=full_time(row["due_at"], self.lang)))
        for q in open_requests(self.requests, self.now_ms()):
            lines.append(self.tr("Customer service asks: “{q}” — answer by {t}.").format(
                q=q["question"], t=full_time(q["due_at"], self.lang)))
        kinds = {"message": self.tr("message"), "proposal": self.tr("proposal"), "extension": self.tr("more time"),
                 "evidence_answer": self.tr("evidence answer")}
        for item in waiting:
            if item["kind"] != "message":
                lines.append(self.tr("Waiting to upload: {what}.").format(what=kinds.get(item["kind"], item["kind"])))
        self.state.setText("<br>".join(escape(line) for line in lines))
        self.state.setVisible(bool(lines))

    def _enable(self, row: dict, waiting: list[dict]) -> None:
        write = self.may_write and self.configured
        self.viewer_note.setVisible(self.configured and not write)
        for w in (self.templates, self.attach_button, self.editor, self.send_button, self.propose_button,
                  self.extend_button, self.answer_button):
            w.setVisible(write)
        if not write:
            return
        now = self.now_ms()
        closed = row["status"] in ("refunded", "closed", "cancelled", "reissued")
        self.editor.setEnabled(not closed)
        self.send_button.setEnabled(not closed)
        self.propose_button.setEnabled(proposal_refusal(row, self.policy) is None
                                       and not any(i["kind"] == "proposal" for i in waiting))
        self.extend_button.setEnabled(extension_refusal(row, self.policy, now) is None
                                      and not any(i["kind"] == "extension" for i in waiting))
        self.answer_button.setEnabled(bool(open_requests(self.requests, now)))

    def _count(self) -> None:
        n = len(self.editor.toPlainText().strip())
        self.counter.setText(f"{n}/{self.policy.message_max_chars or 0}")

    def _use_template(self, index: int) -> None:
        text = self.templates.itemData(index)
        if text and self.row is not None:
            self.editor.setPlainText(render(text, template_values(self.row)))
            self.editor.setFocus()
        self.templates.setCurrentIndex(0)

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "evidence":
            self.open_evidence.emit(int(url.path()))
        elif url.scheme() == "image" and self.images:
            self.open_images.emit(int(url.path()), [dict(i) for i in self.images])

    # --- what the merchant does ------------------------------------------------------------

    def _save(self, op, after=None) -> bool:
        """Run one workbench action on the writer; the answer (Done or Refused) comes back to `_done`."""
        def done(result) -> None:
            if self._done(result) and after is not None:
                after()
        self.access.write(op, done, lambda e: self.error.setText(self.tr("Could not save: {why}").format(why=e)),
                          owner=self)
        return True

    def _done(self, result) -> bool:
        if isinstance(result, Refused):
            self.error.setText(self._explain(result))
            return False
        self.error.clear()
        if self.row is not None:
            self.recorded.emit(self.row["id"])
            self.set_refund(self.row, self.evidence_rows)
        return True

    def _explain(self, r: Refused) -> str:
        words = {
            "too_many_unanswered": self.tr("The buyer has not answered your last messages: wait for an answer."),
            "conversation_closed": self.tr("The conversation is closed: the refund is finished."),
            "rounds_used": self.tr("The rounds of negotiation are used up: decide the refund."),
            "extension_not_allowed": self.tr("More time cannot be asked for this refund now."),
            "no_open_request": self.tr("This evidence request is no longer open."),
            "already_written": self.tr("This has been done already; it is uploading."),
        }
        if r.code in words:
            return words[r.code]
        if r.code == "invalid":
            return "; ".join(r.fields.values())
        return refusal_text(r)

    def focus_composer(self) -> None:
        if self.row is not None and self.may_write and self.editor.isEnabled():
            self.editor.setFocus()
            # M from the queue: the detail pane scrolls to the conversation (its latest messages above the box)
            area = self.parentWidget()
            while area is not None and not isinstance(area, QScrollArea):
                area = area.parentWidget()
            if area is not None:
                area.ensureWidgetVisible(self.thread_view, 0, 0)
                area.ensureWidgetVisible(self.send_button, 0, 8)

    def send(self) -> bool:
        if self.row is None or not self.may_write:
            return False
        if self.attachments.busy:
            self.error.setText(self.tr("Wait until the attached images are ready."))
            return False
        rid, text, now, images = self.row["id"], self.editor.toPlainText(), self.now_ms(), list(self.attachments.items)

        def sent() -> None:
            self.editor.clear()
            self.attachments.clear()
        return self._save(lambda db: talk.send_message(db, rid, text, now_ms=now, attachments=images), sent)

    def propose(self) -> bool:
        if self.row is None or not self.may_write or not self.propose_button.isEnabled():
            return False
        dialog = ProposeDialog(self.row, self.policy, self.lang, self, folder=self.attachments_dir)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        kind, amount, message = dialog.values()
        rid, seen, now, images = self.row["id"], self.row["version"], self.now_ms(), dialog.images()
        return self._save(lambda db: talk.propose(db, rid, kind, message, amount_fen=amount, seen_version=seen,
                                                  now_ms=now, attachments=images))

    def ask_for_time(self) -> bool:
        if self.row is None or not self.may_write or not self.extend_button.isEnabled():
            return False
        dialog = ExtendDialog(self.row, self.policy, self.lang, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        hours, code, text = dialog.values()
        rid, seen, now = self.row["id"], self.row["version"], self.now_ms()
        return self._save(lambda db: talk.ask_for_time(db, rid, hours, code, text, seen_version=seen, now_ms=now))

    def answer_request(self) -> bool:
        if self.row is None or not self.may_write:
            return False
        open_ = open_requests(self.requests, self.now_ms())
        if not open_:
            return False
        dialog = AnswerDialog(open_[0], self.lang, self, folder=self.attachments_dir, policy=self.policy)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        rid, qid, text, now, images = self.row["id"], open_[0]["id"], dialog.text(), self.now_ms(), dialog.images()
        return self._save(lambda db: talk.answer_evidence_request(db, rid, qid, text, now_ms=now, attachments=images))


class ProposeDialog(QDialog):
    """A partial refund (the remaining value suggested, editable) or a re-issued card, and what will happen."""

    def __init__(self, row: dict, policy: Policy, lang: str, parent=None, *, folder=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Propose a resolution"))
        self.row, self.policy = row, policy
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Partial refund"), "partial")
        if row.get("product_category") in REISSUE_CATEGORIES:
            self.kind.addItem(self.tr("Re-issue the card"), "reissue")
        form.addRow(self.tr("Proposal"), self.kind)
        suggestion = talk.suggested_proposal(row)
        amount = suggestion.amount_fen
        self.amount = QLineEdit(fen_to_yuan_str(amount) if amount is not None and suggestion.fits_partial else "")
        self.amount.setObjectName("proposalAmount")
        form.addRow(self.tr("Amount (¥)"), self.amount)
        paid = QLabel(self.tr("Paid {paid}, asked {asked}: a partial refund is less than what was paid.").format(
            paid=fen_to_yuan_str(row["paid_fen"], symbol=True),
            asked=fen_to_yuan_str(row["requested_fen"], symbol=True)))
        paid.setObjectName("hint")
        paid.setWordWrap(True)
        form.addRow("", paid)
        self.message = QPlainTextEdit()
        self.message.setObjectName("proposalMessage")
        self.message.setPlainText(PROPOSAL_TEXT)   # the buyer reads Chinese, whatever the console's language
        form.addRow(self.tr("Message to the buyer"), self.message)
        self.picker = _image_row(self, form, folder, _message_images(policy))
        hours = policy.negotiation_response_hours or 0
        self.what = QLabel(self.tr(
            "The buyer has {h} h to answer. Accepted: the refund is paid as proposed (or the card re-issued). "
            "Declined or unanswered: the refund comes back to your queue with a new deadline.").format(h=hours))
        self.what.setWordWrap(True)
        form.addRow(self.what)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self.amount.setEnabled(self.kind.currentData() == "partial"))

    def images(self) -> list[dict]:
        """The images picked (shrunk, metadata stripped, kept until the outbox uploads them)."""
        return list(self.picker.items)

    def _accept(self) -> None:
        if self.picker.busy:
            self.error.setText(self.tr("Wait until the attached images are ready."))
            return
        if self.kind.currentData() == "partial":
            try:
                parse_yuan(self.amount.text())
            except MoneyError:
                self.error.setText(self.tr("Type the amount in yuan, e.g. 70 or 70.50."))
                return
        self.accept()

    def values(self) -> tuple[str, int | None, str]:
        kind = self.kind.currentData()
        amount = parse_yuan(self.amount.text()) if kind == "partial" else None
        return kind, amount, self.message.toPlainText()


class ExtendDialog(QDialog):
    """Hours and a reason; the new deadline shown before anything is saved."""

    def __init__(self, row: dict, policy: Policy, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ask for more time"))
        self.row, self.lang = row, lang
        form = QFormLayout(self)
        self.hours = QSpinBox()
        self.hours.setObjectName("extensionHours")
        self.hours.setRange(1, policy.extension_max_hours or 1)
        self.hours.setValue(min(24, policy.extension_max_hours or 1))
        self.hours.setSuffix(self.tr(" h"))
        form.addRow(self.tr("More time"), self.hours)
        self.code = QComboBox()
        for code, text in all_words("extension_reasons"):   # core's words, through Qt (gui.words)
            self.code.addItem(text, code)
        form.addRow(self.tr("Reason"), self.code)
        self.text = QPlainTextEdit()
        self.text.setObjectName("extensionReason")
        self.text.setPlainText(EXTENSION_TEXT)
        form.addRow(self.tr("Explanation"), self.text)
        self.what = QLabel()
        self.what.setWordWrap(True)
        form.addRow(self.what)
        self.hours.valueChanged.connect(self._show)
        self._show()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _show(self) -> None:
        new = self.row["due_at"] + self.hours.value() * 3_600_000
        self.what.setText(self.tr("The deadline moves from {old} to {new}. More time can be asked once per refund.")
                          .format(old=full_time(self.row["due_at"], self.lang), new=full_time(new, self.lang)))

    def values(self) -> tuple[int, str, str]:
        return self.hours.value(), self.code.currentData(), self.text.toPlainText()


class AnswerDialog(QDialog):
    """Customer service's question, its own deadline, and the answer box with its own images."""

    def __init__(self, request: dict, lang: str, parent=None, *, folder=None, policy: Policy | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer the evidence request"))
        lay = QVBoxLayout(self)
        asks = QLabel(self.tr("Customer service asks:"))
        asks.setObjectName("sectionTitle")
        lay.addWidget(asks)
        question = QLabel(request["question"])
        question.setTextFormat(Qt.TextFormat.PlainText)   # the platform's text
        question.setWordWrap(True)
        lay.addWidget(question)
        lay.addWidget(QLabel(self.tr("Answer by {t}; unanswered, the platform decides without you (usually for "
                                     "the buyer).").format(t=full_time(request["due_at"], lang))))
        self.box = QPlainTextEdit()
        self.box.setObjectName("evidenceAnswer")
        lay.addWidget(self.box)
        form = QFormLayout()
        self.picker = _image_row(self, form, folder, policy or Policy.defaults())
        lay.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _accept(self) -> None:
        if self.picker.busy:
            self.error.setText(self.tr("Wait until the attached images are ready."))
            return
        self.accept()

    def text(self) -> str:
        return self.box.toPlainText()

    def images(self) -> list[dict]:
        return list(self.picker.items)


def _message_images(policy: Policy) -> Policy:
    """The policy with a message's image limit: a proposal's images go to the buyer with its message."""
    from dataclasses import replace
    most = min(policy.message_max_images or policy.merchant_evidence_max_count, policy.merchant_evidence_max_count)
    return replace(policy, merchant_evidence_max_count=most)


def _image_row(dialog: QDialog, form: QFormLayout, folder, policy: Policy) -> AttachmentPicker:
    """An "Image…" button and what is attached, in a dialog of its own (shrunk, metadata stripped off the GUI
    thread, like the composer's)."""
    button = QPushButton(QCoreApplication.translate("ConversationPane", "Image…"))
    button.setObjectName("attachImage")
    label = QLabel()
    label.setWordWrap(True)
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addWidget(label, 1)
    row.addStretch()   # the button keeps its size while nothing is attached
    form.addRow(QCoreApplication.translate("ConversationPane", "Images"), box)
    picker = AttachmentPicker(button, label, dialog)
    picker.configure(folder, policy)
    label.setVisible(False)
    return picker


def _thread_images(messages: list[dict], evidence: list[dict], found: dict[str, dict], cache_root
                   ) -> tuple[list[dict], dict[str, bytes]]:
    """Every image of the thread in order, shaped like evidence rows (the refund's own evidence, or a message's
    image fetched into the evidence cache, or one not downloaded yet), and the thumbnails made of them.
    Runs on a reader thread (it reads the thumbnails' files)."""
    from pathlib import Path

    from merchant_console.evidence.renditions import RenditionStore
    own = {e["id"]: e for e in evidence}
    store = RenditionStore(Path(cache_root) / "renditions") if cache_root is not None else None
    images: list[dict] = []
    thumbs: dict[str, bytes] = {}
    for m in messages:
        if m.get("pending"):
            continue
        for eid in m["evidence_ids"]:
            row = own.get(eid) or found.get(eid)
            if row is None:
                row = {"refund_id": m["refund_id"], "id": eid, "kind": "chat", "content_type": "image/png", "bytes": 0,
                       "sha256": "", "uploaded_at": m["at"], "position": 0, "fetch_error": conversation.NOT_DOWNLOADED}
            images.append(dict(row, message_id=m["id"], position=len(images)))
            sha = row.get("sha256") or ""
            if store is not None and sha and not row.get("fetch_error") and sha not in thumbs:
                try:
                    rend = store.get(sha)
                    if rend is not None:
                        thumbs[sha] = rend.thumb.read_bytes()
                except (OSError, ValueError):
                    pass
    return images, thumbs
