"""How sure a report is, and whether a trigger is an event at all.

Certainty reads the words around the trigger: a denial anywhere in the sentence
wins; speculative modifiers count before the trigger; attributions ("people
familiar", "sources say") count anywhere in the sentence. Filters drop
questions, opinion, conditionals, negation, background clauses and regulators.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.detect_words import (
    CALLED_OFF,
    DENIED,
    HYPOTHETICAL,
    NEGATION,
    PAST_TRIGGER,
    REGULATOR,
    SPECULATIVE,
)
from bot.models import Certainty, Event, EventType

if TYPE_CHECKING:
    from bot.detect_mask import Sentence

# Attribution that makes a whole sentence a report, wherever it sits
# (dev-0007 "- sources", dev-0004 "people familiar ... told Reuters").
_ATTRIBUTION = re.compile(
    # "analysts say" (dev-0430); a filing or statement is firm (h3-0003 "according to a
    # regulatory filing").
    # "according to internal documents obtained by the BBC" (h6-0062, h8-0037): seen, firm.
    r"\b(?:according to(?! (?:an? |the |its )?(?:regulatory |stock exchange |securities |internal |"
    r"company |staff )?(?:filings?|statements?|notices?|documents?|releases?|press release|memos?|"
    r"emails?|letters?))|"
    r"analysts?(?: at \S+)? (?:say|says|said)|people (?:familiar|with knowledge|close)|"
    r"person familiar|"
    r"familiar with the|sources? (?:say|said|says|told|familiar)|"
    # "citing weaker demand" gives a reason, not a source (holdout-0160, h2-0160, h2-0182).
    r"[-–—] sources?$|, sources?$|reportedly|said to|is said|are said|citing (?:people|"
    r"sources?|an? (?:person|source|unnamed|anonymous)|unnamed|anonymous|(?:two|three|four|"
    r"several|multiple) (?:people|sources|persons))|reported,|newspaper reported|reported on"
    r")\b"
    # "SpaceX to invest $2 billion in xAI, WSJ reports" (h3-0204).
    r"|, (?:the )?[^,]{1,30} reports$"
)
# Analysts and columnists talking about a deal are not the deal (dev-0119, dev-0400).
_COMMENTARY = re.compile(r"^(?:is|could|should|will|would|can|does|did)\b")
# "Nvidia's acquisition of Run:ai" inside a sentence is usually background unless
# a verb says it changes (dev-0401, dev-0427, dev-0162, dev-0482; dev-0060 "completed its").
_BARE_NOMINAL = re.compile(
    r"(?:\ue001'?s?|\b(?:its|their|his|an|the))\s+(?:\ue002\d+\ue001\s+)?(?:[\w-]+\s+)?$"
)
_CHANGE_VERB = re.compile(
    r"\b(?:complet\w+|clos\w+|announc\w+|finali[sz]\w+|seal\w*|unveil\w*|make|makes|made|making|"
    r"agree\w*|"
    r"sign\w*|plan\w*|weigh\w*|consider\w*|explor\w+|mull\w*|talks|expand\w*|doubl\w+|boost\w*|"
    r"increas\w+|"
    r"rais\w+|first|new|deny|denies|denied|pursu\w+|launch\w*|win\w*|won|secur\w+|get|gets|got|"
    r"receiv\w+|"
    # "Nutella maker Ferrero nears deal for WK Kellogg" (h10-0064)
    r"nears?|nearing|strikes?|struck|reach(?:es|ed)?|clinch\w*|inks?|inked|"
    # "not evaluating an offer for Standard Chartered" (h7-0148)
    r"evaluat\w+|stud(?:y|ies|ied|ying)|review\w*|prepar\w+|submit\w*|table[sd]?|tabling)\b"
)
# "with Microsoft holding an investment in OpenAI" is a holding (dev-0162).
_HOLDING = re.compile(
    r"\b(?:hold|holds|holding|held|own|owns|owning|owned|has|have|had)\s+(?:an?|its|their|"
    r"the)\s+(?:\S+\s+)?$"
)
# ", the AI Hyperscaler backed by Nvidia," (h11-0002): who backs a company, said in passing.
_DESCRIPTION_BEFORE = re.compile(r",\s+(?:the|a|an)\s+[^,;]{0,60}$")
# "steady demand for the batteries it supplies to Tesla" (h8-0144): a clause describing a
# thing by what the company already does with it.
_REDUCED_RELATIVE = re.compile(r"\b(?:the|its|their)\s+(?:[\w-]+\s+){1,3}?(?:it|they)\s+$")
# Negation is read only this close before a trigger ("won't invest further").
NEGATION_WINDOW_CHARS = 40
# Nouns inside a trigger that make an acquisition a pursuit, not a deal (dev-0069, dev-0082).
# "in bid to expand food delivery" (h6-0075) is an aim, not a takeover bid.
_PURSUIT = re.compile(
    r"\b(?:(?<!in )(?<!in a )bid(?!\s+to\b)|offer|counterbid|counteroffer|approach\w*|proposal|"
    r"talks|interest)\b"
)
# "..., the companies confirmed on Monday, in a deal people familiar with the matter put at
# about $400 million" (h6-0035): the parties confirmed it; the sources speak of the price.
_PARTIES_CONFIRMED = re.compile(
    r"\b(?:the|both|the two) compan(?:y|ies) (?:confirmed|announced)\b|\bconfirmed on \w+day\b"
)


# "would reject any offer from Mondelez" (holdout-0106) is a stance, not a bid.
_ANY_DEAL = re.compile(r"\bany\s+(?:[\w-]+\s+)?(?:offer|bid|approach|proposal|deal|takeover)")
# "BBVA's hostile bid for Sabadell fails" (holdout-0059): called off, no event.
_FAILED_AFTER = re.compile(
    r"[^,;]{0,40}?\b(?:fails?|failed|collapses?|collapsed|falls? through|fell through|lapses?|"
    r"lapsed|is withdrawn|was withdrawn|is dropped|was dropped|is rejected by shareholders)\b"
)


_REPORTING_END = re.compile(
    r"\b(?:reports?|reported|confirms?|confirmed|says?|said)\s*(?:that\s*)?$"
)
_PRELIMINARY_END = re.compile(
    r"\b(?:preliminary (?:agreement|deal)|memorandum of understanding|mou|letters? of intent)$"
)
_DEAL_TERM = re.compile(
    r"\bas part of\s+(?:an?|the|its|their)\s+(?:[\w\ue000-\ue003-]+\s+){0,3}?"
    r"(?:deal|agreement|partnership|pact)\b"
)
_PLANS_TO = re.compile(r"\bplans? to\b")
_STAKE_OFFER = re.compile(r"(?<!tender )\b(?:offers?|bids?|proposals?)\s+for\b")
_NO_MORE = re.compile(
    r"\bno (?:current |immediate |further )?plans? to\s+(?:\S+\s+){0,2}?(?:further|more|additional|"
    r"any more|again)\b"
)


# "activist investor Elliott, which disclosed a $4 billion stake" (dev-0195) is news.
_DISCLOSED = re.compile(r"(?:disclos|reveal|unveil)\w*\b")
# "two years after selling its Uber Eats India business to Zomato" (h12-0091): background.
_GERUND_FIRST = re.compile(r"\w+ing\b")
_BOUNDARY_RIGHT_BEFORE = re.compile(r"\b(?:after|since|before|following|when)\s+$")


@lru_cache(maxsize=256)
def denial(masked: str) -> re.Match[str] | None:
    """DENIED in a masked sentence; cached, each of its triggers asks (speed, bench)."""
    return DENIED.search(masked)


@lru_cache(maxsize=256)
def _attribution(masked: str) -> re.Match[str] | None:
    return _ATTRIBUTION.search(masked)


def certainty(
    masked: str, trig_start: int, trig_end: int, trigger: str, typ: EventType
) -> tuple[Certainty, str]:
    """(certainty, the words that decided it)."""
    m = denial(masked)
    if m:
        return "denied", m.group()
    before = _ENDED_PLAN.sub(r"\1", masked[:trig_end])
    if _REPORTING_END.search(before):
        # A trigger ending in a verb of saying introduces what is said: "shares jump on report
        # Anta Sports weighing takeover" (dev-0257), "confirms Sony has made acquisition
        # proposal" (h3-0072).
        before += masked[trig_end : trig_end + 80]
    elif _PRELIMINARY_END.search(before):
        # "reached a preliminary agreement to explore a partnership" (dev-0346): what the
        # preliminary step is for decides.
        before += masked[trig_end : trig_end + 25]
    if _DEAL_TERM.search(masked):
        # "plans to invest $300 million in Lucid as part of a deal to deploy" (dev-0200): a
        # term of an announced deal, not an intention.
        before = _PLANS_TO.sub(" ", before)
    m = SPECULATIVE.search(before)
    if m:
        return "speculative", m.group()
    m = _attribution(masked)
    if m and not _PARTIES_CONFIRMED.search(masked):
        return "speculative", m.group()
    if typ == "investment" and _STAKE_OFFER.search(masked, max(0, trig_start - 8), trig_end):
        return "speculative", "offer"  # "submitted a non-binding offer for a stake" (dev-0187)
    if typ == "acquisition" and re.match(r"(?:reject|rebuff|spurn)", trigger):
        return "speculative", ""  # a rejected bid is still pursued (guide; h5-0086)
    if typ == "acquisition":
        m = _PURSUIT.search(masked[trig_start : trig_end + 30])
        # A bid launched or made is a fact (dev-0385 "launches takeover bid").
        if m and not re.search(
            r"\b(?:launch\w*|make|makes|made|formal|tender)\s+(?:an?\s+)?$", masked[:trig_start]
        ):
            return "speculative", m.group()
    return "confirmed", ""


def rejected(
    masked: str, trig_start: int, trig_end: int, typ: EventType, boundary: str, trigger: str
) -> str:
    """Why this trigger is not an event, or "" when it is."""
    if masked.rstrip(" \"'”’").endswith("?"):
        return "question"
    before = masked[:trig_start]
    m = HYPOTHETICAL.search(before)
    if m:
        return f"hypothetical '{m.group()}'"
    if boundary in ("which", "who", "whose") and not _DISCLOSED.match(trigger):
        # "activist investor Elliott, which disclosed a $4 billion stake" (dev-0195) is news.
        return f"background clause '{boundary}'"
    nominal = re.match(r"(?:acquisition|purchase|takeover|buyout|investment|merger)\b", trigger)
    if boundary in ("after", "since", "when", "following", "before") and (
        PAST_TRIGGER.search(trigger)
        or nominal
        or (_GERUND_FIRST.match(trigger) and _BOUNDARY_RIGHT_BEFORE.search(before))
    ):
        return f"background clause '{boundary}'"
    if boundary == "amid" or re.search(r"\bamid\b[^,;]*$", before):
        return "background clause 'amid'"
    if _HOLDING.search(before):
        return "a holding, not a change"
    if trigger.startswith("backed by") and _DESCRIPTION_BEFORE.search(before):
        return "background: a description ('the AI hyperscaler backed by Nvidia')"
    if _REDUCED_RELATIVE.search(before):
        return "background: what it already does"
    m = _COMMENTARY.search(masked)
    if m:
        return f"commentary '{m.group()}'"
    m = _NO_MORE.search(masked, max(0, trig_start - 40), min(len(masked), trig_end + 30))
    if m:
        # "has no plans to invest further in OpenAI" (h11-0089), "no plans to sell more
        # T-Mobile shares" (h11-0111): a statement of no change, not a denied deal.
        return f"negated '{m.group()}'"
    if not denial(masked):
        # Negation in the trigger's own clause only
        # (dev-0202 "would not pursue X, instead expanding").
        near = re.split(r"[,;]", before[-NEGATION_WINDOW_CHARS:])[-1]
        m = NEGATION.search(near)
        if m:
            return f"negated '{m.group()}'"
    # "HPE's pending deal for Juniper" (h11-0112) is a nominal like "HPE's takeover of".
    # "Jefferies says BBVA offer for Sabadell likely to fall short" (h14-0039) too.
    if typ in ("acquisition", "investment") and re.match(
        r"(?:acquisition|purchase|takeover|buyout|investment|deal for|offer for|bid for)\b", trigger
    ):
        m = _BARE_NOMINAL.search(before)
        starts = bool(m) and re.match(r"^\ue000\d+\ue001$", before[: m.start() + 1].strip())  # type: ignore[union-attr]
        if (
            m
            and not starts
            and not _CHANGE_VERB.search(before[-60:] + " " + masked[trig_end : trig_end + 40])
        ):
            return "background nominal: no verb of change"
    if _ANY_DEAL.search(trigger):
        return "hypothetical 'any'"
    if typ in ("acquisition", "investment"):
        m = _FAILED_AFTER.match(masked, trig_end)
        if m:
            return f"called off '{m.group().strip()}'"
        m = REGULATOR.search(before)
        if m:
            return f"regulator/court '{m.group()}'"
        m = CALLED_OFF.search(before[-60:] + " " + trigger)
        if m:
            return f"called off '{m.group()}'"
    return ""


def sentence_denial(
    sentences: Sequence[Sentence], reports: list[tuple[int, Event]]
) -> list[tuple[int, Event]]:
    """'CoreWeave denied the report.' (dev-0108): a party's later denial covers earlier reports."""
    out = list(reports)
    for n, sent in enumerate(sentences):
        if any(k == n for k, _ in reports) or not denial(sent.masked):
            continue
        names = {o.name for o in sent.orgs}
        for j, (k, ev) in enumerate(out):
            if k < n and ev.certainty != "denied" and names & {p.name for p in ev.parties}:
                out[j] = (
                    k,
                    replace(ev, certainty="denied", evidence=ev.evidence + "; later denied"),
                )
    return out


# Anonymous sourcing only: "citing a document" or "said in a filing" is firm (dev-0432, dev-0471).
_SOURCED = re.compile(
    r"\b(?:people (?:familiar|with knowledge|close|briefed)|persons? (?:familiar|briefed)|"
    r"familiar with the|sources? (?:said|say|says|told|familiar|close|with knowledge)|"
    r"(?:according to|citing) (?:[\w-]+ ){0,3}?(?:sources|people|insiders|a person)|"
    r"[-–—,] sources? (?:say|said)?|reportedly|said to|is said|are said)\b"
    # holdout-0042 "..., Handelsblatt reported.": a newspaper's report closes the sentence.
    r"|\breported\W*$"
)
# "ends plan to co-develop" ends a plan: its "plan" is not intent (holdout-0111, holdout-0160).
_ENDED_PLAN = re.compile(
    r"\b((?:end|scrap|drop|abandon|shelv|cancel|halt|stop)\w*\s+(?:a |the |its |their )?"
    r"(?:[\w\ue002\ue001-]+\s+)?)plans?\b"
)


# Wire headlines cite another outlet's scoop in their short form ("- Nikkei", "- WSJ");
# news-search titles end in the publisher's own name ("- The Wall Street Journal",
# "- Nikkei Asia", "- Reuters"), an echo that is not a source, so only the short forms count.
_SOURCE_TAIL = re.compile(
    r"\s[-–—]\s+(?:WSJ|FT|Nikkei|Bloomberg News|Handelsblatt|Yonhap|Kyodo|Les Echos|Il Sole 24 Ore|"
    r"Sky News|Semafor|NYT|Dow Jones|Caixin|Globes|Calcalist|Spiegel|Der Spiegel|Nikkei Asian "
    r"Review|Korea Economic Daily|Economic Times|Mint|Bild|La Repubblica|Expansion|Mainichi|"
    r"Yomiuri|Asahi|report|media)\s*$"
)


def sourced_reports(
    sentences: Sequence[Sentence], reports: list[tuple[int, Event]]
) -> list[tuple[int, Event]]:
    """A story sourced to people familiar is speculative even where the headline says 'signs'.

    dev-0027, dev-0388, dev-0490: "X signs cloud deal with Y" over a lede that
    ends "people familiar with the matter said". The attribution must be in a
    sentence that names one of the event's parties.
    """
    out = list(reports)
    for sent in sentences:
        if sent.headline and _SOURCE_TAIL.search(sent.text):
            # "Toyota to end IOC sponsorship after Paris Games - Nikkei" (h7-0097): another
            # outlet's report. parse.py has already cut a news-search feed's own outlet echo.
            names = {o.name for o in sent.orgs}
            out = [
                (k, replace(ev, certainty="speculative", evidence=ev.evidence + "; sourced"))
                if ev.certainty == "confirmed" and names & {p.name for p in ev.parties}
                else (k, ev)
                for k, ev in out
            ]
            continue
        if (
            not _SOURCED.search(sent.masked)
            or denial(sent.masked)
            or _PARTIES_CONFIRMED.search(sent.masked)
        ):
            continue
        names = {o.name for o in sent.orgs}
        for j, (k, ev) in enumerate(out):
            if ev.certainty == "confirmed" and names & {p.name for p in ev.parties}:
                out[j] = (
                    k,
                    replace(ev, certainty="speculative", evidence=ev.evidence + "; sourced"),
                )
    return out
