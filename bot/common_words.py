"""Word lists the matcher and `newsbot check` share: data, not logic.

No English word-frequency list ships offline here, so COMMON_WORDS is written
by hand: ordinary words (and a few famous non-company proper nouns) that are
also the names of companies, i.e. the words that make a naive matcher fire on
"at scale" or "box office". A name or alias made only of these words is
guarded by default (see bot/match.py) and flagged by `newsbot check` when the
watchlist gives it no guard.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


COMMON_WORDS = _words(
    """
    ace adobe affirm aim air alpha amazon ample anchor angel apple applied
    arc arch arm armor atlas atom aurora avenue axis
    balance bamboo base beacon bear bell berry best big bird black block bloom
    blue bolt bond boost box brave bridge bright brilliant broad buffer bumble
    cable canopy canvas capital carbon cardinal carrier cascade cast catalyst
    cedar center chain champion chase chime circle citizen civic clarity clear
    climb cloud coast cohere coin comet common compass core craft crane crest
    crown crystal current cursor
    dash data dawn delta depot dial digit direct discover dollar dove
    drift drive
    eagle echo edge element elevate ember embrace emerald empire energy epic
    equinox essential evolve exact
    falcon fathom figure fire first flat fleet flex flow focus forge fortune
    forward fountain fox frame frontier fuel fusion
    gap gem general genesis giant glean global globe gold granite graph gravity
    guardian guide gust
    harbor harmony harvest harvey haven heart helix hero hive honey horizon
    hub humane hyper
    icon ideal image impact infinity insight instinct intercom intuit iron ivy
    jaguar
    jasper jet jump
    key keystone kind kite
    labs lambda lantern launch leaf legacy lemonade level lever lift light lime
    linear link lion loom lotus lucid lumen luna
    magic magnet maple marble mars match matrix maven mercury merit mesa meta
    meteor mint mirror mission mistral momentum monday monument mosaic motion
    mountain
    native navigator nest network next nexus noble north notion nova nucleus
    oak oasis ocean office olive omega open optimal optimum orbit orchard
    oracle origin outlook
    paper patch path peak pearl pebble perplexity phoenix
    pilot pine pinnacle pioneer pitch pivot pixel planet plaid plug pocket
    poly polygon portal prime prism progressive prospect pulse pure
    quantum quest quill quilt quiet
    radar radiant rain ramp range rapid raven ready realm red reflex relay
    remarkable replicate resolve retool ripple river robin rocket root rover
    runway
    safe sage salt scale scout season second sensible sentinel shell shield
    shift sierra signal silver simple sky slack snowflake solid sonic space
    spark sphere spire spring sprout square stable stack star state steady
    stellar sterling stone storm strata stream stride stripe summit sun
    surge swift
    tally target tempo tesla thread thrive tide tiger titan token tower trace
    trail travelers tribe true trust truth turing twist
    union unity universal uplift upstart urban
    valor vanguard vector venture verge vertex via vine virgin visa vision
    vista vital vivid volt voyage
    wave wing wise wonder writer
    yield
    zenith zephyr zero zoom
    """
)

# What follows a sentence-initial or Title-Case common-word name and makes it
# read as a company ("Apple is exploring", "Notion raises $50M", "Target said
# on Tuesday", "Oracle Shares Soar"). Finite verbs: the auxiliaries, then the
# business verbs of the detector's triggers (bot/detect_lexicon.py) and of
# headline-ese, in -s and past forms. Nouns: what a company has. The trap
# followers ("Apple growers", "Block trades", "Visa rules", "Gap widens",
# "Sage advice") are deliberately absent. Set by the headline cases in
# tests/data/match_cases.yaml and bench/match_labelled.py.
FINITE_VERBS = _words(
    """
    is was has had will would can could should may might must does did
    isn wasn hasn won wouldn doesn didn
    said says announced announces raises raised acquires acquired buys bought
    invests invested partners partnered signs signed inks inked launches
    launched unveils unveiled reports reported agrees agreed hires hired sues
    sued selects selected taps tapped picks picked backs backed teams teamed
    ends ended cuts drops dropped files filed confirms confirmed denies denied
    plans planned nears neared seeks sought wins lays laid expands expanded
    exits exited sells sold merges merged pulls pulled withdraws withdrew
    strikes struck weighs weighed explores explored considers considered
    mulls mulled eyes eyed snaps snapped names named appoints appointed
    completes completed closes closed finalizes finalises finalized finalised
    terminates terminated scraps scrapped halts halted pauses paused
    renews renewed extends extended licenses licensed licences licensed
    joins joined leads led takes took makes made opens opened shuts shut
    posts posted beats beat misses missed tops topped warns warned
    settles settled loses lost gains gained jumps jumped falls fell rises rose
    slides slid soars soared surges surged slumps slumped plunges plunged
    tumbles tumbled climbs climbed doubles doubled trims trimmed boosts boosted
    debuts debuted releases released introduces introduced rolls rolled
    builds built spends spent pays paid offers offered bids bid wants needs
    aims targets courts courted pursues pursued approaches approached
    tells told faces faced gets got sees saw expects expected delays delayed
    secures secured lands landed clinches clinched nabs nabbed scoops
    divests divested spins spun lists listed ditches ditched dumps dumped
    replaces replaced drops quits quit abandons abandoned rejects rejected
    accepts accepted approves approved returns returned cut hit set put
    """
)
# "Apple to buy", "Snowflake To Acquire": base forms after "to".
BASE_VERBS = _words(
    """
    buy acquire invest sell cut partner merge raise launch hire sign take end
    drop exit pay build open close spin list join lay supply use offer expand
    pull bid back license licence form team settle sue replace shut make add
    deploy adopt integrate power host provide fund finance lead double trim
    boost slash axe scrap halt pause delay unveil release debut roll bring
    tap pick select name appoint invest divest
    """
)
COMPANY_CUES = FINITE_VERBS | _words(
    """
    shares stock ceo cfo cto coo founder cofounder chairman chief boss
    executives executive spokesperson spokesman spokeswoman
    inc corp ltd plc llc supplier suppliers rival rivals customer customers
    valued valuation investors shareholders board employees staff engineers
    relationship partnership earnings revenue profit stake
    """
)
# Just before a name, these say "a company": "AI startup Writer", "tech giant
# Apple", "rival Oracle", "retailer Target" (dev-0299, holdout-0140 style).
COMPANY_NOUNS = _words(
    """
    startup startups firm company companies rival rivals maker chipmaker
    automaker carmaker retailer giant owner partner partners customer
    customers supplier suppliers investor investors backer lender bank insurer
    carrier platform provider developer operator conglomerate unicorn peer
    peers competitor competitors subsidiary parent brand studio airline
    fintech group unit
    """
)
# A deal word, then one of ROLE_PREPOSITIONS, then the name: "Stake in Block",
# "Talks With Oracle", "Bid for Perplexity", "Acquired by Apple".
DEAL_NOUNS = _words(
    """
    stake stakes talks deal deals bid ties pact partnership agreement contract
    investment offer merger takeover alliance venture lawsuit suit
    teaming partnering investing merging talking
    """
)
# After a name, a corporate word that extends it ("Meta Platforms Beats", "Block
# Financial"): the name is a company's. Also after "as" ("with Meta as customer").
CORPORATE_WORDS = _words(
    """
    platforms technologies technology systems labs networks communications
    industries motors brands ventures financial pharmaceuticals therapeutics
    robotics semiconductor semiconductors software services solutions
    entertainment studios airlines bancorp
    """
)
# Before a name, these make it a noun phrase of the word: "a Block party", "Every
# Snowflake Is Different", "A Writer's Guide". ("the" is not one: "the Apple Watch".)
DETERMINERS = _words("a an every each this that no any some another")
ROLE_PREPOSITIONS = _words("with from by against in for to up on over into")
# A name spelt like these before a hyphen is the prefix, not the company
# ("Uber-Wealthy Buyers", "Meta-Analysis"), unless a company tail follows.
PREFIX_WORDS = _words("uber ultra super mega meta hyper multi micro mini anti non neo semi")
# Built-in forbidden context for a few common-word names: within
# NOT_CONTEXT_WINDOW tokens they say it is the word ("the Mistral, a strong
# northwesterly wind", dev-0030; "Apple growers ... harvest", dev-0010).
BUILTIN_NOT_CONTEXT: dict[str, tuple[str, ...]] = {
    "mistral": ("wind", "winds", "gust", "gusts", "gusted", "northwesterly", "gale"),
    "apple": ("fruit", "orchard", "orchards", "growers", "harvest", "cider"),
    "jaguar": ("wildlife", "cats", "zoo", "sightings", "rainforest"),
    "amazon": ("rainforest", "deforestation", "river", "basin", "jungle"),
    "snowflake": ("snowfall", "blizzard", "flurries"),
}

# Hyphenated tails that keep a company reading after a common-word name:
# "Meta-owned Instagram", "Apple-backed", "Oracle-based". Any other tail
# ("meta-analysis", "box-office") makes the compound an ordinary word.
COMPANY_COMPOUND_TAILS = _words(
    """
    owned backed based led funded made branded designed built powered
    affiliated controlled run linked supplied sponsored operated hosted
    """
)

# Trap phrases around common-word names that are never the company, even
# capitalised mid-sentence. Each key is a name token; each phrase is matched
# on folded tokens around the mention. From the trap list and the
# trap cases in tests/data/match_cases.yaml.
BUILTIN_EXCLUDES: dict[str, tuple[str, ...]] = {
    "scale": ("at scale", "to scale", "economies of scale", "scale up", "scale back", "scale down"),
    "meta": ("meta analysis", "meta description", "meta tag", "meta data"),
    "apple": ("apple harvest", "apple orchard", "big apple", "apple pie", "apple cider"),
    "oracle": ("oracle of omaha", "oracle of delphi", "the oracle at"),
    "box": ("box office", "black box", "box set"),
    "block": ("block party", "block parties", "block trade", "block trades", "building block"),
    "square": (
        "town square",
        "times square",
        "red square",
        "tiananmen square",
        "square feet",
        "square foot",
        "square mile",
        "square miles",
        "square kilometres",
    ),
    "mistral": ("mistral wind", "mistral winds", "the mistral blew", "the mistral blows"),
    "amazon": ("amazon rainforest", "amazon river", "amazon basin", "amazon jungle"),
    "shell": ("shell shock", "shell company", "shell companies", "shell game"),
    "target": ("target date", "target price", "price target", "target audience"),
    "gap": ("gender gap", "pay gap", "gap year", "mind the gap"),
    "visa": ("visa application", "visa applications", "student visa", "work visa", "h 1b visa"),
    "figure": ("figure skating", "figure skater", "public figure"),
    "zoom": ("zoom lens", "zoom in", "zoom out"),
    "slack": ("slack season", "cut slack", "some slack"),
    "snowflake": ("snowflake generation",),
    "turing": ("turing test", "turing award", "alan turing", "turing machine", "turing complete"),
    "lambda": ("lambda function", "lambda functions", "aws lambda", "lambda calculus"),
    "tesla": ("nikola tesla",),
    "mercury": ("planet mercury", "mercury poisoning", "mercury levels"),
    "notion": ("the notion that", "notion of"),
    "anthropic": ("anthropic principle",),
}

# Everyday and news words long enough to look like a typo of a name (6+
# letters) but never one: skipping them keeps the typo pass cheap and stops
# "Mercer"-style real words from being read as typos. Not exhaustive; the
# capitalisation rule and the edit limits do the rest.
NEWS_WORDS = _words(
    """
    about above across after again against agreement ahead almost already
    although always amount analyst analysts announce announced announcement
    another anyone around article artificial august backed became because
    become before behind being believe between billion board bought budget
    business called capital chief chips closed cloud company companies
    computing contract contracts customer customers decision december deal
    deals demand deployment details develop developer developers digital
    director during earlier effort enterprise enterprises equity europe
    executive expand expanded expects exclusive february financial financing
    following former friday funding further global government growth having
    hardware however including industry infrastructure initial inside interview
    investment investments investor investors january journal labelling
    labeling language largest launch launched leading length little market
    markets meanwhile million models monday months motion nearly network
    november number october official officials online operations options
    partner partners partnership partnerships people percent platform
    platforms policy previous private product products program project
    public quarter raised recent recently regulators report reported reports
    research revenue reuters round saturday second sector security september
    series services several shares should silicon similar software source
    sources spokesperson startup startups statement strategic strategy sunday
    supply system systems talent technology thursday through towards training
    tuesday valuation venture version wednesday whether within without workers
    worth would yesterday
    """
)
