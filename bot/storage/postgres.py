"""PostgreSQL backend, for replicas sharing one database.

psycopg 3, imported only here. One connection per Store guarded by a lock,
autocommit off, one transaction per call. Concurrency comes from the SQL:
`INSERT ... ON CONFLICT DO NOTHING` makes a second transaction inserting the
same key wait for the first and then insert nothing, at READ COMMITTED.

A dropped connection (server restart, failover, idle timeout) is re-opened
once and the call repeated: every call is one transaction, so a repeat either
redoes work that was rolled back or finds it committed (an article recorded
just before the drop comes back as not new; its alerts are already pending).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote, urlsplit

from bot.errors import StoreError
from bot.storage import redact_url
from bot.storage.near import channel_lock_id
from bot.storage.sql import SqlStore, Tx, utc

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)
T = TypeVar("T")

# Fail fast at start when the server is down rather than hang on a dead host.
CONNECT_TIMEOUT_SECONDS = 10
REACH_HINT = (
    "Check DATABASE_URL and that the server is running and accepts connections from this host."
)
QUERY_HINT = (
    "Check that the database user may create and write tables in its schema; "
    "if it can, report this message as a newsbot bug."
)
# pg_advisory_xact_lock key serialising migrations: "newsbot!" as 8 bytes.
MIGRATION_LOCK_ID = 0x6E657773626F7421


class _PgTx:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._cur = conn.cursor()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        # The shared SQL uses "?" and holds no literal "?" or "%".
        self._cur.execute(sql.replace("?", "%s"), params)
        return self._cur.fetchall() if self._cur.description else []


class PostgresStore(SqlStore):
    timestamp_type = "TIMESTAMPTZ"
    skip_locked = "yes"  # claims use FOR UPDATE SKIP LOCKED (see sql_outbox.py)

    def __init__(self, url: str, *, event_window: timedelta) -> None:
        super().__init__(event_window)
        try:
            import psycopg
        except ImportError as e:
            raise StoreError(
                "PostgreSQL needs psycopg 3: pip install 'newsbot[postgres]', "
                "or use a sqlite:/// DATABASE_URL."
            ) from e
        self._psycopg = psycopg
        self._url = url
        self._lock = threading.Lock()
        self._closed = False
        self._conn: psycopg.Connection[Any] | None = None
        try:
            self._run(self._migrate_locked)
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({redact_url(self._url)!r})"

    def _scrub(self, text: str) -> str:
        """Removes the password from a driver message, should one ever echo it."""
        try:
            found = self._psycopg.conninfo.conninfo_to_dict(self._url).get("password")
            password = str(found) if found is not None else None
        except self._psycopg.Error:
            try:
                password = urlsplit(self._url).password
            except ValueError:
                password = None
        for secret in {password, unquote(password or "")}:
            if secret:
                text = text.replace(secret, "***")
        return text

    def _error(self, what: str, e: BaseException, hint: str = REACH_HINT) -> StoreError:
        reason = _sentence(self._scrub(" ".join(str(e).split())))
        where = f"the PostgreSQL database {redact_url(self._url)}"
        return StoreError(f"{what} {where}: {reason} {hint}")

    def _connect(self) -> psycopg.Connection[Any]:
        conninfo = self._psycopg.conninfo
        try:
            params = conninfo.conninfo_to_dict(self._url)
            extra: dict[str, Any] = (
                {} if "connect_timeout" in params else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
            )
            return self._psycopg.connect(self._url, autocommit=False, **extra)
        except self._psycopg.Error as e:
            raise self._error("cannot connect to", e) from None
        # from None: a driver's own message stays out of the traceback's cause.

    def _lock_channel(self, tx: Tx, channel: str) -> None:
        tx.execute("SELECT pg_advisory_xact_lock(?)", (channel_lock_id(channel),))

    def _migrate_locked(self, tx: Tx) -> None:
        tx.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_ID,))
        self._migrate(tx)

    def _run(self, fn: Callable[[Tx], T], *, write: bool = True) -> T:
        psycopg = self._psycopg
        with self._lock:
            for attempt in (1, 2):
                if self._closed:
                    raise StoreError(
                        f"the store for {redact_url(self._url)} is closed; open it again."
                    )
                if self._conn is None:
                    self._conn = self._connect()
                conn = self._conn
                try:
                    with conn.transaction():
                        return fn(_PgTx(conn))
                except psycopg.OperationalError as e:
                    if attempt == 1 and (conn.broken or conn.closed):
                        log.warning("store: PostgreSQL connection lost (%s); reconnecting", e)
                        conn.close()
                        self._conn = None
                        continue
                    raise self._error("cannot use", e) from e
                except psycopg.Error as e:
                    raise self._error("cannot use", e, QUERY_HINT) from e
        raise AssertionError("unreachable")  # pragma: no cover

    def _to_db(self, dt: datetime) -> datetime:
        return utc(dt)

    def _from_db(self, value: Any) -> datetime:
        if not isinstance(value, datetime):
            raise StoreError(f"expected a timestamp from PostgreSQL, got {value!r}")
        return value.astimezone(UTC)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."
