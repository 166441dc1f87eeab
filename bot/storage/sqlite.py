"""SQLite backend: the default, one file, safe for several threads and processes.

One connection per Store, guarded by a lock (the worker records from a thread
pool). Writes take `BEGIN IMMEDIATE`, so a transaction holds the write lock
from its first statement: two processes recording the same article are
serialised by SQLite itself and the second sees the first's keys. WAL lets
readers run while a writer works.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bot.errors import StoreError
from bot.storage.sql import SqlStore, Tx, utc

T = TypeVar("T")
WAL_RETRY_SECONDS = 0.02

# How long a write waits for another process's write lock before failing.
# Transactions here take milliseconds; 30 s rides out a slow disk or a
# replay holding the lock, and still fails loudly if a process is wedged.
BUSY_TIMEOUT_SECONDS = 30.0


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switches a database to WAL once; WAL then persists in the file.

    The switch needs an exclusive lock and SQLite reports "database is locked"
    at once, without waiting for busy_timeout, when another connection opens the
    new file at the same moment (seen with three threads opening a fresh file):
    so wait and retry here, up to the same timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, params).fetchall()


class SqliteStore(SqlStore):
    timestamp_type = "TEXT"

    def __init__(self, path: str, *, event_window: timedelta) -> None:
        super().__init__(event_window)
        self._path = path
        self._lock = threading.Lock()
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as e:
            raise StoreError(self._message("cannot open", e)) from e
        self._conn: sqlite3.Connection | None = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            _use_wal(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            self._run(self._migrate)
        except StoreError:
            self.close()
            raise
        except sqlite3.Error as e:  # e.g. "file is not a database"
            self.close()
            raise StoreError(self._message("cannot open", e)) from e

    def __repr__(self) -> str:
        return f"SqliteStore({self._path!r})"

    def _message(self, what: str, error: BaseException) -> str:
        return (
            f"{what} the SQLite database {self._path}: {str(error).rstrip('.')}. "
            "Check that DATABASE_URL names "
            "the right file, that its folder is writable, and that no other program holds it."
        )

    def _run(self, fn: Callable[[Tx], T], *, write: bool = True) -> T:
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(f"the store for {self._path} is closed; open it again.")
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    result = fn(_SqliteTx(conn))
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
                return result
            except sqlite3.Error as e:
                raise StoreError(self._message("cannot use", e)) from e

    def _to_db(self, dt: datetime) -> str:
        # Fixed width, always +00:00: the text sorts and compares as the time does.
        return utc(dt).isoformat(timespec="microseconds")

    def _from_db(self, value: Any) -> datetime:
        return datetime.fromisoformat(value)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
