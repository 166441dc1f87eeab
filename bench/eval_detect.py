"""Score bot.detect on a labelled JSONL set.

    .venv/bin/python bench/eval_detect.py [--file tests/data/detect_dev.jsonl] [--show-errors]
        [--matcher] [--rules-only]

--matcher finds mentions with the real bot.match.Matcher over a throwaway
watchlist built per text from "watch" and "aliases" (what `newsbot analyze`
gives); without it, a case-sensitive whole-word string search stands in.
--rules-only leaves out the learned fallback, which was trained on every set but
detect_holdout9: only that set measures the two together honestly.

A predicted event matches a gold one when the type and the set of WATCHED
parties with their roles agree; whether counterparties and certainty also agree
is reported separately. Alerts are per text: any confirmed or speculative event.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.detect import detect
from bot.match import Matcher
from bot.models import EVENT_TYPES, Entity, Event, Mention, Watchlist, article_text

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "detect_dev.jsonl"
ALERTING = ("confirmed", "speculative")


def build_mentions(text: str, watch: list[str], aliases: dict[str, list[str]]) -> list[Mention]:
    """Stand-in for the matcher: case-sensitive whole-word search of names and aliases."""
    out: list[Mention] = []
    for name in watch:
        for surface in dict.fromkeys([name, *aliases.get(name, [])]):
            pat = r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])"
            for m in re.finditer(pat, text):
                out.append(Mention(name, "eval", surface, m.start(), m.end(), "eval"))
    return out


def matcher_mentions(text: str, watch: list[str], aliases: dict[str, list[str]]) -> list[Mention]:
    """Mentions as `newsbot analyze` finds them: the real matcher over this row's watchlist."""
    entities = tuple(
        Entity(name, "eval", tuple(a for a in aliases.get(name, []) if a != name)) for name in watch
    )
    return Matcher([Watchlist("eval", "#eval", "eval.yaml", entities)]).find(text)


def _key(parties: list[dict[str, Any]], watched: set[str]) -> frozenset[tuple[str, str]]:
    return frozenset((p["name"], p["role"]) for p in parties if p["name"] in watched)


def _counterparties_ok(gold: dict[str, Any], pred: Event, watched: set[str]) -> bool:
    want = {(p["name"].lower(), p["role"]) for p in gold["parties"] if p["name"] not in watched}
    got = [(p.name.lower(), p.role) for p in pred.parties if not p.watched]
    return all(
        any(r == role and (n.startswith(g) or g.startswith(n) or g in n) for n, r in got)
        for g, role in want
    )


def evaluate(
    path: str | Path = DEFAULT_FILE,
    show_errors: bool = False,
    matcher: bool = False,
    fallback: bool = True,
) -> dict[str, Any]:
    rows = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    matched = cert_ok = role_ok = cpty_ok = 0
    alert_tp = alert_fp = alert_fn = 0
    errors: list[str] = []
    elapsed = 0.0
    for row in rows:
        text = article_text(row.get("title", ""), row.get("summary", ""))
        watched = set(row["watch"])
        find = matcher_mentions if matcher else build_mentions
        mentions = find(text, row["watch"], row.get("aliases", {}))
        t0 = time.perf_counter()
        preds = detect(text, mentions, fallback=fallback)
        elapsed += time.perf_counter() - t0
        gold = list(row["events"])
        n_before = len(errors)
        free = list(range(len(preds)))
        for g in gold:
            gk = _key(g["parties"], watched)
            hit = next(
                (
                    i
                    for i in free
                    if preds[i].type == g["type"]
                    and _key([{"name": p.name, "role": p.role} for p in preds[i].parties], watched)
                    == gk
                ),
                None,
            )
            if hit is None:
                fn[g["type"]] += 1
                errors.append(
                    f"MISS {row['id']} {g['type']}/{g['certainty']} "
                    f"{[(p['name'], p['role']) for p in g['parties']]}"
                )
                continue
            free.remove(hit)
            tp[g["type"]] += 1
            matched += 1
            p = preds[hit]
            cert_ok += p.certainty == g["certainty"]
            cpty_ok += _counterparties_ok(g, p, watched)
            if p.certainty != g["certainty"]:
                errors.append(
                    f"CERT {row['id']} gold {g['certainty']} got {p.certainty}: {p.evidence}"
                )
        for i in free:
            fp[preds[i].type] += 1
            errors.append(f"FALSE {row['id']} {preds[i].evidence}")
        # Role accuracy: among type matches on the same watched names, roles right.
        for g in gold:
            names = {p["name"] for p in g["parties"] if p["name"] in watched}
            for p in preds:
                if p.type == g["type"] and {q.name for q in p.parties if q.watched} == names:
                    role_ok += _key(g["parties"], watched) == _key(
                        [{"name": q.name, "role": q.role} for q in p.parties], watched
                    )
                    break
        gtypes = sorted({g["type"] for g in gold}) or ["none"]
        ptypes = sorted({p.type for p in preds}) or ["none"]
        for gt in gtypes:
            confusion[(gt, gt if gt in ptypes else ptypes[0])] += 1
        g_alert = any(g["certainty"] in ALERTING for g in gold)
        p_alert = any(p.certainty in ALERTING for p in preds)
        alert_tp += g_alert and p_alert
        alert_fp += p_alert and not g_alert
        alert_fn += g_alert and not p_alert
        if show_errors and n_before != len(errors):
            errors.append(f"      text: {text!r}")
    per_type = {}
    for t in EVENT_TYPES:
        prec = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 1.0
        rec = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_type[t] = {
            "precision": prec,
            "recall": rec,
            "f1": f1,
            "tp": tp[t],
            "fp": fp[t],
            "fn": fn[t],
        }
    a_prec = alert_tp / (alert_tp + alert_fp) if alert_tp + alert_fp else 1.0
    a_rec = alert_tp / (alert_tp + alert_fn) if alert_tp + alert_fn else 1.0
    return {
        "texts": len(rows),
        "per_type": per_type,
        "macro_f1": sum(v["f1"] for v in per_type.values()) / len(per_type),
        "matched": matched,
        "certainty_accuracy": cert_ok / matched if matched else 0.0,
        "role_accuracy": role_ok / max(1, sum(len(r["events"]) for r in rows)),
        "counterparty_accuracy": cpty_ok / matched if matched else 0.0,
        "alert_precision": a_prec,
        "alert_recall": a_rec,
        "confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items())},
        "texts_per_second": len(rows) / elapsed if elapsed else 0.0,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default=str(DEFAULT_FILE))
    ap.add_argument("--show-errors", action="store_true")
    ap.add_argument("--matcher", action="store_true", help="mentions from bot.match.Matcher")
    ap.add_argument(
        "--rules-only",
        action="store_true",
        help="without the learned fallback (bot/detect_model.py)",
    )
    args = ap.parse_args(argv)
    r = evaluate(args.file, args.show_errors, args.matcher, fallback=not args.rules_only)
    how = "bot.match.Matcher" if args.matcher else "string search"
    print(f"{r['texts']} texts from {args.file} (mentions: {how})")
    print(f"{'type':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for t, v in r["per_type"].items():
        print(
            f"{t:<20}{v['precision']:7.3f}{v['recall']:7.3f}{v['f1']:7.3f}{v['tp']:5}{v['fp']:5}{v['fn']:5}"
        )
    print(f"macro F1             {r['macro_f1']:.3f}")
    print(f"certainty accuracy   {r['certainty_accuracy']:.3f} (on {r['matched']} matched events)")
    print(f"role accuracy        {r['role_accuracy']:.3f}")
    print(f"counterparty acc.    {r['counterparty_accuracy']:.3f}")
    print(f"alert precision      {r['alert_precision']:.3f}")
    print(f"alert recall         {r['alert_recall']:.3f}")
    print(f"throughput           {r['texts_per_second']:.0f} texts/s (detect only)")
    print("confusion (gold -> predicted, per text):")
    for k, n in r["confusion"].items():
        print(f"  {k:<42}{n:5}")
    if args.show_errors:
        print("\n".join(r["errors"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
