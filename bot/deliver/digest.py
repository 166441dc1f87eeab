"""Daily digests: a watchlist's held alerts posted once a day as one message per channel.

claim the digests due now (store.claim_digests: each channel and digest time
    whose time has passed today, UTC, not sent today, with a lease so two
    replicas never work on one digest), with their pending digest alerts
for each: split into messages of at most DIGEST_ITEMS_MAX changes
    write down each message's alerts before posting it (plan_digest_part),
    so a retry rebuilds the same message and finds it in Slack by its key
    post it (metadata key = the part key; Slack is read first when an
        earlier attempt planned it, so a crash after posting never posts twice)
    ok              -> every alert in it sent, with the message's channel and ts:
                       later reports of those events thread under the digest
    errors          -> as for alerts (bot.deliver.outbox): transient stays pending,
                       a refused channel fails them with the reason, a refused
                       token pauses everything
all messages posted -> the digest is done for the day; a change that comes
    later waits for tomorrow's
release the claims; tell the ops channel about refusals, once a day
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.deliver.format_digest import DIGEST_ITEMS_MAX
from bot.deliver.notices import tell_operator
from bot.deliver.outbox import DEFAULT_LEASE, LEASE_MARGIN, Sender, _Run
from bot.models import Alert
from bot.storage.base import DigestBatch, Store

log = logging.getLogger("newsbot.deliver")


@dataclass(frozen=True)
class DigestReport:
    messages: int  # digest messages posted (or found already in Slack)
    alerts: int  # alerts marked sent by them
    failed: int  # messages that failed an attempt or were refused
    deferred: int  # alerts not attempted this run (paused, waiting, out of lease)
    paused_reason: str
    notices: int = 0


def part_key(digest_key: str, first_alert_key: str) -> str:
    """One digest message's key: its digest and its first alert (an alert is in one message)."""
    material = f"{digest_key}\x1f{first_alert_key}".encode()
    return f"digest-part:{hashlib.sha256(material).hexdigest()[:32]}"


def plan_parts(batch: DigestBatch) -> list[tuple[str, list[Alert], bool]]:
    """(part key, alerts, planned by an earlier attempt): earlier plans first, kept as they were."""
    earlier: dict[str, list[Alert]] = {}
    fresh: list[Alert] = []
    for alert in batch.alerts:
        planned = batch.planned.get(alert.key)
        if planned:
            earlier.setdefault(planned, []).append(alert)
        else:
            fresh.append(alert)
    parts = [(key, alerts, True) for key, alerts in earlier.items()]
    for i in range(0, len(fresh), DIGEST_ITEMS_MAX):
        chunk = fresh[i : i + DIGEST_ITEMS_MAX]
        parts.append((part_key(batch.key, chunk[0].key), chunk, False))
    return parts


def deliver_digests(
    store: Store,
    sender: Sender,
    *,
    now: Callable[[], datetime],
    worker: str,
    ops_channel: str = "",
    lease: timedelta = DEFAULT_LEASE,
) -> DigestReport:
    started = now()
    run = _Run(now, started + lease - min(LEASE_MARGIN, lease / 2))
    batches = store.claim_digests(worker, lease, started)
    messages = 0
    try:
        for batch in batches:
            messages += _deliver_batch(store, sender, run, batch)
    finally:
        keys = [b.key for b in batches] + [a.key for b in batches for a in b.alerts]
        store.release(worker, keys)
    notices = tell_operator(store, sender, run.problems, ops_channel, now())
    report = DigestReport(messages, run.sent, run.failed, run.deferred, run.paused, notices)
    if batches:
        log.info(
            "digest: %d messages with %d alerts, %d failed, %d deferred",
            messages,
            run.sent,
            run.failed,
            run.deferred,
        )
    return report


def _deliver_batch(store: Store, sender: Sender, run: _Run, batch: DigestBatch) -> int:
    """Posts one digest's messages; returns how many went out. Marks it done if all did."""
    parts = plan_parts(batch)
    messages = 0
    for number, (key, alerts, planned) in enumerate(parts, 1):
        if run.blocked(batch.channel):
            run.deferred += len(alerts)
            continue
        if not planned:
            store.plan_digest_part(key, [a.key for a in alerts])
        where = (batch.channel, number, len(parts))
        messages += _post_part(store, sender, run, where, key, alerts, planned)
    if messages == len(parts):
        store.mark_digest_sent(batch.key, run.now())
    return messages


def _post_part(
    store: Store,
    sender: Sender,
    run: _Run,
    where: tuple[str, int, int],
    key: str,
    alerts: list[Alert],
    maybe_posted: bool,
) -> int:
    """1 if this message is in Slack now (its alerts marked sent), else 0."""
    channel, number, total = where
    posted: list[tuple[str, str]] = []

    def send() -> None:
        posted.append(
            sender.post_digest(
                key, channel, alerts, part=number, parts=total, maybe_posted=maybe_posted
            )
        )

    def fail(reason: str, permanent: bool) -> None:
        for a in alerts:
            store.mark_failed(a.key, reason=reason, permanent=permanent, now=run.now())

    if not run.attempt(channel, f"digest {key}", send, fail):
        return 0
    channel_id, ts = posted[0]
    run.sent += store.mark_digest_part_sent(
        key, slack_channel=channel_id, slack_ts=ts, now=run.now()
    )
    return 1
