"""A daily digest as Slack messages: one header, one section per change. Pure: no I/O.

Each section says what the single-alert message says in its first lines (type
and company, who did what to whom, certainty, the linked headline, outlet and
time), built from the same helpers in bot.deliver.format, so every string from
a feed is escaped the same way and a hostile headline is as inert here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from bot.deliver.format import (
    BLOCKS_MAX,
    CERTAINTY_WORDS,
    FALLBACK_MAX,
    HEADER_MAX,
    HEADLINE_MAX,
    SECTION_MAX,
    _clip,
    _header,
    _headline,
    _source_line,
    describe,
    escape_mrkdwn,
    plain,
    safe_link,
)
from bot.models import Alert

# Changes in one digest message. Slack allows 50 blocks (a header plus 49
# sections); 20 sections of ~600 characters is about two screens, which a
# reader still scans, and keeps the payload far under chat.postMessage's limits.
DIGEST_ITEMS_MAX = min(20, BLOCKS_MAX - 1)


def digest_title(alerts: Sequence[Alert], *, part: int = 1, parts: int = 1) -> str:
    """ "Daily digest · vendors · 3 changes", plain text, bounded for a header block."""
    names = sorted({" ".join(a.watchlist.split()) for a in alerts})
    n = len(alerts)
    title = f"Daily digest · {', '.join(names)} · {n} change{'s' if n != 1 else ''}"
    if parts > 1:
        title += f" · part {part} of {parts}"
    return title if len(title) <= HEADER_MAX else title[: HEADER_MAX - 1] + "…"


def digest_section(alert: Alert) -> str:
    """One change in mrkdwn: every feed string escaped, at most one section's length."""
    certainty = CERTAINTY_WORDS.get(alert.event.certainty, alert.event.certainty)
    lines = [
        f"*{escape_mrkdwn(_header(alert), limit=HEADER_MAX * 2)}*",
        f"{describe(alert)} · _{certainty}_",
        _headline(alert),
    ]
    source = _source_line(alert)
    if source:
        lines.append(source)
    return _clip("\n".join(lines), SECTION_MAX)


def build_digest(
    alerts: Sequence[Alert], *, part: int = 1, parts: int = 1
) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, blocks) for one digest message of at most DIGEST_ITEMS_MAX changes."""
    if not 0 < len(alerts) <= DIGEST_ITEMS_MAX:
        raise ValueError(
            f"a digest message holds 1 to {DIGEST_ITEMS_MAX} alerts, not {len(alerts)}"
        )
    title = digest_title(alerts, part=part, parts=parts)
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=title, emoji=False))]
    blocks += [
        SectionBlock(text=MarkdownTextObject(text=digest_section(a), verbatim=True)) for a in alerts
    ]
    items = "; ".join(
        f"{escape_mrkdwn(_header(a), limit=HEADER_MAX * 2)}: {describe(a, bold=False)}"
        for a in alerts
    )
    fallback = f"{escape_mrkdwn(title, limit=HEADER_MAX * 2)}: {items}"
    return _clip(fallback, FALLBACK_MAX), [b.to_dict() for b in blocks]


def digest_plain(alerts: Sequence[Alert], *, part: int = 1, parts: int = 1) -> str:
    """The same digest for a terminal: no markup, no escaping."""
    lines = [digest_title(alerts, part=part, parts=parts)]
    for a in alerts:
        certainty = CERTAINTY_WORDS.get(a.event.certainty, a.event.certainty)
        lines.append(f"  {_header(a)}: {describe(a, bold=False, escape=False)} ({certainty})")
        lines.append("    " + plain(a.article.title or "(no headline)", HEADLINE_MAX))
        if safe_link(a.article.url):
            lines.append("    " + a.article.url)
    return "\n".join(lines) + "\n"
