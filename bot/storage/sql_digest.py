"""The daily digest side of the Store in shared SQL: which digests are due, and who posts each.

A digest is one (channel, digest time, UTC day). `claim_digests` runs in one
transaction: it first copies each new pending alert's digest time from its
JSON into `alerts.digest_at` (the recording transaction leaves it NULL; the
outbox's claim does the same copy, so no claimer ever sees an unclassified
row), then, for each channel and time already passed today, takes the
`digests` row with an upsert that only succeeds when that digest is not sent
today and no live lease holds it, then leases the channel's pending digest
alerts. Two replicas therefore never work on the same digest: the second's
upsert waits for the first's row lock (PostgreSQL) or write lock (SQLite)
and then finds the lease.

Before a message is posted its alerts are planned into it (`digest_part`),
so a retry after a crash rebuilds exactly the same message and finds it in
Slack by its key instead of posting it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.models import Alert
from bot.storage.base import DigestBatch
from bot.storage.sql_base import SqlBase, Tx, placeholders, utc

CHUNK = 500  # keys per IN (...) list: well under SQLite's 32,766 bound parameters


def digest_key(channel: str, slot: str, day: str) -> str:
    material = f"{channel}\x1f{slot}\x1f{day}".encode()
    return f"digest:{hashlib.sha256(material).hexdigest()[:32]}"


class DigestSql(SqlBase):
    def _classify(self, tx: Tx) -> None:
        """Copies new pending alerts' digest time into the column claims filter on.

        On PostgreSQL a row another transaction holds is waited for, not
        skipped (a replica skipping it would then find nothing to claim); rows
        are locked in key order, as a recording takes them, so none deadlock.
        """
        lock = " ORDER BY key FOR UPDATE" if self.skip_locked else ""
        rows = tx.execute(
            f"SELECT key, json FROM alerts WHERE state = 'pending' AND digest_at IS NULL{lock}"
        )
        by_time: dict[str, list[str]] = {}
        for key, data in rows:
            by_time.setdefault(str(json.loads(data).get("digest_at") or ""), []).append(key)
        for value, keys in by_time.items():
            for i in range(0, len(keys), CHUNK):
                chunk = keys[i : i + CHUNK]
                tx.execute(
                    f"UPDATE alerts SET digest_at = ? WHERE key IN ({placeholders(len(chunk))})",
                    (value, *chunk),
                )

    def claim_digests(self, worker: str, lease: timedelta, now: datetime) -> list[DigestBatch]:
        now = utc(now)
        slot_now, day = now.strftime("%H:%M"), now.date().isoformat()
        until, now_db = self._to_db(now + lease), self._to_db(now)
        # Waits for (never skips) rows a recording holds, in key order as it takes them.
        lock = " FOR UPDATE OF a" if self.skip_locked else ""
        take = f"""
            UPDATE alerts SET claimed_by = ?, claimed_until = ?, claims = claims + 1
            WHERE key IN (
                SELECT a.key FROM alerts a
                WHERE a.state = 'pending' AND (a.claimed_until IS NULL OR a.claimed_until <= ?)
                  AND a.channel = ? AND a.digest_at = ? ORDER BY a.key{lock})
            RETURNING json, created_at, key, digest_part"""

        def work(tx: Tx) -> list[DigestBatch]:
            self._classify(tx)
            due = tx.execute(
                "SELECT DISTINCT channel, digest_at FROM alerts WHERE state = 'pending' "
                "AND digest_at <> '' AND digest_at <= ? ORDER BY channel, digest_at",
                (slot_now,),
            )
            batches = []
            for channel, slot in due:
                key = digest_key(channel, slot, day)
                won = tx.execute(
                    "INSERT INTO digests (key, channel, slot, day, created_at, claimed_by, "
                    "claimed_until, claims) VALUES (?, ?, ?, ?, ?, ?, ?, 1) "
                    "ON CONFLICT (key) DO UPDATE SET claimed_by = excluded.claimed_by, "
                    "claimed_until = excluded.claimed_until, claims = digests.claims + 1 "
                    "WHERE digests.state = 'pending' AND (digests.claimed_until IS NULL "
                    "OR digests.claimed_until <= ?) RETURNING key",
                    (key, channel, slot, day, now_db, worker, until, now_db),
                )
                if not won:
                    continue  # sent today, or another worker is on it
                rows = tx.execute(take, (worker, until, now_db, channel, slot))
                if not rows:  # all held by an older claim: give the digest back
                    tx.execute(
                        "UPDATE digests SET claimed_by = '', claimed_until = NULL WHERE key = ?",
                        (key,),
                    )
                    continue
                rows.sort(key=lambda r: (self._from_db(r[1]), r[2]))
                batches.append(
                    DigestBatch(
                        key=key,
                        channel=channel,
                        slot=slot,
                        day=day,
                        alerts=tuple(Alert.from_dict(json.loads(r[0])) for r in rows),
                        planned={r[2]: r[3] for r in rows if r[3]},
                    )
                )
            return batches

        return self._run(work)

    def plan_digest_part(self, part_key: str, alert_keys: Sequence[str]) -> None:
        """Writes down which alerts one digest message holds, before it is posted."""

        def work(tx: Tx) -> None:
            for i in range(0, len(alert_keys), CHUNK):
                chunk = alert_keys[i : i + CHUNK]
                tx.execute(
                    "UPDATE alerts SET digest_part = ? WHERE digest_part = '' "
                    f"AND key IN ({placeholders(len(chunk))})",
                    (part_key, *chunk),
                )

        self._run(work)

    def mark_digest_part_sent(
        self, part_key: str, *, slack_channel: str, slack_ts: str, now: datetime
    ) -> int:
        """Every alert of one digest message is sent, with that message's channel and ts
        (follow-ups then thread under it). Returns how many."""
        sql = (
            "UPDATE alerts SET state = 'sent', sent_at = ?, slack_channel = ?, slack_ts = ?, "
            "last_error = '', shown_sources = sources, claimed_by = '', claimed_until = NULL "
            "WHERE digest_part = ? AND state <> 'sent' RETURNING key"
        )
        params = (self._to_db(utc(now)), slack_channel, slack_ts, part_key)
        return len(self._run(lambda tx: tx.execute(sql, params)))

    def mark_digest_sent(self, key: str, now: datetime) -> None:
        """This channel's digest at this time is done for the day."""
        sql = (
            "UPDATE digests SET state = 'sent', sent_at = ?, claimed_by = '', "
            "claimed_until = NULL WHERE key = ?"
        )
        self._run(lambda tx: tx.execute(sql, (self._to_db(utc(now)), key)))
