"""Find watched companies in article text, however the press spells them (pure).

    tokens   = fold(text)                       NFKC, accents, case, punctuation
    hits     = tokens & first-token keys        one C-level set intersection
    typos    = unknown capitalised tokens -> symmetric-delete index -> OSA distance
    for each hit: extend over the alias's tokens, then a possessive and a legal suffix
    judge    = case rules, tickers, exclusions, ambiguity guards (bot/match_guards.py)
    resolve  = leftmost-longest; same span on two entities or lists -> both

`find` returns the mentions; `explain` returns the near misses, for people.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rapidfuzz.distance import OSA

from bot.match_guards import (
    Doc,
    Hit,
    ambiguity_problem,
    case_problem,
    exclusion,
    prefix_problem,
    ticker_problem,
)
from bot.match_index import (
    FUZZY_MIN_LEN,
    FUZZY_TWO_EDITS,
    KIND_ORDER,
    AliasEntry,
    Index,
    deletes_of,
)
from bot.models import Mention, Watchlist
from bot.normalize import GROUP_WORDS, LEGAL_SUFFIXES, fold_tokens, normalize_name, token_spans

__all__ = ["Matcher", "normalize_name"]

# Substitutions on names shorter than this are refused ("Mercor"/"Mercer",
# "Nebius"/"Nebula"-style real words); insertions, deletions and swaps are
# kept ("Nvida", "Antrhopic"). From the typo and trap cases in match_cases.yaml.
SUBSTITUTION_MIN_LEN = 8
# Between a name's tokens: a space, hyphen or dot ("Scale AI", "Scale-AI",
# "Scale.ai"); never a sentence break ("at scale. AI ...") or a comma.
JOINERS = frozenset({" ", "-", "."})
TYPO_CACHE_SIZE = 200_000
# Legal suffixes by their first token, in LEGAL_SUFFIXES' order (the first that fits wins):
# a hit's next token is looked up once instead of compared with every suffix (speed, bench).
_SUFFIXES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _suffix in LEGAL_SUFFIXES:
    _SUFFIXES_BY_FIRST.setdefault(_suffix[0], []).append(_suffix)
TypoList = tuple[tuple[str, int], ...]
Miss = tuple[int, int, str]  # start, end, the sentence for people


class Matcher:
    """Built once per watchlist version; `find` is then cheap and thread-safe enough
    (its only state is a cache of typo look-ups)."""

    def __init__(self, watchlists: Sequence[Watchlist]) -> None:
        self._ix = Index(watchlists)
        self._typo_cache: dict[str, TypoList] = {}

    def find(self, text: str) -> list[Mention]:
        return self._run(text, None)

    def explain(self, text: str) -> list[str]:
        """Near misses, for people; those inside an accepted match are left out."""
        misses: list[Miss] = []
        found = self._run(text, misses)
        out: list[str] = []
        for start, end, line in sorted(misses):
            covered = any(m.start <= start and end <= m.end for m in found)
            if not covered and line not in out:
                out.append(line)
        return out

    def _run(self, text: str, misses: list[Miss] | None) -> list[Mention]:
        present = set(fold_tokens(text))
        keys = present & self._ix.keys  # set & frozenset walks the smaller side
        typos = self._typos(present, misses, text)
        if not keys and not typos:
            return []
        doc = Doc(text, *token_spans(text))
        hits = list(self._candidates(doc, keys, typos, misses))
        accepted = self._judge(doc, hits, misses)
        return self._mentions(doc, self._resolve(doc, accepted, misses))

    def _typos(
        self, present: set[str], misses: list[Miss] | None, text: str
    ) -> dict[str, TypoList]:
        out: dict[str, TypoList] = {}
        if not self._ix.fuzzy_tokens:
            return out
        for tok in present - self._ix.known:
            if len(tok) < FUZZY_MIN_LEN - 1 or not tok.isalpha():
                continue
            found = self._typo_cache.get(tok)
            if found is None or misses is not None:
                found, refused = self._typo_lookup(tok)
                if len(self._typo_cache) >= TYPO_CACHE_SIZE:
                    self._typo_cache.clear()
                self._typo_cache[tok] = found
                if misses is not None:
                    doc = Doc(text, *token_spans(text))
                    for k, t in enumerate(doc.toks):
                        for why in refused if t == tok else ():
                            line = f"'{doc.surface(k)}' at {doc.starts[k]} ignored: {why}"
                            misses.append((doc.starts[k], doc.ends[k], line))
            if found:
                out[tok] = found
        return out

    def _typo_lookup(self, tok: str) -> tuple[TypoList, list[str]]:
        cands: set[str] = set()
        for key in deletes_of(tok):
            have = self._ix.deletes.get(key)
            if isinstance(have, str):
                cands.add(have)
            elif have:
                cands.update(have)
        found: list[tuple[str, int]] = []
        refused: list[str] = []
        for alias_tok in sorted(cands):
            limit = 2 if len(alias_tok) >= FUZZY_TWO_EDITS else 1
            edits = OSA.distance(tok, alias_tok, score_cutoff=limit)
            if edits > limit or tok in (alias_tok + "s", alias_tok + "es"):
                continue
            if len(alias_tok) < SUBSTITUTION_MIN_LEN and _is_substitution(tok, alias_tok):
                name = self._ix.token_names.get(alias_tok, alias_tok)
                refused.append(
                    f"1 edit from '{name}', but names under {SUBSTITUTION_MIN_LEN}"
                    " letters take no substituted letter"
                )
                continue
            found.append((alias_tok, edits))
        # Precision first: the closest name only, and none when two names tie
        # ("Telozan" is one edit from both "Telobzan" and "Telozman": a guess).
        best = min((e for _, e in found), default=0)
        found = [f for f in found if f[1] == best]
        if len(found) > 1:
            names = " and ".join(f"'{self._ix.token_names.get(t, t)}'" for t, _ in found)
            refused.append(f"as close to {names}: ambiguous typo")
            found = []
        return tuple(found), refused

    def _candidates(
        self, doc: Doc, keys: set[str], typos: dict[str, TypoList], misses: list[Miss] | None
    ) -> Iterator[Hit]:
        toks, first = doc.toks, self._ix.first
        for i, tok in enumerate(toks):
            starts: list[tuple[str, int]] = [(tok, 0)] if tok in keys else []
            starts += typos.get(tok, ())
            for key, edits0 in starts:
                for entry in first.get(key, ()):
                    if edits0 and not entry.fuzzy:
                        continue
                    hit = self._extend(doc, i, entry, edits0, typos, misses)
                    if hit is not None:
                        yield hit

    def _extend(
        self,
        doc: Doc,
        i: int,
        entry: AliasEntry,
        edits0: int,
        typos: dict[str, TypoList],
        misses: list[Miss] | None,
    ) -> Hit | None:
        toks, n = doc.toks, len(entry.tokens)
        if i + n > len(toks):
            return None
        hit = Hit(i, i + n, entry, edits=edits0, typo_token=0 if edits0 else -1)
        for k in range(1, n):
            tok, want = toks[i + k], entry.tokens[k]
            if tok == want:
                continue
            edits = dict(typos.get(tok, ())).get(want) if entry.fuzzy and not hit.edits else None
            if edits is None:
                return None
            hit.edits, hit.typo_token = edits, k
        for k in range(1, n):
            sep = doc.sep_before(i + k)
            own = entry.seps[k - 1].strip()  # "&" in "AT&T", "'" in "Lowe's"
            if sep not in JOINERS and not (own and sep.strip() == own):
                if misses is not None:
                    where = doc.starts[i]
                    end = doc.ends[i + n - 1]
                    line = (
                        f"'{doc.text[where:end]}' at {where} ignored:"
                        f" {sep.strip() or 'a line break'!r} splits '{entry.written}'"
                    )
                    misses.append((where, end, line))
                return None
        self._tail(doc, hit)
        return hit

    @staticmethod
    def _tail(doc: Doc, hit: Hit) -> None:
        """Span over a possessive ("Scale AI's") and a legal form ("Oracle Corp.")."""
        toks, j = doc.toks, hit.j
        hit.start, hit.end = doc.starts[hit.i], doc.ends[j - 1]
        if j < len(toks) and toks[j] == "s" and doc.sep_before(j) == "'":
            hit.possessive, hit.end, j = True, doc.ends[j], j + 1
            return
        if j >= len(toks) or doc.sep_before(j) not in (" ", " , "):
            return
        if len(toks[j]) <= 2 and not doc.surface(j)[:1].isupper():
            return  # "co", "sa", "ag" in lower case are words; "plc", "inc" are not
        for suffix in _SUFFIXES_BY_FIRST.get(toks[j], ()):
            n = len(suffix)
            if tuple(toks[j : j + n]) == suffix and all(
                doc.sep_before(j + m) == "." for m in range(1, n)
            ):
                if j + n < len(toks) and doc.sep_before(j + n) == "-":
                    return  # "Scale AI Co-founder"
                hit.suffix, hit.end = True, doc.ends[j + n - 1]
                return
        if toks[j] in GROUP_WORDS and doc.surface(j)[:1].isupper():
            hit.suffix, hit.end = True, doc.ends[j]  # "Arm Holdings", "Alibaba Group"

    def _judge(self, doc: Doc, hits: list[Hit], misses: list[Miss] | None) -> list[Hit]:
        """Clear matches first, so an unambiguous "Scale AI" vouches for a later "Scale"."""
        accepted: list[Hit] = []
        sure: set[int] = set()
        for hit in sorted(hits, key=lambda h: h.entry.ambiguous):
            info = self._ix.entities[hit.entry.entity]
            why = case_problem(doc, hit) or prefix_problem(doc, hit)
            if why is None and hit.entry.kind == "ticker":
                why = ticker_problem(doc, hit, info)
            if why is None:
                why = exclusion(doc, hit, info, self._ix.builtin_excludes)
            if why is None and hit.entry.ambiguous:
                why = ambiguity_problem(doc, hit, info, sure)
            if why is None:
                accepted.append(hit)
                if not hit.entry.ambiguous:
                    sure.add(hit.entry.entity)
            elif misses is not None:
                line = f"'{doc.text[hit.start : hit.end]}' at {hit.start} ignored: {why}"
                misses.append((hit.start, hit.end, line))
        return accepted

    @staticmethod
    def _resolve(doc: Doc, hits: list[Hit], misses: list[Miss] | None) -> list[Hit]:
        """Leftmost-longest: "Amazon Web Services" is AWS, not Amazon plus words."""
        kept: list[Hit] = []
        for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.edits)):
            clash = next((k for k in kept if k.start < hit.end and hit.start < k.end), None)
            if clash is None or (clash.start, clash.end) == (hit.start, hit.end):
                kept.append(hit)
            elif misses is not None:
                line = (
                    f"'{doc.text[hit.start : hit.end]}' at {hit.start} ignored: part of the longer"
                    f" match '{doc.text[clash.start : clash.end]}'"
                )
                misses.append((hit.start, hit.end, line))
        return kept

    def _mentions(self, doc: Doc, hits: list[Hit]) -> list[Mention]:
        best: dict[tuple[int, int, int], tuple[int, Mention]] = {}
        for hit in hits:
            e = hit.entry
            kind = "typo" if hit.edits else e.kind
            rule = _rule(kind, e.written, hit.edits)
            surface = doc.text[hit.start : hit.end]
            targets = [(e.entity, kind, rule)]
            name = self._ix.entities[e.entity].entity.name
            targets += [
                (p, "subsidiary", f"subsidiary '{name}'")
                for p in self._ix.entities[e.entity].parents
            ]
            for ent, k, r in targets:
                entity = self._ix.entities[ent].entity
                m = Mention(entity.name, entity.watchlist, surface, hit.start, hit.end, r)
                key = (ent, hit.start, hit.end)
                rank = KIND_ORDER.index(k)
                if key not in best or rank < best[key][0]:
                    best[key] = (rank, m)
        return sorted(
            (m for _, m in best.values()), key=lambda m: (m.start, m.end, m.watchlist, m.entity)
        )


def _rule(kind: str, written: str, edits: int) -> str:
    return {
        "name": "name",
        "alias": f"alias '{written}'",
        "former": f"former name '{written}'",
        "ticker": f"ticker '{written}'",
        "joined": f"joined form of '{written}'",
        "spaced": f"spaced form of '{written}'",
        "typo": f"typo of '{written}' ({edits} edit{'s' if edits > 1 else ''})",
    }[kind]


def _is_substitution(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
