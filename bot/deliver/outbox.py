"""The outbox: pending alerts go to the sender; an alert is marked sent only on Slack's ok.

    for each pending alert, channels taken in turn (so per-channel pacing overlaps):
        post it
        ok              -> mark_sent(channel id, ts)
        transient error -> mark_failed(permanent=False): stays pending; the rest of
                           that channel waits for the next run, other channels go on
        channel refused -> mark_failed(permanent=True) for this and every alert of that
                           channel in this run; the operator is told once
        message refused -> mark_failed(permanent=True) for that alert only
        token refused   -> stop: nothing more is sent, everything stays pending

Nothing is dropped: an alert leaves `pending` only as `sent` or as `failed` with
the reason, and `newsbot alerts --retry` puts failed ones back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.deliver.slack import AuthDeliveryError, ChannelDeliveryError
from bot.errors import DeliveryError, PermanentDeliveryError
from bot.models import Alert
from bot.storage.base import Store

log = logging.getLogger("newsbot.deliver")


class Sender(Protocol):
    def post(self, alert: Alert, *, sources: int = 1) -> tuple[str, str]:
        """(channel id, ts); raises DeliveryError or PermanentDeliveryError."""
        ...


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int  # marked failed for good (until --retry), or failed an attempt this run
    deferred: int  # not attempted this run; still pending
    paused_reason: str  # why sending stopped for every channel, "" if it did not


def interleave(alerts: Iterable[Alert]) -> list[Alert]:
    """A1 B1 A2 B2 ...: each channel keeps its order, no channel waits behind another's burst."""
    queues: dict[str, list[Alert]] = {}
    for alert in alerts:
        queues.setdefault(alert.channel, []).append(alert)
    out: list[Alert] = []
    depth = max((len(q) for q in queues.values()), default=0)
    for i in range(depth):
        out.extend(q[i] for q in queues.values() if i < len(q))
    return out


def deliver_pending(
    store: Store, sender: Sender, *, now: Callable[[], datetime], limit: int = 100
) -> DeliveryReport:
    sent = failed = deferred = 0
    paused = ""
    waiting: set[str] = set()  # channels with a transient error this run
    refused: dict[str, str] = {}  # channel -> why it refuses, this run
    for alert in interleave(store.pending_alerts(limit)):
        if paused or alert.channel in waiting:
            deferred += 1
            continue
        if alert.channel in refused:
            store.mark_failed(alert.key, reason=refused[alert.channel], permanent=True, now=now())
            failed += 1
            continue
        try:
            record = store.get_alert(alert.key)  # follow-ups may have come in before delivery
            channel_id, ts = sender.post(alert, sources=record.sources if record else 1)
        except AuthDeliveryError as e:
            paused = e.reason
            deferred += 1
            log.error("sending paused for every channel: %s; alerts stay pending", e.reason)
        except ChannelDeliveryError as e:
            refused[alert.channel] = e.reason
            store.mark_failed(alert.key, reason=e.reason, permanent=True, now=now())
            failed += 1
            log.error(
                "cannot post to %s: %s; its alerts are kept as failed", alert.channel, e.reason
            )
        except PermanentDeliveryError as e:
            store.mark_failed(alert.key, reason=e.reason, permanent=True, now=now())
            failed += 1
            log.error("alert %s refused by %s: %s", alert.key, alert.channel, e.reason)
        except DeliveryError as e:
            waiting.add(alert.channel)
            store.mark_failed(alert.key, reason=e.reason, permanent=False, now=now())
            failed += 1
            log.warning("%s: %s; retrying on the next run", alert.channel, e.reason)
        else:
            store.mark_sent(alert.key, slack_channel=channel_id, slack_ts=ts, now=now())
            sent += 1
    if sent or failed or deferred:
        log.info("delivery: %d sent, %d failed, %d deferred", sent, failed, deferred)
    return DeliveryReport(sent=sent, failed=failed, deferred=deferred, paused_reason=paused)
