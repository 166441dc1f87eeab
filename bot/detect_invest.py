"""Investment rules: stake buys and sales, rounds, backing, sales of a business.

Run after the acqui-hire rules and before the acquisition table (bot/detect_acquire.py),
so "sells its stake in X to Y" is a stake sale before "buy" can read it.
"""

from __future__ import annotations

from typing import Final

from bot.detect_lexicon import AMOUNT_RUN, AMOUNTS, ANY_ORG, ONE_AMT, WORD, Rule

# Stake changes (dev-0001 "take 49% stake", dev-0013 "sells entire Nvidia stake",
# dev-0029 "cuts Apple stake", dev-0181 "an increase in its stake").
_STAKE_IN = (
    r"(?:take|takes|taking|took|buy|buys|buying|bought|acquire|acquires|acquiring|acquired|"
    r"pick up|picks up|picked up|raise|raises|raised|boost|boosts|boosted|increase|increases|"
    r"increased|build|builds|built|get|gets|got|receive|receives|received|secure|secures|secured|"
    r"lift|lifts|lifted|ups|upped|hike|hikes|hiked|ramp up|ramps up|ramped up|add to|adds to|"
    r"added to|double|doubles|doubled|lifts|"
    # "completes acquisition of 41% stake in ITA Airways" (h11-0132)
    r"acquisition of|purchase of|"
    # "have each submitted non-binding offers for a minority stake in TAP" (h7-0085)
    r"snap up|snaps up|an increase in|increase in|offers? for|bids? for|disclosed|discloses|reveal|"
    r"reveals|revealed|unveils|unveiled)"
)
_STAKE_OUT = (
    r"(?:sell|sells|selling|sold|offload|offloads|offloaded|dump|dumps|dumped|trim|trims|trimmed|"
    r"cut|cuts|cutting|reduce|reduces|reducing|reduced|unload|unloads|unloaded|divest|divests|"
    r"divested|exit|exits|exited|exiting|dispose of|disposes of|disposed of|pare|pares|pared|"
    r"slash|slashes|slashed|shed|sheds|sale of|selling of|hand|hands|handed|halve|halves|halved)"
)
_STAKE = r"(?:stakes?|holdings?|shareholdings?|shares|interest|equity)"
# "to sell majority of Japan's Seiyu to KKR" (h12-0181)
_PART = (
    r"(?:(?:all|part|some|most|half|the rest|a portion|the remainder|(?:a |the )?majority|"
    r"(?:a )?minority|control) of\s+)?"
)
_ASSET = (
    r"(?:business|businesses|unit|division|arm|operations|subsidiary|brand|assets|portfolio|stake|"
    r"utilities|utility)"  # "sell three natural gas utilities to Canada's Enbridge" (h13-0163)
)
_OWN_UNIT = r"(?:business|businesses|unit|division|arm|operations|subsidiary)"
# Words before a buyer's name ("to Danish rival DSV"), not a purpose ("to fund OpenAI
# bets", holdout2 h2-0073).
_BUYER_WORD = (
    r"(?!(?:fund|finance|help|pay|invest|buy|back|focus|cut|support|boost|reduce|repay|raise|"
    r"build|expand|comply|meet)\b)[\w-]+"
)
# The unit named in apposition: "the sale of its logistics arm DB Schenker to Danish
# rival DSV" (h3-0104), "sell its plant-based meat brand The Vegetarian Butcher" (h3-0158).
_APPOSITIVE = (
    rf"(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_OWN_UNIT}|brand|label|chain|maker|developer|"
    rf"operator|firm|company|startup|venture)\s+(?:the\s+)?"
)
# "sell Initech chips to Hooli" sells goods, not a stake.
_GOODS = r"(?:chips?|products?|gpus?|processors?|modems?|software|services|cars|vehicles|phones)\b"
_SELL = r"(?:sell|sells|selling|sold|offload|offloads|offloaded|divest|divests|divested|sale of)"

INVEST_RULES: Final[tuple[Rule, ...]] = (
    # --- sales of a business or stake, with or without a named buyer.
    Rule(
        "sell-asset",
        "investment",
        "sell",
        rf"\b{_SELL}\s+{_PART}(?:its\s+|their\s+|the\s+|an?\s+)?(?:{AMOUNTS}(?:stake\s+)?(?:in\s+|"
        # "sell its Telxius telecom towers division in Europe and Latin America to American
        # Tower" (h13-0081): where the unit works may come before the buyer.
        rf"of\s+)(?:its\s+)?)?(?:{WORD}\s+){{0,4}}?{_ASSET}\b(?=\s+(?:of\s+{ANY_ORG}\s+)?"
        rf"(?:in\s+[^,;]{{0,40}}?\s+)?to\b)",
        "out",
    ),
    Rule(
        "sell-to",
        "investment",
        "sell",
        rf"\b{_SELL}\s+{_PART}(?:its\s+|their\s+|an?\s+|the\s+)?{AMOUNTS}(?:(?:stake|"
        rf"holding)\s+in\s+|of\s+)?(?:its\s+)?(?:{_APPOSITIVE})?(?={ANY_ORG}(?!\s+{_GOODS})"
        rf"(?:\s+{WORD}){{0,3}}?\s+to\s+(?:{_BUYER_WORD}\s+){{0,3}}?{ANY_ORG})",
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
        "stake-sale-pre",
        "investment",
        "svo",
        rf"\b{_STAKE_OUT}\s+{_PART}(?:its\s+|their\s+)?{AMOUNTS}(?:worth\s+)?(?:of\s+)?"
        # "sell $1 billion worth of Mobileye shares" (holdout2 h2-0091)
        rf"(?={ANY_ORG}\s+{_STAKE}\b)",
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
        "sale-of-unit",
        "investment",
        "svo",
        rf"\b(?:sale|sell|sells|selling|sold)\s+(?:of\s+)?(?:a\s+|its\s+|"
        # "weighs sale of Castrol lubricants business" (h11-0188), "sale of Jeppesen flight
        # navigation unit" (h11-0157): a named unit with its trade before the unit noun.
        rf"their\s+)?(?:{ONE_AMT}\s+(?:stake\s+)?(?:of|in)\s+)?(?:its\s+)?(?={ANY_ORG}\s+"
        # ("Rotterdam refinery assets" are plant: bot/detect_frames.py reads them as an asset
        # sale; plant words may not appear here, every rule word is a stop word for names.)
        rf"(?:[a-z][\w-]*\s+){{0,2}}?(?:{_ASSET}|stakes?|shares)\b)",
        "out",
    ),
    # "Nokia weighing sale of its mobile networks business" (holdout2 h2-0120), "said to
    # explore sale of networking unit" (dev-0084), "sale of a stake in its China business"
    # (h2-0093): the subject's own unit, no buyer named.
    Rule(
        "sale-of-own-unit",
        "investment",
        "sell",
        rf"\b(?:sale|sell|sells|selling|sold|divest|divests|divesting|offload|offloads|"
        rf"offloading)\s+(?:of\s+)?(?:(?:a|an|the)\s+)?(?:{AMOUNTS}stake\s+in\s+)?(?:its\s+|"
        rf"their\s+)?(?:[\w-]+\s+){{0,3}}?{_OWN_UNIT}\b(?!\s+(?:of\s+|to\s+)?{ANY_ORG})",
        "out",
    ),
    # "no plans to sell TikTok", "sell Mobileye" (holdout2 h2-0115): a named company sold,
    # not its goods ("sell chips to Huawei" names goods first).
    Rule(
        "sell-named",
        "investment",
        "sell",
        # "weighs sale of department store chain Intime" (h12-0135): a description first.
        rf"\b(?:sell|sells|selling|sold|offload|offloads|offloaded|sale of)\s+(?:its\s+)?"
        rf"(?:(?:(?!(?:to|itself|from|for|with|by|of|in|at|on)\b)[\w-]+\s+){{0,3}}?(?:chain|brand|label|"
        rf"unit|business|division|subsidiary|maker|operator|developer)\s+)?"
        rf"(?={ANY_ORG}(?:\s*$|\s*[,;.]|\s+(?:to|for|in|as|after|amid|or|and|"
        rf"unit|business|stake)\b))",
        "out",
    ),
    Rule(
        "sale-of-pct",
        "investment",
        "sell",
        rf"\b(?:sale|sell|sells|selling|sold)\s+(?:of\s+)?(?:a\s+|"
        # "sold about 5% of Siemens Healthineers" (h11-0138, h7-0010)
        rf"its\s+)?(?:about\s+|roughly\s+|around\s+|nearly\s+|some\s+|almost\s+)?{ONE_AMT}\s+"
        rf"(?:stake\s+)?(?:of|in)\b",
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
        rf"\b{_STAKE_IN}\s+(?:an?\s+)?{AMOUNTS}(?:worth\s+)?(?:of\s+)?(?={ANY_ORG}\s+(?:stake|"
        rf"shares)\b)",
        "in",
    ),
    # "buy $400 million of preferred stock in MP Materials" (holdout2 h2-0081).
    Rule(
        "stock-buy",
        "investment",
        "svo",
        rf"\b{_STAKE_IN}\s+{AMOUNTS}(?:worth\s+)?of\s+(?:[\w-]+\s+){{0,2}}?(?:stock|shares|"
        rf"equity)\s+in\b",
        "in",
    ),
    Rule(
        "invest-in",
        "investment",
        "svo",
        rf"\b(?:invest|invests|invested|investing|investment|investments|pour|pours|poured|inject|"
        rf"injects|injected|plough|ploughs|funding)\s+(?:{AMOUNT_RUN}|\w+\s+){{0,5}}?(?:in(?:to)?|to|"
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
        keys="bac fun ban",
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
        rf"nabs?|bags?|snags?)\s+(?:{AMOUNT_RUN}|\w+\s+){{0,4}}?(?:{ONE_AMT}|round|funding|financing|"
        rf"investment|series [a-h]\b)"
        rf"(?!\s*(?:of\s+)?{ANY_ORG}\s+(?:deal|takeover|acquisition|purchase|buyout|merger))"
        rf"(?!\s+(?:\S+\s+){{0,4}}?funds?\b)(?!\s+(?:{WORD}\s+){{0,3}}?(?:contracts?|deals?|"
        rf"orders?|agreements?)\b)(?!\s+(?:in\s+)?(?:debt|bonds?|notes|"
        rf"loans?|ipo|initial public|from\s+(?:its|the)\s+(?:ipo|listing|sale|offering)|"
        rf"through\s+(?:a|an|the)\s+(?:share|stock|bond)))"
        # "raise its investment in its Texas chipmaking hub" (holdout2 h2-0197): its own plant.
        rf"(?!\s+in\s+(?:its|their)\s+(?!{ANY_ORG}))",
        "in",
        # "Arm raises $4.87 billion in biggest IPO" (h2-0248): a listing, not an investor's money.
        not_in=r"\b(?:ipo|initial public offering|listing|market debut|bond sale)\b",
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
)
