"""Partnership triggers, and RULES: the whole ordered table the detector runs.

Formed and ended partnerships come after the investment and acquisition rules
(bot/detect_invest.py, bot/detect_acquire.py), so "deal" in "takeover deal" is
read as a takeover first.
"""

from __future__ import annotations

from typing import Final

from bot.detect_acquire import ACQUIHIRE_RULES, ACQUIRE_RULES
from bot.detect_deals import BID_FIRST, SUPPLY_FIRST
from bot.detect_invest import INVEST_RULES
from bot.detect_joint import JOINT_RULES, MOVED, PAY_FOR, SCALE_BACK, STANDS
from bot.detect_lexicon import (
    AMOUNT_RUN,
    AMOUNTS,
    ANY_ORG,
    ENDED_NOUNS,
    FORMED_NOUNS,
    ONE_AMT,
    WORD,
    Rule,
)
from bot.detect_more import DEAL_FIRST, PARTNER_FIRST
from bot.detect_press import PRESS_RULES
from bot.detect_shift import SHIFT_RULES

# Stopping what a partnership does ends it: "stop licensing its catalog to TikTok"
# (h5-0128), "halts shipments to Sophgo" (h5-0145), "stop accepting UK Visa credit cards"
# (h5-0126). It runs before the formed rules that would read "licensing ... to" as a deal.
STOP_DOING = Rule(
    "stop-doing",
    "partnership_ended",
    "svo",
    # "would end sales of its vehicles through Amazon" (dev-0344).
    rf"\b(?:stop|stops|stopped|stopping|halt|halts|halted|halting|cease|ceases|ceased|"
    rf"ceasing|end|ends|ended|ending)\s+(?:supplying|selling|licensing|shipping|providing|"
    rf"accepting|serving|carrying|streaming|distributing|buying|sourcing|shipments|deliveries|"
    rf"supplies|sales|orders|purchases|doing business)\b(?:\s+(?:{WORD}\s+){{0,4}}?(?:to|from|"
    rf"with|through|via)\b)?",
    keys="sto hal cea end",
)

# Selling out of a joint venture ends it with the partner: "BASF to sell stakes in
# Xinjiang joint ventures with Markor" (h5-0121; labelling guide: leaving a JV).
LEAVE_VENTURE = Rule(
    "leave-venture",
    "partnership_ended",
    "svo",
    rf"\b(?:sell|sells|selling|sold|sale of|offload|offloads|offloaded|divest|divests|divested|"
    rf"exit|exits|exited|exiting)\s+(?:its\s+|their\s+|the\s+|an?\s+)?(?:{AMOUNTS})?"
    rf"(?:stakes?|holdings?|interests?|shares)\s+in\s+(?:{WORD}\s+){{0,5}}?(?:joint ventures?|"
    rf"jvs?|ventures?)\s+(?:[^,;]{{0,40}}?\s)?with\s+(?:(?:its\s+|their\s+)?(?:[\w-]+\s+)?"
    rf"partners?\s+)?",
    keys="sel sol sal off div exi",
)
# Options for a holding "including a sale" are a divestment weighed: "Nestle is reviewing
# options for its 20% stake in L'Oreal, including a partial sale" (dev-0188), "explores
# options for waters unit, including stake sale" (h7-0121, h8-0062).
OPTIONS_SALE = Rule(
    "options-sale",
    "investment",
    "sell",
    rf"\b(?:explor\w*|review\w*|weigh\w*|consider\w*|evaluat\w*|study|studies|studying)\s+"
    rf"(?:strategic\s+)?(?:options|alternatives)\s+for\s+(?:its\s+|their\s+|the\s+)?"
    rf"(?:{AMOUNTS})?(?:(?:stake|holding)\s+in\s+{ANY_ORG}|(?:{ANY_ORG}\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"(?:business|unit|division|arm|operations|subsidiary|brand))"
    rf"(?=,?\s+(?:including|such as)\s+(?:an?\s+|the\s+)?(?:potential\s+|possible\s+|"
    rf"partial\s+|outright\s+|full\s+)?(?:stake\s+)?(?:sale|selling|divest))",
    direction="out",
    keys="exp rev wei con eva stu",
)
# A tie under review may end: "Deutsche Telekom is reviewing its cloud contract with Google
# and could move some workloads" (dev-0145). Speculative by its verb (bot/detect_words.py).
REVIEW_TIE = Rule(
    "review-tie",
    "partnership_ended",
    "svo",
    r"\b(?:review|reviews|reviewed|reviewing|reassess|reassesses|reassessing|re-evaluat\w*|"
    r"reevaluat\w*)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:contract|deal|partnership|"
    r"agreement|relationship|ties|alliance)\s+with\b",
    keys="rev rea re ree",
)
# Denied talks with no deal named are about working together: "Nissan says not in talks
# with Apple on cars" (h6-0090, h8-0170, h11-0070). Talks about a takeover or a stake are
# read by the deal rules.
NO_TALKS = Rule(
    "no-talks-with",
    "partnership_formed",
    "sym",
    rf"\bnot\s+(?:in|holding|having)\s+(?:any\s+)?(?:talks|discussions|negotiations)\s+with\b"
    rf"(?=\s*{ANY_ORG}(?!\s+(?:about|over|on|for|regarding)\s+(?:an?\s+|any\s+)?(?:[\w-]+\s+)?"
    rf"(?:merger|acquisition|takeover|buyout|stake|investment|sale|bid|offer|combination|"
    rf"tie-up|deal)))",
    keys="not",
)
# A supplier saying it will stop: "Mobileye said it will not supply Tesla beyond its current
# EyeQ3 chip" (h8-0007).
WONT_SUPPLY = Rule(
    "wont-supply",
    "partnership_ended",
    "svo",
    # Not "will not provide Credit Suisse with more money" (h14-0056): money is no supply.
    rf"\b(?:will not|won't|would not|no longer|to no longer)\s+(?:supply|supplies|ship to|sell to)"
    rf"\b(?=\s*{ANY_ORG}(?!\s+with\s+(?:any\s+)?(?:more\s+)?(?:money|capital|funding|cash|"
    rf"financing)))",
    keys="wil won wou no to",
)
# A cancelled order ends a supply relationship: "BMW has cancelled a 2 billion euro order
# for battery cells from Swedish maker Northvolt" (h5-0044), "cancels Boeing order".
CANCEL_ORDER = Rule(
    "cancel-order",
    "partnership_ended",
    "svo",
    rf"\b(?:cancel|cancels|cancelled|canceled|cancelling|canceling|scrap|scraps|scrapped|axe|"
    rf"axes|axed)\s+(?:(?:its|their|an?|the)\s+)?(?:(?:[^\s,;]+\s+){{0,5}}?orders?\s+"
    rf"(?:for\s+(?:{WORD}\s+){{0,4}}?)?(?:from|with)\s+(?:[a-z][\w'-]*\s+){{0,3}}?(?={ANY_ORG})|"
    rf"(?:{WORD}\s+){{0,3}}?(?={ANY_ORG}\s+(?:{WORD}\s+){{0,3}}?orders?\b))",
    keys="can scr axe",
)

PARTNER_RULES: Final[tuple[Rule, ...]] = (
    Rule("part-ways", "partnership_ended", "sym", r"\b(?:part|parts|parted|parting) ways\b"),
    Rule(
        "cut-ties",
        "partnership_ended",
        "sym",
        rf"\b(?:cut|cuts|cutting|sever|severs|severed|severing|end|ends|ended|ending|terminate|"
        rf"terminates|terminated|terminating|scrap|scraps|scrapped|dissolve|dissolves|dissolved|"
        rf"wind down|winds down|wound down|winding down|exit|exits|exited|quit|quits|abandon|"
        rf"abandons|abandoned|halt|halts|halted|pause|pauses|paused|suspend|suspends|suspended|"
        rf"cancel|cancels|cancelled|canceled|revoke|revokes|revoked|pull out of|pulls out of|"
        rf"pulled out of|pulling out of|withdraw from|withdraws from|withdrew from|walk away from|"
        rf"walks away from|walked away from|split up|splits up|splitting up|break up|breaks up|"
        rf"broke up|breaking up)\s+(?:its\s+|their\s+|the\s+|a\s+|his\s+|some\s+|"
        # "end its sponsorship of the Israel Football Association" (h5-0084)
        rf"all\s+)?(?:{WORD}\s+){{0,3}}?(?:ties|{ENDED_NOUNS})\b(?:\s+(?:with|between|"
        rf"of(?=\s+(?:the\s+)?{ANY_ORG}(?!'s))))?",
    ),
    # "as NetEase licensing deal expires" (h12-0056): the partner named before the deal.
    Rule(
        "partner-deal-ends",
        "partnership_ended",
        "pre",
        r"(?<=[\ue001] )(?:licensing|licence|license|supply|distribution|carriage|content|"
        r"partnership|publishing|sponsorship)?\s*(?:deal|agreement|contract|partnership|pact)\s+"
        r"(?:expires|expired|lapses|lapsed|ends|ended|winds down|wound down)\b",
        keys="lic sup dis car con par pub spo dea agr pac",
    ),
    Rule(
        "deal-ends",
        "partnership_ended",
        "sym",
        # "its ... partnership with Costco Wholesale Corp would end" (h8-0005), "contract
        # with UnitedHealth Group's OptumRx will expire" (h8-0025).
        rf"\b{ENDED_NOUNS}\s+(?:with\s+(?:the\s+)?(?:[\w.]+\s+)?(?:{ANY_ORG}'s\s+)?{ANY_ORG}\s+"
        rf"(?:[\w.]+\s+){{0,2}}?)?(?:to\s+|will\s+|would\s+|is\s+set\s+to\s+)?(?:wind(?:s|ing)?\s+"
        rf"down|expire[sd]?|lapse[sd]?|(?:would|will)\s+not\s+be\s+renewed|end(?:s|ed)?\s+without|"
        # "deal to end blackout" (h4-0031) is a new deal: the end needs a time after it.
        rf"(?:(?<=will )|(?<=would )|(?<=to ))end\b(?=\s*(?:$|[,.;]|in\b|on\b|at\b|after\b|next\b|"
        rf"by\b|when\b|early\b|later\b|this\s+(?:year|month|week)|\d)))",
    ),
    Rule(
        "drop",
        "partnership_ended",
        "svo",
        r"\b(?:drop|drops|dropped|dropping|ditch|ditches|ditched|dump|dumps|dumped|stop using|"
        r"stops using|stopped using|phase out|phases out|phased out|switch away from|"
        r"switches away from|abandon|abandons|abandoned|pull out of|pulls out of|pulled out of|"
        r"exit|exits|exited|sever ties with|cut off|cuts off|blacklist\w*|pull|pulls|pulled|"
        r"revoke|revokes|revoked|terminate|terminates|terminated|quit|quits|quitting)\b(?!\s+"
        r"(?:stake|shares|its stake|plans|out|back))"
        # "Sephora to leave J.C. Penney for Kohl's" (h10-0164): leaving one host for another.
        rf"|\b(?:leave|leaves|leaving|left)\b(?=\s*{ANY_ORG}\s+for\s+{ANY_ORG})",
    ),
    # "preparing for split from Renault" (h7-0049), "divorce from".
    Rule(
        "split-from",
        "partnership_ended",
        "svo",
        r"\b(?:split|splits|splitting|divorce|divorces|divorced|break-up|breakup)\s+(?:from|with)\b",
        keys="spl div bre",
    ),
    Rule(
        "resigns-as",
        "partnership_ended",
        "svo",
        r"\b(?:resign|resigns|resigned|quit|quits|steps? down|"
        r"stepped down)\s+as\s+(?:the\s+)?(?:[\w-]+\s+)?"
        r"(?:auditor|adviser|advisor|supplier|vendor|banker|underwriter|provider|partner)\s+(?:of|"
        r"to|for)\b",
    ),
    Rule(
        "named-as",
        "partnership_formed",
        "svo",
        r"\b(?:named|appointed|hired|chosen|selected|tapped)\s+(?:as\s+)?(?:the\s+)?(?:[\w-]+\s+)?"
        r"(?:auditor|adviser|advisor|supplier|vendor|banker|underwriter|provider|partner)\s+(?:of|"
        r"to|for)\b",
    ),
    Rule(
        "dropped-by",
        "partnership_ended",
        "rev",
        r"(?<=[\ue001] )(?:(?:is|was|are|were|been|being|gets|got)\s+)?(?:dropped|ditched|dumped|"
        r"replaced|axed)\s+by\b",
        keys="dro dit dum rep axe",
    ),
    Rule(
        "lose-customer",
        "partnership_ended",
        "sym",
        # "Affirm shares tumble 10% after losing Walmart partnership" (h3-0053): the
        # shares' owner lost it.
        rf"(?:\b(?:lose|loses|lost|losing)|(?<=[\ue001] )(?:shares|stock)\s+(?:{WORD}\s+){{1,5}}?"
        rf"after\s+losing)\b(?=\s*{ANY_ORG}(?:'s)?\s+(?:{WORD}\s+){{0,3}}?(?:as\s+(?:an?\s+|"
        rf"its\s+)?(?:\w+\s+)?(?:customer|client|partner|supplier|vendor|backer|investor|user)|"
        rf"account|contract|business|partnership|deal|order|work)\b"
        # "loses Costco, its biggest co-brand card partner" (h5-0108)
        rf"|\s*{ANY_ORG}\s*,\s*(?:its|their|a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:customer|client|"
        rf"partner|supplier|vendor|backer|investor|account)\b"
        # "loses Costco: exclusive card deal to end" (h8-0005)
        rf"|\s*{ANY_ORG}\s*:\s*(?:[\w-]+\s+){{0,4}}?(?:deal|partnership|contract|account)\b)"
        # "loses biggest customer Anthem" (h8-0024)
        rf"|\b(?:lose|loses|lost|losing)\s+(?:its\s+|their\s+|a\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?"
        rf"(?:customer|client|partner|supplier|vendor|backer|investor)\s+(?={ANY_ORG})",
        keys="los",
    ),
    # --- partnership formed.
    Rule(
        "in-deal",
        "partnership_formed",
        "inherit",
        rf"\b(?:in|as part of|under|through|and form|and forms|forming)\s+(?:an?\s+|"
        rf"the\s+)?(?:{ONE_AMT}\s+)?(?:[\w-]+\s+){{0,3}}?(?:joint venture|partnership|alliance|"
        rf"supply (?:deal|agreement|pact|contract)|licensing (?:deal|agreement)|cloud (?:deal|"
        rf"contract|agreement)|chip (?:deal|supply deal)|commercial (?:deal|agreement)|"
        rf"collaboration|deal to (?:deploy|supply|use|develop|build))\b",
        # "acquire Shell's 50% stake in joint venture Raizen" is a stake, not a new JV;
        # "cut Nissan stake to 15% in alliance overhaul" (h5-0050) reworks an old one.
        not_in=r"\b(?:alliance|partnership|venture)\s+(?:overhaul|revamp|shake-?up|review|"
        r"restructuring|rift|tensions?|dispute|row)\b",
        not_after=r"\b(?:stakes?|interests?|holdings?)\s*$",
    ),
    Rule(
        "partnership-grows",
        "partnership_formed",
        "sym",
        rf"(?<=[\ue001])'s\s+(?:[\w-]+\s+){{0,2}}?(?:partnership|deal|alliance|contract|tie-up|"
        rf"collaboration)\s+with\b(?=\s*{ANY_ORG}\s+(?:will\s+|to\s+|is\s+set\s+to\s+)?(?:expand|grow|"
        rf"extend|deepen|widen|broaden))",
        keys="exp gro ext dee wid bro",
    ),
    Rule(
        "partner",
        "partnership_formed",
        "sym",
        r"\b(?:partner|partners|partnered|partnering|team|teams|teamed|teaming) (?:up )?(?:with|"
        r"on|to)\b",
    ),
    Rule(
        "team-up",
        "partnership_formed",
        "sym",
        r"\b(?:team|teams|teamed|teaming|join|joins|joined) (?:up|forces)\b",
    ),
    Rule(
        "talks-about",
        "partnership_formed",
        "sym",
        rf"\b(?:talks?|discussions?)\s+(?:with\s+{ANY_ORG}\s+)?(?:about|on|over|for|"
        rf"to form)\s+(?:an?\s+|any\s+|the\s+)?(?:{WORD}\s+){{0,4}}?(?:{FORMED_NOUNS}|"
        # "not in talks with Huawei over chip supply" (holdout2 h2-0153)
        rf"supply|supplying|licensing|"
        # "not in talks with Apple on autonomous car development" (h8-0076, h8-0170)
        rf"projects?|development|developing|cooperat\w+|collaborat\w+)\b(?:\s+with)?",
    ),
    # Contract awards: "Nokia wins 5G contract from Deutsche Telekom" (holdout2 h2-0150),
    # "Pentagon awards Anthropic, Google, OpenAI and xAI contracts" (h2-0145).
    Rule(
        "win-from",
        "partnership_formed",
        "sym",
        rf"\b(?:win|wins|won|winning|land|lands|landed|secure|secures|secured|bag|bags|bagged|"
        rf"clinch|clinches|clinched|get|gets|got|receive|receives|received)\s+(?:an?\s+|its\s+|"
        rf"the\s+)?(?:{AMOUNT_RUN}|{WORD}\s+){{0,4}}?(?:contracts?|deals?|orders?|accounts?|"
        rf"agreements?)\s+from\b",
    ),
    # "Lockheed Martin wins $7.8 billion Pentagon contract" (h5-0019): the customer named
    # before the contract noun.
    Rule(
        "win-org-contract",
        "partnership_formed",
        "svo",
        rf"\b(?:win|wins|won|winning|land|lands|landed|secure|secures|secured|bag|bags|bagged|"
        rf"clinch|clinches|clinched)\s+(?:an?\s+|its\s+|the\s+)?(?:{AMOUNT_RUN}|{WORD}\s+){{0,3}}?"
        rf"(?={ANY_ORG}\s+(?:[\w-]+\s+){{0,2}}?(?:contracts?|deals?|orders?|accounts?|business)\b)",
    ),
    Rule(
        "award-contract",
        "partnership_formed",
        "svo",
        rf"\b(?:award|awards|awarded|awarding|grant|grants|granted)\b(?=\s*{ANY_ORG}(?:\s*(?:,|"
        rf"and|&)\s*{ANY_ORG})*\s+(?:an?\s+|the\s+)?(?:{WORD}\s+){{0,5}}?(?:contracts?|deals?|"
        rf"orders?)\b)",
    ),
    # "Apple is working with Anthropic on ..." (holdout2 h2-0133), "no plans to work with
    # Apple" (h2-0155). "has long worked with" is background.
    Rule(
        "work-with",
        "partnership_formed",
        "sym",
        r"\b(?:work|works|working|collaborate|collaborates|collaborating) (?:together |closely |"
        r"jointly )?with\b",
        # "it continues to work with Super Micro" (h11-0159) is the tie as it was.
        not_after=r"\b(?:has|have|had|long|already|previously|also|still)\s+(?:been\s+)?$|"
        r"(?:tinues?|tinued) to\s+$",
        # "OpenAI is phasing out its work with Scale AI" (story_groups g03): an ending.
        not_in=r"\b(?:phas\w+ out|wind\w* down|end|ends|ending|ended|stop\w*|halt\w*|cut\w*|"
        r"scal\w+ back|pull\w* back)\s+(?:its|their|the)\s+work\s+with\b",
    ),
    Rule(
        "sign-deal",
        "partnership_formed",
        "sym",
        rf"\b(?:sign|signs|signed|signing|ink|inks|inked|strike|strikes|struck|seal|seals|sealed|"
        rf"forge|forges|forged|form|forms|formed|forming|launch|launches|launched|announce|"
        rf"announces|announced|unveil|unveils|unveiled|clinch|clinches|clinched|reach|reaches|"
        rf"reached|agree|agrees|agreed|enter|enters|entered|enter into|enters into|entered into|"
        rf"set up|sets up|create|creates|created|establish|establishes|established|expand|expands|"
        rf"expanded|expanding|extend|extends|extended|deepen|deepens|deepened|renew|renews|"
        rf"renewed|broaden|broadens|broadened|widen|widens|widened|complete|completes|completed|"
        rf"wrap up|wraps up|finalise|finalises|finalize|finalizes|near|nears|nearing|win|wins|won|"
        rf"land|lands|landed|secure|secures|secured)\s+(?:an?\s+|its\s+|their\s+|the\s+|"
        rf"new\s+)?(?:{AMOUNT_RUN}|{WORD}\s+|\d[\d,.]*\s+){{0,4}}?{FORMED_NOUNS}(?!\s+(?:to\s+(?:buy|"
        # "form JV to sell Chinese EVs" sells goods (holdout3 h3-0077); "deal to sell its
        # unit" is a sale; "deal for Apple components" buys goods (h3-0200).
        # "reach deal to end cable blackout" (h6-0094) is a deal; "deal to end ties" is not.
        rf"acquire|take over|merge|combine|sell\s+(?:its|their|a|stakes?|{ANY_ORG})|end(?!\s+"
        rf"(?:the\s+|a\s+|an\s+|their\s+|its\s+)?(?:[\w-]+\s+)?(?:blackout|dispute|standoff|"
        rf"stalemate|strike|feud|fight|row|lawsuit|litigation|impasse)))|"
        # "signed a memorandum of understanding to begin talks on a merger" (h8-0085)
        rf"to\s+(?:begin|start|explore|hold|open)\s+(?:\w+\s+)?(?:talks|discussions|negotiations)|"
        # "a definitive agreement under which IBM will acquire Red Hat" (h6-0064)
        rf"(?:under|by)\s+which\b[^.;]{{0,60}}?\b(?:acquire|buy|merge|combine|purchase|sell)|"
        # "form $27 billion joint venture for Hyperion data center" (dev-0491): a facility.
        rf"for\s+(?:{ANY_ORG}(?!\s+(?:[\w-]+\s+)?(?:components|parts|chips|equipment|products|"
        rf"supplies|services|gpus|data cent(?:er|re)s?|campus|projects?|plants?|factory|"
        rf"facility|site)\b)|the)|on\s+(?:the\s+)?(?:sale|merger|"
        # "reached agreement on the terms of a recommended cash offer by DoorDash" (h3-0187)
        rf"acquisition|terms\s+of\s+(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+){{0,3}}?(?:offer|bid|"
        rf"takeover|acquisition|merger|sale|combination))))\b(?:\s+with)?",
        # "topping an agreed deal with Pfizer" (holdout2 h2-0049): an adjective, not a verb.
        not_after=r"\b(?:an?|the|its|their|his|her)\s+$",
    ),
    Rule(
        "jointly",
        "partnership_formed",
        "group",
        r"(?<=[\ue001] )(?:to|will|plan to|plans to|agree to)\s+(?:jointly\s+|"
        r"together\s+)?(?:develop|build|make|produce|launch|create|design|roll out|co-develop|"
        r"offer|bring)\b|\b(?:jointly|together)\s+(?:develop|build|make|produce|launch|create|"
        r"design)\b",
    ),
    Rule(
        "select",
        "partnership_formed",
        "svo",
        rf"\b(?:select|selects|selected|selecting|pick|picks|picked|choose|chooses|chose|chosen|"
        rf"tap|taps|tapped|hire|hires|hired|enlist|enlists|enlisted|award|awards|awarded|sign up|"
        rf"signs up|signed up)\b(?=\s*{ANY_ORG}(?:\s+|'s\s+)(?:as|for|to)\b)"
        # "Sanofi picks CD&R for control of consumer health unit Opella" (h10-0163): a buyer.
        rf"(?!\s*{ANY_ORG}\s+for\s+(?:control|a\s+stake|a\s+majority|sale|purchase|takeover|"
        rf"buyout)\b)",
    ),
    Rule(
        "picks-goods",
        "partnership_formed",
        "svo",
        rf"\b(?:pick|picks|picked|choose|chooses|chose|select|selects|selected|adopt|adopts|"
        rf"adopted|deploy|deploys|deployed|buy|buys|bought|order|orders|ordered|use|uses|"
        rf"spend\s+(?:{WORD}\s+){{0,4}}?on)\s+(?:up\s+to\s+)?(?:[\w$\ue002\ue001-]+\s+){{0,3}}?(?={ANY_ORG}(?:'s)?\s+(?:{WORD}\s+){{0,3}}?(?:chips|"
        rf"gpus|tpus|processors|cloud|servers|models?|software|platform|technology|batteries|"
        rf"engines|chatbots?|assistants?|apps?|jets|aircraft|planes|airplanes|airliners|"
        # "Emirates orders 65 more Boeing 777-9 jets" (holdout3 h3-0227)
        rf"turbines|locomotives|satellites|rockets)\b)",
        # "in talks with Google to use TPU chips" (dev-0285): the talks rule reads it.
        not_after=rf"(?:\bwith\s+{ANY_ORG}|\btalks)\s+to\s+$",
    ),
    Rule(
        "selected-by",
        "partnership_formed",
        "rev",
        # "Accenture said it had been selected by Britain's Department for Work and Pensions"
        # (h5-0097): "it" stands for the sentence's subject.
        r"(?:(?<=[\ue001] )|(?<=\bit )|(?<=\bthey ))(?:(?:is|was|are|were|been|gets|got|had been|"
        r"has been|have been)\s+)?(?:selected|picked|chosen|tapped|hired)\s+by\b",
        keys="sel pic cho tap hir",
    ),
    Rule(
        "supply-to",
        "partnership_formed",
        "svo",
        rf"(?<!continue to )(?<!continues to )(?<!continued to )\b(?:supply|supplies|supplying|"
        rf"provide|provides|providing)\s+(?:{WORD}\s+){{0,5}}?(?:to|for)\b",
    ),
    # "a contract ... to supply the U.S. Army with augmented reality headsets" (h8-0098).
    Rule(
        "supply-with",
        "partnership_formed",
        "svo",
        rf"(?<!continue to )(?<!continues to )\b(?:supply|supplies|supplying|provide|provides|"
        rf"providing|equip|equips|equipping)\s+(?:the\s+)?(?={ANY_ORG}\s+with\b)",
    ),
    # "will license technology from China's CATL" (h7-0062)
    Rule(
        "license-from",
        "partnership_formed",
        "svo",
        rf"\b(?:license|licenses|licensed|licensing|licence|licences|licenced)\s+(?:its\s+|the\s+|"
        rf"a\s+)?(?:{WORD}\s+){{0,3}}?from\b",
        keys="lic",
    ),
    Rule(
        "pay-for",
        "partnership_formed",
        "svo",
        rf"\b(?:pay|pays|paid|paying)\b(?=\s*{ANY_ORG}\s+(?:about\s+|roughly\s+|around\s+|"
        rf"up\s+to\s+)?{ONE_AMT})",
        # "to pay Kraft $2.8 billion to end coffee dispute" (h8-0163): damages, not a deal;
        # "pay Novo Holdings $11 billion for three fill-finish sites" (h14-0025): assets.
        not_in=r"\b(?:dispute|lawsuit|litigation|settle\w*|damages|fines?|arbitrat\w*|breach\w*|"
        r"penalt\w+|court|jury|judge)\b|\bfor\s+(?:\S+\s+){0,3}?(?:sites?|plants?|factor(?:y|ies)|"
        r"facilities|assets|properties|buildings?|stores?|warehouses?)\b",
    ),
)

RULES: Final[tuple[Rule, ...]] = (
    SCALE_BACK,
    STOP_DOING,
    LEAVE_VENTURE,
    OPTIONS_SALE,
    REVIEW_TIE,
    NO_TALKS,
    WONT_SUPPLY,
    CANCEL_ORDER,
    *BID_FIRST,
    *SUPPLY_FIRST,
    *DEAL_FIRST,
    *ACQUIHIRE_RULES,
    *INVEST_RULES,
    *ACQUIRE_RULES,
    PAY_FOR,
    STANDS,
    MOVED,
    *SHIFT_RULES,
    *PRESS_RULES,
    *JOINT_RULES,
    *PARTNER_FIRST,
    *PARTNER_RULES,
)
