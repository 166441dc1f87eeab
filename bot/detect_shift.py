"""Supplier switches: one partnership ends and another begins in the same clause.

"Globex moves workloads from Initech to Hooli", "drops Initech for Hooli",
"replaces Initech with Hooli", "will rely on Hooli instead": the subject ends
with the old partner and starts with the new one (brief for issue 4, "known
misses"; cases in tests/data/detect_cases.yaml). "Drops X for Y" is read by the
drop rule (bot/detect_rules.py) with the frame helper for the new partner.
"""

from __future__ import annotations

from typing import Final

from bot.detect_lexicon import ANY_ORG, WORD, Rule

_MOVE = (
    r"(?:switch|switches|switched|switching|move|moves|moved|moving|shift|shifts|shifted|"
    r"shifting|migrate|migrates|migrated|migrating|transfer|transfers|transferred|transferring)"
)
# Replacing a company in an index or a ranking is no relationship (dev-0076 "added to the
# Dow Jones Industrial Average, replacing Intel"); nor is replacing a person; and a
# new supplier replacing an old one ends the old one's deal with a third party (dev-0033).
_NOT_SUPPLIER = (
    r"\b(?:dow|index|indices|s&p|ftse|nikkei|nasdaq-100|benchmark|most valuable|largest|biggest|"
    r"ranking|top spot|as (?:ceo|chief|chair\w*|president|head)|added to|removed from|"
    r"average|become|becomes|new (?:issuer|supplier|provider|partner|vendor|lender|carrier)|"
    # "UPS wins US Postal Service air cargo contract, replacing FedEx" (h12-0009): the winner
    # replaces a rival, whose tie with the customer ends.
    r"wins?|won|winning|lands?|landed|secures?|secured|awarded|"
    # "Honda to supply Aston Martin with engines, replacing Mercedes" (h14-0012)
    r"suppl(?:y|ies|ied|ying)|to provide|will provide)\b"
)

SHIFT_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "switch-from",
        "partnership_ended",
        "switch",
        rf"\b{_MOVE}\s+(?:(?:its|their|some|all|most|part of|the)\s+)*(?:{WORD}\s+){{0,3}}?"
        # "moving its applications off Amazon Web Services and onto its own servers" (h4-0209).
        rf"(?:away\s+)?(?:from|off(?:\s+of)?)\s+(?:rival\s+)?(?={ANY_ORG})",
    ),
    # "switch its in-flight Wi-Fi provider to Hughes from Viasat" (h5-0098): the new one first.
    Rule(
        "switch-to-from",
        "partnership_ended",
        "switch",
        rf"\b{_MOVE}\s+(?:(?:its|their|some|all|most|part of|the)\s+)*(?:{WORD}\s+){{0,4}}?"
        rf"to\s+(?:rival\s+)?{ANY_ORG}\s+from\s+(?:rival\s+)?(?={ANY_ORG})",
        keys="swi mov shi mig tra",
    ),
    # "Walmart switches to Klarna for buy now, pay later loans" (h6-0104)
    Rule(
        "switch-to",
        "partnership_formed",
        "svo",
        rf"\b(?:switch|switches|switched|switching)\s+to\s+(?:rival\s+)?(?={ANY_ORG})",
        keys="swi",
    ),
    # Coming back to a former partner: "Nike returns to Amazon, resuming direct sales after
    # six years" (dev-0254), "Nike is back on Amazon after six-year hiatus" (h11-0109).
    Rule(
        "return-to",
        "partnership_formed",
        "svo",
        # Not "Honda returns to Formula One after three-year absence" (review 2026-11-26): a
        # return after a pause only when back on a platform.
        rf"\b(?:(?:returns?|returned|returning|comes back|came back)\s+to\s+"
        rf"(?={ANY_ORG}(?:'s\s+\S+)?"
        rf"\s*,?\s+(?:resum\w+|restart\w*))|(?:is|are|was) back on\s+(?={ANY_ORG}\s+after\s+"
        rf"(?:a\s+|an\s+)?(?:\S+\s+){{0,2}}?(?:hiatus|absence|break|pause)))",
        keys="ret is are was com cam",
    ),
    Rule(
        "replace",
        "partnership_ended",
        "svo",
        rf"\b(?:replace|replaces|replaced|replacing)\s+(?:rival\s+)?(?={ANY_ORG}(?!'s))",
        not_in=_NOT_SUPPLIER,
    ),
    Rule(
        "rely-instead",
        "partnership_formed",
        "svo",
        rf"\b(?:rely|relies|relied|relying|depend|depends|turn|turns|turned|turning|switch|"
        rf"switches|switched|switching|move|moves|moved|moving|go|goes|went|opt|opts|opted)\s+"
        rf"(?:on|to|for|with)\b(?=\s*(?:[\w-]+\s+){{0,2}}?{ANY_ORG}[^.;]{{0,50}}?\binstead\b)",
    ),
)
