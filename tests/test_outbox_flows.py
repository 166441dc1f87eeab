"""Whole delivery flows: a real store (both backends), the outbox, slack_sdk and the stand-in.

Each test asserts what Slack received, by content: threads, broadcasts,
source counts, exactly-once under faults, crashes and replicas.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.deliver.outbox import DEFAULT_LEASE, DeliveryReport, deliver_pending
from bot.deliver.slack import SlackSender
from bot.models import Alert, Article, Entity, Event, Mention, Watchlist
from bot.route import route_alerts
from bot.storage import Store, open_store
from tests.factories import T0, alert, article, event, party
from tests.slack_server import Message, SlackStandIn
from tests.test_storage import ROOT, in_threads, record

NOW = T0 + timedelta(minutes=5)


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn(accept_any_channel=False) as server:
        server.add_channel("vendor-risk", id="C0VENDOR1")
        server.add_channel("deals", id="C0DEALS01")
        server.add_channel("ops", id="C0OPS0001")
        yield server


def sender_for(slack: SlackStandIn) -> SlackSender:
    return SlackSender(
        slack.token, base_url=slack.base_url, min_interval_s=0, timeout_s=5, read_retry_s=0.01
    )


def deliver(store: Store, sender: Any, at: datetime = NOW, **kw: Any) -> DeliveryReport:
    return deliver_pending(store, sender, now=lambda: at, **kw)


def key_of(m: Message) -> str:
    return str((m.metadata or {}).get("event_payload", {}).get("alert_key", ""))


def top_level(slack: SlackStandIn) -> list[Message]:
    return [m for m in slack.messages if m.thread_ts is None]


def context(m: Message) -> list[str]:
    return [e["text"] for b in m.blocks if b["type"] == "context" for e in b["elements"]]


def test_story_from_three_outlets_is_one_parent_two_replies_and_a_count(
    store: Store, slack: SlackStandIn
) -> None:
    sender = sender_for(slack)
    first = alert(art=article(source="Wire"))
    record(store, first.article, first)
    assert deliver(store, sender).sent == 1
    for hours, source in enumerate(("Tech Daily", "Markets Desk"), 1):
        later = alert(art=article(source=source))
        record(store, later.article, later, now=T0 + timedelta(hours=hours))
    report = deliver(store, sender)
    assert (report.sent, report.replies, report.updated, report.failed) == (0, 2, 1, 0)
    parent, *replies = slack.messages
    assert parent.thread_ts is None and key_of(parent) == first.key
    assert [(r.thread_ts, r.reply_broadcast) for r in replies] == [(parent.ts, False)] * 2
    assert [r.text.split(":")[0] for r in replies] == [
        "Also reported by Tech Daily",
        "Also reported by Markets Desk",
    ]
    assert "Reported by 3 sources" in context(parent)
    assert len(parent.edits) == 1 and "Reported by" not in " ".join(
        e["text"]
        for b in parent.edits[0]["blocks"]
        if b["type"] == "context"
        for e in b["elements"]
    )
    # Nothing more to do: no second reply, no second edit.
    assert deliver(store, sender) == DeliveryReport(0, 0, 0, "")
    assert len(slack.messages) == 3 and len(parent.edits) == 1


def test_confirmation_of_a_rumour_is_broadcast(store: Store, slack: SlackStandIn) -> None:
    sender = sender_for(slack)
    rumour = alert(event(certainty="speculative"), article(source="Wire"))
    record(store, rumour.article, rumour)
    deliver(store, sender)
    confirmed = alert(event(certainty="confirmed"), article(source="Tech Daily"))
    record(store, confirmed.article, confirmed, now=T0 + timedelta(hours=2))
    assert deliver(store, sender).replies == 1
    parent, reply = slack.messages
    assert reply.thread_ts == parent.ts and reply.reply_broadcast is True
    assert reply.text.startswith("Now confirmed by Tech Daily: <https://news.example.com/")


VENDORS = Watchlist("vendors", "#vendor-risk", "v.yaml", (Entity("Scale AI", "vendors"),))


def routed(art: Article, ev: Event) -> list[Alert]:
    """What the worker records for one article: route with follow-ups on."""
    found = Mention("Scale AI", "vendors", "Scale AI", 0, 8, "name 'Scale AI'")
    return route_alerts(art, [found], [ev], {"vendors": VENDORS}, followups=True)


def test_denial_is_a_broadcast_reply_not_a_new_alert(store: Store, slack: SlackStandIn) -> None:
    sender = sender_for(slack)
    # A denial with nothing to deny: routed follow-up-only, then dropped by storage.
    early = article(title="OpenAI denies report it will drop Scale AI")
    assert record(store, early, *routed(early, event(certainty="denied"))).followups == ()
    rumour_art = article(title="OpenAI weighs dropping Scale AI", source="Wire")
    [rumour] = routed(rumour_art, event(certainty="speculative"))
    record(store, rumour_art, rumour, now=T0 + timedelta(hours=1))
    deliver(store, sender)
    art = article(title="OpenAI denies report it will drop Scale AI", source="Markets Desk")
    [denial] = routed(art, event(certainty="denied"))
    assert denial.followup_only
    record(store, art, denial, now=T0 + timedelta(hours=3))
    report = deliver(store, sender)
    assert (report.sent, report.replies) == (0, 1)
    parent, reply = slack.messages
    assert reply.thread_ts == parent.ts and reply.reply_broadcast is True
    assert reply.text.startswith("*OpenAI* denies the report: <https://")
    assert reply.text.endswith("|OpenAI denies report it will drop Scale AI> (Markets Desk)")
    assert len(store.list_alerts()) == 1 and len(top_level(slack)) == 1


def test_api_outage_then_recovery_delivers_everything_once_in_order(
    store: Store, slack: SlackStandIn
) -> None:
    scale = party("Scale AI", watched=True)
    alerts = [
        alert(event(parties=(scale, party(f"Co{i}"))), channel=ch)
        for i in range(4)
        for ch in ("#vendor-risk", "#deals")
    ]
    for i, a in enumerate(alerts):
        record(store, a.article, a, now=T0 + timedelta(seconds=i))
    slack.fail_next("*", status=503, times=20)  # every method, 20 calls
    sender = sender_for(slack)
    runs = 0
    while store.pending_alerts() and runs < 30:
        deliver(store, sender)
        runs += 1
    assert store.pending_alerts() == [] and runs > 2
    for channel in ("vendor-risk", "deals"):
        got = [key_of(m) for m in slack.messages if m.channel_name == channel]
        assert got == [a.key for a in alerts if a.channel == f"#{channel}"]
    assert {r.state for r in store.list_alerts()} == {"sent"}


def test_429_storm_is_waited_out_and_posted_once(sqlite_url: str, slack: SlackStandIn) -> None:
    # One backend only: the waiting is the sender's, and each Retry-After costs a second.
    store = open_store(sqlite_url)
    a = alert()
    record(store, a.article, a)
    slack.fail_next("chat.postMessage", status=429, retry_after=1, times=2)
    assert deliver(store, sender_for(slack)).sent == 1
    assert [r.http_status for r in slack.calls("chat.postMessage")] == [429, 429, 200]
    assert [key_of(m) for m in slack.messages] == [a.key]
    store.close()


def test_reset_after_a_reply_was_received_is_not_replied_twice(
    store: Store, slack: SlackStandIn
) -> None:
    sender = sender_for(slack)
    parent = alert()
    record(store, parent.article, parent)
    deliver(store, sender)
    later = alert(art=article(source="Tech Daily"))
    record(store, later.article, later, now=T0 + timedelta(hours=1))
    slack.fail_next("chat.postMessage", reset_after_receive=True)
    assert deliver(store, sender).replies == 0
    assert deliver(sender=sender_for(slack), store=store).replies == 1  # a new process, too
    replies = [m for m in slack.messages if m.thread_ts]
    assert len(replies) == 1 and replies[0].text.startswith("Also reported by Tech Daily")
    [(_, state, _, ts)] = store.followups_of(parent.key)
    assert (state, ts) == ("sent", replies[0].ts)
    assert len(slack.calls("conversations.replies")) == 1


CHILD = """
import os, signal, sys
from datetime import datetime
from bot.deliver.outbox import deliver_pending
from bot.deliver.slack import SlackSender
from bot.storage import open_store

class DiesAfterSlackAccepts(SlackSender):
    def post(self, alert, **kw):
        result = super().post(alert, **kw)
        os.kill(os.getpid(), signal.SIGKILL)  # before mark_sent
        return result

store = open_store(sys.argv[1])
sender = DiesAfterSlackAccepts(sys.argv[2], base_url=sys.argv[3], min_interval_s=0)
now = datetime.fromisoformat(sys.argv[4])
deliver_pending(store, sender, now=lambda: now)
"""


def test_worker_killed_between_post_and_mark_is_reconciled(
    store_url: str, slack: SlackStandIn
) -> None:
    store = open_store(store_url)
    try:
        alerts = [alert(), alert(event(type="investment"))]
        for i, a in enumerate(alerts):
            record(store, a.article, a, now=T0 + timedelta(seconds=i))
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        args = [sys.executable, "-c", CHILD, store_url, slack.token, slack.base_url]
        child = subprocess.run([*args, NOW.isoformat()], env=env, timeout=60)
        assert child.returncode == -9
        assert [key_of(m) for m in slack.messages] == [alerts[0].key]
        # Its claims hold until the lease ends; then the next run takes over and
        # finds the first alert already in Slack.
        assert deliver(store, sender_for(slack)).sent == 0
        later = NOW + DEFAULT_LEASE + timedelta(seconds=1)
        assert deliver(store, sender_for(slack), at=later).sent == 2
        assert [key_of(m) for m in slack.messages] == [a.key for a in alerts]
        recs = {r.alert.key: r for r in store.list_alerts()}
        assert recs[alerts[0].key].slack_ts == slack.messages[0].ts
        assert {r.state for r in recs.values()} == {"sent"}
    finally:
        store.close()


def test_channel_not_found_fails_with_reason_tells_ops_once_and_others_flow(
    store: Store, slack: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    gone = alert(channel="#gone")
    kept = alert(event(type="investment"))
    for a in (gone, kept):
        record(store, a.article, a)
    with caplog.at_level(logging.ERROR, logger="newsbot.deliver"):
        report = deliver(store, sender_for(slack), ops_channel="#ops")
    assert (report.sent, report.failed, report.notices) == (1, 1, 1)
    rec = store.get_alert(gone.key)
    assert rec is not None and rec.state == "failed"
    assert rec.last_error.startswith("channel_not_found: no such channel visible to the bot")
    assert [key_of(m) for m in slack.messages if m.channel_name == "vendor-risk"] == [kept.key]
    [notice] = [m for m in slack.messages if m.channel_name == "ops"]
    assert notice.text.startswith(":warning: newsbot cannot post to #gone: channel_not_found")
    assert "newsbot alerts --retry" in notice.text
    # Retried the same day: it fails again, the log says so again, ops hears nothing new.
    store.retry_failed()
    assert deliver(store, sender_for(slack), ops_channel="#ops").notices == 0
    assert len([m for m in slack.messages if m.channel_name == "ops"]) == 1
    assert caplog.text.count("cannot post to #gone") == 2


def test_a_broken_ops_channel_is_tried_once_and_never_loops(
    store: Store, slack: SlackStandIn
) -> None:
    gone = alert(channel="#gone")
    record(store, gone.article, gone)
    for _ in range(2):
        store.retry_failed()
        assert deliver(store, sender_for(slack), ops_channel="#nowhere").notices == 0
    to_ops = [r for r in slack.calls("chat.postMessage") if r.params.get("channel") == "#nowhere"]
    assert len(to_ops) == 1


def test_malicious_title_in_a_follow_up_is_escaped(store: Store, slack: SlackStandIn) -> None:
    sender = sender_for(slack)
    parent = alert()
    record(store, parent.article, parent)
    deliver(store, sender)
    evil = article(
        title="<!channel> <@U0ADMIN> <https://evil.example|https://good.example> & @here `x`",
        source="<!here> Outlet",
    )
    later = alert(art=evil)
    record(store, evil, later, now=T0 + timedelta(hours=1))
    deliver(store, sender)
    reply = slack.messages[-1]
    payload = json.dumps([reply.text, reply.blocks])
    for bad in ("<!channel>", "<@U0ADMIN>", "<!here>", "<https://evil", "`"):
        assert bad not in payload
    assert reply.text.count("<") == 1  # only our own link to the article
    assert "&lt;!channel&gt; &lt;@U0ADMIN&gt;" in reply.text and "&amp;" in reply.text
    assert reply.text.startswith(
        "Also reported by &lt;!here&gt; Outlet: <https://news.example.com/"
    )


def test_two_replicas_deliver_every_alert_exactly_once(store_url: str, slack: SlackStandIn) -> None:
    stores = [open_store(store_url) for _ in range(2)]
    try:
        scale = party("Scale AI", watched=True)
        alerts: list[Alert] = [
            alert(event(parties=(scale, party(f"Co{i}"))), channel=ch)
            for i in range(10)
            for ch in ("#vendor-risk", "#deals")
        ]
        for i, a in enumerate(alerts):
            record(stores[0], a.article, a, now=T0 + timedelta(seconds=i))
        reports = in_threads(
            2,
            lambda i: deliver(stores[i], sender_for(slack), limit=6, worker=f"replica-{i}"),
        )
        while stores[0].pending_alerts():
            reports.append(deliver(stores[0], sender_for(slack)))
    finally:
        for s in stores:
            s.close()
    keys = [key_of(m) for m in slack.messages]
    assert sorted(keys) == sorted(a.key for a in alerts)  # each exactly once
    assert reports[0].sent > 0 and reports[1].sent > 0  # both replicas worked


def test_alerts_deferred_by_a_failure_do_not_each_reread_the_history(
    store: Store, slack: SlackStandIn
) -> None:
    parties = [party(f"Counterpart{i}") for i in range(12)]
    for p in parties:
        a = alert(event("partnership_ended", (party("Scale AI", watched=True), p)))
        record(store, a.article, a)
    slack.fail_next("chat.postMessage", status=503)  # the first post fails, the rest wait
    first = deliver(store, sender_for(slack))
    assert (first.sent, first.deferred) == (0, 11)
    reads_before = len(slack.calls("conversations.history"))
    second = deliver(store, sender_for(slack), at=NOW + timedelta(minutes=1))
    assert second.sent == 12 and len(top_level(slack)) == 12
    # One look per channel for the run, plus one for the alert whose post failed.
    assert len(slack.calls("conversations.history")) - reads_before <= 2
