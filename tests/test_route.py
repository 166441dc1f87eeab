from __future__ import annotations

from bot.models import Article, Entity, Event, Mention, Party, Watchlist
from bot.route import route_alerts

ARTICLE = Article(
    "Meta to take 49% stake in Scale AI", "", "https://x.example/a", "", None, "X", ""
)


def wl(name: str, channel: str, *entities: Entity, **kw: object) -> Watchlist:
    return Watchlist(name=name, channel=channel, path=f"{name}.yaml", entities=entities, **kw)  # type: ignore[arg-type]


def mention(entity: str, watchlist: str) -> Mention:
    return Mention(entity, watchlist, entity, 0, len(entity), "name")


INVEST = Event(
    "investment",
    "confirmed",
    (Party("Meta", "investor"), Party("Scale AI", "investee", watched=True)),
    direction="in",
)


def test_watched_party_alerts_its_watchlist_channel() -> None:
    vendors = wl("vendors", "#vendor-risk", Entity("Scale AI", "vendors"), role="vendor")
    [alert] = route_alerts(
        ARTICLE, [mention("Scale AI", "vendors")], [INVEST], {"vendors": vendors}
    )
    assert alert.channel == "#vendor-risk"
    assert alert.entity == "Scale AI"
    assert alert.entity_role == "vendor"
    assert alert.event is INVEST


def test_entity_on_two_watchlists_gives_one_alert_per_channel() -> None:
    lists = {
        "vendors": wl("vendors", "#vendor-risk", Entity("Scale AI", "vendors")),
        "risk": wl("risk", "#exec", Entity("Scale AI", "risk")),
    }
    mentions = [mention("Scale AI", "vendors"), mention("Scale AI", "risk")]
    alerts = route_alerts(ARTICLE, mentions, [INVEST], lists)
    assert sorted(a.channel for a in alerts) == ["#exec", "#vendor-risk"]
    assert len({a.key for a in alerts}) == 2
    assert len({a.event_key for a in alerts}) == 1


def test_two_watched_parties_on_one_channel_give_one_alert_about_the_investee() -> None:
    event = Event(
        "investment",
        "confirmed",
        (Party("Meta", "investor", watched=True), Party("Scale AI", "investee", watched=True)),
        direction="in",
    )
    lists = {"all": wl("all", "#deals", Entity("Scale AI", "all"), Entity("Meta", "all"))}
    alerts = route_alerts(
        ARTICLE, [mention("Meta", "all"), mention("Scale AI", "all")], [event], lists
    )
    assert [(a.channel, a.entity) for a in alerts] == [("#deals", "Scale AI")]


def test_channel_precedence_entity_then_event_type_then_list_then_default() -> None:
    lists = {
        "a": wl("a", "", Entity("Scale AI", "a", channel="#scale-only")),
        "b": wl("b", "#b", Entity("Scale AI", "b"), event_channels={"investment": "#deals"}),
        "c": wl("c", "", Entity("Scale AI", "c")),
    }
    mentions = [mention("Scale AI", n) for n in "abc"]
    alerts = route_alerts(ARTICLE, mentions, [INVEST], lists, default_channel="#news")
    assert sorted(a.channel for a in alerts) == ["#deals", "#news", "#scale-only"]


def test_list_filters_on_event_type_and_certainty() -> None:
    only_deals = wl("v", "#v", Entity("Scale AI", "v"), events=("acquisition",))
    assert route_alerts(ARTICLE, [mention("Scale AI", "v")], [INVEST], {"v": only_deals}) == []
    denied = Event("investment", "denied", INVEST.parties, direction="in")
    default = wl("v", "#v", Entity("Scale AI", "v"))
    assert route_alerts(ARTICLE, [mention("Scale AI", "v")], [denied], {"v": default}) == []
    # Asked for follow-ups, a denial still creates no new alert: it is only a
    # candidate reply in the thread of an earlier alert (storage decides).
    [reply] = route_alerts(
        ARTICLE, [mention("Scale AI", "v")], [denied], {"v": default}, followups=True
    )
    assert reply.followup_only and reply.channel == "#v" and reply.event is denied


def test_muted_certainty_is_follow_up_only_and_an_alert_wins_over_it() -> None:
    confirmed_only = wl("v", "#v", Entity("Scale AI", "v"), certainties=("confirmed",))
    rumour = Event("investment", "speculative", INVEST.parties, direction="in")
    lists = {"v": confirmed_only}
    [muted] = route_alerts(ARTICLE, [mention("Scale AI", "v")], [rumour], lists, followups=True)
    assert muted.followup_only
    # The same event both ways in one article (same key): the real alert is kept.
    both = route_alerts(
        ARTICLE, [mention("Scale AI", "v")], [rumour, INVEST], lists, followups=True
    )
    assert [(a.event.certainty, a.followup_only) for a in both] == [("confirmed", False)]


def test_unwatched_party_mentioned_is_not_enough() -> None:
    # Meta is on the list but the detector did not mark it as a watched party.
    lists = {"c": wl("c", "#c", Entity("Meta", "c"))}
    assert route_alerts(ARTICLE, [mention("Meta", "c")], [INVEST], lists) == []


def test_one_deal_read_two_ways_is_one_alert_but_two_counterparties_are_two() -> None:
    vendors = {"vendors": wl("vendors", "#v", Entity("Scale AI", "vendors"))}
    m = [mention("Scale AI", "vendors")]
    invest = Event(
        "investment",
        "confirmed",
        (Party("Meta", "investor"), Party("Scale AI", "investee", watched=True)),
        "in",
    )
    acquire = Event(
        "acquisition",
        "confirmed",
        (Party("Meta Platforms", "acquirer"), Party("Scale AI", "target", watched=True)),
    )
    [only] = route_alerts(ARTICLE, m, [invest, acquire], vendors)
    assert only.event is invest
    google = Event(
        "partnership_ended",
        "confirmed",
        (Party("Google", "party"), Party("Scale AI", "party", watched=True)),
    )
    openai = Event(
        "partnership_ended",
        "confirmed",
        (Party("OpenAI", "party"), Party("Scale AI", "party", watched=True)),
    )
    assert len(route_alerts(ARTICLE, m, [google, openai], vendors)) == 2


def test_a_sale_told_from_three_sides_is_one_alert_about_the_company_sold() -> None:
    lists = {"v": wl("v", "#v", Entity("FreeNow", "v"))}
    m = [mention("FreeNow", "v")]
    buy = Event(
        "acquisition",
        "confirmed",
        (Party("Lyft", "acquirer"), Party("FreeNow", "target", watched=True)),
    )
    sells = [
        Event(
            "investment",
            "confirmed",
            (Party(s, "investor"), Party("FreeNow", "investee", watched=True)),
            "out",
        )
        for s in ("BMW", "Mercedes-Benz")
    ]
    [only] = route_alerts(ARTICLE, m, [buy, *sells], lists)
    assert only.event is buy
