"""Storage threads a differently worded report of one event under its alert (both backends)."""

from __future__ import annotations

from datetime import timedelta

from bot.dedupe import item_keys
from bot.storage import Store
from tests.factories import T0, alert, article, event, party


def record(store: Store, counterparty: str | None, *, at: timedelta = timedelta(0), **kw: object):  # type: ignore[no-untyped-def]
    parties = (party("Scale AI", "investee", watched=True),)
    if counterparty:
        parties = (party(counterparty, "investor"), *parties)
    ev = event("investment", parties, direction="in", **kw)  # type: ignore[arg-type]
    art = article()
    return store.record_article(art, item_keys(art), [alert(ev, art)], T0 + at)


def test_other_spellings_of_the_counterparty_are_one_alert(store: Store) -> None:
    first = record(store, "Walt Disney")
    second = record(store, "Disney Co.", at=timedelta(hours=3))
    third = record(store, None, at=timedelta(days=2))  # an outlet leaving the investor out
    assert len(first.new_alerts) == 1
    assert second.new_alerts == () and third.new_alerts == ()
    parent = first.new_alerts[0].key
    assert [f.key for f in second.followups + third.followups] == [parent, parent]
    [rec] = store.list_alerts()
    assert rec.sources == 3


def test_a_different_counterparty_is_a_different_alert(store: Store) -> None:
    first = record(store, "Meta")
    second = record(store, "Accel", at=timedelta(hours=1))
    assert len(first.new_alerts) == 1 and len(second.new_alerts) == 1
    assert first.new_alerts[0].key != second.new_alerts[0].key


def test_outside_the_window_it_is_news_again(store: Store) -> None:
    record(store, "Walt Disney")
    later = record(store, "Disney", at=timedelta(days=400))
    assert len(later.new_alerts) == 1


def test_a_denial_in_other_words_threads_under_the_rumour(store: Store) -> None:
    rumour = record(store, "Meta Platforms", certainty="speculative")
    parties = (party("Meta", "investor"), party("Scale AI", "investee", watched=True))
    denial = alert(event("investment", parties, direction="in", certainty="denied"))
    denial = denial.__class__(**{**denial.__dict__, "followup_only": True})
    art = denial.article
    result = store.record_article(art, item_keys(art), [denial], T0 + timedelta(hours=5))
    assert result.new_alerts == ()
    assert [f.key for f in result.followups] == [rumour.new_alerts[0].key]


def test_a_backlog_read_in_one_run_keeps_events_a_year_apart_apart(store: Store) -> None:
    """Window by news time: last year's stake and this year's, both read now, are two events."""
    parties = (party("Amazon", "investor"), party("Scale AI", "investee", watched=True))
    ev = event("investment", parties, direction="in")
    old, new, echo = (
        article(published=T0 - timedelta(days=400)),
        article(published=T0),
        article(published=T0 + timedelta(days=2)),
    )
    results = [
        store.record_article(a, item_keys(a), [alert(ev, a)], T0 + timedelta(days=3))
        for a in (new, old, echo)
    ]
    assert [len(r.new_alerts) for r in results] == [1, 1, 0]
    assert [f.key for f in results[2].followups] == [results[0].new_alerts[0].key]


def test_an_undated_copy_of_a_dated_story_is_the_same_event(store: Store) -> None:
    parties = (party("Amazon", "investor"), party("Scale AI", "investee", watched=True))
    ev = event("investment", parties, direction="in")
    dated, undated = article(published=T0 - timedelta(days=500)), article(published=None)
    first = store.record_article(dated, item_keys(dated), [alert(ev, dated)], T0)
    second = store.record_article(undated, item_keys(undated), [alert(ev, undated)], T0)
    assert len(first.new_alerts) == 1 and second.new_alerts == ()
    assert [f.key for f in second.followups] == [first.new_alerts[0].key]
