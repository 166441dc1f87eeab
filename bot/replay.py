"""`newsbot replay`: stored articles through the current watchlists, compared with what alerted.

Alerts compare by (event key, channel), which is deterministic, so "would
alert now" and "did alert then" compare as sets. (A stored alert's own key
may carry a window generation; `alert_key` recomputes the plain one.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.analyze import Analyzer
from bot.config import Settings
from bot.dedupe import alert_key
from bot.models import Alert, Watchlist
from bot.storage.base import Store

# list_alerts is newest first; a week of a busy deployment stays well under this.
MAX_STORED_ALERTS = 100_000


def _line(a: Alert) -> str:
    parties = ", ".join(f"{p.role} {p.name}" for p in a.event.parties)
    kind = f"{a.event.type}/{a.event.certainty}"
    return f"  {a.channel:<18} {kind}  {parties}\n    {a.article.title[:100]}  {a.article.url}"


def replay(
    store: Store,
    settings: Settings,
    watchlists: Sequence[Watchlist],
    since_s: int,
    only_watchlist: str | None = None,
) -> str:
    since = datetime.now(UTC) - timedelta(seconds=since_s)
    analyzer = Analyzer(watchlists, settings.default_channel, settings.learned_fallback)
    articles = store.articles_since(since)
    now: dict[str, Alert] = {}
    for article in articles:
        for alert in analyzer.analyze(article).alerting:
            now.setdefault(alert_key(alert.event_key, alert.channel), alert)
    then = {
        alert_key(rec.alert.event_key, rec.alert.channel): rec.alert
        for rec in store.list_alerts(limit=MAX_STORED_ALERTS)
        if rec.created_at >= since
    }
    if only_watchlist:
        now = {k: a for k, a in now.items() if a.watchlist == only_watchlist}
        then = {k: a for k, a in then.items() if a.watchlist == only_watchlist}
    added = [now[k] for k in now.keys() - then.keys()]
    removed = [then[k] for k in then.keys() - now.keys()]
    out = [
        f"Replayed {len(articles)} stored articles since {since:%Y-%m-%d %H:%M} UTC: "
        f"{len(now)} alerts now, {len(then)} then; {len(added)} new, {len(removed)} gone, "
        f"{len(now.keys() & then.keys())} unchanged."
    ]
    if added:
        out.append("Would alert now, did not then:")
        out.extend(_line(a) for a in added)
    if removed:
        out.append("Alerted then, would not now:")
        out.extend(_line(a) for a in removed)
    return "\n".join(out)
