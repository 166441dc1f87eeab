"""Worker: watchlist reloads and feed-health notices to the ops channel."""

from __future__ import annotations

import io
import itertools
import os
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.deliver.console import ConsoleSender
from bot.fetch import make_client
from bot.models import FeedConfig
from bot.storage import open_store
from bot.worker import Worker
from tests.feed_server import FeedServer

VENDORS = 'name: vendors\nchannel: "#vendor-risk"\nentities:\n  - name: Scale AI\n'
RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
    b"<item><title>Scale AI opens an office</title><link>https://w.example/1</link></item>"
    b"</channel></rss>"
)


class Notes:
    """A sender that only records operator notices."""

    def __init__(self) -> None:
        self.notices: list[tuple[str, str]] = []

    def notify(self, channel: str, text: str) -> None:
        self.notices.append((channel, text))

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"unexpected sender call: {name}")


def make_worker(tmp_path: Path, feed_url: str, sender: Notes) -> Worker:
    (tmp_path / "watchlists").mkdir(exist_ok=True)
    (tmp_path / "watchlists" / "vendors.yaml").write_text(VENDORS, encoding="utf-8")
    settings = Settings(
        path=tmp_path / "newsbot.yaml",
        watchlists_dir=tmp_path / "watchlists",
        feeds=(FeedConfig(feed_url, "W"),),
        ops_channel="#newsbot-ops",
        host_gap_s=0,
        heartbeat_path=tmp_path / "heartbeat",
    )
    store = open_store(f"sqlite:///{tmp_path / 'n.db'}")
    return Worker(settings, store, sender, make_client(allow_private=True))  # type: ignore[arg-type]


def test_chronic_feed_failure_and_recovery_are_told_once(tmp_path: Path) -> None:
    sender = Notes()
    with FeedServer() as server:
        server.route("/w", b"<html>maintenance</html>", status=503, content_type="text/html")
        worker = make_worker(tmp_path, server.url("/w"), sender)
        for _ in range(5):
            worker.poll(all_feeds=True)
        assert len(sender.notices) == 1
        channel, text = sender.notices[0]
        assert channel == "#newsbot-ops"
        assert "failed 3 polls in a row" in text and "503" in text
        server.route("/w", RSS)
        worker.poll(all_feeds=True)
        worker.poll(all_feeds=True)
        worker.client.close()
        worker.store.close()
    assert [t for _, t in sender.notices[1:]] == [f"Feed {server.url('/w')} is answering again."]
    assert (tmp_path / "heartbeat").exists()


def test_watchlist_edit_is_picked_up_without_restart(tmp_path: Path) -> None:
    with FeedServer() as server:
        server.route("/w", RSS)
        worker = make_worker(tmp_path, server.url("/w"), Notes())
        assert [e.name for e in worker.watchlists[0].entities] == ["Scale AI"]
        path = tmp_path / "watchlists" / "vendors.yaml"
        path.write_text(VENDORS + "  - name: Labelbox\n", encoding="utf-8")
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
        worker.poll(all_feeds=True)
        worker.client.close()
        worker.store.close()
    assert [e.name for e in worker.watchlists[0].entities] == ["Scale AI", "Labelbox"]


def test_a_broken_edit_keeps_the_last_good_watchlists(tmp_path: Path) -> None:
    with FeedServer() as server:
        server.route("/w", RSS)
        worker = make_worker(tmp_path, server.url("/w"), Notes())
        path = tmp_path / "watchlists" / "vendors.yaml"
        path.write_text("name: [unclosed\n", encoding="utf-8")
        os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
        report = worker.poll(all_feeds=True)
        worker.client.close()
        worker.store.close()
    assert report.feeds[0].status == "ok"
    assert [e.name for e in worker.watchlists[0].entities] == ["Scale AI"]


def test_one_cycle_delivers_every_pending_alert_not_just_one_batch(tmp_path: Path) -> None:
    syllables = ["Bra", "Cor", "Dex", "Fal", "Gri", "Hol", "Jun", "Kel", "Lor", "Mav", "Nor", "Pel"]
    names = [a + b.lower() + "on" for a, b in itertools.product(syllables, syllables)][:130]
    items = "".join(
        f"<item><title>Scale AI partners with {n}</title><link>https://w.example/{i}</link></item>"
        for i, n in enumerate(names)
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{items}</channel>'
    rss += "</rss>"
    out = io.StringIO()
    with FeedServer() as server:
        server.route("/w", rss.encode())
        worker = make_worker(tmp_path, server.url("/w"), Notes())
        worker.sender = ConsoleSender(out)
        report = worker.poll(all_feeds=True)
        delivery = worker.deliver()
        worker.client.close()
        worker.store.close()
    assert report.total("new_alerts") == 130
    assert delivery.sent == 130 and delivery.deferred == 0
    assert out.getvalue().count("New partnership · Scale AI") == 130
