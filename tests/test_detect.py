"""bot.detect: the case table, the dev-set floor, evidence, and hostile input."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.eval_detect import build_mentions, evaluate
from bot.detect import detect
from bot.models import Event, Mention
from bot.orgs import find_orgs

DATA = Path(__file__).parent / "data"
CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "detect_cases.yaml").read_text())
# Floors just below what the rules alone reach (this test's evaluate(), build_mentions),
# so a rule change that loses ground fails here. Measured 2026-11-25:
# dev 0.928 / 1.000 / 0.904, holdout 0.883 / 0.981 / 0.887, holdout2 0.902 / 0.994 / 0.922,
# holdout3 0.885 / 0.986 / 0.940, holdout4 0.921 / 0.993 / 0.971, holdout5 0.926 / 1.000 /
# 0.959, holdout6 0.855 / 0.978 / 0.910, holdout7 0.813 / 0.978 / 0.882, holdout8 0.806 /
# 0.926 / 0.871, holdout9 (blind) 0.867 / 0.973 / 0.852, holdout10 0.809 / 0.971 / 0.829,
# holdout11 0.813 / 0.969 / 0.841.
FLOORS = {
    "detect_dev.jsonl": (0.93, 0.99, 0.91),
    "detect_holdout.jsonl": (0.885, 0.975, 0.895),
    "detect_holdout2.jsonl": (0.9, 0.985, 0.92),
    "detect_holdout3.jsonl": (0.885, 0.985, 0.94),
    "detect_holdout4.jsonl": (0.915, 0.985, 0.965),
    "detect_holdout5.jsonl": (0.93, 0.99, 0.96),
    "detect_holdout6.jsonl": (0.87, 0.97, 0.9),
    "detect_holdout7.jsonl": (0.85, 0.97, 0.915),
    "detect_holdout8.jsonl": (0.83, 0.93, 0.895),
    "detect_holdout9.jsonl": (0.875, 0.97, 0.86),
    "detect_holdout10.jsonl": (0.86, 0.975, 0.895),
    "detect_holdout11.jsonl": (0.84, 0.965, 0.875),
    "detect_holdout12.jsonl": (0.9, 0.99, 0.905),
    "detect_holdout13.jsonl": (0.815, 0.98, 0.845),
    "detect_holdout14.jsonl": (0.825, 0.98, 0.8),
    "detect_holdout15.jsonl": (0.85, 0.95, 0.84),
}
# The learned fallback was trained on every set but holdout9 and holdout15
# (bench/train_fallback.py), so only those measure rules + model: holdout9 0.905 / 0.976 / 0.938.
FALLBACK_FLOORS = {
    "detect_holdout9.jsonl": (0.895, 0.97, 0.93),
    # holdout15, written blind after the 2026-11-26 work and never used since: 0.877 / 0.960 / 0.924
    "detect_holdout15.jsonl": (0.87, 0.955, 0.92),
}


def _run(text: str, watch: list[str]) -> list[Event]:
    return detect(text, build_mentions(text, watch, {}))


def _canon(shape: dict[str, Any]) -> str:
    return json.dumps(shape, sort_keys=True)


def _shape(ev: Event) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": ev.type,
        "certainty": ev.certainty,
        "parties": {p.name: p.role for p in ev.parties},
    }
    if ev.direction:
        out["direction"] = ev.direction
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_case_table(case: dict[str, Any]) -> None:
    got = [_shape(ev) for ev in _run(case["text"], case["watch"])]
    assert sorted(got, key=_canon) == sorted(case["expect"], key=_canon)


def test_watched_parties_are_marked_and_named_canonically() -> None:
    text = "ScaleAI cut ties with OpenAI"
    mentions = [Mention("Scale AI", "vendors", "ScaleAI", 0, 7, "alias")]
    [ev] = detect(text, mentions)
    assert {(p.name, p.watched) for p in ev.parties} == {("Scale AI", True), ("OpenAI", False)}


def test_counterparty_trimmed_of_possessive_and_legal_suffix() -> None:
    text = "Meta Platforms Inc's $14.3 billion investment in Scale AI closes"
    [ev] = _run(text, ["Scale AI"])
    assert {p.name for p in ev.parties} == {"Meta Platforms", "Scale AI"}
    assert ev.amount == "$14.3 billion"


def test_amount_and_evidence() -> None:
    [ev] = _run("Meta to take 49% stake in Scale AI", ["Scale AI"])
    assert ev.amount == "49% stake"
    assert "investment" in ev.evidence and "Meta" in ev.evidence and "stake" in ev.evidence


def test_speculative_evidence_names_the_marker() -> None:
    [ev] = _run("Google plans to cut ties with Scale AI", ["Scale AI"])
    assert ev.certainty == "speculative"
    assert "'plans to'" in ev.evidence and "cut ties" in ev.evidence


def test_every_dev_event_has_evidence() -> None:
    for case in CASES:
        for ev in _run(case["text"], case["watch"]):
            assert ev.evidence.strip()


def test_no_mentions_no_events() -> None:
    assert detect("Globex to acquire Initech", []) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "???!!!",
        "Ω≈ç√∫ 🚀🚀 Initech 買収 الاستحواذ",
        "Initech " * 5000,
        "\x00\x01\ue000\ue001\ue0021\ue001 Initech acquires",
        "Initech's's's 's " * 300,
    ],
)
def test_garbage_does_not_raise(text: str) -> None:
    events = _run(text, ["Initech"])
    assert isinstance(events, list)


def test_huge_text_is_fast() -> None:
    body = ("Globex to acquire Initech for $2 billion. Shares of Hooli rose 3%. " * 1600)[:100_000]
    text = "Globex to acquire Initech\n\n" + body
    mentions = build_mentions(text, ["Initech"], {})
    start = time.perf_counter()
    events = detect(text, mentions)
    assert time.perf_counter() - start < 0.5
    assert [e.type for e in events] == ["acquisition"]


@pytest.mark.parametrize(
    "text",
    [
        "Globex invests " + "new " * 990,
        "Globex won " + "growing " * 490,
        "Globex agrees to " + "a $1 billion new " * 235,
        "Globex signed " + "the " * 990,
    ],
    ids=["invests-new", "won-growing", "agrees-amounts", "signed-the"],
)
def test_adversarial_text_does_not_backtrack(text: str) -> None:
    # Feed text is untrusted: an optional run inside a bounded repeat once took more than a
    # minute on 4,000 characters of "new new new" (review of 2026-11-26). The bound is far
    # above the milliseconds it takes, far below a blow-up.
    text = text[:4000]
    start = time.perf_counter()
    detect(text, build_mentions(text, ["Globex"], {}))
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    ("name", "fallback"),
    [(n, False) for n in sorted(FLOORS)] + [(n, True) for n in sorted(FALLBACK_FLOORS)],
)
def test_labelled_set_floor(name: str, fallback: bool) -> None:
    r = evaluate(DATA / name, fallback=fallback)
    f1, precision, recall = (FALLBACK_FLOORS if fallback else FLOORS)[name]
    assert r["texts"] >= 150
    assert r["macro_f1"] >= f1, r["per_type"]
    assert r["alert_precision"] >= precision
    assert r["alert_recall"] >= recall


# Rule words become stop words for name finding (bot/orgs.py STOP); a rule that names a noun
# only to exclude it must not cut real company names short.
@pytest.mark.parametrize(
    "name",
    [
        "Harlow Stores",
        "Cheesecake Factory",
        "Tower Semiconductor",
        "Penguin Random House",
        "Advanced Micro Devices",
        "Rio Tinto",
        "General Mills",
        "Digital Realty",
        "Kadokawa Publishing",
        "Hormel Foods",
    ],
)
def test_company_names_survive_rule_vocabulary(name: str) -> None:
    text = f"Globex said on Monday it agreed to buy {name} for $3 billion."
    orgs = find_orgs(text, 0, [])
    assert name in [o.name for o in orgs]


def test_leading_word_matching_equals_finditer() -> None:
    # bot/detect.py tries a leading rule only at the words it can start with (speed); that
    # must find exactly what a scan of the whole sentence finds.
    from bot.detect import _COMPILED, _LEADING, _leading_matches
    from bot.detect_gate import word_positions
    from bot.detect_mask import mask_text

    checked = 0
    for case in CASES:
        text = case["text"]
        for sent in mask_text(text, build_mentions(text, case["watch"], {})):
            where = word_positions(sent.masked)
            present = set(where)
            leading = sorted(_LEADING)
            got = _leading_matches(sent.masked, where, present, leading)
            for n in leading:
                rx = _COMPILED[n][1]
                want = [m.span() for m in rx.finditer(sent.masked)]
                assert [m.span() for m in got.get(n, [])] == want, (_COMPILED[n][0].name, text)
                checked += 1
    assert checked > 10_000
