"""The storage contract: what every backend must do, atomically.

Storage, not the caller, decides what is new: `record_article` checks and
inserts in one transaction, and stores the article's new alerts as pending
in that same transaction, so two workers can never both alert and a crash
can never lose an alert that was decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from bot.models import Alert, Article, Certainty

AlertState = Literal["pending", "sent", "failed"]


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # consecutive; reset on success
    last_error: str = ""
    last_ok_at: datetime | None = None
    next_poll_at: datetime | None = None


@dataclass(frozen=True)
class RecordResult:
    article_is_new: bool
    new_alerts: tuple[Alert, ...]  # stored as pending, to deliver
    # Same event and channel as an earlier alert; each one's `key` is the key of
    # the stored alert it follows up (`get_alert(key)` gives its Slack thread).
    followups: tuple[Alert, ...]


@dataclass(frozen=True)
class AlertRecord:
    alert: Alert
    state: AlertState
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    slack_channel: str  # the channel id Slack answered with, once sent
    slack_ts: str
    sources: int  # how many articles reported this event for this channel
    claims: int = 0  # deliveries that took it; more than one means one may have posted it
    shown_sources: int = 0  # the count the Slack message shows


@dataclass(frozen=True)
class Followup:
    """A later report of an alert's event, to post in that alert's Slack thread.

    Stored pending in the transaction that recorded its article, so a reply is
    never lost; deliverable once the parent has a Slack ts (`thread_ts`).
    """

    key: str  # hash(parent key, article): the same article never replies twice
    parent_key: str
    alert: Alert  # the report as routed: its article and event
    previous: Certainty  # what the thread said before this report
    broadcast: bool  # the certainty changed: show it in the channel too
    attempts: int = 0
    claims: int = 0
    thread_channel: str = ""  # the parent's Slack channel id and ts, once sent
    thread_ts: str = ""


@dataclass(frozen=True)
class DigestBatch:
    """One due daily digest (channel, digest time, UTC day), leased to one worker."""

    key: str
    channel: str
    slot: str  # "HH:MM" UTC
    day: str  # "YYYY-MM-DD" UTC
    alerts: tuple[Alert, ...]  # oldest first
    # alert key -> the digest message an earlier attempt planned it into (it may be in Slack)
    planned: Mapping[str, str]


class Store(Protocol):
    """Every datetime passed in must be timezone-aware; every one returned is UTC."""

    def get_feed_state(self, url: str) -> FeedState: ...

    def record_fetch(
        self,
        url: str,
        *,
        ok: bool,
        now: datetime,
        next_poll_at: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str = "",
    ) -> FeedState:
        """Success resets `failures` and stores the validators (None keeps the
        stored one: a 304 need not repeat it); failure increments `failures`
        and keeps the validators."""
        ...

    def record_article(
        self, article: Article, item_keys: Sequence[str], alerts: Sequence[Alert], now: datetime
    ) -> RecordResult:
        """Atomically: the article is new unless one of its item keys was seen;
        only a new article's alerts are inserted, and an alert whose key exists
        is a follow-up (counted as another source), not a new alert.

        An existing alert created more than the store's event window before
        `now` absorbs nothing: the event is news again and gets a new alert,
        whose `key` then differs from the one passed in (deliver and mark_*
        use the returned key). `item_keys` must not be empty.
        """
        ...

    def get_alert(self, key: str) -> AlertRecord | None:
        """The stored alert with this key (a new alert's or a follow-up's), or None."""
        ...

    def pending_alerts(self, limit: int = 100) -> list[Alert]: ...

    def claim_pending(
        self, worker: str, limit: int, lease: timedelta, now: datetime
    ) -> list[Alert]:
        """Pending alerts no live claim holds, now held by `worker` until now + lease.
        Alerts held for a daily digest are not among them (see claim_digests).

        Two workers never get the same alert while the lease runs; a crashed
        worker's alerts come back when its lease expires. Oldest first.
        """
        ...

    def claim_followups(
        self, worker: str, limit: int, lease: timedelta, now: datetime
    ) -> list[Followup]:
        """Pending follow-ups whose parent is sent (so the thread exists), claimed as above."""
        ...

    def release(self, worker: str, keys: Sequence[str]) -> None:
        """Gives up `worker`'s claims on these alert, follow-up or digest keys."""
        ...

    def claim_digests(self, worker: str, lease: timedelta, now: datetime) -> list[DigestBatch]:
        """Each channel's digest whose time has passed today (UTC), not yet sent today and
        not leased, with its pending digest alerts, now held by `worker` as claim_pending."""
        ...

    def plan_digest_part(self, part_key: str, alert_keys: Sequence[str]) -> None:
        """Records which alerts one digest message holds (alerts already planned keep theirs)."""
        ...

    def mark_digest_part_sent(
        self, part_key: str, *, slack_channel: str, slack_ts: str, now: datetime
    ) -> int:
        """Marks every alert planned into that message sent, with its channel and ts."""
        ...

    def mark_digest_sent(self, key: str, now: datetime) -> None:
        """The digest is done for its day: later digest alerts wait for the next day's."""
        ...

    def mark_sent(
        self,
        alert_key: str,
        *,
        slack_channel: str,
        slack_ts: str,
        now: datetime,
        sources_shown: int = 1,
    ) -> None: ...

    def mark_followup_sent(self, key: str, *, slack_ts: str, now: datetime) -> None: ...

    def mark_followup_failed(
        self, key: str, *, reason: str, permanent: bool, now: datetime
    ) -> None: ...

    def stale_counts(self, limit: int = 100) -> list[AlertRecord]:
        """Sent alerts whose message shows fewer sources than are known (chat.update due)."""
        ...

    def mark_sources_shown(self, alert_key: str, sources: int) -> None: ...

    def followups_of(self, parent_key: str) -> list[tuple[Followup, str, str, str]]:
        """(follow-up, state, last error, reply ts) of one alert, oldest first."""
        ...

    def claim_notice(self, key: str, now: datetime) -> bool:
        """True for the first caller with this key, ever: an operator notice is sent once."""
        ...

    def mark_failed(self, alert_key: str, *, reason: str, permanent: bool, now: datetime) -> None:
        """Transient: stays pending (attempts+1). Permanent: state 'failed' until retried."""
        ...

    def retry_failed(self) -> int:
        """Puts failed alerts and follow-ups back to pending; returns how many alerts."""
        ...

    def list_alerts(
        self, limit: int = 50, state: AlertState | None = None
    ) -> list[AlertRecord]: ...

    def articles_since(self, since: datetime) -> list[Article]: ...

    def close(self) -> None: ...
