"""The `digest:` watchlist key: validation with FILE:LINE, routing, the Alert field, the worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.deliver.format_digest import build_digest, digest_plain
from bot.deliver.slack import SlackSender
from bot.fetch import make_client
from bot.models import Alert, Entity, FeedConfig, Mention, Watchlist
from bot.route import route_alerts
from bot.storage import open_store
from bot.watchlist import load_watchlist_file
from bot.worker import Worker
from tests.factories import T0, alert, article, event
from tests.feed_server import FeedServer
from tests.slack_server import SlackStandIn

HEAD = 'name: vendors\nchannel: "#vendor-risk"\n'
ENTITIES = "entities:\n  - name: Scale AI\n"


def load(tmp_path: Path, digest_line: str) -> tuple[Watchlist | None, list[str]]:
    path = tmp_path / "vendors.yaml"
    path.write_text(HEAD + digest_line + "\n" + ENTITIES, encoding="utf-8")
    wl, problems = load_watchlist_file(path)
    return wl, [str(p) for p in problems]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('digest: "08:00"', "08:00"),
        ("digest: '7:05'", "07:05"),
        ("digest: 17:30", "17:30"),  # YAML 1.1 reads this as the integer 1050
        ("digest: 08:00", "08:00"),
        ("digest: off", ""),
        ("digest: false", ""),
        ("# no digest key", ""),
    ],
)
def test_digest_times_and_off(tmp_path: Path, line: str, expected: str) -> None:
    wl, problems = load(tmp_path, line)
    assert problems == [] and wl is not None and wl.digest == expected


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ('digest: "25:00"', "'25:00'"),
        ('digest: "8am"', "'8am'"),
        ("digest: true", "'true'"),
        ("digest: [08:00]", "'?'"),
        ('digest: "08:00:00"', "'08:00:00'"),
    ],
)
def test_bad_digest_is_a_problem_at_its_line(tmp_path: Path, line: str, shown: str) -> None:
    wl, problems = load(tmp_path, line)
    assert problems == [
        f"{tmp_path / 'vendors.yaml'}:3: digest {shown} is not a time of day: "
        'write a UTC time like "08:00", or off'
    ]
    assert wl is not None and wl.digest == ""  # the list still loads, with immediate alerts


def test_digest_watchlist_routes_held_alerts_and_an_immediate_list_wins() -> None:
    digest = Watchlist(
        "vendors", "#shared", "v.yaml", (Entity("Scale AI", "vendors"),), digest="08:00"
    )
    now = Watchlist("partners", "#shared", "p.yaml", (Entity("Scale AI", "partners"),))
    art, ev = article(), event()
    m1 = Mention("Scale AI", "vendors", "Scale AI", 0, 8, "name 'Scale AI'")
    m2 = Mention("Scale AI", "partners", "Scale AI", 0, 8, "name 'Scale AI'")
    [held] = route_alerts(art, [m1], [ev], {"vendors": digest})
    assert held.digest_at == "08:00" and Alert.from_dict(held.to_dict()) == held
    for order in ([m1, m2], [m2, m1]):
        [one] = route_alerts(art, order, [ev], {"vendors": digest, "partners": now})
        assert (one.watchlist, one.digest_at) == ("partners", "")
    legacy = held.to_dict()
    del legacy["digest_at"]  # stored before the key existed
    assert Alert.from_dict(legacy).digest_at == ""


def test_digest_plain_and_fallback_name_every_change() -> None:
    alerts = [alert(), alert(event("investment"), article(title="<!here> & co"))]
    text, blocks = build_digest(alerts)
    assert text.startswith("Daily digest · vendors · 2 changes: Partnership ended · Scale AI: ")
    assert "<!here>" not in text and len(blocks) == 3
    lines = digest_plain(alerts).splitlines()
    assert lines[0] == "Daily digest · vendors · 2 changes"
    assert "    <!here> & co" in lines  # a terminal shows it as written
    with pytest.raises(ValueError):
        build_digest([])


RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    b"<item><title>OpenAI cuts ties with Scale AI after Meta deal</title>"
    b"<link>https://w.example/1</link><guid>w1</guid></item>"
    b"</channel></rss>"
)


def test_worker_run_holds_digest_alerts_until_their_time(tmp_path: Path) -> None:
    clock = [T0.replace(hour=7)]
    (tmp_path / "watchlists").mkdir()
    (tmp_path / "watchlists" / "vendors.yaml").write_text(
        HEAD + 'digest: "08:00"\n' + ENTITIES, encoding="utf-8"
    )
    with FeedServer() as feeds, SlackStandIn() as slack:
        feeds.route("/w", RSS)
        settings = Settings(
            path=tmp_path / "newsbot.yaml",
            watchlists_dir=tmp_path / "watchlists",
            feeds=(FeedConfig(feeds.url("/w"), "Wire"),),
            host_gap_s=0,
            heartbeat_path=tmp_path / "heartbeat",
        )
        store = open_store(f"sqlite:///{tmp_path / 'n.db'}")
        sender = SlackSender(slack.token, base_url=slack.base_url, min_interval_s=0, timeout_s=5)
        with make_client(allow_private=True) as client:
            worker = Worker(settings, store, sender, client, now=lambda: clock[0])
            worker.poll(all_feeds=True)
            early = worker.deliver()
            clock[0] = T0.replace(hour=8, minute=1)
            due = worker.deliver()
            again = worker.deliver()
        store.close()
    assert (early.sent, early.digests) == (0, 0)
    assert (due.sent, due.digests, due.digested) == (0, 1, 1)
    assert (again.digests, again.digested) == (0, 0)
    [msg] = slack.messages
    assert msg.blocks[0]["text"]["text"] == "Daily digest · vendors · 1 change"
    assert "<https://w.example/1|OpenAI cuts ties with Scale AI after Meta deal>" in str(msg.blocks)
