"""The database schema as append-only migrations, shared by SQLite and PostgreSQL.

Never edit a migration that has shipped: add the next version. Each backend
applies the missing versions at open, inside one write transaction that it has
serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so two
processes starting at once do not both migrate.

Keys are hashes (see bot.dedupe) and URLs are never indexed: a long GUID or
URL in a btree index fails on PostgreSQL ("index row size exceeds maximum").
The alert key + generation pair is unique by construction (the primary key
derives from it) but deliberately not a UNIQUE constraint: PostgreSQL's
ON CONFLICT (key) only absorbs conflicts on the primary key, and a racing
insert would fail on the second unique index instead of doing nothing.
`{ts}` is the backend's timestamp type: TEXT holding UTC ISO-8601 on SQLite
(sorts as time), TIMESTAMPTZ on PostgreSQL.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE feeds (
            url_hash TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            last_ok_at {ts},
            next_poll_at {ts}
        );
        CREATE TABLE items (
            key TEXT PRIMARY KEY,
            first_seen {ts} NOT NULL
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            json TEXT NOT NULL,
            fetched_at {ts} NOT NULL
        );
        CREATE INDEX articles_fetched_at ON articles (fetched_at);
        CREATE TABLE alerts (
            key TEXT PRIMARY KEY,
            alert_key TEXT NOT NULL,
            generation INTEGER NOT NULL,
            event_key TEXT NOT NULL,
            channel TEXT NOT NULL,
            json TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            created_at {ts} NOT NULL,
            sent_at {ts},
            slack_channel TEXT NOT NULL DEFAULT '',
            slack_ts TEXT NOT NULL DEFAULT '',
            sources INTEGER NOT NULL DEFAULT 0,  -- one per alert_sources row
            last_source_at {ts} NOT NULL
        );
        CREATE INDEX alerts_alert_key ON alerts (alert_key, generation);
        CREATE INDEX alerts_state_created ON alerts (state, created_at);
        CREATE INDEX alerts_created ON alerts (created_at);
        CREATE TABLE alert_sources (
            alert_key TEXT NOT NULL REFERENCES alerts (key) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            article_url TEXT NOT NULL,
            seen_at {ts} NOT NULL,
            PRIMARY KEY (alert_key, article_id)
        )
        """,
    ),
    (
        # Follow-ups as durable thread replies, the certainty a thread shows,
        # the source count the parent shows, claims (leases) so that replicas
        # never both post, and once-a-day operator notices.
        2,
        """
        ALTER TABLE alerts ADD COLUMN certainty TEXT NOT NULL DEFAULT '';
        ALTER TABLE alerts ADD COLUMN shown_sources INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE alerts ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
        ALTER TABLE alerts ADD COLUMN claimed_until {ts};
        ALTER TABLE alerts ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
        UPDATE alerts SET shown_sources = sources WHERE state = 'sent';
        CREATE TABLE followups (
            key TEXT PRIMARY KEY,
            parent_key TEXT NOT NULL REFERENCES alerts (key) ON DELETE CASCADE,
            json TEXT NOT NULL,
            previous TEXT NOT NULL,
            broadcast INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NOT NULL DEFAULT '',
            created_at {ts} NOT NULL,
            sent_at {ts},
            slack_ts TEXT NOT NULL DEFAULT '',
            claimed_by TEXT NOT NULL DEFAULT '',
            claimed_until {ts},
            claims INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX followups_state_created ON followups (state, created_at);
        CREATE INDEX followups_parent ON followups (parent_key);
        CREATE TABLE notices (
            key TEXT PRIMARY KEY,
            sent_at {ts} NOT NULL
        )
        """,
    ),
    (
        # Daily digests (bot/storage/sql_digest.py). alerts.digest_at is the
        # digest time copied from the alert's JSON by the first claim that sees
        # the row (NULL until then; '' = immediate); digest_part is the digest
        # message an alert was planned into before posting; one digests row
        # per channel, time and UTC day says whether that digest went out.
        3,
        """
        ALTER TABLE alerts ADD COLUMN digest_at TEXT;
        UPDATE alerts SET digest_at = '';
        ALTER TABLE alerts ADD COLUMN digest_part TEXT NOT NULL DEFAULT '';
        CREATE INDEX alerts_state_digest ON alerts (state, digest_at);
        CREATE INDEX alerts_digest_part ON alerts (digest_part);
        CREATE TABLE digests (
            key TEXT PRIMARY KEY,
            channel TEXT NOT NULL,
            slot TEXT NOT NULL,
            day TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent')),
            created_at {ts} NOT NULL,
            sent_at {ts},
            claimed_by TEXT NOT NULL DEFAULT '',
            claimed_until {ts},
            claims INTEGER NOT NULL DEFAULT 0
        )
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1][0]

CREATE_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at {ts})"
)


def statements(ddl: str, timestamp_type: str) -> list[str]:
    """One migration's statements for a backend (the DDL holds no literal ';')."""
    text = ddl.format(ts=timestamp_type)
    return [s.strip() for s in text.split(";") if s.strip()]
