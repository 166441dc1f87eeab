"""Who the parties are for the rules of bot/detect_joint.py that the frames cannot read.

"the two companies will ..." names the parties of an earlier event; "X says its
partnership with Y is intact" names the speaker and the partner; "rights move to Y
from Z" and "loses the X contract to Y" are switches with the owner before them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.detect_frames import sides
from bot.detect_lexicon import END, ORG, Rule
from bot.detect_roles import left_side, main_subject, positions
from bot.detect_units import Reading, pairs
from bot.models import Event, Party

if TYPE_CHECKING:
    from bot.detect_mask import Sentence


def the_two(events: list[Event], nearest: list[Party]) -> list[Event]:
    """The two named companies of the latest events, as one stand-in event.

    "sell its beauty business to L'Oreal, and the two groups will form a partnership"
    (dev-0259): the seller and the buyer, not the business sold (a lower-case unit).
    """
    names: dict[str, Party] = {}
    for ev in reversed(events):
        for p in ev.parties:
            if p.name[:1].isupper() and len(names) < 2:
                names.setdefault(p.name, p)
    for p in nearest:  # the buyer the sale rule missed (dev-0259)
        if len(names) < 2 and p.name not in names and any(ev.parties for ev in events):
            names.setdefault(p.name, p)
    if len(names) < 2:
        return []
    return [Event("partnership_formed", "confirmed", tuple(names.values()), None, "", "")]


_LOST_TO = re.compile(rf"[^,;]{{0,40}}?\bto\s+(?:rival\s+|[\w-]+\s+rival\s+)?{ORG}(\d+){END}")
_ORG_AT = re.compile(rf"{ORG}(\d+){END}")
_TWO_COMPANIES = re.compile(r"\bthe two (?:companies|firms|groups|sides)'|\btheir\b")


def joint_sides(
    rule: Rule, sent: Sentence, m: re.Match[str], out: list[Event], earlier: list[Event]
) -> tuple[list[Event], list[Reading] | str] | None:
    """(events "<prev>" stands for, readings) for this module's rules; None for the others."""
    named = [(s, i) for s, _, i in positions(sent.masked) if s < m.end()]
    if rule.name == "the-two":  # "The two also agreed a collaboration." (h3-0207)
        before = [
            Party(sent.orgs[i].name, "party", sent.orgs[i].watched)
            for s, i in named
            if s < m.start()
        ]
        prev = the_two(out or earlier, before[::-1])
        return prev, [(rule.type, None, ("<prev>",), ())] if prev else "no two named"
    if rule.name == "ending-tie":
        prev, readings = _stake_sides(out)
        names = {sent.orgs[i].name for _, i in named}
        if isinstance(readings, str) and _TWO_COMPANIES.search(m.group()) and len(names) == 2:
            # "GSK will hand back its rights to ... Merck KGaA, ending the two companies'
            # alliance" (h7-0017): the two named are the two.
            one = named[0][1]
            other = next(i for _, i in named if sent.orgs[i].name != sent.orgs[one].name)
            return out, [(rule.type, None, (one,), (other,))]
        return prev, readings
    if rule.name in ("extending-tie", "becoming-partner"):
        prev = the_two(out, [])
        return prev, [(rule.type, None, ("<prev>",), ())] if prev else "no deal just read"
    if rule.name == "tie-stands":  # the speaker and the partner the tie names
        if len(named) < 2:
            return out, "one party"
        return out, [(rule.type, None, (named[0][1],), (named[-1][1],))]
    if rule.name == "moved-to":  # "rights will move to Apple from ESPN" (h3-0178)
        owner = [i for s, i in named if s < m.start()]
        new, old = (int(g) for g in _ORG_AT.findall(m.group())[:2])
        if not owner:
            return out, "no owner"
        return out, [
            ("partnership_ended", None, (owner[0],), (old,)),
            ("partnership_formed", None, (owner[0],), (new,)),
        ]
    if rule.name == "go-dark":  # "Walt Disney's channels including ESPN and ABC went dark on"
        readings = sides(rule, sent, m, out)  # the channels' owner, named first (h2-0161)
        first = _ORG_AT.search(sent.masked, 0, m.start())  # a possessor counts ("Disney's")
        if isinstance(readings, str) or not first:
            return out, readings
        return out, [(t, d, (int(first.group(1)),), u) for t, d, _, u in readings[:1]]
    if rule.name == "invest-in-its-stock":
        pos = positions(sent.masked)
        doers = left_side(sent.masked, pos, m.start()).orgs
        speaker = main_subject(sent.masked, pos, m.start())
        if not doers or speaker is None or speaker in doers:
            return out, "no one else's stock"
        return out, [(rule.type, rule.direction, doers, (speaker,))]
    if rule.name in ("buy-supply-from", "rights-back", "deal-to-make-for"):
        # The name right after "from"/"to", even as a possessor: "from Kairos Power's
        # reactors" (h3-0109), "rights to CureVac's vaccines" (h3-0149).
        supplier = _ORG_AT.match(sent.masked, m.end() + 1)
        doers = left_side(sent.masked, positions(sent.masked), m.start()).orgs
        if not supplier or not doers:
            return out, "no buyer or supplier"
        return out, pairs(rule.type, None, doers, (int(supplier.group(1)),))
    return None


def _stake_sides(out: list[Event]) -> tuple[list[Event], list[Reading] | str]:
    """The buyer and the seller of the stake just read, else its holder and the company."""
    stakes = [ev for ev in out if ev.type == "investment"]
    buyers = [
        p for ev in stakes if ev.direction == "in" for p in ev.parties if p.role == "investor"
    ]
    sellers = [
        p for ev in stakes if ev.direction == "out" for p in ev.parties if p.role == "investor"
    ]
    if buyers and sellers:
        pair = (buyers[0], sellers[0])
    elif len(stakes) == 1 and stakes[0].parties[-1].name[:1].isupper():
        pair = (stakes[0].parties[0], stakes[0].parties[-1])
    else:
        return out, "no stake whose sides part"
    parties = tuple(Party(p.name, "party", p.watched) for p in pair)
    prev = [Event("partnership_ended", "confirmed", parties, None, "", "")]
    return prev, [("partnership_ended", None, ("<prev>",), ())]


def lost_to(sent: Sentence, readings: list[Reading], end: int) -> list[Reading]:
    """ "loses the Postal Service contract to UPS": the customer forms a tie with UPS (h3-0101)."""
    to = _LOST_TO.match(sent.masked, end)
    if not to or not readings:
        return readings
    lost = readings[0][3][:1]
    return [*readings, ("partnership_formed", None, lost, (int(to.group(1)),))]
