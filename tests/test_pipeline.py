"""pipeline: one feed's failure is a value; the other feeds still alert (both backends)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.analyze import Analyzer
from bot.fetch import make_client
from bot.models import Entity, FeedConfig, Watchlist
from bot.pipeline import next_poll, run_feeds
from bot.storage import Store
from tests.factories import T0
from tests.feed_server import FeedServer

VENDORS = Watchlist(
    name="vendors",
    channel="#vendor-risk",
    path="vendors.yaml",
    entities=(Entity("Scale AI", "vendors", aliases=("ScaleAI",)), Entity("Labelbox", "vendors")),
    role="vendor",
)


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description></item>"
        for t, d, link in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<link>https://t.example/</link>{body}</channel></rss>"
    ).encode()


FEED_A = rss(
    (
        "Meta to take 49% stake in Scale AI",
        "Meta will invest $14.3 billion in Scale AI, the companies said.",
        "https://a.example/meta-scale",
    ),
    ("Scale AI opens London office", "The company will hire 100 people.", "https://a.example/ldn"),
)
FEED_B = rss(
    (
        "Labelbox parts ways with Google",
        "Google has ended its contract with Labelbox, the company said on Monday.",
        "https://b.example/labelbox-google",
    ),
)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(allow_private=True) as c:
        yield c


def test_broken_feed_is_reported_and_the_others_alert(store: Store, client: httpx.Client) -> None:
    with FeedServer() as server:
        server.route("/a", FEED_A)
        server.route("/b", FEED_B)
        server.route("/broken", b"<rss><channel><item>", status=500)
        feeds = [
            FeedConfig(server.url("/a"), "A"),
            FeedConfig(server.url("/broken"), "Broken"),
            FeedConfig(server.url("/b"), "B"),
        ]
        report = run_feeds(
            feeds, client=client, store=store, analyzer=Analyzer([VENDORS]), host_gap_s=0
        )

    by_url = {r.url: r for r in report.feeds}
    assert by_url[server.url("/broken")].status == "error"
    assert "500" in by_url[server.url("/broken")].error
    assert by_url[server.url("/a")].new_alerts == 1
    assert by_url[server.url("/b")].new_alerts == 1
    pending = store.pending_alerts()
    assert sorted((a.entity, a.event.type) for a in pending) == [
        ("Labelbox", "partnership_ended"),
        ("Scale AI", "investment"),
    ]
    assert {a.channel for a in pending} == {"#vendor-risk"}
    broken = store.get_feed_state(server.url("/broken"))
    assert broken.failures == 1 and "500" in broken.last_error
    assert broken.next_poll_at is not None
    assert store.get_feed_state(server.url("/a")).failures == 0


def test_second_poll_is_conditional_and_records_nothing_new(
    store: Store, client: httpx.Client
) -> None:
    with FeedServer() as server:
        server.route("/a", FEED_A)
        feeds = [FeedConfig(server.url("/a"), "A")]
        analyzer = Analyzer([VENDORS])
        run_feeds(feeds, client=client, store=store, analyzer=analyzer, host_gap_s=0)
        again = run_feeds(feeds, client=client, store=store, analyzer=analyzer, host_gap_s=0)
        assert server.requests[-1].headers.get("if-none-match")
    assert again.feeds[0].status == "not_modified"
    assert again.total("new_alerts") == 0
    assert len(store.pending_alerts()) == 1


def test_a_bug_on_one_article_skips_that_article_not_the_feed(
    store: Store, client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyzer = Analyzer([VENDORS])
    real = analyzer.analyze

    def flaky(article):  # type: ignore[no-untyped-def]
        if "London office" in article.title:
            raise RuntimeError("boom")
        return real(article)

    monkeypatch.setattr(analyzer, "analyze", flaky)
    poisoned = rss(
        ("Scale AI opens London office", "It will hire 100 people.", "https://a.example/ldn"),
        (
            "Meta to take 49% stake in Scale AI",
            "Meta will invest $14.3 billion in Scale AI, the companies said.",
            "https://a.example/meta-scale",
        ),
    )
    with FeedServer() as server:
        server.route("/a", poisoned)
        server.route("/b", FEED_B)
        feeds = [FeedConfig(server.url("/a"), "A"), FeedConfig(server.url("/b"), "B")]
        report = run_feeds(feeds, client=client, store=store, analyzer=analyzer, host_gap_s=0)
    a, b = report.feeds
    assert (a.status, a.errors, a.articles, a.new_alerts) == ("ok", 1, 1, 1)
    assert b.new_alerts == 1
    assert "1 articles skipped by errors" in report.summary()
    # The skipped article was not recorded: a fixed analyzer reads it again.
    assert len(store.articles_since(T0 - timedelta(days=3650))) == 2


def test_a_malformed_feed_url_fails_that_feed_only(store: Store, client: httpx.Client) -> None:
    with FeedServer() as server:
        server.route("/b", FEED_B)
        feeds = [FeedConfig("http://[::1/feed", "Bad"), FeedConfig(server.url("/b"), "B")]
        report = run_feeds(
            feeds, client=client, store=store, analyzer=Analyzer([VENDORS]), host_gap_s=0
        )
    bad, good = report.feeds
    assert bad.status == "error" and "not a valid URL" in bad.error
    assert good.new_alerts == 1


@pytest.mark.parametrize(
    ("failures", "retry_after", "expected"),
    [
        (0, None, timedelta(minutes=15)),
        (1, None, timedelta(minutes=30)),
        (3, None, timedelta(hours=2)),
        (12, None, timedelta(hours=6)),  # capped, never dropped
        (1, 7200.0, timedelta(hours=2)),  # the server's Retry-After wins when longer
    ],
)
def test_back_off(failures: int, retry_after: float | None, expected: timedelta) -> None:
    now = datetime(2025, 6, 1, tzinfo=UTC)
    feed = FeedConfig("https://x.example/rss", interval_seconds=900)
    assert next_poll(feed, failures, now, retry_after) - now == expected
