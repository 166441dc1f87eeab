"""Word lists for the detector: certainty markers, filters, and name stoplists.

Patterns run over the masked, lowercased clause (see bot/detect_lexicon.py).
"""

from __future__ import annotations

import re
from typing import Final

# Certainty. Speculative: reports, plans and talks (issue 4's list; dev-0007
# "in talks", dev-0036 "said to explore", dev-0004 "plans to" + "people familiar").
SPECULATIVE: Final = re.compile(
    r"\b(?:in (?:early |advanced |preliminary |exclusive |final )?(?:talks|discussions|"
    r"negotiations)"
    r"|enter(?:s|ed|ing)? (?:into )?(?:exclusive |advanced |preliminary )?(?:talks|negotiations|"
    r"discussions)"  # "has entered exclusive talks to sell" (h10-0163, h4-0064)
    r"|hold(?:s|ing)? talks|held talks|talks (?:to|with|about|over|on)|nears?|nearing|"
    r"close to (?:a |an )?(?:deal|agreement)"
    r"|weighs?|weighing|weighed|consider(?:s|ing|ed)?|mulls?|mulling|explor(?:es?|ing|ed)|"
    r"studying|eyes|eyeing"
    r"|(?:review|evaluat)(?:es|s|ing|ed|e)? (?:strategic )?(?:options|alternatives)"
    r"|(?:review|reassess|re-evaluat|reevaluat)(?:es|s|ing|ed|e)? (?:its|their|the) "
    r"(?:[\w-]+ ){0,2}?(?:contract|deal|partnership|agreement|relationship|ties|alliance)"
    # "may", but not the month: "Munich, May 13, 2024 - Siemens AG has signed" (h10-0105)
    r"|plans? to|planning to|plan for|may(?! \d)|might|could|reportedly|rumou?r(?:s|ed)?|said to|"
    r"is said|are said"
    r"|according to|people (?:familiar|with knowledge|close)|person familiar|(?<!open )sources?\b|"
    r"familiar with"
    r"|seeks?|seeking|sought|discuss(?:es|ed|ing)?|in the running|poised to|expected to|likely to"
    r"|approach(?:es|ed)?|bid(?:s|ding)? for|offer(?:s|ed)? to|counterbid|rival offer|propos(?:es|"
    r"ed|al)"
    r"|shareholders? (?:to )?vote|to vote|courting|courts|pursu(?:es|ing|ed)|reported|report(?:s|"
    r"ed)? that"
    r"|potential(?:ly)?|possible|possibly|aims? to|looking to|looks to|wants to|intends? to|"
    r"considering"
    # "sign MoU to combine space businesses" is a preliminary step (holdout3 h3-0089).
    r"|(?:mou|memorandum of understanding|letters? of intent|preliminary (?:agreement|deal)) "
    r"to (?=combine|merge|explore))\b"
)
# A relationship said to stand: "partnership 'as strong as ever'" (h3-0026), "not at risk"
# (h3-0226), "progressing well" (dev-0419), "operating normally" (holdout-0157).
INTACT: Final = (
    r"(?:as strong as ever|stronger than ever|not at risk|progressing well|operating normally|"
    r"(?:is|was|remains|remained) ['\"‘“]?(?:fine|solid|unchanged|on track)\b)"
)
# A tie said to be strong: only with the tie named, since "demand remains strong" is no
# denial (h10-0176, h11-0067).
TIE_STRONG: Final = (
    r"\b(?:partnership|relationship|ties|alliance|collaboration|contract|agreement)\s+"
    r"(?:with\s+(?:the\s+)?(?:\S+\s+){0,3}?)?(?:remains?|remained|is|was|stays?|stayed)\s+"
    r"['\"‘“]?(?:strong|robust|healthy|solid)\b"
)
# A party pushes back on the report (dev-0009, dev-0047, dev-0049 "no plans to merge").
DENIED: Final = re.compile(
    r"(?<!not )(?<!n't )(?<!never )\b(?:den(?:y|ies|ied|ying)|"
    r"rejects? (?:a |the )?(?:media |news |newspaper |press )?reports?|"
    r"rejected (?:a |the )?(?:\w+ )?reports?|rebuff(?:s|ed)? (?:a |the )?(?:\w+ )?reports?"
    # holdout-0025 "contract remained in effect", holdout-0157 "venture ... intact",
    # holdout-0136 "not for sale".
    r"|(?:remains?|remained|is still|was still|stays|stayed) (?:in effect|valid|intact|in place)"
    r"|intact|not for sale|"
    + INTACT
    + r"|dismiss(?:es|ed)? (?:a |the )?(?:\w+ )?(?:reports?|speculation|rumou?rs?)|no (?:current |"
    r"immediate )?plans? (?:to|for)|not in (?:\w+ )?talks|no talks"
    r"|rules? out|ruled out|not pursuing|no longer pursuing"
    # "does not intend to make an offer for Vodafone" (h8-0074): a UK takeover-rules denial
    r"|(?:has|had|have) not received (?:any |an? )?(?:takeover |buyout )?(?:approach|offer|bid|"
    r"proposal)|received no (?:such )?(?:approach|offer|bid|proposal)"  # h4-0101, h2-0281
    r"|(?:does|did|do) not intend to (?:make|bid|buy|acquire|sell|invest|merge|pursue|launch|"
    r"take|raise|increase|exit|end)|not aware of any|has no intention|no intention|"
    r"isn't in talks|is not in discussions|"
    r"not in discussions|no active plans|not under review|refut(?:es|ed)|not true|no such|"
    r"not considering|not evaluating|not studying|is not (?:in|seeking|exploring)"
    # "Netflix Is Not Interested in Buying Warner Bros.", "not raising from Google" (h3).
    r"|not interested in|no interest in|not (?:raising|seeking) (?:money |funds |capital )?from"
    r"|not raising (?:capital|money|funds|new funds)"  # xAI, h14-0107
    # "said it would not pursue a deal for X" answers a report (issue 4's list).
    # "said a report that it would supply ... was \"not accurate\"" (h5-0101, h5-0156).
    r"|(?:was|were|is|are) [\"“']?(?:not accurate|inaccurate|incorrect|untrue|false|groundless|"
    r"baseless|unfounded|not correct|fabricated|pure speculation)"
    r"|call(?:s|ed|ing)? (?:the |a |it |that )?(?:\w+ )?(?:reports? )?[\"“']?(?:groundless|"
    r"baseless|untrue|false|inaccurate|incorrect|unfounded|fake news|speculation)"
    r"|(?:would|will|does|did) not (?:pursue|proceed with|make) (?:an? |any )?(?:[\w-]+ )?"
    r"(?:deal|offer|bid|takeover|acquisition|merger|approach))\b"
)
# Statements of no change ("won't invest", dev-0021) and refusals.
NEGATION: Final = re.compile(
    r"\b(?:won't|will not|wouldn't|would not|did not|didn't|does not|doesn't|do not|don't|not|"
    r"never|no longer"
    r"|declines? to|declined to|refuses? to|refused to|has yet to|fails? to|failed to|failing to|"
    # "TotalEnergies pauses new investments in Adani Group" (h14-0156)
    r"(?:paus|halt|freez|suspend)\w*\s+(?:all\s+|any\s+)?(?:new|further|future)|froze|frozen|"
    r"(?:has |have |had |sees |saw )?no need to|"  # "has no need to sell its stake" (h12-0007)
    # "Arm drops plan to cancel Qualcomm license" (holdout2 h2-0170): the plan is off.
    # "scrapping a plan announced last year to jointly develop" (h8-0020), "withdraws notice
    # to cancel Qualcomm license" (h8-0113).
    r"(?:drop|scrap|abandon|shelve|shelf|withdr[ae]w|rescind|revers)\w* (?:its |their |the |a )?"
    r"(?:[\w\ue002\ue001-]+ )?(?:plans?|notice|decision|threat)(?: [\w-]+){0,4}? to|unlikely to|"
    r"(?:have |had )?tried to|attempted to|rules? out|ruled out|without)\b"
)
# Questions, opinion and conditionals (dev-0020 "Should OpenAI drop Scale AI?").
HYPOTHETICAL: Final = re.compile(
    r"\b(?:should|if|unless|whether|why|would have|what if|how|opinion|analysis|column|"
    # "a clause in their contract that would cut off Microsoft's access" (holdout2 h2-0277)
    r"(?:clause|provision|term|condition)s?\s+(?:[\w-]+\s+){0,4}?(?:that|which)\s+would)\b"
)
# A takeover or merger whose talks ended never became a relationship (dev-0045, dev-0056).
CALLED_OFF: Final = re.compile(
    r"\b(?:call(?:s|ed)? off|ends?|ended|abandon(?:s|ed)?|scrap(?:s|ped)?|terminat(?:es?|ed)|"
    r"end(?:s|ed)? (?:talks|merger)|ends? its|walk(?:s|ed)? away"
    r"|collapse[sd]?|drops? plans?|dropped plans?|shareholders? reject\w*|vot\w+ against|fail(?:s|"
    # "In a block trade on Tuesday, SoftBank sold ..." blocks nothing (review 2026-11-26).
    r"ed)|failed|block(?:s|ed)?(?!\s+(?:trade|sale|purchase|of))|sues?|sued|lawsuit|probes?|"
    r"probing|investigat\w*|inquiry|scrutiny|"
    r"antitrust)\b"
)
# Regulators and courts examining an old deal are not news of a new one (dev-0017).
REGULATOR: Final = re.compile(
    r"\b(?:probes?|probing|investigat\w*|inquiry|scrutin\w*|antitrust|regulators?|lawsuit|sues?|"
    r"sued|court|judge|ftc|doj|cma|competition authority|authority|commission|review|reviews|"
    r"reviewing|clears?|cleared|watchdog|debate|derail\w*|jeopardi[sz]\w*|arbitration|"
    # "Biden Set To Block Nippon Steel's $14.9 Billion Bid For U.S. Steel" (h13-0021)
    r"block(?:s|ed|ing)?(?!\s+(?:trade|sale|purchase|of))|veto|vetoes|vetoed|vetoing|prohibits?|"
    r"prohibited)\b"
)

# Past-tense trigger words: an "after ..." clause in the past is background
# (dev-0004 "after rival Meta took a 49% stake in it").
BACKGROUND_LEAD: Final = re.compile(
    r"(?:^|\s)(?:after|since|when|months after|weeks after|years after|following)\s*$"
)
PAST_TRIGGER: Final = re.compile(
    r"\b(?:\w+ed|took|bought|sold|led|cut|struck|made|won|got|built|became)\b"
)

# What follows an investment that makes it capital spending, not a stake (dev-0015, dev-0016).
CAPEX_OBJECT: Final = re.compile(
    r"^\s*(?:the\s+|a\s+|an\s+|its\s+|new\s+|additional\s+|\w+\s+){0,3}(?:plant|plants|factory|"
    r"factories|facility|facilities|fab|fabs|data cent(?:er|re)s?|infrastructure|operations|"
    r"capacity|research|r&d|expansion|project|projects|sites?|campus|headquarters|hub|stores?|"
    r"cent(?:er|re)|lab|labs|practice|jobs|workforce|skills|"
    # "to invest $110 billion in Jafurah gas field" (h12-0061)
    r"fields?|mines?|refiner(?:y|ies)|terminals?|pipelines?|reactors?|wells?|deposits?|ports?)\b"
)

# Words never part of an organisation name by themselves, in any case: articles,
# prepositions, the triggers, headline vocabulary, months, days, descriptors
# (title case "Nvidia To Invest $5 Billion In Intel", dev-0006).
_STOP_TEXT = """
a an the and or but nor of in on at to for from by with into onto over under about after before as
than per via vs versus amid among between during since until while when where which who whom whose
what why how that this these those it its it's their there they them he she his her we our you
your i is are was were be been being has have had do does did will would shall should can could
may might must not no new more most up out off down also just now again still all any some each
every both other another says said say told tells reports report reported reportedly according
sources source people familiar exclusive update refile brief corrected correction breaking
analysis opinion column factbox explainer watch live video photos podcast interview newsletter
acquire acquires acquired acquiring acquisition acquisitions buy buys bought buying buyout
purchase takeover take takes taking took over merge merges merged merger mergers deal deals
agreement agreements invest invests invested investing investment investments stake stakes shares
share holding holdings sell sells sold selling sale offload offloads exit exits exits divest
divests trim trims cut cuts raise raises raised funding round series valuation valued value
billion million trillion bn mln partner partners partnered partnership partnerships team teams
teamed ties alliance venture joint pact contract sign signs signed inks ink strike strikes struck
form forms expand expands extend extends renew renews end ends ended terminate terminates drop
drops dropped part ways lose loses back backs backed talks talk weighs weigh considers mulls
explores plans plan nears near seeks eyes denies deny rejects reject dismisses wins win completes
complete closes close agrees agree launches launch unveils announce announces announced hires hire
picks pick selects select taps tap ceo cfo cto chief executive chairman president founder
co-founder head boss analyst analysts investors shareholders board officials spokesperson
spokesman spokeswoman executives executive startup start-up company companies firm firms group
maker giant rival rivals unit units business chipmaker automaker carmaker retailer lender bank
insurer developer provider operator platform owner parent subsidiary supplier customer customers
client clients vendor vendors stock stocks market markets shares price prices revenue profit
profits earnings quarter quarterly year years week weeks today yesterday tomorrow monday tuesday
wednesday thursday friday saturday sunday january february march april may june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec mr ms mrs dr
sir bid bids buy end cut tap pay win won use set get sue hire hires tried try tries have hold
holds make makes get gets see sees set sets pay pays go goes give gives keep keeps move moves turn
turns return returns push pushes shift shifts bring brings put puts run runs open opens start
starts worth top big major biggest largest first last next latest former ex global world
international national latin arab american european asian chinese japanese korean german french
british dutch
swiss swedish indian canadian australian italian spanish israeli taiwanese danish norwegian
finnish irish saudi emirati brazilian mexican russian u.s. us uk eu scandinavian nordic czech
polish austrian belgian portuguese greek turkish vietnamese indonesian thai malaysian singaporean
filipino african egyptian nigerian argentine chilean colombian peruvian hungarian romanian
ukrainian european asian korean south north east west western eastern southern northern isn't
qatari kuwaiti bahraini omani jordanian lebanese moroccan kenyan pakistani bangladeshi
argentinian venezuelan ecuadorian kazakh new-zealand luxembourg
aren't wasn't weren't won't doesn't didn't hasn't haven't hadn't can't couldn't wouldn't shouldn't
it's that's what's here's there's let's i'm we're they're we've
call calls called apart collapse collapses collapsed scraps scrapped walks
"""
STOPWORDS: Final[frozenset[str]] = frozenset(_STOP_TEXT.split())

# Words that may sit inside or at the end of a name but never make one alone
# ("Scale AI", "SoftBank Group", "Silver Lake Partners").
WEAK_NAME_WORDS: Final[frozenset[str]] = frozenset(
    [
        "ai",
        "group",
        "holdings",
        "capital",
        "partners",
        "ventures",
        "systems",
        "technologies",
        "labs",
        "bank",
        "motors",
        "motor",
        "pharma",
        "pharmaceuticals",
        "energy",
        "data",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "ag",
        "sa",
        "nv",
        "se",
        "a/s",
    ]
)

# Legal suffixes trimmed from a counterparty's name ("Meta Platforms Inc's" -> "Meta Platforms").
LEGAL_SUFFIX: Final = re.compile(
    r"(?:[,\s]+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Ltd\.?|Limited|LLC|L\.L\.C\.|PLC|"
    r"plc|AG|SA|S\.A\.|NV|N\.V\.|SE|A/S|ASA|AB|Oyj|GmbH|S\.p\.A\.|SpA|BV|KK|K\.K\.|Holdings?|"
    r"Group))+\.?$"
)

# Descriptor nouns before a name: "AI startup Anthropic", "private equity firm
# Silver Lake"; and anaphora: "the data-labelling startup" (dev-0004).
DESCRIPTOR: Final = re.compile(
    r"\b(?:startup|start-up|company|firm|group|maker|giant|rival|chipmaker|automaker|carmaker|"
    r"retailer|"
    r"lender|bank|insurer|developer|provider|operator|platform|owner|designer|supplier|specialist|"
    r"manufacturer|unicorn|fintech|grocer|conglomerate|producer|biotech|drugmaker|outfit|player)\b"
)
