"""bot/match.py: the labelled table, spans, rules, two watchlists, explain()."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.match import Matcher, normalize_name
from bot.models import Entity, Watchlist, article_text
from bot.normalize import same_company
from bot.watchlist import load_watchlist_file, load_watchlists

ROOT = Path(__file__).resolve().parent.parent
CASES_FILE = ROOT / "tests" / "data" / "match_cases.yaml"
TABLE: dict[str, Any] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def matcher(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    shipped, problems = load_watchlists(ROOT / "watchlists")
    assert not [p for p in problems if p.severity == "error"]
    extra_path = tmp_path_factory.mktemp("extra") / "traps.yaml"
    extra_path.write_text(yaml.safe_dump(TABLE["extra"]), encoding="utf-8")
    extra, extra_problems = load_watchlist_file(extra_path)
    assert extra is not None and not extra_problems
    return Matcher([*shipped, extra])


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['kind']}:{case['text'][:50]}"


def test_table_is_large_and_covers_every_kind() -> None:
    kinds = {c["kind"] for c in TABLE["cases"]}
    assert len(TABLE["cases"]) >= 300
    for kind in ("exact", "possessive", "joined", "hyphenated", "dotted", "lower-case", "typo",
                 "legal-suffix", "ticker", "former-name", "trap-at-scale", "trap-meta",
                 "trap-oracle", "trap-box", "trap-square", "trap-mistral", "trap-snowflake",
                 "trap-perplexity", "trap-apple", "trap-substring", "typo-trap"):  # fmt: skip
        assert kind in kinds


@pytest.mark.parametrize("case", TABLE["cases"], ids=_case_id)
def test_labelled_case(matcher: Matcher, case: dict[str, Any]) -> None:
    found = matcher.find(case["text"])
    names = {m.entity for m in found}
    expected: dict[str, str | None] = {}
    for item in case.get("match") or []:
        name, _, surface = item.partition(" = ")
        expected[name] = surface or None
    assert names == set(expected), (names, matcher.explain(case["text"]))
    for name, surface in expected.items():
        if surface is not None:
            assert surface in {m.surface for m in found if m.entity == name}
    assert not names & set(case.get("not") or [])


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("plain") / "plain.yaml"
    path.write_text(yaml.safe_dump(TABLE["plain"]), encoding="utf-8")
    wl, _ = load_watchlist_file(path)
    assert wl is not None and all(not e.context and not e.aliases for e in wl.entities)
    return Matcher([wl])


def test_plain_table_covers_positions_and_traps() -> None:
    kinds = [c["kind"] for c in TABLE["plain_cases"]]
    for kind in ("plain-title", "plain-headline", "plain-lede", "plain-wire", "plain-trap"):
        assert kinds.count(kind) >= 10


@pytest.mark.parametrize("case", TABLE["plain_cases"], ids=_case_id)
def test_plain_case(plain: Matcher, case: dict[str, Any]) -> None:
    """The same contract as the main table, over name-only entries."""
    test_labelled_case(plain, case)


def _wl(name: str, *entities: Entity, channel: str = "#x") -> Watchlist:
    return Watchlist(name, channel, f"{name}.yaml", entities)


def _e(name: str, watchlist: str = "vendors", **kw: Any) -> Entity:
    return Entity(name=name, watchlist=watchlist, **kw)


def test_spans_index_into_article_text() -> None:
    m = Matcher([_wl("vendors", _e("Scale AI"), _e("Nvidia"))])
    text = article_text("Meta invests in Scale AI", "Nvidia’s chips and Scale AI’s data.")
    found = m.find(text)
    assert [(x.entity, text[x.start : x.end]) for x in found] == [
        ("Scale AI", "Scale AI"),
        ("Nvidia", "Nvidia’s"),
        ("Scale AI", "Scale AI’s"),
    ]
    assert all(x.surface == text[x.start : x.end] for x in found)
    assert [x.start for x in found] == sorted(x.start for x in found)


def test_rules_say_why() -> None:
    m = Matcher(
        [
            _wl(
                "l",
                _e("Scale AI", "l", aliases=("Scale.ai",)),
                _e("Anthropic", "l"),
                _e("Meta", "l", former_names=("Facebook",)),
                _e("Nvidia", "l", tickers=("NVDA",)),
                _e("CoreWeave", "l"),
            )
        ]
    )
    text = "ScaleAI, Scale AI, Antrhopic, Facebook, NVDA, Core Weave and Anthropic"
    rules = {(x.surface, x.rule) for x in m.find(text)}
    assert rules == {
        ("ScaleAI", "joined form of 'Scale AI'"),
        ("Scale AI", "name"),
        ("Antrhopic", "typo of 'Anthropic' (1 edit)"),
        ("Facebook", "former name 'Facebook'"),
        ("NVDA", "ticker 'NVDA'"),
        ("Core Weave", "spaced form of 'CoreWeave'"),
        ("Anthropic", "name"),
    }
    assert m.find("Scale.ai expands")[0].rule == "name"  # same tokens as the name: the name wins


def test_alias_rule_names_the_alias() -> None:
    m = Matcher([_wl("l", _e("Amazon Web Services", "l", aliases=("AWS",)))])
    assert [x.rule for x in m.find("AWS outage hits banks")] == ["alias 'AWS'"]


def test_entity_on_two_watchlists_gives_a_mention_for_each() -> None:
    m = Matcher(
        [_wl("vendors", _e("Nvidia", "vendors")), _wl("competitors", _e("Nvidia", "competitors"))]
    )
    found = m.find("Nvidia invests in Scale AI")
    assert {(x.entity, x.watchlist, x.start) for x in found} == {
        ("Nvidia", "vendors", 0),
        ("Nvidia", "competitors", 0),
    }


def test_subsidiary_counts_for_parent_only_when_asked() -> None:
    aws = _e("Amazon Web Services", "v", aliases=("AWS",), parent="Amazon")
    asked = Matcher([_wl("v", aws), _wl("c", _e("Amazon", "c", include_subsidiaries=True))])
    assert {x.entity for x in asked.find("AWS signs deal")} == {"Amazon Web Services", "Amazon"}
    assert "subsidiary 'Amazon Web Services'" in {x.rule for x in asked.find("AWS signs deal")}
    not_asked = Matcher([_wl("v", aws), _wl("c", _e("Amazon", "c"))])
    assert {x.entity for x in not_asked.find("AWS signs deal")} == {"Amazon Web Services"}


def test_longest_match_wins() -> None:
    m = Matcher([_wl("l", _e("Google", "l"), _e("Google Cloud", "l"))])
    assert [x.entity for x in m.find("Google Cloud wins deal")] == ["Google Cloud"]


def test_context_and_exclude_and_not_context() -> None:
    lam = _e(
        "Lambda",
        "l",
        case_sensitive_aliases=("Lambda",),
        context=("GPU",),
        not_context=("calculus",),
    )
    m = Matcher([_wl("l", lam)])
    assert [x.entity for x in m.find("Lambda rents GPU clusters to labs")] == ["Lambda"]
    assert m.find("Lambda rents clusters to labs") == []
    assert m.find("Lambda calculus and GPU proofs") == []
    ex = Matcher([_wl("l", _e("Vanta", "l", exclude=("Vanta Black",)))])
    assert ex.find("Vanta Black is a pigment") == []
    assert len(ex.find("Vanta raises money")) == 1


def test_fuzzy_can_be_turned_off() -> None:
    on = Matcher([_wl("l", _e("Anthropic", "l"))])
    off = Matcher([_wl("l", _e("Anthropic", "l", fuzzy=False))])
    assert len(on.find("Antrhopic raises")) == 1
    assert off.find("Antrhopic raises") == []


def test_no_fuzzy_on_short_names() -> None:
    m = Matcher([_wl("l", _e("Groq", "l"), _e("Canva", "l"))])
    assert m.find("Grok and Canvas") == []


def test_explain_tells_near_misses() -> None:
    m = Matcher([_wl("l", _e("Scale AI", "l", aliases=("Scale",)), _e("Mercor", "l"))])
    lines = m.explain("Firms deploy models at scale today, says Mercer")
    assert any("'scale' at 23 ignored: lower case" in line for line in lines)
    assert any("'Mercer'" in line and "Mercor" in line for line in lines)
    assert m.explain("Scale AI raises") == []  # matched, nothing missed


def test_explain_names_the_trap_phrase() -> None:
    m = Matcher([_wl("l", _e("Oracle", "l"))])
    lines = m.explain("Buffett, the Oracle of Omaha, speaks")
    assert lines == ["'Oracle' at 13 ignored: inside 'oracle of omaha' (built-in trap phrase)"]


def test_empty_and_unmatched_text() -> None:
    m = Matcher([_wl("l", _e("Anthropic", "l"))])
    assert m.find("") == []
    assert m.find("Nothing to see here") == []
    assert Matcher([]).find("Anthropic") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Scale AI, Inc.", "scale ai"),
        ("Scale AI’s", "scale ai"),
        ("The Trade Desk", "trade desk"),
        ("Nestlé S.A.", "nestle"),
        ("Alibaba Group", "alibaba"),
        ("Virgin Group", "virgin group"),
        ("Ｎｖｉｄｉａ Corp.", "nvidia"),
    ],
)
def test_normalize_name(a: str, b: str) -> None:
    assert normalize_name(a) == b


def test_same_company_compares_joined_forms() -> None:
    assert same_company("ScaleAI", "Scale.ai Inc.")
    assert not same_company("Scale AI", "Surge AI")
    assert not same_company("", "")
