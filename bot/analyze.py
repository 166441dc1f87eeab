"""match -> detect -> route for one article: the judgement, with no I/O.

The worker, `newsbot analyze`, `newsbot try` and `newsbot replay` all call
this one function, so what an admin tries is exactly what the worker does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.detect import detect
from bot.match import Matcher
from bot.models import Alert, Article, Event, Mention, Watchlist
from bot.route import entity_index, route_alerts


@dataclass(frozen=True)
class Analysis:
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    # New alerts and follow-up-only ones (a denial: threaded under an earlier
    # alert if there is one, else dropped by storage).
    alerts: tuple[Alert, ...]

    @property
    def alerting(self) -> tuple[Alert, ...]:
        """The alerts that would start a message of their own."""
        return tuple(a for a in self.alerts if not a.followup_only)

    def to_json(self, item_id: Any) -> dict[str, Any]:
        """The `newsbot analyze` line format of DESIGN.md."""
        entities: list[dict[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for m in self.mentions:
            if (m.entity, m.watchlist) not in seen:
                seen.add((m.entity, m.watchlist))
                entities.append({"name": m.entity, "watchlist": m.watchlist, "surface": m.surface})
        return {
            "id": item_id,
            "entities": entities,
            "events": [
                {
                    "type": e.type,
                    "certainty": e.certainty,
                    "parties": [{"name": p.name, "role": p.role} for p in e.parties],
                    **({"direction": e.direction} if e.direction else {}),
                    **({"amount": e.amount} if e.amount else {}),
                }
                for e in self.events
            ],
            "alert": bool(self.alerting),
            "channels": sorted({a.channel for a in self.alerting}),
        }


class Analyzer:
    """Holds the matcher index, built once per watchlist version."""

    def __init__(
        self,
        watchlists: Sequence[Watchlist],
        default_channel: str = "",
        learned_fallback: bool = True,
    ) -> None:
        self.watchlists = {wl.name: wl for wl in watchlists}
        self.default_channel = default_channel
        self.learned_fallback = learned_fallback
        self.matcher = Matcher(watchlists)
        self.entities = entity_index(self.watchlists)

    def analyze(self, article: Article) -> Analysis:
        text = article.text
        mentions = self.matcher.find(text)
        if not mentions:
            return Analysis((), (), ())
        events = detect(text, mentions, fallback=self.learned_fallback)
        if not events:
            return Analysis(tuple(mentions), (), ())
        alerts = route_alerts(
            article,
            mentions,
            events,
            self.watchlists,
            self.default_channel,
            followups=True,
            entities=self.entities,
        )
        return Analysis(tuple(mentions), tuple(events), tuple(alerts))
