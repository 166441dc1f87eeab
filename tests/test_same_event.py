"""same_event: outlets name one event differently; distinct events stay distinct."""

from __future__ import annotations

import pytest

from bot.dedupe import names_match, same_event
from bot.models import Event, Party


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Couche-Tard", "Alimentation Couche-Tard"),
        ("Disney", "Walt Disney Co."),
        ("GM", "General Motors"),
        ("HPE", "Hewlett Packard Enterprise"),
        ("Alphabet", "Google"),
        ("U.S. government", "US government"),
        ("Warner Bros.", "Warner Bros"),
        ("Meta", "Meta Platforms Inc."),
        ("SoftBank Group", "SoftBank"),
        ("Nvidia's", "Nvidia Corp."),
    ],
)
def test_names_outlets_use_for_one_company_match(a: str, b: str) -> None:
    assert names_match(a, b) and names_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("General Motors", "General Electric"),
        ("Google", "OpenAI"),
        ("Bank of America", "Bank of China"),
        ("Intel", "Intuit"),
        ("AMD", "Arm"),
        ("", "Meta"),
    ],
)
def test_different_companies_do_not_match(a: str, b: str) -> None:
    assert not names_match(a, b)


def inv(investor: str | None, *, direction: str = "in", certainty: str = "confirmed") -> Event:
    parties = [Party("Scale AI", "investee", watched=True)]
    if investor:
        parties.insert(0, Party(investor, "investor"))
    return Event("investment", certainty, tuple(parties), direction)  # type: ignore[arg-type]


def ended(other: str) -> Event:
    return Event(
        "partnership_ended",
        "confirmed",
        (Party(other, "party"), Party("Scale AI", "party", watched=True)),
    )


def test_same_event_across_outlets() -> None:
    assert same_event(inv("Meta"), inv("Meta Platforms Inc."), "Scale AI")
    # A later confirmation of a rumour is the same event (a follow-up).
    assert same_event(inv("Meta", certainty="speculative"), inv("Meta"), "Scale AI")
    # One outlet leaves the investor out.
    assert same_event(inv(None), inv("Meta"), "Scale AI")


def test_distinct_events_stay_distinct() -> None:
    assert not same_event(ended("Google"), ended("OpenAI"), "Scale AI")
    assert not same_event(inv("Meta"), inv("Meta", direction="out"), "Scale AI")
    assert not same_event(inv("Meta"), ended("Meta"), "Scale AI")
    assert not same_event(inv("Meta"), inv("Accel"), "Scale AI")


def test_the_entity_must_hold_the_same_role() -> None:
    as_investor = Event(
        "investment",
        "confirmed",
        (Party("Scale AI", "investor", watched=True), Party("Meta", "investee")),
        "in",
    )
    assert not same_event(inv("Meta"), as_investor, "Scale AI")


def test_partnership_parties_are_symmetric() -> None:
    a = Event(
        "partnership_formed",
        "confirmed",
        (Party("Walt Disney", "party"), Party("OpenAI", "party", watched=True)),
    )
    b = Event(
        "partnership_formed",
        "confirmed",
        (Party("OpenAI", "party", watched=True), Party("Disney", "party")),
    )
    assert same_event(a, b, "OpenAI")
