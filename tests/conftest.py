"""Shared fixtures. Storage: `store` (and `store_url`) run a test on SQLite and PostgreSQL.

PostgreSQL comes from NEWSBOT_TEST_POSTGRES_URL (default: a local trust-auth
server, database "test"); each test gets a fresh schema, dropped afterwards.
Unreachable PostgreSQL fails the run in CI (CI=true) and is skipped elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from bot.storage import Store, open_store, redact_url

POSTGRES_URL_ENV = "NEWSBOT_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
START_POSTGRES = (
    "start one with `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust "
    "-e POSTGRES_DB=test postgres:16` (or `pg_ctlcluster 15 main start`), "
    f"or point {POSTGRES_URL_ENV} at a server you may create schemas in"
)


def with_search_path(url: str, schema: str) -> str:
    """The URL with libpq's options set so every connection uses this schema."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The base PostgreSQL URL, checked once per run."""
    import psycopg

    url = os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL)
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as e:
        reason = f"PostgreSQL at {redact_url(url)} is unreachable ({' '.join(str(e).split())}): "
        if os.environ.get("CI") == "true":
            pytest.fail(reason + START_POSTGRES, pytrace=False)
        pytest.skip(reason + START_POSTGRES)
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose connections all land in a fresh, empty schema."""
    import psycopg
    from psycopg import sql

    schema = f"newsbot_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield with_search_path(postgres_server, schema)
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def sqlite_url(tmp_path: os.PathLike[str]) -> str:
    """A SQLite file in a folder that does not exist yet (open_store creates it)."""
    return f"sqlite:///{os.fspath(tmp_path)}/state/newsbot.db"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """A fresh, not yet opened database of each backend."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open, migrated, empty store of each backend."""
    s = open_store(store_url)
    yield s
    s.close()
