"""Benchmark: newsbot's Matcher against a naive rapidfuzz partial_ratio loop.

    .venv/bin/python bench/match.py [--entities 10000] [--articles 20000] [--seed 7]

Generates a seeded watchlist (synthetic company names from syllables, plus a
sprinkle of common-word names guarded by case and context rules) and articles
of 40-80 words with planted mentions (exact, possessive, joined, punctuated,
lower-case, typo) and traps (lower-case common words, sentence-initial common
words without context, names inside longer words), then prints both matchers
side by side. Not a test: figures, not assertions.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz

from bot.common_words import COMMON_WORDS, NEWS_WORDS
from bot.match import Matcher
from bot.models import Entity, Watchlist

SYLLABLES = [
    "ka", "lo", "mi", "ra", "ven", "dor", "tix", "qua", "zel", "bri", "non", "sta", "vex", "lum",
    "cor", "ix", "ar", "tel", "gro", "fin", "mon", "pax", "dra", "sol", "nex", "tri", "vo", "zu",
    "rin", "bel", "cas", "hal", "jor", "kel", "mar", "nor", "pel", "quin", "rho", "sev", "tor",
    "ul", "wyn", "yar", "zan", "ob", "ek", "is", "ur", "al", "en",
]  # fmt: skip
SECOND_WORDS = ("AI", "Labs", "Systems", "Robotics", "Health", "Bio", "Energy", "Capital", "Data")
FILLER = sorted(
    NEWS_WORDS | {"the", "a", "of", "in", "on", "with", "and", "for", "to", "its", "new", "said"}
)
NAIVE_CUTOFF = 90  # partial_ratio score that counts as a match for the naive loop
NAIVE_SAMPLE = 50


@dataclass
class Planted:
    entity: str  # "" for a trap: nothing may match inside it
    start: int
    variant: str
    end: int = 0


def make_name(rng: random.Random, taken: set[str]) -> str:
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        name = word if rng.random() < 0.5 else f"{word} {rng.choice(SECOND_WORDS)}"
        fresh = name.lower() not in taken and word.lower() not in taken
        if len(word) >= 5 and fresh and word.lower() not in COMMON_WORDS:
            taken.update((name.lower(), word.lower()))
            return name


def make_watchlist(rng: random.Random, n: int) -> tuple[Watchlist, list[Entity]]:
    taken: set[str] = set()
    entities = []
    commons = sorted(w for w in COMMON_WORDS if len(w) >= 5)
    rng.shuffle(commons)
    for k in range(n):
        if k % 50 == 0 and commons:  # 2%: a common-word name with its guards
            word = commons.pop().capitalize()
            e = Entity(
                word, "bench", case_sensitive_aliases=(word,), context=("fintech", "unicorn")
            )
        else:
            name = make_name(rng, taken)
            aliases: list[str] = []
            if " " in name:
                aliases.append(name.replace(" ", ""))
            elif (
                rng.random() < 0.6
                and (alias := f"{name} {rng.choice(SECOND_WORDS)}").lower() not in taken
            ):
                taken.add(alias.lower())
                aliases.append(alias)
            if rng.random() < 0.1:
                aliases.append(make_name(rng, taken))
            tickers = (name[:4].upper(),) if rng.random() < 0.1 else ()
            e = Entity(name, "bench", aliases=tuple(aliases), tickers=tickers)
        entities.append(e)
    return Watchlist("bench", "#bench", "bench.yaml", tuple(entities)), entities


def typo(rng: random.Random, word: str) -> str:
    k = rng.randint(1, len(word) - 2)
    op = rng.choice(("delete", "swap", "double"))
    if op == "delete":
        return word[:k] + word[k + 1 :]
    if op == "swap":
        return word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    return word[:k] + word[k] + word[k:]


def variant_of(rng: random.Random, e: Entity) -> tuple[str, str]:
    name = e.name
    options = ["exact", "possessive", "lower-case", "punctuated"]
    if " " in name:
        options.append("joined")
    if len(name.split()[0]) >= 8:
        options.append("typo")
    if e.context:  # common-word names: only as written, with their context word
        return f"{name} fintech", "exact"
    v = rng.choice(options)
    first, _, rest = name.partition(" ")
    surface = {
        "exact": name,
        "possessive": name + rng.choice(("'s", "’s")),
        "lower-case": name.lower(),
        "punctuated": f"{first}-{rest}" if rest else f"{name}, Inc.",
        "joined": name.replace(" ", ""),
        "typo": " ".join([typo(rng, first), rest]).strip(),
    }[v]
    return surface, v


def make_articles(
    rng: random.Random, entities: list[Entity], n: int
) -> list[tuple[str, list[Planted]]]:
    commons = [e for e in entities if e.context]
    common_names = {e.name for e in commons}
    out = []
    for _ in range(n):
        words = [rng.choice(FILLER) for _ in range(rng.randint(40, 80))]
        slots = sorted(rng.sample(range(2, len(words) - 2), 3))
        plan: list[tuple[int, str, str, str]] = []
        for slot in slots[: rng.randint(1, 2)]:
            e = rng.choice(entities)
            surface, variant = variant_of(rng, e)
            plan.append((slot, surface, e.name, variant))
        trap_slot = slots[-1]
        # A sentence-initial common word is a trap only without its context word nearby;
        # an article with a planted common-word mention carries that word.
        context_planted = any(p[2] in common_names for p in plan)
        kinds = ("lower", "inside") if context_planted else ("lower", "inside", "initial")
        trap = rng.choice(kinds) if commons else "inside"
        c = rng.choice(commons) if commons else rng.choice(entities)
        trap_text = {
            "lower": f"at {c.name.lower()}",
            "inside": f"pre{rng.choice(entities).name.split()[0].lower()}ing",
            "initial": f"then. {c.name} rose",
        }[trap]
        plan.append((trap_slot, trap_text, "", f"trap:{trap}"))
        text_parts: list[str] = []
        planted: list[Planted] = []
        pos = 0
        by_slot = {p[0]: p for p in plan}
        for k, w in enumerate(words):
            piece = w
            if k in by_slot:
                _, surface, ent, variant = by_slot[k]
                piece = surface
                planted.append(Planted(ent, pos, variant, pos + len(surface)))
            text_parts.append(piece)
            pos += len(piece) + 1
        out.append((" ".join(text_parts), planted))
    return out


def score(matcher: Matcher, articles: list[tuple[str, list[Planted]]]) -> None:
    by_variant: Counter[str] = Counter()
    found_variant: Counter[str] = Counter()
    trap_fp: Counter[str] = Counter()
    tp = fp = 0
    for text, planted in articles:
        found = matcher.find(text)
        hit = {(m.entity, m.start) for m in found}
        truth = {(p.entity, p.start) for p in planted if p.entity}
        for p in planted:
            by_variant[p.variant] += 1
            if p.entity:
                found_variant[p.variant] += (p.entity, p.start) in hit
            else:
                caught = any(m.start < p.end and p.start < m.end for m in found)
                found_variant[p.variant] += not caught
                trap_fp[p.variant] += caught
        for m in found:
            if (m.entity, m.start) in truth:
                tp += 1
            else:
                fp += 1
    print(f"  precision {tp / max(tp + fp, 1):.4f}  ({fp} false matches of {tp + fp})")
    planted_n = sum(n for v, n in by_variant.items() if not v.startswith("trap"))
    planted_found = sum(n for v, n in found_variant.items() if not v.startswith("trap"))
    print(f"  recall    {planted_found / max(planted_n, 1):.4f}")
    for v in sorted(by_variant):
        what = "left alone" if v.startswith("trap") else "recall"
        print(f"    {v:<13} {what} {found_variant[v] / by_variant[v]:.4f}  (n={by_variant[v]})")


def naive(entities: list[Entity], articles: list[tuple[str, list[Planted]]]) -> tuple[float, float]:
    aliases = [(a.lower(), e.name) for e in entities for a in (e.name, *e.aliases, *e.tickers)]
    tp = fp = 0
    t0 = time.perf_counter()
    for text, planted in articles:
        low = text.lower()
        found = {
            name
            for alias, name in aliases
            if fuzz.partial_ratio(alias, low, score_cutoff=NAIVE_CUTOFF)
        }
        truth = {p.entity for p in planted if p.entity}
        tp += len(found & truth)
        fp += len(found - truth)
    rate = len(articles) / (time.perf_counter() - t0)
    return rate, tp / max(tp + fp, 1)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--entities", type=int, default=10_000)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--naive-sample", type=int, default=NAIVE_SAMPLE)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    wl, entities = make_watchlist(rng, args.entities)
    n_aliases = sum(1 + len(e.aliases) + len(e.tickers) for e in entities)
    articles = make_articles(rng, entities, args.articles)
    words = sum(len(t.split()) for t, _ in articles) / len(articles)
    print(
        f"{len(entities)} entities, {n_aliases} names and aliases;"
        f" {len(articles)} articles, {words:.0f} words avg"
    )

    tracemalloc.start()
    t0 = time.perf_counter()
    matcher = Matcher([wl])
    traced_build = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del matcher
    t0 = time.perf_counter()
    matcher = Matcher([wl])
    build = time.perf_counter() - t0

    t0 = time.perf_counter()
    for text, _ in articles:
        matcher.find(text)
    rate = len(articles) / (time.perf_counter() - t0)

    t0 = time.perf_counter()
    for text, _ in articles:
        text.lower().split()
    ceiling = len(articles) / (time.perf_counter() - t0)

    sample = articles[: args.naive_sample]
    naive_rate, naive_precision = naive(entities, sample)
    print(f"index build        {build:.2f} s ({traced_build:.2f} s under tracemalloc)")
    print(f"index memory       {peak / 2**20:.1f} MB peak while building (tracemalloc)")
    print(f"newsbot Matcher    {rate:,.0f} articles/s (one core)")
    print(
        f"naive partial_ratio {naive_rate:,.1f} articles/s on {len(sample)} articles,"
        f" precision {naive_precision:.2f} (score >= {NAIVE_CUTOFF})"
    )
    print(f"ratio              {rate / naive_rate:,.0f}x")
    print(f"lower+split only   {ceiling:,.0f} articles/s (ceiling)")
    print("newsbot Matcher quality on the planted set:")
    score(matcher, articles)


if __name__ == "__main__":
    main()
