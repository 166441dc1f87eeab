"""Partnerships announced inside investment news, and prices paid for companies.

Investment announcements often carry a commercial tie-up in a second clause: "Nvidia
will invest $5 billion in Intel and the two companies will jointly develop chips",
"Anthropic will make Amazon Web Services its primary training partner", "committed to
buy $30 billion of computing capacity from Azure" (brief for issue 4, "known open
constructions"; holdout h-files and varied cases in tests/data/detect_cases.yaml).
JOINT_RULES run with PRESS_RULES, after the investment and acquisition tables, so
the stake itself is read first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from bot.detect_lexicon import ANY_ORG, ONE_AMT, WORD, Rule
from bot.detect_words import INTACT, TIE_STRONG

if TYPE_CHECKING:
    pass

# What a company buys from a supplier under a long-term deal, not the supplier itself.
_SUPPLY = (
    r"(?:computing capacity|compute capacity|cloud capacity|capacity|compute|computing power|"
    r"cloud services|cloud computing|power|electricity|energy|nuclear power|gas|lng|crude|"
    r"chips|gpus|accelerators|processors|"
    # "has agreed to buy 470 jets from Airbus and Boeing" (h12-0202): an order is a supply deal
    r"jets|aircraft|planes|airliners|engines|locomotives|turbines|satellites|vehicles)"
)
# The role a chosen supplier is given: "its primary training partner".
_ROLE = r"(?:partner|provider|supplier|vendor|cloud|issuer|processor|lender)"
_TOGETHER = (
    r"(?:jointly develop|co-develop|work together|collaborate|partner|jointly build|"
    r"co-design|jointly design|jointly market|jointly sell|form an? (?:[\w-]+\s+){0,3}?"
    r"(?:partnership|alliance|venture|joint venture)|(?:agreed|signed|struck) an? "
    r"(?:[\w-]+\s+){0,3}?(?:collaboration|partnership|alliance|agreement|pact))"
)

# What two firms in talks would do together ("to use Gemini to power Siri"); "sell"
# only as a channel ("sell through ChatGPT"), since "talks to sell X" is a sale.
_JOINT_VERB = (
    r"(?:use|using|sell (?:through|on|via|in)|selling (?:through|on|via|in)|offer|offering|"
    r"integrate|integrating|supply|supplying|build|building|develop|developing|co-develop|power|"
    r"powering|deploy|deploying|distribute|distributing|license|licensing|bring|bringing|add|"
    r"adding|let|letting|provide|providing|produce|producing|manufacture|manufacturing|"
    r"jointly\s+\w+|partner|partnering)"
)

JOINT_RULES: Final[tuple[Rule, ...]] = (
    # A stake sale "ending decades-long alliance" (h8-0057) or a JV buyout "ending a 14-year
    # joint venture" (h8-0052, h5-0045): the stake's two sides part (labelling guide).
    # "makes multibillion-dollar investment in OpenAI, extending a partnership that began
    # in 2019" (h6-0124): the two of the deal just read renew their tie.
    Rule(
        "extending-tie",
        "partnership_formed",
        "inherit",
        # "deepening its ties" is no new deal (dev-0046, h2-0069).
        r",\s*(?:extending|expanding|broadening|renewing)\s+(?:an?\s+|the\s+|their\s+|its\s+)?"
        r"(?:[\w-]+\s+){0,3}?(?:alliance|partnership|relationship|tie-up|collaboration)\b",
        keys="ext exp bro ren",
    ),
    # "PepsiCo to invest $550 million in Celsius, become its main US distributor" (h12-0205):
    # the two of the deal just read start working together.
    Rule(
        "becoming-partner",
        "partnership_formed",
        "inherit",
        r"(?:,|\band)\s*(?:to\s+|will\s+|and\s+)?(?:become|becomes|becoming)\s+(?:its|their)\s+"
        r"(?:[\w-]+\s+){0,3}?(?:distributor|supplier|provider|partner|licensee|bottler|"
        r"manufacturer|vendor|customer|reseller)\b",
        keys="bec",
    ),
    Rule(
        "ending-tie",
        "partnership_ended",
        "inherit",
        r",\s*(?:thereby\s+|effectively\s+)?(?:ending|closing|concluding|severing|unwinding|"
        r"dissolving)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w'-]+\s+){0,3}?(?:alliance|"
        r"partnership|joint venture|venture|relationship|tie-up|ties|collaboration)\b",
        keys="end clo con sev unw dis",
    ),
    # "and the two companies will jointly develop chips" (h-files: Nvidia/Intel, Nokia,
    # ASML/Mistral): the two are the parties of the investment just read.
    Rule(
        "the-two",
        "partnership_formed",
        "inherit",
        rf"\bthe two\s+(?:companies\s+|firms\s+|groups\s+|sides\s+|businesses\s+)?"
        rf"(?:(?:will|would|also|plan to|plans to|agreed to|have agreed to|are set to|to)\s+)*"
        rf"(?:also\s+)?{_TOGETHER}\b",
        keys="two",
    ),
    # "Walmart in talks with OpenAI to sell through ChatGPT" (h3-0221), "Foxconn, Nvidia in
    # talks to build AI servers": talks toward working together, not toward a purchase.
    Rule(
        "talks-to-work",
        "partnership_formed",
        "sym",
        rf"\b(?:talks|discussions|negotiations)\s+(?:with(?=\s+{ANY_ORG}\s+(?:to|about|on)\s+"
        rf"{_JOINT_VERB}\b)|(?=(?:to|about|on)\s+{_JOINT_VERB}\b))",
        keys="tal dis neg",
    ),
    # "Disney channels go dark on YouTube TV" (h2, dev): a carriage deal that lapsed.
    Rule(
        "go-dark",
        "partnership_ended",
        "svo",
        r"\b(?:go|goes|went|gone|going)\s+dark\s+(?:on|for)\b",
        keys="dar",
    ),
    # "GSK hands back rights to CureVac mRNA vaccines" (h3-0149): a licence ends when the
    # licensee returns the rights to the licensor.
    Rule(
        "rights-back",
        "partnership_ended",
        "svo",
        r"\b(?:(?:hand|hands|handed|handing|give|gives|gave|giving)\s+back|return|returns|"
        r"returned|returning)\s+(?:the\s+|its\s+|their\s+|all\s+|global\s+|worldwide\s+|"
        r"full\s+|[\w-]+\s+)*?rights\s+(?:back\s+)?to\b",
        keys="rig",
    ),
    # "will make Amazon Web Services its primary training partner".
    Rule(
        "make-partner",
        "partnership_formed",
        "svo",
        rf"\b(?:make|makes|made|making)\b(?=\s*{ANY_ORG}\s+(?:[\w-]+\s+)?(?:its|their)\s+(?:{WORD}\s+){{0,3}}?"
        rf"{_ROLE}s?\b)",
    ),
    # "committed to buy $30 billion of computing capacity from Azure", "signs deal to buy
    # power from Kairos Power".
    Rule(
        "buy-supply-from",
        "partnership_formed",
        "svo",
        rf"\b(?:buy|buys|buying|bought|purchase|purchases|purchasing|purchased|source|sources|"
        rf"sourcing|sourced)\s+(?:up to\s+|about\s+|more than\s+)?(?:{ONE_AMT}\s+(?:worth\s+)?"
        rf"(?:of|in)\s+)?(?:additional\s+|more\s+|\d[\d,.]*\s+|[\w-]+\s+){{0,2}}?{_SUPPLY}\s+from\b",
        keys="buy bou pur sou",
        # "is likely to stop buying wireless chips from Broadcom" ends a deal (h3-0199).
        not_after=r"\b(?:stop|stops|stopped|stopping|end|ends|cease\w*|halt\w*|no longer)\s+$",
    ),
)

# "has agreed to pay about $32 billion in cash for cloud security startup Wiz": a price
# for a company is its purchase (brief for issue 4). A price for a stake, rights or a
# licence is not, nor one for goods (bot/detect_frames.py PRODUCT_AFTER).
PAY_FOR: Final[Rule] = Rule(
    "pay-for-company",
    "acquisition",
    "svo",
    rf"\b(?:pay|pays|paid|paying)\s+(?:about\s+|roughly\s+|around\s+|nearly\s+|more than\s+|"
    rf"up to\s+|some\s+)?{ONE_AMT}\s+(?:in\s+(?:cash|stock|cash and stock)\s+)?for\b"
    rf"(?!\s+(?:an?\s+|its\s+|the\s+)?(?:{ONE_AMT}\s+)?(?:stakes?|shares|rights|licen[cs]es?|"
    rf"access|data|content|the rights)\b)",
    keys="pay pai",
)

# "Ryanair said its relationship with Boeing was not at risk", "Marvell says Amazon
# relationship intact": a party says the tie stands, a denial that it ends (h3-0026,
# h3-0226, dev-0419). Every status here is also in DENIED, so the event is denied.
# "Formula One's US broadcast rights will move to Apple from ESPN": the owner leaves
# ESPN for Apple (h3-0178); a to-and-from switch in the passive of the owner's assets.
MOVED: Final[Rule] = Rule(
    "moved-to",
    "partnership_ended",
    "switch",
    rf"\b(?:rights|contract|account|business|deal|sponsorship|work)\s+(?:will\s+|would\s+|"
    rf"is\s+set\s+to\s+|are\s+set\s+to\s+|to\s+)?(?:move|moves|moved|moving|shift|shifts|"
    rf"shifted|switch|switches|switched|go|goes|went|pass|passes|passed|transfer|transfers|"
    rf"transferred)\s+to\s+{ANY_ORG}\s+from\s+{ANY_ORG}",
    keys="fro",  # every match holds "from"
)

STANDS: Final[Rule] = Rule(
    "tie-stands",
    "partnership_ended",
    "sym",
    rf"\b(?:partnership|relationship|ties|alliance|joint venture|venture|contract|agreement|"
    rf"collaboration|deal|pact)\s+(?:with\s+{ANY_ORG}\s+)?(?:(?:is|was|are|were|remains?|remained|"
    rf"stays?|stayed)\s+)?['\"‘“]?(?:{INTACT}|intact|valid|in place|in effect|not under review|"
    rf"not being reviewed)"  # "Leqembi partnership with Biogen is not under review" (dev-0237)
    # "its relationship with Kroger remained strong" (h10-0176), "remains 'strong'" (h11-0067)
    rf"|{TIE_STRONG}",
    keys="str ris pro ope fin sol unc tra int val pla eff rob hea not",  # the status words
)

# "Microsoft weighs scaling back OpenAI ties" (h3-0027): ties cut back end in part; read
# before the investment rules so "back" is not "backs" (money in). "Cut reliance on" is
# no ending (dev-0475), so only ties, work and business count.
SCALE_BACK: Final[Rule] = Rule(
    "scale-back-ties",
    "partnership_ended",
    "sym",
    rf"\b(?:scale|scales|scaled|scaling|pare|pares|pared|paring|wind|winds|winding|wound)\s+"
    rf"back\b(?=\s+(?:its\s+|their\s+)?(?:{ANY_ORG}\s+)?(?:ties|relationship|partnership|"
    rf"alliance|work|business)\b)",
    keys="bac",
)
