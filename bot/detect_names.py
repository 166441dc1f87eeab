"""Name-finder repairs: words that start, end or stand beside company names.

bot/orgs.py splits capitalised runs at stopwords. Some stopwords also begin
registered names ("Advanced Micro Devices" lost "Advanced" to "advanced talks"),
some words before a name only describe it ("defense tech startup Anduril",
"Abu Dhabi-based AI firm G42"), and a trailing "'s" may be the name itself
("Lowe's to buy"). Cases in tests/data/detect_cases.yaml ("name finder").
"""

from __future__ import annotations

import re
from typing import Final

# All-capital tokens are names ("TAP Air Portugal", "IBM"), except these.
CAPS_STOP: Final = frozenset(
    [
        "CEO",
        "CFO",
        "CTO",
        "COO",
        "US",
        "UK",
        "EU",
        "AI",
        "IPO",
        "ETF",
        "GDP",
        "EV",
        "EVS",
        "UPDATE",
        "EXCLUSIVE",
        "BRIEF",
        "REFILE",
        "FTC",
        "DOJ",
        "SEC",
        "CMA",
    ]
)
# Adjectives that are stopwords for the rules yet open many registered names
# ("Advanced Micro Devices", "United Airlines"); kept when a
# name word follows them inside the same capitalised run (end-to-end duplicates).
NAME_OPENERS: Final = frozenset(
    {
        "advanced",
        "united",
        "general",
        "applied",
        "national",
        "international",
        "global",
        "founders",
        "first",
    }
)
# A country's short form opening an institution's or company's name ("US Postal Service",
# "U.S. Army", "US Steel"; h3-0101, h4-0156, dev-0420): kept when a name word follows.
NATIONAL_PREFIXES: Final = frozenset({"us", "u.s.", "uk", "u.k."})
# A nationality adjective opens a company's name when one of these follows it in the
# same capitalised run: "American Airlines" (h5-0115), "British Airways", "American
# Express", "Korean Air", "Canadian Solar". A title-case "German Banks" stays no name.
NATIONALITIES: Final = frozenset(
    {
        "american",
        "british",
        "korean",
        "canadian",
        "swiss",
        "japan",
        "china",
        "indian",
        "australian",
        "german",
        "french",
        "italian",
        "spanish",
        "dutch",
        "irish",
        "saudi",
        "emirati",
        "turkish",
        "thai",
        "singaporean",
        "malaysian",
        "brazilian",
        "mexican",
    }
)
NATION_CLOSERS: Final = frozenset(
    {
        "airlines",
        "airways",
        "air",
        "express",
        "tower",
        "steel",
        "solar",
        "electric",
        "water",
        "telecom",
        "railways",
        "re",
        "eagle",
        "outfitters",
        "financial",
        "standard",
    }
)
# Words that close many official names and are stopwords alone ("Postal Service",
# "Anglo American", h4-0141).
NAME_CLOSERS: Final = frozenset({"service", "services", "fund", "funds", "bank", "american"})
# A job title inside a run: what follows is a person ("Netflix Co-CEO Sarandos").
TITLE_TOKEN: Final = re.compile(
    r"(?:co-)?(?:ceo|cfo|cto|coo|chief|founder|chair(?:man|woman)?|president)s?", re.I
)
# A run followed by one of these kinds and then a name only describes that name:
# "defense tech startup Anduril", "AI firm G42" (kinds a real company rarely
# precedes; "Nvidia rival AMD", "Apple supplier Foxconn" keep their first name).
# "ChatGPT maker OpenAI", "TikTok owner ByteDance", "USDC issuer Circle" (h4-0195),
# "Lloyd's of London underwriter Beazley" (h4-0175): the first name is a product or a
# market the second makes, owns or serves.
# The kind word in any case, the name after it capitalised: "Campbell Soup Company today
# announced" (h10-0035) is a company, "AI firm G42" a description.
_KIND_THEN_NAME: Final = re.compile(
    r"^\s+(?i:startup|start-up|firm|company|maker|developer|specialist|unicorn|outfit|"
    r"provider|operator|issuer|owner|parent|underwriter|insurer|lender|brewer|miner|"
    r"retailer|chipmaker|automaker|carmaker|drugmaker|manufacturer|producer|designer)\s+[A-Z0-9]"
)
# A power site named after a place is no company ("restart Three Mile Island reactor",
# h4-0054); sites that are sold (refineries, mines) stay names, so the sale of an asset is
# still read as one (h3-0017).
_FACILITY_AFTER: Final = re.compile(
    r"^\s+(?:nuclear\s+)?(?:reactors?|power station|nuclear plant)\b",
    re.I,
)
# "Abu Dhabi-based AI firm", "the AI-driven drug discovery company" (h4-0102): adjectives.
_PLACE_BASED: Final = re.compile(
    r"-(?:based|driven|powered|focused|listed|owned|born|made|linked|native|enabled|centric)\b",
    re.I,
)
# Title Case words that name goods or sectors, not a company, when alone ("Power", "Farms").
_GENERIC_ALONE: Final = frozenset(
    {
        "power",
        "energy",
        "cloud",
        "farms",
        "foods",
        "games",
        "music",
        "software",
        "capital",
        "technology",
        "technologies",
        "systems",
        "solutions",
        "platforms",
        "labs",
        "devices",
        "payments",
        "agents",
        "networks",
        "brands",
        "motors",
        "airlines",
        "pharma",
        "card",
    }
)
# After a name, words that show its "'s" is not a possessive ("Lowe's to buy",
# "McDonald's said"): a verb, a conjunction or the end of the clause follows.
_NOT_POSSESSED: Final = re.compile(
    r"^(?:\s+(?:to|said|says|and|is|has|had|was|will|would|agreed|agrees|inc|corp|with|for|"
    r"from|after|over|at)\b"
    r"|\s*[,.;:)]|\s*$)",
    re.I,
)


def only_describes(name: str, after: str) -> bool:
    """The name is a descriptor of the name after it, or a generic word alone."""
    if _PLACE_BASED.search(name):
        return True
    if " " not in name and name.lower() in _GENERIC_ALONE:
        return True
    return _KIND_THEN_NAME.match(after) is not None or _FACILITY_AFTER.match(after) is not None


def keeps_possessive(after: str) -> bool:
    """The "'s" just before `after` belongs to the name ("Lowe's to buy")."""
    return _NOT_POSSESSED.match(after) is not None
