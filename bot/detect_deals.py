"""Trigger rules for trade-press and wire constructions holdout4 showed missing.

Each is a construction with its verb or noun family, not a phrase: a customer
won or lost told from the supplier's share price ("Nokia shares slump after
AT&T picks Ericsson"), carriage and rights deals ("go dark", "opts out of",
"lands ... in 10-year deal"), supply under a long-term deal, ended reliance,
stakes that make a top shareholder, control sold, and takeover proposals
received. Cases in tests/data/detect_cases.yaml ("holdout4 constructions").
BID_FIRST runs before the investment and acquisition tables, SUPPLY_FIRST
before the partnership tables (order in bot/detect_rules.py).
"""

from __future__ import annotations

from typing import Final

from bot.detect_lexicon import ANY_ORG, HANDED_NOUNS, WORD, Rule

_SHARES_MOVE = (
    r"(?:slump|slumps|slumped|fall|falls|fell|crash|crashes|crashed|sink|sinks|sank|tumble|"
    r"tumbles|tumbled|plunge|plunges|plunged|drop|drops|dropped|dive|dives|dived|slide|slides|"
    r"slid|sag|sags|sagged|lose|loses|lost|tank|tanks|tanked)"
)
# What a customer does to a supplier it leaves. Not "picks Y": a rival's shares slide
# as well when a customer picks someone else (dev-0125 "Baidu shares slide as Apple picks Alibaba").
_LEAVES = (
    r"(?:drops|dropped|dumps|dumped|ditches|ditched|(?:says\s+it\s+|said\s+it\s+)?"
    r"(?:will|would|to)\s+stop\s+using|stops using|stopped using|cuts|cut)\b"
)
_DEAL = r"(?:deal|deals|agreement|agreements|pact|contract|contracts|accord)"
_TERM = r"(?:\d+-year|[a-z]+-year|multiyear|multi-year|long-term|decade-long)"
_PROPOSAL = r"(?:takeover|buyout|acquisition|merger|bid|offer|proposal|approach|overture)"
_BUY = r"(?:buy|buys|buying|bought|acquire|acquires|acquiring|acquired|purchase|purchases)"

BID_FIRST: Final[tuple[Rule, ...]] = (
    # The market reads a bid: "Puma shares jump on report Anta Sports weighing takeover"
    # (dev-0257), "HubSpot shares jump on report Alphabet weighing offer" (holdout-0034),
    # "Telecom Italia shares jump on report Iliad eyes combination" (h5-0143). The one whose
    # shares rise is the target, the one named in the report the suitor.
    Rule(
        "shares-jump-on-bid-report",
        "acquisition",
        "rev",
        rf"(?<=\ue001 )shares?\s+(?:\S+\s+){{0,2}}?(?:jump|jumps|jumped|rise|rises|rose|surge|"
        rf"surges|surged|soar|soars|soared|rally|rallies|rallied|climb|climbs|climbed|spike|spikes|"
        rf"spiked|gain|gains|gained)\s+(?:\S+\s+){{0,3}}?(?:on|after)\s+(?:a\s+)?(?:\S+\s+)?"
        rf"reports?\s+(?:that\s+)?(?={ANY_ORG}\s+(?:is\s+|was\s+)?(?:weigh\w*|consider\w*|"
        rf"explor\w*|eye|eyes|eyeing|mull\w*|plan\w*|prepar\w*|studying|in talks|readies|"
        rf"readying)\s+(?:an?\s+)?(?:potential\s+|possible\s+)?(?:takeover|offer|bid|approach|"
        rf"combination|merger|buyout|acquisition)\b(?!\s+(?:of|for|with)\b))",
        keys="sha",
    ),
    # "Sony Group will become the largest shareholder in Kadokawa" (h12-0153), "ASML
    # becomes top shareholder in Mistral AI" (h11-0196).
    Rule(
        "become-shareholder",
        "investment",
        "svo",
        r"\b(?:become|becomes|became|becoming)\s+(?:the\s+|a\s+)?(?:largest|biggest|top|"
        r"second-largest|second-biggest|major|majority|controlling|single-largest)\s+"
        r"(?:outside\s+)?(?:shareholder|investor|owner|stakeholder)\s+(?:in|of)\b",
        "in",
        keys="bec",
        not_in=r"\b(?:buyback|buy-back|repurchases?|share count)\b",
    ),
    # "Equinor will take part in Orsted's planned rights issue" (h12-0168): new shares bought.
    Rule(
        "join-share-issue",
        "investment",
        "svo",
        rf"\b(?:take part in|takes part in|took part in|taking part in|participate in|"
        rf"participates in|participated in|subscribe to|subscribes to|subscribed to|"
        rf"underwrite|underwrites|underwrote)\s+{ANY_ORG}(?='s\s+(?:[\w\ue002\ue001$-]+\s+){{0,4}}?"
        rf"(?:rights issue|rights offering|capital increase|capital raise|share sale|share issue|"
        rf"placement)\b)",
        "in",
        keys="tak too par sub und",
    ),
    # A stake given to a named holder: "Intel agrees to give the U.S. government a 10% stake"
    # (story_groups g28). The one given the stake invests.
    Rule(
        "give-stake",
        "investment",
        "rev",
        rf"\b(?:give|gives|gave|giving|grant|grants|granted|granting|hand|hands|handed|issue|"
        rf"issues|issued)\s+(?:the\s+)?(?={ANY_ORG}\s+(?:an?\s+)?(?:\ue002\d+\ue001\s+)?(?:[\w-]+\s+)?"
        rf"(?:stake|shareholding|holding|equity stake)\b)",
        "in",
        keys="giv gav gra han iss",
    ),
    # "Intel said the U.S. government would invest $8.9 billion in its common stock" (g28):
    # "its" is the one speaking.
    Rule(
        "invest-in-its-stock",
        "investment",
        "svo",
        # Not "Vanguard bought $2 billion of its shares last quarter": routine buying.
        r"\b(?:invest|invests|invested|investing)\s+"
        r"(?:(?:up to|about|roughly|nearly|around|more than|another|an additional)\s+)?"
        r"(?:\ue002\d+\ue001\s+)?(?:worth\s+)?(?:of|in)\s+(?:its|their)\s+(?:common\s+|preferred\s+|"
        r"newly issued\s+|new\s+)?(?:stock|shares|equity)\b",
        "in",
        keys="inv",
    ),
    # "Kadokawa confirms Sony has made acquisition proposal" (h3-0072): the one confirming
    # received it.
    Rule(
        "confirms-proposal-made",
        "acquisition",
        "rev",
        rf"(?<=\ue001 )(?:confirms?|confirmed|says?|said)\s+(?:that\s+)?(?={ANY_ORG}\s+(?:has\s+|"
        rf"had\s+)?(?:made|submitted|sent|delivered)\s+(?:an?\s+)?(?:[\w-]+\s+){{0,2}}?"
        rf"(?:acquisition|takeover|buyout)\s+(?:proposal|offer|approach|bid)\b(?!\s+for\b))",
        keys="con say sai",
    ),
    # "Anglo American said it had received an unsolicited takeover proposal from BHP"
    # (h4-0139, h4-0147): the receiver is the target, the sender the suitor.
    Rule(
        "proposal-from",
        "acquisition",
        "rev",
        rf"\b(?:receive|receives|received|receiving|get|gets|got)\s+(?:an?\s+)?(?:{WORD}\s+){{0,5}}?"
        rf"{_PROPOSAL}(?:\s+{_PROPOSAL})?\s+from\s+(?:(?:an?|the)\s+)?(?:{WORD}\s+){{0,5}}?"
        rf"(?=(?:[\w-]+\s+){{0,4}}?{ANY_ORG})",
        keys="rec get got",
    ),
    # "Zurich does not intend to bid for Beazley" (h4-0175): a bid for a company.
    Rule(
        "bid-for",
        "acquisition",
        "svo",
        # "held internal discussions about potentially bidding for Perplexity" (h11-0141).
        r"\b(?:to\s+(?:bid|make\s+an?\s+offer)|bidding)\s+for\b",
        keys="bid off",
    ),
    # "Leonardo in advanced talks to buy the defence business of Iveco" (h4-0160).
    Rule(
        "buy-unit-of",
        "investment",
        "unit-of",
        # "buy the U.S. operations of short-video app TikTok" (h6-0030)
        rf"\b{_BUY}\s+(?:the|a)\s+(?:[\w.-]+\s+){{0,2}}?(?:business|unit|division|arm|"
        rf"operations)\s+of\b",
        "out",
    ),
    # "Sanofi enters exclusive talks to sell control of Opella to CD&R" (h4-0064).
    Rule(
        "sell-control",
        "investment",
        "sell",
        r"\b(?:sell|sells|selling|sold|cede|cedes|ceded|hand|hands|handed)\s+(?:majority\s+)?"
        r"control\s+of\b",
        "out",
    ),
    # "to become Seven & i's top shareholder with a 10% stake" (brief for issue 4).
    Rule(
        "top-holder",
        "investment",
        "svo",
        r"\b(?:become|becomes|became|becoming)\s+(?:the\s+)?(?=\ue000\d+\ue001's?\s+(?:[\w-]+\s+)?"
        r"(?:top|largest|biggest|second-largest|single largest|major|anchor)\s+(?:shareholder|"
        r"investor|stakeholder|owner)\b)",
        "in",
    ),
    Rule(
        "equity-stake",
        "investment",
        "svo",
        r"\b(?:take|takes|taking|took|taken|acquire|acquires|acquired|buy|buys|bought)\s+(?:an?\s+)?"
        r"(?:small\s+|minority\s+|strategic\s+)?equity\s+(?:stake|interest|position)\s+in\b",
        "in",
    ),
)

SUPPLY_FIRST: Final[tuple[Rule, ...]] = (
    # "Nokia shares slump after AT&T picks Ericsson" (h4-0027), "Imagination shares crash
    # after Apple says it will stop using its chips" (h4-0005): the customer leaves the
    # company whose shares moved.
    Rule(
        "shares-after-leaves",
        "partnership_ended",
        "svo",
        rf"(?<=\ue001)(?:'s)?\s+(?:shares?|stock)\s+{_SHARES_MOVE}\s+(?:[\w%-]+\s+){{0,5}}?"
        rf"(?:after|as|when)\s+(?=(?:[\w-]+\s+){{0,2}}?{ANY_ORG}\s+{_LEAVES})",
        keys="sha sto",
    ),
    # "YouTube TV warns NBCUniversal channels could go dark" (h4-0033), "to pull Disney channels".
    Rule(
        "go-dark",
        "partnership_ended",
        "sym",
        r"(?:\b(?:warns?|warned|says?|said)\s+(?:that\s+)?(?=\ue000)[^\s]+\s+)?"
        r"\b(?:channels?|networks?|stations?|programming|content|shows?)\s+(?:could|may|might|"
        r"would|will|to|set to)\s+go\s+dark\b|\b(?:went|goes|go)\s+dark\s+on\b",
        keys="dar",
    ),
    # "ESPN opts out of MLB deal" (h4-0111), "walks away from its licensing agreement".
    Rule(
        "opt-out",
        "partnership_ended",
        "sym",
        rf"\b(?:opt|opts|opted|opting|walk|walks|walked|walking|pull|pulls|pulled|pulling)\s+"
        rf"(?:out\s+of|away\s+from)\s+(?:its\s+|their\s+|the\s+|an?\s+)?(?:{WORD}\s+){{0,3}}?"
        rf"{_DEAL}\b",
    ),
    # "Netflix lands WWE Raw in $5 billion, 10-year deal" (h4-0110): a term means rights.
    Rule(
        "land-in-term-deal",
        "partnership_formed",
        "svo",
        rf"\b(?:land|lands|landed|nab|nabs|nabbed|snag|snags|snagged|win|wins|won|secure|"
        rf"secures|secured|clinch|clinches|clinched)\s+(?=[^.;]{{0,40}}?\b(?:in|under)\s+"
        rf"(?:an?\s+)?[^.;]{{0,30}}?{_TERM}\s+(?:[\w-]+\s+)?{_DEAL}\b)",
    ),
    # "Constellation to restart reactor to power Microsoft data centers under 20-year
    # deal" (h4-0054), "to supply Airbus under a long-term contract".
    Rule(
        "serve-under-deal",
        "partnership_formed",
        "svo",
        rf"\bto\s+(?:power|supply|serve|equip|fuel|feed|supply\s+power\s+to)\s+"
        rf"(?={ANY_ORG}[^.;]{{0,50}}?\bunder\s+(?:an?\s+|the\s+)?[^.;]{{0,20}}?{_DEAL}\b)",
        keys="pow sup ser equ fue fee",
    ),
    # "with Google buying its output under a 25-year power purchase agreement" (h4-0151).
    Rule(
        "ppa",
        "partnership_formed",
        "sym",
        r"\b(?:power|energy|electricity)\s+(?:purchase|supply)\s+(?:agreements?|deals?|contracts?)"
        r"\b|\bppas?\b",
        keys="pow ene ele ppa",
    ),
    # "ending a 15-year reliance on chips from Intel" (h4-0113), "ending its dependence on";
    # cutting reliance is no end (dev-0475 "to cut reliance on Nvidia").
    Rule(
        "end-reliance",
        "partnership_ended",
        "svo",
        r"\b(?:end|ends|ended|ending)\s+(?:an?\s+|its\s+|"
        r"their\s+)?(?:[\w-]+\s+){0,2}?(?:reliance|dependence|dependency)\s+on\s+(?:[\w-]+\s+){0,3}?"
        r"(?:from\s+)?(?=\ue000)",
    ),
    # "has chosen Barclays to take over its credit card from Goldman Sachs" (h4-0163).
    Rule(
        "chosen-from",
        "partnership_ended",
        "svo",
        rf"\b(?:choose|chooses|chose|chosen|pick|picks|picked|select|selects|selected|tap|taps|"
        rf"tapped)\s+{ANY_ORG}\s+to\s+(?:take over|replace|succeed|run|manage)\s+[^.;]{{0,60}}?"
        rf"\bfrom\s+(?={ANY_ORG})",
    ),
    # "JPMorgan to take over Apple Card from Goldman Sachs" (h3-0046, h4-0162): the
    # owner's role moves between providers (bot/detect_frames.py).
    Rule(
        "take-over-from",
        "partnership_ended",
        "handover",
        rf"\b(?:take|takes|took|taking|taken)\s+over\b(?=\s*(?:the\s+)?{ANY_ORG}[^.;]{{0,60}}?"
        rf"\bfrom\s+{ANY_ORG}|\s*{ANY_ORG}'s\s+[^.;\ue000]{{0,40}}?{ANY_ORG}\s+(?:[\w-]+\s+){{0,3}}?"
        rf"{HANDED_NOUNS}\b)",
        keys="ove",
    ),
    # "Beyond Meat signs deal to supply McDonald's with patties" (h4-0090), "a contract to
    # provide Airbus with": the deal's customer is named after the verb.
    Rule(
        "deal-to-supply",
        "partnership_formed",
        "svo",
        rf"\b{_DEAL}\s+to\s+(?:supply|provide|power|equip|furnish)\s+(?=\ue000\d+\ue001"
        rf"(?:'s)?\s+(?:with|for)\b)",
        keys="sup pro pow equ fur",
    ),
    # "has signed a $16.5 billion deal to make chips for Tesla" (h13-0051), "a global deal to
    # be McDonald's Corp's preferred supplier" (h13-0112).
    Rule(
        "deal-to-make-for",
        "partnership_formed",
        "svo",
        rf"\b{_DEAL}\s+to\s+(?:(?:make|build|produce|manufacture|supply|provide|deliver|develop|"
        rf"design|assemble)\s+(?:[\w-]+\s+){{0,4}}?(?:for|to)|be)\b(?=\s*\ue000\d+\ue001(?:'s\s+"
        rf"(?:[\w-]+\s+){{0,2}}?(?:supplier|provider|partner|manufacturer|vendor|distributor)\b)?)",
        keys="dea agr pac con acc",
    ),
    # Making goods for a named company is a supply tie: "denies report it will build cars for
    # Xiaomi" (h13-0127).
    Rule(
        "make-for",
        "partnership_formed",
        "svo",
        # Only a new tie: "will build", "agreed to make"; "TSMC makes chips for Nvidia" is a
        # standing fact (review 2026-11-26).
        r"\b(?:will|would|to|shall)\s+(?:start\s+|begin\s+|also\s+)?(?:make|build|produce|"
        r"manufacture|assemble)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:cars|vehicles|evs|chips|semiconductors|batteries|phones|smartphones|devices|"
        r"processors|engines|aircraft|jets|satellites|rockets|components)\s+for\b"
        r"(?=\s*\ue000\d+\ue001)",
        not_after=r"\b(?:which|who|that)\s+(?:\S+\s+)?$",
        keys="wil wou to sha",
    ),
    # "Anthropic named Amazon Web Services its primary training partner" (h4-0034),
    # "taps Hooli as preferred supplier".
    Rule(
        "name-partner",
        "partnership_formed",
        "svo",
        r"\b(?:name|names|named|naming|tap|taps|tapped|pick|picks|picked|select|selects|selected|"
        r"choose|chooses|chose|chosen|make|makes|made)\s+(?=\ue000\d+\ue001\s+(?:as\s+)?(?:its|their|"
        r"an?|the)\s+(?:[\w-]+\s+){0,3}?(?:partner|supplier|provider|vendor|carrier|distributor)\b)",
    ),
    # "Nike returns to selling directly on Amazon" (h4-0233), "resumes shipping to Huawei".
    Rule(
        "resume-serving",
        "partnership_formed",
        "svo",
        r"\b(?:(?:return|returns|returned|returning)\s+to|resume|resumes|resumed|resuming)\s+"
        r"(?:selling|supplying|shipping|working|streaming|listing|carrying|using)\s+(?:[\w-]+\s+)?"
        r"(?:on|through|via|to|with|for)\s+(?=\ue000)",
        keys="ret res",
    ),
    # "Meta in talks to spend billions on Google's AI chips" (h4-0211): a purchase deal.
    Rule(
        "spend-on",
        "partnership_formed",
        "svo",
        r"\b(?:spend|spends|spending|spent)\s+(?:\ue002\d+\ue001|billions|(?:hundreds of )?"
        r"millions)(?:\s+of dollars)?\s+on\s+(?=\ue000\d+\ue001's\s+(?:[\w-]+\s+){0,2}?(?:chips?|"
        r"processors|tpus|gpus|cloud|services|software|models|servers|satellites|launches))",
    ),
    # "BMW cancels 2 billion euro battery order with Northvolt" (h4-0131).
    Rule(
        "cancel-order",
        "partnership_ended",
        "svo",
        r"\b(?:cancel|cancels|cancelled|canceled|cancelling|canceling|scrap|scraps|scrapped)\s+"
        r"(?:an?\s+|its\s+|the\s+)?(?:[^\s]+\s+){0,4}?(?:order|orders|contract|contracts)\s+"
        r"(?:with|from|for)\s+(?=\ue000)",
    ),
    # "Kroger to stop accepting Visa" (h4-0071), "will stop covering Eli Lilly's Zepbound".
    Rule(
        "stop-using",
        "partnership_ended",
        "svo",
        r"\b(?:stop|stops|stopped|stopping|cease|ceases|ceased|end|ends|ended)\s+(?:using|"
        r"accepting|covering|stocking|carrying|taking|reimbursing)\s+(?=\ue000)",
    ),
)
