"""SlackSender against a local stand-in of Slack's Web API, with the real slack_sdk WebClient."""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import vcr
import yaml

from bot.deliver.slack import AuthDeliveryError, ChannelDeliveryError, SlackSender
from bot.errors import DeliveryError, PermanentDeliveryError
from tests.slack_server import SlackStandIn
from tests.test_format import make_alert


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as server:
        yield server


def sender_for(slack: SlackStandIn, *, min_interval_s: float = 0) -> SlackSender:
    return SlackSender(
        slack.token, base_url=slack.base_url, min_interval_s=min_interval_s, timeout_s=5
    )


def test_post_sends_blocks_text_metadata_with_unfurls_off(slack: SlackStandIn) -> None:
    channel, ts = sender_for(slack).post(make_alert(title="<!channel> Meta invests"), sources=2)
    [msg] = slack.messages
    assert (channel, ts) == (msg.channel, msg.ts)
    assert msg.channel_name == "vendor-risk"
    assert msg.metadata == {
        "event_type": "newsbot_alert",
        "event_payload": {"alert_key": "alert-1"},
    }
    assert msg.unfurl_links is False and msg.unfurl_media is False
    assert msg.text.startswith("Investment · Scale AI: Our vendor Scale AI takes investment")
    assert "&lt;!channel&gt; Meta invests" in msg.text and "<!channel>" not in msg.text
    assert [b["type"] for b in msg.blocks] == ["header", "section", "section", "context", "divider"]
    assert msg.blocks[3]["elements"][-1]["text"] == "Reported by 2 sources"
    # Slack got the token in the Authorization header, never in the body.
    assert all(r.authorized and "token" not in r.params for r in slack.requests)


def test_first_post_checks_history_then_later_posts_do_not(slack: SlackStandIn) -> None:
    slack.add_channel("vendor-risk")
    sender = sender_for(slack)
    sender.post(make_alert(key="a1"))
    sender.post(make_alert(key="a2"))
    assert [r.method for r in slack.requests] == [
        "conversations.list",
        "conversations.history",
        "chat.postMessage",
        "chat.postMessage",
    ]
    assert slack.calls("conversations.history")[0].params["include_all_metadata"] in ("1", True)


def test_429_with_retry_after_is_waited_out_then_posted_once(slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=1)
    started = time.monotonic()
    sender_for(slack).post(make_alert())
    waited = time.monotonic() - started
    assert len(slack.messages) == 1
    assert [r.http_status for r in slack.calls("chat.postMessage")] == [429, 200]
    assert 1.0 <= waited < 4.0


def test_long_retry_after_defers_instead_of_blocking(slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=120)
    with pytest.raises(DeliveryError, match="rate limited") as info:
        sender_for(slack).post(make_alert())
    assert not isinstance(info.value, PermanentDeliveryError)
    assert slack.messages == []


def test_5xx_is_transient_and_the_next_attempt_posts_once(slack: SlackStandIn) -> None:
    sender = sender_for(slack)
    slack.fail_next("chat.postMessage", status=503, times=2)
    for _ in range(2):
        with pytest.raises(DeliveryError) as info:
            sender.post(make_alert())
        assert not isinstance(info.value, PermanentDeliveryError)
    channel, ts = sender.post(make_alert())
    assert [(m.channel, m.ts) for m in slack.messages] == [(channel, ts)]


def test_reset_after_receive_is_reconciled_not_posted_twice(slack: SlackStandIn) -> None:
    slack.add_channel("vendor-risk", id="C0VENDOR1")
    sender = sender_for(slack)
    sender.post(make_alert(key="earlier"))  # the channel is known and checked
    slack.fail_next("chat.postMessage", reset_after_receive=True)
    with pytest.raises(DeliveryError, match="no answer"):
        sender.post(make_alert(key="lost-answer"))
    assert [m.metadata["event_payload"]["alert_key"] for m in slack.messages if m.metadata] == [
        "earlier",
        "lost-answer",
    ]
    channel, ts = sender.post(make_alert(key="lost-answer"))
    assert (channel, ts) == ("C0VENDOR1", slack.messages[1].ts)
    assert len(slack.messages) == 2
    assert len(slack.calls("chat.postMessage")) == 2
    assert len(slack.calls("conversations.history")) == 2


def test_restarted_worker_finds_the_message_a_crash_left_unmarked(slack: SlackStandIn) -> None:
    slack.add_channel("vendor-risk")
    channel, ts = sender_for(slack).post(make_alert(key="posted-then-crashed"))
    # A new process: nothing in memory, the store still says pending.
    again = sender_for(slack).post(make_alert(key="posted-then-crashed"))
    assert again == (channel, ts)
    assert len(slack.messages) == 1


def test_without_history_access_it_still_posts_and_says_why(
    slack: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    slack.fail_next("conversations.list", error="missing_scope")
    with caplog.at_level(logging.WARNING, logger="newsbot.deliver"):
        sender_for(slack).post(make_alert())
    assert len(slack.messages) == 1
    assert "channels:history" in caplog.text and "missing_scope" in caplog.text


def test_history_outage_defers_a_resend_rather_than_risking_a_double_post(
    slack: SlackStandIn,
) -> None:
    slack.add_channel("vendor-risk")
    slack.fail_next("conversations.history", status=500, times=3)  # outlasts the read retries
    with pytest.raises(DeliveryError, match="earlier post"):
        sender_for(slack).post(make_alert(), maybe_posted=True)
    assert slack.messages == []


def test_history_outage_does_not_hold_back_a_first_post(
    slack: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing says this alert may be in the channel already: a read outage
    # (or a stand-in answering 5xx to conversations.*) must not stop alerts.
    slack.add_channel("vendor-risk")
    slack.fail_next("conversations.history", status=500, times=3)
    with caplog.at_level(logging.WARNING, logger="newsbot.deliver"):
        sender_for(slack).post(make_alert())
    assert len(slack.messages) == 1
    assert "posting without the check" in caplog.text


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        ("channel_not_found", ChannelDeliveryError, "check the channel in the watchlist"),
        ("not_in_channel", ChannelDeliveryError, "invite the bot to #vendor-risk: /invite @"),
        ("is_archived", ChannelDeliveryError, "#vendor-risk is archived"),
        ("msg_too_long", PermanentDeliveryError, "newsbot bug"),
        ("token_revoked", AuthDeliveryError, "reinstall the app"),
    ],
)
def test_permanent_errors_say_what_to_do(
    slack: SlackStandIn, error: str, kind: type[Exception], words: str
) -> None:
    slack.fail_next("chat.postMessage", error=error)
    with pytest.raises(kind) as info:
        sender_for(slack).post(make_alert())
    assert type(info.value) is kind
    assert info.value.channel == "#vendor-risk"  # type: ignore[attr-defined]
    assert error in str(info.value) and words in str(info.value)
    assert len(slack.calls("chat.postMessage")) == 1  # not retried blindly


def test_unknown_channel_on_a_strict_workspace() -> None:
    with SlackStandIn(accept_any_channel=False, channels={"general": "C0GENERAL"}) as slack:
        with pytest.raises(ChannelDeliveryError, match="#vendor-risk: channel_not_found"):
            sender_for(slack).post(make_alert(channel="#vendor-risk"))
        assert sender_for(slack).post(make_alert(channel="#general"))[0] == "C0GENERAL"


def test_invalid_auth_never_leaks_the_token(
    slack: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "xoxb-9999-8888-thisissecret"
    sender = SlackSender(secret, base_url=slack.base_url, min_interval_s=0)
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(AuthDeliveryError, match="invalid_auth: the token is not valid") as a:
            sender.check_auth()
        with pytest.raises(AuthDeliveryError) as b:
            sender.post(make_alert())
    for err in (a.value, b.value):
        shown = "".join(traceback.format_exception(err))
        assert secret not in shown and "thisissecret" not in shown
    assert secret not in caplog.text and "thisissecret" not in caplog.text
    assert secret not in repr(sender) and secret not in str(sender)
    assert slack.messages == []


def test_check_auth_names_bot_and_team(slack: SlackStandIn) -> None:
    assert sender_for(slack).check_auth() == "newsbot on Newsbot Test Team"


def test_connection_refused_is_transient() -> None:
    with SlackStandIn() as slack:
        url = slack.base_url
    sender = SlackSender("xoxb-x", base_url=url, min_interval_s=0, timeout_s=2)
    with pytest.raises(DeliveryError) as info:
        sender.post(make_alert(channel="C0VENDOR1"))
    assert not isinstance(info.value, PermanentDeliveryError)


def test_posts_to_one_channel_are_paced(slack: SlackStandIn) -> None:
    sender = sender_for(slack, min_interval_s=0.3)
    started = time.monotonic()
    for i in range(3):
        sender.post(make_alert(key=f"k{i}"))
    sender.post(make_alert(key="other", channel="#other"))  # another channel: no wait
    assert time.monotonic() - started >= 0.6
    assert len(slack.messages) == 4


def test_alert_in_channel_given_by_id(slack: SlackStandIn) -> None:
    slack.add_channel("deals", id="C0DEALS01")
    alert = replace(make_alert(), channel="C0DEALS01")
    assert sender_for(slack).post(alert)[0] == "C0DEALS01"
    assert "conversations.list" not in [r.method for r in slack.requests]


CASSETTE = Path(__file__).parent / "cassettes" / "slack_post_message.yaml"


def test_replays_slacks_documented_response_shape() -> None:
    """The real client, Slack's real response shape, no network: vcrpy answers from the file."""
    sent: list[Any] = []

    def seen(request: Any) -> Any:
        sent.append(request)
        return request

    recorder = vcr.VCR(record_mode="none", before_record_request=seen)
    with recorder.use_cassette(str(CASSETTE)) as cassette:
        sender = SlackSender("xoxb-REDACTED", min_interval_s=0)  # default https://slack.com/api/
        got = sender.post(make_alert(channel="C1H9RESGL"))
    assert got == ("C1H9RESGL", "1503435956.000247")
    assert cassette.all_played
    posted = [r for r in sent if r.path == "/api/chat.postMessage"][-1]
    assert posted.headers["Authorization"] == "Bearer xoxb-REDACTED"
    body = json.loads(posted.body)
    assert body["channel"] == "C1H9RESGL" and body["unfurl_links"] is False
    assert body["metadata"]["event_payload"] == {"alert_key": "alert-1"}
    recorded = yaml.safe_load(CASSETTE.read_text())
    for interaction in recorded["interactions"]:
        assert "authorization" not in {h.lower() for h in interaction["request"]["headers"]}
    assert "xox" not in CASSETTE.read_text()
