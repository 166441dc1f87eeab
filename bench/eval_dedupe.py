"""Score the event dedupe keys on labelled story groups (tests/data/story_groups.jsonl).

    .venv/bin/python bench/eval_dedupe.py [--file PATH] [--detector] [--show]

Each line is one article; `group` says which real-world event it reports. Two
articles should share an alert exactly when they share a group. We report
pairwise precision/recall/F1 of "same key" against "same group", the groups
split over several keys (duplicate alerts a team would see) and the keys that
span several groups (a distinct event swallowed: a missed alert).

Default mode builds the Event from the LABEL, so it measures `event_key` alone.
`--detector` runs the real matcher and detector on the text instead: the
grouping a user would see end to end. An article can then carry several keys
(two articles are "same" when they share one) or none (no alert at all).
Key-only: the time window of the event dedupe is not applied here, so the same
pair a year apart shares a key by design of `event_key` (see the report).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.dedupe import event_key, same_event
from bot.detect import detect
from bot.match import Matcher
from bot.models import Entity, Event, Party, Watchlist, article_text

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "story_groups.jsonl"


def load(path: str | Path = DEFAULT_FILE) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def label_event(row: dict[str, Any]) -> Event:
    """The labelled event as detect would give it: watched parties by canonical name."""
    ev = row["event"]
    watched = set(row["watch"])
    parties = tuple(Party(p["name"], p["role"], p["name"] in watched) for p in ev["parties"])
    return Event(ev["type"], ev["certainty"], parties, ev.get("direction"))


def label_keys(row: dict[str, Any]) -> frozenset[str]:
    return frozenset({event_key(label_event(row))})


def detector_keys(row: dict[str, Any]) -> frozenset[str]:
    """Keys of every event the real pipeline pieces find in the article."""
    aliases = row.get("aliases", {})
    entities = tuple(
        Entity(name, "eval", aliases=tuple(aliases.get(name, ()))) for name in row["watch"]
    )
    matcher = Matcher([Watchlist("eval", "#eval", "eval.yaml", entities)])
    text = article_text(row["title"], row["summary"])
    return frozenset(event_key(ev) for ev in detect(text, matcher.find(text)))


def detector_events(row: dict[str, Any]) -> list[Event]:
    aliases = row.get("aliases", {})
    entities = tuple(
        Entity(name, "eval", aliases=tuple(aliases.get(name, ()))) for name in row["watch"]
    )
    matcher = Matcher([Watchlist("eval", "#eval", "eval.yaml", entities)])
    text = article_text(row["title"], row["summary"])
    return detect(text, matcher.find(text))


# What storage does for one channel: an event joins the earliest earlier alert
# within the window that `same_event` accepts for one of its watched parties.
WINDOW = timedelta(days=30)


def cluster_keys(rows: list[dict[str, Any]], events: list[list[Event]]) -> list[frozenset[str]]:
    order = sorted(range(len(rows)), key=lambda i: rows[i]["published"])
    alerts: list[tuple[datetime, Event, str]] = []  # (first seen, event, id)
    keys: list[frozenset[str]] = [frozenset()] * len(rows)
    for i in order:
        when = datetime.fromisoformat(rows[i]["published"].replace("Z", "+00:00"))
        got: set[str] = set()
        for ev in events[i]:
            watched = [p.name for p in ev.parties if p.watched]
            match = next(
                (
                    aid
                    for seen, old, aid in alerts
                    if when - seen <= WINDOW and any(same_event(old, ev, name) for name in watched)
                ),
                None,
            )
            if match is None and watched:
                match = f"a{len(alerts)}"
                alerts.append((when, ev, match))
            if match:
                got.add(match)
        keys[i] = frozenset(got)
    return keys


def score(rows: list[dict[str, Any]], keys: list[frozenset[str]]) -> dict[str, Any]:
    tp = fp = fn = 0
    for i, j in combinations(range(len(rows)), 2):
        same_group = rows[i]["group"] == rows[j]["group"]
        same_key = bool(keys[i] & keys[j])
        tp += same_group and same_key
        fp += same_key and not same_group
        fn += same_group and not same_key
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    group_keys: dict[str, set[str]] = defaultdict(set)
    key_groups: dict[str, set[str]] = defaultdict(set)
    for row, ks in zip(rows, keys, strict=True):
        for k in ks:
            group_keys[row["group"]].add(k)
            key_groups[k].add(row["group"])
    groups = sorted({r["group"] for r in rows})
    split = [g for g in groups if len(group_keys[g]) > 1]
    silent = [g for g in groups if not group_keys[g]]
    merged = {k: sorted(gs) for k, gs in key_groups.items() if len(gs) > 1}
    return {
        "articles": len(rows),
        "groups": len(groups),
        "pairs_same_group": tp + fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "groups_split": split,
        "extra_alerts": sum(len(group_keys[g]) - 1 for g in groups if group_keys[g]),
        "keys_spanning_groups": merged,
        "groups_without_alert": silent,
        "articles_without_event": sum(not ks for ks in keys),
        "alerts": len(key_groups),
    }


def _print(title: str, s: dict[str, Any]) -> None:
    print(f"== {title}")
    print(
        f"articles {s['articles']}  groups {s['groups']}  same-group pairs {s['pairs_same_group']}"
        f"  alerts (distinct keys) {s['alerts']}"
    )
    print(f"pairwise precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}")
    print(
        f"groups split into several keys: {len(s['groups_split'])} "
        f"(+{s['extra_alerts']} duplicate alerts) {' '.join(s['groups_split'])}"
    )
    spans = "; ".join("+".join(gs) for gs in s["keys_spanning_groups"].values())
    print(f"keys spanning several groups (missed alerts): {len(s['keys_spanning_groups'])} {spans}")
    if s["articles_without_event"] or s["groups_without_alert"]:
        print(
            f"articles with no event: {s['articles_without_event']}; groups with no alert: "
            f"{len(s['groups_without_alert'])} {' '.join(s['groups_without_alert'])}"
        )


def _show(rows: list[dict[str, Any]], keys: list[frozenset[str]]) -> None:
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_group[row["group"]].append(i)
    for g, idx in by_group.items():
        if len({k for i in idx for k in keys[i]}) > 1 or any(not keys[i] for i in idx):
            for i in idx:
                tag = ",".join(sorted(k[-6:] for k in keys[i])) or "-"
                print(f"  {g} {rows[i]['id']} [{tag}] {rows[i]['title'][:80]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default=str(DEFAULT_FILE))
    ap.add_argument("--detector", action="store_true", help="also run match + detect on the text")
    ap.add_argument("--show", action="store_true", help="list the articles of split groups")
    args = ap.parse_args(argv)
    rows = load(args.file)
    keys = [label_keys(r) for r in rows]
    _print("label events -> event_key", score(rows, keys))
    if args.show:
        _show(rows, keys)
    ckeys = cluster_keys(rows, [[label_event(r)] for r in rows])
    _print("label events -> same_event within the window (what storage does)", score(rows, ckeys))
    if args.detector:
        devents = [detector_events(r) for r in rows]
        dkeys = [frozenset(event_key(e) for e in evs) for evs in devents]
        _print("match + detect -> event_key (end to end)", score(rows, dkeys))
        if args.show:
            _show(rows, dkeys)
        dckeys = cluster_keys(rows, devents)
        _print("match + detect -> same_event within the window (end to end)", score(rows, dckeys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
