"""Frames: who is on which side of one trigger, by the shape of its rule.

bot/detect.py finds a trigger; sides() reads the organisations around it
(bot/detect_roles.py) according to the rule's frame (svo, rev, pre, sym,
inherit, group, raise, led, sell; see Rule in bot/detect_lexicon.py) and says
who does it to whom, or why there is no event. Pure.
"""

from __future__ import annotations

import re

from bot.detect_lexicon import HANDED_NOUNS, NOT_RELATIONSHIP_AFTER, PRODUCT_AFTER, Rule
from bot.detect_mask import Sentence
from bot.detect_roles import (
    agent_after,
    anaphor,
    investors,
    left_side,
    positions,
    right_side,
)
from bot.detect_units import (
    ORG_AT,
    PLANT_AFTER,
    POSSESSED_ASSET,
    STAKE_IN_ORG,
    Reading,
    Side,
    pairs,
    sell_sides,
    stake_in,
    unit_of,
)
from bot.detect_words import CAPEX_OBJECT
from bot.models import Event

_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]+\b")
_TITLE_WORD = re.compile(r"\b[A-Z][\w'-]*")


def _name_goes_on(sent: Sentence, i: int) -> bool:
    """The watched name runs on in capitals: "Discover Financial Services" (holdout2
    h2-0007), "Ampere Computing" (h2-0280) are companies, not services or computing.
    A Title Case headline capitalises every word, so it proves nothing there."""
    org = sent.orgs[i]
    if sent.text[org.end - 2 : org.end] in ("'s", "’s"):
        return False  # "offer for Google's Chrome browser" (h12-0026): a possessor ends there
    if not _CAPITALISED_NEXT.match(sent.text, org.end):
        return False
    words = sent.text.split()
    return not sent.headline or len(_TITLE_WORD.findall(sent.text)) * 2 < len(words)


# "buy DB Schenker from German state-owned railway Deutsche Bahn" (h4-0182): the seller
# after up to four describing words.
_FROM = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:for\s+\S+\s+)?from\s+(?:[a-z][\w'-]*\s+){0,4}?(?=\ue000)"
)

_VENTURE_SOLD = re.compile(
    r"\bin\s+((?:[\w\ue000\ue001-]+\s+){0,5}?(?:joint ventures?|jvs?|ventures?))\b"
)
_LED = re.compile(
    r"(?:\ue000(\d+)\ue001|([\w.&+]+))-(?:led|backed)\s+(?:\S+\s+){0,3}?(?:round|funding)"
)
# After the old partner of a switch, the new one: "drops X for Y", "from X to Y" (brief 4.3).
_SWITCH_TO = re.compile(
    r"\s*,?\s*(?:for|to|with|in favou?r of|(?:and\s+)?(?:switch\w*|mov\w*|turn\w*|shift\w*)\s+to|"
    r"(?:and\s+)?replac\w+\s+(?:it|them)\s+with)\s+(?:(?:rival|its|a|an|the)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?=\ue000)"
)


def _lead(sent: Sentence, lead: re.Match[str]) -> int | str:
    """The investor before "-led": an org, else the word as written ("a16z", holdout-0039)."""
    if lead.group(1):
        return int(lead.group(1))
    word = lead.group(2)
    at = sent.text.lower().find(word + "-")
    return sent.text[at : at + len(word)] if at >= 0 else word


# A move names where it goes after the thing moved: "moved its server virtualisation off
# Broadcom's VMware software to Nutanix" (dev-0427). Only after verbs of moving: "cut off
# Windsurf's direct access to its Claude models" (dev-0250) moves nothing.
_MOVED_TO = re.compile(
    r"(?:'s\s+)?(?:[\w\ue000-\ue003-]+\s+){1,2}to\s+(?:(?:rival|its|a|an|the)\s+)?(?=\ue000)"
)


def _switched_to(masked: str, end: int, doers: Side, moved: bool = False) -> list[Reading]:
    to = _SWITCH_TO.match(masked, end) or (_MOVED_TO.match(masked, end) if moved else None)
    if not to:
        return []
    new = right_side(masked, to.end())[0]
    return pairs("partnership_formed", None, doers, new)


# "Maersk and Hapag-Lloyd said on Monday they would form ..." (h4-0183, h4-0228): the
# pair that said it is who "they" are, when the clause names no party itself.
_THEY_SAID = re.compile(
    r"((?:\ue000\d+\ue001(?:\s+[a-z]+)?\s*(?:,\s*and\s+|,\s*|\s+and\s+))+\ue000\d+\ue001)\s+"
    # "Harris Corporation and L3 Technologies today announced that they" (h7-0086)
    r"(?:today\s+|jointly\s+|on\s+\w+\s+)?(?:said|say|says|announced|announce)\b[^.;]{0,50}?"
    r"\b(?:they|the two(?:\s+companies)?)\b[^.;]*$"
)
# A company's name and a product word is the product ("Apple Card", "Google Pay").
_PRODUCT_WORD = r"\s(?:Card|Pay|Wallet|Watch|Store|Music|TV\+?)"


def _is_product_name(sent: Sentence, i: int) -> bool:
    org = sent.orgs[i]
    return bool(
        re.search(_PRODUCT_WORD + "$", org.name)
        or re.match(_PRODUCT_WORD + r"\b", sent.text[org.end :])
    )


_HANDOVER = re.compile(
    r"\s*(?:the\s+)?\ue000(\d+)\ue001((?:'s)?[^.;]{0,50}?)\bfrom\s+\ue000(\d+)\ue001"
)
# "takes over Microsoft's $22 billion US Army headset program" (h4-0156): the old
# provider's possessive, the owner inside the noun phrase.
_HANDOVER_OF = re.compile(
    rf"\s*\ue000(\d+)\ue001's\s+[^.;\ue000]{{0,40}}?\ue000(\d+)\ue001\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{HANDED_NOUNS}\b"
)


def _handover(sent: Sentence, m: re.Match[str], takers: Side) -> list[Reading] | str:
    """A role taken over ("JPMorgan to take over Apple Card from Goldman Sachs"): the owner
    ends with the old provider and starts with the new one (dev-0033, h2-0174, h3-0046, h4-0162)."""
    h = _HANDOVER.match(sent.masked, m.end())
    if not h:
        of = _HANDOVER_OF.match(sent.masked, m.end())
        if not of:
            return "no owner and old provider"
        old, owned = int(of.group(1)), int(of.group(2))
        was: list[Reading] = [("partnership_ended", None, (owned,), (old,))]
        return was + [("partnership_formed", None, (t,), (owned,)) for t in takers]
    i, old = int(h.group(1)), int(h.group(3))
    org = sent.orgs[i]
    owner: int | str = i
    if _is_product_name(sent, i):  # "Apple Card": its maker owns it
        owner = i if org.watched else re.sub(_PRODUCT_WORD + "$", "", org.name)
    elif not re.search(rf"\b{HANDED_NOUNS}\b", h.group(2)):
        return "a business taken over, not a role"
    ended: list[Reading] = [("partnership_ended", None, (owner,), (old,))]
    return ended + [("partnership_formed", None, (t,), (owner,)) for t in takers]


_UNIT = re.compile(
    r"\b(?:the|a)\s+((?:[\w-]+\s+){0,2}?(?:business|unit|division|arm|operations))\b"
)


def _with_sellers(
    masked: str, readings: list[Reading], right: tuple[int, ...], right_end: int
) -> list[Reading]:
    """A purchase from a named seller: the seller divests what was bought. "buy Versace from
    Capri" (dev-0262); "buy a 20% stake in Yes Bank from State Bank of India" (h5-0194). A
    stake in "Teck's coal business" stays a stake in Teck (labelled both ways: h2-0117 in,
    h5-0119 out; the alert is the same)."""
    sellers = _FROM.match(masked, right_end)
    if sellers:
        for i in right_side(masked, sellers.end())[0]:
            readings.append(("investment", "out", (i,), right))
    return readings


_AGREED_TO_BEFORE = re.compile(
    r"\b(?:agrees?|agreed|accepts?|accepted)\s+(?:to\s+)?(?:an?\s+|the\s+)?(?:\ue002\d+\ue001\s+)?$"
)
_PURCHASE = re.compile(r"(?:buy|buys|buying|bought|acquir\w+|purchas\w+)\b")
_BETWEEN_TWO = re.compile(
    r"\s+(?:the\s+)?\ue000(\d+)\ue001(?:'s)?\s+and\s+(?:the\s+)?\ue000(\d+)\ue001"
)


def sides(rule: Rule, sent: Sentence, m: re.Match[str], prev: list[Event]) -> list[Reading] | str:
    """[(type, direction, doers, undergoers)] for one trigger, or why there is none."""
    masked, typ, direc = sent.masked, rule.type, rule.direction
    pos = positions(masked)
    left = left_side(masked, pos, m.start())
    inner = tuple(i for s, e, i in pos if s >= m.start() and e <= m.end())
    if rule.frame == "handover":
        return _handover(sent, m, left.orgs)
    if rule.frame == "raise":
        if masked[: m.start()].rstrip().endswith(","):
            return "a participle: proceeds of a sale, not a raise"
        if len(left.orgs) != 1:
            return "no single company raising"
        found: Side = investors(masked, m.end())
        if not found:  # "raises $300 million in Sequoia-led round"
            lead = _LED.search(masked, m.end(), m.end() + 60)
            found = (_lead(sent, lead),) if lead else ()
            for s_, _, i in pos:  # the masker kept "Sequoia-led" as one name
                name = sent.orgs[i].name
                if m.end() <= s_ < m.end() + 60 and re.search(r"-(?:led|backed)$", name, re.I):
                    found = found or (re.sub(r"-(?:led|backed)$", "", name, flags=re.I),)
        return [(typ, direc, found, left.orgs)]
    if rule.frame == "led":  # "in a16z-led round": the name before "-led" invests
        lead = _LED.match(masked, m.start())
        if len(left.orgs) != 1 or not lead:
            return "no single company raising"
        return [(typ, direc, (_lead(sent, lead),), left.orgs)]
    if rule.frame == "pre":
        before = [(s, i) for s, e, i in pos if e == m.start() - 1]
        if not before:
            return "no name before"
        doers = left_side(masked, pos, before[0][0]).orgs
        if (
            doers
            and m.group().startswith("buyout")
            and _AGREED_TO_BEFORE.search(masked, 0, before[0][0])
        ):
            # "Walgreens agrees to $10 billion Sycamore buyout" (h13-0072): the one agreeing
            # is bought, the one named with the buyout buys.
            return [(typ, direc, (before[0][1],), doers)]
        return [(typ, direc, doers, (before[0][1],))] if doers else "no doer"
    if rule.frame == "sell":
        return sell_sides(sent, m, left.orgs, inner)
    if rule.frame == "sym" and m.group().endswith("between"):
        # "ending a relationship between FedEx and the Postal Service" (h12-0009): the two
        # named after "between" are the parties, not the sentence's subject.
        two = _BETWEEN_TWO.match(masked, m.end())
        if not two:
            return "not two named after 'between'"
        return [(typ, direc, (int(two.group(1)),), (int(two.group(2)),))]
    skip_with = rule.frame in ("sym", "inherit")
    right, right_end = right_side(masked, m.end(), skip_with=skip_with)
    owned = tuple(
        i for s, e, i in pos if s >= m.start() and e <= m.end() and masked.startswith("'s", e)
    )
    with_inner = tuple(
        i for s, e, i in pos if m.start() <= s and e <= m.end() and masked.endswith("with ", 0, s)
    )
    if not right and with_inner and rule.frame == "sym" and len(left.orgs) > 1:
        right = with_inner  # "Hyundai, Kia say not in talks with Apple on ..." (h8-0076)
    if (
        not right
        and inner
        and rule.frame != "rev"
        and rule.name != "supply-to"  # "supply Snapdragon 5G modems for ...": goods (h11-0113)
        and (len(left.orgs) <= 1 or rule.frame != "sym")
    ):
        # "talks with Google over TPU deal": the first name (dev-0287); in "contract with
        # UnitedHealth's OptumRx" the owned one (h8-0025).
        heads = tuple(
            i
            for s, e, i in pos
            if m.start() <= s and e <= m.end() and not masked.startswith("'s", e)
        )
        right = heads[:1] or inner[:1]
    elif not right and owned:  # "has cancelled Moderna's contract" (dev-0226)
        right = owned
    if not right and (
        anaphor(masked, m.end())
        or (rule.frame == "sym" and re.search(r"\b(?:their|its)\b", m.group()))
    ):
        # "the data-labelling startup" (dev-0004), "ending their partnership" (dev-0246):
        # a party of an earlier event in the sentence, else the last watched name.
        cands = [i for s, e, i in pos if e <= m.start() and i not in left.orgs]
        in_prev = {p.name for ev in prev for p in ev.parties}
        earlier = [i for i in cands if sent.orgs[i].name in in_prev]
        watched = [i for i in cands if sent.orgs[i].watched]
        right = tuple((earlier or watched or cands)[-1:]) if typ != "acquisition" else ()
    if rule.frame == "unit-of":  # "buy the defence business of Iveco" (h4-0160): Iveco sells
        sold = _UNIT.search(m.group())
        if not right or not sold:
            return "no owner"
        return [(typ, direc, right, (sold.group(1),))]
    if rule.name == "sale-of-unit" and PLANT_AFTER.search(masked, m.start(), m.end() + 40):
        return "an asset sale"  # "sell Rotterdam refinery assets" (guide "assetsale")
    if rule.frame == "svo":
        agent = agent_after(masked, right_end)
        doers = (agent,) if agent is not None else left.orgs
        if not doers or not right:
            return "no subject" if not doers else "no object"
        after = masked[right_end:]
        if typ == "acquisition":
            jv = STAKE_IN_ORG.match(after)
            if jv and len(right) == 1:
                # dev-0318 "buy Temasek's 35% stake in its Indian unit"
                company = int(jv.group(1)) if jv.group(1) else jv.group(2)
                return stake_in(masked, doers, right, company)
            owned_unit = unit_of(sent, m.end(), right)
            if owned_unit:
                return [
                    (typ, None, doers, owned_unit[1]),
                    ("investment", "out", owned_unit[0], owned_unit[1]),
                ]
            possessed = POSSESSED_ASSET.match(after)
            if possessed and len(right) == 1:  # "buy Tesco's banking business" (dev-0157)
                unit = possessed.group(1)
                if "\ue002" in unit or (unit == "stake" and after[possessed.end() :][:4] == " in "):
                    return "a stake in an unnamed company"  # "'s stake in a battery plant"
                # "Marvell's automotive Ethernet business" (holdout-0082): the unit as written.
                unit = ORG_AT.sub(lambda o: sent.orgs[int(o.group(1))].name, unit)
                return [(typ, None, doers, (unit,)), ("investment", "out", right, (unit,))]
            if isinstance(right[0], int) and _is_product_name(sent, right[0]):
                return "a product, not a company"  # "take over Apple Card" (h4-0162, dev-0033)
            # "hires Adept's founders and licenses its models": people, not goods.
            if (
                re.match(PRODUCT_AFTER, after)
                and not rule.name.startswith("acquihire")
                and not _name_goes_on(sent, right[0])
            ):
                return "goods, not a company"
            return _with_sellers(masked, pairs(typ, direc, doers, right), right, right_end)
        if typ == "partnership_ended" and re.match(NOT_RELATIONSHIP_AFTER, after):
            return "goods, not a company"
        if rule.name == "leave-venture":  # the stake sold is a divestment too (h5-0121)
            jv = _VENTURE_SOLD.search(m.group())
            unit = ORG_AT.sub(lambda o: sent.orgs[int(o.group(1))].name, jv.group(1)) if jv else ""
            stake: list[Reading] = [("investment", "out", doers, (unit,))] if unit else []
            return pairs(typ, direc, doers, right) + stake
        if typ == "partnership_ended":  # "drops Initech for Hooli": the new supplier too
            return pairs(typ, direc, doers, right) + _switched_to(masked, right_end, doers)
        if typ == "investment" and CAPEX_OBJECT.match(after):
            return "capital spending"
        if typ == "investment" and direc == "in" and len(right) == 1:
            possessed = POSSESSED_ASSET.match(after)
            if (
                possessed
                and possessed.group(1).split()[-1] not in ("stake", "assets")
                and _PURCHASE.match(m.group())
                and " new " not in f" {possessed.group(1)} "
                and "\ue002" not in possessed.group(1)  # an amount is no unit's name
            ):
                # "buy a 77% stake in Teck Resources' steelmaking coal business" (h12-0171,
                # h7-0101): a stake bought in a unit, which its owner sells. "Investing in
                # Ubisoft's new gaming unit" (h2-0108) is money into the owner's unit.
                unit = ORG_AT.sub(lambda o: sent.orgs[int(o.group(1))].name, possessed.group(1))
                return [(typ, direc, doers, (unit,)), ("investment", "out", right, (unit,))]
            return _with_sellers(masked, pairs(typ, direc, doers, right), right, right_end)
        return pairs(typ, direc, doers, right)
    if rule.frame == "switch":  # "moves workloads from X to Y": ended with X, formed with Y
        old, end = right_side(masked, m.end())
        if not left.orgs or not old:
            return "no subject" if not left.orgs else "nothing switched from"
        if rule.name == "switch-to-from":  # the new partner sits inside the trigger
            return pairs(typ, direc, left.orgs, old) + pairs(
                "partnership_formed", None, left.orgs, inner
            )
        return pairs(typ, direc, left.orgs, old) + _switched_to(masked, end, left.orgs, True)
    if rule.frame == "rev":
        if not left.orgs or not right:
            return "missing side"
        return pairs(typ, direc, right, left.orgs)
    if rule.frame == "group":  # "Apple and Alibaba to roll out AI features" (dev-0123)
        return [(typ, direc, left.orgs[:1], left.orgs[1:])] if len(left.orgs) >= 2 else "no group"
    # sym and inherit: parties from both sides.
    if left.orgs and right:
        return [(typ, direc, (a,), (b,)) for a in left.orgs for b in right]
    named = left.orgs or right
    if len(named) >= 2:
        return [(typ, direc, named[:1], named[1:])]
    if (
        prev
        and prev[-1].type != "acquisition"
        and (rule.frame == "inherit" or re.search(r"(?:,|\band)\s*$", masked[: m.start()]))
    ):
        return [(typ, direc, ("<prev>",), ())]
    said = _THEY_SAID.search(masked[: m.start()])
    if said:
        pair = tuple(int(i) for i in re.findall(r"\ue000(\d+)\ue001", said.group(1)))
        return [(typ, direc, pair[:1], pair[1:])]
    return "one party only"
