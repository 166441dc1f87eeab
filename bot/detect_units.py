"""Sales of units and stakes: who sells what to whom, and what a bought unit belongs to.

Helpers of bot/detect_frames.py for the sell frame and for "buy <owner>'s <unit>",
"buy <holder>'s stake in <JV>" readings. Pure.
"""

from __future__ import annotations

import re

from bot.detect_lexicon import END
from bot.detect_mask import Sentence
from bot.detect_roles import right_side
from bot.models import Direction, EventType

# A side is an org index into Sentence.orgs or a name as written ("robotics business").
Side = tuple[int | str, ...]
Reading = tuple[EventType, Direction | None, Side, Side]

ORG_AT = re.compile("\ue000" + r"(\d+)" + END)


def pairs(typ: EventType, direc: Direction | None, doers: Side, undergoers: Side) -> list[Reading]:
    """'Klarna drops Salesforce, Workday' is two events; investors in one round are one."""
    if typ in ("investment", "acquisition"):  # a round's investors, a consortium (dev-0376)
        return [(typ, direc, doers, (u,)) for u in undergoers]
    return [(typ, direc, (d,), (u,)) for d in doers for u in undergoers]


# "to U.S. investment firm Stonepeak" (holdout-0004): abbreviations keep their dots.
# "to China's Haier Group" (h8-0050): a possessive place before the buyer.
# "to a consortium led by EQT" (h7-0119).
# "to a consortium of private equity firms Advent and Cinven" (h10-0038); "sell Innomotics,
# its large drives and motors business, to KPS" (h10-0105).
TO = re.compile(
    r"(?:,\s+(?:its|their|the|a|an)\s+[^,;]{0,60},)?[^,;]{0,60}?\bto\s+(?:(?:an?\s+|the\s+)?"
    r"(?:consortium|group)\s+(?:of|led by|including)\s+)?(?:[\w.&'’-]+\s+){0,4}?(?=\ue000)"
)
# "assets" is no unit: "sell Singapore refinery assets to" is an asset sale (labelling
# guide "assetsale", holdout3 h3-0017).
_ASSET_NP = re.compile(
    r"((?:[\w-]+\s+){0,2}?(?:business|businesses|unit|division|arm|operations|subsidiary|brand|"
    r"portfolio))\s*$"
)
POSSESSED_ASSET = re.compile(
    # "Teck Resources' steelmaking coal business" (h5-0119), "Paytm's movie and events
    # ticketing business" (h5-0146).
    r"^'s?\s+((?:(?!(?:for|to|from|with|in|of|by)\b)[\w\ue000\ue002\ue001-]+\s+){0,5}?"
    r"(?:business|unit|division|arm|operations|subsidiary|"
    r"brand|assets|stake))\b"
)
# "buy Occidental's OxyChem unit" (holdout2 h2-0066), "buys Marvell's automotive Ethernet
# business" (holdout-0082): the unit is bought, its owner sells it.
_OWNER_BEFORE = re.compile("\ue000" + r"(\d+)" + END + r"'s\s+((?:[\w-]+\s+){0,2})$")
_UNIT_BEFORE_NAME = re.compile(r"\b(?:business|unit|division|arm|subsidiary)\s+$")
# "buy Delivery Hero's Foodpanda food delivery business" (dev-0450): words before the noun.
_ASSET_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(business|unit|division|arm|subsidiary|operations)\b"
)


def unit_of(sent: Sentence, trig_end: int, right: tuple[int, ...]) -> tuple[Side, Side] | None:
    """(owner, unit) when the bought name is a unit written as "<owner>'s <name> unit"."""
    if len(right) != 1:
        return None
    at = sent.masked.find(f"\ue000{right[0]}{END}", trig_end)
    owner = _OWNER_BEFORE.search(sent.masked, trig_end, at) if at >= 0 else None
    end = at + len(f"\ue000{right[0]}{END}")
    noun = _ASSET_AFTER.match(sent.masked, end)
    if owner and not noun and _UNIT_BEFORE_NAME.search(owner.group(2)):
        # "buy Deutsche Bahn's logistics unit Schenker" (h10-0148): the unit by its name.
        return (int(owner.group(1)),), right
    if not owner or not noun:
        return None
    if not owner.group(2):
        return (int(owner.group(1)),), right
    phrase = f"{owner.group(2)}{sent.orgs[right[0]].name} {noun.group(1)}"
    return (int(owner.group(1)),), (phrase,)


# "acquire Shell's 50% stake in (the) joint venture Raizen": the stake is in the JV.
STAKE_IN_ORG = re.compile(
    r"^'s\s+(?:\ue002\d+\ue001\s+|entire\s+|remaining\s+)*(?:stake|holding|interest)\s+in\s+"
    r"(?:the\s+|their\s+|its\s+)?(?:(?:[\w-]+\s+){0,2}?(?:joint venture\s+|jv\s+|venture\s+)?"
    r"\ue000(\d+)\ue001|((?:[\w-]+\s+){0,2}?(?:unit|business|division|arm|subsidiary|"
    r"joint venture|jv|venture))\b)"
)
_JV_PARTNER = re.compile(
    r"\b(?:partners?|buy\w* out|bought out|their\s+(?:\S+\s+)?(?:joint venture|jv|venture))\b"
)


def stake_in(masked: str, buyers: Side, seller: Side, company: int | str) -> list[Reading]:
    """A stake bought from its holder: the buyer invests, the holder divests; JV partners part."""
    out: list[Reading] = [
        ("investment", "in", buyers, (company,)),
        ("investment", "out", seller, (company,)),
    ]
    if _JV_PARTNER.search(masked):
        out += pairs("partnership_ended", None, buyers, seller)
    return out


def _asset_name(text: str) -> str:
    m = _ASSET_NP.search(text)
    # "sale of a stake in its China business" names "China business" (holdout2 h2-0093).
    return _LEADING_FUNCTION.sub("", m.group(1).strip()) if m else ""


def _as_written(text: str, phrase: str) -> str:
    """The phrase in the text's own capitals ("China business", holdout2 h2-0093)."""
    m = re.search(re.escape(phrase), text, re.IGNORECASE)
    return m.group() if m else phrase


_LEADING_FUNCTION = re.compile(r"^(?:(?:of|in|for|its|their|the|a|an|stake)\s+)+")


# After a sold place name, physical assets: a plant, not a company (holdout3 h3-0017).
PLANT_AFTER = re.compile(
    "\ue000"
    + r"\d+"
    + END
    + r"\s+(?:[\w-]+\s+)?(?:refinery|refineries|plants?|factory|factories|mines?|mills?|assets|"
    r"ports?|properties|terminals?|pipelines?|oil ?fields?|buildings?|towers?|hotels?|"
    r"headquarters)\b"
)


_PAID_IN_STAKE = re.compile(
    r"[^,;]{0,40}?\bin\s+(?:exchange|return)\s+for\s+(?:an?\s+)?(?:\ue002\d+\ue001\s+)?(?:[\w-]+\s+)?"
    r"(?:equity\s+)?(?:stake|shareholding|holding)\b"
)


def sell_sides(sent: Sentence, m: re.Match[str], sellers: Side, inner: Side) -> list[Reading] | str:
    """The sell frame: seller before, asset after (a name or "its robotics business"),
    buyer after "to"; the seller divests, the buyer acquires or invests (dev-0078, dev-0083)."""
    masked = sent.masked
    name = _asset_name(m.group())
    asset: Side = inner[-1:]
    objs, end = right_side(masked, m.end())
    if not asset:
        asset = objs[:1] or ((_as_written(sent.text, name),) if name else ())
        end = end if objs else m.end()
    if not re.search(r"stake|%|shares", m.group()) and PLANT_AFTER.search(
        masked, m.start(), end + 40
    ):
        return "an asset sale"  # "sell Rotterdam refinery assets" (guide "assetsale")
    to = TO.match(masked, end)
    buyer = ORG_AT.match(masked, to.end()) if to else None
    if not asset:
        return "nothing sold"
    out: list[Reading] = []
    # Co-owners selling are one divestment each (h8-0063: "Disney, Hearst explore sale of A+E").
    out.extend(("investment", "out", (seller,), asset) for seller in sellers)
    if buyer and sellers and _PAID_IN_STAKE.match(masked, buyer.end()):
        # "sell its logistics business to Flexport in exchange for a 13% stake" (h11-0152,
        # h13-0065, h6-0107): the seller takes a stake in the buyer.
        out.extend(("investment", "in", (seller,), (int(buyer.group(1)),)) for seller in sellers)
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
