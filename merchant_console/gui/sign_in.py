"""Sign in to a platform (URL + token, checked with /me, kept in the keychain) or try the demo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from merchant_console.platform.client import InsecureURL, PlatformClient, check_platform_url
from merchant_console.platform.credentials import CredentialError, keychain_available, save_token
from merchant_console.platform.outcomes import Fatal, Ok, Retryable
from merchant_console.store.location import Profile, Profiles

from .forms.ui_sign_in import Ui_SignInDialog
from .workers import run_in_background


class SignInDialog(QDialog):
    """`result_kind` is 'profile' (with `profile`) or 'demo' after accept(). `session_token` is set when
    the token could not go to a keychain and is to be used for this session only (kept in memory)."""

    def __init__(self, root: Path, parent=None, *, message: str = "") -> None:
        super().__init__(parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self.root = root
        self.profiles = Profiles(root)
        self.result_kind: str | None = None
        self.profile: Profile | None = None
        self.session_token: str | None = None
        self._keychain = keychain_available()
        self._show_keychain_state()
        self.ui.errorLabel.setText(message)
        saved = [p for p in self.profiles.all() if p.key != "demo"]
        self.ui.profileCombo.addItem(self.tr("New account…"), None)
        for p in saved:
            self.ui.profileCombo.addItem(f"{p.merchant_name} · {p.staff_name} ({p.url})", p.key)
        self.ui.profileCombo.setVisible(bool(saved))
        self.ui.profileLabel.setVisible(bool(saved))
        self.ui.profileCombo.currentIndexChanged.connect(self._pick)
        self.ui.demoButton.clicked.connect(self._demo)
        self.ui.signInButton.clicked.connect(self._sign_in)
        self.ui.cancelButton.clicked.connect(self.reject)
        if saved:
            self.ui.profileCombo.setCurrentIndex(1)

    def _show_keychain_state(self) -> None:
        self.ui.keychainLabel.setVisible(not self._keychain)
        self.ui.signInButton.setText(self.tr("Sign in") if self._keychain else self.tr("Sign in for this session"))

    def _pick(self, index: int) -> None:
        key = self.ui.profileCombo.itemData(index)
        p = next((p for p in self.profiles.all() if p.key == key), None)
        self.ui.urlEdit.setText(p.url if p else "")
        self.ui.tokenEdit.setPlaceholderText(self.tr("Kept in the system keychain — leave empty to reuse it")
                                             if p and self._keychain
                                             else self.tr("From the platform's merchant back office"))

    def _demo(self) -> None:
        self.result_kind = "demo"
        self.accept()

    def _sign_in(self) -> None:
        key = self.ui.profileCombo.currentData()
        token = self.ui.tokenEdit.text().strip()
        if key and not token and self._keychain:
            self.profile = next(p for p in self.profiles.all() if p.key == key)
            self.profiles.add(self.profile)   # make it the active one
            self.result_kind = "profile"
            self.accept()
            return
        try:
            url = check_platform_url(self.ui.urlEdit.text())
        except InsecureURL as e:
            self.ui.errorLabel.setText(self.tr("Check the platform URL: {why}").format(why=e))
            return
        if not token:
            self.ui.errorLabel.setText(self.tr("Paste the token from the platform's merchant back office."))
            return
        self.ui.errorLabel.setText(self.tr("Checking the token with the platform…"))
        self.ui.signInButton.setEnabled(False)

        def check():
            with PlatformClient(url, token) as client:
                return client.me()

        run_in_background(check, lambda out: self._checked(url, token, out), self._failed, owner=self)

    def _failed(self, error: Exception) -> None:
        self.ui.signInButton.setEnabled(True)
        self.ui.errorLabel.setText(self.tr("Sign-in failed: {why}").format(why=error))

    def _checked(self, url: str, token: str, out) -> None:
        self.ui.signInButton.setEnabled(True)
        if isinstance(out, Fatal) and out.status == 401:
            self.ui.errorLabel.setText(self.tr("The platform did not accept this token. Copy it again from the "
                                               "merchant back office; it may have expired."))
            return
        if isinstance(out, Retryable):
            self.ui.errorLabel.setText(self.tr("Cannot reach the platform ({why}). Check the URL and your network.")
                                       .format(why=out.announcement or out.reason))
            return
        if not isinstance(out, Ok):
            self.ui.errorLabel.setText(self.tr("The platform refused: {why}").format(
                why=getattr(out, "message", "") or type(out).__name__))
            return
        try:
            profile = Profile.from_me(url, out.value)
        except ValueError:
            self.ui.errorLabel.setText(self.tr("The platform's answer about your account is malformed."))
            return
        if self._keychain:
            try:
                save_token(url, profile.staff_id, token)
            except CredentialError as e:
                self._keychain = False
                self._show_keychain_state()
                self.ui.errorLabel.setText(self.tr("The system keychain refused to keep the token ({why}). Press "
                                                   "“Sign in for this session” to use it until you close the "
                                                   "console.").format(why=e))
                return
        if not self._keychain:
            self.session_token = token   # this session only: never written anywhere
        self.profiles.add(profile)
        self.profile = profile
        self.result_kind = "profile"
        self.accept()
