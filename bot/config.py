"""Settings from newsbot.yaml and the environment, validated once at start.

Everything the worker needs is decided here, so a bad config fails at start
with FILE:LINE rather than an hour later inside a job. The Slack token is held
in a `Secret`, whose repr and str never show it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.config_feeds import expand_query_feeds, parse_duration, parse_feeds, parse_query_feeds
from bot.models import FeedConfig, Problem
from bot.watchlist import is_channel
from bot.yamlnodes import line_of, load_yaml_nodes

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///state/newsbot.db"
TOP_KEYS = {"watchlists", "feeds", "query_feeds", "slack", "worker", "dedupe", "detect"}
DETECT_KEYS = {"learned_fallback"}
SLACK_KEYS = {"default_channel", "ops_channel", "min_interval"}
WORKER_KEYS = {"poll_every", "deliver_every", "concurrency", "heartbeat", "host_gap"}
DEDUPE_KEYS = {"event_window"}


class Secret:
    """A string that never prints itself."""

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True)
class Settings:
    path: Path
    watchlists_dir: Path
    feeds: tuple[FeedConfig, ...]
    # query feeds expand per watched entity once watchlists are loaded
    query_feeds: tuple[dict[str, Any], ...] = ()
    default_channel: str = ""
    ops_channel: str = ""
    slack_token: Secret = field(default_factory=lambda: Secret(""))
    slack_api_url: str = DEFAULT_SLACK_API_URL
    slack_min_interval_s: float = 1.0
    database_url: str = DEFAULT_DATABASE_URL
    allow_private: bool = False
    poll_every_s: int = 60
    deliver_every_s: int = 15
    concurrency: int = 4
    host_gap_s: float = 1.0  # pause between two requests to one host
    heartbeat_path: Path = Path("state/heartbeat")
    # Rumour, announcement and coverage of one deal spread over weeks: the story
    # groups in tests/data/story_groups.jsonl have gaps up to 25 days within an
    # event; a completion months later is news again (bench/eval_dedupe.py).
    event_window_s: int = 30 * 24 * 3600
    # The learned model for texts no rule reads (bot/detect_model.py); off = rules only.
    learned_fallback: bool = True


def watchlists_dir_of(path: Path) -> Path | None:
    """Where the watchlists are, even when the rest of the config has errors,
    so `newsbot check` reports the watchlists' problems in the same run."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    folder = data.get("watchlists", "watchlists/") if isinstance(data, dict) else "watchlists/"
    if not isinstance(folder, str) or not (path.parent / folder).is_dir():
        return None
    return (path.parent / folder).resolve()


def config_path(cli_value: str | None, env: Mapping[str, str]) -> Path:
    return Path(cli_value or env.get("NEWSBOT_CONFIG") or "newsbot.yaml")


def load_settings(
    path: Path, env: Mapping[str, str] | None = None
) -> tuple[Settings | None, list[Problem]]:
    """Reads and validates; returns every problem found, not just the first."""
    env = os.environ if env is None else env
    problems: list[Problem] = []
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        return None, [Problem(where, 0, f"cannot read the config file: {e.strerror or e}")]
    try:
        data, node = load_yaml_nodes(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return None, [Problem(where, line, f"not valid YAML: {getattr(e, 'problem', e)}")]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [
            Problem(where, 1, "the config must be a mapping of keys (watchlists, feeds, slack)")
        ]

    def err(keys: tuple[Any, ...], message: str, severity: str = "error") -> None:
        problems.append(Problem(where, line_of(node, keys), message, severity))  # type: ignore[arg-type]

    for key in data:
        if key not in TOP_KEYS:
            err((key,), f"unknown key '{key}' (known: {', '.join(sorted(TOP_KEYS))})")

    base = path.parent
    wl = data.get("watchlists", "watchlists/")
    if not isinstance(wl, str) or not wl:
        err(("watchlists",), "watchlists must be a folder path, e.g. watchlists/")
        wl = "watchlists/"
    watchlists_dir = (base / wl).resolve()
    if not watchlists_dir.is_dir():
        err(("watchlists",), f"watchlists folder {watchlists_dir} does not exist")

    feeds = parse_feeds(data.get("feeds", []), err)
    queries = parse_query_feeds(data.get("query_feeds", []), err)
    slack = _section(data, "slack", SLACK_KEYS, err)
    worker = _section(data, "worker", WORKER_KEYS, err)
    dedupe = _section(data, "dedupe", DEDUPE_KEYS, err)
    detect_section = _section(data, "detect", DETECT_KEYS, err)
    learned = detect_section.get("learned_fallback", True)
    if not isinstance(learned, bool):
        err(("detect", "learned_fallback"), "learned_fallback must be true or false")
        learned = True

    default_channel = str(slack.get("default_channel", "") or "")
    ops_channel = str(slack.get("ops_channel", "") or "")
    for key, value in (("default_channel", default_channel), ("ops_channel", ops_channel)):
        if value and not is_channel(value):
            err(("slack", key), f"'{value}' is not a Slack channel: use '#name' or a channel ID")

    def seconds(section: dict[str, Any], name: str, keys: tuple[str, ...], default: int) -> int:
        if name not in section:
            return default
        value = parse_duration(section[name])
        if value is None:
            err(keys, f"{name} must be a duration like 30s, 15m, 1h or 7d")
            return default
        return value

    concurrency = worker.get("concurrency", 4)
    if (
        not isinstance(concurrency, int)
        or isinstance(concurrency, bool)
        or not 1 <= concurrency <= 32
    ):
        err(("worker", "concurrency"), "concurrency must be a whole number from 1 to 32")
        concurrency = 4
    host_gap = worker.get("host_gap", 1.0)
    if not isinstance(host_gap, int | float) or isinstance(host_gap, bool) or host_gap < 0:
        err(("worker", "host_gap"), "host_gap must be a number of seconds >= 0")
        host_gap = 1.0
    min_interval = slack.get("min_interval", 1.0)
    if (
        not isinstance(min_interval, int | float)
        or isinstance(min_interval, bool)
        or min_interval < 0
    ):
        err(("slack", "min_interval"), "min_interval must be a number of seconds >= 0")
        min_interval = 1.0

    settings = Settings(
        path=path,
        watchlists_dir=watchlists_dir,
        feeds=tuple(feeds),
        query_feeds=tuple(queries),
        default_channel=default_channel,
        ops_channel=ops_channel,
        slack_token=Secret(env.get("SLACK_BOT_TOKEN", "").strip()),
        # slack_sdk joins method names onto this URL: without a final "/" the
        # last segment is dropped ("https://x/api" + "chat.postMessage" -> /chat.postMessage).
        slack_api_url=(env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL).rstrip("/") + "/",
        slack_min_interval_s=float(min_interval),
        database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
        allow_private=env.get("NEWSBOT_ALLOW_PRIVATE_NETWORKS", "") == "1",
        poll_every_s=seconds(worker, "poll_every", ("worker", "poll_every"), 60),
        deliver_every_s=seconds(worker, "deliver_every", ("worker", "deliver_every"), 15),
        concurrency=concurrency,
        host_gap_s=float(host_gap),
        heartbeat_path=Path(str(worker.get("heartbeat", "state/heartbeat"))),
        event_window_s=seconds(dedupe, "event_window", ("dedupe", "event_window"), 30 * 86400),
        learned_fallback=learned,
    )
    has_errors = any(p.severity == "error" for p in problems)
    return (None if has_errors else settings), problems


def _section(data: dict[str, Any], name: str, known: set[str], err: Any) -> dict[str, Any]:
    value = data.get(name) or {}
    if not isinstance(value, dict):
        err((name,), f"{name} must be a mapping")
        return {}
    for key in value:
        if key not in known:
            err((name, key), f"unknown key '{key}' in {name} (known: {', '.join(sorted(known))})")
    return value


__all__ = ["Secret", "Settings", "expand_query_feeds", "load_settings", "parse_duration"]
