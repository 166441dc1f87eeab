"""The feeds of newsbot.yaml: plain feeds, news-search query feeds, and durations.

Validation reports through `err(keys, message, severity)`, the config
loader's callback, so each problem carries the line of the key it is about.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus, urlsplit

import httpx

from bot.models import FeedConfig

DEFAULT_INTERVAL_S = 15 * 60
# Polling a publisher more often than every 5 minutes gets bots blocked
# (USERS.md item 5); tests use loopback feeds and set their own intervals.
MIN_INTERVAL_S = 60
FEED_KEYS = {"url", "name", "interval"}
QUERY_KEYS = {"template", "name", "interval", "watchlists"}
_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def parse_duration(value: object) -> int | None:
    """'15m', '1h30m', '2d', '45s' or a number of seconds -> seconds; None if invalid."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if value > 0 else None
    if not isinstance(value, str):
        return None
    m = _DURATION.match(value.strip().lower())
    if not m or not any(m.groups()):
        return None
    d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    total = d * 86400 + h * 3600 + mi * 60 + s
    return total or None


def _interval(item: dict[str, Any], keys: tuple[Any, ...], err: Any) -> int:
    if "interval" not in item:
        return DEFAULT_INTERVAL_S
    value = parse_duration(item["interval"])
    if value is None:
        err((*keys, "interval"), "interval must be a duration like 15m or 1h")
        return DEFAULT_INTERVAL_S
    if value < MIN_INTERVAL_S:
        err(
            (*keys, "interval"),
            f"interval {value}s is below {MIN_INTERVAL_S}s; polling that often gets bots blocked",
            "warning",
        )
    return value


def url_problem(url: str) -> str:
    """Why a URL cannot be fetched, or "" (the parse httpx and urllib will do later)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises on a port that is not a number
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as e:
        return str(e)
    return "" if parts.hostname else "no host"


def parse_feeds(raw: Any, err: Any) -> list[FeedConfig]:
    if not isinstance(raw, list):
        err(("feeds",), "feeds must be a list of {url: ..., name: ..., interval: ...}")
        return []
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            err(("feeds", i), "each feed must be a mapping with at least url:")
            continue
        for key in item:
            if key not in FEED_KEYS:
                err(("feeds", i, key), f"unknown feed key '{key}' (known: url, name, interval)")
        url = item.get("url")
        if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+", url):
            err(("feeds", i), "feed url must start with http:// or https://")
            continue
        problem = url_problem(url)
        if problem:
            err(("feeds", i), f"feed url {url!r} is not a valid URL: {problem}")
            continue
        if url in seen:
            err(("feeds", i), f"feed {url} is listed twice", "warning")
            continue
        seen.add(url)
        name = item.get("name", "")
        feeds.append(
            FeedConfig(
                url=url, name=str(name or ""), interval_seconds=_interval(item, ("feeds", i), err)
            )
        )
    return feeds


def parse_query_feeds(raw: Any, err: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        err(("query_feeds",), "query_feeds must be a list of {template: ..., interval: ...}")
        return []
    out: list[dict[str, Any]] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            err(("query_feeds", i), "each query feed must be a mapping with template:")
            continue
        for key in item:
            if key not in QUERY_KEYS:
                err(
                    ("query_feeds", i, key),
                    f"unknown key '{key}' (known: {', '.join(sorted(QUERY_KEYS))})",
                )
        template = item.get("template")
        if (
            not isinstance(template, str)
            or "{query}" not in template
            or not template.startswith(("http://", "https://"))
        ):
            err(("query_feeds", i), "template must be an http(s) URL containing {query}")
            continue
        lists = item.get("watchlists", [])
        if not isinstance(lists, list) or not all(isinstance(x, str) for x in lists):
            err(("query_feeds", i, "watchlists"), "watchlists must be a list of watchlist names")
            lists = []
        out.append(
            {
                "template": template,
                "name": str(item.get("name", "") or ""),
                "interval": _interval(item, ("query_feeds", i), err),
                "watchlists": tuple(lists),
            }
        )
    return out


def expand_query_feeds(
    queries: tuple[dict[str, Any], ...], names_by_watchlist: Mapping[str, list[str]]
) -> list[FeedConfig]:
    """One news-search feed per watched name, e.g. Google News RSS for '"Scale AI"'."""
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for q in queries:
        lists = q["watchlists"] or tuple(names_by_watchlist)
        for wl in lists:
            for name in names_by_watchlist.get(wl, []):
                url = q["template"].replace("{query}", quote_plus(f'"{name}"'))
                if url not in seen:
                    seen.add(url)
                    label = f"{q['name']}: {name}" if q["name"] else name
                    feeds.append(FeedConfig(url=url, name=label, interval_seconds=q["interval"]))
    return feeds
