"""How names and article text are reduced to comparable tokens (pure).

Matching works on tokens, never on raw substrings, so "Vanta" can never be
found inside "advantage". A token is a run of letters and digits; everything
between tokens (spaces, dots, dashes, apostrophes) is a separator, which is
how "Scale AI", "Scale-AI", "Scale.ai" and "Scale AI's" all become the tokens
`scale ai` (plus a possessive `s`). Folding is NFKC, accents stripped, and
casefold; the case-preserving `shape` is kept for the case rules.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from bot.common_words import COMMON_WORDS

# Letters/digits plus combining marks, so a decomposed "é" stays in its word.
TOKEN_RE = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")
ASCII_TOKEN_RE = re.compile(r"[a-z0-9]+")
CAMEL_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")

# Legal forms, as folded token sequences. "Group"/"Holdings" are handled
# separately because they are often part of the name ("Boston Consulting Group").
LEGAL_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(s.split())
    for s in (
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "ltd",
        "limited",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "s a",
        "se",
        "nv",
        "n v",
        "bv",
        "b v",
        "llc",
        "l l c",
        "lp",
        "llp",
        "ab",
        "asa",
        "oyj",
        "spa",
        "s p a",
        "kk",
        "pte",
        "pty",
        "srl",
        "sas",
        "sarl",
        "ulc",
        "co ltd",
        "co inc",
        "pbc",
    )
)
GROUP_WORDS = frozenset({"group", "holdings", "holding"})
DASHES = "-\u2010\u2011\u2012\u2013\u2212"  # hyphen-like; em dash is punctuation, not a joiner
APOSTROPHES = "'\u2019\u2018\u02bc\u0060\u00b4"

_SEP_TABLE = str.maketrans({**dict.fromkeys(DASHES, "-"), **dict.fromkeys(APOSTROPHES, "'")})


def fold_name(token: str) -> str:
    """Comparable form of one token: NFKC, accents stripped, casefolded."""
    if token.isascii():
        return token.lower()
    return strip_accents(unicodedata.normalize("NFKC", token)).casefold()


# Article text repeats its non-ASCII words; watchlist names go through fold_name
# uncached so a 100,000-entity build does not leave a cache behind.
fold = lru_cache(maxsize=50_000)(fold_name)


def shape(token: str) -> str:
    """The token with its case kept, for case rules: NFKC and accents stripped."""
    if token.isascii():
        return token
    return strip_accents(unicodedata.normalize("NFKC", token))


def strip_accents(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def canon_sep(sep: str) -> str:
    """One separator in a comparable form: dashes to '-', quotes to "'", spaces to ' '."""
    sep = sep.translate(_SEP_TABLE)
    if "\n" in sep:
        return "\n"
    stripped = sep.strip()
    if not stripped:
        return " " if len(sep) <= 2 else "  "
    return stripped if stripped == sep else f" {stripped} "


def token_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """Folded tokens of `text` with their start and end offsets in `text`."""
    if text.isascii():
        it = ASCII_TOKEN_RE.finditer(text.lower())
        toks, starts, ends = [], [], []
        for m in it:
            toks.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
        return toks, starts, ends
    toks, starts, ends = [], [], []
    for m in TOKEN_RE.finditer(text):
        toks.append(fold(m.group()))
        starts.append(m.start())
        ends.append(m.end())
    return toks, starts, ends


def fold_tokens(text: str) -> list[str]:
    """Just the folded tokens: the cheap first look at an article."""
    if text.isascii():
        return ASCII_TOKEN_RE.findall(text.lower())
    return [fold(t) for t in TOKEN_RE.findall(text)]


def words_of(name: str) -> tuple[list[str], list[str], list[str]]:
    """A name's folded tokens, their shapes as written, and the separators between them."""
    parts = list(TOKEN_RE.finditer(name))
    toks = [fold_name(m.group()) for m in parts]
    shapes = [shape(m.group()) for m in parts]
    seps = [canon_sep(name[a.end() : b.start()]) for a, b in itertools.pairwise(parts)]
    return toks, shapes, seps


def legal_suffix_len(toks: list[str] | tuple[str, ...], end: int) -> int:
    """How many tokens before `end` form a legal suffix (0 if none)."""
    for suffix in sorted(LEGAL_SUFFIXES, key=len, reverse=True):
        n = len(suffix)
        if end - n >= 1 and tuple(toks[end - n : end]) == suffix:
            return n
    return 0


def core_tokens(name: str) -> tuple[list[str], list[str], list[str]]:
    """A name without a leading "the", a trailing possessive or legal suffix."""
    toks, shapes, seps = words_of(name)
    if len(toks) > 1 and toks[0] == "the":
        toks, shapes, seps = toks[1:], shapes[1:], seps[1:]
    # "Lowe's" keeps its s: only a trailing possessive on a multi-word name goes.
    if len(toks) > 2 and toks[-1] == "s" and seps[-1] == "'":
        toks, shapes, seps = toks[:-1], shapes[:-1], seps[:-1]
    while (n := legal_suffix_len(toks, len(toks))) and len(toks) > n:
        toks, shapes, seps = toks[:-n], shapes[:-n], seps[: len(toks) - n - 1]
    return toks, shapes, seps


def without_group_word(toks: list[str]) -> list[str] | None:
    """The name without a trailing "Group"/"Holdings", when what is left is distinctive."""
    if len(toks) < 2 or toks[-1] not in GROUP_WORDS:
        return None
    rest = toks[:-1]
    if all(t in COMMON_WORDS or len(t) <= 3 for t in rest):
        return None  # "Virgin Group", "CMA Group": the bare word is not the company
    return rest


def camel_parts(word: str) -> list[str]:
    """ "CoreWeave" -> ["Core", "Weave"], for the spaced form of a joined name."""
    if not word.isalnum() or word.isupper() or word.islower():
        return []
    parts = CAMEL_RE.findall(word)
    if len(parts) < 2 or "".join(parts) != word or any(len(p) < 2 for p in parts):
        return []
    return parts


def normalize_name(name: str) -> str:
    """A company name for comparison: casefolded, no "the", legal suffix, possessive or
    punctuation ("Scale AI, Inc." and "scale ai's" -> "scale ai"). Compare joined forms
    with `same_company`."""
    toks, _, seps = core_tokens(name)
    if len(toks) > 1 and toks[-1] == "s" and seps[-1] == "'":
        toks = toks[:-1]
    rest = without_group_word(toks)
    return " ".join(rest if rest is not None else toks)


def same_company(a: str, b: str) -> bool:
    """True when two names normalise to the same joined form ("ScaleAI" == "Scale.ai")."""
    na, nb = normalize_name(a), normalize_name(b)
    return bool(na) and na.replace(" ", "") == nb.replace(" ", "")
