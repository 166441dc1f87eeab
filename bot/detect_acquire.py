"""Acquisition rules: takeovers, bids, mergers, take-privates and acqui-hires.

ACQUIHIRE_RULES run first of the deal rules, ACQUIRE_RULES after the investment
table (bot/detect_invest.py): "takes a 70% stake" is an investment, not a takeover.
"""

from __future__ import annotations

from typing import Final

from bot.detect_lexicon import AMOUNTS, ANY_ORG, ONE_AMT, WORD, Rule

_BUY = (
    r"(?:acquire|acquires|acquired|acquiring|buy|buys|buying|bought|purchase|purchases|purchased|"
    r"snap up|snaps up|snapped up|take over|takes over|took over|taking over|swallow|swallows|"
    r"absorb|absorbs|scoop up|scoops up|buy out|buys out|bought out|buy back|buys back|bought back)"
)
_LIC = r"(?=.*\blicen[cs])"  # acqui-hires come with a licence (dev-0090..0095)

ACQUIHIRE_RULES: Final[tuple[Rule, ...]] = (
    # --- acqui-hires: hire the team and license the technology.
    Rule(
        "acquihire",
        "acquisition",
        "svo",
        rf"\b(?:hires?|hired|hiring|poach\w*)\s+(?:(?:the\s+|"
        rf"most\s+of\s+)?(?:co-)?founders?\s+(?:of\s+)?|(?:the\s+)?(?:ceo|team|staff|leaders?|"
        rf"executives?)\s+(?:of|from)\s+)?{_LIC}",
    ),
    # Paying for a licence is an acqui-hire only with hiring in the sentence (its second gate,
    # bot/detect_gate.py): "Merck to pay Daiichi Sankyo up to $22 billion ... licensing
    # deals" (h12-0170) licenses drugs.
    Rule(
        "acquihire-pay",
        "acquisition",
        "svo",
        rf"\b(?:pays?|paid)\s+(?:(?:the\s+|most\s+of\s+)?(?:co-)?founders?\s+(?:of\s+)?|(?:the\s+)?"
        rf"(?:ceo|team|staff|leaders?|executives?)\s+(?:of|from)\s+)?{_LIC}",
        keys="pay pai",
    ),
    Rule(
        "acquihire-license",
        "acquisition",
        "svo",
        r"\blicen[cs]\w*\s+(?:(?:its|the|some)\s+)?(?:(?:technology|models?|ip|patents|chips?)\s+)?"
        r"(?:from\s+)?(?=.*\bhir(?:e|es|ed|ing)\b)",
        keys="lic",
    ),
    Rule(
        "acquihire-return",
        "acquisition",
        "rev",
        rf"\b(?:return|returns|returning|rejoin|rejoins|rejoining)\s+(?:to\s+)?(?={ANY_ORG}){_LIC}",
    ),
)

ACQUIRE_RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "take-private",
        "acquisition",
        "svo",
        rf"\b(?:take|takes|taking|took)\s+(?={ANY_ORG}\s+private\b)",
    ),
    # "Walgreens agrees to $10 billion take-private deal with Sycamore Partners" (h5-0150):
    # the company taken private comes first, the buyer after "with".
    Rule(
        "take-private-deal",
        "acquisition",
        "rev",
        r"\b(?:take-private|go-private|take private)\s+(?:(?:deal|agreement|offer|transaction)\s+)?"
        r"(?:with|from|by)\b",
        keys="tak go",
    ),
    # "Walgreens in talks to sell itself to private-equity firm Sycamore" (h8-0082).
    Rule(
        "sell-itself",
        "acquisition",
        "rev",
        r"\b(?:sell|sells|selling|sold)\s+itself\s+to\b",
        keys="sel sol",
    ),
    Rule(
        "acquired-by",
        "acquisition",
        "rev",
        # "Toyota Industries said it had agreed to be taken private by" (h11-0186).
        r"(?:(?<=[\ue001] )|(?<=\bit )|(?<=\bit had )|(?<=\bit has ))(?:(?:is|was|are|were|been|"
        r"being|to be|will be|agrees to be|agreed to be)\s+)?(?:acquired|bought|purchased|"
        r"taken over|taken private|"
        r"snapped up)\s+by\b(?:\s+(?:a\s+)?(?:consortium|group)\s+(?:of|led by|including)\b)?",
        keys="acq bou pur tak sna",
    ),
    Rule(
        "complete-deal",
        "acquisition",
        "pre",
        r"(?<=[\ue001] )(?:deal|takeover|acquisition|purchase|buyout)\b(?=\s+(?:is\s+|was\s+|"
        r"has\s+been\s+)?(?:completed|closed|closes|completes)\b)",
    ),
    Rule(
        "completes-deal",
        "acquisition",
        "svo",
        rf"\b(?:completes?|completed|closes?|closed|clinches?|seals?|sealed|wins?|won|strikes?|"
        rf"struck)\s+{AMOUNTS}(?={ANY_ORG}\s+(?:deal|takeover|acquisition|purchase|buyout)\b)",
    ),
    Rule(
        "rebuff",
        "acquisition",
        "rev",
        # "had rejected a $143 billion offer from Kraft Heinz" (h8-0072), "turned down an
        # all-cash offer from Facebook" (h8-0077).
        r"\b(?:rejects?|rejected|rebuffs?|rebuffed|spurns?|spurned|turns? down|turned down|"
        r"turning down)\s+(?:an?\s+)?(?:[\w\ue002\ue001()-]+\s+){0,4}?(?:takeover|buyout|"
        r"acquisition|merger)?\s*(?:offer|bid|proposal|approach)\s+(?:from|by)\b",
        keys="rej reb spu tur",
    ),
    Rule(
        "rebuff-pos",
        "acquisition",
        "rev",
        rf"\b(?:rejects?|rejected|rebuffs?|rebuffed|spurns?|"
        rf"spurned)\s+(?={ANY_ORG}'s\s+(?:{WORD}\s+){{0,3}}?(?:offer|bid|proposal|approach))",
    ),
    Rule(
        "buy",
        "acquisition",
        "svo",
        rf"\b{_BUY}\b(?!\s+(?:stake|shares|a stake|chips|back\s+(?:shares|stock)))"
        # Shopping, not a takeover: "buy through ChatGPT", "buy directly on Amazon".
        rf"(?!\s+(?:through|via|directly|online|inside|within)\b)",
    ),
    # "Zendesk agrees to $10.2 billion buyout by Hellman & Friedman" (h10-0075), "Nordstrom
    # agrees to $6.25 billion buyout by the Nordstrom family" (h10-0039).
    Rule(
        "agree-to-buyout-by",
        "acquisition",
        "rev",
        rf"\b(?:agree|agrees|agreed|agreeing|accept|accepts|accepted|accepting)\s+(?:to\s+)?"
        rf"(?:an?\s+|the\s+)?(?:{AMOUNTS})?(?:[\w-]+\s+){{0,2}}?(?:buyout|takeover|acquisition|"
        rf"sale|purchase)\s+by\b(?:\s+(?:the\s+)?(?:a\s+)?(?:consortium|group)\s+(?:of|led by|"
        rf"including)\b)?",
        keys="agr acc",
    ),
    # A denial answering reported interest: "Mistral AI is not for sale, CEO says after
    # reports of Apple interest" (h6-0143), "BioMarin says it has not received takeover
    # approach after report of Merck interest" (h4-0101). The one interested is the suitor.
    Rule(
        "denied-interest",
        "acquisition",
        "rev",
        rf"\b(?:not for sale|(?:has|had|have)\s+not\s+received\s+(?:any\s+|an?\s+)?"
        rf"(?:takeover\s+|buyout\s+)?(?:approach|offer|bid|proposal))\b[^.;]{{0,60}}?\b(?:after|"
        rf"following|amid)\s+(?:a\s+|the\s+)?(?:media\s+|news\s+|press\s+)?reports?\s+(?:of|about)\s+"
        rf"(?={ANY_ORG}(?:'s)?\s+(?:takeover\s+)?(?:interest|approach|bid|offer)\b)",
        keys="not has had hav",
    ),
    Rule(
        "acquisition-of",
        "acquisition",
        "svo",
        r"\b(?:acquisition|purchase|takeover|buyout|privati[sz]ation|bid|offer|counterbid|counteroffer|"
        r"deal to (?:buy|acquire)|agreement to (?:buy|acquire))(?:\s+(?:offer|bid|talks|proposal|"
        r"attempt|interest))?\s+(?:for|of)\b",
    ),
    # "nears deal for Initech", "would not pursue a deal for Initech": a deal for a
    # company is a takeover; a deal for its goods or one to supply it is not (PRODUCT_AFTER).
    Rule(
        "deal-for",
        "acquisition",
        "svo",
        # "interconnection deal for Amazon data center" (h14-0181) is for a facility.
        rf"\b(?:deal|agreement)\s+for\b(?=\s*(?:rival\s+)?{ANY_ORG}(?!\s+to\b|\s+(?:[\w-]+\s+)?"
        rf"(?:data cent(?:er|re)s?|campus|plants?|sites?|projects?|factory|stores?|products?)\b))",
        # Contracts won or awarded are work, not a takeover.
        not_after=r"\b(?:wins?|won|lands?|landed|secures?|secured|awarded|supply|service|"
        r"licensing|cloud|chip)\s+(?:an?\s+|its\s+|the\s+)?(?:\S+\s+)?$",
    ),
    Rule(
        "approach-about",
        "acquisition",
        "svo",
        # "Couche-Tard approaches Carrefour about $20 billion 'friendly' tie-up" (h7-0130)
        rf"\b(?:approach|approached|approaches)\b(?=\s*{ANY_ORG}\s+(?:about|over|"
        rf"with)\s+(?:an?\s+)?(?:[\w\ue002\ue001'‘’-]+\s+){{0,3}}?(?:takeover|acquisition|deal|"
        rf"merger|buyout|bid|offer|tie-up|combination))",
    ),
    Rule(
        "rebuff-pre",
        "acquisition",
        "rev",
        rf"\b(?:rejects?|rejected|rebuffs?|rebuffed|spurns?|spurned)\s+(?:{ONE_AMT}\s+)?"
        rf"(?={ANY_ORG}\s+(?:takeover\s+|buyout\s+)?(?:offer|bid|approach|proposal))",
    ),
    Rule(
        "takeover-pre",
        "acquisition",
        "pre",
        r"(?<=[\ue001] )(?:takeover|buyout|acquisition|purchase)(?:\s+(?:bid|offer|approach|"
        r"proposal|deal|talks))?\b",
    ),
    Rule(
        "merge",
        "acquisition",
        "sym",
        r"\b(?:merge|merges|merged|merging|merger|combine|combines|combination)\b(?:\s+(?:with|"
        r"talks|deal|agreement))?"
        # "combine their North Sea assets into a 50-50 joint venture" (h4-0228) is a venture.
        # "to combine their Indian media operations in a joint venture" (h12-0139) too.
        r"(?![^.;]{0,80}?\b(?:into|in)\s+(?:an?\s+|a\s+new\s+)?(?:[\w\ue000-\ue003-]+\s+){0,2}?"
        r"(?:joint venture|jv)\b)",
        # "PC processors that combine Intel's x86 cores with Nvidia's graphics" (story_groups
        # g05): a product combining parts.
        not_after=r"\b(?:that|which)\s+$",
    ),
)
