"""Thread replies and notices: the sentence each kind of report gets, and escaping."""

from __future__ import annotations

import pytest

from bot.deliver.format_thread import (
    build_followup,
    denier,
    followup_kind,
    followup_plain,
    notice_text,
    outlet,
)
from bot.models import Certainty
from tests.factories import alert, article, event


@pytest.mark.parametrize(
    ("previous", "certainty", "kind"),
    [
        ("speculative", "confirmed", "confirmed"),
        ("speculative", "speculative", "also"),
        ("confirmed", "confirmed", "also"),
        ("confirmed", "speculative", "also"),
        ("speculative", "denied", "denied"),
        ("confirmed", "denied", "denied"),
        ("denied", "denied", "also"),
        ("denied", "confirmed", "confirmed"),
    ],
)
def test_followup_kind(previous: Certainty, certainty: Certainty, kind: str) -> None:
    assert followup_kind(previous, certainty) == kind


def test_outlet_falls_back_to_the_link_host_then_a_phrase() -> None:
    assert outlet(alert(art=article(source="Wire"))) == "Wire"
    assert outlet(alert(art=article(source="", url="https://www.ft.example/a"))) == "ft.example"
    assert outlet(alert(art=article(source=" ", url="javascript:alert(1)"))) == "another outlet"


def test_denier_is_the_party_the_headline_names_first() -> None:
    ev = event(certainty="denied")
    assert denier(alert(ev, article(title="OpenAI denies it will drop Scale AI"))) == "OpenAI"
    assert denier(alert(ev, article(title="Scale AI rejects report"))) == "Scale AI"
    assert denier(alert(ev, article(title="Company denies report"))) == "Scale AI"  # the entity


def test_reply_is_one_escaped_section_with_the_same_fallback() -> None:
    art = article(title="A & B <!channel>", source="<@U1>", url="https://x.example/?a=1&b=2")
    text, blocks = build_followup(alert(art=art), "confirmed")
    assert text == (
        "Also reported by &lt;@U1&gt;: <https://x.example/?a=1&amp;b=2|A &amp; B &lt;!channel&gt;>"
    )
    assert blocks == [
        {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}
    ]
    no_link = build_followup(alert(art=article(url="", title="T", source="S")), "confirmed")[0]
    assert no_link == "Also reported by S: T"


def test_plain_reply_and_notice() -> None:
    denial = alert(event(certainty="denied"), article(title="OpenAI denies it", source="W"))
    assert (
        followup_plain(denial, "speculative")
        == "  ↳ OpenAI denies the report: OpenAI denies it (W)"
    )
    note = notice_text("#a<b>", "channel_not_found: check", "Then retry.")
    assert (
        note
        == ":warning: newsbot cannot post to #a&lt;b&gt;: channel_not_found: check. Then retry."
    )
