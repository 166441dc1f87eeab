"""The `newsbot` command: wiring only; each command's work lives in its module."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from bot.config import Settings, config_path, load_settings, parse_duration, watchlists_dir_of
from bot.errors import NewsbotError, StoreError
from bot.models import Problem

log = logging.getLogger("newsbot")

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
# One JSON line of `analyze` input is a headline and a lede, not a book.
MAX_ANALYZE_LINE = 1_000_000


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return int(args.func(args))
    except StoreError as e:
        print(f"newsbot: the store cannot be used: {e}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except NewsbotError as e:
        print(f"newsbot: {e}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsbot",
        description="Watches news feeds for relationship changes of watched companies.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config", help="path of newsbot.yaml (default: $NEWSBOT_CONFIG or ./newsbot.yaml)"
    )
    common.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser(
        "run", parents=[common], help="run the worker (until SIGTERM), or one cycle"
    )
    run.add_argument("--once", action="store_true", help="poll every feed once, deliver, exit")
    run.set_defaults(func=cmd_run)

    check = sub.add_parser("check", parents=[common], help="validate the config and watchlists")
    check.set_defaults(func=cmd_check)

    analyze = sub.add_parser("analyze", parents=[common], help="analyze JSON Lines texts, offline")
    analyze.add_argument("file", nargs="?", default="-", help="JSON Lines file, or - for stdin")
    analyze.set_defaults(func=cmd_analyze)

    try_ = sub.add_parser("try", parents=[common], help="explain the analysis of one text or URL")
    try_.add_argument("text", help="a headline and lede, or an article URL")
    try_.set_defaults(func=cmd_try)

    alerts = sub.add_parser("alerts", parents=[common], help="list recent alerts and their state")
    alerts.add_argument("--state", choices=["pending", "sent", "failed"])
    alerts.add_argument("--limit", type=int, default=30)
    alerts.add_argument("--retry", action="store_true", help="re-queue failed alerts, then deliver")
    alerts.set_defaults(func=cmd_alerts)

    replay = sub.add_parser(
        "replay",
        parents=[common],
        help="what the current watchlists would alert on stored articles",
    )
    replay.add_argument("--since", default="7d", help="how far back, e.g. 24h, 7d (default 7d)")
    replay.add_argument("--watchlist", help="only this watchlist")
    replay.set_defaults(func=cmd_replay)

    health = sub.add_parser("health", parents=[common], help="exit 0 if the worker beat recently")
    health.add_argument(
        "--max-age", default="", help="oldest acceptable heartbeat (default 3 poll periods)"
    )
    health.set_defaults(func=cmd_health)
    return p


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # httpx logs every request at INFO; our own lines say what matters.
    for noisy in ("httpx", "httpcore", "apscheduler.executors", "apscheduler.scheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _settings(args: argparse.Namespace) -> Settings:
    path = config_path(args.config, os.environ)
    settings, problems = load_settings(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if settings is None:
        raise NewsbotError(
            f"{path}: the configuration has errors (listed above); run `newsbot check`"
        )
    return settings


def cmd_check(args: argparse.Namespace) -> int:
    from bot.watchlist import load_watchlists

    path = config_path(args.config, os.environ)
    settings, problems = load_settings(path)
    folder = settings.watchlists_dir if settings else watchlists_dir_of(path)
    if folder is not None:
        watchlists, wl_problems = load_watchlists(folder)
        problems += wl_problems
        if not watchlists and not wl_problems:
            problems.append(Problem(str(folder), 0, "no watchlist files (*.yaml) in this folder"))
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors else EXIT_OK


def _open(settings: Settings) -> Any:
    from bot.storage import open_store

    return open_store(
        settings.database_url, event_window=timedelta(seconds=settings.event_window_s)
    )


def _sender(settings: Settings) -> Any:
    if settings.slack_token:
        from bot.deliver.slack import SlackSender

        return SlackSender(
            settings.slack_token.reveal(),
            base_url=settings.slack_api_url,
            min_interval_s=settings.slack_min_interval_s,
        )
    from bot.deliver.console import ConsoleSender

    log.info("SLACK_BOT_TOKEN is not set: alerts are printed here instead of posted")
    return ConsoleSender()


def cmd_run(args: argparse.Namespace) -> int:
    from bot.fetch import make_client
    from bot.worker import Worker

    settings = _settings(args)
    store = _open(settings)
    try:
        with make_client(allow_private=settings.allow_private) as client:
            worker = Worker(settings, store, _sender(settings), client)
            if not worker.watchlists:
                print("newsbot: no watchlist could be loaded; run `newsbot check`", file=sys.stderr)
                return EXIT_CANNOT_RUN
            if args.once:
                report = worker.poll(all_feeds=True)
                delivery = worker.deliver()
                print(
                    f"newsbot: cycle done: {report.summary()}; "
                    f"{delivery.sent} alerts delivered, {delivery.digested} in "
                    f"{delivery.digests} digests, {delivery.replies} thread replies, "
                    f"{delivery.failed} failed, "
                    f"{delivery.deferred} deferred",
                    file=sys.stderr,
                )
                for r in report.failed:
                    print(f"newsbot: feed failed: {r.url}: {r.error}", file=sys.stderr)
                return EXIT_OK
            from bot.scheduler import run_forever

            run_forever(worker)
            return EXIT_OK
    finally:
        store.close()


def _watchlists_or_fail(settings: Settings) -> list[Any]:
    from bot.watchlist import load_watchlists

    watchlists, problems = load_watchlists(settings.watchlists_dir)
    for problem in problems:
        if problem.severity == "error":
            print(problem, file=sys.stderr)
    if not watchlists:
        raise NewsbotError(f"no watchlist could be loaded from {settings.watchlists_dir}")
    return watchlists


def cmd_analyze(args: argparse.Namespace) -> int:
    from bot.analyze import Analyzer
    from bot.models import Article

    settings = _settings(args)
    analyzer = Analyzer(
        _watchlists_or_fail(settings), settings.default_channel, settings.learned_fallback
    )
    try:
        stream: TextIO = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    except OSError as e:
        raise NewsbotError(f"cannot read {args.file}: {e.strerror or e}") from e
    bad = 0
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line[:MAX_ANALYZE_LINE])
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
            except ValueError as e:
                bad += 1
                print(f"{args.file}:{n}: skipped: not a JSON object ({e})", file=sys.stderr)
                continue
            title = str(item.get("title") or "")
            summary = str(item.get("summary") or "")
            if not title and not summary:
                # "text": a headline and lede in one string; as in `try`, a first
                # line followed by more is the headline.
                first, _, rest = str(item.get("text") or "").strip().partition("\n")
                title, summary = (first, rest) if rest.strip() else ("", first)
            article = Article(title, summary, str(item.get("url") or ""), "", None, "", "")
            out = analyzer.analyze(article).to_json(item.get("id", n))
            print(json.dumps(out, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return EXIT_OK if not bad else EXIT_PROBLEMS


def cmd_try(args: argparse.Namespace) -> int:
    from bot.explain import explain

    settings = _settings(args)
    print(explain(args.text, settings, _watchlists_or_fail(settings)))
    return EXIT_OK


def cmd_alerts(args: argparse.Namespace) -> int:
    settings = _settings(args)
    store = _open(settings)
    try:
        if args.retry:
            n = store.retry_failed()
            print(f"{n} failed alert(s) queued again")
            from bot.deliver.outbox import deliver_pending

            report = deliver_pending(
                store,
                _sender(settings),
                now=lambda: datetime.now(UTC),
                ops_channel=settings.ops_channel,
            )
            print(f"{report.sent} sent, {report.failed} failed, {report.deferred} deferred")
        for rec in store.list_alerts(limit=args.limit, state=args.state):
            a = rec.alert
            when = rec.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
            kind = f"{a.event.type}/{a.event.certainty}"
            title = a.article.title[:80]
            line = f"{when}  {rec.state:<7}  {a.channel:<18} {kind}  {a.entity}: {title}"
            if rec.sources > 1:
                line += f"  ({rec.sources} sources)"
            if rec.state != "sent" and rec.last_error:
                line += f"\n{'':>18}last error: {rec.last_error}"
            print(line)
        return EXIT_OK
    finally:
        store.close()


def cmd_replay(args: argparse.Namespace) -> int:
    from bot.replay import replay

    settings = _settings(args)
    seconds = parse_duration(args.since)
    if seconds is None:
        raise NewsbotError(f"--since {args.since!r} is not a duration like 24h or 7d")
    store = _open(settings)
    try:
        print(replay(store, settings, _watchlists_or_fail(settings), seconds, args.watchlist))
    finally:
        store.close()
    return EXIT_OK


def cmd_health(args: argparse.Namespace) -> int:
    settings = _settings(args)
    limit = parse_duration(args.max_age) if args.max_age else 3 * max(settings.poll_every_s, 60)
    path: Path = settings.heartbeat_path
    try:
        beat = datetime.fromisoformat(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        print(f"unhealthy: no heartbeat at {path}")
        return EXIT_PROBLEMS
    age = (datetime.now(UTC) - beat).total_seconds()
    if limit is None or age > limit:
        print(f"unhealthy: last heartbeat {age:.0f}s ago (limit {limit}s)")
        return EXIT_PROBLEMS
    print(f"healthy: last heartbeat {age:.0f}s ago")
    return EXIT_OK
