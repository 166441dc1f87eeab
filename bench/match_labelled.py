"""Mention recall and precision of the Matcher on the labelled detection sets.

    .venv/bin/python bench/match_labelled.py [--file F ...] [--quiet]

Each line of tests/data/detect_{dev,holdout}.jsonl names the entities watched
for it ("watch", plus "aliases"); the README of tests/data says a
case-sensitive whole-word search for a name or alias finds every mention, and
that the search also hits the planted word traps. So the gold set of a line is
every watched entity whose name or alias occurs as a whole word, less the
traps of the `neg-wordtrap` lines. The Matcher is built per line from exactly
those entities, plain (no guards, no case rules): what an admin writes first.
Figures, not assertions; tests/test_match.py asserts a floor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.match import Matcher
from bot.models import Entity, Watchlist, article_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
FILES = (DATA / "detect_dev.jsonl", DATA / "detect_holdout.jsonl")
# In a `neg-wordtrap` line the watched name is the trap ("Apple growers", "Box
# Office Mojo") except these, which name a real company beside the trap.
REAL_IN_WORDTRAP = frozenset({("dev-0071", "Netflix"), ("holdout-0127", "FedEx")})


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)

    @property
    def precision(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)


def occurs(text: str, surface: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text) is not None


def gold(row: dict[str, Any], text: str) -> set[str]:
    out = set()
    for name in row["watch"]:
        forms = [name, *row["aliases"].get(name, [])]
        if not any(occurs(text, f) for f in forms):
            continue
        if row["kind"].startswith("neg-wordtrap") and (row["id"], name) not in REAL_IN_WORDTRAP:
            continue
        out.add(name)
    return out


def matcher_for(row: dict[str, Any]) -> Matcher:
    entities = tuple(
        Entity(name, "eval", tuple(a for a in row["aliases"].get(name, []) if a != name))
        for name in row["watch"]
    )
    return Matcher([Watchlist("eval", "#eval", "eval.yaml", entities)])


def score_file(path: Path, score: Score) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = article_text(row["title"], row["summary"])
        want = gold(row, text)
        matcher = matcher_for(row)
        got = {m.entity for m in matcher.find(text)}
        score.tp += len(want & got)
        for name in sorted(want - got):
            score.fn += 1
            why = "; ".join(matcher.explain(text)) or "no candidate"
            score.misses.append(f"{row['id']} {name!r}: {why}\n    {text[:160]!r}")
        for name in sorted(got - want):
            score.fp += 1
            score.spurious.append(f"{row['id']} {name!r}\n    {text[:160]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--file", type=Path, action="append")
    ap.add_argument("--quiet", action="store_true", help="figures only")
    args = ap.parse_args()
    total = Score()
    for path in args.file or FILES:
        score = Score()
        score_file(path, score)
        print(
            f"{path.name:<22} recall {score.recall:.4f} ({score.tp}/{score.tp + score.fn})"
            f"  precision {score.precision:.4f} ({score.fp} spurious)"
        )
        for part in ("tp", "fn", "fp"):
            setattr(total, part, getattr(total, part) + getattr(score, part))
        total.misses += score.misses
        total.spurious += score.spurious
    print(
        f"{'all':<22} recall {total.recall:.4f} ({total.tp}/{total.tp + total.fn})"
        f"  precision {total.precision:.4f} ({total.fp} spurious)"
    )
    if not args.quiet:
        for title, lines in (("missed", total.misses), ("spurious", total.spurious)):
            if lines:
                print(f"\n{title}:")
                print("\n".join(f"  {x}" for x in lines))


if __name__ == "__main__":
    main()
