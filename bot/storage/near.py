"""Same event, other words: find the alert a differently worded report belongs to.

Event keys are exact, outlets are not: one names "Walt Disney", another
"Disney", a third leaves the investor out. When a report's exact key has no
alert in the window, the alerts of the same channel and type in the window are
tested with `bot.dedupe.same_event`; a match makes the report a follow-up in
that alert's thread instead of a second alert. The caller holds a per-channel
lock (PostgreSQL) or the database's write lock (SQLite), so two reports of
one event recorded at once cannot both miss each other.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot.dedupe import same_event
from bot.models import Alert
from bot.storage.sql_base import Tx

# A feed's clock may run ahead of ours; beyond this, its date is not believed.
CLOCK_SLACK = timedelta(days=1)


def channel_lock_id(channel: str) -> int:
    """A signed 64-bit id for pg_advisory_xact_lock, stable across processes."""
    digest = hashlib.sha256(f"newsbot-channel:{channel}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def news_time(published: datetime | None, now: datetime) -> datetime | None:
    """When the news happened, if the feed says (and its date is not in the future).

    The event window is measured between these as well as between the times we
    recorded them: a backlog read in one run (a new feed, a replay, a test
    harness) holds last year's "Amazon invests $4bn in Anthropic" and this
    year's, two events, though both are recorded in the same second. An
    undated item proves nothing either way: outlets that date their items and
    outlets that do not carry the same stories.
    """
    if published is None or published > now + CLOCK_SLACK:
        return None
    return published


def stored_news_time(payload: str, created_at: datetime) -> datetime | None:
    published = json.loads(payload)["article"].get("published")
    return news_time(datetime.fromisoformat(published) if published else None, created_at)


def within(a: datetime | None, b: datetime | None, window: timedelta) -> bool:
    """Same news time within the window; undated reports are not held apart."""
    return a is None or b is None or abs(a - b) <= window


def near_alert_key(
    tx: Tx,
    alert: Alert,
    since: object,
    when: datetime | None,
    window: timedelta,
    from_db: Callable[[Any], datetime],
) -> str | None:
    """The earliest alert in `alert.channel` recorded since `since`, whose news
    time is within `window` of `when`, reporting the same event."""
    watched = [p.name for p in alert.event.parties if p.watched]
    if not watched:
        return None
    rows = tx.execute(
        "SELECT key, json, created_at FROM alerts WHERE channel = ? AND created_at >= ? "
        "ORDER BY created_at",
        (alert.channel, since),
    )
    for key, payload, created_at in rows:
        old = json.loads(payload)["event"]
        if old["type"] != alert.event.type:
            continue
        if not within(when, stored_news_time(payload, from_db(created_at)), window):
            continue
        event = Alert.from_dict(json.loads(payload)).event
        if any(same_event(event, alert.event, name) for name in watched):
            return str(key)
    return None
