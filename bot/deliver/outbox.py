"""The outbox: claimed alerts and thread replies go to the sender; marked sent only on Slack's ok.

    claim pending alerts (a lease: no other replica takes them while it runs)
    for each, channels taken in turn (so per-channel pacing overlaps):
        post it (checking Slack first if an earlier attempt may have landed)
        ok              -> mark_sent(channel id, ts, sources shown)
        transient error -> mark_failed(permanent=False): stays pending; the rest of
                           that channel waits for the next run, other channels go on
        channel refused -> mark_failed(permanent=True) for this and every item of that
                           channel in this run; the operator is told once
        message refused -> mark_failed(permanent=True) for that alert only
        token refused   -> stop: nothing more is sent, everything stays pending
    claim pending follow-ups whose parent is sent: reply in the parent's thread
        (broadcast when the certainty changed), same error handling
    parents showing fewer sources than known: chat.update with the count
    release every claim left; tell the ops channel, once per channel, error and day

Nothing is dropped: an item leaves `pending` only as `sent` or as `failed` with
the reason, and `newsbot alerts --retry` puts failed ones back. Past its lease
a run starts nothing new, so a slow run never overlaps a replica's takeover.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, TypeVar

from bot.deliver.notices import EVERY_CHANNEL, tell_operator
from bot.deliver.slack_errors import AuthDeliveryError, ChannelDeliveryError
from bot.errors import DeliveryError, PermanentDeliveryError
from bot.models import Alert
from bot.storage.base import AlertRecord, Followup, Store

log = logging.getLogger("newsbot.deliver")
T = TypeVar("T", Alert, Followup)

# A claim outlives the longest run we expect: 100 alerts paced 1/s in one
# channel (~100 s) plus a 429 storm waited out in place (3 x 30 s).
DEFAULT_LEASE = timedelta(minutes=5)
# No new post starts this close to the lease's end: a takeover never races us.
LEASE_MARGIN = timedelta(seconds=30)


class Sender(Protocol):
    def post(
        self, alert: Alert, *, sources: int = 1, maybe_posted: bool = False
    ) -> tuple[str, str]:
        """(channel id, ts); raises DeliveryError or PermanentDeliveryError."""
        ...

    def reply(self, followup: Followup, *, maybe_posted: bool = False) -> str:
        """The reply's ts in the follow-up's thread."""
        ...

    def post_digest(
        self, key: str, channel: str, alerts: Sequence[Alert], *, part: int = 1, parts: int = 1,
        maybe_posted: bool = False,
    ) -> tuple[str, str]:  # fmt: skip
        """(channel id, ts) of one daily digest message (bot.deliver.digest)."""
        ...

    def update(self, alert: Alert, *, channel_id: str, ts: str, sources: int) -> None: ...

    def notify(self, channel: str, text: str) -> None: ...


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int  # marked failed for good (until --retry), or failed an attempt this run
    deferred: int  # not attempted this run; still pending
    paused_reason: str  # why sending stopped for every channel, "" if it did not
    replies: int = 0  # follow-ups posted into threads
    updated: int = 0  # parents rewritten with their source count
    notices: int = 0  # operator notices posted to the ops channel
    digests: int = 0  # daily digest messages posted (bot.deliver.digest)
    digested: int = 0  # alerts delivered in them (not counted in `sent`)


def default_worker_id() -> str:
    """Host, process and a random tail: unique per running worker, readable in the table."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def interleave(items: Iterable[T]) -> list[T]:
    """A1 B1 A2 B2 ...: each channel keeps its order, no channel waits behind another's burst."""
    queues: dict[str, list[T]] = {}
    for item in items:
        channel = item.channel if isinstance(item, Alert) else item.alert.channel
        queues.setdefault(channel, []).append(item)
    out: list[T] = []
    depth = max((len(q) for q in queues.values()), default=0)
    for i in range(depth):
        out.extend(q[i] for q in queues.values() if i < len(q))
    return out


class _Run:
    """One delivery run's bookkeeping: counts, and which channels stopped why."""

    def __init__(self, now: Callable[[], datetime], deadline: datetime) -> None:
        self.now, self.deadline = now, deadline
        self.sent = self.failed = self.deferred = self.replies = self.updated = 0
        self.paused = ""
        self.waiting: set[str] = set()  # channels with a transient error this run
        self.refused: dict[str, str] = {}  # channel -> why it refuses, this run
        self.problems: dict[str, str] = {}  # where -> reason, for the operator

    def blocked(self, channel: str) -> bool:
        """Not to be tried now: paused, waiting on this channel, or out of lease."""
        return bool(self.paused) or channel in self.waiting or self.now() >= self.deadline

    def attempt(
        self, channel: str, what: str, send: Callable[[], None], fail: Callable[[str, bool], None]
    ) -> bool:
        """send(); on error records it the way the module docstring says. True if sent."""
        if channel in self.refused:
            fail(self.refused[channel], True)
            self.failed += 1
            return False
        try:
            send()
            return True
        except AuthDeliveryError as e:
            self.paused = e.reason
            self.deferred += 1
            self.problems[EVERY_CHANNEL] = e.reason
            log.error("sending paused for every channel: %s; alerts stay pending", e.reason)
        except ChannelDeliveryError as e:
            self.refused[channel] = e.reason
            self.problems.setdefault(channel, e.reason)
            fail(e.reason, True)
            self.failed += 1
            log.error("cannot post to %s: %s; its alerts are kept as failed", channel, e.reason)
        except PermanentDeliveryError as e:
            fail(e.reason, True)
            self.failed += 1
            log.error("%s refused by %s: %s", what, channel, e.reason)
        except DeliveryError as e:
            self.waiting.add(channel)
            fail(e.reason, False)
            self.failed += 1
            log.warning("%s: %s; retrying on the next run", channel, e.reason)
        return False


def deliver_pending(
    store: Store,
    sender: Sender,
    *,
    now: Callable[[], datetime],
    limit: int = 100,
    ops_channel: str = "",
    worker: str = "",
    lease: timedelta = DEFAULT_LEASE,
) -> DeliveryReport:
    worker = worker or default_worker_id()
    started = now()
    run = _Run(now, started + lease - min(LEASE_MARGIN, lease / 2))
    claimed: list[str] = []
    try:
        alerts = store.claim_pending(worker, limit, lease, started)
        claimed += [a.key for a in alerts]
        for alert in interleave(alerts):
            _deliver_alert(store, sender, run, alert)
        if not run.paused:
            followups = store.claim_followups(worker, limit, lease, now())
            claimed += [f.key for f in followups]
            for followup in interleave(followups):
                _deliver_followup(store, sender, run, followup)
        if not run.paused:
            _update_counts(store, sender, run, limit)
    finally:
        store.release(worker, claimed)
    notices = tell_operator(store, sender, run.problems, ops_channel, now())
    report = DeliveryReport(
        run.sent, run.failed, run.deferred, run.paused, run.replies, run.updated, notices
    )
    if report != DeliveryReport(0, 0, 0, ""):
        log.info(
            "delivery: %d sent, %d replies, %d updated, %d failed, %d deferred",
            run.sent,
            run.replies,
            run.updated,
            run.failed,
            run.deferred,
        )
    return report


def _deliver_alert(store: Store, sender: Sender, run: _Run, alert: Alert) -> None:
    if run.blocked(alert.channel):
        run.deferred += 1
        return
    record = store.get_alert(alert.key)  # follow-ups may have come in before delivery
    sources = record.sources if record else 1
    # Attempted before, or claimed by a worker that never finished: Slack may have it.
    maybe_posted = bool(record and (record.attempts > 0 or record.claims > 1))
    posted: list[tuple[str, str]] = []

    def send() -> None:
        posted.append(sender.post(alert, sources=sources, maybe_posted=maybe_posted))

    def fail(reason: str, permanent: bool) -> None:
        store.mark_failed(alert.key, reason=reason, permanent=permanent, now=run.now())

    if run.attempt(alert.channel, f"alert {alert.key}", send, fail):
        channel_id, ts = posted[0]
        store.mark_sent(
            alert.key, slack_channel=channel_id, slack_ts=ts, now=run.now(), sources_shown=sources
        )
        run.sent += 1


def _deliver_followup(store: Store, sender: Sender, run: _Run, followup: Followup) -> None:
    channel = followup.alert.channel
    if run.blocked(channel):
        run.deferred += 1
        return
    maybe_posted = followup.attempts > 0 or followup.claims > 1
    posted: list[str] = []

    def send() -> None:
        posted.append(sender.reply(followup, maybe_posted=maybe_posted))

    def fail(reason: str, permanent: bool) -> None:
        store.mark_followup_failed(followup.key, reason=reason, permanent=permanent, now=run.now())

    if run.attempt(channel, f"follow-up {followup.key}", send, fail):
        store.mark_followup_sent(followup.key, slack_ts=posted[0], now=run.now())
        run.replies += 1


def _update_counts(store: Store, sender: Sender, run: _Run, limit: int) -> None:
    """Parents whose message shows fewer sources than known: rewrite them (idempotent)."""
    for rec in store.stale_counts(limit):
        if not run.blocked(rec.alert.channel) and rec.alert.channel not in run.refused:
            _update_one(store, sender, run, rec)


def _update_one(store: Store, sender: Sender, run: _Run, rec: AlertRecord) -> None:
    key = rec.alert.key

    def send() -> None:
        sender.update(rec.alert, channel_id=rec.slack_channel, ts=rec.slack_ts, sources=rec.sources)

    def fail(reason: str, permanent: bool) -> None:
        if permanent:  # the message is gone or the channel refuses: stop asking
            store.mark_sources_shown(key, rec.sources)

    if run.attempt(rec.alert.channel, f"update of {key}", send, fail):
        store.mark_sources_shown(key, rec.sources)
        run.updated += 1
