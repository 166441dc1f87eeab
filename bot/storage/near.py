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

from bot.dedupe import same_event
from bot.models import Alert
from bot.storage.sql_base import Tx


def channel_lock_id(channel: str) -> int:
    """A signed 64-bit id for pg_advisory_xact_lock, stable across processes."""
    digest = hashlib.sha256(f"newsbot-channel:{channel}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def near_alert_key(tx: Tx, alert: Alert, since: object) -> str | None:
    """The earliest alert in `alert.channel` since `since` reporting the same event."""
    watched = [p.name for p in alert.event.parties if p.watched]
    if not watched:
        return None
    rows = tx.execute(
        "SELECT key, json FROM alerts WHERE channel = ? AND created_at >= ? ORDER BY created_at",
        (alert.channel, since),
    )
    for key, payload in rows:
        old = json.loads(payload)["event"]
        if old["type"] != alert.event.type:
            continue
        event = Alert.from_dict(json.loads(payload)).event
        if any(same_event(event, alert.event, name) for name in watched):
            return str(key)
    return None
