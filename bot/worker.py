"""The worker's state between cycles: watchlists (reloaded when edited), feeds, store, sender.

`newsbot run --once` calls `poll(all_feeds=True)` then `deliver()`; the
scheduler calls the same two methods on a timer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bot.analyze import Analyzer
from bot.config import Settings, expand_query_feeds
from bot.deliver.digest import deliver_digests
from bot.deliver.format import escape_mrkdwn
from bot.deliver.outbox import DeliveryReport, Sender, default_worker_id, deliver_pending
from bot.models import FeedConfig, Problem, Watchlist
from bot.pipeline import CHRONIC_FAILURES, CycleReport, due_feeds, run_feeds
from bot.storage.base import Store
from bot.watchlist import load_watchlists

log = logging.getLogger("newsbot.worker")

# Each pass claims at most 100 alerts and 100 replies; 50 passes is a burst of
# 5,000 alerts in one cycle, far past what a channel takes at one post a second.
MAX_DELIVERY_PASSES = 50


def utcnow() -> datetime:
    return datetime.now(UTC)


def watchlist_files(folder: Path) -> dict[str, float]:
    return {
        str(p): p.stat().st_mtime
        for p in sorted(folder.glob("*.y*ml"))
        if p.suffix in (".yaml", ".yml")
    }


class Worker:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        sender: Sender,
        client: httpx.Client,
        *,
        now: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings, self.store, self.sender, self.client = settings, store, sender, client
        self.now = now
        self.worker_id = default_worker_id()  # names this process's claims on pending alerts
        self._lock = threading.Lock()  # one poll at a time, even if a job overruns
        self._files: dict[str, float] = {}
        self.watchlists: list[Watchlist] = []
        self.analyzer = Analyzer([], settings.default_channel, settings.learned_fallback)
        self.feeds: list[FeedConfig] = []
        self.reload()

    def reload(self) -> list[Problem]:
        """Loads watchlists if their files changed; keeps the last good set on errors."""
        files = watchlist_files(self.settings.watchlists_dir)
        if files == self._files and self.watchlists:
            return []
        watchlists, problems = load_watchlists(self.settings.watchlists_dir)
        for p in problems:
            (log.error if p.severity == "error" else log.warning)("%s", p)
        self._files = files
        if not watchlists and self.watchlists:
            log.error("no watchlist could be loaded; keeping the previous ones")
            return problems
        self.watchlists = watchlists
        self.analyzer = Analyzer(
            watchlists, self.settings.default_channel, self.settings.learned_fallback
        )
        names = {wl.name: [e.name for e in wl.entities] for wl in watchlists}
        self.feeds = list(self.settings.feeds) + expand_query_feeds(
            self.settings.query_feeds, names
        )
        log.info(
            "watching %d entities on %d watchlists; %d feeds",
            sum(len(wl.entities) for wl in watchlists),
            len(watchlists),
            len(self.feeds),
        )
        return problems

    def poll(self, *, all_feeds: bool = False) -> CycleReport:
        with self._lock:
            self.reload()
            now = self.now()
            feeds = self.feeds if all_feeds else due_feeds(self.feeds, self.store, now)
            report = run_feeds(
                feeds,
                client=self.client,
                store=self.store,
                analyzer=self.analyzer,
                concurrency=self.settings.concurrency,
                host_gap_s=self.settings.host_gap_s,
                now=self.now,
            )
        if feeds:
            log.info("poll: %s", report.summary())
        for r in report.failed:
            log.warning("feed %s: %s", r.url, r.error)
        self._feed_notices(report)
        self.beat()
        return report

    def _feed_notices(self, report: CycleReport) -> None:
        """Tell the ops channel once when a feed turns chronically bad, and when it recovers."""
        channel = self.settings.ops_channel
        if not channel:
            return
        for r in report.feeds:
            if r.failures == CHRONIC_FAILURES:
                text = (
                    f"Feed {escape_mrkdwn(r.url, limit=300)} has failed {r.failures} polls in a "
                    f"row: {escape_mrkdwn(r.error, limit=300)}. newsbot keeps trying with "
                    "back-off (up to every 6 h); fix or remove it in newsbot.yaml."
                )
            elif r.recovered:
                text = f"Feed {escape_mrkdwn(r.url, limit=300)} is answering again."
            else:
                continue
            try:
                self.sender.notify(channel, text)
            except Exception as e:  # a notice must never break polling
                log.warning("could not post a feed notice to %s: %s", channel, e)

    def deliver(self) -> DeliveryReport:
        """Due digests first, so follow-ups of digested events thread under them this run."""
        ops = self.settings.ops_channel
        digest = deliver_digests(
            self.store, self.sender, now=self.now, worker=self.worker_id, ops_channel=ops
        )
        report = (
            DeliveryReport(0, 0, 0, digest.paused_reason)
            if digest.paused_reason
            else self._deliver_all(ops)
        )
        report = replace(
            report,
            failed=report.failed + digest.failed,
            deferred=report.deferred + digest.deferred,
            notices=report.notices + digest.notices,
            digests=digest.messages,
            digested=digest.alerts,
        )
        if report.sent or report.failed or report.replies or report.digests or report.paused_reason:
            log.info(
                "deliver: %d sent, %d in %d digests, %d thread replies, %d updated, %d failed, "
                "%d deferred%s",
                report.sent,
                report.digested,
                report.digests,
                report.replies,
                report.updated,
                report.failed,
                report.deferred,
                f"; paused: {report.paused_reason}" if report.paused_reason else "",
            )
        self.beat()
        return report

    def _deliver_all(self, ops: str) -> DeliveryReport:
        """Passes of `deliver_pending` (each claims a bounded batch) until one makes no
        progress: `run --once` promises every pending alert delivered, not the first 100."""
        total = DeliveryReport(0, 0, 0, "")
        for _ in range(MAX_DELIVERY_PASSES):
            report = deliver_pending(
                self.store, self.sender, now=self.now, ops_channel=ops, worker=self.worker_id
            )
            total = DeliveryReport(
                sent=total.sent + report.sent,
                failed=total.failed + report.failed,
                deferred=report.deferred,
                paused_reason=report.paused_reason,
                replies=total.replies + report.replies,
                updated=total.updated + report.updated,
                notices=total.notices + report.notices,
            )
            if report.paused_reason or not (report.sent or report.replies or report.updated):
                break
        return total

    def beat(self) -> None:
        """Touches the heartbeat file that the container HEALTHCHECK reads."""
        path = self.settings.heartbeat_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(self.now().isoformat(), encoding="utf-8")
        except OSError as e:
            log.warning("cannot write heartbeat %s: %s", path, e)
