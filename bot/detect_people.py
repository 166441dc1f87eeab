"""People and products are not parties: only organisations invest, buy or partner.

"Bezos sells $5 billion of Amazon stock" (dev-0485) and "the Persson family
raised its holding in H&M" are insiders' trades, not company events (brief for
issue 4, false alerts). A capitalised run is a person when "family" or "heirs"
follow it, when a title introduces it ("founder Jeff Bezos"), or when it is a
given name and a surname whose surname the text also uses alone.
"""

from __future__ import annotations

import re
from typing import Final

# Common given names in business news; a name here plus a surname is a person.
_FIRST_TEXT = """
aaron adam adrian ahmed alan albert alex alexander alexandr alexis ali alice alisha amanda amy
ana andrea andreas andrew andy angela ann anna anne anthony antonio arthur ashley barbara ben
benjamin bernard bill bob brad brandon brian bruce carl carlos carol caroline catherine charlie
chris christina christine christopher claire colin craig dan daniel danielle darren dave david
dennis diana diane donald doug douglas ed eddie edward elena elizabeth elon emily emma eric erik
eva frank fred gary george gina gordon greg gregory hans harry helen henry howard hugh ian isabel
jack jacob james jamie jan jane janet jason jay jean jeff jeffrey jennifer jensen jeremy jerome
jerry jessica jim jimmy joe johan john jon jonathan jordan jorge jose joseph josh joshua juan
judy julia julian julie justin karen kate katherine kathy keith kelly ken kenneth kevin kim
klaus kyle larry laura lauren lee leo linda lisa lucas luis marc marco margaret maria mark
martin mary masayoshi matt matthew max megan michael michel michelle mike mohammed mukesh nancy
natalie nathan neil nicholas nick nicole noah oliver olivia pat patrick paul peter philip
pierre rachel rahul ralph raj rajesh ray rebecca richard rick rob robert roberto robin roger
ron ronald ruth ryan sam samuel sandra sarah satya scott sean sebastian sergey shawn simon
stefan stephanie stephen steve steven sundar susan thomas tim timothy tom tony travis victor
vincent walter warren wendy william xavier yuri zach
"""
FIRST_NAMES: Final[frozenset[str]] = frozenset(_FIRST_TEXT.split())
# Companies named like people: a given name and a surname that is a firm.
_PERSON_FIRMS: Final[frozenset[str]] = frozenset(
    {
        "morgan stanley",
        "charles schwab",
        "edward jones",
        "john deere",
        "ralph lauren",
        "john lewis",
        "christian dior",
        "louis vuitton",
        "hugo boss",
        "tommy hilfiger",
        "calvin klein",
        "michael kors",
        "kate spade",
        "tory burch",
        "carl zeiss",
        "george weston",
        "william blair",
        "raymond james",
        "paul hastings",
        "jack henry",
        "henry schein",
        "lincoln electric",
        "jimmy choo",
        "victor chandler",
    }
)
_GIVEN_SURNAME = re.compile(r"\b([A-Z][a-z]+)\s+((?:[A-Z][a-z]+-)?[A-Z][a-z]+)\b(?!\s+&)")
# "the Persson family" is people; "the Arnault family holding" is a firm (dev-0261).
_FAMILY_AFTER = re.compile(
    r"^\s+(?:family|families|heirs?|clan|dynasty)\b(?!\s+(?:holding|office|trust|fund|firm|"
    r"company|investment|vehicle|foundation)s?\b)"
)
# Names introduced as people ("founder Jeff Bezos", "billionaire Elon Musk").
# "co-founders Noam Shazeer and Daniel De Freitas": the second of a pair is cued too, and
# so is a name a title follows ("Noam Shazeer, the startup's founder"); people are never
# acquisition targets (end-to-end "Google acquires Noam Shazeer").
_CUED = re.compile(
    r"\b(?:[Cc]hief [Ee]xecutive|CEO|[Ff]ounders?|[Cc]o-founders?|[Cc]hairman|[Cc]hairwoman|"
    r"[Bb]illionaire|[Bb]oss|[Ii]nvestor|[Pp]resident)\s+(?:[A-Z][a-z]+\s+[A-Z][a-z]+\s+and\s+)?"
    r"([A-Z][a-z]+)\s+([A-Z][a-z]+)\b"
    r"|\b([A-Z][a-z]+)\s+([A-Z][a-z]+),\s+(?:the\s+|a\s+|its\s+|\S+'s\s+)(?:[\w-]+\s+)?"
    r"(?:co-)?(?:founder|chief executive|ceo|chairman|president)\b"
)
# Every _CUED match holds one of these, lower-cased.
_CUE_WORDS = (
    "chief executive",
    "ceo",
    "founder",
    "chairman",
    "chairwoman",
    "billionaire",
    "boss",
    "investor",
    "president",
)
_PAIR_FIRST = re.compile(
    r"\b(?:[Ff]ounders|[Cc]o-founders)\s+([A-Z][a-z]+)\s+([A-Z][a-z]+)\s+and\b"
)


def people(text: str) -> frozenset[str]:
    """Full names and surnames of the people named in text.

    A given name and a surname is a person when the surname also stands alone
    (news calls people by surname on second mention: "Jeff Bezos" ... "Bezos"),
    which brands named after people ("Marc Jacobs", dev-0260) rarely do.
    """
    out: set[str] = set()
    low = text.lower()
    # The title words gate the two scans: most texts name no founder or chief (speed, bench).
    cued = _CUED.finditer(text) if any(w in low for w in _CUE_WORDS) else ()
    pairs = _PAIR_FIRST.finditer(text) if "founders " in low else ()
    for m in [*cued, *pairs]:
        given, surname = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out.update((f"{given} {surname}", surname))
    out.update(name for name in _FAMOUS if name in text)
    for m in _GIVEN_SURNAME.finditer(text):
        full, surname = m.group(), m.group(2)
        if m.group(1).lower() not in FIRST_NAMES or full.lower() in _PERSON_FIRMS:
            continue
        alone = re.search(rf"(?<!{m.group(1)} )\b{re.escape(surname)}\b(?!\s+[A-Z])", text)
        if alone:
            out.update((full, surname))
    return frozenset(out)


# Business people headlines name by surname alone, whose surnames are no company: "Musk
# sells $4 billion of Tesla shares" (h3-0082) is an insider's trade.
_FAMOUS: Final[frozenset[str]] = frozenset(
    {"Musk", "Bezos", "Zuckerberg", "Buffett", "Altman", "Nadella", "Pichai",
     "Dimon", "Ackman", "Icahn", "Soros", "Thiel"}
)  # fmt: skip


def is_person(name: str, after: str, known: frozenset[str]) -> bool:
    """A person, judged from the words after the name and the text's people.

    A common given name and one more word trading shares is a person too ("Jensen
    Huang sells $700 million of Nvidia shares", holdout2 h2-0253); without the
    verb, brands named like people stay names ("Marc Jacobs", dev-0260; "Kate Farms").
    """
    if (
        name in known
        or name.split()[-1] in _FAMOUS  # "Jeff Bezos to sell up to 25 million Amazon shares"
        or _FAMILY_AFTER.match(after) is not None
    ):
        return True
    words = name.split()
    return (
        len(words) == 2
        and words[0].lower() in FIRST_NAMES
        and name.lower() not in _PERSON_FIRMS
        and _GIVEN_SURNAME.fullmatch(name) is not None
        and _TRADES.match(after) is not None
    )


_TRADES = re.compile(
    r"\s+(?:sells?|sold|selling|buys?|bought|offloads?|unloads?|dumps?|trims?|cashes out)\b"
)


# News outlets named as a report's source are never parties ("denying a Bloomberg News
# report", holdout2 h2-0113; "The Information reports", h2-0128).
_OUTLETS: Final[frozenset[str]] = frozenset(
    """bloomberg|bloomberg news|reuters|wall street journal|wsj|financial times|ft|information|
    cnbc|nikkei|nikkei asia|handelsblatt|axios|techcrunch|wired|verge|semafor|sky news|caixin|
    yonhap|dow jones|new york times|nyt|cnn|bbc|les echos|bloomberg law|business insider|
    the information|the wall street journal|the financial times|the verge|the new york times|
    economic times|times|guardian|politico|fortune|forbes|barron's|barrons|insider""".replace(
        "\n", ""
    )
    .replace("    ", "")
    .split("|")
)
# Words that look like names in headlines but are technologies or deal forms
# ("Nokia signs 5G deals", h2-0226; "exits Chinese battery JV with BAIC", h2-0166), and
# adjectives of origin ("U.S.-built chips", h2-0200; "Tokyo-based").
_NOT_NAME = re.compile(
    r"(?:[2-6]g|jvs?|spacs?|ipos?|lng|gpus?|llms?|ev|evs|ai|mous?|lois?|[kmgt]wh?|"
    r"\S+-(?:built|made|based|listed|owned|designed|produced|manufactured|focused|born))",
    re.IGNORECASE,
)


# An outlet is a source when a report follows or a citation precedes it; otherwise it may
# be a party ("BBC ends Disney deal", holdout-0098).
_SOURCE_AFTER = re.compile(r"\s*(?:News\s+)?(?:report|reports|reported|citing|story)\b")
_SOURCE_BEFORE = re.compile(r"(?:according to|told|citing|by|in|to)\s+(?:the\s+|a\s+)?$")


def not_a_party(name: str, before: str, after: str) -> bool:
    """A news outlet cited as a source, a technology or an adjective of origin."""
    if name.lower() in _OUTLETS:
        return _SOURCE_AFTER.match(after) is not None or _SOURCE_BEFORE.search(before) is not None
    return _NOT_NAME.fullmatch(name) is not None


# "Google's Gemini models", "Microsoft's Azure cloud": a name owned by the name before it
# and followed by a kind of product is the product, and its owner is the party (brief 4.4).
_PRODUCT_NOUN = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:models?|chatbots?|assistants?|apps?|app store|chips?|gpus?|"
    r"processors?|phones?|smartphones?|software|browser|search engine|operating system|"
    r"headsets?|consoles?|cars?|vehicles?|devices?|cloud|platform|service|services|"
    r"tools?|agents?|api|llms?)\b"
)
_POSSESSIVE_GAP = re.compile(r"['’]s?\s+")


def is_product(text: str, owner_end: int, start: int, end: int) -> bool:
    """text[start:end] is a product of the name ending at owner_end."""
    return (
        _POSSESSIVE_GAP.fullmatch(text[owner_end:start]) is not None
        and _PRODUCT_NOUN.match(text[end : end + 40]) is not None
    )
