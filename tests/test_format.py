"""Block Kit formatting: hostile feed text stays inert, limits hold, wording reads right."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.deliver.format import (
    FALLBACK_MAX,
    HEADER_MAX,
    SECTION_MAX,
    build_message,
    escape_mrkdwn,
    render_plain,
    safe_link,
)
from bot.models import Alert, Article, Event, Mention, Party

PUBLISHED = datetime(2025, 6, 12, 14, 3, tzinfo=UTC)


def make_alert(
    *,
    key: str = "alert-1",
    channel: str = "#vendor-risk",
    title: str = "Meta invests $14.3 billion in Scale AI",
    summary: str = "The deal values the data-labelling company at $29 billion.",
    url: str = "https://news.example.com/meta-scale?src=rss&id=7",
    source: str = "Example News",
    role: str = "vendor",
    event: Event | None = None,
    surface: str = "Scale AI",
    evidence: str = "invests $14.3 billion in",
) -> Alert:
    ev = event or Event(
        type="investment",
        certainty="confirmed",
        parties=(Party("Meta", "investor"), Party("Scale AI", "investee", watched=True)),
        amount="$14.3 billion",
        evidence=evidence,
    )
    article = Article(title, summary, url, "guid-1", PUBLISHED, source, "https://feed.example/rss")
    mention = Mention("Scale AI", "vendors", surface, 0, len(surface), "alias 'Scale AI'")
    return Alert(key, "event-1", channel, "vendors", "Scale AI", role, ev, article, mention)


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every string Slack will parse in the blocks."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(blocks)
    return found


# Slack markup we write ourselves; anything else starting with "<" came from a feed.
OUR_MARKUP = re.compile(r"<(https?://[^|<>\s]+\|[^<>]*|!date\^\d+\^[^|<>]+\|[^<>]+)>")


def foreign_markup(text: str) -> list[str]:
    return re.findall(r"<[^>]*>?", OUR_MARKUP.sub("", text))


HOSTILE = [
    "<!channel> Meta invests in Scale AI",
    "<!here|here> urgent",
    "<!everyone> read this",
    "Ping <@U123ABC> and <!subteam^S0614TZR7|@ops>",
    "<https://evil.example|https://good.example> Meta invests",
    "&lt;!channel&gt; pre-escaped",
    "line one\n> quoted\n```code``` *bold*",
    "Meta and Scale AI — 株式 投資 🚀 café",
    "@here @channel @everyone plain",
]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_cannot_ping_link_or_break_layout(title: str) -> None:
    alert = make_alert(title=title, summary=title, source=title, surface=title, evidence=title)
    fallback, blocks = build_message(alert)
    for text in [fallback, *texts(blocks)]:
        assert foreign_markup(text) == [], text
        assert "<!channel>" not in text and "<@U123ABC>" not in text
        assert not re.search(r"(?<!&)@(here|channel|everyone)\b", text.replace("\u2060", "&"))
        assert "```" not in text
    links = re.findall(r"<(https?://[^|>]+)\|", json.dumps(blocks))
    assert links == ["https://news.example.com/meta-scale?src=rss&amp;id=7"]


def test_escaping_keeps_text_readable() -> None:
    assert escape_mrkdwn("AT&T <b> & Co") == "AT&amp;T &lt;b&gt; &amp; Co"
    assert escape_mrkdwn("&lt;!channel&gt;") == "&amp;lt;!channel&amp;gt;"
    assert escape_mrkdwn("a\n\nb\tc\x00d") == "a b c d"
    assert escape_mrkdwn("café 株式 🚀") == "café 株式 🚀"


def test_huge_title_is_bounded_without_splitting_an_entity() -> None:
    title = "<&>" * 100_000  # 300,000 characters, like the nested-entity feed
    fallback, blocks = build_message(make_alert(title=title))
    assert len(fallback) <= FALLBACK_MAX
    body = blocks[2]["text"]["text"]
    assert len(body) <= SECTION_MAX
    label = re.search(r"\|(.*)>\*", body)
    assert label and label.group(1).endswith("…")
    assert re.fullmatch(r"(&lt;&amp;&gt;)+(&lt;|&amp;|&gt;)*…", label.group(1))
    assert len(escape_mrkdwn(title, limit=50)) <= 50


def test_limits_respected_with_every_field_huge() -> None:
    big = "x" * 10_000
    ev = Event(
        "partnership_formed",
        "confirmed",
        tuple(Party(f"{big}{i}", "party") for i in range(40)),
        amount=big,
        evidence=big,
    )
    alert = make_alert(title=big, summary=big, source=big, surface=big, event=ev)
    alert = replace(alert, entity="E" * 500, entity_role=big)
    fallback, blocks = build_message(alert, sources=12)
    assert len(fallback) <= FALLBACK_MAX
    assert len(blocks) <= 50
    assert len(blocks[0]["text"]["text"]) <= HEADER_MAX
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_MAX
        if block["type"] == "context":
            assert len(block["elements"]) <= 10
            assert all(len(e["text"]) <= SECTION_MAX for e in block["elements"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("http://example.com/", "http://example.com/"),
        ("javascript:alert(1)", None),
        ("ftp://example.com/x", None),
        ("https://good.example|https://evil", None),
        ("https://example.com/<!channel>", None),
        ("https://example.com/a b", None),
        ("https://good.example@evil.example/", None),
        ("//example.com/x", None),
        ("", None),
        ("https://example.com/" + "a" * 5000, None),
    ],
)
def test_safe_link(url: str, expected: str | None) -> None:
    assert safe_link(url) == expected


def test_unsafe_url_gives_a_plain_headline() -> None:
    _, blocks = build_message(make_alert(url="javascript:alert(1)"))
    body = blocks[2]["text"]["text"]
    assert body.startswith("*Meta invests $14.3 billion in Scale AI*")
    assert "javascript" not in json.dumps(blocks)


def test_message_content_with_role() -> None:
    fallback, blocks = build_message(make_alert(), sources=3)
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Investment · Scale AI", "emoji": False},
    }
    assert blocks[1]["text"]["text"] == (
        "Our vendor *Scale AI* takes investment from *Meta* ($14.3 billion)\n_Confirmed_"
    )
    assert blocks[1]["text"]["verbatim"] is True
    body = blocks[2]["text"]["text"]
    assert body.startswith(
        "*<https://news.example.com/meta-scale?src=rss&amp;id=7|"
        "Meta invests $14.3 billion in Scale AI>*\n"
    )
    assert (
        "Example News · <!date^1749736980^{date_short_pretty} at {time}|2025-06-12 14:03 UTC>"
        in body
    )
    context = [e["text"] for e in blocks[3]["elements"]]
    assert context == [
        "Matched “Scale AI”: alias 'Scale AI'",
        "Watchlist: vendors",
        "Evidence: “invests $14.3 billion in”",
        "Reported by 3 sources",
    ]
    assert fallback.startswith(
        "Investment · Scale AI: Our vendor Scale AI takes investment from Meta ($14.3 billion)"
        " (confirmed). Meta invests $14.3 billion in Scale AI (Example News)"
    )


def test_one_source_is_not_counted() -> None:
    _, blocks = build_message(make_alert())
    assert not any("sources" in e["text"] for e in blocks[3]["elements"])


def _event(
    type_: str, certainty: str, *parties: tuple[str, str], direction: str | None = None
) -> Event:
    return Event(
        type_,  # type: ignore[arg-type]
        certainty,  # type: ignore[arg-type]
        tuple(Party(n, r, n == "Scale AI") for n, r in parties),  # type: ignore[arg-type]
        direction=direction,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("event", "role", "sentence"),
    [
        (
            _event("investment", "confirmed", ("Meta", "investor"), ("Scale AI", "investee")),
            "",
            "*Meta* invests in *Scale AI*",
        ),
        (
            _event("investment", "confirmed", ("Scale AI", "investor"), ("Acme", "investee")),
            "vendor",
            "Our vendor *Scale AI* invests in *Acme*",
        ),
        (
            _event(
                "investment",
                "confirmed",
                ("Scale AI", "investor"),
                ("Acme", "investee"),
                direction="out",
            ),
            "",
            "*Scale AI* sells its stake in *Acme*",
        ),
        (
            _event("acquisition", "confirmed", ("Meta", "acquirer"), ("Scale AI", "target")),
            "customer",
            "Our customer *Scale AI* is acquired by *Meta*",
        ),
        (
            _event("acquisition", "confirmed", ("Meta", "acquirer"), ("Scale AI", "target")),
            "",
            "*Meta* acquires *Scale AI*",
        ),
        (
            _event("partnership_formed", "confirmed", ("Scale AI", "party"), ("OpenAI", "party")),
            "",
            "*Scale AI* partners with *OpenAI*",
        ),
        (
            _event(
                "partnership_ended",
                "confirmed",
                ("Scale AI", "party"),
                ("OpenAI", "party"),
                ("Google", "party"),
            ),
            "vendor",
            "Our vendor *Scale AI* ends its partnership with *OpenAI* and *Google*",
        ),
        (
            _event("investment", "confirmed", ("Scale AI", "investee")),
            "",
            "an unnamed party invests in *Scale AI*",
        ),
    ],
)
def test_role_phrasing(event: Event, role: str, sentence: str) -> None:
    _, blocks = build_message(make_alert(event=event, role=role))
    assert blocks[1]["text"]["text"].split("\n")[0] == sentence


@pytest.mark.parametrize(
    ("certainty", "words"),
    [("confirmed", "Confirmed"), ("speculative", "Reported, not confirmed"), ("denied", "Denied")],
)
def test_certainty_shown_plainly(certainty: str, words: str) -> None:
    ev = _event("acquisition", certainty, ("Meta", "acquirer"), ("Scale AI", "target"))
    fallback, blocks = build_message(make_alert(event=ev))
    assert blocks[1]["text"]["text"].endswith(f"\n_{words}_")
    assert f"({words.lower()})" in fallback


def test_divestment_header() -> None:
    ev = _event(
        "investment", "confirmed", ("Scale AI", "investor"), ("Acme", "investee"), direction="out"
    )
    _, blocks = build_message(make_alert(event=ev))
    assert blocks[0]["text"]["text"] == "Divestment · Scale AI"


def test_no_publish_time_and_no_source() -> None:
    alert = make_alert(source="")
    alert = replace(alert, article=replace(alert.article, published=None))
    _, blocks = build_message(alert)
    assert "<!date" not in json.dumps(blocks)


def test_render_plain_is_readable_and_unescaped() -> None:
    alert = make_alert(title="AT&T <!channel> buys\nstuff", role="vendor")
    out = render_plain(alert, sources=2)
    assert out.splitlines() == [
        "Investment · Scale AI",
        "  Our vendor Scale AI takes investment from Meta ($14.3 billion)",
        "  Confirmed",
        "  AT&T <!channel> buys stuff",
        "  https://news.example.com/meta-scale?src=rss&id=7",
        "  Example News · 2025-06-12 14:03 UTC",
        "  matched “Scale AI”: alias 'Scale AI'",
        "  watchlist vendors -> #vendor-risk",
        "  evidence: “invests $14.3 billion in”",
        "  reported by 2 sources",
    ]
