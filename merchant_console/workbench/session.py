"""The one place a console session is opened, for the GUI, the command line and the self-test.

A session is the account (profile), its database, its platform client, ONE evidence cache and ONE
evidence processor (its in-memory image-hash index is shared by start-up backfill, prefetch and the
viewer), and the sync engine built from them (`open_engine`). Three ways in: a saved profile
(`open_profile`), the environment's override for scripts (`open_env`: MERCHANT_CONSOLE_URL and
MERCHANT_CONSOLE_TOKEN, the token never written anywhere), and the demo (`open_demo`).
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.clock import local_now_ms
from ..evidence.processor import EvidenceProcessor
from ..platform.backoff import Backoff
from ..platform.client import InsecureURL, PlatformClient, check_platform_url
from ..platform.credentials import ENV_TOKEN, ENV_URL, env_credentials, load_token
from ..platform.outcomes import Fatal, Ok, Outcome, Retryable
from ..resources import TEMPLATES
from ..store import templates
from ..store.engine import Database
from ..store.evidence_cache import EvidenceCache
from ..store.location import DEMO_KEY, Profile, Profiles, folder_size
from ..sync.demo import DEMO_REFUNDS, DemoPlatform, DemoPlatformError
from ..sync.engine import SyncEngine

log = logging.getLogger(__name__)

ENV_SESSIONS = "env-sessions.json"  # platform URL -> profile key of the last MERCHANT_CONSOLE_TOKEN session


class SessionError(Exception):
    """The session cannot be opened; the message says what to do. `usage`: the person's input is wrong
    (a bad URL, half of the environment override), not the world."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass
class Session:
    profile: Profile
    db: Database
    folder: Path
    client: PlatformClient | None = None
    sandbox: DemoPlatform | None = None    # the demo's platform (a child process) of a demo session
    tokens: dict[str, str] = field(default_factory=dict)  # demo only: one token per role
    _cache: EvidenceCache | None = field(default=None, init=False, repr=False)
    _processor: EvidenceProcessor | None = field(default=None, init=False, repr=False)

    @property
    def is_demo(self) -> bool:
        return self.sandbox is not None

    @property
    def evidence_root(self) -> Path:
        """The evidence cache's folder (originals by digest; renditions under it)."""
        return self.folder / "evidence"

    @property
    def processor(self) -> EvidenceProcessor:
        """The session's one evidence processor (thumbnails, facts, hashes of what arrives)."""
        if self._processor is None:
            self._processor = EvidenceProcessor(self.db, self.evidence_root)
        return self._processor

    def cache(self) -> EvidenceCache:
        """The session's one evidence cache; what it evicts or forgets takes its renditions along."""
        if self._cache is None:
            self._cache = EvidenceCache(self.evidence_root, self.db, on_evicted=self.processor.forget)
        return self._cache

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.db.close()
        if self.sandbox is not None:
            self.sandbox.stop()


def open_engine(session: Session, *, stop: threading.Event | None = None, evidence: bool = True,
                **options: Any) -> SyncEngine:
    """The session's sync engine: its client, and (with `evidence`) its one cache and processor.
    `options` go to SyncEngine as they are (e.g. its listener)."""
    if session.client is None:
        raise SessionError("this session is offline: it has no platform to sync with")
    cache = session.cache() if evidence else None
    processor = session.processor
    return SyncEngine(session.db, session.client, cache, stop=stop,
                      on_evidence_cached=processor.on_cached if evidence else None,
                      upkeep=(lambda: processor.upkeep(cache)) if cache is not None else None, **options)


def check_database(session: Session) -> None:
    """quick_check the session's database before anything uses it; a damaged, full or read-only file
    closes the session and raises its DatabaseProblem (which says what to do)."""
    problem = session.db.check()
    if problem is not None:
        session.close()
        raise problem


def prepare(session: Session) -> None:
    """What every opened session needs before a window works on it: the shipped reason templates."""
    with session.db.write() as conn:
        templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", local_now_ms())


# --- a saved profile -----------------------------------------------------------------------

def open_profile(root: Path, profile: Profile, *, online: bool = True, token: str | None = None) -> Session:
    """A saved profile with its token from the keychain (or `token`: one kept for this session only,
    where the computer has no usable keychain)."""
    folder = Profiles(root).folder(profile.key)
    client = None
    if online:
        token = token or load_token(profile.url, profile.staff_id)
        if not token:
            raise SessionError(f"no token for {profile.url} in the system keychain: sign in again")
        client = PlatformClient(profile.url, token)
    return Session(profile, Database(folder / "console.db"), folder, client)


def open_signed_in(root: Path, *, online: bool, deadline: float | None = None) -> Session:
    """The environment's override when it is set, else the active profile (the command line's session)."""
    env = env_override()
    if env is not None:
        return open_env(root, *env, online=online, deadline=deadline)
    profile = Profiles(root).active()
    if profile is None:
        raise SessionError("not signed in: run `merchant-console login --url URL` (token on standard input), "
                           f"or set {ENV_URL} and {ENV_TOKEN}")
    if online and not load_token(profile.url, profile.staff_id):
        raise SessionError(f"no token for {profile.url} in the system keychain: sign in again with "
                           "`merchant-console login --url URL`")
    return open_profile(root, profile, online=online)


# --- the environment's override (scripts, and the desktop console alike) -------------------------

def env_override() -> tuple[str, str] | None:
    """(checked url, token) from MERCHANT_CONSOLE_URL + MERCHANT_CONSOLE_TOKEN, None when neither is set."""
    try:
        env = env_credentials()
    except ValueError as e:
        raise SessionError(str(e), usage=True) from None
    if env is None:
        return None
    return checked_url(env[0]), env[1]


def checked_url(url: str) -> str:
    try:
        return check_platform_url(url)
    except InsecureURL as e:
        raise SessionError(str(e), usage=True) from None


def open_env(root: Path, url: str, token: str, *, online: bool = True, deadline: float | None = None) -> Session:
    """The session of the environment's platform and token. The token stays in memory; the account (no
    secret) is remembered, so the next session works offline on what that URL last synced.

    Online, `/me` says who the token is (retried like every read, all by `deadline`, a time.monotonic());
    when the platform cannot be reached the account this URL last used is opened, still with a client, so
    sync picks up when the platform is back. Offline (status, decide, report, audit) asks nothing."""
    profiles = Profiles(root)
    if not online:
        profile = env_profile(root, url)
        folder = profiles.folder(profile.key)
        return Session(profile, Database(folder / "console.db"), folder, None)
    client = PlatformClient(url, token)
    try:
        out = me_with_retries(client, deadline=deadline)
        if isinstance(out, Ok):
            try:
                profile = Profile.from_me(url, out.value)
            except ValueError as e:
                raise SessionError(str(e)) from None
            _remember_env_profile(root, profiles, profile)
        else:
            known = [p for p in profiles.all() if p.url == url]
            if not known or isinstance(out, Fatal):
                raise SessionError(f"cannot reach {url} to check the token: {outcome_text(out)}")
            profile = env_profile(root, url)
        folder = profiles.folder(profile.key)
        return Session(profile, Database(folder / "console.db"), folder, client)
    except BaseException:
        client.close()
        raise


def env_profile(root: Path, url: str) -> Profile:
    """The account the environment's scripts last used on `url` (the only one there, else the last recorded)."""
    known = {p.key: p for p in Profiles(root).all() if p.url == url}
    key = _env_sessions(root).get(url)
    if key in known:
        return known[key]
    if len(known) == 1:
        return next(iter(known.values()))
    raise SessionError(f"no local data for {url} yet: run `merchant-console sync --once` with {ENV_URL} and "
                       f"{ENV_TOKEN} set while the platform can be reached")


def me_with_retries(client: PlatformClient, attempts: int = 4, deadline: float | None = None) -> Outcome:
    """/me, retried with backoff like every other read (a flaky platform is not a wrong token),
    all of it by `deadline` (time.monotonic())."""
    backoff = Backoff(base_s=0.5, cap_s=8.0, max_retry_after_s=15.0)
    with client.within(deadline):
        out = client.me()
        for attempt in range(attempts - 1):
            if not isinstance(out, Retryable):
                break
            delay = backoff.delay(attempt, out.retry_after_s)
            if deadline is not None and time.monotonic() + delay >= deadline:
                break
            time.sleep(delay)
            out = client.me()
    return out


def outcome_text(out: object) -> str:
    for attr in ("announcement", "message", "reason"):
        v = getattr(out, attr, None)
        if v:
            return str(v)
    return type(out).__name__


def _remember_env_profile(root: Path, profiles: Profiles, profile: Profile) -> None:
    """Record the env session's profile (not made active: the signed-in one stays the GUI's)."""
    if profile.key not in {p.key for p in profiles.all()}:
        profiles.add(profile, activate=False)
    sessions = _env_sessions(root)
    if sessions.get(profile.url) != profile.key:
        sessions[profile.url] = profile.key
        try:
            (root / ENV_SESSIONS).write_text(json.dumps(sessions, indent=1), encoding="utf-8")
        except OSError as e:
            log.warning("could not record the script session's profile: %s", e)


def _env_sessions(root: Path) -> dict[str, str]:
    try:
        data = json.loads((root / ENV_SESSIONS).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


# --- the demo ------------------------------------------------------------------------------

def launch_demo_platform(folder: Path, *, refunds: int = DEMO_REFUNDS, images: str = "realistic",
                         seed: int = 1) -> DemoPlatform:
    """Start the demo's platform process now (it seeds and draws while the console gets ready)."""
    folder.mkdir(parents=True, exist_ok=True)
    return DemoPlatform(folder / "demo-platform.db", refunds=refunds, seed=seed, images=images)


def open_demo(folder: Path, *, refunds: int = DEMO_REFUNDS, images: str = "realistic", role: str = "operator",
              seed: int = 1, progress: Callable[[str], None] | None = None,
              platform: DemoPlatform | None = None) -> Session:
    """The demo: the sandbox platform (a child process: `sync.demo`) and a session signed in to it, both
    kept in `folder` (the demo's own: `store.location.demo_dir`) and reused by the next demo. The local
    database is opened while the platform starts. `progress` hears each step; `platform` is one
    launched earlier (the command line starts it before it loads the window's code)."""
    say = progress or (lambda _step: None)
    say("platform")
    platform = platform or launch_demo_platform(folder, refunds=refunds, images=images, seed=seed)
    try:
        db = Database(folder / "console.db")
        with db.write() as conn:
            templates.ensure_defaults(conn, TEMPLATES / "default_templates.json", local_now_ms())
        say("database")
        platform.wait_ready()
        client = PlatformClient(platform.url, platform.tokens[role])
    except DemoPlatformError as e:
        raise SessionError(f"the demo platform could not start: {e}") from None
    except BaseException:
        platform.stop()
        raise
    profile = Profile(DEMO_KEY, platform.url, "", "", "", "", role)
    return Session(profile, db, folder, client, sandbox=platform, tokens=dict(platform.tokens))


def forget_old_demo(root: Path) -> int:
    """Earlier versions kept the demo among the accounts (`profiles/demo`, up to ~200 MB): remove it.
    Returns the bytes freed."""
    old = root / "profiles" / DEMO_KEY
    if not old.is_dir():
        return 0
    size = folder_size(old)
    shutil.rmtree(old, ignore_errors=True)
    return size


def clear_demo(folder: Path) -> None:
    """Delete the demo's platform, local database and cached evidence (the next demo starts afresh).
    The folder is the demo's alone (`store.location.demo_dir`); the caller has closed the demo session."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
