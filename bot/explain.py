"""`newsbot try`: the analysis of one text or URL, written for a person.

It shows what matched and why, what was near but ignored, which event was
read and from which words, and whether it would alert and where: the way an
admin checks a watchlist edit before trusting it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analyze import Analyzer
from bot.config import Settings
from bot.models import Article, Watchlist

CERTAINTY_WORDS = {
    "confirmed": "confirmed",
    "speculative": "reported, not confirmed",
    "denied": "denied",
}


def article_from_input(text: str, settings: Settings) -> Article:
    """A URL is fetched with the worker's guards; a text's first line is the headline."""
    stripped = text.strip()
    if stripped.lower().startswith(("http://", "https://")) and " " not in stripped:
        from bot.fetch import fetch_page, make_client
        from bot.parse import parse_article_page

        with make_client(allow_private=settings.allow_private) as client:
            page = fetch_page(client, stripped)
        return parse_article_page(page.body, page.headers, url=page.url)
    title, _, summary = stripped.partition("\n")
    return Article(title.strip(), summary.strip(), "", "", None, "", "")


def explain(text: str, settings: Settings, watchlists: Sequence[Watchlist]) -> str:
    article = article_from_input(text, settings)
    analyzer = Analyzer(watchlists, settings.default_channel, settings.learned_fallback)
    analysis = analyzer.analyze(article)
    body = article.text
    out = [f"Headline: {article.title or '(none)'}"]
    if article.summary:
        out.append(f"Lede:     {article.summary[:400]}")
    out.append("")
    out.append("Matched:" if analysis.mentions else "Matched: nothing on the watchlists")
    for m in analysis.mentions:
        out.append(
            f"  {m.entity} [{m.watchlist}] as '{m.surface}' (chars {m.start}-{m.end}): {m.rule}"
        )
    misses = analyzer.matcher.explain(body)
    if misses:
        out.append("Near misses:")
        out.extend(f"  {line}" for line in misses)
    out.append("")
    if not analysis.events:
        why = (
            "no watched company is a party to a relationship change"
            if analysis.mentions
            else "nothing to look at"
        )
        out.append(f"Events: none ({why})")
    for e in analysis.events:
        parties = ", ".join(
            f"{p.role} {p.name}{' (watched)' if p.watched else ''}" for p in e.parties
        )
        extra = f", direction {e.direction}" if e.direction else ""
        extra += f", amount {e.amount}" if e.amount else ""
        out.append(f"Event: {e.type}, {CERTAINTY_WORDS[e.certainty]}{extra}: {parties}")
        if e.evidence:
            out.append(f"  why: {e.evidence}")
    out.append("")
    for a in analysis.alerting:
        role = f", our {a.entity_role}" if a.entity_role else ""
        out.append(f"Would alert: {a.channel} (watchlist {a.watchlist}: {a.entity}{role})")
    for a in analysis.alerts:
        if a.followup_only:
            out.append(
                f"Would reply in the thread of an earlier alert in {a.channel} about this "
                f"event, if there is one ({a.event.certainty} is not alerted on its own)"
            )
    if analysis.alerting:
        pass
    elif analysis.events:
        out.append("Would alert: no (the watchlists do not take this event type or certainty)")
    else:
        out.append("Would alert: no")
    return "\n".join(out)
