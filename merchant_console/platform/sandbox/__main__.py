"""`python -m merchant_console.platform.sandbox`: the same as `merchant-console sandbox`."""

from __future__ import annotations

import argparse

from . import SandboxConfig, serve


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m merchant_console.platform.sandbox",
                                description="Run the sandbox card platform (prints one JSON line, then serves).")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--refunds", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--db", default=None, help="SQLite file; a restart on it keeps the platform's state")
    p.add_argument("--images", choices=("realistic", "small", "none"), default="realistic")
    a = p.parse_args(argv)
    serve(SandboxConfig(refunds=a.refunds, seed=a.seed, db_path=a.db, images=a.images), a.host, a.port)


if __name__ == "__main__":
    main()
