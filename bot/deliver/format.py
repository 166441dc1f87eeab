"""An alert as a Slack message: Block Kit blocks plus fallback text. Pure: no I/O.

Everything that came from a feed (headline, lede, outlet, the words that matched,
party names detect read from the text, the evidence) is untrusted. Slack parses
`&`, `<` and `>` as control characters in every mrkdwn string, so they are
escaped everywhere ("Escaping text", docs.slack.dev/messaging/formatting-message-text),
the fallback text included; mrkdwn objects are also sent with `verbatim: true`
so Slack does not auto-link bare URLs or channel names inside them. Our own
markup (`<url|label>`, `<!date^...>`) is added only around already escaped text.

Blocks are built with slack_sdk's block models (data modelling, no I/O); their
validators double-check the limits we bound to ourselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.models import Alert, Event, Party

# Slack's documented limits (docs.slack.dev/reference/block-kit/blocks/*):
HEADER_MAX = 150  # header block plain_text
SECTION_MAX = 3000  # section block text
CONTEXT_ELEMENTS_MAX = 10  # context block elements
BLOCKS_MAX = 50  # blocks in one message
# chat.postMessage truncates text at 40,000 characters and advises keeping it
# under 4,000; a notification shows far less, so 3,000 leaves room to spare.
FALLBACK_MAX = 3000
# Our own bounds, below Slack's, so one field can never crowd out the rest:
# a headline is ~70-120 characters, a lede a few sentences; the 300,000-character
# title from the nested-entity feed (DESIGN.md, Known traps) sets the need.
HEADLINE_MAX = 300
LEDE_MAX = 400
SHORT_FIELD_MAX = 200  # names, outlet, matched words, rule
EVIDENCE_MAX = 300
# Escaped length of a linked URL: a news link is ~100 characters; past this it is
# tracking junk, and headline + URL + lede + source must stay under SECTION_MAX.
URL_MAX = 1500
MAX_NAMES = 5  # parties named in one sentence; joint ventures rarely name more

ELLIPSIS = "…"
WORD_JOINER = "\u2060"  # invisible; breaks "@here" so no client reads it as a mention

_WHITESPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_BARE_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

EVENT_LABELS = {
    "partnership_formed": "New partnership",
    "partnership_ended": "Partnership ended",
    "investment": "Investment",
    "acquisition": "Acquisition",
}
CERTAINTY_WORDS = {
    "confirmed": "Confirmed",
    "speculative": "Reported, not confirmed",
    "denied": "Denied",
}


def escape_mrkdwn(text: str, *, limit: int = SHORT_FIELD_MAX) -> str:
    """Untrusted text made inert for mrkdwn, on one line, at most `limit` characters.

    `<!channel>`, `<@U123>`, `<!subteam^S1>` and `<https://evil|https://good>` all
    start with `<`, so escaping it leaves them as literal text; a bare `@here` gets
    an invisible word joiner; backticks become a look-alike so a title cannot open
    a code block over the rest of the message. Truncation never cuts an entity.
    """
    cut = len(text) > limit * 4  # look at a bounded prefix only: a 300,000-char title costs nothing
    flat = _WHITESPACE.sub(" ", text[: limit * 4]).strip()
    flat = _BARE_BROADCAST.sub(lambda m: "@" + WORD_JOINER + m.group(1), flat)
    pieces = [_ESCAPES.get(c, c) for c in flat.replace("`", "\u02cb")]
    if not cut and sum(map(len, pieces)) <= limit:
        return "".join(pieces)
    out: list[str] = []
    size, budget = 0, limit - len(ELLIPSIS)
    for piece in pieces:
        if size + len(piece) > budget:
            break
        out.append(piece)
        size += len(piece)
    return "".join(out).rstrip() + ELLIPSIS


def plain(text: str, limit: int = SHORT_FIELD_MAX) -> str:
    """Untrusted text for a terminal: one line, bounded, nothing escaped."""
    flat = _WHITESPACE.sub(" ", text[: limit * 4]).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + ELLIPSIS


def safe_link(url: str) -> str | None:
    """The URL if it is a plain http(s) link we can put inside `<url|label>`, else None."""
    if not url or len(url.replace("&", "&amp;")) > URL_MAX:
        return None
    if any(c in url for c in "|<>\"'`") or _WHITESPACE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if "@" in parts.netloc:  # https://good.example@evil.example shows one host, opens another
        return None
    return url


def _names(parties: list[Party], name: Callable[[str], str]) -> str:
    names = [name(p.name) for p in parties[:MAX_NAMES]]
    if not names:
        return "an unnamed party"
    if len(parties) > MAX_NAMES:
        names.append(f"{len(parties) - MAX_NAMES} others")
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def describe(alert: Alert, *, bold: bool = True, escape: bool = True) -> str:
    """Who did what to whom, in words; led by the watched entity when it has a role for us.

    escape=False gives plain text for a terminal; bold puts names in mrkdwn bold.
    """
    ev: Event = alert.event
    text: Callable[[str], str] = escape_mrkdwn if escape else plain

    def name(n: str) -> str:
        return f"*{text(n)}*" if bold else text(n)

    me = name(alert.entity)
    ours = f"Our {text(alert.entity_role)} {me}" if alert.entity_role else me

    def others(*roles: str) -> str:
        return _names([p for p in ev.parties if p.role in roles and p.name != alert.entity], name)

    def mine(*roles: str) -> bool:
        return any(p.name == alert.entity and p.role in roles for p in ev.parties)

    selling = ev.direction == "out"
    if ev.type == "investment" and mine("investor"):
        verb = "sells its stake in" if selling else "invests in"
        sentence = f"{ours} {verb} {others('investee')}"
    elif ev.type == "investment" and alert.entity_role:
        verb = "sees its investor sell out:" if selling else "takes investment from"
        sentence = f"{ours} {verb} {others('investor')}"
    elif ev.type == "investment":
        verb = "sells its stake in" if selling else "invests in"
        sentence = f"{others('investor')} {verb} {me}"
    elif ev.type == "acquisition" and mine("acquirer"):
        sentence = f"{ours} acquires {others('target')}"
    elif ev.type == "acquisition" and alert.entity_role:
        sentence = f"{ours} is acquired by {others('acquirer')}"
    elif ev.type == "acquisition":
        sentence = f"{others('acquirer')} acquires {me}"
    else:
        verb = "partners with" if ev.type == "partnership_formed" else "ends its partnership with"
        sentence = f"{ours} {verb} {others('party', 'investor', 'investee', 'acquirer', 'target')}"
    if ev.amount:
        sentence += f" ({text(ev.amount)})"
    return sentence


def _header(alert: Alert) -> str:
    label = EVENT_LABELS.get(alert.event.type, "Event")
    if alert.event.type == "investment" and alert.event.direction == "out":
        label = "Divestment"
    elif alert.event.type == "partnership_ended" and alert.event.certainty == "speculative":
        label = "Partnership at risk"  # "considering cutting ties": not ended yet
    # plain_text is not parsed for markup, but the entity comes from a watchlist
    # and `<`/`>` there would only confuse: collapse and bound it like any text.
    text = f"{label} · {_WHITESPACE.sub(' ', alert.entity).strip()}"
    return text if len(text) <= HEADER_MAX else text[: HEADER_MAX - 1] + ELLIPSIS


def slack_date(when: datetime) -> str:
    """`<!date^...>`: each reader sees it in their own time zone; the fallback is UTC."""
    when = when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
    fallback = when.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def _headline(alert: Alert) -> str:
    title = escape_mrkdwn(alert.article.title or "(no headline)", limit=HEADLINE_MAX)
    url = safe_link(alert.article.url)
    if url is None:
        return f"*{title}*"
    return f"*<{url.replace('&', '&amp;')}|{title}>*"  # & is the only escapable char left


def _source_line(alert: Alert) -> str:
    parts = []
    if alert.article.source:
        parts.append(escape_mrkdwn(alert.article.source))
    if alert.article.published:
        parts.append(slack_date(alert.article.published))
    return " · ".join(parts)


def _context(alert: Alert, sources: int) -> list[str]:
    m = alert.mention
    items = [
        f"Matched “{escape_mrkdwn(m.surface)}”: {escape_mrkdwn(m.rule)}",
        f"Watchlist: {escape_mrkdwn(alert.watchlist)}",
    ]
    if alert.event.evidence:
        items.append(f"Evidence: “{escape_mrkdwn(alert.event.evidence, limit=EVIDENCE_MAX)}”")
    if sources > 1:
        items.append(f"Reported by {sources} sources")
    return items[:CONTEXT_ELEMENTS_MAX]


def _clip(text: str, limit: int) -> str:
    """Last guard for text we assembled: cut at a space so no entity or markup is split."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + ELLIPSIS


def build_message(alert: Alert, *, sources: int = 1) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text for notifications, blocks) for one alert."""
    certainty = CERTAINTY_WORDS.get(alert.event.certainty, alert.event.certainty)
    summary = f"{describe(alert)}\n_{certainty}_"
    body = _headline(alert)
    if alert.article.summary:
        body += "\n" + escape_mrkdwn(alert.article.summary, limit=LEDE_MAX)
    source_line = _source_line(alert)
    if source_line:
        body += "\n" + source_line

    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=_header(alert), emoji=False)),
        SectionBlock(text=MarkdownTextObject(text=_clip(summary, SECTION_MAX), verbatim=True)),
        SectionBlock(text=MarkdownTextObject(text=_clip(body, SECTION_MAX), verbatim=True)),
        ContextBlock(
            elements=[
                MarkdownTextObject(text=_clip(t, SECTION_MAX), verbatim=True)
                for t in _context(alert, sources)
            ]
        ),
        DividerBlock(),
    ][:BLOCKS_MAX]

    # The fallback is mrkdwn too (notifications, screen readers, old clients): escaped the same.
    fallback = (
        f"{escape_mrkdwn(_header(alert), limit=HEADER_MAX * 2)}: "
        f"{describe(alert, bold=False)} ({certainty.lower()}). "
        f"{escape_mrkdwn(alert.article.title, limit=HEADLINE_MAX)}"
    )
    if alert.article.source:
        fallback += f" ({escape_mrkdwn(alert.article.source)})"
    return _clip(fallback, FALLBACK_MAX), [b.to_dict() for b in blocks]


def render_plain(alert: Alert, *, sources: int = 1) -> str:
    """The same alert for a terminal: no markup, no escaping, one fact per line."""
    ev, art = alert.event, alert.article
    lines = [
        _header(alert),
        "  " + describe(alert, bold=False, escape=False),
        "  " + CERTAINTY_WORDS.get(ev.certainty, ev.certainty),
        "  " + plain(art.title or "(no headline)", HEADLINE_MAX),
    ]
    if safe_link(art.url):
        lines.append("  " + art.url)
    stamp = art.published.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if art.published else ""
    origin = " · ".join(x for x in (plain(art.source), stamp) if x)
    if origin:
        lines.append("  " + origin)
    lines.append(f"  matched “{plain(alert.mention.surface)}”: {plain(alert.mention.rule)}")
    lines.append(f"  watchlist {plain(alert.watchlist)} -> {plain(alert.channel)}")
    if ev.evidence:
        lines.append(f"  evidence: “{plain(ev.evidence, EVIDENCE_MAX)}”")
    if sources > 1:
        lines.append(f"  reported by {sources} sources")
    return "\n".join(lines) + "\n"
