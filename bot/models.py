"""The values passed between the steps of the flow.

fetch -> parse gives `Article`s; match gives `Mention`s; detect gives `Event`s;
route turns (event, mentions, watchlists) into `Alert`s that storage records
and deliver posts. All are frozen: a step never edits what another produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

EventType = Literal["partnership_formed", "partnership_ended", "investment", "acquisition"]
Certainty = Literal["confirmed", "speculative", "denied"]
Role = Literal["party", "investor", "investee", "acquirer", "target"]
Direction = Literal["in", "out"]

EVENT_TYPES: tuple[EventType, ...] = (
    "partnership_formed",
    "partnership_ended",
    "investment",
    "acquisition",
)
CERTAINTIES: tuple[Certainty, ...] = ("confirmed", "speculative", "denied")

# Between headline and lede in `Article.text`: detect splits on it, and match
# spans index into the joined string.
HEADLINE_SEPARATOR = "\n\n"


def article_text(title: str, summary: str) -> str:
    """The one string match and detect read: headline, blank line, lede."""
    title, summary = title.strip(), summary.strip()
    if title and summary:
        return f"{title}{HEADLINE_SEPARATOR}{summary}"
    return title or summary


@dataclass(frozen=True)
class FeedConfig:
    url: str
    name: str = ""
    interval_seconds: int = 900


@dataclass(frozen=True)
class Article:
    """One feed entry, its text already plain and bounded by parse."""

    title: str
    summary: str
    url: str  # "" when the entry has no usable http(s) link
    guid: str  # "" when the feed gives none
    published: datetime | None  # timezone-aware UTC
    source: str  # the outlet as a reader would name it
    feed_url: str

    @property
    def text(self) -> str:
        return article_text(self.title, self.summary)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": self.summary,
            "url": self.url,
            "guid": self.guid,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "feed_url": self.feed_url,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        published = d.get("published")
        return cls(
            title=d.get("title", ""),
            summary=d.get("summary", ""),
            url=d.get("url", ""),
            guid=d.get("guid", ""),
            published=datetime.fromisoformat(published) if published else None,
            source=d.get("source", ""),
            feed_url=d.get("feed_url", ""),
        )


@dataclass(frozen=True)
class Entity:
    """A watched company, as one watchlist file describes it."""

    name: str  # canonical
    watchlist: str
    aliases: tuple[str, ...] = ()
    # Aliases matched only with the exact capitalisation written in the file.
    case_sensitive_aliases: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    # When non-empty, one of these words must occur near a mention.
    context: tuple[str, ...] = ()
    # A mention inside one of these phrases is not this company.
    exclude: tuple[str, ...] = ()
    parent: str = ""
    role: str = ""  # vendor, customer, competitor, partner: what it is to us
    channel: str = ""  # overrides the watchlist's channel
    line: int = 0  # where the entry starts in its file, for messages
    # A mention with one of these words near it is not this company.
    not_context: tuple[str, ...] = ()
    # False turns off typo matching for this entity's names.
    fuzzy: bool = True
    # Mentions of entities whose `parent` is this one also count as this one.
    include_subsidiaries: bool = False


@dataclass(frozen=True)
class Watchlist:
    name: str
    channel: str
    path: str
    entities: tuple[Entity, ...]
    role: str = ""  # default role of its entities
    events: tuple[EventType, ...] = EVENT_TYPES
    certainties: tuple[Certainty, ...] = ("confirmed", "speculative")
    # Per event type channel overrides, e.g. {"acquisition": "#deals"}.
    event_channels: dict[str, str] = field(default_factory=dict)
    # "HH:MM" (UTC): its alerts wait for one digest a day at or after that time
    # (bot.deliver.digest); "" posts each alert as it comes.
    digest: str = ""


@dataclass(frozen=True)
class Mention:
    """A watched entity found in an article's text (`Article.text` offsets)."""

    entity: str  # canonical name
    watchlist: str
    surface: str  # the text as written
    start: int
    end: int
    rule: str  # why it matched, for people: "alias 'ScaleAI' (joined form)"


@dataclass(frozen=True)
class Party:
    name: str  # canonical name when watched, else the name as written
    role: Role
    watched: bool = False


@dataclass(frozen=True)
class Event:
    type: EventType
    certainty: Certainty
    parties: tuple[Party, ...]
    direction: Direction | None = None  # investment only: "out" is a stake sale
    amount: str = ""  # "$14.3 billion", "49% stake", as written
    evidence: str = ""  # the words that decided it, for `newsbot try`

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "certainty": self.certainty,
            "parties": [
                {"name": p.name, "role": p.role, "watched": p.watched} for p in self.parties
            ],
            "direction": self.direction,
            "amount": self.amount,
            "evidence": self.evidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            type=d["type"],
            certainty=d["certainty"],
            parties=tuple(
                Party(p["name"], p["role"], bool(p.get("watched"))) for p in d["parties"]
            ),
            direction=d.get("direction"),
            amount=d.get("amount", ""),
            evidence=d.get("evidence", ""),
        )


@dataclass(frozen=True)
class Alert:
    """One event for one channel: what storage records and deliver posts."""

    key: str  # hash of (event_key, channel): one alert per event and channel
    event_key: str
    channel: str
    watchlist: str
    entity: str  # the watched party this alert is about
    entity_role: str  # what that entity is to us (vendor, customer, ...), may be ""
    event: Event
    article: Article
    mention: Mention
    # Only worth a reply in the thread of an earlier alert for this event and
    # channel (a denial, or a certainty the watchlist mutes): never a new alert.
    followup_only: bool = False
    # The watchlist's digest time ("HH:MM" UTC): held for the daily digest
    # instead of posted at once; "" for an immediate alert.
    digest_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        m = self.mention
        return {
            "key": self.key,
            "event_key": self.event_key,
            "channel": self.channel,
            "watchlist": self.watchlist,
            "entity": self.entity,
            "entity_role": self.entity_role,
            "event": self.event.to_dict(),
            "article": self.article.to_dict(),
            "mention": {
                "entity": m.entity,
                "watchlist": m.watchlist,
                "surface": m.surface,
                "start": m.start,
                "end": m.end,
                "rule": m.rule,
            },
            "followup_only": self.followup_only,
            "digest_at": self.digest_at,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Alert:
        return cls(
            key=d["key"],
            event_key=d["event_key"],
            channel=d["channel"],
            watchlist=d["watchlist"],
            entity=d["entity"],
            entity_role=d.get("entity_role", ""),
            event=Event.from_dict(d["event"]),
            article=Article.from_dict(d["article"]),
            mention=Mention(**d["mention"]),
            followup_only=bool(d.get("followup_only", False)),
            digest_at=str(d.get("digest_at") or ""),
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a config or watchlist file, printed as FILE:LINE: message."""

    path: str
    line: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"
