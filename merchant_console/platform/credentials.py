"""The platform token lives in the OS keychain (keyring) and nowhere else.

One entry per platform URL and staff member. `MERCHANT_CONSOLE_TOKEN` (with `MERCHANT_CONSOLE_URL`)
serves scripts and is never written anywhere.
"""

from __future__ import annotations

import os

import keyring
import keyring.errors

SERVICE = "merchant-console"
ENV_URL, ENV_TOKEN = "MERCHANT_CONSOLE_URL", "MERCHANT_CONSOLE_TOKEN"

NO_KEYRING_HELP = (
    "No system keychain is available to keep the platform token safely. "
    "Windows (Credential Manager) and macOS (Keychain) have one built in; on Linux install and unlock "
    "GNOME Keyring or KWallet (Secret Service). For scripts, set MERCHANT_CONSOLE_URL and "
    "MERCHANT_CONSOLE_TOKEN instead; that token is never stored."
)


class CredentialError(Exception):
    """The keychain cannot be used; the message says what to do."""


class NoKeychain(CredentialError):
    """This computer has no usable keychain at all (not: the keychain refused this once)."""


def env_credentials() -> tuple[str, str] | None:
    """(url, token) from MERCHANT_CONSOLE_URL + MERCHANT_CONSOLE_TOKEN, None when neither is set;
    ValueError when only one is."""
    url, token = os.environ.get(ENV_URL), os.environ.get(ENV_TOKEN)
    if not (url or token):
        return None
    if not (url and token):
        raise ValueError(f"set both {ENV_URL} and {ENV_TOKEN}, or neither")
    return url, token


def _account(url: str, staff_id: str) -> str:
    return f"{url}#{staff_id}"


def keychain_available() -> bool:
    """Whether a keychain backend that can keep secrets is installed (keyring's 'fail' backend cannot)."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration is no keychain
        return False
    from keyring.backends import fail
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def save_token(url: str, staff_id: str, token: str) -> None:
    try:
        keyring.set_password(SERVICE, _account(url, staff_id), token)
    except keyring.errors.NoKeyringError:
        raise NoKeychain(NO_KEYRING_HELP) from None
    except keyring.errors.KeyringError as e:
        raise CredentialError(f"the system keychain refused to store the token ({type(e).__name__}). "
                              + NO_KEYRING_HELP) from None


def load_token(url: str, staff_id: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _account(url, staff_id))
    except keyring.errors.NoKeyringError:
        raise NoKeychain(NO_KEYRING_HELP) from None
    except keyring.errors.KeyringError as e:
        raise CredentialError(f"the system keychain could not be read ({type(e).__name__}). "
                              + NO_KEYRING_HELP) from None


def delete_token(url: str, staff_id: str) -> bool:
    try:
        keyring.delete_password(SERVICE, _account(url, staff_id))
        return True
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.NoKeyringError:
        raise CredentialError(NO_KEYRING_HELP) from None
