"""The delivery side of the Store in shared SQL: claims, marks, follow-ups, notices.

Claims are leases written on the row: `claimed_until` in the future means a
worker is delivering it. A claim is one `UPDATE ... WHERE key IN (SELECT ...
LIMIT n) RETURNING`, on PostgreSQL with `FOR UPDATE SKIP LOCKED` so two
replicas claiming at once take disjoint rows without waiting for each other;
on SQLite the write transaction (BEGIN IMMEDIATE) serialises claimers. A
worker that dies keeps its rows only until the lease runs out; the next
claimer counts the row's claims and, seeing more than one, asks the sender to
check Slack for an earlier post before posting. Alerts held for a daily
digest (`digest_at` not '') are left to bot/storage/sql_digest.py.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.models import Alert
from bot.storage.base import AlertRecord, AlertState, Followup
from bot.storage.sql_base import RECORD_COLUMNS, Tx, placeholders, utc
from bot.storage.sql_digest import DigestSql

log = logging.getLogger(__name__)


def _claimable(t: str) -> str:
    return f"{t}.state = 'pending' AND ({t}.claimed_until IS NULL OR {t}.claimed_until <= ?)"


class OutboxSql(DigestSql):
    def pending_alerts(self, limit: int = 100) -> list[Alert]:
        sql = "SELECT json FROM alerts WHERE state = 'pending' ORDER BY created_at, key LIMIT ?"
        rows = self._run(lambda tx: tx.execute(sql, (limit,)), write=False)
        return [Alert.from_dict(json.loads(r[0])) for r in rows]

    def _locking(self, alias: str) -> str:
        return f" FOR UPDATE OF {alias} SKIP LOCKED" if self.skip_locked else ""

    def claim_pending(
        self, worker: str, limit: int, lease: timedelta, now: datetime
    ) -> list[Alert]:
        now = utc(now)
        sql = f"""
            UPDATE alerts SET claimed_by = ?, claimed_until = ?, claims = claims + 1
            WHERE key IN (
                SELECT a.key FROM alerts a WHERE {_claimable("a")} AND a.digest_at = ''
                ORDER BY a.created_at, a.key LIMIT ?{self._locking("a")})
            RETURNING json, created_at, key"""
        params = (worker, self._to_db(now + lease), self._to_db(now), limit)

        def work(tx: Tx) -> list[tuple[Any, ...]]:
            self._classify(tx)  # a digest alert is never taken for immediate delivery
            return tx.execute(sql, params)

        rows = self._run(work)
        # RETURNING gives no order: oldest first, as pending_alerts.
        rows.sort(key=lambda r: (self._from_db(r[1]), r[2]))
        return [Alert.from_dict(json.loads(r[0])) for r in rows]

    def claim_followups(
        self, worker: str, limit: int, lease: timedelta, now: datetime
    ) -> list[Followup]:
        now = utc(now)
        claim = f"""
            UPDATE followups SET claimed_by = ?, claimed_until = ?, claims = claims + 1
            WHERE key IN (
                SELECT f.key FROM followups f JOIN alerts p ON p.key = f.parent_key
                WHERE {_claimable("f")} AND p.state = 'sent' AND p.slack_ts <> ''
                ORDER BY f.created_at, f.key LIMIT ?{self._locking("f")})
            RETURNING key, parent_key, json, previous, broadcast, attempts, claims, created_at"""
        params = (worker, self._to_db(now + lease), self._to_db(now), limit)

        def work(tx: Tx) -> list[Followup]:
            rows = tx.execute(claim, params)
            parents = sorted({r[1] for r in rows})
            threads = {
                key: (channel, ts)
                for key, channel, ts in (
                    tx.execute(
                        "SELECT key, slack_channel, slack_ts FROM alerts "
                        f"WHERE key IN ({placeholders(len(parents))})",
                        parents,
                    )
                    if parents
                    else []
                )
            }
            rows.sort(key=lambda r: (self._from_db(r[7]), r[0]))
            return [
                Followup(
                    key=key,
                    parent_key=parent,
                    alert=Alert.from_dict(json.loads(data)),
                    previous=previous,
                    broadcast=bool(broadcast),
                    attempts=attempts,
                    claims=claims,
                    thread_channel=threads[parent][0],
                    thread_ts=threads[parent][1],
                )
                for key, parent, data, previous, broadcast, attempts, claims, _ in rows
            ]

        return self._run(work)

    def release(self, worker: str, keys: Sequence[str]) -> None:
        if not keys:
            return
        marks = placeholders(len(keys))

        def work(tx: Tx) -> None:
            # A released claim was a finished run, not a crash: it does not count
            # as a possible post (attempts records real tries), so the next run does
            # not re-read Slack's history for every alert it merely deferred.
            for table in ("alerts", "followups", "digests"):
                tx.execute(
                    f"UPDATE {table} SET claimed_by = '', claimed_until = NULL, "
                    "claims = CASE WHEN claims > 0 THEN claims - 1 ELSE 0 END "
                    f"WHERE claimed_by = ? AND key IN ({marks})",
                    (worker, *keys),
                )

        self._run(work)

    def mark_sent(
        self,
        alert_key: str,
        *,
        slack_channel: str,
        slack_ts: str,
        now: datetime,
        sources_shown: int = 1,
    ) -> None:
        sql = (
            "UPDATE alerts SET state = 'sent', sent_at = ?, slack_channel = ?, slack_ts = ?, "
            "last_error = '', shown_sources = ?, claimed_by = '', claimed_until = NULL "
            "WHERE key = ? RETURNING key"
        )
        params = (self._to_db(utc(now)), slack_channel, slack_ts, sources_shown, alert_key)
        if not self._run(lambda tx: tx.execute(sql, params)):
            log.warning("store: mark_sent for unknown alert %s", alert_key)

    def mark_failed(self, alert_key: str, *, reason: str, permanent: bool, now: datetime) -> None:
        """A sent alert is never put back: Slack has it."""
        self._fail("alerts", alert_key, reason, permanent, now)

    def mark_followup_sent(self, key: str, *, slack_ts: str, now: datetime) -> None:
        sql = (
            "UPDATE followups SET state = 'sent', sent_at = ?, slack_ts = ?, last_error = '', "
            "claimed_by = '', claimed_until = NULL WHERE key = ? RETURNING key"
        )
        if not self._run(lambda tx: tx.execute(sql, (self._to_db(utc(now)), slack_ts, key))):
            log.warning("store: mark_followup_sent for unknown follow-up %s", key)

    def mark_followup_failed(
        self, key: str, *, reason: str, permanent: bool, now: datetime
    ) -> None:
        self._fail("followups", key, reason, permanent, now)

    def _fail(self, table: str, key: str, reason: str, permanent: bool, now: datetime) -> None:
        """Transient: stays pending (attempts+1). Permanent: 'failed' until retried."""
        utc(now)
        state = "'failed'" if permanent else "state"
        sql = (
            f"UPDATE {table} SET state = {state}, attempts = attempts + 1, last_error = ? "
            "WHERE key = ? AND state <> 'sent' RETURNING key"
        )
        if not self._run(lambda tx: tx.execute(sql, (reason, key))):
            log.warning("store: mark_failed for unknown or already sent %s %s", table, key)

    def retry_failed(self) -> int:
        """Operator action after fixing the cause: attempts restart from 0."""
        requeue = "SET state = 'pending', attempts = 0 WHERE state = 'failed' RETURNING key"

        def work(tx: Tx) -> int:
            tx.execute(f"UPDATE followups {requeue}")
            return len(tx.execute(f"UPDATE alerts {requeue}"))

        return self._run(work)

    def stale_counts(self, limit: int = 100) -> list[AlertRecord]:
        sql = (
            f"SELECT {RECORD_COLUMNS} FROM alerts WHERE state = 'sent' AND slack_ts <> '' "
            # A digest message is not one alert's: rewriting it would drop the others.
            "AND digest_part = '' AND sources > shown_sources ORDER BY last_source_at, key LIMIT ?"
        )
        rows = self._run(lambda tx: tx.execute(sql, (limit,)), write=False)
        return [self._alert_record(r) for r in rows]

    def mark_sources_shown(self, alert_key: str, sources: int) -> None:
        sql = "UPDATE alerts SET shown_sources = ? WHERE key = ? AND shown_sources < ?"
        self._run(lambda tx: tx.execute(sql, (sources, alert_key, sources)))

    def claim_notice(self, key: str, now: datetime) -> bool:
        sql = (
            "INSERT INTO notices (key, sent_at) VALUES (?, ?) "
            "ON CONFLICT (key) DO NOTHING RETURNING key"
        )
        return bool(self._run(lambda tx: tx.execute(sql, (key, self._to_db(utc(now))))))

    def get_alert(self, key: str) -> AlertRecord | None:
        sql = f"SELECT {RECORD_COLUMNS} FROM alerts WHERE key = ?"
        rows = self._run(lambda tx: tx.execute(sql, (key,)), write=False)
        return self._alert_record(rows[0]) if rows else None

    def list_alerts(self, limit: int = 50, state: AlertState | None = None) -> list[AlertRecord]:
        """Newest first."""
        where, params = ("WHERE state = ?", (state, limit)) if state else ("", (limit,))
        sql = f"SELECT {RECORD_COLUMNS} FROM alerts {where} ORDER BY created_at DESC, key LIMIT ?"
        rows: list[tuple[Any, ...]] = self._run(lambda tx: tx.execute(sql, params), write=False)
        return [self._alert_record(r) for r in rows]

    def followups_of(self, parent_key: str) -> list[tuple[Followup, str, str, str]]:
        """(follow-up, state, last error, reply ts) of one alert, oldest first."""
        sql = (
            "SELECT key, json, previous, broadcast, attempts, claims, state, last_error, slack_ts "
            "FROM followups WHERE parent_key = ? ORDER BY created_at, key"
        )
        rows = self._run(lambda tx: tx.execute(sql, (parent_key,)), write=False)
        return [
            (
                Followup(
                    key=key,
                    parent_key=parent_key,
                    alert=Alert.from_dict(json.loads(data)),
                    previous=previous,
                    broadcast=bool(broadcast),
                    attempts=attempts,
                    claims=claims,
                ),
                state,
                error,
                ts,
            )
            for key, data, previous, broadcast, attempts, claims, state, error, ts in rows
        ]
