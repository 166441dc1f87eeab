"""Word cues that a common-word name is the company (pure).

Used by bot/match_guards.py when the capital proves nothing: at a sentence
start, after a wire prefix, or in a Title-Case headline. Each returns a short
reason ("followed by 'to acquire'") or "" when the words around say nothing.
The word lists are data in bot/common_words.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.common_words import (
    BASE_VERBS,
    BUILTIN_NOT_CONTEXT,
    COMPANY_CUES,
    COMPANY_NOUNS,
    CORPORATE_WORDS,
    DEAL_NOUNS,
    FINITE_VERBS,
    ROLE_PREPOSITIONS,
)

if TYPE_CHECKING:
    from bot.match_guards import Doc, Hit

# Built-in forbidden words (common_words.BUILTIN_NOT_CONTEXT) count within this
# many tokens: the clause around the name ("the Mistral, a strong northwesterly
# wind", dev-0030), not the whole article.
NOT_CONTEXT_WINDOW = 10


def cue_after(doc: Doc, hit: Hit) -> str:
    """ "Apple is exploring", "Oracle Shares Soar", "Snowflake To Acquire", "Meta in talks"."""
    nxt = hit.j + (1 if hit.possessive else 0)
    if nxt >= len(doc.toks) or doc.sep_before(nxt) != " ":
        return ""
    tok = doc.toks[nxt]
    if tok in COMPANY_CUES or (tok in CORPORATE_WORDS and not hit.possessive):
        return f"followed by '{doc.surface(nxt)}'"
    if nxt + 1 >= len(doc.toks) or doc.sep_before(nxt + 1) != " ":
        return ""
    pair = (tok, doc.toks[nxt + 1])
    later = doc.surface(nxt + 1)
    title = bool(doc.headline_style(doc.starts[hit.i], hit))
    verb = pair[1] in BASE_VERBS or (later.islower() and not title)
    if (
        (tok == "to" and verb)
        or (tok == "in" and pair[1] in TALKS)
        or (tok == "as" and pair[1] in COMPANY_NOUNS)
        or pair in SAID_TO
    ):
        return f"followed by '{doc.surface(nxt)} {later}'"
    return ""


# "Apple said to weigh", "Meta is said to": headline-ese for a report.
SAID_TO = frozenset({("said", "to"), ("set", "to"), ("poised", "to"), ("close", "to")})
# "Meta in talks", "Shell in early talks", "Intel in advanced discussions".
TALKS = frozenset(
    {"talks", "discussions", "negotiations", "early", "advanced", "exclusive", "preliminary"}
)


def cue_before(doc: Doc, hit: Hit) -> str:
    """ "AI startup Writer", "Ex-Apple designer", "UPS Says Amazon", "Stake in Block"."""
    k = hit.i - 1
    if k < 0 or doc.sep_before(hit.i) not in (" ", "-"):
        return ""
    if doc.sep_before(hit.i) == "-":
        return "after 'ex-'" if doc.toks[k] == "ex" else ""
    if doc.toks[k] in COMPANY_NOUNS:
        return f"after '{doc.surface(k)}'"
    if doc.toks[k] in FINITE_VERBS and doc.toks[k] not in ("is", "was", "has", "had"):
        return f"after '{doc.surface(k)}'"
    m = k
    while m >= 0 and m > k - 2 and doc.toks[m] in ROLE_PREPOSITIONS:
        m -= 1
    if m < k and m >= 0 and doc.toks[m] in DEAL_NOUNS | FINITE_VERBS:
        return f"after '{doc.text[doc.starts[m] : doc.ends[k]]}'"
    return ""


def _capital_word(doc: Doc, k: int) -> bool:
    return 0 <= k < len(doc.toks) and doc.surface(k)[:1].isupper() and len(doc.toks[k]) > 1


def listed_with_a_name(doc: Doc, hit: Hit) -> bool:
    """ "Apple, Google in talks", "Snowflake and Palantir team up" (not in a Title Case line)."""
    j = hit.j + (1 if hit.possessive else 0)
    after = j < len(doc.toks) and (
        (doc.sep_before(j) in (" , ", " & ") and _capital_word(doc, j))
        or (doc.toks[j] == "and" and _capital_word(doc, j + 1))
    )
    i = hit.i
    before = i > 0 and (
        (doc.sep_before(i) in (" , ", " & ") and _capital_word(doc, i - 1))
        or (doc.toks[i - 1] == "and" and _capital_word(doc, i - 2))
    )
    if not (after or before):
        return False
    return not doc.headline_style(doc.starts[hit.i], hit)


def word_context(doc: Doc, hit: Hit) -> str | None:
    """A built-in forbidden context word near a common-word name ("the Mistral, a ... wind")."""
    lo, hi = max(hit.i - NOT_CONTEXT_WINDOW, 0), min(hit.j + NOT_CONTEXT_WINDOW, len(doc.toks))
    for tok in hit.entry.tokens:
        for word in BUILTIN_NOT_CONTEXT.get(tok, ()):
            for k in range(lo, hi):
                if doc.toks[k] == word:
                    return f"'{doc.surface(k)}' nearby says it is the word (built-in)"
    return None
