"""The Store contract written once in SQL both SQLite (3.35+) and PostgreSQL run.

A backend supplies a transaction runner and the timestamp conversion; every
statement here uses `?` placeholders (the PostgreSQL backend rewrites them)
and `INSERT ... ON CONFLICT ... RETURNING`, which both databases execute
atomically, so "is it new?" is answered by the insert itself.

Event window, by generations: an alert row's primary key is the dedupe alert
key for generation 0 and hash(alert key, n) for generation n. A new alert
looks up the latest generation of its key; if that was created within the
window it is a follow-up, otherwise generation n+1 is inserted with
ON CONFLICT DO NOTHING. Two transactions racing for the same generation
collide on its primary key, so exactly one inserts and the other becomes its
follow-up. Unlike fixed time buckets, two reports an hour apart never land
in different windows; unlike re-arming the old row in place, the old alert
keeps its Slack thread, state and sources.

Follow-ups: a report that joins an existing alert is also stored, in the same
transaction, as a pending thread reply keyed by (parent, article), so the
same article never replies twice. The parent row keeps the certainty its
thread shows; a report that changes it (rumour confirmed, denied) is marked
for broadcast to the channel. A follow-up-only alert (see bot.route) joins an
existing alert or is dropped: it never creates one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.errors import StoreError
from bot.models import Alert, Article, Certainty
from bot.storage.base import FeedState, RecordResult
from bot.storage.near import near_alert_key, news_time, stored_news_time, within
from bot.storage.schema import CREATE_VERSION_TABLE, LATEST_VERSION, MIGRATIONS, statements
from bot.storage.sql_base import Tx, dumps, utc
from bot.storage.sql_outbox import OutboxSql

__all__ = ["SqlStore", "Tx", "generation_key", "url_hash", "utc"]
log = logging.getLogger(__name__)

_FEED_COLUMNS = "url, etag, last_modified, failures, last_error, last_ok_at, next_poll_at"


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def generation_key(alert_key: str, generation: int) -> str:
    if generation == 0:
        return alert_key
    material = f"{alert_key}\x1f{generation}".encode()
    return f"alert:{hashlib.sha256(material).hexdigest()[:32]}"


def followup_key(parent_key: str, article_id: str) -> str:
    material = f"{parent_key}\x1f{article_id}".encode()
    return f"reply:{hashlib.sha256(material).hexdigest()[:32]}"


def is_news(previous: Certainty, certainty: Certainty) -> bool:
    """Whether a report changes what the thread says, so the channel should see it.

    Confirmation of a rumour and a denial are news; so is a report after a
    denial. A "reportedly" rewrite of confirmed news is not: it adds nothing.
    """
    if certainty == previous:
        return False
    return not (previous == "confirmed" and certainty == "speculative")


class SqlStore(OutboxSql):
    """Everything but connections: see the module docstring."""

    def __init__(self, event_window: timedelta) -> None:
        self._event_window = event_window

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- migrations --

    def _migrate(self, tx: Tx) -> None:
        tx.execute(CREATE_VERSION_TABLE.format(ts=self.timestamp_type))
        done = {row[0] for row in tx.execute("SELECT version FROM schema_version")}
        if done and max(done) > LATEST_VERSION:
            raise StoreError(
                f"the database schema is version {max(done)}, newer than this newsbot "
                f"knows ({LATEST_VERSION}); upgrade newsbot before running it on this database."
            )
        for version, ddl in MIGRATIONS:
            if version in done:
                continue
            for statement in statements(ddl, self.timestamp_type):
                tx.execute(statement)
            tx.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (version, self._to_db(datetime.now(UTC))),
            )
            log.info("store: applied schema migration %d", version)

    # -- feeds --

    def _feed_state(self, row: tuple[Any, ...]) -> FeedState:
        url, etag, last_modified, failures, last_error, last_ok_at, next_poll_at = row
        return FeedState(
            url=url,
            etag=etag,
            last_modified=last_modified,
            failures=failures,
            last_error=last_error,
            last_ok_at=self._opt_dt(last_ok_at),
            next_poll_at=self._opt_dt(next_poll_at),
        )

    def get_feed_state(self, url: str) -> FeedState:
        sql = f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url_hash = ?"
        rows = self._run(lambda tx: tx.execute(sql, (url_hash(url),)), write=False)
        return self._feed_state(rows[0]) if rows else FeedState(url)

    def record_fetch(
        self,
        url: str,
        *,
        ok: bool,
        now: datetime,
        next_poll_at: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str = "",
    ) -> FeedState:
        now_db, next_db = self._to_db(utc(now)), self._to_db(utc(next_poll_at))
        if ok:
            sql = f"""
                INSERT INTO feeds (url_hash, url, etag, last_modified, failures, last_error,
                                   last_ok_at, next_poll_at)
                VALUES (?, ?, ?, ?, 0, '', ?, ?)
                ON CONFLICT (url_hash) DO UPDATE SET
                    etag = COALESCE(excluded.etag, feeds.etag),
                    last_modified = COALESCE(excluded.last_modified, feeds.last_modified),
                    failures = 0, last_error = '',
                    last_ok_at = excluded.last_ok_at, next_poll_at = excluded.next_poll_at
                RETURNING {_FEED_COLUMNS}"""
            params: tuple[Any, ...] = (url_hash(url), url, etag, last_modified, now_db, next_db)
        else:
            sql = f"""
                INSERT INTO feeds (url_hash, url, failures, last_error, next_poll_at)
                VALUES (?, ?, 1, ?, ?)
                ON CONFLICT (url_hash) DO UPDATE SET
                    failures = feeds.failures + 1, last_error = excluded.last_error,
                    next_poll_at = excluded.next_poll_at
                RETURNING {_FEED_COLUMNS}"""
            params = (url_hash(url), url, error, next_db)
        rows = self._run(lambda tx: tx.execute(sql, params))
        return self._feed_state(rows[0])

    # -- articles and alerts --

    def record_article(
        self, article: Article, item_keys: Sequence[str], alerts: Sequence[Alert], now: datetime
    ) -> RecordResult:
        # Sorted: two transactions then lock rows in the same order (no deadlock).
        keys = sorted(set(item_keys))
        if not keys:
            raise ValueError("record_article needs at least one item key (see bot.dedupe)")
        now = utc(now)
        unique_alerts = sorted({a.key: a for a in reversed(alerts)}.values(), key=lambda a: a.key)

        def work(tx: Tx) -> RecordResult:
            values = ", ".join(["(?, ?)"] * len(keys))
            params = [p for k in keys for p in (k, self._to_db(now))]
            inserted = tx.execute(
                f"INSERT INTO items (key, first_seen) VALUES {values} "
                "ON CONFLICT (key) DO NOTHING RETURNING key",
                params,
            )
            if len(inserted) < len(keys):
                return RecordResult(article_is_new=False, new_alerts=(), followups=())
            article_id = keys[0]  # just inserted, so no other article has it
            for channel in sorted({a.channel for a in unique_alerts}):
                self._lock_channel(tx, channel)  # see bot/storage/near.py
            tx.execute(
                "INSERT INTO articles (id, url, title, json, fetched_at) VALUES (?, ?, ?, ?, ?)",
                (
                    article_id,
                    article.url,
                    article.title,
                    dumps(article.to_dict()),
                    self._to_db(now),
                ),
            )
            new: list[Alert] = []
            followups: list[Alert] = []
            for alert in unique_alerts:
                recorded = self._record_alert(tx, alert, article_id, article.url, now)
                if recorded is not None:
                    (new if recorded[1] else followups).append(recorded[0])
            return RecordResult(True, tuple(new), tuple(followups))

        return self._run(work)

    def _lock_channel(self, tx: Tx, channel: str) -> None:
        """Serialise "is this event new in this channel" (SQLite's write lock already does)."""

    def _record_alert(
        self, tx: Tx, alert: Alert, article_id: str, article_url: str, now: datetime
    ) -> tuple[Alert, bool] | None:
        """(stored alert, is it new), or None for a follow-up-only alert with no thread."""
        latest = tx.execute(
            "SELECT key, generation, created_at, json FROM alerts WHERE alert_key = ? "
            "ORDER BY generation DESC LIMIT 1",
            (alert.key,),
        )
        since = now - self._event_window
        when = news_time(alert.article.published, now)
        same = bool(latest) and self._from_db(latest[0][2]) >= since
        if same:
            stored_at = stored_news_time(latest[0][3], self._from_db(latest[0][2]))
            same = within(when, stored_at, self._event_window)
        near = None
        if not same:
            near = near_alert_key(
                tx, alert, self._to_db(since), when, self._event_window, self._from_db
            )
        if same:
            stored, is_new = replace(alert, key=latest[0][0]), False
        elif near is not None:
            stored, is_new = replace(alert, key=near), False  # same event, other words
        elif alert.followup_only:
            return None  # a denial of nothing we alerted on: not news for this channel
        else:
            generation = latest[0][1] + 1 if latest else 0
            stored = replace(alert, key=generation_key(alert.key, generation))
            row = (stored.key, alert.key, generation, alert.event_key, alert.channel)
            inserted = tx.execute(
                "INSERT INTO alerts (key, alert_key, generation, event_key, channel, json, "
                "created_at, last_source_at, certainty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO NOTHING RETURNING key",
                (
                    *row,
                    dumps(stored.to_dict()),
                    self._to_db(now),
                    self._to_db(now),
                    alert.event.certainty,
                ),
            )
            is_new = bool(inserted)  # else another transaction created this generation first
        added = tx.execute(
            "INSERT INTO alert_sources (alert_key, article_id, article_url, seen_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING alert_key",
            (stored.key, article_id, article_url, self._to_db(now)),
        )
        if added:
            # The UPDATE takes the parent's row lock first, so what it returns is
            # the thread's latest certainty even when replicas record at once.
            parent = tx.execute(
                "UPDATE alerts SET sources = sources + 1, last_source_at = ? WHERE key = ? "
                "RETURNING certainty, json",
                (self._to_db(now), stored.key),
            )
            if not is_new:
                self._record_followup(tx, stored, parent[0], article_id, now)
        return stored, is_new

    def _record_followup(
        self, tx: Tx, report: Alert, parent: tuple[Any, ...], article_id: str, now: datetime
    ) -> None:
        """The pending thread reply, in the transaction that recorded the report."""
        certainty, parent_json = parent
        previous: Certainty = certainty or json.loads(parent_json)["event"]["certainty"]
        broadcast = is_news(previous, report.event.certainty)
        if broadcast:
            tx.execute(
                "UPDATE alerts SET certainty = ? WHERE key = ?",
                (report.event.certainty, report.key),
            )
        tx.execute(
            "INSERT INTO followups (key, parent_key, json, previous, broadcast, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
            (
                followup_key(report.key, article_id),
                report.key,
                dumps(report.to_dict()),
                previous,
                int(broadcast),
                self._to_db(now),
            ),
        )

    def articles_since(self, since: datetime) -> list[Article]:
        """Stored (new) articles fetched at or after `since`, oldest first: for replay."""
        sql = "SELECT json FROM articles WHERE fetched_at >= ? ORDER BY fetched_at, id"
        rows = self._run(lambda tx: tx.execute(sql, (self._to_db(utc(since)),)), write=False)
        return [Article.from_dict(json.loads(r[0])) for r in rows]
