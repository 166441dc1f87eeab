"""The detector's trigger rules as data.

The engine (bot/detect.py) masks organisation names as ORG placeholders and
amounts as AMT placeholders, lowercases the rest, and runs these patterns over
that string in order; a later rule never fires on words an earlier one used.
Comments name the dev-set cases (tests/data/detect_dev.jsonl) that set a choice.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from bot.models import Direction, EventType

# Placeholders written into the masked sentence (private-use code points never
# occur in news text, and they survive lower()).
ORG: Final = "\ue000"  # ORG + index + END
AMT: Final = "\ue002"  # AMT + index + END
END: Final = "\ue001"
ANY_ORG: Final = ORG + r"\d+" + END  # one organisation
ONE_AMT = AMT + r"\d+" + END  # one amount
WORD = r"[\w$&+'\ue000-\ue003-]+"  # one word of the masked text, placeholders included


class Rule(NamedTuple):
    """One trigger. frame says how its neighbours get roles:

    svo: the name before the trigger does it to the one after ("X acquires Y").
    rev: the one before undergoes it, the one after does it ("Y acquired by X").
    pre: the name just before the trigger undergoes it ("X weighs Y takeover bid").
    sym: everyone named is a party ("X, Y part ways"; "X teams up with Y").
    raise: the one before takes money; investors come from "led by X", "from X".
    sell: seller before, asset after (a name or "its robotics business"), buyer
      after "to"; the seller divests, the buyer acquires or invests (dev-0078, dev-0083).
    inherit: "in a supply deal" names no one: the parties of the sentence's
      previous event (dev-0042, dev-0080).
    """

    name: str
    type: EventType
    frame: str
    pattern: str
    direction: Direction | None = None
    not_after: str = ""  # the trigger does not count right after these words


# Amount and adjectives between a verb and its noun: "a 49% stake", "its entire
# remaining stake", "a new multiyear licensing deal".
AMOUNTS = (
    rf"(?:(?:up to |about |roughly |nearly |around |more than |as much as |an? |its |their |the )?"
    rf"(?:{ONE_AMT}|additional|new|further|more|another|\w+-dollar|minority|majority|controlling|"
    rf"small|"
    rf"large|significant|strategic|equity|entire|remaining|direct|[\w-]+ing|[\w-]+-year)\s+)*"
)
ENDED_NOUNS = (
    r"(?:partnerships?|pacts?|alliances?|collaborations?|cooperation|agreements?|deals?|contracts?|"
    r"tie-ups?|joint ventures?|ventures?|ties|relationships?|arrangements?|work|use|business|"
    r"accounts?|"
    r"licen[cs]es?|licen[cs]ing (?:deal|agreement)s?)"
)
# Formation needs a concrete deal noun: "deepen ties" is not a new partnership (dev-0046).
FORMED_NOUNS = (
    r"(?:partnerships?|pacts?|alliances?|collaborations?|cooperation|agreements?|deals?|contracts?|"
    r"tie-ups?|joint ventures?|ventures?|letters? of intent|memorandum of understanding|mou|"
    r"orders?|"
    r"(?:supply |contract |partnership )(?:extension|renewal))"
)
# Stake changes (dev-0001 "take 49% stake", dev-0013 "sells entire Nvidia stake",
# dev-0029 "cuts Apple stake", dev-0181 "an increase in its stake").
_STAKE_IN = (
    r"(?:take|takes|taking|took|buy|buys|buying|bought|acquire|acquires|acquiring|acquired|"
    r"pick up|picks up|picked up|raise|raises|raised|boost|boosts|boosted|increase|increases|"
    r"increased|build|builds|built|get|gets|got|receive|receives|received|secure|secures|secured|"
    r"lift|lifts|lifted|ups|upped|hike|hikes|hiked|ramp up|ramps up|ramped up|add to|adds to|"
    r"added to|double|doubles|doubled|lifts|"
    r"snap up|snaps up|an increase in|increase in|offer for|bid for|disclosed|discloses)"
)
_STAKE_OUT = (
    r"(?:sell|sells|selling|sold|offload|offloads|offloaded|dump|dumps|dumped|trim|trims|trimmed|"
    r"cut|cuts|cutting|reduce|reduces|reducing|reduced|unload|unloads|unloaded|divest|divests|"
    r"divested|exit|exits|exited|exiting|dispose of|disposes of|disposed of|pare|pares|pared|"
    r"slash|slashes|slashed|shed|sheds|sale of|selling of|hand|hands|handed)"
)
_STAKE = r"(?:stakes?|holdings?|shares|interest|equity)"
_PART = r"(?:(?:all|part|some|most|half|the rest|a portion|the remainder) of\s+)?"
_ASSET = (
    r"(?:business|businesses|unit|division|arm|operations|subsidiary|brand|assets|portfolio|stake)"
)
_SELL = r"(?:sell|sells|selling|sold|offload|offloads|offloaded|divest|divests|divested|sale of)"
_BUY = (
    r"(?:acquire|acquires|acquired|acquiring|buy|buys|buying|bought|purchase|purchases|purchased|"
    r"snap up|snaps up|snapped up|take over|takes over|took over|taking over|swallow|swallows|"
    r"absorb|absorbs|scoop up|scoops up|buy out|buys out|bought out|buy back|buys back|bought back)"
)
# After a bought name, these nouns mean goods, not the company (dev-0119 "buying
# Qualcomm modems", dev-0138 "taking over the Kentucky plants").
PRODUCT_AFTER: Final = (
    r"^\s*(?:'s\s+)?(?:[\w-]+\s+){0,2}?(?:chips?|modems?|gpus?|tpus?|processors?|shares|stock|"
    r"stakes?|"
    r"bonds?|products?|software|services|cloud|servers?|models?|cars?|vehicles?|batteries|phones?|"
    r"devices?|ads|content|rights|plants?|factories|factory|sites?|stores?|licen[cs]es?|work|"
    r"capacity|compute|computing|power|jets?|aircraft|planes?|engines?|games?|programs?|"
    r"programmes?|"
    r"funding|round|ipo|offering|board|seats?|songs|music|catalog|listing|index)\b"
)
# After a dropped name, these nouns mean no relationship ended (dev-0365 "pulls out
# of OpenAI funding round", dev-0366 "drop OpenAI board observer seats").
NOT_RELATIONSHIP_AFTER: Final = (
    r"^\s*(?:'s\s+)?(?:[\w-]+\s+){0,2}?(?:funding|round|ipo|offering|board|seats?|bid|talks|index|"
    r"listing|stake|shares|stock|bonds?)\b"
)
_LIC = r"(?=.*\blicen[cs])"  # acqui-hires come with a licence (dev-0090..0095)

# Investments and acquisitions; bot/detect_rules.py adds the partnership rules after them.
DEAL_RULES: Final[tuple[Rule, ...]] = (
    # --- acqui-hires: hire the team and license the technology.
    Rule(
        "acquihire",
        "acquisition",
        "svo",
        rf"\b(?:hires?|hired|hiring|poach\w*|pays?|paid)\s+(?:(?:the\s+|"
        rf"most\s+of\s+)?(?:co-)?founders?\s+(?:of\s+)?|(?:the\s+)?(?:ceo|team|staff|leaders?|"
        rf"executives?)\s+(?:of|from)\s+)?{_LIC}",
    ),
    Rule(
        "acquihire-license",
        "acquisition",
        "svo",
        r"\blicen[cs]\w*\s+(?:(?:its|the|some)\s+)?(?:(?:technology|models?|ip|patents|chips?)\s+)?"
        r"(?:from\s+)?(?=.*\bhir(?:e|es|ed|ing)\b)",
    ),
    Rule(
        "acquihire-return",
        "acquisition",
        "rev",
        rf"\b(?:return|returns|returning|rejoin|rejoins|rejoining)\s+(?:to\s+)?(?={ANY_ORG}){_LIC}",
    ),
    # --- sales of a business or stake, with or without a named buyer.
    Rule(
        "sell-asset",
        "investment",
        "sell",
        rf"\b{_SELL}\s+{_PART}(?:its\s+|their\s+|the\s+|an?\s+)?(?:{AMOUNTS}(?:stake\s+)?(?:in\s+|"
        rf"of\s+)(?:its\s+)?)?(?:{WORD}\s+){{0,4}}?{_ASSET}\b(?=\s+(?:of\s+{ANY_ORG}\s+)?to\b)",
        "out",
    ),
    Rule(
        "sell-to",
        "investment",
        "sell",
        rf"\b{_SELL}\s+{_PART}(?:its\s+|their\s+)?{AMOUNTS}(?:(?:stake|"
        rf"holding)\s+in\s+)?(?:its\s+)?(?={ANY_ORG}(?:\s+{WORD}){{0,3}}?\s+to\s+{ANY_ORG})",
        "out",
    ),
    Rule(
        "seek-buyer",
        "investment",
        "svo",
        r"\b(?:seek\w*|hunt\w*|look\w* for|find)\s+(?:an?\s+)?buyers?\s+for\b",
        "out",
    ),
    Rule(
        "stake-sale",
        "investment",
        "svo",
        rf"\b{_STAKE_OUT}\s+{_PART}(?:its\s+|their\s+|"
        rf"his\s+)?{AMOUNTS}(?:{WORD}\s+){{0,2}}?{_STAKE}\s+(?:in|of)\b",
        "out",
    ),
    Rule(
        "stake-sale-pre",
        "investment",
        "svo",
        rf"\b{_STAKE_OUT}\s+{_PART}(?:its\s+|their\s+)?{AMOUNTS}(?:of\s+)?(?={ANY_ORG}\s+{_STAKE}\b)",
        "out",
    ),
    Rule(
        "sale-of-unit",
        "investment",
        "svo",
        rf"\b(?:sale|sell|sells|selling|sold)\s+(?:of\s+)?(?:a\s+|its\s+|"
        rf"their\s+)?(?:{ONE_AMT}\s+(?:stake\s+)?(?:of|in)\s+)?(?:its\s+)?(?={ANY_ORG}\s+(?:{_ASSET}|"
        rf"stakes?|shares)\b)",
        "out",
    ),
    Rule(
        "sale-of-pct",
        "investment",
        "sell",
        rf"\b(?:sale|sell|sells|selling|sold)\s+(?:of\s+)?(?:a\s+|"
        rf"its\s+)?{ONE_AMT}\s+(?:stake\s+)?(?:of|in)\b",
        "out",
    ),
    # --- investment, in.
    Rule(
        "approach-stake",
        "investment",
        "svo",
        rf"\b(?:approach|approached|approaches)\s+{ANY_ORG}\s+(?:about|over)\s+(?:buying|taking|"
        rf"acquiring)\s+(?:an?\s+)?(?:{WORD}\s+)?(?:stake|shares)(?:\s+in)?\b",
        "in",
    ),
    Rule(
        "stake-buy",
        "investment",
        "svo",
        rf"\b{_STAKE_IN}\s+(?:an?\s+|its\s+)?{AMOUNTS}(?:{WORD}\s+)?(?:stakes?|shares|holding|"
        rf"interest)\s+(?:of\s+(?:more\s+than\s+|about\s+)?{ONE_AMT}\s+)?(?:in|of)\b",
        "in",
    ),
    Rule(
        "stake-buy-pre",
        "investment",
        "svo",
        rf"\b{_STAKE_IN}\s+(?:an?\s+)?{AMOUNTS}(?:of\s+)?(?={ANY_ORG}\s+(?:stake|shares)\b)",
        "in",
    ),
    Rule(
        "invest-in",
        "investment",
        "svo",
        rf"\b(?:invest|invests|invested|investing|investment|investments|pour|pours|poured|inject|"
        rf"injects|injected|plough|ploughs|funding)\s+(?:{AMOUNTS}|\w+\s+){{0,5}}?(?:in(?:to)?|to|"
        rf"for)\b(?!\s+(?:the\s+)?(?:talks|exchange|stock|cash)\b)",
        "in",
    ),
    Rule(
        "back",
        "investment",
        "svo",
        r"\b(?:back|backs|bankroll|bankrolls|funds)\b(?!\s+(?:round|from|by|of|for|in|to|"
        r"management|"
        r"strategy|plan|proposal|bid|offer|deal)\b)",
        "in",
        # "walks back", "buy back", "pushing back on" are not backing (dev-0108, dev-0182).
        not_after=r"\b(?:walk|walks|walked|pull|pulls|pulled|buy|buys|bought|scale|scaled|cut|cuts|claw|"
        r"bounce|bounced|hold|come|comes|came|fight|fights|push|pushed|pushing)\s*$",
    ),
    Rule(
        "backed-by",
        "investment",
        "rev",
        r"(?<=[\ue001] )(?:(?:is|was|are|were|been|being|gets|get|got|wins|"
        r"secures?)\s+)?(?:backed|funded|bankrolled)\s+by\b",
        "in",
    ),
    Rule(
        "lead-round",
        "investment",
        "svo",
        rf"\b(?:leads?|led|leading|co-leads?|co-led|joins?|joined|participates?\s+in|"
        rf"participated\s+in|backs)\s+{AMOUNTS}(?:{WORD}\s+){{0,3}}?(?:round|funding|financing|"
        rf"raise)\s+(?:in|for|of|into|by)\b",
        "in",
    ),
    Rule(
        "raise",
        "investment",
        "raise",
        rf"\b(?:raises?|raised|raising|secures?|secured|closes?|closed|lands?|landed|gets?|got|"
        rf"nabs?|bags?|snags?)\s+(?:{AMOUNTS}|\w+\s+){{0,4}}?(?:{ONE_AMT}|round|funding|financing|"
        rf"investment|series [a-h]\b)"
        rf"(?!\s*(?:of\s+)?{ANY_ORG}\s+(?:deal|takeover|acquisition|purchase|buyout|merger))"
        rf"(?!\s+(?:\S+\s+){{0,4}}?funds?\b)(?!\s+(?:{WORD}\s+){{0,3}}?(?:contracts?|deals?|"
        rf"orders?|agreements?)\b)(?!\s+(?:in\s+)?(?:debt|bonds?|notes|"
        rf"loans?|ipo|initial public|from\s+(?:its|the)\s+(?:ipo|listing|sale|offering)|"
        rf"through\s+(?:a|an|the)\s+(?:share|stock|bond)))",
        "in",
    ),
    Rule(
        "funding-round",
        "investment",
        "raise",
        r"\b(?:funding|financing|investment|series [a-h]) round\b",
        "in",
        # "valued at $100 billion in its latest funding round" is background (dev-0167).
        not_after=r"\b(?:latest|last|previous|prior|recent|earlier)\s*$",
    ),
    Rule(
        "seed-round",
        "investment",
        "svo",
        rf"\b(?:funding|financing|investment)\s+(?:to|for|in)\b(?=\s*{ANY_ORG})",
        "in",
    ),
    # --- acquisition.
    Rule(
        "take-private",
        "acquisition",
        "svo",
        rf"\b(?:take|takes|taking|took)\s+(?={ANY_ORG}\s+private\b)",
    ),
    Rule(
        "acquired-by",
        "acquisition",
        "rev",
        r"(?<=[\ue001] )(?:(?:is|was|are|were|been|being|to be|will be|agrees to be|"
        r"agreed to be)\s+)?(?:acquired|bought|purchased|taken over|taken private|"
        r"snapped up)\s+by\b(?:\s+(?:a\s+)?(?:consortium|group)\s+(?:of|led by)\b)?",
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
        r"\b(?:rejects?|rejected|rebuffs?|rebuffed|spurns?|"
        r"spurned)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:takeover|buyout|acquisition|"
        r"merger)?\s*(?:offer|bid|proposal|approach)\s+(?:from|by)\b",
    ),
    Rule(
        "rebuff-pos",
        "acquisition",
        "rev",
        rf"\b(?:rejects?|rejected|rebuffs?|rebuffed|spurns?|"
        rf"spurned)\s+(?={ANY_ORG}'s\s+(?:[\w-]+\s+){{0,3}}?(?:offer|bid|proposal|approach))",
    ),
    Rule(
        "buy",
        "acquisition",
        "svo",
        rf"\b{_BUY}\b(?!\s+(?:stake|shares|a stake|chips|back\s+(?:shares|stock)))",
    ),
    Rule(
        "acquisition-of",
        "acquisition",
        "svo",
        r"\b(?:acquisition|purchase|takeover|buyout|privati[sz]ation|bid|offer|counterbid|counteroffer|"
        r"deal to (?:buy|acquire)|agreement to (?:buy|acquire))(?:\s+(?:offer|bid|talks|proposal|"
        r"attempt|interest))?\s+(?:for|of)\b",
    ),
    Rule(
        "approach-about",
        "acquisition",
        "svo",
        rf"\b(?:approach|approached|approaches)\b(?=\s*{ANY_ORG}\s+(?:about|over|"
        rf"with)\s+(?:an?\s+)?(?:possible\s+|potential\s+)?(?:takeover|acquisition|deal|merger|"
        rf"buyout|bid|offer))",
    ),
    Rule(
        "rebuff-pre",
        "acquisition",
        "rev",
        rf"\b(?:rejects?|rejected|rebuffs?|rebuffed|spurns?|spurned)\s+(?={ANY_ORG}\s+(?:takeover\s+|"
        rf"buyout\s+)?(?:offer|bid|approach|proposal))",
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
        r"talks|deal|agreement))?",
    ),
    # --- partnership ended.
)
