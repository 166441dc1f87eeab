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
    jasper jet jump
    key keystone kind kite
    labs lambda lantern launch leaf legacy lemonade level lever lift light lime
    linear link lion loom lotus lucid lumen luna
    magic magnet maple marble mars match matrix maven mercury merit mesa meta
    meteor mint mirror mission mistral momentum monday monument mosaic motion
    mountain
    native navigator nest network nexus noble north notion nova nucleus
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

# Words that, right after a capitalised common-word name, make it read as a
# company ("Notion raises $50M", "Target said on Tuesday"): they let a
# sentence-initial or title-case mention count when the entity has no
# context list. Set by the headline cases in tests/data/match_cases.yaml.
COMPANY_CUES = _words(
    """
    said says announced announces announce raises raised raising acquires
    acquired acquire acquiring buys bought buy invests invested investing
    partners partnered partnering signs signed inks inked launches launched
    unveils unveiled reports reported agrees agreed hires hired sues sued
    shares stock ceo cfo cto founder executives spokesperson spokesman
    spokeswoman selects selected taps tapped picks picked backs backed
    teams teamed ends ended cuts cut drops dropped valued valuation files
    filed confirms confirmed denies denied plans planned nears seeks wins
    won lays expands expanded exits exited sells sold merges merged
    inc corp ltd plc llc supplier suppliers rival rivals customer customers
    could will would may might pulls withdraws withdrew hire lay strikes
    """
)

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
