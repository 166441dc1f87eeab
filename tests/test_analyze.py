"""analyze: the judgement shared by the worker, analyze, try and replay."""

from __future__ import annotations

from bot.analyze import Analyzer
from bot.models import Article, Entity, Watchlist

VENDORS = Watchlist(
    "vendors", "#vendor-risk", "vendors.yaml", (Entity("Scale AI", "vendors"),), role="vendor"
)


def analyze(title: str, summary: str = "") -> dict[str, object]:
    article = Article(title, summary, "", "", None, "", "")
    return Analyzer([VENDORS]).analyze(article).to_json("x")


def test_confirmed_event_alerts_its_channel() -> None:
    out = analyze("Meta to take 49% stake in Scale AI")
    assert out["alert"] is True and out["channels"] == ["#vendor-risk"]


def test_denial_is_reported_as_an_event_but_does_not_alert_on_its_own() -> None:
    out = analyze("Meta denies it is in talks to invest in Scale AI")
    events = out["events"]
    assert isinstance(events, list) and events and events[0]["certainty"] == "denied"
    assert out["alert"] is False and out["channels"] == []


def test_follow_up_only_alert_is_kept_for_the_thread() -> None:
    article = Article(
        "Scale AI denies report that Meta will invest in it", "", "", "", None, "", ""
    )
    analysis = Analyzer([VENDORS]).analyze(article)
    assert analysis.alerting == ()
    assert [a.followup_only for a in analysis.alerts] == [True]


def test_no_mention_no_work() -> None:
    out = analyze("Banks deploy AI at scale")
    assert out == {"id": "x", "entities": [], "events": [], "alert": False, "channels": []}


def test_learned_fallback_can_be_turned_off() -> None:
    # No rule reads "paid ... for a stake"; only the learned fallback alerts on it.
    article = Article("Meta Paid $40 Million For A Stake In Scale AI", "", "", "", None, "", "")
    assert Analyzer([VENDORS]).analyze(article).alerting
    assert Analyzer([VENDORS], learned_fallback=False).analyze(article).alerting == ()
