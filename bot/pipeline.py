"""One feed through fetch -> parse -> analyze -> record, and one cycle over all feeds.

This is the only place that turns a feed's failure into a value: expected
errors (FetchError, ParseError) become a `FeedResult` with the reason, so one
broken feed never stops the others; a bug elsewhere is logged with its
traceback and also becomes a failed result, because one odd entry must not
take the whole worker down. Failures are counted on the feed row and back
off exponentially; a feed is never silently dropped.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx

from bot.analyze import Analyzer
from bot.dedupe import item_keys
from bot.errors import FetchError, NewsbotError, ParseError, StoreError
from bot.fetch import fetch_feed
from bot.models import FeedConfig
from bot.parse import parse_feed
from bot.storage.base import Store

log = logging.getLogger("newsbot.pipeline")

# Back-off for a failing feed: interval x 2^failures, capped, so a dead feed
# costs a request every few hours instead of every poll, yet is never dropped.
MAX_BACKOFF = timedelta(hours=6)
# Tell the operator loudly when a feed has failed this many polls in a row.
CHRONIC_FAILURES = 3


@dataclass
class FeedResult:
    url: str
    status: str  # "ok", "not_modified", "error"
    error: str = ""
    articles: int = 0
    new_articles: int = 0
    mentions: int = 0
    events: int = 0
    new_alerts: int = 0
    followups: int = 0
    skipped_entries: int = 0
    errors: int = 0  # articles skipped because analysing them raised (a bug)
    failures: int = 0  # consecutive failed polls, this one included
    recovered: bool = False  # ok again after a chronic failure


@dataclass
class CycleReport:
    feeds: list[FeedResult] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(r, name)) for r in self.feeds)

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.feeds if r.status == "error"]

    def summary(self) -> str:
        return (
            f"{len(self.feeds)} feeds ({len(self.failed)} failed, "
            f"{sum(r.status == 'not_modified' for r in self.feeds)} unchanged), "
            f"{self.total('articles')} articles ({self.total('new_articles')} new), "
            f"{self.total('mentions')} mentions, {self.total('events')} events, "
            f"{self.total('new_alerts')} new alerts, {self.total('followups')} follow-ups"
            + (f", {errors} articles skipped by errors" if (errors := self.total("errors")) else "")
        )


def next_poll(
    feed: FeedConfig, failures: int, now: datetime, retry_after: float | None
) -> datetime:
    if failures <= 0:
        return now + timedelta(seconds=feed.interval_seconds)
    delay = min(timedelta(seconds=feed.interval_seconds * 2 ** min(failures, 10)), MAX_BACKOFF)
    if retry_after:
        delay = max(delay, timedelta(seconds=min(retry_after, 86400)))
    return now + delay


def process_feed(
    feed: FeedConfig,
    *,
    client: httpx.Client,
    store: Store,
    analyzer: Analyzer,
    now: Callable[[], datetime],
) -> FeedResult:
    result = FeedResult(url=feed.url, status="ok")
    state = store.get_feed_state(feed.url)
    retry_after: float | None = None
    etag, last_modified = state.etag, state.last_modified
    try:
        fetched = fetch_feed(client, feed.url, etag=etag, last_modified=last_modified)
        if fetched.not_modified:
            result.status = "not_modified"
        else:
            parsed = parse_feed(fetched.body, fetched.headers, feed_url=feed.url, source=feed.name)
            result.skipped_entries = parsed.skipped
            if parsed.warning:
                log.info("feed %s: survivable problem: %s", feed.url, parsed.warning)
            for article in parsed.articles:
                try:
                    analysis = analyzer.analyze(article)
                except Exception:
                    # One odd entry must not hold back the feed's other articles.
                    # It is not recorded, so it is read again when the feed changes
                    # (or after a fix); the traceback says what to report.
                    log.exception(
                        "feed %s: cannot analyze %r (a bug; please report it); skipped",
                        feed.url,
                        article.title[:120],
                    )
                    result.errors += 1
                    continue
                recorded = store.record_article(article, item_keys(article), analysis.alerts, now())
                result.articles += 1
                result.new_articles += recorded.article_is_new
                if recorded.article_is_new:
                    result.mentions += len(analysis.mentions)
                    result.events += len(analysis.events)
                result.new_alerts += len(recorded.new_alerts)
                result.followups += len(recorded.followups)
            # validators only once every article is recorded: a crash before
            # this point refetches the whole feed rather than skipping it. ""
            # (not None, which keeps the stored one) when a 200 no longer sends one.
            etag, last_modified = fetched.etag or "", fetched.last_modified or ""
    except StoreError:
        raise  # the store being down stops the cycle: nothing could be recorded
    except FetchError as e:
        result.status, result.error, retry_after = "error", e.reason, e.retry_after
    except ParseError as e:
        result.status, result.error = "error", e.reason
    except Exception as e:  # a bug must not stop the other feeds; say it loudly
        log.exception("feed %s: unexpected error (a bug; please report it)", feed.url)
        result.status, result.error = "error", f"internal error: {type(e).__name__}: {e}"

    ok = result.status != "error"
    failures = 0 if ok else state.failures + 1
    result.failures = failures
    result.recovered = ok and state.failures >= CHRONIC_FAILURES
    at = now()
    store.record_fetch(
        feed.url,
        ok=ok,
        now=at,
        next_poll_at=next_poll(feed, failures, at, retry_after),
        etag=etag,
        last_modified=last_modified,
        error=result.error,
    )
    if not ok:
        level = logging.ERROR if failures >= CHRONIC_FAILURES else logging.WARNING
        log.log(
            level,
            "feed %s failed (%d in a row): %s; next try in %s",
            feed.url,
            failures,
            result.error,
            next_poll(feed, failures, at, retry_after) - at,
        )
    return result


def due_feeds(feeds: Sequence[FeedConfig], store: Store, now: datetime) -> list[FeedConfig]:
    due = []
    for feed in feeds:
        at = store.get_feed_state(feed.url).next_poll_at
        if at is None or at <= now:
            due.append(feed)
    return due


def run_feeds(
    feeds: Sequence[FeedConfig],
    *,
    client: httpx.Client,
    store: Store,
    analyzer: Analyzer,
    concurrency: int = 4,
    host_gap_s: float = 1.0,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> CycleReport:
    """Polls feeds in parallel across hosts, one at a time per host (politeness)."""
    by_host: dict[str, list[FeedConfig]] = defaultdict(list)
    for feed in feeds:
        try:
            host = (urlsplit(feed.url).hostname or "").lower()
        except ValueError:
            host = ""  # fetch refuses it and says why, as one feed's failure
        by_host[host].append(feed)

    def one_host(group: list[FeedConfig]) -> list[FeedResult]:
        results = []
        for i, feed in enumerate(group):
            if i and host_gap_s:
                time.sleep(host_gap_s)
            results.append(
                process_feed(feed, client=client, store=store, analyzer=analyzer, now=now)
            )
        return results

    report = CycleReport()
    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="poll") as pool:
        for results in pool.map(one_host, by_host.values()):
            report.feeds.extend(results)
    return report


__all__ = ["CycleReport", "FeedResult", "NewsbotError", "due_feeds", "process_feed", "run_feeds"]
