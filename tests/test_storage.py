"""The Store contract, run on every backend (SQLite and PostgreSQL, see conftest.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot.dedupe import item_keys
from bot.errors import StoreError
from bot.models import Alert, Article
from bot.storage import RecordResult, Store, open_store, redact_url
from tests.factories import T0, alert, article, event, party

ROOT = Path(__file__).resolve().parent.parent
HOUR = timedelta(hours=1)
T = TypeVar("T")


def record(store: Store, art: Article, *alerts: Alert, now: Any = T0) -> RecordResult:
    return store.record_article(art, item_keys(art), alerts, now)


def in_threads(n: int, fn: Callable[[int], T]) -> list[T]:
    """Runs fn(i) in n threads released at the same instant."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = fn(i)
        except BaseException as e:  # surfaced below, not swallowed by the thread
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for r in results:
        if isinstance(r, BaseException):
            raise r
    return results


# -- feeds --


def test_unknown_feed_has_default_state(store: Store) -> None:
    state = store.get_feed_state("https://unknown.example/rss")
    assert (state.url, state.etag, state.last_modified, state.failures) == (
        "https://unknown.example/rss", None, None, 0,
    )  # fmt: skip
    assert state.last_ok_at is None and state.next_poll_at is None and state.last_error == ""


def test_feed_state_round_trip(store: Store) -> None:
    url = "https://news.example.com/rss"
    store.record_fetch(
        url, ok=True, now=T0, next_poll_at=T0 + HOUR, etag='"v1"', last_modified="Mon, 02 Jun"
    )
    state = store.get_feed_state(url)
    assert (state.etag, state.last_modified, state.failures) == ('"v1"', "Mon, 02 Jun", 0)
    assert state.last_ok_at == T0 and state.next_poll_at == T0 + HOUR
    assert state.last_ok_at.utcoffset() == timedelta(0)

    store.record_fetch(url, ok=False, now=T0 + HOUR, next_poll_at=T0 + 2 * HOUR, error="HTTP 503")
    failed = store.record_fetch(
        url, ok=False, now=T0 + 2 * HOUR, next_poll_at=T0 + 4 * HOUR, error="timed out"
    )
    assert failed == store.get_feed_state(url)
    assert (failed.failures, failed.last_error, failed.etag) == (2, "timed out", '"v1"')
    assert failed.last_modified == "Mon, 02 Jun" and failed.last_ok_at == T0
    assert failed.next_poll_at == T0 + 4 * HOUR

    # A 304 without validators keeps the stored ones; success resets failures.
    ok = store.record_fetch(url, ok=True, now=T0 + 5 * HOUR, next_poll_at=T0 + 6 * HOUR)
    assert (ok.failures, ok.last_error, ok.etag, ok.last_ok_at) == (0, "", '"v1"', T0 + 5 * HOUR)
    assert store.record_fetch(url, ok=True, now=T0, next_poll_at=T0, etag='"v2"').etag == '"v2"'


def test_first_fetch_can_fail(store: Store) -> None:
    state = store.record_fetch(
        "https://a.example/rss", ok=False, now=T0, next_poll_at=T0, error="x"
    )
    assert (state.failures, state.last_error, state.last_ok_at) == (1, "x", None)


# -- articles and alerts --


def test_new_article_then_repeat(store: Store) -> None:
    art = article()
    a = alert(art=art)
    first = record(store, art, a)
    assert first == RecordResult(article_is_new=True, new_alerts=(a,), followups=())
    again = record(store, art, a, now=T0 + HOUR)
    assert again == RecordResult(article_is_new=False, new_alerts=(), followups=())
    assert store.pending_alerts() == [a]
    assert store.list_alerts()[0].sources == 1


def test_same_url_different_guid_is_a_repeat_and_keeps_the_new_guid(store: Store) -> None:
    art = article()
    record(store, art)
    regenerated = replace(art, guid="tag:regenerated:1", title="Edited headline entirely")
    assert not record(store, regenerated, alert(art=regenerated)).article_is_new
    # The new GUID was remembered although the article was a repeat.
    moved = replace(regenerated, url="https://news.example.com/moved", summary="other")
    assert not record(store, moved).article_is_new
    assert store.pending_alerts() == []
    assert [a.url for a in store.articles_since(T0)] == [art.url]


def test_alert_pending_then_sent(store: Store) -> None:
    a = alert()
    record(store, a.article, a)
    assert store.pending_alerts() == [a]
    store.mark_sent(a.key, slack_channel="C0123", slack_ts="1717318800.000100", now=T0 + HOUR)
    assert store.pending_alerts() == []
    [rec] = store.list_alerts(state="sent")
    assert rec == store.get_alert(a.key)
    assert (rec.alert, rec.state, rec.slack_channel, rec.slack_ts) == (
        a, "sent", "C0123", "1717318800.000100",
    )  # fmt: skip
    assert (rec.created_at, rec.sent_at, rec.attempts, rec.sources) == (T0, T0 + HOUR, 0, 1)
    assert store.list_alerts(state="pending") == [] and store.get_alert("alert:none") is None


def test_pending_alerts_oldest_first_and_limited(store: Store) -> None:
    scale = party("Scale AI", watched=True)
    alerts = [alert(event(parties=(scale, party(f"Co{i}")))) for i in range(3)]
    for i, a in enumerate(reversed(alerts)):
        record(store, a.article, a, now=T0 - i * HOUR)
    assert store.pending_alerts() == alerts
    assert store.pending_alerts(limit=2) == alerts[:2]
    assert [r.alert for r in store.list_alerts(limit=2)] == list(reversed(alerts))[:2]


def test_same_event_in_another_article_is_a_followup(store: Store) -> None:
    first = alert()
    record(store, first.article, first)
    store.mark_sent(first.key, slack_channel="C1", slack_ts="1.1", now=T0)
    later = alert(event(certainty="denied"), article(source="Other Outlet"))
    result = record(store, later.article, later, now=T0 + HOUR)
    assert result.article_is_new and result.new_alerts == ()
    assert result.followups == (later,) and later.key == first.key
    rec = store.get_alert(first.key)
    assert rec is not None and (rec.sources, rec.slack_ts, rec.state) == (2, "1.1", "sent")
    assert rec.alert == first  # the alert keeps what was posted
    assert store.pending_alerts() == []


def test_one_alert_per_channel_and_duplicates_in_one_call_collapse(store: Store) -> None:
    art = article()
    risk, deals = alert(art=art), alert(art=art, channel="#deals")
    result = record(store, art, risk, deals, risk)
    assert sorted(result.new_alerts, key=lambda a: a.channel) == [deals, risk]
    assert result.followups == ()
    assert [r.sources for r in store.list_alerts()] == [1, 1]


def test_event_window_rearms_with_a_new_alert(store: Store) -> None:
    first = alert()
    record(store, first.article, first)
    store.mark_sent(first.key, slack_channel="C1", slack_ts="1.1", now=T0)
    inside = alert(art=article())
    assert record(store, inside.article, inside, now=T0 + timedelta(days=29)).followups

    # 31 days after the first alert (the window is 30): news again, a new alert with its own key.
    again = alert(art=article())
    result = record(store, again.article, again, now=T0 + timedelta(days=31))
    [rearmed] = result.new_alerts
    assert rearmed.key != first.key and replace(rearmed, key=first.key) == again
    assert store.pending_alerts() == [rearmed]
    old = store.get_alert(first.key)
    assert old is not None and (old.state, old.slack_ts, old.sources) == ("sent", "1.1", 2)

    # Later coverage now follows the newest alert.
    late = alert(art=article())
    result = record(store, late.article, late, now=T0 + timedelta(days=31, hours=1))
    assert [f.key for f in result.followups] == [rearmed.key]
    assert [r.sources for r in store.list_alerts()] == [2, 2]


def test_transient_failure_stays_pending(store: Store) -> None:
    a = alert()
    record(store, a.article, a)
    store.mark_failed(a.key, reason="HTTP 503 from Slack", permanent=False, now=T0)
    store.mark_failed(a.key, reason="timed out", permanent=False, now=T0)
    assert store.pending_alerts() == [a]
    rec = store.get_alert(a.key)
    assert rec is not None and (rec.state, rec.attempts, rec.last_error) == (
        "pending",
        2,
        "timed out",
    )


def test_permanent_failure_until_retried(store: Store) -> None:
    a = alert()
    record(store, a.article, a)
    store.mark_failed(a.key, reason="channel_not_found", permanent=True, now=T0)
    assert store.pending_alerts() == []
    [rec] = store.list_alerts(state="failed")
    assert (rec.alert, rec.attempts, rec.last_error) == (a, 1, "channel_not_found")
    assert store.retry_failed() == 1
    assert store.retry_failed() == 0
    assert store.pending_alerts() == [a]
    rec2 = store.get_alert(a.key)
    assert rec2 is not None and (rec2.state, rec2.attempts) == ("pending", 0)


def test_a_sent_alert_is_never_failed_back(store: Store) -> None:
    a = alert()
    record(store, a.article, a)
    store.mark_sent(a.key, slack_channel="C1", slack_ts="1.1", now=T0)
    store.mark_failed(a.key, reason="late timeout", permanent=True, now=T0)
    rec = store.get_alert(a.key)
    assert rec is not None and (rec.state, rec.last_error) == ("sent", "")
    assert store.retry_failed() == 0


def test_articles_since_returns_new_articles_for_replay(store: Store) -> None:
    arts = [article(published=None), article(title="Zwölf Ünïcode “quotes”"), article()]
    for i, art in enumerate(arts):
        record(store, art, now=T0 + i * HOUR)
    record(store, arts[2], now=T0 + 5 * HOUR)  # a repeat is not stored again
    assert store.articles_since(T0 + HOUR) == arts[1:]
    assert store.articles_since(T0) == arts
    assert store.articles_since(T0 + 3 * HOUR) == []


def test_long_guid_and_url_fit(store: Store) -> None:
    art = article(guid="g" * 10_000, url="https://example.com/" + "p" * 10_000)
    assert record(store, art, alert(art=art)).article_is_new
    assert not record(store, art).article_is_new
    feed = "https://example.com/rss?" + "q" * 10_000
    assert store.record_fetch(feed, ok=True, now=T0, next_poll_at=T0, etag="e" * 10_000).etag
    assert store.get_feed_state(feed).etag == "e" * 10_000


def test_naive_datetimes_and_empty_keys_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        record(store, article(), now=T0.replace(tzinfo=None))
    with pytest.raises(ValueError, match="at least one item key"):
        store.record_article(article(), [], [], T0)


# -- concurrency and migrations --


def test_threads_with_their_own_connections_one_winner(store_url: str) -> None:
    a = alert()
    stores = [open_store(store_url) for _ in range(6)]
    try:
        results = in_threads(6, lambda i: record(stores[i], a.article, a))
    finally:
        for s in stores:
            s.close()
    assert sorted(r.article_is_new for r in results) == [False] * 5 + [True]
    assert [r.new_alerts for r in results if r.article_is_new] == [(a,)]


def test_threads_sharing_one_store_one_winner(store: Store) -> None:
    a = alert()
    results = in_threads(8, lambda i: record(store, a.article, a))
    assert sum(r.article_is_new for r in results) == 1
    assert store.pending_alerts() == [a]


def test_one_event_from_many_outlets_at_once_is_one_alert(store_url: str) -> None:
    alerts = [alert(art=article(source=f"Outlet {i}")) for i in range(6)]
    stores = [open_store(store_url) for _ in range(6)]
    try:
        results = in_threads(6, lambda i: record(stores[i], alerts[i].article, alerts[i]))
        [rec] = stores[0].list_alerts()
    finally:
        for s in stores:
            s.close()
    assert all(r.article_is_new for r in results)
    assert sum(len(r.new_alerts) for r in results) == 1
    assert sum(len(r.followups) for r in results) == 5
    assert rec.sources == 6


CHILD = """
import json, sys
from datetime import UTC, datetime
from bot.dedupe import item_keys
from bot.models import Alert
from bot.storage import open_store
a = Alert.from_dict(json.loads(sys.argv[2]))
store = open_store(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
r = store.record_article(a.article, item_keys(a.article), [a], datetime.now(UTC))
print(json.dumps({"new": r.article_is_new, "alerts": [x.key for x in r.new_alerts]}))
store.close()
"""


def test_processes_opening_and_recording_at_once_one_winner(store_url: str) -> None:
    a = alert()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, "-c", CHILD, store_url, json.dumps(a.to_dict())]
    procs = [
        subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(4)
    ]
    # All have opened (and raced to migrate) before any records.
    assert [p.stdout.readline() for p in procs if p.stdout] == ["ready\n"] * 4
    outs = [p.communicate("go\n", timeout=60)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4
    results = [json.loads(out) for out in outs]
    assert sorted(r["new"] for r in results) == [False, False, False, True]
    assert [r["alerts"] for r in results if r["new"]] == [[a.key]]


def test_reopening_keeps_data_and_migrates_once(store_url: str) -> None:
    a = alert()
    with_threads = in_threads(3, lambda i: open_store(store_url))  # concurrent first opens
    for s in with_threads:
        s.close()
    first = open_store(store_url)
    record(first, a.article, a)
    first.close()
    second = open_store(store_url)
    try:
        assert not record(second, a.article, a).article_is_new
        assert second.pending_alerts() == [a]
    finally:
        second.close()


def test_closed_store_says_so(store_url: str) -> None:
    s = open_store(store_url)
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.pending_alerts()


# -- opening, errors, secrets --


def test_unsupported_url_names_the_accepted_forms() -> None:
    with pytest.raises(StoreError, match=r"sqlite:///.*postgresql://") as e:
        open_store("mysql://u:hunter2@db/newsbot")
    assert "hunter2" not in str(e.value)


def test_sqlite_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the tables you are looking for" * 100)
    with pytest.raises(
        StoreError, match=r"notes\.db.*Check that DATABASE_URL names the right file"
    ):
        open_store(f"sqlite:///{path}")


def test_sqlite_relative_path_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    open_store("sqlite:///state/sub/newsbot.db").close()
    assert (tmp_path / "state" / "sub" / "newsbot.db").is_file()


def test_newer_schema_is_refused(store_url: str) -> None:
    open_store(store_url).close()
    if store_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as conn:
            conn.execute("INSERT INTO schema_version (version) VALUES (999)")
    else:
        import psycopg

        with psycopg.connect(store_url) as conn:
            conn.execute("INSERT INTO schema_version (version) VALUES (999)")
    with pytest.raises(StoreError, match=r"schema is version 999.*upgrade newsbot"):
        open_store(store_url)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:secret@db:5432/news", "postgresql://u:***@db:5432/news"),
        (
            "postgres://u:p%40secret@db/news?sslmode=require",
            "postgres://u:***@db/news?sslmode=require",
        ),
        ("postgresql://u@db/news?password=secret&x=1", "postgresql://u@db/news?password=***&x=1"),
        ("host=db user=u password=secret dbname=news", "host=db user=u password=*** dbname=news"),
        ("postgresql://db/news", "postgresql://db/news"),
        # libpq takes unencoded '#', '?' and '/' in a password; urlsplit would cut there.
        ("postgresql://u:s3cr#t@127.0.0.1:1/db", "postgresql://u:***@127.0.0.1:1/db"),
        ("postgresql://u:s3cr?t@db/news", "postgresql://u:***@db/news"),
        ("postgresql://u:s3/cret@db:5432/news", "postgresql://u:***@db:5432/news"),
        ("sqlite:///state/newsbot.db", "sqlite:///state/newsbot.db"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.postgres
@pytest.mark.parametrize(
    "url",
    ["postgresql://u:secret@127.0.0.1:1/db", "postgres://u@127.0.0.1:1/db?password=secret"],
)
def test_unreachable_postgres_error_hides_the_password(url: str) -> None:
    with pytest.raises(StoreError) as e:
        open_store(url)
    message = str(e.value)
    assert "secret" not in message and "secret" not in repr(e.value)
    assert "***" in message and "127.0.0.1" in message
    assert "Check DATABASE_URL and that the server is running" in message
    assert e.value.__cause__ is None or "secret" not in str(e.value.__cause__)


@pytest.mark.postgres
def test_postgres_reconnects_once_after_a_dropped_connection(postgres_url: str) -> None:
    import psycopg

    store = open_store(postgres_url)
    try:
        a = alert()
        record(store, a.article, a)
        pid = store._conn.info.backend_pid  # type: ignore[attr-defined]
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        assert store.pending_alerts() == [a]
        assert "***" not in repr(store) and "postgresql://" in repr(store)
    finally:
        store.close()
