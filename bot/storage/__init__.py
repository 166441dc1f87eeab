"""Storage: one contract (`Store`, in base.py), SQLite by default, PostgreSQL for replicas.

    store = open_store("sqlite:///state/newsbot.db")        # relative path
    store = open_store("sqlite:////var/lib/newsbot/db")      # absolute path
    store = open_store("postgresql://newsbot@db/newsbot")    # or postgres://

Opening runs the schema migrations. PostgreSQL needs psycopg 3
(`pip install 'newsbot[postgres]'`); SQLite users never import it.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.errors import StoreError
from bot.storage.base import AlertRecord, AlertState, FeedState, RecordResult, Store

__all__ = [
    "DEFAULT_DATABASE_URL",
    "DEFAULT_EVENT_WINDOW",
    "AlertRecord",
    "AlertState",
    "FeedState",
    "RecordResult",
    "Store",
    "open_store",
    "redact_url",
]

DEFAULT_DATABASE_URL = "sqlite:///state/newsbot.db"
# Coverage of one deal keeps trickling in for days (announcement, analysis,
# closing); a week groups it into one thread, while the same parties doing the
# same kind of deal again a month later is news again.
DEFAULT_EVENT_WINDOW = timedelta(days=30)  # see bot/config.py event_window_s

_SQLITE_PREFIX = "sqlite:///"
_POSTGRES_PREFIXES = ("postgresql://", "postgres://")
_QUERY_PASSWORD_RE = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)
_KEYWORD_PASSWORD_RE = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def redact_url(url: str) -> str:
    """The database URL with any password shown as ***: safe for logs and errors.

    Plain string work, not urlsplit: libpq accepts passwords with an unencoded
    '#', '?' or '/', which urlsplit would cut at, leaving them in plain sight.
    Everything between "://" and the last "@" is user info; in doubt, more is hidden.
    """
    if "://" not in url:  # a libpq "key=value" string
        return _KEYWORD_PASSWORD_RE.sub(r"\1***", url)
    scheme, _, rest = url.partition("://")
    userinfo, at, hostpart = rest.rpartition("@")
    if at and ":" in userinfo:
        rest = f"{userinfo.split(':', 1)[0]}:***@{hostpart}"
    rest = _QUERY_PASSWORD_RE.sub(r"\1***", rest)
    return f"{scheme}://{rest}"


def open_store(url: str, *, event_window: timedelta = DEFAULT_EVENT_WINDOW) -> Store:
    """Opens (creating if needed) and migrates the store a DATABASE_URL names."""
    if event_window <= timedelta(0):
        raise ValueError(f"event_window must be positive, not {event_window}")
    if url.startswith(_SQLITE_PREFIX):
        from bot.storage.sqlite import SqliteStore

        path = url.removeprefix(_SQLITE_PREFIX)
        if not path:
            raise StoreError(
                f"{url} names no file: use sqlite:///relative/path.db or sqlite:////absolute/path.db"
            )
        return SqliteStore(path, event_window=event_window)
    if url.startswith(_POSTGRES_PREFIXES):
        from bot.storage.postgres import PostgresStore

        return PostgresStore(url, event_window=event_window)
    raise StoreError(
        f"unsupported database URL {redact_url(url)}: set DATABASE_URL to "
        "sqlite:///path/to/newsbot.db or postgresql://user@host/dbname."
    )
