"""The `merchant-console` command's first moments.

`merchant-console --demo` starts the demo's platform process here, before the rest of the console
(SQLAlchemy, Qt, the window) is even imported: the platform seeds and draws on the other core meanwhile.
Everything else goes straight to `cli.main`.
"""

from __future__ import annotations

import sys

SUBCOMMANDS = {"sandbox", "login", "logout", "sync", "status", "inspect", "decide", "report", "audit", "repair"}
NOT_A_LAUNCH = {"-h", "--help", "--version", "--self-test"}


def _stacks_on_request() -> None:
    """SIGUSR1 prints every thread's stack to standard error (POSIX, where there is one): what a console that
    does not answer is doing, asked from outside (the end-to-end tests do, before they give up on a launch)."""
    import signal
    if sys.stderr is None or not hasattr(signal, "SIGUSR1"):
        return
    import faulthandler
    try:
        faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)
    except (AttributeError, ValueError, OSError, RuntimeError):
        pass   # no usable standard error (a windowed app), or not the main thread


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    _stacks_on_request()
    if argv[:1] == ["sandbox"] and "--until-stdin-closes" in argv:
        # the demo's platform process (a frozen console runs itself this way): the sandbox alone
        from .sandbox.__main__ import main as sandbox_main
        sandbox_main(argv[1:])
        return 0
    if argv[:1] == ["read-text"]:
        # the evidence reading worker (a frozen console runs itself this way): OCR alone, no Qt
        from .evidence.text_worker import main as reading_main
        return reading_main(argv[1:])
    platform = _early_demo_platform(argv)
    try:
        from .cli import main as cli_main
        return cli_main(argv, demo_platform=platform)
    finally:
        if platform is not None:
            platform.stop()   # idempotent: the demo session has usually stopped it already


def _data_flag(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--data-dir" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None


def _early_demo_platform(argv: list[str]):
    """The demo platform, started now, for a plain `--demo` launch; None otherwise, or when a console may
    already hold the data folder (its lock file is there): the console then starts the platform itself
    once it owns the folder, so two platforms never share the demo's database."""
    if "--demo" not in argv or (SUBCOMMANDS | NOT_A_LAUNCH) & set(argv):
        return None
    from .store.location import data_root, demo_dir
    from .sync.demo import DEMO_REFUNDS, DemoPlatform
    flag = _data_flag(argv)
    if (data_root(flag) / "console.lock").exists():
        return None
    try:
        folder = demo_dir(flag)
        folder.mkdir(parents=True, exist_ok=True)
        return DemoPlatform(folder / "demo-platform.db", refunds=DEMO_REFUNDS)
    except OSError:
        return None
