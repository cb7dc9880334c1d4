"""The one entry point, `merchant-console`: the GUI by default, headless subcommands for scripts.

Exit codes: 0 ok, 1 failed, 2 usage, 3 incomplete (`sync --once` ran out of time or the platform
was unreachable; what was synced is kept, run it again).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from . import __version__, workbench
from .core.clock import ServerClock, format_rfc3339
from .core.display_text import visible
from .core.money import fen_to_yuan_str
from .core.policy import ACTIONS, DecisionDraft
from .core.status import status_label
from .platform.client import PlatformClient, is_loopback
from .platform.credentials import CredentialError, delete_token, save_token
from .platform.outcomes import Ok, Retryable
from .store import audit, conversation, outbox, refunds, state
from .store.engine import Database, DatabaseProblem, problem_of, repair
from .store.location import Profile, Profiles, data_dir, open_log
from .sync.engine import SyncError
from .sync.listener import SyncListener
from .workbench import Refused
from .workbench import conversation as talk
from .workbench.session import (
    Session,
    SessionError,
    check_database,
    checked_url,
    env_override,
    env_profile,
    open_engine,
    open_signed_in,
    outcome_text,
)

log = logging.getLogger("merchant_console")

OK, FAILED, USAGE, INCOMPLETE = 0, 1, 2, 3
SYNC_ONCE_BUDGET_S = 900.0  # `sync --once` ends within about this long against any platform (--max-time)


class CliError(Exception):
    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="merchant-console",
                                description="Merchant Console (商家退款工作台): handle buyers' refund requests.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--data-dir", metavar="DIR", help="where data lives (else $MERCHANT_CONSOLE_DATA, "
                                                     "else the platform's data folder)")
    p.add_argument("--demo", action="store_true", help="open the console on the embedded sandbox platform")
    p.add_argument("--self-test", action="store_true", help="check the installation and exit")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log output on stderr")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = sub.add_parser("sandbox", help="run the sandbox platform server")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--allow-remote", action="store_true",
                   help="let --host be an address other computers can reach (the sandbox has no sign-in "
                        "for its /sandbox/* controls)")
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--refunds", type=_nonneg_int, default=300, metavar="N")
    s.add_argument("--seed", type=int, default=1, metavar="S")
    s.add_argument("--db", metavar="FILE", help="keep the platform's state in this SQLite file")
    # for the demo, which runs the sandbox as its child process
    s.add_argument("--predraw", action="store_true", help=argparse.SUPPRESS)
    s.add_argument("--until-stdin-closes", action="store_true", help=argparse.SUPPRESS)
    s.add_argument("--images", choices=("realistic", "small", "none"), default="realistic",
                   help="evidence images: full-size phone screenshots, small ones, or none")

    s = sub.add_parser("login", help="sign in to a platform; reads the token from standard input")
    s.add_argument("--url", required=True, help="the platform's root URL, e.g. https://platform.example")
    sub.add_parser("logout", help="forget the active profile's token")

    s = sub.add_parser("sync", help="pull changes, prefetch evidence, push the outbox")
    s.add_argument("--once", action="store_true", help="one round, then exit (default: keep syncing)")
    s.add_argument("--no-evidence", action="store_true", help="do not prefetch evidence images")
    s.add_argument("--max-time", type=_positive_float, default=SYNC_ONCE_BUDGET_S, metavar="SECONDS",
                   help=f"with --once: stop after this long, keeping what was synced (default {SYNC_ONCE_BUDGET_S:g})")

    s = sub.add_parser("status", help="refunds by status, outbox, quarantine, last sync, clock offset")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("inspect", help="a refund's facts, risk signals and the text read from its evidence")
    s.add_argument("refund_id")
    s.add_argument("--json", action="store_true")
    s.add_argument("--read", action="store_true", help="first read its unread images (offline, in a worker process)")
    s.add_argument("--lang", choices=("en", "zh"), default="en")

    s = sub.add_parser("decide", help="decide a refund (queued in the outbox; the next sync uploads it)")
    s.add_argument("refund_id")
    s.add_argument("action", choices=ACTIONS)
    s.add_argument("--amount-fen", type=int, metavar="N", help="amount in fen (分), required for partial")
    s.add_argument("--reason-code", metavar="C")
    s.add_argument("--reason", metavar="TEXT", help="the reason the buyer reads")
    s.add_argument("--if-version", type=int, metavar="N",
                   help="decide only if the refund is still at version N (as `thread REFUND --json` shows it); "
                        "refused, nothing saved, when it changed since")

    # v1.1, the after-sale conversation (协商): each goes through the outbox like a decision
    s = sub.add_parser("thread", help="a refund's conversation, proposals, extension and evidence requests")
    s.add_argument("refund_id")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("message", help="write to the buyer (queued in the outbox; the next sync uploads it)")
    s.add_argument("refund_id")
    s.add_argument("--text", required=True)
    s.add_argument("--image", action="append", default=[], metavar="FILE",
                   help="attach an image (shrunk to the platform's limit, metadata stripped); repeatable")
    s = sub.add_parser("propose", help="propose a partial refund or a re-issued card; the buyer answers")
    s.add_argument("refund_id")
    s.add_argument("kind", choices=("partial", "reissue"))
    s.add_argument("--amount-fen", type=int, metavar="N",
                   help="partial: the amount in fen (分); without it, the card's remaining value is proposed")
    s.add_argument("--message", required=True, metavar="TEXT", help="what the buyer reads")
    s.add_argument("--image", action="append", default=[], metavar="FILE",
                   help="attach an image (shrunk to the platform's limit, metadata stripped); repeatable")
    s = sub.add_parser("extend", help="ask the platform for more time to decide (once, where allowed)")
    s.add_argument("refund_id")
    s.add_argument("--hours", type=int, required=True, metavar="H")
    s.add_argument("--reason-code", required=True, metavar="CODE",
                   help="checking_with_supplier, awaiting_buyer_info, holiday or other")
    s.add_argument("--reason", required=True, metavar="TEXT")
    s = sub.add_parser("answer", help="answer customer service's evidence request")
    s.add_argument("refund_id")
    s.add_argument("--request", required=True, metavar="REQUEST_ID")
    s.add_argument("--text", required=True)
    s.add_argument("--image", action="append", default=[], metavar="FILE")

    s = sub.add_parser("report", help="export a decision report (managers and owners)")
    s.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    s.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    s.add_argument("--staff", metavar="ID", help="only this staff member's decisions")
    s.add_argument("--format", dest="fmt", choices=("csv", "xlsx", "pdf"), required=True)
    s.add_argument("-o", "--output", required=True, metavar="FILE")

    s = sub.add_parser("audit", help="the tamper-evident audit log")
    s.add_argument("audit_command", choices=("verify",))

    s = sub.add_parser("repair", help="rebuild a damaged database from its latest good backup (or afresh), "
                                      "keeping waiting decisions and the audit log; the next sync fills it again")
    s.add_argument("--force", action="store_true", help="rebuild even when the database checks sound")
    return p


def _positive_float(text: str) -> float:
    v = float(text)
    if not v > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return v


def _nonneg_int(text: str) -> int:
    v = int(text)
    if v < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return v


def main(argv: list[str] | None = None, *, demo_platform=None) -> int:
    """`demo_platform`: the demo's platform process, started by `entry` before this module loaded."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _streams_for_a_windowed_app(args.data_dir)
    logging.basicConfig(level=logging.WARNING - 10 * min(args.verbose, 2), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        if args.self_test:
            from .gui.selftest import run_self_test
            return run_self_test()
        if args.command is None:
            from .gui import platform_check
            problem = platform_check.check_before_qt()
            if problem:  # Qt would abort naming one library; say all of them and how to install them
                print(problem, file=sys.stderr)
                return FAILED
            try:
                from .gui.app import run_gui
            except ImportError as e:
                told = platform_check.explain_import_error(e)
                if told is None:
                    raise
                print(told, file=sys.stderr)
                return FAILED
            return run_gui(data_dir_flag=args.data_dir, demo=args.demo, demo_platform=demo_platform)
        handler = {"sandbox": cmd_sandbox, "login": cmd_login, "logout": cmd_logout, "sync": cmd_sync,
                   "status": cmd_status, "inspect": cmd_inspect, "decide": cmd_decide, "report": cmd_report,
                   "thread": cmd_thread, "message": cmd_message, "propose": cmd_propose, "extend": cmd_extend,
                   "answer": cmd_answer,
                   "audit": cmd_audit, "repair": cmd_repair}[args.command]
        return handler(args)
    except CliError as e:
        print(f"merchant-console: {e}", file=sys.stderr)
        return e.code
    except (DatabaseProblem, DBAPIError, sqlite3.Error, OSError) as e:
        # a full disk, a read-only folder, a damaged file: say so plainly, no traceback
        db_problem = problem_of(e)
        if db_problem is None:
            raise
        log.debug("database problem", exc_info=e)
        print(f"merchant-console: {db_problem}", file=sys.stderr)
        return FAILED
    except CredentialError as e:
        print(f"merchant-console: {e}", file=sys.stderr)
        return FAILED
    except KeyboardInterrupt:
        return FAILED


def _streams_for_a_windowed_app(data_dir_flag: str | None) -> None:
    """A windowed executable (Windows, macOS app) has no stdout/stderr: give it the log file instead, so
    the self-test's report, warnings and tracebacks land somewhere a person can read them."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    try:
        stream = open_log(data_dir(data_dir_flag))
    except OSError:
        stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream


# --- sessions ------------------------------------------------------------------------------

def open_session(args, *, online: bool) -> Session:
    """The env override (scripts) or the active profile, its database checked; `online` also builds a client."""
    try:
        session = open_signed_in(data_dir(args.data_dir), online=online, deadline=getattr(args, "deadline", None))
    except SessionError as e:
        raise CliError(str(e), USAGE if e.usage else FAILED) from None
    check_database(session)
    return session


def _offline_profile(args: argparse.Namespace) -> tuple[Profile, Path]:
    """The profile a command works on and its folder, without opening anything."""
    root = data_dir(args.data_dir)
    profiles = Profiles(root)
    profile: Profile | None
    try:
        env = env_override()
        if env is not None:
            profile = env_profile(root, env[0])
        else:
            profile = profiles.active()
            if profile is None:
                raise CliError("not signed in: nothing to repair")
    except SessionError as e:
        raise CliError(str(e), USAGE if e.usage else FAILED) from None
    return profile, profiles.folder(profile.key)


def _checked_url(url: str) -> str:
    try:
        return checked_url(url)
    except SessionError as e:
        raise CliError(str(e), USAGE) from None


def _profile_from_me(url: str, me: dict) -> Profile:
    try:
        return Profile.from_me(url, me)
    except ValueError as e:
        raise CliError(str(e)) from None


# --- commands ------------------------------------------------------------------------------

def cmd_sandbox(args) -> int:
    from .sandbox import SandboxConfig, serve
    if not is_loopback(args.host) and not args.allow_remote:
        raise CliError(f"the sandbox's /sandbox/* controls need no sign-in, so it listens on this computer only; "
                       f"--host {args.host} would open it to the network (add --allow-remote if you mean it)", USAGE)
    cfg = SandboxConfig(refunds=args.refunds, seed=args.seed, db_path=args.db, images=args.images)
    serve(cfg, args.host, args.port, predraw=args.predraw, until_stdin_closes=args.until_stdin_closes)
    return OK


def cmd_login(args) -> int:
    url = _checked_url(args.url)
    if sys.stdin is None or sys.stdin.closed:
        raise CliError("give the token on standard input, e.g. `merchant-console login --url URL < token.txt`",
                       USAGE)
    token = sys.stdin.readline().strip()
    if not token:
        raise CliError("no token on standard input", USAGE)
    with PlatformClient(url, token) as client:
        out = client.me()
    if not isinstance(out, Ok):
        raise CliError(f"sign-in failed: {outcome_text(out)}")
    profile = _profile_from_me(url, out.value)
    save_token(url, profile.staff_id, token)
    root = data_dir(args.data_dir)
    Profiles(root).add(profile)
    print(f"Signed in to {profile.merchant_name} ({url}) as {profile.staff_name} [{profile.role}]")
    return OK


def cmd_logout(args) -> int:
    root = data_dir(args.data_dir)
    profiles = Profiles(root)
    profile = profiles.active()
    if profile is None:
        print("Not signed in.")
        return OK
    delete_token(profile.url, profile.staff_id)
    profiles.remove(profile.key)
    print(f"Signed out of {profile.url}. Local data stays in {profiles.folder(profile.key)}")
    return OK


def cmd_sync(args) -> int:
    # `sync --once` ends by --max-time against any platform: signing in, every request and every wait
    args.deadline = time.monotonic() + args.max_time if args.once else None
    session = open_session(args, online=True)
    try:
        session.db.backup_if_due()  # daily, the last 7 (a failed backup never stops a sync)
    except (OSError, sqlite3.Error, DBAPIError) as e:
        log.warning("could not make today's database backup: %s", e)
    stop = threading.Event()
    errors: list[SyncError] = []
    engine = open_engine(session, stop=stop, evidence=not args.no_evidence, listener=_SyncSaid(errors))
    try:
        if args.once:
            try:
                report = engine.sync_once(prefetch=not args.no_evidence,
                                          budget_s=max(0.0, args.deadline - time.monotonic()))
            except SyncError as e:
                if not isinstance(e.outcome, Retryable):
                    raise
                raise CliError(f"sync incomplete: {e}", INCOMPLETE) from None
            _print_report(report)
            with session.db.read() as conn:
                pending = outbox.pending_count(conn)
            if pending:
                print(f"{pending} decision(s) still waiting to be uploaded (the platform is not accepting them yet)")
            return OK
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        engine.run()
        return FAILED if errors and not stop.is_set() else OK
    except SyncError as e:
        raise CliError(f"sync failed: {e}") from None
    finally:
        session.close()



class _SyncSaid(SyncListener):
    """The live sync's failed rounds, said on standard error (and kept: the exit code counts them)."""

    def __init__(self, errors: list[SyncError]) -> None:
        self.errors = errors

    def failed(self, error: SyncError) -> None:
        self.errors.append(error)
        print(f"sync: {error}", file=sys.stderr)


def _print_report(report) -> None:
    print(f"pulled {report.refunds} refund(s) in {report.pages} page(s)"
          + (" (full resync)" if report.full_resync else ""))
    if report.quarantined:
        print(f"quarantined {report.quarantined} malformed record(s); see `merchant-console status`")
    if report.pushed:
        print("outbox: " + ", ".join(f"{k} {v}" for k, v in sorted(report.pushed.items())))
    if report.evidence_fetched or report.evidence_failed:
        print(f"evidence: {report.evidence_fetched} fetched, {report.evidence_failed} unusable")
    if report.announcement:
        print(f"platform notice: {report.announcement}")


def collect_status(db: Database) -> dict:
    with db.read() as conn:
        by_status = refunds.count_by_status(conn)
        st = state.load_state(conn)
        return {
            "refunds": sum(by_status.values()),
            "by_status": by_status,
            "outbox": outbox.counts_by_state(conn),
            "quarantined": state.quarantine_count(conn),
            "cleaned": state.cleaned_count(conn),
            "database": "ok",  # checked (quick_check) when the session opened: a damaged file stops there
            "last_sync": format_rfc3339(st["last_sync_at"]) if st["last_sync_at"] else None,
            "clock_offset_ms": st["clock_offset_ms"] or 0,
            # v1.1: proposals the buyer is answering, buyers waiting for a reply, open evidence requests
            "conversation": conversation.counts(conn, ServerClock(st["clock_offset_ms"] or 0).now_ms()),
        }


def cmd_status(args) -> int:
    session = open_session(args, online=False)
    try:
        info = collect_status(session.db)
    finally:
        session.close()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, sort_keys=True))
        return OK
    p = session.profile
    print(f"{p.merchant_name} — {p.staff_name} [{p.role}] at {p.url}")
    print(f"refunds: {info['refunds']}")
    for code, n in sorted(info["by_status"].items(), key=lambda kv: -kv[1]):
        print(f"  {status_label(code)} ({code}): {n}")
    print("outbox: " + (", ".join(f"{k} {v}" for k, v in sorted(info["outbox"].items())) or "empty"))
    print(f"quarantined records: {info['quarantined']}; shown with cleaned text: {info['cleaned']}")
    print(f"database: {info['database']} (daily backups in {session.db.backup_folder})")
    print(f"last sync: {info['last_sync'] or 'never'}; clock offset {info['clock_offset_ms']} ms")
    talk = info["conversation"]
    print(f"negotiating: {talk['negotiating']}; buyers waiting for a reply: {talk['buyer_waiting']}; "
          f"evidence requests open: {talk['evidence_requested']}")
    return OK


def cmd_inspect(args) -> int:
    from .evidence.inspection import NoSuchRefund, as_text, inspect_refund
    session = open_session(args, online=False)
    try:
        if args.read:
            from .evidence.text_worker import BackgroundReading
            from .store import evidence_reading as er
            cache = session.cache()

            def cached(sha: str):
                return cache.path(sha, int(time.time() * 1000))

            reading = BackgroundReading(session.db, cached)
            try:
                with session.db.read() as conn:
                    shas = {e["sha256"] for e in refunds.evidence_of(conn, args.refund_id)}
                    have = set(er.text_of(conn, shas))
                for sha in sorted(shas - have):
                    path = cached(sha)
                    if path is not None:
                        reading._read_one(sha, path)
            finally:
                reading.stop()
        with session.db.read() as conn:
            try:
                info = inspect_refund(conn, args.refund_id, args.lang)
            except NoSuchRefund:
                raise CliError(f"no refund {args.refund_id}", USAGE) from None
    finally:
        session.close()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, sort_keys=True))
    else:
        print(as_text(info))
    return OK


def cmd_decide(args) -> int:
    session = open_session(args, online=False)
    try:
        return _decide(session, args)
    finally:
        session.close()


def _decide(session: Session, args) -> int:
    draft = DecisionDraft(args.action, args.amount_fen, args.reason_code, args.reason)
    result = workbench.decide(session.db, args.refund_id, draft, seen_version=args.if_version)
    if isinstance(result, Refused):
        if result.fields:
            raise CliError("decision not saved:\n" + "\n".join(f"  {k}: {v}" for k, v in result.fields.items()))
        raise CliError(result.message if result.code in ("never_synced", "role", "unknown_refund")
                       else f"decision not saved: {result.message}")
    with session.db.read() as conn:
        refund = refunds.get_refund(conn, args.refund_id)
    if refund is None:   # recorded a moment ago: only a repair running beside us could take it away
        raise CliError(f"decision #{result.value} saved, but refund {args.refund_id} is no longer here")
    amount = args.amount_fen if args.amount_fen is not None else refund["requested_fen"]
    print(f"decision #{result.value} saved: {args.action} {fen_to_yuan_str(amount, symbol=True)} on "
          f"{refund['order_no']}; the next `merchant-console sync` uploads it")
    return OK


# --- the after-sale conversation (v1.1) -------------------------------------------------------

def _conversation_action(args, act) -> int:
    """Run one workbench conversation action; refusals exit 1 as `decide`'s do."""
    session = open_session(args, online=False)
    try:
        result = act(session)
        if isinstance(result, Refused):
            if result.fields:
                raise CliError("not saved:\n" + "\n".join(f"  {k}: {v}" for k, v in result.fields.items()))
            raise CliError(result.message if result.code in ("never_synced", "role", "unknown_refund")
                           else f"not saved: {result.message}")
        return result
    finally:
        session.close()


def _images(session: Session, paths: list[str]) -> list[dict]:
    if not paths:
        return []
    prepared = talk.prepare_images(session.db, paths, session.folder)
    if isinstance(prepared, Refused):
        raise CliError(f"not saved: {prepared.message}")
    return prepared.value


def cmd_message(args) -> int:
    def act(session):
        out = talk.send_message(session.db, args.refund_id, args.text, attachments=_images(session, args.image))
        if isinstance(out, Refused):
            return out
        print(f"message saved (outbox #{out.value}); the next `merchant-console sync` sends it")
        return OK
    return _conversation_action(args, act)


def cmd_propose(args) -> int:
    def act(session):
        out = talk.propose(session.db, args.refund_id, args.kind, args.message, amount_fen=args.amount_fen,
                           attachments=_images(session, args.image))
        if isinstance(out, Refused):
            return out
        with session.db.read() as conn:
            [item] = [i for i in conversation.open_items(conn, args.refund_id) if i["id"] == out.value]
        what = (f"partial refund {fen_to_yuan_str(item['body']['amount_fen'], symbol=True)}" if args.kind == "partial"
                else "a re-issued card")
        print(f"proposal saved (outbox #{out.value}): {what}; the next `merchant-console sync` sends it and the "
              "buyer answers before the platform's deadline")
        return OK
    return _conversation_action(args, act)


def cmd_extend(args) -> int:
    def act(session):
        out = talk.ask_for_time(session.db, args.refund_id, args.hours, args.reason_code, args.reason)
        if isinstance(out, Refused):
            return out
        with session.db.read() as conn:
            refund = refunds.get_refund(conn, args.refund_id)
        print(f"request for {args.hours} h more saved (outbox #{out.value}); the deadline becomes "
              f"{format_rfc3339(refund['due_at'] + args.hours * 3_600_000)} once the next sync uploads it")
        return OK
    return _conversation_action(args, act)


def cmd_answer(args) -> int:
    def act(session):
        out = talk.answer_evidence_request(session.db, args.refund_id, args.request, args.text,
                                           attachments=_images(session, args.image))
        if isinstance(out, Refused):
            return out
        print(f"answer saved (outbox #{out.value}); the next `merchant-console sync` uploads it")
        return OK
    return _conversation_action(args, act)


def cmd_thread(args) -> int:
    session = open_session(args, online=False)
    try:
        with session.db.read() as conn:
            refund = refunds.get_refund(conn, args.refund_id)
            if refund is None:
                raise CliError(f"no refund {args.refund_id!r} in the local database (sync first, or check the id)")
            info = {"refund_id": refund["id"], "status": refund["status"], "version": refund["version"],
                    "messages": conversation.thread_of(conn, args.refund_id),
                    "proposals": conversation.proposals_of(conn, args.refund_id),
                    "extension": refund["extension"],
                    "evidence_requests": conversation.requests_of(conn, args.refund_id),
                    "waiting_to_upload": [{"id": i["id"], "kind": i["kind"], "attempts": i["attempts"]}
                                          for i in conversation.open_items(conn, args.refund_id)]}
    finally:
        session.close()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, sort_keys=True, default=str))
        return OK
    print(f"{refund['order_no']} {visible(refund['product_name'])} — {status_label(refund['status'])}")
    who = {"buyer": "买家 buyer", "merchant": "商家 merchant", "platform": "平台客服 customer service"}
    for m in info["messages"]:
        mark = " (waiting to upload)" if m["pending"] else (f" ({m['state']}: {m['error']})" if m["error"] else "")
        images = f" [{len(m['evidence_ids']) + len(m.get('attachments') or [])} image(s)]" \
            if m["evidence_ids"] or m.get("attachments") else ""
        sender = who.get(m["sender"], m["sender"])
        print(f"{format_rfc3339(m['at'])}  {sender}{mark}: {visible(m['text'], multiline=True)}{images}")
    for p in info["proposals"]:
        amount = fen_to_yuan_str(p["amount_fen"], symbol=True) if p["amount_fen"] is not None else "re-issued card"
        print(f"proposal round {p['round']}: {p['kind']} {amount}, {p['state']} "
              f"(answer by {format_rfc3339(p['respond_by'])})")
    if refund["extension"]:
        print(f"extended by {refund['extension']['hours']} h ({refund['extension']['reason_code']})")
    for q in info["evidence_requests"]:
        state_ = "answered" if q["answered_at"] else f"answer by {format_rfc3339(q['due_at'])}"
        print(f"evidence request {q['id']} ({state_}): {visible(q['question'], multiline=True)}")
    for i in info["waiting_to_upload"]:
        print(f"waiting to upload: {i['kind']} (outbox #{i['id']}, {i['attempts']} attempt(s))")
    return OK


def cmd_report(args) -> int:
    from .reports.command import export_report
    session = open_session(args, online=False)
    try:
        return export_report(session.db, args)
    finally:
        session.close()


def cmd_audit(args) -> int:
    session = open_session(args, online=False)
    try:
        with session.db.read() as conn:
            report = audit.verify(conn)
    finally:
        session.close()
    if report.ok:
        print(f"audit log intact: {report.entries} entries"
              + ("" if report.keyed or not report.entries else
                 " (not signed: this computer's keychain holds no key for it, so a deliberate rewrite "
                 "would not show)"))
        return OK
    print(f"audit log BROKEN at entry {report.first_bad_seq}: {report.problem}", file=sys.stderr)
    return FAILED


def cmd_repair(args) -> int:
    profile, folder = _offline_profile(args)
    path = folder / "console.db"
    if not path.exists():
        raise CliError(f"there is no database to repair in {folder}")
    db = Database(path)
    problem = db.check()
    db.close()
    if problem is None and not args.force:
        print(f"the database checks sound; nothing to repair ({path}). --force rebuilds it anyway.")
        return OK
    report = repair(path)
    print(f"repaired {path}")
    print("  started from " + (f"the backup {report.restored_from.name}" if report.restored_from
                               else "an empty database (no good backup)"))
    kept = ", ".join(f"{t} {n}" for t, n in report.kept.items() if n)
    print(f"  kept from the damaged file: {kept or 'nothing readable'}")
    if report.lost:
        print(f"  could not read (taken from the backup if any): {', '.join(report.lost)}")
    if report.damaged_copy is not None:
        print(f"  the damaged file is kept as {report.damaged_copy.name}")
    print("run `merchant-console sync --once` to bring the refunds back from the platform")
    return OK


# --- demo and self-test --------------------------------------------------------------------

if __name__ == "__main__":
    sys.exit(main())
