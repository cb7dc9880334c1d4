"""The attack table of issue 14: `sync --once` against a misbehaving platform, one attack at a time.

    python -m tests.hostile.attacks [--max-time S] [--tree DIR]

Each attack runs the real command line in its own process (env-mode token, a fresh data folder)
against the hostile platform on 127.0.0.1 and records its exit code, wall time, peak RSS and
whether a traceback reached stderr. `--tree` runs another checkout (e.g. the code before the fix);
a run that outlives `--kill-after` seconds is killed and counted as a hang.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .platform import HostilePlatform, refund_doc

TOKEN = "attack-token-0123456789"
RSS = ("import resource, sys\nfrom merchant_console.cli import main\nrc = 1\ntry:\n    rc = main(sys.argv[1:])\n"
       "finally:\n    print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
       "sys.exit(rc)\n")


def _page(items):
    return {"items": items, "next_cursor": "end", "has_more": False}


def changes(fn):
    def route(h):
        if h.query.get("cursor") == "end":
            return h.send_json(_page([]))
        fn(h)
    return {"GET /api/v1/refunds/changes": route}


def drip_headers(h):
    h.close_connection = True
    h.drip(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}" * 1000, 0.5)


def drip_body(h):
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Length", str(10**6))
    h.end_headers()
    h.drip(b" " * 10**6, 0.05)


def huge_page(h):
    h.send_response(200)
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    pad = "x" * 100_000
    h.wfile.write(b"%x\r\n%s\r\n" % (10, b'{"items":['))
    for i in range(1000):  # ~100 MB
        chunk = (json.dumps(refund_doc(f"r_{i}", padding=pad)) + ",").encode()
        h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    tail = b'{}], "next_cursor": "end", "has_more": false}'
    h.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(tail), tail))


def deep(h):
    h.send_json(None, raw=b'{"items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def reset_mid_body(h):
    h.send_response(200)
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(b'{"items": [')
    h.close_connection = True
    h.connection.shutdown(2)


def odd_docs():
    docs = [refund_doc(rid) for rid in ("r/1", "r?x", "r#f", "r%2e", "r\\w", ".", "..", "r\u202eexe.png")]
    docs.append(refund_doc("r_nul", **{"product.name": "Q币\x00\u202e", "reason": "x" * 100_000}))
    docs.append(refund_doc("r_ok"))
    return docs


def surrogate(h):
    raw = json.dumps(refund_doc("r_sur")).replace('"App Store', '"\\ud800App Store')
    h.send_json(None, raw=('{"items": [' + raw + '], "next_cursor": "end", "has_more": false}').encode())


ATTACKS = {
    "unsafe ids + odd fields": changes(lambda h: h.send_json(_page(odd_docs()))),
    "lone surrogate in a refund": changes(surrogate),
    "JSON nested 100 000 deep": changes(deep),
    "not JSON": changes(lambda h: h.send_json(None, raw=b"<html>hello</html>")),
    "100 MB page (chunked)": changes(huge_page),
    "1 byte / 0.5 s headers on /me": {"GET /api/v1/me": drip_headers},
    "20 B/s body on changes": changes(drip_body),
    "429 Retry-After 3600": changes(lambda h: h.send_json({"error": {"code": "rate_limited"}}, 429,
                                                          headers={"Retry-After": "3600"})),
    "503 maintenance forever": changes(lambda h: h.send_json({"error": {"code": "maintenance", "message": "m"}},
                                                             503, headers={"Retry-After": "600"})),
    "connection reset mid-body": changes(reset_mid_body),
    "redirect to another host": changes(lambda h: h.send_json({}, 302, headers={"Location": "http://evil.test/"})),
}


def run_attack(name: str, routes: dict, *, tree: Path, max_time: float, kill_after: float, proxy: bool) -> dict:
    with HostilePlatform() as hp:
        hp.routes.update(routes)
        with tempfile.TemporaryDirectory() as data:
            env = dict(os.environ, MERCHANT_CONSOLE_URL=hp.url, MERCHANT_CONSOLE_TOKEN=TOKEN,
                       MERCHANT_CONSOLE_DATA=data, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen",
                       PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
            argv = [sys.executable, "-c", RSS, "sync", "--once", "--no-evidence"]
            if max_time:
                argv += ["--max-time", str(max_time)]
            started = time.monotonic()
            try:
                p = subprocess.run(argv, cwd=tree, env=env, capture_output=True, text=True, timeout=kill_after)
                code, err = p.returncode, p.stderr
            except subprocess.TimeoutExpired as e:
                code, err = "hang", (e.stderr or b"").decode(errors="replace") if isinstance(e.stderr, bytes) \
                    else (e.stderr or "")
            elapsed = time.monotonic() - started
    rss = next((int(line.split()[1]) for line in err.splitlines() if line.startswith("PEAK_RSS_KB")), None)
    last = [ln for ln in err.splitlines() if ln and not ln.startswith("PEAK_RSS_KB")]
    return {"attack": name, "exit": code, "seconds": round(elapsed, 1), "peak_rss_mb": rss and round(rss / 1024),
            "traceback": "Traceback" in err, "said": (last[-1] if last else "")[:110]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", default=str(Path(__file__).resolve().parents[2]))
    ap.add_argument("--max-time", type=float, default=0, help="pass --max-time to sync --once (0: its default)")
    ap.add_argument("--kill-after", type=float, default=1200)
    ap.add_argument("--only", default=None)
    a = ap.parse_args()
    rows = []
    for name, routes in ATTACKS.items():
        if a.only and a.only not in name:
            continue
        row = run_attack(name, routes, tree=Path(a.tree), max_time=a.max_time, kill_after=a.kill_after,
                         proxy=False)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    crashes = sum(1 for r in rows if r["traceback"] or r["exit"] == "hang")
    print(json.dumps({"attacks": len(rows), "crashes_or_hangs": crashes,
                      "peak_rss_mb": max((r["peak_rss_mb"] or 0) for r in rows),
                      "longest_s": max(r["seconds"] for r in rows)}))


if __name__ == "__main__":
    main()
