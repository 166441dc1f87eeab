"""Find organisation names in a sentence: watched mentions first, then capitalised runs.

Unwatched names matter twice: they are the counterparties an alert names
("Meta invests in Scale AI" with only Scale AI watched), and they stop a watched
company that is merely nearby from being taken for a party. Title-case headlines
capitalise every word, so a run of capitals is split at stopwords (articles,
triggers, headline vocabulary, months) and needs one non-weak word to count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.detect_names import CAPS_STOP as _CAPS_STOP
from bot.detect_names import (
    NAME_CLOSERS,
    NAME_OPENERS,
    NATION_CLOSERS,
    NATIONAL_PREFIXES,
    NATIONALITIES,
    TITLE_TOKEN,
    keeps_possessive,
    only_describes,
)
from bot.detect_people import is_person, is_product, not_a_party
from bot.detect_places import PLACES
from bot.detect_rules import RULES
from bot.detect_words import (
    DENIED,
    DESCRIPTOR,
    LEGAL_SUFFIX,
    SPECULATIVE,
    STOPWORDS,
    WEAK_NAME_WORDS,
)
from bot.models import Mention

# Every word the rules read is a stopword for names too, so title case
# ("Stripe Said to Hold Talks to Acquire Bridge", dev-0059) splits at them.
_RULE_WORDS = frozenset(
    w
    for pat in [r.pattern for r in RULES] + [SPECULATIVE.pattern, DENIED.pattern]
    for w in re.findall(r"[a-z]{4,}", pat.replace("\\b", " ").replace("\\s", " "))
)
# Words the rules only mention in exclusions, and which start many names.
_NAME_WORDS = frozenset(
    {
        "management",
        "strategy",
        "proposal",
        "exchange",
        "stock",
        "cash",
        "power",
        "cloud",
        "capital",
        "plan",
        "technology",
        "technologies",
        "systems",
        "solutions",
        "software",
        "games",
        "music",
        "energy",
        "entertainment",
        "networks",
        "pharma",
        "therapeutics",
        "brands",
        "foods",
        "motors",
        "airlines",
        "platforms",
        "labs",
        "devices",
        "semiconductor",
    }
)
# Goods named by the press rules (bot/detect_press.py) that end many names ("Vortex Payments").
_NAME_WORDS |= {"payments", "agents", "aircraft", "equipment", "components", "satellites"}
_NAME_WORDS |= {"rockets", "turbines", "tools", "gear"}
# Nouns the 2026-11-26 rules name only in lookaheads, which company names hold ("The Cheesecake
# Factory", "Tower Semiconductor", "Taiwan Semiconductor Manufacturing", "Penguin Publishing").
_NAME_WORDS |= {
    "factory", "campus", "facility", "site", "base", "list", "panel", "hardware",
    "distribution", "publishing", "semiconductors", "semiconductor", "manufacturing",
    "manufacturer", "manufactures", "utilities", "utility", "videos", "movies", "films",
    "cameras", "options", "terms", "issue", "placement", "carriage", "healthy", "robust",
    "partial", "preferred", "outside", "following", "reseller", "bottler", "licensee",
    "smartphones", "ship", "plants", "rise", "surge", "rally", "spike", "soar", "climb",
    "alternatives", "study", "roster", "hiatus", "absence", "stores", "store", "sites",
    "common", "issues", "strip", "cent", "newly", "shareholding",
}  # fmt: skip
STOP: frozenset[str] = STOPWORDS | (_RULE_WORDS - _NAME_WORDS)
# A capitalised run after one of these is a person ("Ryanair boss Michael O'Leary", dev-0185).
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:ceo|boss|founder|co-founder|chairman|chairwoman|chair|president|analyst|secretary|"
    r"minister|"
    r"executive|director|head|spokesperson|spokesman|spokeswoman|billionaire|researcher|investor|"
    r"mr|ms|dr|"
    r"chief|officer|businessman|businesswoman|entrepreneur|rapper|singer|actor|judge|senator)\s+)$"
)


@dataclass(frozen=True)
class Org:
    start: int  # offsets into the text given to find_orgs
    end: int
    name: str  # canonical when watched, else as written and trimmed
    watched: bool


# A name token: "Nvidia", "U.S.", "AT&T", "xAI", "eBay", "3M", "Warner Bros.".
# "A+E Networks": a plus inside a name, before a capital ("Disney+" ends at the plus).
_TOKEN = re.compile(
    r"(?:[A-Z](?:[\w&.'’\-/]|\+(?=[A-Z]))*|[a-z]+[A-Z][\w\-]*|\d+[A-Z][\w\-]*|\d+[a-z]{4,}\w*)"
)
# A name starts at a word's start: "ironSource" is one name, not "on" + "Source" (h12-0102).
_RUN = re.compile(rf"(?<!\w){_TOKEN.pattern}(?:(?: | & | of | de | und ){_TOKEN.pattern})*")
# Title-case market jargon, never a company: "SoftBank Sells T-Mobile Shares in $4.8 Billion
# Block Trade" (h10-0183).
_MARKET_TERMS = frozenset(
    {"block trade", "block sale", "block deal", "share sale", "stock sale", "rights issue",
     "tender offer", "share buyback", "stock buyback", "secondary offering", "ipo",
     "class a", "class b", "class c"}
)  # fmt: skip
# The outlet a news-search headline ends with, after a dash.
_DASH_BEFORE = re.compile(r"\s[-–—|]\s+$")
_MODEL_CODE = re.compile(r"[A-Z]{1,3}-?\d{2,4}[A-Za-z]{0,4}$")
_MODEL_NOUN_AFTER = re.compile(
    r"\s+(?:jets?|aircraft|planes?|airliners?|helicopters?|engines?|chips?|gpus?|processors?|"
    r"cars?|vehicles?|trucks?|trains?|locomotives?|phones?|satellites?|rockets?|reactors?|"
    r"drones?|tanks?|missiles?|fighters?|turbines?)\b"
)
_AMOUNT_BEFORE = re.compile(r"(?:[$€£¥]|\d[.,])$")
_ABBREV_DOT = re.compile(r"^(?:[A-Z]\.)+$|^(?:Inc|Corp|Co|Ltd|Bros|Cos|Jr|Sr|St)\.$")
_POSSESSIVE = re.compile(r"['’]s?$")


_AGENCY = re.compile(
    r"\b(?:U\.S\.\s+)?(?:Department|Ministry|Bureau|Office) of (?:the )?[A-Z][\w]+(?:(?: and|"
    r" of)? [A-Z][\w]+)*"
)
_GOVERNMENT = re.compile(r"\b(?:U\.S\.|US|UK|EU|[A-Z][a-z]+(?:an|ese|ish|ch|i)) government\b")

# A title-case participle clause is no name: "IBM to Acquire Red Hat, Completely Changing
# The Cloud Landscape" (h6-0064), "..., Effectively Ending Its Alliance".
_TITLE_PARTICIPLE = re.compile(r"[A-Z][a-z]+ly [A-Z][a-z]+ing\b")

_TITLE_VERB_TAIL = re.compile(r" (?:Partners|Teams|Works|Collaborates|Merges|Splits)$")
_WITH_AFTER = re.compile(r" (?:With|Up With|On|To) ")

_MAKER_AFTER = re.compile(r"\s+(?:maker|makers|developer|creator|publisher|owner)\b(?!\s+[A-Z])")

# Compiled once: these run for every capitalised run of every sentence.
_ARTICLE = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+")
_NONSPACE = re.compile(r"\S+")
_TRAILING_JOIN = re.compile(r"(?: (?:&|of|de|und))+$")
_SUFFIX_AFTER = re.compile(
    r"(?:,?\s+(?:Inc\.?|Corp\.?|Co\.?|Ltd\.?|LLC|PLC|AG|SA|NV|SE|A/S|Group|Holdings|"
    r"Platforms|Motor|Motors)(?![\w]))+"
)
# Words without which _AGENCY and _GOVERNMENT cannot match: a cheap test first (speed).
_AGENCY_WORDS = ("Department of ", "Ministry of ", "Bureau of ", "Office of ")


def _clean_token(tok: str) -> str:
    """Drop sentence punctuation but keep the dot of "Inc." and "U.S."."""
    tok = _POSSESSIVE.sub("", tok)
    if tok.endswith(".") and not _ABBREV_DOT.match(tok):
        tok = tok.rstrip(".")
    return tok.rstrip(",:;!?'’\"")


def _stem_stop(low: str) -> bool:
    if low in STOP:
        return True
    for suffix in ("s", "es", "d", "ed", "ing"):
        # Stems of four letters or more: "Mars" is not "mar" + s (dev-0194).
        if low.endswith(suffix) and len(low) - len(suffix) >= 4 and low[: -len(suffix)] in STOP:
            return True
    if low + "s" in STOP or low + "es" in STOP:  # "Mull" in title case; the rule says "mulls?"
        return True
    return low.endswith("ing") and low[:-3] + "e" in STOP


@lru_cache(maxsize=8192)
def _kind(tok: str) -> str:
    clean = _clean_token(tok)
    low = clean.lower()
    if len(clean) >= 2 and clean.isupper() and clean.isalpha() and clean not in _CAPS_STOP:
        return "name"
    if low in WEAK_NAME_WORDS or low.rstrip(".") in WEAK_NAME_WORDS:
        return "weak"
    if _stem_stop(low) or _stem_stop(low.rstrip(".")) or DESCRIPTOR.fullmatch(low):
        return "stop"
    if low in WEAK_NAME_WORDS or low.rstrip(".") in WEAK_NAME_WORDS:
        return "weak"
    return "name"


@lru_cache(maxsize=8192)
def _token(tok: str) -> tuple[str, str, bool]:
    """Kind, cleaned lowercase form, job title? (speed: tokens recur; read each once)."""
    low = _clean_token(tok).lower()
    return _kind(tok), low, bool(TITLE_TOKEN.fullmatch(low)) and low not in NAME_OPENERS


def trim_name(name: str) -> str:
    """'Meta Platforms Inc's' -> 'Meta Platforms'; 'the Apple Card' -> 'Apple Card'."""
    name = _POSSESSIVE.sub("", name.strip().rstrip(",.;:"))
    name = _ARTICLE.sub("", name)
    trimmed = LEGAL_SUFFIX.sub("", name).strip().rstrip(",")
    trimmed = _TRAILING_JOIN.sub("", trimmed)  # "Merck & Co" -> "Merck" (h13-0058)
    return trimmed or name


def same_in_parentheses(text: str, orgs: list[Org]) -> list[Org]:
    """ "Contemporary Amperex Technology (CATL)" is one company: the watched short form
    names the long one too (h7-0062)."""
    out = list(orgs)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if (
            b.watched
            and not a.watched
            and _PAREN_OPEN.fullmatch(text[a.end : b.start])
            and text[b.end : b.end + 1] == ")"
        ):
            out[k] = Org(a.start, a.end, b.name, True)
    return out


_PAREN_OPEN = re.compile(r"(?:,? (?:Inc|Co|Ltd|Corp|Limited|plc|PLC|AG|SA)\.?)?\s*\(\s*")


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one capitalised run at stopwords; keep parts with a real name word."""
    parts: list[tuple[int, int]] = []
    cur: list[tuple[int, int, str]] = []

    def flush() -> None:
        while cur and cur[-1][2] == "stop":
            cur.pop()
        if any(k == "name" for _, _, k in cur):
            parts.append((cur[0][0], cur[-1][1]))
        cur.clear()

    toks = list(_NONSPACE.finditer(text[start:end]))
    for k, m in enumerate(toks):
        tok = m.group()
        s, e = start + m.start(), start + m.end()
        if tok in ("&", "of", "de", "und"):
            if cur:
                cur.append((s, e, "stop" if tok != "&" else "join"))
            continue
        kind, low, title = _token(tok)
        if kind == "stop":
            nxt = toks[k + 1].group() if k + 1 < len(toks) else ""
            if cur and LEGAL_SUFFIX.match(" " + _clean_token(nxt)):
                kind = "name"  # "Meta Platforms Inc": a descriptor word inside a registered name
            elif low in NAME_OPENERS and nxt:
                # "Advanced Micro Devices", "Founders Fund" (bot/detect_names.py)
                closer = _clean_token(nxt).lower() in NAME_CLOSERS
                kind = "name" if closer else "weak" if _kind(nxt) == "name" else kind
            elif low in NATIONALITIES and _clean_token(nxt).lower() in NATION_CLOSERS:
                kind = "name"  # "American Airlines", "British Airways"
            elif low in NATIONAL_PREFIXES and not cur and _kind(nxt) == "name":
                kind = "weak"
            elif low in ("us", "uk") and tok.isupper() and cur and cur[-1][2] == "name":
                kind = "name"  # "T-Mobile US and Sprint agreed to merge" (h8-0107)
            elif low in NAME_CLOSERS and any(k == "name" for *_, k in cur):
                kind = "name"
        if title:
            kind = "stop"  # "Netflix Co-CEO Sarandos": a person follows the title
        if kind == "stop":
            flush()
            continue
        cur.append((s, e, kind))
        if tok.endswith(("'s", "’s", "s'", "s’")):
            flush()
    flush()
    # A trailing "of"/"&" piece must not end a name.
    out = []
    for s, e in parts:
        seg = text[s:e]
        seg2 = _TRAILING_JOIN.sub("", seg)
        out.append((s, s + len(seg2)))
    return out


def _trim_end(text: str, s: int, e: int) -> int:
    """End of the name proper: no trailing punctuation or possessive "'s"."""
    while e > s:
        last = text[s:e].split(" ")[-1]
        if last.endswith(("'s", "’s")):
            e -= 2
        elif (
            last.endswith(("s'", "s’"))
            or text[e - 1] in ",;:!?\")’'"
            or (text[e - 1] == "." and not _ABBREV_DOT.match(last))
        ):
            e -= 1
        else:
            break
    return e


def find_orgs(
    text: str, offset: int, mentions: Sequence[Mention], known_people: frozenset[str] = frozenset()
) -> list[Org]:
    """Organisations in text (a slice of the article starting at offset), in order.

    known_people: names of people in the whole article (bot/detect_people.py).
    """
    orgs: list[Org] = []
    taken: list[tuple[int, int]] = []
    end_all = offset + len(text)
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start < offset or m.end > end_all:
            continue
        s, e = m.start - offset, m.end - offset
        if any(s < te and ts < e for ts, te in taken):
            continue
        # Absorb legal suffixes written after a watched name ("Snowflake Inc said").
        tail = _SUFFIX_AFTER.match(text, e)
        if tail:
            e = tail.end()
        taken.append((s, e))
        orgs.append(Org(s, e, m.entity, True))
    for g in (
        _AGENCY.finditer(text) if any(w in text for w in _AGENCY_WORDS) else ()
    ):  # "the U.S. Department of Health and Human Services"
        if not any(g.start() < te and ts < g.end() for ts, te in taken):
            taken.append((g.start(), g.end()))
            orgs.append(Org(g.start(), g.end(), g.group(), False))
    for run in _RUN.finditer(text):
        if any(ts <= run.start() and run.end() <= te for ts, te in taken):
            continue  # a watched name already: every part would overlap it (speed, bench)
        if trim_name(run.group()).lower() in PLACES:
            continue  # "the United States" before the stem rules split it
        run_start = run.start()
        if _AMOUNT_BEFORE.search(text, max(0, run_start - 2), run_start):
            # "$675M", "$2.6B": an amount (bot/detect_mask.py), not a name; in a title-case
            # "Raises $6B From Nvidia And AMD" the names after it still count.
            space = text.find(" ", run_start, run.end())
            if space < 0:
                continue
            run_start = space + 1
        for s, e in _split_run(text, run_start, run.end()):
            e = _trim_end(text, s, e)
            verb = _TITLE_VERB_TAIL.search(text, s, e)
            if verb and _WITH_AFTER.match(text, e):
                e = verb.start()  # "Ford Partners With SK On": the verb of a title-case headline
            owned = text[e : e + 2] in ("'s", "’s") and keeps_possessive(text[e + 2 : e + 30])
            if any(s < te and ts < e for ts, te in taken):
                continue
            name = trim_name(text[s:e]) + (text[e : e + 2] if owned else "")
            e += 2 if owned else 0
            if only_describes(name, text[e : e + 30]) or _TITLE_PARTICIPLE.match(name):
                continue
            before = text[max(0, s - 30) : s].lower()
            if _PERSON_BEFORE.search(before) or before.endswith("series "):
                continue
            if _DASH_BEFORE.search(before) and not text[e:].strip(" .'\"”’"):
                continue  # "... raises $8 billion across new funds - TechCrunch" (h14-0081)
            if before.endswith("the ") and _MAKER_AFTER.match(text, e):
                continue  # "work with the Fortnite maker" (h6-0065): a company by its product
            low = name.lower()
            if not name or low in PLACES or low in STOPWORDS or low in _MARKET_TERMS:
                continue
            if _MODEL_CODE.match(name) and _MODEL_NOUN_AFTER.match(text, e):
                continue  # "a firm order for 50 E175 jets" (h12-0141): a model, not a maker
            if is_person(name, text[e : e + 20], known_people) or not_a_party(
                name, before, text[e : e + 20]
            ):
                continue
            # "Chart Industries, Inc. (NYSE: GTLS) and Flowserve" (h11-0044): the legal form
            # belongs to the name, so "and" still joins the two.
            tail = _SUFFIX_AFTER.match(text, e)
            if tail and "," in tail.group():
                e = tail.end()
            taken.append((s, e))
            orgs.append(Org(s, e, name, False))
    # Governments are counterparties too ("The U.S. government will take a 9.9% stake", dev-0358).
    for g in _GOVERNMENT.finditer(text) if " government" in text else ():
        if not any(g.start() < te and ts < g.end() for ts, te in taken):
            taken.append((g.start(), g.end()))
            orgs.append(Org(g.start(), g.end(), g.group(), False))
    orgs.sort(key=lambda o: o.start)
    return [
        o
        for k, o in enumerate(orgs)
        if not (k and not o.watched and is_product(text, orgs[k - 1].end, o.start, o.end))
    ]
