"""Train the learned fallback of bot/detect_model.py and choose its threshold.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_fallback.py [--write]

It reads the labelled sets (all but detect_holdout9 and detect_holdout15, which stay
blind), and for each set trains on the others and measures alert precision and recall of the
rules alone and of the rules plus the fallback at several thresholds (leave
one set out). The threshold kept is the lowest whose pooled precision stays at
or above --min-precision. With --write it trains on every set and writes
bot/detect_model.json. scikit-learn is only needed here, never at run time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-not-found]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-not-found]

from bench.eval_detect import ALERTING, matcher_mentions
from bot.detect import detect_rules
from bot.detect_model import MODEL_PATH, Model, fallback_event, masked_doc, probabilities
from bot.models import article_text

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# detect_holdout9 and detect_holdout15 are the blind measures of the whole detector: never
# trained on.
TRAIN_SETS = [
    "detect_dev",
    "detect_holdout",
    "detect_holdout2",
    "detect_holdout3",
    "detect_holdout4",
    "detect_holdout5",
    "detect_holdout6",
    "detect_holdout7",
    "detect_holdout8",
    "detect_holdout10",
    "detect_holdout11",
    "detect_holdout12",
    "detect_holdout13",
    "detect_holdout14",
]
THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]
NGRAM_MAX = 3
C = 10.0  # inverse regularisation; 2-30 tried, the precision-recall curve barely moves
PRUNE = 0.05  # n-grams whose every weight is smaller than this are dropped (file size)


def load(name: str) -> list[dict[str, Any]]:
    rows = []
    for line in (DATA / f"{name}.jsonl").read_text().splitlines():
        r = json.loads(line)
        text = article_text(r["title"], r["summary"])
        mentions = matcher_mentions(text, r["watch"], r["aliases"])
        rules, sentences, open_ = detect_rules(text, mentions)
        gold = [e for e in r["events"] if e["certainty"] in ALERTING]
        rows.append(
            {
                "doc": masked_doc(sentences),
                "label": gold[0]["type"] if gold else "none",
                "gold": bool(gold),
                "rules": rules,
                "sentences": sentences,
                "open": open_,
            }
        )
    return rows


def fit(rows: list[dict[str, Any]], threshold: float) -> Model:
    vec = TfidfVectorizer(
        ngram_range=(1, NGRAM_MAX),
        min_df=2,
        sublinear_tf=True,
        lowercase=False,
        token_pattern=r"[^\s]+",
    )
    x = vec.fit_transform([r["doc"] for r in rows])
    clf = LogisticRegression(C=C, max_iter=5000)
    clf.fit(x, [r["label"] for r in rows])
    idf: dict[str, float] = {}
    weights: dict[str, tuple[float, ...]] = {}
    for gram, col in vec.vocabulary_.items():
        w = tuple(round(float(v), 4) for v in clf.coef_[:, col])
        if max(abs(v) for v in w) >= PRUNE:
            idf[gram] = round(float(vec.idf_[col]), 4)
            weights[gram] = w
    return Model(
        classes=tuple(str(c) for c in clf.classes_),
        ngram_max=NGRAM_MAX,
        threshold=threshold,
        idf=idf,
        weights=weights,
        intercept=tuple(round(float(v), 4) for v in clf.intercept_),
    )


def alerts(row: dict[str, Any], model: Model | None) -> bool:
    """What detect() decides for this row, with the fallback given (None: rules alone)."""
    if not row["open"] or model is None:
        return any(e.certainty in ALERTING for e in row["rules"])
    ev = fallback_event(row["sentences"], model)
    return ev is not None and ev.certainty in ALERTING


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="train on all sets, write the model")
    ap.add_argument("--min-precision", type=float, default=0.98)
    args = ap.parse_args()
    sets = {name: load(name) for name in TRAIN_SETS}
    pooled = {t: [0, 0, 0] for t in [None, *THRESHOLDS]}
    print("leave one set out: alert precision / recall, rules alone then rules + fallback")
    print(f"{'held out':<18}{'rules':>13}" + "".join(f"{t:>13}" for t in THRESHOLDS))
    for held, test in sets.items():
        train = [r for name, rows in sets.items() if name != held for r in rows]
        base = fit(train, 0.0)
        line = f"{held:<18}"
        for t in [None, *THRESHOLDS]:
            model = None if t is None else Model(**{**base.__dict__, "threshold": t})
            tp = fp = fn = 0
            for row in test:
                said = alerts(row, model)
                tp += said and row["gold"]
                fp += said and not row["gold"]
                fn += row["gold"] and not said
            for k, v in enumerate((tp, fp, fn)):
                pooled[t][k] += v
            line += f"{_pr(tp, fp, fn):>13}"
        print(line)
    print(f"{'pooled':<18}" + "".join(f"{_pr(*pooled[t]):>13}" for t in [None, *THRESHOLDS]))
    good = [t for t in THRESHOLDS if _prec(*pooled[t]) >= args.min_precision]
    threshold = min(good) if good else max(THRESHOLDS)
    print(f"threshold kept: {threshold} (lowest with pooled precision >= {args.min_precision})")
    if not args.write:
        return
    rows = [r for rs in sets.values() for r in rs]
    model = fit(rows, threshold)
    payload = {
        "about": "bot/detect_model.py; trained by bench/train_fallback.py on " + ", ".join(sets),
        "classes": list(model.classes),
        "ngram_max": model.ngram_max,
        "threshold": model.threshold,
        "intercept": list(model.intercept),
        "features": {g: [model.idf[g], *model.weights[g]] for g in sorted(model.idf)},
    }
    MODEL_PATH.write_text(json.dumps(payload, separators=(",", ":")) + "\n")
    agree = sum(
        max(probabilities(model, r["doc"]), key=lambda c: probabilities(model, r["doc"])[c])
        == r["label"]
        for r in rows
    )
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} kB, {len(model.idf)} n-grams)")
    print(f"training accuracy {agree / len(rows):.3f} on {len(rows)} texts")


def _prec(tp: int, fp: int, fn: int) -> float:
    return tp / (tp + fp) if tp + fp else 1.0


def _pr(tp: int, fp: int, fn: int) -> str:
    recall = tp / (tp + fn) if tp + fn else 1.0
    return f"{_prec(tp, fp, fn):.3f}/{recall:.3f}"


if __name__ == "__main__":
    main()
