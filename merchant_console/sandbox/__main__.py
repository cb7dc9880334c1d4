"""`python -m merchant_console.sandbox`: the same as `merchant-console sandbox`."""

from __future__ import annotations

import argparse

from merchant_console.core.clock import parse_rfc3339

from . import SandboxConfig, serve


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m merchant_console.sandbox",
                                description="Run the sandbox card platform (prints one JSON line, then serves).")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--refunds", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--db", default=None, help="SQLite file; a restart on it keeps the platform's state")
    p.add_argument("--images", choices=("realistic", "small", "none"), default="realistic")
    p.add_argument("--start-time", default=None, help="platform time at start, RFC 3339 (default: now)")
    p.add_argument("--pinned-clock", action="store_true",
                   help="platform time never reads the wall clock (start time plus elapsed time) and its "
                        "timers fire only when POST /sandbox/clock/advance moves it")
    p.add_argument("--predraw", action="store_true", help="draw evidence ahead of the feed, in the background")
    p.add_argument("--until-stdin-closes", action="store_true",
                   help="stop when standard input ends (the console's demo runs the sandbox as its child this way)")
    a = p.parse_args(argv)
    start = parse_rfc3339(a.start_time) if a.start_time else None
    serve(SandboxConfig(refunds=a.refunds, seed=a.seed, db_path=a.db, images=a.images, start_time_ms=start,
                        pinned_clock=a.pinned_clock), a.host, a.port,
          predraw=a.predraw, until_stdin_closes=a.until_stdin_closes)


if __name__ == "__main__":
    main()
