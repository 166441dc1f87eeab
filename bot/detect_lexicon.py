"""Shared pieces of the detector's trigger rules: placeholders, Rule, noun lists.

The engine (bot/detect.py) masks organisation names as ORG placeholders and
amounts as AMT placeholders, lowercases the rest, and runs these patterns over
that string in order; a later rule never fires on words an earlier one used.
Comments name the dev-set cases (tests/data/detect_dev.jsonl) that set a choice.
The tables live by job: bot/detect_invest.py (stakes, rounds, sales),
bot/detect_acquire.py (takeovers, mergers, acqui-hires), bot/detect_more.py and
bot/detect_rules.py (partnerships, and the ordered RULES).
"""

from __future__ import annotations

from typing import Final, NamedTuple

from bot.models import Direction, EventType

# Placeholders written into the masked sentence (private-use code points never
# occur in news text, and they survive lower()).
ORG: Final = "\ue000"  # ORG + index + END
AMT: Final = "\ue002"  # AMT + index + END
END: Final = "\ue001"
PERSON: Final = "\ue003"  # a person named in the text (bot/detect_people.py), no index
ANY_ORG: Final = ORG + r"\d+" + END  # one organisation
ONE_AMT = AMT + r"\d+" + END  # one amount
# One word of the masked text, placeholders included; "u.s." is one word ("dissolve their
# U.S. offshore wind partnership", h7-0039).
WORD = r"(?:u\.s\.|u\.k\.|[\w$&+'\ue000-\ue003-]+)"


class Rule(NamedTuple):
    """One trigger. frame says how its neighbours get roles:

    svo: the name before the trigger does it to the one after ("X acquires Y").
    rev: the one before undergoes it, the one after does it ("Y acquired by X").
    pre: the name just before the trigger undergoes it ("X weighs Y takeover bid").
    sym: everyone named is a party ("X, Y part ways"; "X teams up with Y").
    raise: the one before takes money; investors come from "led by X", "from X".
    sell: seller before, asset after (a name or "its robotics business"), buyer
      after "to"; the seller divests, the buyer acquires or invests (dev-0078, dev-0083).
    switch: "from X to Y": ended with X, formed with Y (bot/detect_shift.py).
    unit-of: "buy the defence business of X": X divests the unit (bot/detect_deals.py).
    inherit: "in a supply deal" names no one: the parties of the sentence's
      previous event (dev-0042, dev-0080).
    """

    name: str
    type: EventType
    frame: str
    pattern: str
    direction: Direction | None = None
    not_after: str = ""  # the trigger does not count right after these words
    # Word starts (three letters, or a whole shorter word) one of which every match
    # contains; "" derives them from the pattern's leading word group (bot/detect_gate.py).
    keys: str = ""
    # The rule does not fire in a sentence where this pattern occurs anywhere.
    not_in: str = ""


# Amount and adjectives between a verb and its noun: "a 49% stake", "its entire
# remaining stake", "a new multiyear licensing deal".
AMOUNTS = (
    rf"(?:(?:up to |about |roughly |nearly |around |more than |as much as |an? |its |their |the )?"
    rf"(?:{ONE_AMT}|additional|new|further|more|another|\w+-dollar|minority|majority|controlling|"
    rf"small|"
    rf"large|significant|strategic|equity|entire|remaining|direct|[\w-]+ing|[\w-]+-year)\s+)*"
)
# AMOUNTS can match nothing, so inside a bounded repeat of alternatives it backtracks
# exponentially ("Acme invests new new new ...": seconds on 300 characters). This is one run
# of it, at least one item, atomic: the same matches, linear time (review of 2026-11-26).
AMOUNT_RUN = "(?>" + AMOUNTS[:-1] + "+)"
ENDED_NOUNS = (
    r"(?:partnerships?|pacts?|alliances?|collaborations?|cooperation|agreements?|deals?|contracts?|"
    r"tie-ups?|joint ventures?|ventures?|ties|relationships?|arrangements?|work|use|business|"
    r"accounts?|sponsorships?|jvs?|joint (?:programs?|programmes?|projects?|development)|"
    r"licen[cs]es?|licen[cs]ing (?:deal|agreement)s?)"
)
# What changes hands when a provider takes over another's role: the owner's card, program
# or account, not a business (that is a purchase: "takes over Versace from Capri";
# dev-0033, h4-0156).
HANDED_NOUNS = (
    r"(?:cards?|programs?|programmes?|contracts?|accounts?|sponsorships?|rights|deals?|"
    r"partnerships?|franchises?|portfolios?)"
)
# Formation needs a concrete deal noun: "deepen ties" is not a new partnership (dev-0046).
FORMED_NOUNS = (
    r"(?:partnerships?|pacts?|alliances?|collaborations?|cooperation|agreements?|deals?|contracts?|"
    r"tie-ups?|joint ventures?|jvs?|ventures?|letters? of intent|memorandum of understanding|mou|"
    r"orders?|"
    r"(?:supply |contract |partnership )(?:extension|renewal))"
)
# After a bought name, these nouns mean goods, not the company (dev-0119 "buying
# Qualcomm modems", dev-0138 "taking over the Kentucky plants").
PRODUCT_AFTER: Final = (
    r"^\s*(?:'s\s+)?(?:[\w\ue000-\ue003-]+\s+){0,2}?(?:chips?|modems?|gpus?|tpus?|processors?|shares|stock|"
    r"stakes?|"
    r"bonds?|products?|software|services|cloud|servers?|models?|cars?|vehicles?|batteries|phones?|"
    r"devices?|ads|content|rights|plants?|factories|factory|sites?|stores?|licen[cs]es?|work|"
    r"capacity|compute|computing|power|components|parts|equipment|jets?|aircraft|planes?|engines?|games?|programs?|"
    r"programmes?|"
    r"funding|round|ipo|offering|board|seats?|songs|music|catalog|listing|index|browsers?|apps?|"
    r"chatbots?|assistants?|search engine|operating system|"
    # Assets bought are no company (labelling guide "assetsale"): "buy Northvolt's Skelleftea
    # gigafactory" (h13-0071), "acquires Convoy's technology platform" (h13-0159), "taking
    # over the Beacon Wind assets" (h13-0062).
    r"assets|gigafactor(?:y|ies)|refiner(?:y|ies)|mines?|mills?|terminals?|warehouses?|"
    r"platforms?|technology|patents?|leases|hotels?|buildings?|"
    # "Amazon, Microsoft bidding for Pentagon contracts" (review 2026-11-26)
    r"contracts|tenders?|spectrum)\b"
)
# After a dropped name, these nouns mean no relationship ended (dev-0365 "pulls out
# of OpenAI funding round", dev-0366 "drop OpenAI board observer seats").
NOT_RELATIONSHIP_AFTER: Final = (
    # "go dark on YouTube TV after carriage talks break down": a clause of its own.
    r"^\s*(?:'s\s+)?(?:(?!(?:after|as|amid|following|despite|when)\b)[\w-]+\s+){0,2}?(?:funding|"
    r"round|ipo|offering|board|seats?|bid|talks|index|"
    r"listing|stake|shares|stock|bonds?)\b"
)
