"""Turn an article's text into masked sentences the rules can read.

Each sentence (the headline is its own) becomes a lowercase string in which
every organisation is ORG<i> and every amount AMT<i>, so the patterns in
bot/detect_lexicon.py say "X acquires Y" once instead of for every name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.detect_lexicon import AMT, END, ORG, PERSON
from bot.detect_people import people
from bot.detect_places import PLACES
from bot.models import HEADLINE_SEPARATOR, Mention
from bot.orgs import Org, find_orgs, same_in_parentheses

# Wire prefixes and datelines that are not part of the sentence
# (dev-0007 "UPDATE 2-", "SAN FRANCISCO, Jan 9 (Reuters) - ").
_PREFIX = re.compile(
    r"^\s*(?:(?:exclusive|update\s*\d*|refile|brief|corrected|breaking|analysis|insight|"
    r"wrapup\s*\d*|"
    r"focus|timeline|factbox)\s*[-:–—|]\s*)+",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z0-9 .,/'-]{1,40})?\((?:Reuters|Bloomberg|AP|AFP|Dow Jones|[A-Z][A-Za-z ]"
    r"{1,19})\)\s*[-–—]+\s*"
)
# Press-release datelines: "PRINCETON, N.J., Jan. 3, 2019 /PRNewswire/ --" (h7-0004),
# "SAN JOSE, Calif.--(BUSINESS WIRE)--", "... /GLOBE NEWSWIRE/ --".
_RELEASE_DATELINE = re.compile(
    r"^.{0,160}?(?:/\s*(?:PR ?Newswire|Business ?Wire|BUSINESS WIRE|GLOBE NEWSWIRE|Globe Newswire|"
    r"ACCESSWIRE|EINPresswire|PRNewswire-FirstCall)\s*/\s*[-–—]+|[-–—]+\s*\((?:BUSINESS WIRE|"
    r"Business Wire|GLOBE NEWSWIRE|PRNewswire)\)\s*[-–—]+)\s*"
)
# Tickers after a name: "(NVDA.O)", "(NASDAQ: NVDA)", "(7203.T)", "[NYSE: BA]" (h7-0075);
# blanked like the dateline.
_TICKER = re.compile(
    r"\s[(\[](?:(?:NASDAQ|Nasdaq|NYSE|NYSE American|LSE|TSX|TSE|HKEX|HKG|SGX|ASX|BSE|NSE|SIX|"
    r"OTC|OTCQX|Euronext|XETRA|ETR|EPA|FRA|TYO|KRX|SHA|SHE)\s*:\s*)?[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?[)\]]"
)
_ABBREV = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|Bros|Cos|Jr|Sr|St|Mr|Ms|Mrs|Dr|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|approx|est)|\b[A-Z]|\b[A-Z]\.[A-Z])\.$"
)
# Amounts as written: "$14.3 billion", "$14.3bn", "1.3 billion euros", "49%", "$100M".
AMOUNT = re.compile(
    r"(?:(?:US|C|A|HK|S)?[$€£¥]\s?\d[\d,.]*(?:\s?(?:billion|million|trillion|bn|bln|mln|m|b|k)\b)?"
    r"|\d[\d,.]*\s?(?:billion|million|trillion|bn|bln|mln)(?:\s(?:euros?|dollars?|pounds?|yen|"
    r"yuan|francs?|rupees|won|crowns))?"
    r"|\d[\d,.]*\s?(?:%|percent\b|per cent\b))",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_PLACE_POSSESSIVE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
    + r")'s (?=\ue000)"
)


@dataclass(frozen=True)
class Sentence:
    text: str  # the original sentence
    masked: str  # lowercase, names and amounts replaced by placeholders
    orgs: tuple[Org, ...]  # index i is ORG<i> in masked
    amounts: tuple[str, ...]  # index i is AMT<i>
    headline: bool


def split_sentences(text: str) -> list[tuple[int, str, bool]]:
    """(offset, sentence, is_headline); the headline is the part before the blank line."""
    out: list[tuple[int, str, bool]] = []
    head, sep, body = text.partition(HEADLINE_SEPARATOR)
    if sep:
        out.append((0, head, True))
        base = len(head) + len(sep)
    else:
        # A lone text is a headline when short and without a final period.
        lone = text.strip()
        if len(lone) < 160 and not lone.endswith("."):
            return [(0, text, True)]
        body, base = text, 0
    start = 0
    for m in re.finditer(r"[.!?][\"'’”)]?\s+(?=[A-Z\"'“‘(])", body):
        if _ABBREV.search(body[max(0, m.start() - 6) : m.start() + 1]):
            continue
        out.append((base + start, body[start : m.end()], False))
        start = m.end()
    if body[start:].strip():
        out.append((base + start, body[start:], False))
    return out


def _clean(sentence: str) -> str:
    """Blank out wire prefixes, datelines and tickers, keeping offsets."""
    for pat in (_PREFIX, _DATELINE, _RELEASE_DATELINE):
        m = pat.match(sentence)
        if m:
            sentence = " " * m.end() + sentence[m.end() :]
    return _TICKER.sub(lambda t: " " * len(t.group()), sentence)


def mask_sentence(
    text: str,
    offset: int,
    headline: bool,
    mentions: Sequence[Mention],
    known_people: frozenset[str] = frozenset(),
) -> Sentence:
    clean = _clean(text)
    # Offsets are the same in text and clean; the parentheses are only in text.
    orgs = same_in_parentheses(text, find_orgs(clean, offset, mentions, known_people))
    # A mention's surface may hold the possessive ("Tesco's"); keep "'s" in the masked
    # text so "buy <Tesco>'s banking business" reads as a unit sale (dev-0157).
    # Not when the name itself ends so: "Lowe's says" (h3-0256), "McDonald's".
    spans: list[tuple[int, int, str]] = [
        (
            o.start,
            o.end - 2
            if clean[o.end - 2 : o.end] in ("'s", "’s") and not o.name.endswith(("'s", "’s"))
            else o.end,
            "o",
        )
        for o in orgs
    ]
    amounts: list[str] = []
    # Every amount holds a digit; most sentences have none (speed).
    for m in AMOUNT.finditer(clean) if _DIGIT.search(clean) else ():
        if not any(m.start() < e and s < m.end() for s, e, _ in spans):
            spans.append((m.start(), m.end(), "a"))
    for name in sorted(known_people, key=len, reverse=True):  # "Jensen Huang" before "Huang"
        for m in re.finditer(rf"\b{re.escape(name)}\b", clean):
            if not any(m.start() < e and s < m.end() for s, e, _ in spans):
                spans.append((m.start(), m.end(), "p"))
    spans.sort()
    parts: list[str] = []
    pos = 0
    oi = 0
    kept: list[Org] = []
    for s, e, kind in spans:
        parts.append(clean[pos:s].lower())
        if kind == "o":
            parts.append(f"{ORG}{oi}{END}")
            kept.append(orgs[[o.start for o in orgs].index(s)])
            oi += 1
        elif kind == "p":
            parts.append(PERSON)
        else:
            parts.append(f"{AMT}{len(amounts)}{END}")
            amounts.append(clean[s:e])
        pos = e
    parts.append(clean[pos:].lower())
    masked = re.sub(r"\s+", " ", "".join(parts)).replace("’", "'").strip()
    if "'s \ue000" in masked:
        # "Renault and China's Geely signed" (h10-0167), "licensed ... from China's Hansoh"
        # (h10-0032): a place's possessive before a name is where it is from, not who owns it.
        masked = _PLACE_POSSESSIVE.sub("", masked)
    return Sentence(text, masked, tuple(kept), tuple(amounts), headline)


def mask_text(text: str, mentions: Sequence[Mention]) -> list[Sentence]:
    known = people(text)  # "Jeff Bezos" in the lede makes the headline's "Bezos" a person
    return [mask_sentence(s, off, h, mentions, known) for off, s, h in split_sentences(text)]
