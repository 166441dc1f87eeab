"""The whole flow on real parts: loopback feeds, `newsbot run --once` as a
subprocess (the real CLI), a real SQLite file, and slack_sdk posting to a local
stand-in of Slack's Web API. Run twice: the second run must post nothing.

The feeds (tests/data/e2e/) are written in the style of wire and tech
headlines; EXPECTED below is what a vendor-risk and a sales team should see.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.feed_server import FeedServer
from tests.slack_server import Message, SlackStandIn

DATA = Path(__file__).parent / "data" / "e2e"

# (channel, entity in the header, type label in the header, certainty words, article link)
EXPECTED = [
    (
        "vendor-risk",
        "Scale AI",
        "Investment",
        "Confirmed",
        "https://wire.example/technology/meta-scale-ai-stake-2025-06-12/",
    ),
    (
        "vendor-risk",
        "Scale AI",
        "Partnership at risk",
        "Reported, not confirmed",
        "https://wire.example/technology/google-scale-ai-ties-2025-06-13/",
    ),
    (
        "vendor-risk",
        "CoreWeave",
        "Acquisition",
        "Confirmed",
        "https://wire.example/technology/coreweave-weights-biases-2025-06-16/",
    ),
    (
        "vendor-risk",
        "Nvidia",
        "Investment",
        "Confirmed",
        "https://techdaily.example/2025/06/16/nvidia-intel",
    ),
    (
        "vendor-risk",
        "Nvidia",
        "Divestment",
        "Confirmed",
        "https://markets.example/softbank-sells-nvidia-stake",
    ),
    (
        "sales-alerts",
        "Klarna",
        "New partnership",
        "Confirmed",
        "https://wire.example/technology/klarna-openai-deal-2025-06-15/",
    ),
]
# Headlines that must never reach Slack: a mere mention, a word trap, a
# background clause, a share-price story, a denial.
NEVER = [
    "Alexandr Wang to headline",
    "AI at scale",
    "reports record subscribers",
    "Nvidia shares rise",
    "denies report",
]


def message_text(m: Message) -> str:
    parts = [m.text]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    parts.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(m.blocks)
    return "\n".join(parts)


def header(m: Message) -> str:
    return next(b["text"]["text"] for b in m.blocks if b.get("type") == "header")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "watchlists", tmp_path / "watchlists")
    return tmp_path


def write_config(workdir: Path, feeds: FeedServer) -> Path:
    config = workdir / "newsbot.yaml"
    config.write_text(
        "watchlists: watchlists/\n"
        "feeds:\n"
        f"  - {{url: '{feeds.url('/wire.rss')}', name: Wire}}\n"
        f"  - {{url: '{feeds.url('/tech.atom')}', name: Tech Daily}}\n"
        f"  - {{url: '{feeds.url('/markets.rdf')}', name: Markets Desk}}\n"
        f"  - {{url: '{feeds.url('/broken.rss')}', name: Broken}}\n"
        f"  - {{url: '{feeds.url('/not-a-feed')}', name: Not a feed}}\n"
        "slack: {default_channel: '#news-alerts', min_interval: 0}\n"
        "worker: {host_gap: 0}\n",
        encoding="utf-8",
    )
    return config


def run_once(workdir: Path, config: Path, slack: SlackStandIn) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "NEWSBOT_", "DATABASE_"))
    }
    env.update(
        SLACK_BOT_TOKEN=slack.token,
        SLACK_API_URL=slack.base_url,
        DATABASE_URL=f"sqlite:///{workdir / 'state' / 'newsbot.db'}",
        NEWSBOT_ALLOW_PRIVATE_NETWORKS="1",
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", "--once", "--config", str(config)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_once_twice_posts_one_alert_per_event(workdir: Path) -> None:
    with FeedServer() as feeds, SlackStandIn() as slack:
        # The wire feed sends no validators, so the second run re-reads it
        # whole and item dedupe (not HTTP 304) must keep it quiet.
        feeds.route("/wire.rss", (DATA / "wire.rss").read_bytes(), etag=False)
        feeds.route(
            "/tech.atom", (DATA / "tech.atom").read_bytes(), content_type="application/atom+xml"
        )
        feeds.route(
            "/markets.rdf", (DATA / "markets.rdf").read_bytes(), content_type="application/rdf+xml"
        )
        feeds.route("/broken.rss", b"upstream timeout", status=502, content_type="text/plain")
        feeds.route("/not-a-feed", b"<html><body>Login</body></html>", content_type="text/html")
        config = write_config(workdir, feeds)

        first = run_once(workdir, config, slack)
        assert first.returncode == 0, first.stderr
        # The broken feeds are reported, and the others still alerted.
        assert "broken.rss" in first.stderr and "502" in first.stderr
        assert "not-a-feed" in first.stderr

        # Top-level alerts; later reports of the same event are replies in its thread.
        posted = [m for m in slack.messages if m.thread_ts is None]
        replies = [m for m in slack.messages if m.thread_ts is not None]
        got = sorted((m.channel_name.lstrip("#"), header(m)) for m in posted)
        want = sorted((ch, f"{label} · {entity}") for ch, entity, label, _, _ in EXPECTED)
        assert got == want, "\n".join(message_text(m) for m in posted)

        for channel, entity, label, certainty, link in EXPECTED:
            [m] = [
                m
                for m in posted
                if m.channel_name.lstrip("#") == channel
                and header(m) == f"{label} · {entity}"
                and link in message_text(m)
            ]
            text = message_text(m)
            assert certainty in text
            assert m.unfurl_links in (False, "false", "0", 0)
            assert m.metadata and m.metadata["event_type"] == "newsbot_alert"
        everything = "\n".join(message_text(m) for m in posted)
        for headline in NEVER:
            assert headline not in everything

        # Details a team relies on: who did what to whom.
        meta = next(m for m in posted if "meta-scale-ai" in message_text(m))
        assert "Meta" in message_text(meta)
        softbank = next(m for m in posted if "softbank-sells" in message_text(m))
        assert "SoftBank" in message_text(softbank)
        # Tech Daily's copy of the Meta story went into that alert's thread.
        assert [(r.thread_ts, r.text.split(":")[0]) for r in replies] == [
            (meta.ts, "Also reported by Tech Daily")
        ]

        second = run_once(workdir, config, slack)
        assert second.returncode == 0, second.stderr
        assert len(slack.messages) == len(posted) + len(replies), "the second run posted again"
        # The Atom and RDF feeds answered 304 to the stored validators.
        conditional = [r for r in feeds.requests if "if-none-match" in r.headers]
        assert {r.path for r in conditional} >= {"/tech.atom", "/markets.rdf"}


def test_bad_config_exits_non_zero_with_file_and_line(workdir: Path) -> None:
    config = workdir / "newsbot.yaml"
    config.write_text("feeds:\n  - url: not-a-url\n", encoding="utf-8")
    with SlackStandIn() as slack:
        result = run_once(workdir, config, slack)
    assert result.returncode == 2
    assert f"{config}:2:" in result.stderr
    assert slack.messages == []
