"""Match + detect + route per article, at 10,000 watched entities: the worker's hot path.

Issue 4's target: match plus detect >= 3,000 articles/s on one core with a
10,000-entity watchlist. The articles are the labelled detection texts
(tests/data/detect_*.jsonl: real-style headlines and ledes); their watched
names are added to a seeded synthetic watchlist of --entities companies
(bench/match.py's generator), so the matcher searches the full index.

Printed side by side in one run: the baseline (lower-casing and splitting the
text, the floor any matcher pays), match alone, and match + detect + route,
each in articles/s with its ratio to the baseline, plus the alert count so a
change that got faster by detecting nothing shows.

    .venv/bin/python bench/analyze.py [--entities 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.match import make_watchlist  # noqa: E402
from bot.analyze import Analyzer  # noqa: E402
from bot.models import Article, Entity, Watchlist  # noqa: E402

DATA = [ROOT / "tests" / "data" / f for f in ("detect_dev.jsonl", "detect_holdout.jsonl")]


def load_articles() -> tuple[list[Article], list[Entity]]:
    articles, watched = [], {}
    for path in DATA:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            articles.append(Article(row["title"], row["summary"], "", "", None, "", ""))
            for name in row["watch"]:
                aliases = tuple(a for a in row.get("aliases", {}).get(name, []) if a != name)
                watched[name] = Entity(name, "bench", aliases)
    return articles, list(watched.values())


def rate(fn: Callable[[Article], object], articles: list[Article], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for a in articles:
            fn(a)
        best = min(best, time.perf_counter() - start)
    return len(articles) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    articles, watched = load_articles()
    synthetic, _ = make_watchlist(random.Random(args.seed), args.entities)
    taken = {e.name for e in watched}
    entities = tuple(watched) + tuple(e for e in synthetic.entities if e.name not in taken)
    entities = tuple(Entity(e.name, "bench", e.aliases) for e in entities)
    watchlist = Watchlist("bench", "#bench", "bench.yaml", entities)
    start = time.perf_counter()
    analyzer = Analyzer([watchlist])
    build = time.perf_counter() - start

    baseline = rate(lambda a: a.text.lower().split(), articles, args.repeat)
    match = rate(lambda a: analyzer.matcher.find(a.text), articles, args.repeat)
    full = rate(analyzer.analyze, articles, args.repeat)
    alerts = sum(bool(analyzer.analyze(a).alerts) for a in articles)

    print(f"{len(articles)} labelled texts, {len(entities)} entities, index built in {build:.2f} s")
    print(f"{'step':<28}{'articles/s':>12}{'vs baseline':>14}")
    for name, value in (
        ("baseline (lower + split)", baseline),
        ("match", match),
        ("match + detect + route", full),
    ):
        print(f"{name:<28}{value:>12,.0f}{value / baseline:>13.4f}x")
    print(f"texts that alert: {alerts} of {len(articles)}; target match + detect >= 3,000/s")


if __name__ == "__main__":
    main()
