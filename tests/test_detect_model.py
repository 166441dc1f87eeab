"""bot.detect_model: the learned fallback behind the rules."""

from __future__ import annotations

import json
from pathlib import Path

from bench.eval_detect import build_mentions
from bot.detect import detect, detect_rules
from bot.detect_mask import mask_text
from bot.detect_model import (
    MODEL_PATH,
    fallback_event,
    load_model,
    masked_doc,
    ngrams,
    probabilities,
)

# No rule reads "paid ... for a stake"; the model does (tests/data/detect_cases.yaml).
UNREAD = "Globex Paid $40 Million For A Stake In Initech"


def _mentions(text: str, watch: list[str]):  # type: ignore[no-untyped-def]
    return build_mentions(text, watch, {})


def test_model_file_loads_and_never_trained_on_the_blind_set() -> None:
    model = load_model()
    assert model is not None
    assert model.classes == (
        "acquisition",
        "investment",
        "none",
        "partnership_ended",
        "partnership_formed",
    )
    assert 0.5 <= model.threshold < 1.0
    about = json.loads(MODEL_PATH.read_text())["about"]
    assert "detect_dev" in about
    assert "detect_holdout9" not in about  # the honest measure of rules + model


def test_masked_doc_reduces_names_and_amounts() -> None:
    text = "Globex to buy Initech for $2 billion"
    doc = masked_doc(mask_text(text, _mentions(text, ["Initech"])))
    assert doc == "HHH  OOO  to buy  WWW  for  AAA "
    assert ngrams("a b c", 2) == {"a": 1, "b": 1, "c": 1, "a b": 1, "b c": 1}


def test_probabilities_are_a_distribution() -> None:
    model = load_model()
    assert model is not None
    probs = probabilities(model, "HHH OOO to acquire WWW for AAA")
    assert abs(sum(probs.values()) - 1.0) < 1e-9
    assert max(probs, key=lambda c: probs[c]) == "acquisition"


def test_fallback_reads_what_no_rule_reads() -> None:
    rules, _, still_open = detect_rules(UNREAD, _mentions(UNREAD, ["Initech"]))
    assert rules == [] and still_open
    (event,) = detect(UNREAD, _mentions(UNREAD, ["Initech"]))
    assert (event.type, event.certainty, event.direction) == ("investment", "confirmed", "in")
    assert [(p.name, p.role, p.watched) for p in event.parties] == [
        ("Globex", "investor", False),
        ("Initech", "investee", True),
    ]
    assert "learned fallback" in event.evidence
    assert event.amount == "$40 Million"
    assert detect(UNREAD, _mentions(UNREAD, ["Initech"]), fallback=False) == []


def test_a_rule_that_rejects_a_trigger_is_not_overruled() -> None:
    text = "Globex says it will not invest in Initech"
    _, _, still_open = detect_rules(text, _mentions(text, ["Initech"]))
    assert not still_open
    assert detect(text, _mentions(text, ["Initech"])) == []


def test_questions_and_lone_names_stay_silent() -> None:
    question = "Should Globex Pay $40 Million For A Stake In Initech?"
    assert detect(question, _mentions(question, ["Initech"])) == []
    alone = "Initech shares rose 4% on Tuesday after strong quarterly results"
    assert detect(alone, _mentions(alone, ["Initech"])) == []


def test_certainty_comes_from_the_words() -> None:
    text = "Globex Said To Weigh Paying $40 Million For A Stake In Initech"
    events = detect(text, _mentions(text, ["Initech"]))
    assert events and all(e.certainty == "speculative" for e in events)


def test_a_missing_or_broken_model_file_leaves_the_rules(tmp_path: Path) -> None:
    assert load_model(tmp_path / "missing.json") is None
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert load_model(broken) is None
    sentences = mask_text(UNREAD, _mentions(UNREAD, ["Initech"]))
    model = load_model()
    assert model is not None
    strict = model.__class__(**{**model.__dict__, "threshold": 1.01})
    assert fallback_event(sentences, strict) is None
