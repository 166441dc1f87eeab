from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Secret, expand_query_feeds, load_settings, parse_duration


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "watchlists").mkdir(exist_ok=True)
    path = tmp_path / "newsbot.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("15m", 900), ("1h30m", 5400), ("2d", 172800), ("45s", 45), (600, 600), ("1H", 3600)],
)
def test_durations(value: object, seconds: int) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["", "15 minutes", "m", -5, 0, True, None, [1]])
def test_bad_durations(value: object) -> None:
    assert parse_duration(value) is None


def test_example_config_in_repo_is_valid() -> None:
    root = Path(__file__).parents[1]
    settings, problems = load_settings(root / "newsbot.yaml", env={})
    assert [p for p in problems if p.severity == "error"] == []
    assert settings is not None
    assert len(settings.feeds) >= 5
    assert all(f.url.startswith("https://") for f in settings.feeds)
    assert settings.query_feeds, "the example should show a news-search feed"


def test_defaults_and_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "feeds:\n  - url: https://example.com/rss\n")
    settings, problems = load_settings(
        path,
        env={
            "SLACK_BOT_TOKEN": "xoxb-secret-value",
            "SLACK_API_URL": "http://127.0.0.1:9/api/",
            "DATABASE_URL": "sqlite:///x.db",
            "NEWSBOT_ALLOW_PRIVATE_NETWORKS": "1",
        },
    )
    assert problems == []
    assert settings is not None
    assert settings.feeds[0].interval_seconds == 900
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.database_url == "sqlite:///x.db"
    assert settings.allow_private is True
    assert settings.slack_token.reveal() == "xoxb-secret-value"
    assert "xoxb" not in repr(settings) and "xoxb" not in str(settings)


def test_defaults_without_environment(tmp_path: Path) -> None:
    settings, _ = load_settings(write(tmp_path, "feeds: []\n"), env={})
    assert settings is not None
    assert settings.database_url == "sqlite:///state/newsbot.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert not settings.slack_token
    assert settings.allow_private is False


def test_every_problem_has_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "feeds:\n"  # 1
        "  - url: ftp://example.com/rss\n"  # 2
        "  - url: https://example.com/rss\n"  # 3
        "    interval: soon\n"  # 4
        "    colour: red\n"  # 5
        "slack:\n"  # 6
        "  default_channel: 'news alerts'\n"  # 7
        "extra: 1\n",  # 8
    )
    settings, problems = load_settings(path, env={})
    assert settings is None
    lines = {(p.line, p.severity) for p in problems}
    assert (2, "error") in lines  # bad scheme
    assert (4, "error") in lines  # bad interval
    assert (5, "error") in lines  # unknown key
    assert (7, "error") in lines  # bad channel
    assert (8, "error") in lines  # unknown top-level key
    assert all(str(p).startswith(f"{path}:") for p in problems)


def test_yaml_syntax_error_points_at_line(tmp_path: Path) -> None:
    path = write(tmp_path, "feeds:\n  - url: [unclosed\n")
    settings, problems = load_settings(path, env={})
    assert settings is None
    assert problems[0].line >= 2
    assert "YAML" in problems[0].message


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    settings, problems = load_settings(tmp_path / "nope.yaml", env={})
    assert settings is None
    assert "cannot read" in problems[0].message


def test_fast_polling_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "feeds:\n  - url: https://example.com/rss\n    interval: 10s\n")
    settings, problems = load_settings(path, env={})
    assert settings is not None
    assert [(p.line, p.severity) for p in problems] == [(3, "warning")]


def test_query_feeds_expand_per_watched_name() -> None:
    queries = (
        {
            "template": "https://news.example/rss?q={query}",
            "name": "News",
            "interval": 3600,
            "watchlists": ("vendors",),
        },
    )
    feeds = expand_query_feeds(queries, {"vendors": ["Scale AI", "AT&T"], "customers": ["Acme"]})
    assert [f.url for f in feeds] == [
        "https://news.example/rss?q=%22Scale+AI%22",
        "https://news.example/rss?q=%22AT%26T%22",
    ]
    assert feeds[0].name == "News: Scale AI"
    assert feeds[0].interval_seconds == 3600


def test_secret_never_prints() -> None:
    s = Secret("xoxb-123")
    assert "xoxb" not in f"{s} {s!r}"
    assert s.reveal() == "xoxb-123"
    assert not Secret("")


@pytest.mark.parametrize("url", ["http://[::1/feed", "https://example.com:99999999/rss"])
def test_a_url_that_cannot_be_parsed_is_reported_at_its_line(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, f"feeds:\n  - url: https://ok.example/rss\n  - url: '{url}'\n")
    settings, problems = load_settings(path, env={})
    assert settings is None
    [problem] = problems
    assert problem.line == 3 and "not a valid URL" in problem.message


def test_slack_api_url_gets_its_final_slash(tmp_path: Path) -> None:
    path = write(tmp_path, "feeds: []\n")
    settings, _ = load_settings(path, env={"SLACK_API_URL": "http://127.0.0.1:9/api"})
    assert settings is not None and settings.slack_api_url == "http://127.0.0.1:9/api/"


def test_learned_fallback_is_on_by_default_and_can_be_turned_off(tmp_path: Path) -> None:
    settings, _ = load_settings(write(tmp_path, "feeds: []\n"), env={})
    assert settings is not None and settings.learned_fallback is True
    off = write(tmp_path, "feeds: []\ndetect:\n  learned_fallback: false\n")
    settings, problems = load_settings(off, env={})
    assert problems == [] and settings is not None and settings.learned_fallback is False
    bad = write(tmp_path, "feeds: []\ndetect:\n  learned_fallback: maybe\n")
    settings, problems = load_settings(bad, env={})
    assert settings is None
    assert [(p.line, "learned_fallback" in p.message) for p in problems] == [(3, True)]
