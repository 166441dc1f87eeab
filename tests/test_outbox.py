"""The outbox: what is marked sent, failed or left pending when Slack misbehaves."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest

from bot.deliver.outbox import DeliveryReport, deliver_pending, interleave
from bot.deliver.slack import SlackSender
from bot.errors import DeliveryError
from bot.models import Alert
from bot.storage.base import AlertRecord, AlertState, Followup, Store
from tests.slack_server import SlackStandIn
from tests.test_format import make_alert

NOW = datetime(2025, 6, 12, 15, 0, tzinfo=UTC)


@dataclass
class Row:
    alert: Alert
    state: str = "pending"
    attempts: int = 0
    reason: str = ""
    slack: tuple[str, str] | None = None
    sources: int = 1


@dataclass
class FakeStore:
    """Just the outbox's part of the Store protocol, kept in a dict."""

    rows: dict[str, Row] = field(default_factory=dict)

    def add(self, *alerts: Alert) -> None:
        for a in alerts:
            self.rows[a.key] = Row(a)

    notices: set[str] = field(default_factory=set)

    def claim_pending(
        self, worker: str, limit: int, lease: timedelta, now: datetime
    ) -> list[Alert]:
        return [r.alert for r in self.rows.values() if r.state == "pending"][:limit]

    def claim_followups(
        self, worker: str, limit: int, lease: timedelta, now: datetime
    ) -> list[Followup]:
        return []

    def release(self, worker: str, keys: Sequence[str]) -> None:
        pass

    def stale_counts(self, limit: int = 100) -> list[AlertRecord]:
        return []

    def claim_notice(self, key: str, now: datetime) -> bool:
        first = key not in self.notices
        self.notices.add(key)
        return first

    def get_alert(self, key: str) -> AlertRecord | None:
        r = self.rows.get(key)
        if r is None:
            return None
        channel, ts = r.slack or ("", "")
        state = cast(AlertState, r.state)
        return AlertRecord(r.alert, state, r.attempts, r.reason, NOW, None, channel, ts, r.sources)

    def mark_sent(
        self,
        alert_key: str,
        *,
        slack_channel: str,
        slack_ts: str,
        now: datetime,
        sources_shown: int = 1,
    ) -> None:
        row = self.rows[alert_key]
        assert row.state == "pending", "sent twice"
        row.state, row.slack = "sent", (slack_channel, slack_ts)

    def mark_failed(self, alert_key: str, *, reason: str, permanent: bool, now: datetime) -> None:
        row = self.rows[alert_key]
        row.attempts += 1
        row.reason = reason
        if permanent:
            row.state = "failed"

    def states(self) -> dict[str, str]:
        return {k: r.state for k, r in self.rows.items()}


def run(store: FakeStore, sender: Any, limit: int = 100) -> DeliveryReport:
    return deliver_pending(cast(Store, store), sender, now=lambda: NOW, limit=limit)


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn(accept_any_channel=False) as server:
        server.add_channel("vendor-risk", id="C0VENDOR1")
        server.add_channel("customers", id="C0CUSTOM1", member=False)  # the bot was never invited
        yield server


def burst(n: int) -> list[Alert]:
    out = []
    for i in range(n):
        out.append(make_alert(key=f"v{i}", channel="#vendor-risk"))
        out.append(make_alert(key=f"c{i}", channel="#customers"))
    return out


def test_broken_channel_does_not_stop_the_other(
    slack: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    store = FakeStore()
    store.add(*burst(5))
    sender = SlackSender(slack.token, base_url=slack.base_url, min_interval_s=0)
    with caplog.at_level(logging.ERROR, logger="newsbot.deliver"):
        report = run(store, sender)
    assert report == DeliveryReport(sent=5, failed=5, deferred=0, paused_reason="")
    assert [m.metadata["event_payload"]["alert_key"] for m in slack.messages if m.metadata] == [
        f"v{i}" for i in range(5)
    ]
    for i in range(5):
        assert store.rows[f"v{i}"].state == "sent"
        assert store.rows[f"v{i}"].slack == ("C0VENDOR1", slack.messages[i].ts)
        failed = store.rows[f"c{i}"]
        assert failed.state == "failed"
        assert failed.reason == "not_in_channel: invite the bot to #customers: /invite @newsbot"
    # Slack was asked once for the broken channel, and the operator told once.
    assert len([r for r in slack.calls("chat.postMessage") if r.error == "not_in_channel"]) == 1
    assert caplog.text.count("cannot post to #customers") == 1


def test_invalid_auth_pauses_everything_and_keeps_alerts_pending(slack: SlackStandIn) -> None:
    store = FakeStore()
    store.add(*burst(3))
    slack.revoke_token()
    sender = SlackSender("xoxb-old", base_url=slack.base_url, min_interval_s=0)
    report = run(store, sender)
    assert report.sent == 0 and report.failed == 0 and report.deferred == 6
    assert report.paused_reason.startswith("invalid_auth")
    assert set(store.states().values()) == {"pending"}
    assert all(r.attempts == 0 for r in store.rows.values())
    assert slack.messages == []
    assert len(slack.requests) == 1  # the first refusal stops it


def test_transient_errors_leave_alerts_pending_and_the_next_run_sends(slack: SlackStandIn) -> None:
    store = FakeStore()
    store.add(*[make_alert(key=f"v{i}", channel="#vendor-risk") for i in range(3)])
    sender = SlackSender(slack.token, base_url=slack.base_url, min_interval_s=0)
    slack.fail_next("chat.postMessage", status=503)
    first = run(store, sender)
    assert first == DeliveryReport(sent=0, failed=1, deferred=2, paused_reason="")
    assert set(store.states().values()) == {"pending"}
    assert store.rows["v0"].attempts == 1 and "Slack failed" in store.rows["v0"].reason
    second = run(store, sender)
    assert second == DeliveryReport(sent=3, failed=0, deferred=0, paused_reason="")
    assert len(slack.messages) == 3


def test_lost_answer_then_next_run_marks_sent_without_a_second_post(slack: SlackStandIn) -> None:
    store = FakeStore()
    store.add(make_alert(key="v0", channel="#vendor-risk"))
    sender = SlackSender(slack.token, base_url=slack.base_url, min_interval_s=0)
    slack.fail_next("chat.postMessage", reset_after_receive=True)
    assert run(store, sender).failed == 1
    assert run(store, sender).sent == 1
    assert len(slack.messages) == 1
    assert store.rows["v0"].slack == ("C0VENDOR1", slack.messages[0].ts)


def test_a_paced_burst_is_queued_not_dropped(slack: SlackStandIn) -> None:
    store = FakeStore()
    store.add(*[make_alert(key=f"v{i}", channel="#vendor-risk") for i in range(30)])
    sender = SlackSender(slack.token, base_url=slack.base_url, min_interval_s=0.01)
    assert run(store, sender, limit=20).sent == 20
    assert run(store, sender, limit=20).sent == 10
    assert len(slack.messages) == 30


class ScriptedSender:
    """A sender that fails as told, to check the outbox's bookkeeping alone."""

    def __init__(self, fail: dict[str, DeliveryError]) -> None:
        self.fail = fail
        self.posted: list[tuple[str, int]] = []

    def post(
        self, alert: Alert, *, sources: int = 1, maybe_posted: bool = False
    ) -> tuple[str, str]:
        self.posted.append((alert.key, sources))
        if alert.key in self.fail:
            raise self.fail[alert.key]
        return "C1", f"1.{len(self.posted)}"


def test_a_message_refusal_fails_only_that_alert() -> None:
    from bot.errors import PermanentDeliveryError

    store = FakeStore()
    store.add(*[make_alert(key=f"v{i}") for i in range(3)])
    sender = ScriptedSender({"v1": PermanentDeliveryError("#vendor-risk", "msg_too_long: bug")})
    assert run(store, sender) == DeliveryReport(sent=2, failed=1, deferred=0, paused_reason="")
    assert store.states() == {"v0": "sent", "v1": "failed", "v2": "sent"}
    assert store.rows["v1"].reason == "msg_too_long: bug"


def test_sources_counted_before_delivery_reach_the_message() -> None:
    store = FakeStore()
    store.add(make_alert(key="v0"), make_alert(key="v1"))
    store.rows["v1"].sources = 4  # three more outlets reported it before it was sent
    sender = ScriptedSender({})
    run(store, sender)
    assert sender.posted == [("v0", 1), ("v1", 4)]


def test_interleave_takes_channels_in_turn() -> None:
    alerts = [make_alert(key=k, channel=c) for k, c in [("a1", "#a"), ("a2", "#a"), ("b1", "#b")]]
    assert [a.key for a in interleave(alerts)] == ["a1", "b1", "a2"]


def test_without_a_token_alerts_are_printed_and_marked_sent() -> None:
    import io

    from bot.deliver.console import ConsoleSender

    store = FakeStore()
    store.add(make_alert(key="v0", title="<!channel> Meta invests"), make_alert(key="v1"))
    out = io.StringIO()
    assert run(store, ConsoleSender(out)).sent == 2
    printed = out.getvalue()
    assert printed.count("Investment · Scale AI\n") == 2
    assert "  <!channel> Meta invests\n" in printed  # a terminal shows the text as it is
    channel, ts = store.rows["v0"].slack or ("", "")
    assert channel == "console" and re.fullmatch(r"\d+\.\d{6}", ts)
    assert store.rows["v1"].slack != store.rows["v0"].slack


def test_a_run_past_its_lease_starts_nothing_new() -> None:
    store = FakeStore()
    store.add(*[make_alert(key=f"v{i}") for i in range(3)])
    ticks = iter([NOW, NOW, NOW + timedelta(minutes=10)] + [NOW + timedelta(minutes=11)] * 20)
    sender = ScriptedSender({})
    report = deliver_pending(cast(Store, store), sender, now=lambda: next(ticks))
    # Claimed at NOW with a 5-minute lease: once the clock passes it, the rest wait.
    assert report.sent == 1 and report.deferred == 2
    assert store.states() == {"v0": "sent", "v1": "pending", "v2": "pending"}


def test_console_prints_a_reply_under_its_alert() -> None:
    import io

    from bot.deliver.console import ConsoleSender

    out = io.StringIO()
    parent = make_alert(key="v0", title="Meta invests in Scale AI")
    later = make_alert(key="v0", title="<b>Meta</b> confirms Scale AI stake", source="W")
    reply = Followup("reply:1", "v0", later, previous="speculative", broadcast=True)
    console = ConsoleSender(out)
    console.post(parent)
    console.update(parent, channel_id="console", ts="1.1", sources=2)  # nothing to edit
    assert re.fullmatch(r"\d+\.\d{6}", console.reply(reply))
    assert out.getvalue().endswith(
        "\n  ↳ Now confirmed by W: <b>Meta</b> confirms Scale AI stake\n"
    )
