"""Sample Article / Event / Alert values for tests: valid by default, override what matters.

Each `article()` is a different item (its own GUID, link and title) unless told
otherwise, so tests only spell out what they want to be equal.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from bot.dedupe import alert_key, event_key
from bot.models import Alert, Article, Certainty, Event, EventType, Mention, Party, Role

T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
FEED_URL = "https://news.example.com/tech/rss"

_serial = itertools.count(1)


def article(**overrides: Any) -> Article:
    n = next(_serial)
    values: dict[str, Any] = {
        "title": f"Scale AI signs data deal number {n} with a large customer",
        "summary": f"Story {n}: Scale AI said on Monday it had signed a multi-year agreement.",
        "url": f"https://news.example.com/2025/06/story-{n}",
        "guid": f"tag:news.example.com,2025:{n}",
        "published": T0,
        "source": "Example News",
        "feed_url": FEED_URL,
    }
    values.update(overrides)
    return Article(**values)


def party(name: str, role: Role = "party", *, watched: bool = False) -> Party:
    return Party(name=name, role=role, watched=watched)


def event(
    type: EventType = "partnership_ended",
    parties: tuple[Party, ...] | None = None,
    *,
    certainty: Certainty = "confirmed",
    direction: Any = None,
    amount: str = "",
) -> Event:
    if parties is None:
        parties = (party("Scale AI", watched=True), party("OpenAI"))
    return Event(type, certainty, parties, direction=direction, amount=amount, evidence="ends")


def alert(
    ev: Event | None = None,
    art: Article | None = None,
    *,
    channel: str = "#vendor-risk",
    watchlist: str = "vendors",
    entity: str = "Scale AI",
) -> Alert:
    ev = ev if ev is not None else event()
    art = art if art is not None else article()
    ekey = event_key(ev)
    start = art.text.find(entity)
    mention = Mention(
        entity=entity,
        watchlist=watchlist,
        surface=entity,
        start=max(start, 0),
        end=max(start, 0) + len(entity),
        rule=f"name '{entity}'",
    )
    return Alert(
        key=alert_key(ekey, channel),
        event_key=ekey,
        channel=channel,
        watchlist=watchlist,
        entity=entity,
        entity_role="vendor",
        event=ev,
        article=art,
        mention=mention,
    )
