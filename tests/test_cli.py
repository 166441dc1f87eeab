"""The newsbot commands as a user runs them: exit codes and what they print."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main
from tests.feed_server import FeedServer

VENDORS = """\
name: vendors
channel: "#vendor-risk"
role: vendor
entities:
  - name: Scale AI
    aliases: [ScaleAI]
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    (tmp_path / "watchlists").mkdir()
    (tmp_path / "watchlists" / "vendors.yaml").write_text(VENDORS, encoding="utf-8")
    path = tmp_path / "newsbot.yaml"
    path.write_text("watchlists: watchlists/\nfeeds: []\n", encoding="utf-8")
    return path


def rss_of(*titles: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>https://w.example/{i}</link></item>"
        for i, t in enumerate(titles)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
    return f"{head}{items}</channel></rss>".encode()


def run_once_on(rss: bytes, config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`newsbot run --once` in tmp_path over one loopback feed, alerts printed (no token)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_NETWORKS", "1")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'state' / 'n.db'}")
    with FeedServer() as server:
        server.route("/w", rss)
        config.write_text(
            f"watchlists: watchlists/\nfeeds:\n  - url: '{server.url('/w')}'\n", encoding="utf-8"
        )
        assert main(["run", "--once", "--config", str(config)]) == 0


def test_check_passes_on_a_good_config(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--config", str(config)]) == 0
    assert "0 error(s)" in capsys.readouterr().err


def test_check_reports_every_problem_as_file_line(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = config.parent / "watchlists" / "customers.yaml"
    bad.write_text(
        "name: customers\nchannel: sales alerts\nentities:\n  - name: Acme\n    colour: red\n",
        encoding="utf-8",
    )
    config.write_text("watchlists: watchlists/\nfeeds:\n  - url: gopher://x\n", encoding="utf-8")
    assert main(["check", "--config", str(config)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{config}:3: ") for line in out), out
    assert any(line.startswith(f"{bad}:2: ") for line in out), out  # bad channel
    assert any(line.startswith(f"{bad}:5: ") for line in out), out  # unknown key


def test_analyze_writes_one_json_line_per_input(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = tmp_path / "in.jsonl"
    items.write_text(
        json.dumps({"id": "a", "title": "Meta to take 49% stake in Scale AI"})
        + "\n"
        + json.dumps({"id": "b", "text": "Enterprises deploy AI at scale."})
        + "\nnot json\n\n"
        + json.dumps({"id": "c", "title": "ScaleAI's founder speaks at a conference"})
        + "\n",
        encoding="utf-8",
    )
    code = main(["analyze", str(items), "--config", str(config)])
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert code == 1  # one input line was not JSON, and said so
    assert f"{items}:3:" in captured.err
    assert [x["id"] for x in lines] == ["a", "b", "c"]
    a, b, c = lines
    assert a["entities"] == [{"name": "Scale AI", "watchlist": "vendors", "surface": "Scale AI"}]
    assert a["alert"] is True
    [event] = a["events"]
    assert event["type"] == "investment" and event["certainty"] == "confirmed"
    assert {"name": "Meta", "role": "investor"} in event["parties"]
    assert {"name": "Scale AI", "role": "investee"} in event["parties"]
    assert b == {"id": "b", "entities": [], "events": [], "alert": False, "channels": []}
    assert c["entities"][0]["name"] == "Scale AI" and c["alert"] is False


def test_try_explains_match_event_and_channel(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Google weighs cutting ties with Scale AI\n"
        "The search giant is considering ending its contract, sources said."
    )
    assert main(["try", text, "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Scale AI [vendors]" in out
    assert "partnership_ended" in out and "reported, not confirmed" in out
    assert "Would alert: #vendor-risk" in out


def test_alerts_lists_state_after_a_run(
    config: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_once_on(rss_of("Meta to take 49% stake in Scale AI"), config, tmp_path, monkeypatch)
    printed = capsys.readouterr().out
    assert "Investment · Scale AI" in printed  # no token: the alert is printed
    assert main(["alerts", "--config", str(config)]) == 0
    listing = capsys.readouterr().out
    assert "sent" in listing and "#vendor-risk" in listing and "investment/confirmed" in listing
    assert main(["health", "--config", str(config)]) == 0


def test_health_fails_without_a_recent_heartbeat(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["health", "--config", str(config)]) == 1
    beat = tmp_path / "state" / "heartbeat"
    beat.parent.mkdir()
    beat.write_text("2020-01-01T00:00:00+00:00")
    assert main(["health", "--config", str(config)]) == 1


def worker_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'n.db'}"
    env["NEWSBOT_ALLOW_PRIVATE_NETWORKS"] = "1"
    return env


def start_worker(config: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """`newsbot run` (the daemon) as a subprocess, as an operator starts it."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--config", str(config)],
        cwd=tmp_path,
        env=worker_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def sigterm_when(proc: subprocess.Popen[str], ready: Callable[[], bool]) -> str:
    """Waits (20 s at most) until ready(), sends SIGTERM, returns what the worker logged."""
    try:
        deadline = time.monotonic() + 20
        while not ready():
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "the worker never got there"
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        return proc.communicate(timeout=30)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_run_stops_cleanly_on_sigterm(config: Path, tmp_path: Path) -> None:
    proc = start_worker(config, tmp_path)
    err = sigterm_when(proc, (tmp_path / "state" / "heartbeat").exists)
    assert proc.returncode == 0, err
    assert "stopping" in err and "worker stopped" in err


def test_store_unreachable_exits_2(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://newsbot:s3cret-pw@127.0.0.1:1/none")
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run", "--once", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ},
    )
    assert proc.returncode == 2
    assert "s3cret-pw" not in proc.stderr + proc.stdout
    assert "store" in proc.stderr


ARTICLE_PAGE = b"""<!doctype html><html><head>
<title>Labelbox parts ways with Google | Tech Daily</title>
<meta property="og:title" content="Labelbox parts ways with Google">
<meta property="og:description"
 content="Google has ended its data-labelling contract with Labelbox, the company said.">
</head><body><p>Story text.</p></body></html>"""


def test_try_reads_an_article_url(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (config.parent / "watchlists" / "vendors.yaml").write_text(
        VENDORS + "  - name: Labelbox\n", encoding="utf-8"
    )
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_NETWORKS", "1")
    with FeedServer() as server:
        server.route("/story", ARTICLE_PAGE, content_type="text/html; charset=utf-8")
        assert main(["try", server.url("/story"), "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Headline: Labelbox parts ways with Google" in out
    assert "partnership_ended, confirmed" in out
    assert "Would alert: #vendor-risk" in out


def test_try_refuses_a_loopback_url_by_default(
    config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSBOT_ALLOW_PRIVATE_NETWORKS", raising=False)
    with FeedServer() as server:
        server.route("/story", ARTICLE_PAGE, content_type="text/html")
        assert main(["try", server.url("/story"), "--config", str(config)]) == 2
        assert server.requests == []
    assert "NEWSBOT_ALLOW_PRIVATE_NETWORKS" in capsys.readouterr().err


def test_replay_shows_what_a_watchlist_edit_changes(
    config: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rss = rss_of(
        "Meta to take 49% stake in Scale AI", "Snorkel AI raises $100 million led by Addition"
    )
    run_once_on(rss, config, tmp_path, monkeypatch)
    capsys.readouterr()
    # The edit: Snorkel AI joins the list, Scale AI leaves it.
    (tmp_path / "watchlists" / "vendors.yaml").write_text(
        'name: vendors\nchannel: "#vendor-risk"\nentities:\n  - name: Snorkel AI\n',
        encoding="utf-8",
    )
    assert main(["replay", "--since", "1d", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "Replayed 2 stored articles" in out
    would, _, gone = out.partition("Alerted then, would not now:")
    assert "Snorkel AI raises" in would and "Scale AI" not in would.split("\n", 1)[1]
    assert "Meta to take 49% stake in Scale AI" in gone


def test_sigterm_during_a_poll_lets_it_finish_recording(config: Path, tmp_path: Path) -> None:
    with FeedServer() as server:
        server.route("/slow", rss_of("Meta to take 49% stake in Scale AI"), delay_s=3)
        config.write_text(
            f"watchlists: watchlists/\nfeeds:\n  - url: '{server.url('/slow')}'\n",
            encoding="utf-8",
        )
        proc = start_worker(config, tmp_path)
        err = sigterm_when(proc, lambda: bool(server.requests))  # the poll is under way
    assert proc.returncode == 0, err
    assert "ERROR" not in err
    listing = subprocess.run(
        [sys.executable, "-m", "bot", "alerts", "--config", str(config)],
        cwd=tmp_path,
        env=worker_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "pending" in listing.stdout and "investment/confirmed" in listing.stdout


def test_analyze_on_a_missing_file_says_so(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", str(tmp_path / "nope.jsonl"), "--config", str(config)]) == 2
    assert "cannot read" in capsys.readouterr().err
