"""Which channels hear about an event, and as whose news (pure).

An event alerts a watchlist when one of its watched parties is on that list
and the list takes that event type and certainty. The channel is, in order:
the entity's own channel, the list's channel for that event type, the list's
channel, the config's default. One alert per event and channel: an event
between two companies on the same list is one alert, not two.

With followups=True, a certainty the list does not take (by default: denied)
is not dropped: it is routed as a follow-up-only alert, which storage threads
under an earlier alert for the same event and channel, and discards when
there is none. So "X denies the report" reaches the thread of the rumour it
denies, and never starts a thread of its own. The default (False) leaves
them out, for callers that only ask "would this alert?".

A watchlist with a `digest` time marks its alerts `digest_at`: storage holds
them for the daily digest (bot.deliver.digest) instead of the outbox. When two
lists route one event to one channel, an immediate alert wins over a digest one:
someone asked to hear it now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.dedupe import alert_key, event_key, names_match
from bot.models import Alert, Article, Entity, Event, Mention, Watchlist

# The entity an alert is "about" when several watched parties share a channel:
# the one the event happens to (investee, target) reads as the news.
ROLE_PRIORITY = {"investee": 0, "target": 1, "party": 2, "acquirer": 3, "investor": 4}


@dataclass(frozen=True)
class Route:
    watchlist: Watchlist
    entity: Entity
    channel: str


def _rank(alert: Alert) -> tuple[bool, bool]:
    """Lower wins when two watchlists route one event to one channel."""
    return (alert.followup_only, bool(alert.digest_at))


def channel_for(watchlist: Watchlist, entity: Entity, event: Event, default_channel: str) -> str:
    return (
        entity.channel
        or watchlist.event_channels.get(event.type, "")
        or watchlist.channel
        or default_channel
    )


def entity_index(watchlists: Mapping[str, Watchlist]) -> dict[tuple[str, str], Entity]:
    """(watchlist, canonical name) -> entity: built once, not per article."""
    return {(e.watchlist, e.name): e for wl in watchlists.values() for e in wl.entities}


def route_alerts(
    article: Article,
    mentions: Sequence[Mention],
    events: Sequence[Event],
    watchlists: Mapping[str, Watchlist],
    default_channel: str = "",
    *,
    followups: bool = False,
    entities: Mapping[tuple[str, str], Entity] | None = None,
) -> list[Alert]:
    """`entities` is `entity_index(watchlists)`; pass it when routing many articles."""
    if entities is None:
        entities = entity_index(watchlists)
    alerts: dict[str, Alert] = {}
    for event in events:
        ekey = event_key(event)
        watched = sorted(
            (p for p in event.parties if p.watched), key=lambda p: ROLE_PRIORITY.get(p.role, 9)
        )
        for party in watched:
            for mention in mentions:
                if mention.entity != party.name:
                    continue
                watchlist = watchlists.get(mention.watchlist)
                entity = entities.get((mention.watchlist, mention.entity))
                if watchlist is None or entity is None:
                    continue
                if event.type not in watchlist.events:
                    continue
                followup_only = event.certainty not in watchlist.certainties
                if followup_only and not followups:
                    continue
                channel = channel_for(watchlist, entity, event, default_channel)
                if not channel:
                    continue
                key = alert_key(ekey, channel)
                rank = (followup_only, bool(watchlist.digest))
                # First one wins, but an alert beats a follow-up-only one and an
                # immediate alert beats one held for a digest.
                if key in alerts and rank >= _rank(alerts[key]):
                    continue
                alerts[key] = Alert(
                    key=key,
                    event_key=ekey,
                    channel=channel,
                    watchlist=watchlist.name,
                    entity=entity.name,
                    entity_role=entity.role or watchlist.role,
                    event=event,
                    article=article,
                    mention=mention,
                    followup_only=followup_only,
                    digest_at=watchlist.digest,
                )
    return one_per_pair(list(alerts.values()))


def one_per_pair(alerts: list[Alert]) -> list[Alert]:
    """One alert per story in a channel: per article, watched entity, and counterparty.

    The detector may read one deal several ways ("takes majority control": an
    investment and an acquisition; "Lyft to buy FreeNow from BMW and Mercedes":
    an acquisition and two stake sales). An article is one story: for each
    watched entity the first reading (the headline's) is the alert. Only more
    events of that same type with other counterparties stay alerts of their own
    ("Google, OpenAI cut ties with Scale AI" is two lost customers).
    """
    kept: list[Alert] = []
    for alert in alerts:
        same_story = [
            k
            for k in kept
            if (k.channel, k.entity, k.followup_only)
            == (alert.channel, alert.entity, alert.followup_only)
        ]
        if not same_story:
            kept.append(alert)
            continue
        if alert.event.type != same_story[0].event.type:
            continue
        if any(_one_stake_changing_hands(alert, k) for k in same_story):
            continue  # "Fox to sell its Sky stake to Comcast": one story for Sky (h6-0077)
        mine = _others(alert)
        if mine and all(_others(k) and not _overlaps(mine, _others(k)) for k in same_story):
            kept.append(alert)
    return kept


def _one_stake_changing_hands(a: Alert, b: Alert) -> bool:
    """A stake sold and bought: the company whose stake it is has one story, not two."""
    return (
        a.event.type == b.event.type == "investment"
        and a.event.direction != b.event.direction
        and _role(a) == _role(b) == "investee"
    )


def _role(alert: Alert) -> str:
    return next((p.role for p in alert.event.parties if p.name == alert.entity), "")


def _others(alert: Alert) -> list[str]:
    return [p.name for p in alert.event.parties if p.name != alert.entity]


def _overlaps(a: list[str], b: list[str]) -> bool:
    return any(names_match(x, y) for x in a for y in b)
