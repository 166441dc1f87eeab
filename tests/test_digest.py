"""Daily digests end to end: a real store (both backends), slack_sdk and the Slack stand-in.

Digest time 08:00 UTC; alerts are recorded at 07:00 on 2025-06-02 (factories.T0 is 09:00).
Each test asserts what Slack received, by content.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.deliver.digest import DigestReport, deliver_digests
from bot.deliver.outbox import deliver_pending
from bot.deliver.slack import SlackSender
from bot.models import Alert
from bot.storage import Store, open_store
from tests.factories import T0, alert, article, event, party
from tests.slack_server import Message, SlackStandIn
from tests.test_storage import in_threads, record

DAY = T0.replace(hour=0)
RECORDED = DAY.replace(hour=7)
BEFORE = DAY.replace(hour=7, minute=30)
AFTER = DAY.replace(hour=8, minute=30)
HOSTILE = "<!channel> <@U0ADMIN> <https://evil.example|https://good.example> & @here"


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn(accept_any_channel=False) as server:
        server.add_channel("vendor-risk", id="C0VENDOR1")
        server.add_channel("deals", id="C0DEALS01")
        yield server


def sender_for(slack: SlackStandIn) -> SlackSender:
    return SlackSender(
        slack.token, base_url=slack.base_url, min_interval_s=0, timeout_s=5, read_retry_s=0.01
    )


def digests(store: Store, sender: Any, at: datetime, worker: str = "w1") -> DigestReport:
    return deliver_digests(store, sender, now=lambda: at, worker=worker)


def held(a: Alert) -> Alert:
    return replace(a, digest_at="08:00")


def key_of(m: Message) -> str:
    return str((m.metadata or {}).get("event_payload", {}).get("alert_key", ""))


def sections(m: Message) -> list[str]:
    return [b["text"]["text"] for b in m.blocks if b["type"] == "section"]


def three_changes() -> list[Alert]:
    scale = party("Scale AI", watched=True)
    return [
        held(alert(event(parties=(scale, party("OpenAI"))), article(source="Wire"))),
        held(
            alert(
                event("investment", (party("Meta", "investor"), party("Scale AI", "investee"))),
                article(title=HOSTILE, url="https://news.example.com/a?x=1&y=2"),
            )
        ),
        held(alert(event("acquisition", (party("Nvidia", "acquirer"), scale)), entity="Scale AI")),
    ]


def test_digest_waits_for_its_time_then_lists_every_change_in_one_message(
    store: Store, slack: SlackStandIn
) -> None:
    sender = sender_for(slack)
    changes = three_changes()
    now_alert = alert(event(type="investment", certainty="speculative"), channel="#deals")
    for i, a in enumerate([*changes, now_alert]):
        record(store, a.article, a, now=RECORDED + timedelta(seconds=i))
    # Before 08:00: the immediate alert goes out, the digest ones are held.
    assert deliver_pending(store, sender, now=lambda: BEFORE).sent == 1
    assert digests(store, sender, BEFORE) == DigestReport(0, 0, 0, 0, "")
    assert [m.channel_name for m in slack.messages] == ["deals"]
    report = digests(store, sender, AFTER)
    assert (report.messages, report.alerts, report.failed) == (1, 3, 0)
    msg = slack.messages[-1]
    assert msg.channel_name == "vendor-risk" and msg.thread_ts is None
    assert msg.blocks[0]["text"]["text"] == "Daily digest · vendors · 3 changes"
    first, second, third = sections(msg)
    assert first.startswith("*Partnership ended · Scale AI*\nOur vendor *Scale AI* ends its ")
    assert "*OpenAI*" in first and "_Confirmed_" in first and "Wire" in first
    assert second.startswith("*Investment · Scale AI*\nOur vendor *Scale AI* takes investment")
    assert "<https://news.example.com/a?x=1&amp;y=2|" in second
    assert third.startswith("*Acquisition · Scale AI*\n") and "*Nvidia*" in third
    for a, text in zip(changes, (first, second, third), strict=True):
        if "evil" not in text:
            assert f"<{a.article.url}|{a.article.title}>" in text
    payload = json.dumps([msg.text, msg.blocks])
    for bad in ("<!channel>", "<@U0ADMIN>", "<https://evil", "@here"):
        assert bad not in payload
    assert "&lt;!channel&gt; &lt;@U0ADMIN&gt;" in second
    assert key_of(msg).startswith("digest-part:") and msg.unfurl_links is False
    recs = [store.get_alert(a.key) for a in changes]
    assert [(r.state, r.slack_channel, r.slack_ts) for r in recs if r] == [
        ("sent", "C0VENDOR1", msg.ts)
    ] * 3
    # Nothing more today, even for a change that comes after the digest.
    late = held(alert(event(type="partnership_formed")))
    record(store, late.article, late, now=AFTER + timedelta(minutes=5))
    assert digests(store, sender, AFTER + timedelta(hours=3)).messages == 0
    assert deliver_pending(store, sender, now=lambda: AFTER + timedelta(hours=3)).sent == 0
    assert len(slack.messages) == 2
    tomorrow = digests(store, sender, AFTER + timedelta(days=1))
    assert (tomorrow.messages, tomorrow.alerts) == (1, 1)
    assert slack.messages[-1].blocks[0]["text"]["text"] == "Daily digest · vendors · 1 change"


def test_a_later_report_threads_under_the_digest_message(store: Store, slack: SlackStandIn) -> None:
    sender = sender_for(slack)
    changes = three_changes()
    for i, a in enumerate(changes):
        record(store, a.article, a, now=RECORDED + timedelta(seconds=i))
    digests(store, sender, AFTER)
    digest = slack.messages[-1]
    again = held(alert(art=article(source="Tech Daily")))  # same event as changes[0]
    assert record(store, again.article, again, now=AFTER + timedelta(hours=1)).followups
    report = deliver_pending(store, sender, now=lambda: AFTER + timedelta(hours=1))
    assert (report.sent, report.replies, report.updated) == (0, 1, 0)
    reply = slack.messages[-1]
    assert reply.thread_ts == digest.ts and reply.text.startswith("Also reported by Tech Daily")
    assert digest.edits == []  # the digest is never rewritten as one alert's message


def test_two_workers_never_post_the_same_digest(store_url: str, slack: SlackStandIn) -> None:
    stores = [open_store(store_url) for _ in range(2)]
    try:
        changes = three_changes()
        for i, a in enumerate(changes):
            record(stores[0], a.article, a, now=RECORDED + timedelta(seconds=i))
        reports = in_threads(2, lambda i: digests(stores[i], sender_for(slack), AFTER, f"w{i}"))
        again = [digests(s, sender_for(slack), AFTER + timedelta(minutes=10)) for s in stores]
    finally:
        for s in stores:
            s.close()
    assert sorted(r.messages for r in reports) == [0, 1]
    assert [r.messages for r in again] == [0, 0]
    assert len(slack.calls("chat.postMessage")) == 1 and len(slack.messages) == 1


def test_an_outage_keeps_them_pending_and_a_lost_answer_never_posts_twice(
    store: Store, slack: SlackStandIn
) -> None:
    changes = three_changes()
    for i, a in enumerate(changes):
        record(store, a.article, a, now=RECORDED + timedelta(seconds=i))
    slack.fail_next("chat.postMessage", status=503)
    report = digests(store, sender_for(slack), AFTER)
    assert (report.messages, report.failed) == (0, 1) and slack.messages == []
    assert {r.state for r in store.list_alerts()} == {"pending"}
    # Slack stores it but the answer is lost; a new process finds it by its key.
    slack.fail_next("chat.postMessage", reset_after_receive=True)
    assert digests(store, sender_for(slack), AFTER + timedelta(minutes=1)).messages == 0
    assert digests(store, sender_for(slack), AFTER + timedelta(minutes=2)).messages == 1
    assert len(slack.messages) == 1
    assert {(r.state, r.slack_ts) for r in store.list_alerts()} == {("sent", slack.messages[0].ts)}


def test_a_refused_channel_fails_its_digest_alerts_with_the_reason(
    store: Store, slack: SlackStandIn
) -> None:
    gone = held(alert(channel="#gone"))
    record(store, gone.article, gone, now=RECORDED)
    assert digests(store, sender_for(slack), AFTER).failed == 1
    rec = store.get_alert(gone.key)
    assert rec is not None and rec.state == "failed"
    assert rec.last_error.startswith("channel_not_found")


def test_many_changes_are_split_within_slack_limits(store: Store, slack: SlackStandIn) -> None:
    scale = party("Scale AI", watched=True)
    many = [held(alert(event(parties=(scale, party(f"Co{i}"))))) for i in range(25)]
    for i, a in enumerate(many):
        record(store, a.article, a, now=RECORDED + timedelta(seconds=i))
    report = digests(store, sender_for(slack), AFTER)
    assert (report.messages, report.alerts) == (2, 25)
    titles = [m.blocks[0]["text"]["text"] for m in slack.messages]
    assert titles == [
        "Daily digest · vendors · 20 changes · part 1 of 2",
        "Daily digest · vendors · 5 changes · part 2 of 2",
    ]
    assert all(len(m.blocks) <= 50 for m in slack.messages)
    assert all(len(s) <= 3000 for m in slack.messages for s in sections(m))
    named = " ".join(s for m in slack.messages for s in sections(m))
    assert all(f"*Co{i}*" in named for i in range(25))
