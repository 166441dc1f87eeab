"""parse_feed over every feed file of other projects' test suites (/work/shared/corpus).

The corpus (feedparser, reader, gofeed, feed-rs, miniflux fixtures: well-formed,
ill-formed, odd encodings, entity tricks) sits beside the repository. Each file
must either parse into bounded, valid values or raise ParseError: never
another exception, never a hang.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from types import FrameType

import pytest

from bot.errors import ParseError
from bot.parse import MAX_GUID, MAX_SOURCE, MAX_SUMMARY, MAX_TITLE, MAX_URL, MAX_WARNING, parse_feed

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CONTENT_TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".json": "application/feed+json",
}
# The slowest file took under 0.1 s when measured; 5 s means a hang.
PER_FILE_LIMIT_S = 5
# Measured: of 3,505 files, 2,076 parse; 1,429 are refused: 623 JSON files
# (expected-output files, and JSON Feed, which feedparser 6.0.14 cannot read),
# 790 feedparser fixtures whose only entry tests one attribute (no title,
# summary or link), 16 not feeds at all. A parse_feed that refused nearly
# everything would pass the per-file checks, so hold a floor.
MIN_PARSED = 2000


def corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the feed corpus is missing at {CORPUS}; CI must run this test")
        pytest.skip(f"no feed corpus at {CORPUS} (local run without the shared folder)")
    return sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in CONTENT_TYPES and p.is_file())


class _Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Interrupt a parse that runs away (SIGALRM: main thread, POSIX)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Hang(f"took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def problems_with(parsed_title: str, article_fields: dict[str, object], feed_url: str) -> list[str]:
    a = article_fields
    found = []
    limits = {
        "title": MAX_TITLE,
        "summary": MAX_SUMMARY,
        "guid": MAX_GUID,
        "url": MAX_URL,
        "source": MAX_SOURCE,
    }
    for name, limit in limits.items():
        value = a[name]
        if not isinstance(value, str) or len(value) > limit:
            found.append(f"{name} unbounded or not a string: {str(value)[:80]!r}")
        elif value != value.strip() or "\n" in value:
            found.append(f"{name} not collapsed: {value[:80]!r}")
    url = str(a["url"])
    if url and not url.lower().startswith(("http://", "https://")):
        found.append(f"unsafe url {url[:80]!r}")
    published = a["published"]
    if published is not None and getattr(published, "tzinfo", None) is not UTC:
        found.append(f"published not aware UTC: {published!r}")
    if a["feed_url"] != feed_url:
        found.append("feed_url changed")
    if not (a["title"] or a["summary"] or a["url"]):
        found.append("empty entry kept")
    if len(parsed_title) > MAX_SOURCE:
        found.append("feed title unbounded")
    return found


def test_every_corpus_feed_parses_or_is_refused() -> None:
    files = corpus_files()
    failures: list[str] = []
    parsed_count = refused = 0
    slowest = (0.0, "")
    started = time.monotonic()
    for path in files:
        feed_url = f"https://corpus.example/{path.relative_to(CORPUS).as_posix()}"
        headers = {"content-type": CONTENT_TYPES[path.suffix.lower()]}
        t0 = time.monotonic()
        try:
            with time_limit(PER_FILE_LIMIT_S):
                parsed = parse_feed(path.read_bytes(), headers, feed_url=feed_url)
        except ParseError as e:
            refused += 1
            if not e.reason.startswith(("not a feed: ", "none of the ")):
                failures.append(f"{path}: unexpected ParseError reason {e.reason!r}")
            continue
        except Exception as e:  # anything but ParseError is the bug this test hunts
            failures.append(f"{path}: {type(e).__name__}: {e}")
            continue
        finally:
            slowest = max(slowest, (time.monotonic() - t0, str(path)))
        parsed_count += 1
        if len(parsed.warning) > MAX_WARNING or parsed.skipped < 0:
            failures.append(f"{path}: warning/skipped out of bounds")
        for article in parsed.articles:
            failures += [
                f"{path}: {p}" for p in problems_with(parsed.title, vars(article), feed_url)
            ]
    elapsed = time.monotonic() - started
    assert not failures, "\n".join(failures[:30])
    assert parsed_count >= MIN_PARSED, f"only {parsed_count} of {len(files)} parsed"
    print(
        f"\ncorpus: {len(files)} files, {parsed_count} parsed, {refused} refused, "
        f"{elapsed:.1f} s, slowest {slowest[0]:.2f} s ({slowest[1]})"
    )


def test_missing_corpus_fails_on_ci_and_skips_locally(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CORPUS", tmp_path / "absent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run this test"):
        corpus_files()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        corpus_files()
