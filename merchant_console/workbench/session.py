"""A signed-in console: profile, database, platform client and evidence cache, for the CLI and the GUI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.clock import local_now_ms
from ..platform.client import PlatformClient
from ..platform.credentials import load_token
from ..resources import TEMPLATES
from ..store import templates
from ..store.engine import Database
from ..store.evidence_cache import EvidenceCache
from ..store.location import DEMO_KEY, Profile, Profiles, folder_size
from .demo import DEMO_REFUNDS, DemoPlatform, DemoPlatformError


class SessionError(Exception):
    """The session cannot be opened; the message says what to do."""


@dataclass
class Session:
    profile: Profile
    db: Database
    folder: Path
    client: PlatformClient | None = None
    sandbox: object | None = None          # the in-process sandbox platform of a demo session
    tokens: dict[str, str] = field(default_factory=dict)  # demo only: one token per role
    # called with the digest of each original the cache evicts or forgets, by every cache() of this
    # session: the composition root deletes what was made from it (sync does not import evidence/)
    on_evidence_evicted: Callable[[str], None] | None = None

    @property
    def is_demo(self) -> bool:
        return self.sandbox is not None

    @property
    def evidence_root(self) -> Path:
        """The evidence cache's folder (originals by digest; renditions under it)."""
        return self.folder / "evidence"

    def cache(self) -> EvidenceCache:
        return EvidenceCache(self.evidence_root, self.db, on_evicted=self.on_evidence_evicted)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.db.close()
        if self.sandbox is not None:
            self.sandbox.stop()


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
