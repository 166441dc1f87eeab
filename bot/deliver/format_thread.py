"""Thread replies and operator notices as Slack messages. Pure: no I/O.

A reply is one short line, because the parent already says what happened:
"Also reported by <outlet>: <headline>", "Now confirmed by <outlet>: ...",
"<party> denies the report: ...". Everything from a feed goes through the
same escaping as the parent (bot.deliver.format), so a hostile headline in
the fifth outlet's copy is as inert as in the first.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from slack_sdk.models.blocks import MarkdownTextObject, SectionBlock

from bot.deliver.format import (
    HEADLINE_MAX,
    SECTION_MAX,
    _clip,
    escape_mrkdwn,
    plain,
    safe_link,
)
from bot.models import Alert, Certainty

OTHER_OUTLET = "another outlet"


def outlet(alert: Alert) -> str:
    """Who reported it, as a reader would name it (raw: escape before use)."""
    if alert.article.source.strip():
        return alert.article.source
    url = safe_link(alert.article.url)
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else OTHER_OUTLET


def denier(alert: Alert) -> str:
    """The party that denies: the one the headline names first (its subject), raw."""
    title = alert.article.title.casefold()
    named = [(title.find(p.name.casefold()), p.name) for p in alert.event.parties]
    found = sorted((at, name) for at, name in named if at >= 0)
    return found[0][1] if found else alert.entity


def followup_kind(previous: Certainty, certainty: Certainty) -> str:
    """'denied', 'confirmed' or 'also': which sentence a reply leads with."""
    if certainty == "denied" and previous != "denied":
        return "denied"
    if certainty == "confirmed" and previous != "confirmed":
        return "confirmed"
    return "also"


def _linked_headline(alert: Alert) -> str:
    title = escape_mrkdwn(alert.article.title or "(no headline)", limit=HEADLINE_MAX)
    url = safe_link(alert.article.url)
    return f"<{url.replace('&', '&amp;')}|{title}>" if url else title


def followup_line(alert: Alert, previous: Certainty) -> str:
    """The reply in mrkdwn, every feed string escaped."""
    source = escape_mrkdwn(outlet(alert))
    headline = _linked_headline(alert)
    kind = followup_kind(previous, alert.event.certainty)
    if kind == "denied":
        return f"*{escape_mrkdwn(denier(alert))}* denies the report: {headline} ({source})"
    if kind == "confirmed":
        return f"Now confirmed by {source}: {headline}"
    return f"Also reported by {source}: {headline}"


def build_followup(alert: Alert, previous: Certainty) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, blocks) for one thread reply."""
    line = _clip(followup_line(alert, previous), SECTION_MAX)
    block = SectionBlock(text=MarkdownTextObject(text=line, verbatim=True))
    return line, [block.to_dict()]


def followup_plain(alert: Alert, previous: Certainty) -> str:
    """The same reply for a terminal: nothing escaped, one line."""
    kind = followup_kind(previous, alert.event.certainty)
    title = plain(alert.article.title or "(no headline)", HEADLINE_MAX)
    source = plain(outlet(alert))
    if kind == "denied":
        return f"  ↳ {plain(denier(alert))} denies the report: {title} ({source})"
    if kind == "confirmed":
        return f"  ↳ Now confirmed by {source}: {title}"
    return f"  ↳ Also reported by {source}: {title}"


def notice_text(where: str, reason: str, then: str) -> str:
    """An operator notice: where, what Slack said (it may quote our names: escaped), what next."""
    return _clip(
        f":warning: newsbot cannot post to {escape_mrkdwn(where)}: "
        f"{escape_mrkdwn(reason, limit=500)}. {then}",
        SECTION_MAX,
    )
