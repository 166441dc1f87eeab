"""Relationship-change detection: who did what to whom, how sure, from a headline and lede.

    detect(text, mentions) -> events in which a watched entity is a party

For each sentence (the headline is its own): mask names and amounts
(bot/detect_mask.py), run the trigger rules (bot/detect_lexicon.py), give the
organisations around each trigger their roles (bot/detect_roles.py), read the
certainty and drop non-events (bot/detect_certainty.py), then fold the
headline's and the lede's reports of one event together (bot/detect_merge.py).
Precision first: when a rule cannot name both sides, there is no event. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.detect_certainty import certainty, rejected, sentence_denial, sourced_reports
from bot.detect_lexicon import AMT, END, NOT_RELATIONSHIP_AFTER, PRODUCT_AFTER, Rule
from bot.detect_mask import Sentence, mask_text
from bot.detect_merge import merge
from bot.detect_roles import (
    agent_after,
    anaphor,
    investors,
    left_side,
    positions,
    right_side,
)
from bot.detect_rules import RULES
from bot.detect_words import CAPEX_OBJECT
from bot.models import Direction, Event, EventType, Mention, Party, Role

__all__ = ["detect"]

ROLES: dict[EventType, tuple[Role, Role]] = {
    "acquisition": ("acquirer", "target"),
    "investment": ("investor", "investee"),
    "partnership_formed": ("party", "party"),
    "partnership_ended": ("party", "party"),
}
# Texts longer than this are cut: a headline and lede never need more, and a
# 100 kB body must not cost more than a few milliseconds (tests/test_detect.py).
MAX_TEXT_CHARS = 4000


def _prefixes(pattern: str) -> tuple[str, ...]:
    """Three-letter starts of a rule's leading alternatives: a cheap test before the regex.

    Empty when the pattern does not open with a plain word group, so the rule always runs.
    """
    m = re.match(r"(?:\\b|\(\?<[=!][^)]*\)\s*)*\(\?:([^()]*)\)", pattern)
    if not m:
        return ()
    alts = m.group(1).split("|")
    if not all(re.match(r"[a-z]{3}", a) for a in alts):
        return ()
    return tuple(sorted({a[:3] for a in alts}))


_COMPILED = [
    (
        r,
        re.compile(r.pattern),
        re.compile(r.not_after) if r.not_after else None,
        _prefixes(r.pattern),
    )
    for r in RULES
]
_AMT_RE = re.compile(AMT + r"(\d+)" + END + r"(\s+stake)?")
_ORG_AT = re.compile("\ue000" + r"(\d+)" + END)
# Deal nouns inside an "ended" trigger that mean talks ended, not a partnership (dev-0056).
_NOT_PARTNERSHIP = re.compile(r"\b(?:merger|acquisition|takeover|buyout|talks|bid|offer)\b")
_ASSET_NP = re.compile(
    r"((?:[\w-]+\s+){0,2}?(?:business|businesses|unit|division|arm|operations|subsidiary|brand|"
    r"assets|portfolio))\s*$"
)
_POSSESSED_ASSET = re.compile(
    r"^'s\s+((?:[\w\ue000\ue002\ue001-]+\s+){0,2}?(?:business|unit|division|arm|operations|subsidiary|"
    r"brand|assets|stake))\b"
)
_FROM = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:for\s+\S+\s+)?from\s+(?:(?:private equity|investment)\s+firms?\s+|"
    r"its\s+\w+\s+|owner\s+)?(?=\ue000)"
)
_TO = re.compile(r"[^,;]{0,60}?\bto\s+(?:[\w-]+\s+){0,3}?(?=\ue000)")

_CALLED_OFF_DEAL = re.compile(
    r"\b(?:terminat\w+|scrap\w*|end\w*|call\w* off|abandon\w*|walk\w* away from)\s+(?:their|its|"
    r"the)\s+(?:\S+\s+){0,2}(?:merger|acquisition|takeover|buyout)"
)
_NOT_FORMED = re.compile(
    r"\b(?:terminat\w*|end|ends|ending|cancel\w*|scrap\w*|exit\w*|quit|merger|acquisition|"
    r"takeover|buyout|sale)\b"
)
_LED = re.compile(
    r"(?:\ue000(\d+)\ue001|([\w.&+]+))-(?:led|backed)\s+(?:\S+\s+){0,3}?(?:round|funding)"
)
_MERGER_TALKS = re.compile(r"\bmerger (?:talks|discussions|negotiations)$")
# A side is an org index into Sentence.orgs or a name as written ("robotics business").
Side = tuple[int | str, ...]
Reading = tuple[EventType, Direction | None, Side, Side]


def _lead(sent: Sentence, lead: re.Match[str]) -> int | str:
    """The investor before "-led": an org, else the word as written ("a16z", holdout-0039)."""
    if lead.group(1):
        return int(lead.group(1))
    word = lead.group(2)
    at = sent.text.lower().find(word + "-")
    return sent.text[at : at + len(word)] if at >= 0 else word


def _asset_name(text: str) -> str:
    m = _ASSET_NP.search(text)
    return m.group(1).strip() if m else ""


def _pairs(typ: EventType, direc: Direction | None, doers: Side, undergoers: Side) -> list[Reading]:
    """'Klarna drops Salesforce, Workday' is two events; investors in one round are one."""
    if typ in ("investment", "acquisition"):  # a round's investors, a consortium (dev-0376)
        return [(typ, direc, doers, (u,)) for u in undergoers]
    return [(typ, direc, (d,), (u,)) for d in doers for u in undergoers]


def _sides(rule: Rule, sent: Sentence, m: re.Match[str], prev: list[Event]) -> list[Reading] | str:
    """[(type, direction, doers, undergoers)] for one trigger, or why there is none."""
    masked, typ, direc = sent.masked, rule.type, rule.direction
    pos = positions(masked)
    left = left_side(masked, pos, m.start())
    inner = tuple(i for s, e, i in pos if s >= m.start() and e <= m.end())
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
        return [(typ, direc, doers, (before[0][1],))] if doers else "no doer"
    if rule.frame == "sell":
        asset: Side = inner[-1:]
        objs, end = right_side(masked, m.end())
        if not asset:
            asset = objs[:1] or ((_asset_name(m.group()),) if _asset_name(m.group()) else ())
            end = end if objs else m.end()
        to = _TO.match(masked, end)
        buyer = _ORG_AT.match(masked, to.end()) if to else None
        if not asset:
            return "nothing sold"
        out: list[Reading] = []
        if left.orgs:
            out.append((typ, "out", left.orgs, asset))
        if buyer:
            stake = bool(re.search(r"stake|%|\bof\b|shares", m.group()))
            out.append(
                (
                    "investment" if stake else "acquisition",
                    "in" if stake else None,
                    (int(buyer.group(1)),),
                    asset,
                )
            )
        return out or "no seller or buyer"
    skip_with = rule.frame in ("sym", "inherit")
    right, right_end = right_side(masked, m.end(), skip_with=skip_with)
    owned = tuple(
        i for s, e, i in pos if s >= m.start() and e <= m.end() and masked.startswith("'s", e)
    )
    if (
        not right
        and inner
        and (rule.frame != "rev")
        and (len(left.orgs) <= 1 or rule.frame != "sym")
    ):
        # "talks with Google over TPU deal": the first name (dev-0287).
        right = inner[:1]
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
    if rule.frame == "svo":
        agent = agent_after(masked, right_end)
        doers = (agent,) if agent is not None else left.orgs
        if not doers or not right:
            return "no subject" if not doers else "no object"
        after = masked[right_end:]
        if typ == "acquisition":
            possessed = _POSSESSED_ASSET.match(after)
            if possessed and len(right) == 1:  # "buy Tesco's banking business" (dev-0157)
                unit = possessed.group(1)
                return [(typ, None, doers, (unit,)), ("investment", "out", right, (unit,))]
            if re.match(PRODUCT_AFTER, after):
                return "goods, not a company"
            sellers = _FROM.match(after)
            out = _pairs(typ, direc, doers, right)
            if sellers:  # "buy Versace from Capri" (dev-0262): the seller divests
                for i in right_side(masked, right_end + sellers.end())[0]:
                    out.append(("investment", "out", (i,), right))
            return out
        if typ == "partnership_ended" and re.match(NOT_RELATIONSHIP_AFTER, after):
            return "goods, not a company"
        if typ == "investment" and CAPEX_OBJECT.match(after):
            return "capital spending"
        return _pairs(typ, direc, doers, right)
    if rule.frame == "rev":
        if not left.orgs or not right:
            return "missing side"
        return _pairs(typ, direc, right, left.orgs)
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
    return "one party only"


def _party(sent: Sentence, x: int | str, role: Role) -> Party:
    if isinstance(x, str):
        return Party(x, role, False)
    org = sent.orgs[x]
    return Party(org.name, role, org.watched)


def _amount(sent: Sentence, start: int, end: int) -> str:
    # Amounts sit just before a nominal trigger ("Meta's $14.3bn investment in") or after it.
    for m in _AMT_RE.finditer(sent.masked, max(0, start - 25), min(len(sent.masked), end + 50)):
        amount = sent.amounts[int(m.group(1))]
        return f"{amount} stake" if m.group(2) else amount
    return ""


def _events_in(sent: Sentence) -> list[Event]:
    out: list[Event] = []
    taken: list[tuple[int, int]] = []
    for rule, rx, not_after, prefixes in _COMPILED:
        if prefixes and not any(p in sent.masked for p in prefixes):
            continue
        for m in rx.finditer(sent.masked):
            if not_after and not_after.search(sent.masked, max(0, m.start() - 12), m.start()):
                continue
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            trigger = m.group().strip()
            if rule.type == "partnership_ended" and _NOT_PARTNERSHIP.search(trigger):
                continue
            if rule.type == "partnership_formed" and _NOT_FORMED.search(trigger):
                continue  # "agreed to terminate their merger agreement" (dev-0264)
            readings = _sides(rule, sent, m, out)
            if isinstance(readings, str):
                continue
            if rule.type == "partnership_ended" and any(ev.direction == "out" for ev in out):
                # "completing its exit from the firm" after a stake sale (dev-0220, dev-0456)
                continue
            left = left_side(sent.masked, positions(sent.masked), m.start())
            taken.append((m.start(), m.end()))
            if rejected(sent.masked, m.start(), m.end(), rule.type, left.boundary, trigger):
                continue
            amount = _amount(sent, m.start(), m.end())
            for typ, direc, doers, undergoers in readings:
                cert, marker = certainty(sent.masked, m.start(), m.end(), trigger, typ)
                if doers == ("<prev>",):
                    parties = tuple(Party(p.name, "party", p.watched) for p in out[-1].parties)
                else:
                    r0, r1 = ROLES[typ]
                    if _MERGER_TALKS.search(trigger) and sent.masked.startswith(" with ", m.end()):
                        # "X denies merger talks with Y": the one named after "with" is
                        # the suitor (dev-0009, dev-0047, dev-0452).
                        doers, undergoers = undergoers, doers
                    parties = tuple(_party(sent, i, r0) for i in doers) + tuple(
                        _party(sent, i, r1) for i in undergoers
                    )
                parties = tuple(dict.fromkeys(parties))
                if len({p.name for p in parties}) < 2 and rule.frame != "raise":
                    continue
                why = f"'{marker}' before '{trigger}'" if marker else f"'{trigger}'"
                who = ", ".join(f"{p.role} {p.name}" for p in parties)
                out.append(
                    Event(
                        typ,
                        cert,
                        parties,
                        direc if typ == "investment" else None,
                        amount,
                        f"{typ}, {cert}: {why}; {who}",
                    )
                )
    return out


def detect(text: str, mentions: Sequence[Mention]) -> list[Event]:
    """Events in text in which at least one mentioned (watched) entity is a party."""
    text = text[:MAX_TEXT_CHARS]
    if not mentions or not text.strip():
        return []
    reports: list[tuple[int, Event]] = []
    sentences = mask_text(text, mentions)
    for n, sent in enumerate(sentences):
        if any(o.watched for o in sent.orgs):
            reports.extend((n, ev) for ev in _events_in(sent))
    if sentences and sentences[0].headline and "?" in sentences[0].masked:
        return []  # a question headline is opinion, and so is its lede (dev-0397, dev-0400)
    reports = sourced_reports(sentences, sentence_denial(sentences, reports))
    if any(_CALLED_OFF_DEAL.search(s.masked) for s in sentences):
        # "Amazon Scraps iRobot Deal" is a merger called off, not a partnership ended (dev-0264).
        reports = [(n, ev) for n, ev in reports if ev.type != "partnership_ended"]
    return [ev for ev in merge(reports) if any(p.watched for p in ev.parties)]
