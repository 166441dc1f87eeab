"""A learned fallback for texts the rules leave silent: TF-IDF n-grams and a linear model.

The rules (bot/detect_rules.py) are precise but each wording needs its own
pattern; on sets written after the rules were tuned they found 74-85% of the
texts that should alert (tests/data/README.md). A logistic regression over the
masked text (names as WWW/OOO, amounts as AAA) recognises a relationship change
from wording the rules have never seen. It runs only when no rule fired, only
on a sentence naming a watched company and another one, and only above a
probability threshold chosen by leave-one-set-out cross-validation
(bench/train_fallback.py), so precision stays where the rules put it.

The weights are data (bot/detect_model.json), trained offline by
bench/train_fallback.py; inference is plain Python, with no network and no
numeric library at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from bot.detect_certainty import certainty
from bot.detect_lexicon import END, ORG
from bot.detect_mask import Sentence
from bot.models import Direction, Event, EventType, Party

MODEL_PATH = Path(__file__).with_name("detect_model.json")
_ORG_AT = re.compile(ORG + r"(\d+)" + END)
_AMT_AT = re.compile("\ue002" + r"\d+" + END)
_AMT_STAKE = re.compile("\ue002" + r"(\d+)" + END + r"(\s+stake)?")
# Sale words make a fallback investment a divestment.
_SALE = re.compile(
    r"\b(?:sell\w*|sold|sale|divest\w*|offload\w*|unload\w*|dispos\w+|exit\w*|trim\w*|"
    r"cuts?|cutting|reduc\w+|pares?|pared|dump\w*)\b"
)
# Things sold that are no company (labelling guide "assetsale"): the rules read these
# (bot/detect_units.py); the model cannot tell them from a business.
_ASSETS = re.compile(
    r"\b(?:plants?|factor(?:y|ies)|mines?|refiner(?:y|ies)|slaughterhouses?|terminals?|pipelines?|"
    r"spectrum|licen[cs]es|loans?|receivables|mortgages|properties|buildings?|towers?|hotels?|"
    r"stores|warehouses?|oil ?fields?|aircraft|jets|ships|vessels|portfolios?|patents|assets|"
    r"platforms?|technology|ports?|sites?)\b"
)
# "acquired by", "backed by", "investment from": the name after these does it.
_AGENT_BEFORE = re.compile(r"\b(?:by|from)\s+(?:[\w'-]+\s+){0,3}$")


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    ngram_max: int
    threshold: float
    idf: dict[str, float]
    weights: dict[str, tuple[float, ...]]  # n-gram -> one weight per class
    intercept: tuple[float, ...]


def masked_doc(sentences: Sequence[Sentence]) -> str:
    """The model's view of a text: each sentence masked, names reduced to WWW (watched)
    or OOO (any other), amounts to AAA, headline and lede sentences marked."""
    parts = []
    for sent in sentences:
        watched = {str(i) for i, o in enumerate(sent.orgs) if o.watched}
        text = _ORG_AT.sub(partial(_placeholder, watched), sent.masked)
        text = _AMT_AT.sub(" AAA ", text)
        parts.append(("HHH " if sent.headline else "SSS ") + text)
    return " ".join(parts)


def _placeholder(watched: set[str], m: re.Match[str]) -> str:
    return " WWW " if m.group(1) in watched else " OOO "


def ngrams(doc: str, n_max: int) -> Counter[str]:
    """Word n-grams as scikit-learn's TfidfVectorizer forms them (token = non-space run)."""
    tokens = doc.split()
    counts: Counter[str] = Counter(tokens)
    for n in range(2, n_max + 1):
        counts.update(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return counts


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The stored model, or None when the file is missing (the rules still run)."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    features: dict[str, list[float]] = data["features"]
    return Model(
        classes=tuple(data["classes"]),
        ngram_max=int(data["ngram_max"]),
        threshold=float(data["threshold"]),
        idf={k: v[0] for k, v in features.items()},
        weights={k: tuple(v[1:]) for k, v in features.items()},
        intercept=tuple(data["intercept"]),
    )


def probabilities(model: Model, doc: str) -> dict[str, float]:
    """Class probabilities: sublinear TF-IDF, L2-normalised, then a softmax."""
    idf, weights = model.idf, model.weights
    vec: list[tuple[tuple[float, ...], float]] = []
    square = 0.0
    for g, c in ngrams(doc, model.ngram_max).items():
        f = idf.get(g)
        if f is not None:
            v = (1.0 + math.log(c)) * f
            vec.append((weights[g], v))
            square += v * v
    norm = math.sqrt(square) or 1.0
    scores = list(model.intercept)
    for ws, v in vec:
        v /= norm
        for k, w in enumerate(ws):
            scores[k] += w * v
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return {c: e / total for c, e in zip(model.classes, exp, strict=True)}


def fallback_event(sentences: Sequence[Sentence], model: Model | None = None) -> Event | None:
    """One event the model is sure of, between a watched company and its nearest neighbour."""
    model = model or load_model()
    if model is None:
        return None
    pair = _first_pair(sentences)
    if pair is None:
        return None
    probs = probabilities(model, masked_doc(sentences))
    typ, p = max(((c, v) for c, v in probs.items() if c != "none"), key=lambda cv: cv[1])
    if p < model.threshold:
        return None
    sent, watched, other = pair
    if typ in ("investment", "acquisition") and _ASSETS.search(sent.masked):
        return None  # "sells 16 slaughterhouses to Minerva" (h12-0186): an asset sale
    kind: EventType = typ  # type: ignore[assignment]
    cert, marker = certainty(sent.masked, 0, len(sent.masked), "", kind)
    direction: Direction | None = None
    first, second = sorted((watched, other), key=lambda i: sent.orgs[i].start)
    second_at = _ORG_AT.search(sent.masked, _org_end(sent, first))
    doer, undergoer = first, second
    if second_at and _AGENT_BEFORE.search(sent.masked[: second_at.start()]):
        doer, undergoer = second, first
    if kind == "investment":
        direction = "out" if _SALE.search(sent.masked) else "in"
        roles = ("investor", "investee")
    elif kind == "acquisition":
        roles = ("acquirer", "target")
    else:
        roles = ("party", "party")
    parties = (
        Party(sent.orgs[doer].name, roles[0], sent.orgs[doer].watched),  # type: ignore[arg-type]
        Party(sent.orgs[undergoer].name, roles[1], sent.orgs[undergoer].watched),  # type: ignore[arg-type]
    )
    why = f" ('{marker}')" if marker else ""
    evidence = f"{kind}, {cert}{why}: learned fallback, p={p:.2f}, no rule matched; " + ", ".join(
        f"{q.role} {q.name}" for q in parties
    )
    return Event(kind, cert, parties, direction, _amount(sent), evidence)


def _amount(sent: Sentence) -> str:
    """The sentence's first amount, as written ("$14.3 billion", "49% stake")."""
    m = _AMT_STAKE.search(sent.masked)
    if not m:
        return ""
    amount = sent.amounts[int(m.group(1))]
    return f"{amount} stake" if m.group(2) else amount


def _org_end(sent: Sentence, index: int) -> int:
    m = re.search(ORG + str(index) + END, sent.masked)
    return m.end() if m else 0


def _first_pair(sentences: Sequence[Sentence]) -> tuple[Sentence, int, int] | None:
    """The first sentence naming a watched company and another company, with the two."""
    for sent in sentences:
        watched = [i for i, o in enumerate(sent.orgs) if o.watched]
        if not watched:
            continue
        w = watched[0]
        names = {sent.orgs[w].name}
        others = [i for i, o in enumerate(sent.orgs) if o.name not in names]
        if others:
            at = sent.orgs[w].start
            other = min(others, key=lambda i: abs(sent.orgs[i].start - at))
            return sent, w, other
    return None
