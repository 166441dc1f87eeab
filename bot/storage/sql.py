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
"""

from __future__ import annotations

import hashlib
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, TypeVar

from bot.errors import StoreError
from bot.models import Alert, Article
from bot.storage.base import AlertRecord, AlertState, FeedState, RecordResult
from bot.storage.schema import CREATE_VERSION_TABLE, LATEST_VERSION, MIGRATIONS, statements

log = logging.getLogger(__name__)
T = TypeVar("T")

_FEED_COLUMNS = "url, etag, last_modified, failures, last_error, last_ok_at, next_poll_at"
_RECORD_COLUMNS = (
    "json, state, attempts, last_error, created_at, sent_at, slack_channel, slack_ts, sources"
)


class Tx(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def generation_key(alert_key: str, generation: int) -> str:
    if generation == 0:
        return alert_key
    material = f"{alert_key}\x1f{generation}".encode()
    return f"alert:{hashlib.sha256(material).hexdigest()[:32]}"


def utc(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt.isoformat()}: pass a timezone-aware one (UTC)")
    return dt.astimezone(UTC)


class SqlStore(ABC):
    """Everything but connections: see the module docstring."""

    timestamp_type: str

    def __init__(self, event_window: timedelta) -> None:
        self._event_window = event_window

    # -- what a backend provides --

    @abstractmethod
    def _run(self, fn: Callable[[Tx], T], *, write: bool = True) -> T:
        """Runs fn in one transaction (committed if it returns) under the store's lock."""

    @abstractmethod
    def _to_db(self, dt: datetime) -> Any: ...

    @abstractmethod
    def _from_db(self, value: Any) -> datetime: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _opt_dt(self, value: Any) -> datetime | None:
        return None if value is None else self._from_db(value)

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
            tx.execute(
                "INSERT INTO articles (id, url, title, json, fetched_at) VALUES (?, ?, ?, ?, ?)",
                (
                    article_id,
                    article.url,
                    article.title,
                    _dumps(article.to_dict()),
                    self._to_db(now),
                ),
            )
            new: list[Alert] = []
            followups: list[Alert] = []
            for alert in unique_alerts:
                stored, is_new = self._record_alert(tx, alert, article_id, article.url, now)
                (new if is_new else followups).append(stored)
            return RecordResult(True, tuple(new), tuple(followups))

        return self._run(work)

    def _record_alert(
        self, tx: Tx, alert: Alert, article_id: str, article_url: str, now: datetime
    ) -> tuple[Alert, bool]:
        latest = tx.execute(
            "SELECT key, generation, created_at FROM alerts WHERE alert_key = ? "
            "ORDER BY generation DESC LIMIT 1",
            (alert.key,),
        )
        if latest and self._from_db(latest[0][2]) >= now - self._event_window:
            stored, is_new = replace(alert, key=latest[0][0]), False
        else:
            generation = latest[0][1] + 1 if latest else 0
            stored = replace(alert, key=generation_key(alert.key, generation))
            row = (stored.key, alert.key, generation, alert.event_key, alert.channel)
            inserted = tx.execute(
                "INSERT INTO alerts (key, alert_key, generation, event_key, channel, json, "
                "created_at, last_source_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key) DO NOTHING RETURNING key",
                (*row, _dumps(stored.to_dict()), self._to_db(now), self._to_db(now)),
            )
            is_new = bool(inserted)  # else another transaction created this generation first
        added = tx.execute(
            "INSERT INTO alert_sources (alert_key, article_id, article_url, seen_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING alert_key",
            (stored.key, article_id, article_url, self._to_db(now)),
        )
        if added:
            tx.execute(
                "UPDATE alerts SET sources = sources + 1, last_source_at = ? WHERE key = ?",
                (self._to_db(now), stored.key),
            )
        return stored, is_new

    def pending_alerts(self, limit: int = 100) -> list[Alert]:
        sql = "SELECT json FROM alerts WHERE state = 'pending' ORDER BY created_at, key LIMIT ?"
        rows = self._run(lambda tx: tx.execute(sql, (limit,)), write=False)
        return [Alert.from_dict(json.loads(r[0])) for r in rows]

    def mark_sent(
        self, alert_key: str, *, slack_channel: str, slack_ts: str, now: datetime
    ) -> None:
        sql = (
            "UPDATE alerts SET state = 'sent', sent_at = ?, slack_channel = ?, slack_ts = ?, "
            "last_error = '' WHERE key = ? RETURNING key"
        )
        params = (self._to_db(utc(now)), slack_channel, slack_ts, alert_key)
        if not self._run(lambda tx: tx.execute(sql, params)):
            log.warning("store: mark_sent for unknown alert %s", alert_key)

    def mark_failed(self, alert_key: str, *, reason: str, permanent: bool, now: datetime) -> None:
        """A sent alert is never put back: Slack has it."""
        utc(now)
        state = "'failed'" if permanent else "state"
        sql = (
            f"UPDATE alerts SET state = {state}, attempts = attempts + 1, last_error = ? "
            "WHERE key = ? AND state <> 'sent' RETURNING key"
        )
        if not self._run(lambda tx: tx.execute(sql, (reason, alert_key))):
            log.warning("store: mark_failed for unknown or already sent alert %s", alert_key)

    def retry_failed(self) -> int:
        """Operator action after fixing the cause: attempts restart from 0."""
        sql = (
            "UPDATE alerts SET state = 'pending', attempts = 0 WHERE state = 'failed' RETURNING key"
        )
        return len(self._run(lambda tx: tx.execute(sql)))

    def _alert_record(self, row: tuple[Any, ...]) -> AlertRecord:
        data, state, attempts, last_error, created, sent, slack_channel, slack_ts, sources = row
        return AlertRecord(
            alert=Alert.from_dict(json.loads(data)),
            state=state,
            attempts=attempts,
            last_error=last_error,
            created_at=self._from_db(created),
            sent_at=self._opt_dt(sent),
            slack_channel=slack_channel,
            slack_ts=slack_ts,
            sources=sources,
        )

    def get_alert(self, key: str) -> AlertRecord | None:
        sql = f"SELECT {_RECORD_COLUMNS} FROM alerts WHERE key = ?"
        rows = self._run(lambda tx: tx.execute(sql, (key,)), write=False)
        return self._alert_record(rows[0]) if rows else None

    def list_alerts(self, limit: int = 50, state: AlertState | None = None) -> list[AlertRecord]:
        """Newest first."""
        where, params = ("WHERE state = ?", (state, limit)) if state else ("", (limit,))
        sql = f"SELECT {_RECORD_COLUMNS} FROM alerts {where} ORDER BY created_at DESC, key LIMIT ?"
        rows = self._run(lambda tx: tx.execute(sql, params), write=False)
        return [self._alert_record(r) for r in rows]

    def articles_since(self, since: datetime) -> list[Article]:
        """Stored (new) articles fetched at or after `since`, oldest first: for replay."""
        sql = "SELECT json FROM articles WHERE fetched_at >= ? ORDER BY fetched_at, id"
        rows = self._run(lambda tx: tx.execute(sql, (self._to_db(utc(since)),)), write=False)
        return [Article.from_dict(json.loads(r[0])) for r in rows]


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
