"""Trigger rules for press-release and wire phrasing that the first tables missed.

Found on holdout3 (tests/data/detect_holdout3.jsonl: press releases and wire copy across
sectors) and generalised to the construction and its verb family, with varied cases in
tests/data/detect_cases.yaml. PRESS_RULES run just before PARTNER_FIRST
(bot/detect_more.py), after the investment and acquisition tables.
"""

from __future__ import annotations

from typing import Final

from bot.detect_lexicon import ANY_ORG, ENDED_NOUNS, WORD, Rule

_STOP = (
    r"(?:stop|stops|stopped|stopping|cease|ceases|ceased|no longer|will not|won't|would not|"
    r"to no longer)"
)
# After "integrates X", what marks X's technology being built in, not a bought firm merged.
_BUILT_IN = (
    r"(?:'s\s+(?:[\w\ue000-\ue003-]+\s+){0,3}?(?:into|in|across|with)\b|\s+(?:[\w-]+\s+)?"
    r"(?:models?|ai|technology|platform|software|chips?|payments?|tools?|apis?|agents?)\b|"
    r"\s+(?:into|in|across)\s+(?:its|their)\b)"
)

PRESS_RULES: Final[tuple[Rule, ...]] = (
    # "Honeywell Expands Strategic Relationship with Google Cloud": an expansion is formed
    # (labelling guide); "deepen ties" alone stays out (dev-0046).
    Rule(
        "expand-relationship",
        "partnership_formed",
        "sym",
        r"\b(?:expand|expands|expanded|expanding|extend|extends|extended|broaden|broadens|"
        r"broadened|renew|renews|renewed|strengthen|strengthens|strengthened)\s+(?:its\s+|"
        r"their\s+|the\s+)?(?:[\w-]+\s+){0,2}?relationships?\s+with\b",
    ),
    # "ServiceNow integrates Anthropic's Claude into its platform", "integrates OpenAI models".
    Rule(
        "integrate",
        "partnership_formed",
        "svo",
        rf"\b(?:integrate|integrates|integrated|integrating)\b(?=\s*{ANY_ORG}{_BUILT_IN})",
    ),
    # "AMD to supply OpenAI with chips" (holdout3 h3-0117), "provides Ford with batteries".
    Rule(
        "supply-with",
        "partnership_formed",
        "svo",
        rf"\b(?:supply|supplies|supplied|supplying|provide|provides|provided|providing|equip|"
        rf"equips|equipped)\b(?=\s*{ANY_ORG}\s+with\b)",
        not_after=r"\b(?:continue to|continues to|continued to|already)\s+$",
    ),
    # "Walmart to stop selling Vizio TVs", "would no longer use Ericsson equipment".
    Rule(
        "stop-carrying",
        "partnership_ended",
        "svo",
        rf"\b{_STOP}\s+(?:sell|selling|carry|carrying|stock|stocking|use|using|buy|buying|"
        rf"offer|offering)\b(?=\s*{ANY_ORG}(?:'s)?\s+(?:{WORD}\s+)?(?:products?|goods|"
        rf"equipment|gear|devices?|brands?|chips?|software|services|tvs?|phones?|"
        rf"technology|cloud)\b)",
    ),
    # "Disney pulls plug on Epic partnership".
    Rule(
        "pull-plug",
        "partnership_ended",
        "sym",
        rf"\b(?:pull|pulls|pulled|pulling)\s+(?:the\s+)?plug\s+on\s+(?:its\s+|their\s+|the\s+)?"
        rf"(?:{WORD}\s+){{0,3}}?{ENDED_NOUNS}\b(?:\s+with)?",
    ),
    # "Unilever to pause advertising on X" ("go dark on": bot/detect_joint.py).
    Rule(
        "pause-ads",
        "partnership_ended",
        "svo",
        r"\b(?:pause|pauses|paused|pausing|halt|halts|halted|halting|suspend|suspends|"
        r"suspended|suspending|stop|stops|stopped|stopping|pull|pulls|pulled|pulling)\s+"
        r"(?:all\s+|its\s+|their\s+)*(?:advertising|ads|ad spending|ad spend)\s+(?:on|with)\b",
        keys="pau hal sus sto pul",
    ),
    # "BMW Weighs Cutting Northvolt From Supplier List" (holdout-0114).
    Rule(
        "cut-from-suppliers",
        "partnership_ended",
        "svo",
        rf"\b(?:cut|cuts|cutting|drop|drops|dropped|dropping|remove|removes|removed|removing|"
        rf"strike|strikes|struck|striking)\b(?=\s*{ANY_ORG}\s+(?:off|from)\s+(?:its\s+|their\s+|"
        rf"the\s+)?(?:approved\s+|preferred\s+)?(?:supplier|vendor|partner|supply)s?\s*"
        rf"(?:list|roster|base|panel|chain)?\b)",
        keys="cut dro rem str",
    ),
    # Leaving a venture ends it with the partners: "Vodafone weighs exit from Vantage Towers
    # joint venture" (h3-0167), "Shell would exit its joint ventures with Gazprom" (h7-0025).
    Rule(
        "exit-venture",
        "partnership_ended",
        "svo",
        rf"\b(?:exit|exits|exited|exiting|quit|quits|quitting|leave|leaves|leaving|left|"
        rf"withdraw|withdraws|withdrew|withdrawing|pull out|pulls out|pulled out)\s+"
        rf"(?:from\s+|of\s+)?"
        rf"(?:(?:its|their|the)\s+(?:[\w-]+\s+){{0,2}}?(?:joint ventures?|jvs?|"
        rf"ventures?(?!\s+(?:capital|"
        rf"debt|fund|arm))|alliance|"
        rf"consortium)\s+with\b|(?:the\s+)?{ANY_ORG}\s+(?:[\w-]+\s+)?(?:joint venture|jv|"
        rf"venture(?!\s+(?:capital|debt|fund|arm))|alliance|consortium)\b(?:\s+with\b)?)",
        keys="exi qui lea lef wit pul",
    ),
    # A supplier's kit taken out ends the supply: "BT is removing Huawei equipment from the
    # core of its network" (h7-0164), "replace ZTE gear".
    Rule(
        "remove-kit",
        "partnership_ended",
        "svo",
        rf"\b(?:remove|removes|removed|removing|rip out|rips out|ripped out|ripping out|strip out|"
        rf"strips out|stripped out|stripping out|phase out|phases out|phased out|phasing out|"
        rf"replace|replaces|replaced|replacing)\b(?=\s*(?:all\s+)?{ANY_ORG}(?:'s)?\s+(?:{WORD}\s+)?"
        rf"(?:equipment|gear|kit|hardware|software|technology|chips|components|products|"
        rf"devices|systems|cameras|servers)\b)",
        keys="rem rip str pha rep",
    ),
    # The market reads a lost customer: "Affirm shares sink as Walmart switches to Klarna"
    # (h6-0104). Only verbs of leaving: in "Baidu shares slide as Apple picks Alibaba"
    # (dev-0125) Baidu had only been a candidate.
    Rule(
        "shares-fall-as-switch",
        "partnership_ended",
        "sym",
        rf"(?<=\ue001 )shares?\s+(?:\S+\s+){{0,2}}?(?:sink|sinks|sank|fall|falls|fell|drop|drops|"
        rf"dropped|slump|slumps|slumped|plunge|plunges|plunged|tumble|tumbles|tumbled|crash|"
        rf"crashes|crashed|slide|slides|slid)\s+(?:\S+\s+){{0,3}}?(?:as|after)\s+(?={ANY_ORG}\s+"
        rf"(?:switches|switched|moves|moved|shifts|shifted)\s+(?:\S+\s+){{0,3}}?to\b)",
        keys="sha",
    ),
    # Content taken off a platform ends the licence: "Universal Music Group began pulling
    # songs by artists including Taylor Swift and Drake from TikTok" (h10-0091).
    Rule(
        "pull-content-from",
        "partnership_ended",
        "svo",
        # Removing needs "its", "their" or "all": "Microsoft is removing six games from Xbox
        # Game Pass" (review 2026-11-26) is a catalogue change.
        rf"\b(?:(?:pull|pulls|pulled|pulling)\s+(?:all\s+)?(?:of\s+)?(?:its\s+|their\s+|the\s+)?|"
        rf"(?:remove|removes|removed|removing|withdraw|withdraws|withdrew|withdrawing)\s+"
        rf"(?:all\s+(?:of\s+)?(?:its\s+|their\s+|the\s+)?|its\s+|their\s+))"
        rf"(?:[\w-]+\s+){{0,2}}?(?:songs|music|catalog|catalogue|content|videos|games|titles|"
        rf"channels|shows|films|movies|apps|brands)\b(?:\s+[^,;.]{{0,60}}?)?\s+from\b"
        rf"(?=\s*{ANY_ORG})",
        keys="pul rem wit",
    ),
    # "Toyota and Denso to unwind cross-shareholdings".
    Rule(
        "unwind-cross",
        "partnership_ended",
        "sym",
        r"\b(?:unwind|unwinds|unwound|unwinding|dissolve|dissolves|dissolved|end|ends|ended)\s+"
        r"(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+)?cross-(?:shareholdings?|holdings?)\b",
    ),
)
