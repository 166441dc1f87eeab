"""The matcher's index: every way a watched name can be written, keyed for speed (pure).

Exact lookups are keyed by an alias's first folded token ("scale" ->
`Scale AI`, `Scale`), with joined forms ("scaleai") as one-token keys, so an
article costs one set intersection plus work on the few tokens that hit.
Typos use a symmetric-delete index (each fuzzable token and its one-letter
deletions, first letter kept) so a misspelt token finds its candidates in a
handful of dict lookups instead of a loop over every alias.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.common_words import BUILTIN_EXCLUDES, COMMON_WORDS, NEWS_WORDS
from bot.models import Entity, Watchlist
from bot.normalize import camel_parts, core_tokens, normalize_name, without_group_word, words_of

# Typos: a token of at least this many letters may carry one edit ("Nvidia" ->
# "Nvida"), from FUZZY_TWO_EDITS letters two ("Invisible" stays at one).
# Shorter names are never fuzzy: "Groq"/"Grok", "Sama"/"Same" are different words.
FUZZY_MIN_LEN = 6
FUZZY_TWO_EDITS = 10
# Single-token aliases this short are matched only with the capitalisation
# written ("AWS", "xAI", "Sama"): in lower case they are words or noise.
SHORT_ALIAS_LEN = 4

# Rule priority when one span matches the same entity several ways.
KIND_ORDER = ("name", "alias", "former", "joined", "spaced", "ticker", "subsidiary", "typo")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    tokens: tuple[str, ...]
    shapes: tuple[str, ...]  # the tokens as written, case kept
    seps: tuple[str, ...]  # separators written between the tokens
    entity: int  # index into Index.entities
    written: str  # the name or alias as in the file
    kind: str  # name, alias, former, ticker, joined, spaced
    case_rule: str  # "none", "exact" (as written) or "capital" (common word)
    ambiguous: bool  # needs evidence beyond the word itself
    fuzzy: bool
    common: bool = False  # an ordinary word: position alone is no evidence


@dataclass(frozen=True, slots=True)
class EntityInfo:
    entity: Entity
    context: tuple[tuple[str, ...], ...]
    not_context: tuple[tuple[str, ...], ...]
    exclude: tuple[tuple[str, ...], ...]
    parents: tuple[int, ...]  # entities that count mentions of this one as theirs


def phrase_tokens(phrases: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(t for t in (tuple(words_of(p)[0]) for p in phrases) if t)


def is_common(toks: Sequence[str]) -> bool:
    return bool(toks) and all(t in COMMON_WORDS for t in toks)


class Index:
    """All aliases of all watchlists, ready for `Matcher`."""

    def __init__(self, watchlists: Sequence[Watchlist]) -> None:
        self.entities: list[EntityInfo] = []
        self.first: dict[str, list[AliasEntry]] = {}
        # delete-key -> alias token, or a tuple when several share it (rare; saves ~40% memory)
        self.deletes: dict[str, str | tuple[str, ...]] = {}
        self.fuzzy_tokens: set[str] = set()
        self.token_names: dict[str, str] = {}  # fuzzy token -> a name it is from, for people
        flat = [e for wl in watchlists for e in wl.entities]
        by_name: dict[str, list[int]] = {}
        for i, e in enumerate(flat):
            by_name.setdefault(normalize_name(e.name), []).append(i)
        for e in flat:
            parents = tuple(
                j
                for j in by_name.get(normalize_name(e.parent), [])
                if e.parent and flat[j].include_subsidiaries
            )
            info = EntityInfo(
                e,
                phrase_tokens(e.context),
                phrase_tokens(e.not_context),
                phrase_tokens(e.exclude),
                parents,
            )
            self.entities.append(info)
        for i, e in enumerate(flat):
            for entry in self._entries(i, e):
                self.first.setdefault(entry.tokens[0], []).append(entry)
                if entry.fuzzy:
                    for tok in entry.tokens:
                        if len(tok) >= FUZZY_MIN_LEN and tok.isalpha():
                            self._add_fuzzy(tok)
                            self.token_names.setdefault(tok, entry.written)
        for entries in self.first.values():
            entries.sort(key=lambda a: -len(a.tokens))
        self.keys: frozenset[str] = frozenset(self.first)
        self.known: frozenset[str] = self.keys | COMMON_WORDS | NEWS_WORDS
        self.builtin_excludes = {k: phrase_tokens(v) for k, v in BUILTIN_EXCLUDES.items()}

    def _add_fuzzy(self, tok: str) -> None:
        if tok in self.fuzzy_tokens:
            return
        self.fuzzy_tokens.add(tok)
        for key in deletes_of(tok):
            have = self.deletes.get(key)
            if have is None:
                self.deletes[key] = tok
            elif isinstance(have, str):
                if have != tok:
                    self.deletes[key] = (have, tok)
            elif tok not in have:
                self.deletes[key] = (*have, tok)

    def _entries(self, i: int, e: Entity) -> Iterator[AliasEntry]:
        case_sensitive = {a.strip() for a in e.case_sensitive_aliases}
        written: list[tuple[str, str]] = [(e.name, "name")]
        written += [(a, "alias") for a in e.aliases]
        written += [(a, "former") for a in e.former_names]
        written += [(t, "ticker") for t in e.tickers]
        seen: set[tuple[str, ...]] = set()
        for text, kind in written:
            exact = kind == "ticker" or text.strip() in case_sensitive
            for entry in self._forms(i, e, text, kind, exact):
                if entry.tokens not in seen:
                    seen.add(entry.tokens)
                    yield entry

    def _forms(self, i: int, e: Entity, text: str, kind: str, exact: bool) -> Iterator[AliasEntry]:
        toks, shapes, seps = core_tokens(text)
        if not toks:
            return
        common = kind != "ticker" and is_common(toks)
        short = len(toks) == 1 and len(toks[0]) <= SHORT_ALIAS_LEN
        if exact or (short and kind != "ticker"):
            rule = "exact"
        elif common or toks[0] in COMMON_WORDS:
            rule = "capital"  # a common first word keeps its capital: "at scale AI"
        else:
            rule = "none"
        # Case-only aliases are ambiguous when the entity names context words for them.
        ambiguous = common or (
            rule == "exact" and len(toks) == 1 and kind != "ticker" and bool(e.context)
        )
        fuzzy = e.fuzzy and rule == "none" and not ambiguous and kind != "ticker"

        def make(t: list[str], s: list[str], sp: list[str], k: str) -> AliasEntry:
            return AliasEntry(
                tuple(t), tuple(s), tuple(sp), i, text, k, rule, ambiguous, fuzzy, common
            )

        yield make(toks, shapes, seps, kind)
        rest = without_group_word(toks)
        if rest is not None:
            yield make(rest, shapes[: len(rest)], seps[: len(rest) - 1], kind)
        if len(toks) > 1 and kind != "ticker":
            yield make(["".join(toks)], ["".join(shapes)], [], "joined")
        if len(toks) == 1 and not exact:
            parts = camel_parts(shapes[0])
            if parts:
                # "Core Weave", "Open AI": only as written, or "open AI models" would hit.
                lowered = [p.lower() for p in parts]
                seps_ = [" "] * (len(parts) - 1)
                yield AliasEntry(
                    tuple(lowered),
                    tuple(parts),
                    tuple(seps_),
                    i,
                    text,
                    "spaced",
                    "exact",
                    ambiguous,
                    False,
                )


def deletes_of(tok: str) -> Iterator[str]:
    """The token and its one-letter deletions, first letter kept (typos rarely hit it)."""
    yield tok
    for k in range(1, len(tok)):
        yield tok[:k] + tok[k + 1 :]
