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
_CUED = re.compile(
    r"\b(?:[Cc]hief [Ee]xecutive|CEO|[Ff]ounder|[Cc]o-founder|[Cc]hairman|[Cc]hairwoman|"
    r"[Bb]illionaire|[Bb]oss|[Ii]nvestor|[Pp]resident)\s+([A-Z][a-z]+)\s+([A-Z][a-z]+)\b"
)


def people(text: str) -> frozenset[str]:
    """Full names and surnames of the people named in text.

    A given name and a surname is a person when the surname also stands alone
    (news calls people by surname on second mention: "Jeff Bezos" ... "Bezos"),
    which brands named after people ("Marc Jacobs", dev-0260) rarely do.
    """
    out: set[str] = set()
    for m in _CUED.finditer(text):
        out.update((f"{m.group(1)} {m.group(2)}", m.group(2)))
    for m in _GIVEN_SURNAME.finditer(text):
        full, surname = m.group(), m.group(2)
        if m.group(1).lower() not in FIRST_NAMES or full.lower() in _PERSON_FIRMS:
            continue
        alone = re.search(rf"(?<!{m.group(1)} )\b{re.escape(surname)}\b(?!\s+[A-Z])", text)
        if alone:
            out.update((full, surname))
    return frozenset(out)


def is_person(name: str, after: str, known: frozenset[str]) -> bool:
    """A person, judged from the words after the name and the text's people."""
    return name in known or _FAMILY_AFTER.match(after) is not None


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
