"""Whether a candidate match is the company or the word (pure).

Precision first: a name that is an ordinary word ("Scale", "Notion", "Oracle")
must be written with its capital, must not sit in a trap phrase ("at scale",
"the Oracle of Omaha") or a compound ("meta-analysis"), and needs evidence
when its capital proves nothing (sentence start, Title-Case Headline): a
context word from the watchlist, a legal suffix, a company verb right after
it ("Notion raises"), or an unambiguous mention of the same company nearby.
Each check returns None to accept, or the reason it refused, for `explain`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.common_words import COMMON_WORDS, COMPANY_COMPOUND_TAILS, DETERMINERS, PREFIX_WORDS
from bot.match_cues import cue_after, cue_before, listed_with_a_name, word_context
from bot.match_index import AliasEntry, EntityInfo
from bot.models import HEADLINE_SEPARATOR
from bot.normalize import canon_sep, shape

# Context words count within this many tokens either side of the mention: a
# headline plus the first sentence or two of a 40-80 word lede.
CONTEXT_WINDOW = 25
# A headline is Title Case (or ALL CAPS) when this share of its other 4+
# letter words are; "Meta Signs Deal With Scale" is, "Meta signs deal" is not.
# 0.6 took "Apple, Google in talks to use Gemini to power new Siri - Bloomberg"
# (4 names in 6 words) for Title Case; 0.8 keeps every trap case in the table.
TITLE_CASE_SHARE = 0.8
TITLE_CASE_MIN_WORDS = 3
SENTENCE_END = ".!?:;\n|•"
OPENERS = "\"'“‘«([ \t\u00a0"
EXCHANGES = frozenset(
    {"nasdaq", "nyse", "lse", "tsx", "asx", "hkex", "otc", "tse", "xetra", "euronext"}
)
WORD_RE = re.compile(r"[^\W\d_][^\W_]*")
# "Perplexity makes $34.5 billion bid", "Mistral raises €1.7 billion": money
# within two words after a name reads as a company.
MONEY_AFTER_RE = re.compile(r"(?:'s|’s)?(?:\s+[^\W\d_]+){0,2}\s+[$€£¥]\s?\d")
# "Apple (AAPL.O)", "Apple Inc (NASDAQ: AAPL)": a ticker in brackets after a name.
TICKER_AFTER_RE = re.compile(r"\s*\((?:[A-Z]+(?: [A-Z]+)?:\s?)?[A-Z]{1,5}(?:\.[A-Z]{1,2})?\)")
# Wire-service furniture before a headline or lede: "EXCLUSIVE-", "UPDATE 2-",
# "RPT-", "BRIEF-", "Exclusive:", "BREAKING:", "(Reuters) -", "LONDON, June 12
# (Reuters) -", "SAN FRANCISCO --". What follows it starts the sentence.
_AGENCY = (
    r"\((?:Reuters|Bloomberg|AP|AFP|Dow Jones|IFR|Business Wire|BUSINESS WIRE|PRNewswire"
    r"|GLOBE NEWSWIRE)\)"
)
WIRE_PREFIX_RE = re.compile(
    r"(?:\s*(?:"
    r"(?:EXCLUSIVE|BREAKING(?: NEWS)?|UPDATE(?: \d+)?|BRIEF|RPT|REFILE|CORRECTED|CORRECTION"
    r"|INSTANT VIEW|WRAPUP(?: \d+)?|ANALYSIS|FACTBOX|EXPLAINER|COLUMN|BUZZ|DEALTALK|FOCUS"
    r"|INSIGHT|BREAKINGVIEWS|HIGHLIGHTS|TIMELINE)\s*[-:–—|]"
    r"|(?:Exclusive|Breaking|Update|Updated|Analysis|Factbox|Explainer|Opinion|Correction"
    r"|Corrected|Watch|Live|Video|Scoop|Brief)\s*[:|]"
    rf"|{_AGENCY}\s*[-–—]+"
    r"|[A-Z][A-Za-z.'’ ]{1,40}?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    rf"\s*{_AGENCY}\s*[-–—]*"
    r"|[A-Z][A-Z.'’ ]{2,30}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:--|[-–—](?=\s))"
    r")\s*)+"
)


@dataclass(slots=True)
class Hit:
    i: int  # token range [i, j) of the name itself
    j: int
    entry: AliasEntry
    start: int = 0  # character span, possessive and legal suffix included
    end: int = 0
    edits: int = 0  # a typo's edit count
    typo_token: int = -1  # which token carries it
    possessive: bool = False
    suffix: bool = False  # followed by a legal form: "Oracle Corp."


@dataclass
class Doc:
    text: str
    toks: list[str]
    starts: list[int]
    ends: list[int]
    _leads: tuple[int, int, int] | None = field(default=None, repr=False)

    def surface(self, k: int) -> str:
        return self.text[self.starts[k] : self.ends[k]]

    def sep_before(self, k: int) -> str:
        return canon_sep(self.text[self.ends[k - 1] : self.starts[k]]) if k > 0 else "\n"

    def phrase_at(self, phrase: tuple[str, ...], lo: int, hi: int) -> int:
        """Start of `phrase` in tokens [lo, hi), or -1."""
        n = len(phrase)
        for k in range(max(lo, 0), min(hi, len(self.toks)) - n + 1):
            if self.toks[k] == phrase[0] and tuple(self.toks[k : k + n]) == phrase:
                return k
        return -1

    def leads(self) -> tuple[int, int, int]:
        """Where the headline and the lede really start, past any wire prefix or
        dateline; and where the headline ends."""
        if self._leads is None:
            end = self.text.find(HEADLINE_SEPARATOR)
            starts = [0] if end < 0 else [0, end + len(HEADLINE_SEPARATOR)]
            found = []
            for at in starts:
                m = WIRE_PREFIX_RE.match(self.text, at)
                found.append(m.end() if m else at)
            self._leads = (found[0], found[-1], end)
        return self._leads

    def after_wire_prefix(self, start: int) -> bool:
        """ "EXCLUSIVE-Meta in talks": the hyphen belongs to the prefix, not to a compound."""
        head, lede, _ = self.leads()
        return start in (head, lede) and start > 0 and self.text[start - 1] not in "\n"

    def sentence_initial(self, start: int) -> bool:
        head, lede, _ = self.leads()
        if start in (head, lede):
            return True
        k = start - 1
        while k >= 0 and self.text[k] in OPENERS:
            k -= 1
        return k < 0 or self.text[k] in SENTENCE_END

    def headline_style(self, start: int, hit: Hit) -> str:
        """ "title", "caps" or "" for the headline the mention is in."""
        head, _, end = self.leads()
        if end < 0:
            end = len(self.text) if "\n" not in self.text and len(self.text) < 160 else 0
        if start >= end:
            return ""
        own = {self.surface(k) for k in range(hit.i, hit.j)}
        words = WORD_RE.findall(self.text[head:end])[1:]
        words = [w for w in words if len(w) >= 4 and w not in own]
        if len(words) < TITLE_CASE_MIN_WORDS:
            return ""
        if sum(w.isupper() for w in words) >= TITLE_CASE_SHARE * len(words):
            return "caps"
        if sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words):
            return "title"
        return ""


def case_problem(doc: Doc, hit: Hit) -> str | None:
    e = hit.entry
    if hit.edits and not doc.surface(hit.i + hit.typo_token)[:1].isupper():
        return "lower case; typos are matched only when capitalised"
    if e.case_rule == "exact":
        for n, k in enumerate(range(hit.i, hit.j)):
            seen = shape(doc.surface(k))
            if seen != e.shapes[n]:
                low = "lower case" if seen.islower() else "capitalisation differs"
                what = {"name": "name", "ticker": "ticker"}.get(e.kind, "alias")
                return f"{low}; the {what} '{e.written}' requires its capitalisation"
    elif e.case_rule == "capital":
        checked = range(hit.i, hit.j) if e.ambiguous else range(hit.i, hit.i + 1)
        for n, k in enumerate(checked):
            written, seen = e.shapes[n], shape(doc.surface(k))
            ok = seen == written if (e.ambiguous and not written.islower()) else seen[:1].isupper()
            if not ok:
                low = "lower case" if seen.islower() else "capitalisation differs"
                word = f"'{e.written}'" if e.ambiguous else f"'{written}' (in '{e.written}')"
                return f"{low}; {word} is a common word and requires its capitalisation"
    return None


def prefix_problem(doc: Doc, hit: Hit) -> str | None:
    """ "Uber-Wealthy Buyers": a name spelt like a prefix, then a hyphen and a word."""
    tail = hit.j < len(doc.toks) and doc.sep_before(hit.j) == "-"
    one = hit.j - hit.i == 1 and doc.toks[hit.i] in PREFIX_WORDS
    if one and tail and doc.toks[hit.j] not in COMPANY_COMPOUND_TAILS:
        return f"part of the compound '{doc.surface(hit.i)}-{doc.surface(hit.j)}'"
    return None


def ticker_problem(doc: Doc, hit: Hit, info: EntityInfo) -> str | None:
    start = doc.starts[hit.i]
    if start > 0 and doc.text[start - 1] == "$":
        return None
    if any(t in EXCHANGES for t in doc.toks[max(0, hit.i - 3) : hit.i]):
        return None
    if info.context:  # "CRM" the ticker, not "a CRM for small shops"
        if evidence(doc, hit, info, set()):
            return None
        return f"ticker '{hit.entry.written}' has no $, exchange or context word near it"
    tok = doc.toks[hit.i]
    if len(tok) >= 3 and tok not in COMMON_WORDS and doc.headline_style(start, hit) != "caps":
        return None
    return f"ticker '{hit.entry.written}' needs a $ or an exchange name before it here"


def exclusion(
    doc: Doc, hit: Hit, info: EntityInfo, builtin: dict[str, tuple[tuple[str, ...], ...]]
) -> str | None:
    own = [(p, "exclude phrase") for p in info.exclude]
    for tok in hit.entry.tokens:
        own += [(p, "built-in trap phrase") for p in builtin.get(tok, ())]
    for phrase, why in own:
        if doc.phrase_at(phrase, hit.i - len(phrase) + 1, hit.j + len(phrase) - 1) >= 0:
            return f"inside '{' '.join(phrase)}' ({why})"
    lo, hi = hit.i - CONTEXT_WINDOW, hit.j + CONTEXT_WINDOW
    for phrase in info.not_context:
        if doc.phrase_at(phrase, lo, hi) >= 0:
            return f"forbidden context word '{' '.join(phrase)}' nearby"
    return None


def evidence(doc: Doc, hit: Hit, info: EntityInfo, sure: set[int]) -> str:
    """Why an ambiguous mention is the company, or "" when nothing says so."""
    if hit.suffix:
        return "legal suffix"
    if hit.entry.entity in sure:
        return "named unambiguously in the same text"
    tail = hit.j < len(doc.toks) and doc.sep_before(hit.j) == "-"
    if tail and doc.toks[hit.j] in COMPANY_COMPOUND_TAILS:
        return "company compound"
    if MONEY_AFTER_RE.match(doc.text, hit.end):
        return "followed by an amount of money"
    if TICKER_AFTER_RE.match(doc.text, hit.end):
        return "followed by its ticker"
    lo, hi = hit.i - CONTEXT_WINDOW, hit.j + CONTEXT_WINDOW
    for phrase in info.context:
        for span in ((lo, hit.i), (hit.j, hi)):
            if doc.phrase_at(phrase, *span) >= 0:
                return f"context '{' '.join(phrase)}'"
    # Word cues count only when the watchlist gave no context words:
    # "Sama says OpenAI ..." is Sam Altman, and Sama's list says so by naming its context.
    if info.context:
        return ""
    if listed_with_a_name(doc, hit):
        return "listed with another name"
    return cue_after(doc, hit) or cue_before(doc, hit)


def ambiguity_problem(doc: Doc, hit: Hit, info: EntityInfo, sure: set[int]) -> str | None:
    """None when an ambiguous (common-word or case-only) mention is the company."""
    start = doc.starts[hit.i]
    before = hit.i > 0 and doc.sep_before(hit.i) == "-" and not doc.after_wire_prefix(start)
    if before and doc.toks[hit.i - 1] != "ex":
        return "part of a hyphenated word"
    tail = hit.j < len(doc.toks) and doc.sep_before(hit.j) == "-"
    if tail and doc.toks[hit.j] not in COMPANY_COMPOUND_TAILS:
        return f"part of the compound '{doc.surface(hit.j - 1)}-{doc.surface(hit.j)}'"
    if not info.context and not hit.suffix and hit.entry.entity not in sure:
        why = word_context(doc, hit)
        k = hit.i - 1
        if not why and k >= 0 and doc.toks[k] in DETERMINERS and doc.sep_before(hit.i) == " ":
            why = f"after '{doc.surface(k)}', it reads as the word"
        if why and hit.entry.common:
            return why
    if evidence(doc, hit, info, sure):
        return None
    name = hit.entry.written
    if info.context:
        words = ", ".join(" ".join(p) for p in info.context[:4])
        return f"'{name}' is ambiguous and no context word ({words}, ...) is near"
    if hit.possessive or not hit.entry.common:
        return None  # a case-only alias ("AWS", "TSMC") needs no more than its case
    if doc.sentence_initial(start):
        return (
            f"'{name}' is a common word and starts a sentence with no company cue after it"
            " (a verb such as 'says', 'to buy', 'shares'); add context words to the entry"
        )
    style = doc.headline_style(start, hit)
    if style:
        return (
            f"'{name}' is a common word in a {style} headline with no company cue near it;"
            " add context words to the entry"
        )
    return None
