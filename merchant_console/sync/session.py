"""A signed-in console: profile, database, platform client and evidence cache, for the CLI and the GUI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..platform.client import PlatformClient
from ..platform.credentials import load_token
from ..store.engine import Database
from ..store.evidence_cache import EvidenceCache
from ..store.location import DEMO_KEY, Profile, Profiles, folder_size

DEMO_REFUNDS = 300


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


def open_demo(folder: Path, *, refunds: int = DEMO_REFUNDS, images: str = "realistic", role: str = "operator",
              seed: int = 1, progress: Callable[[str], None] | None = None) -> Session:
    """Start the in-process sandbox platform and a session signed in to it, both kept in `folder` (the
    demo's own: `store.location.demo_dir`) and reused by the next demo. `progress` hears each step."""
    say = progress or (lambda _step: None)
    say("platform")
    from ..platform.sandbox import Sandbox, SandboxConfig
    folder.mkdir(parents=True, exist_ok=True)
    sandbox = Sandbox(SandboxConfig(refunds=refunds, seed=seed, db_path=str(folder / "demo-platform.db"),
                                    images=images)).start()
    try:
        say("database")
        client = PlatformClient(sandbox.url, sandbox.tokens[role])
        db = Database(folder / "console.db")
    except BaseException:
        sandbox.stop()
        raise
    profile = Profile(DEMO_KEY, sandbox.url, "", "", "", "", role)
    return Session(profile, db, folder, client, sandbox=sandbox, tokens=dict(sandbox.tokens))


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
