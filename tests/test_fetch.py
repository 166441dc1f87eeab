"""bot.fetch and bot.netguard against a real server on 127.0.0.1.

The client under test trusts exactly 127.0.0.1 (so the FeedServer is
reachable) and refuses every other non-public address; the tests that check
the default guard build a client without that trust.
"""

from __future__ import annotations

import ipaddress
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import vcr

from bot.errors import BlockedAddressError, FetchError
from bot.fetch import (
    MAX_REDIRECTS,
    USER_AGENT,
    HttpStatusError,
    classify,
    fetch_feed,
    fetch_page,
    make_client,
    parse_retry_after,
)
from bot.netguard import GuardedBackend, address_problem, parse_numeric_host
from bot.parse import parse_feed
from tests.feed_server import LAST_MODIFIED, FeedServer, http_date

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title>
<item><title>Scale AI partners with Acme</title><link>https://example.com/a</link></item>
</channel></rss>"""

NAMES = {
    "feeds.test": ["127.0.0.1"],
    "intranet.test": ["10.1.2.3"],
    "mixed.test": ["127.0.0.1", "10.0.0.7"],
}


def table_resolver(host: str, port: int) -> list[str]:
    if host in NAMES:
        return NAMES[host]
    literal = parse_numeric_host(host)
    if literal is None:
        raise OSError(f"no such test host {host}")
    return [str(literal)]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(resolver=table_resolver, trusted_addresses={"127.0.0.1"}) as c:
        yield c


def test_200_returns_body_validators_and_sends_feed_headers(
    server: FeedServer, client: httpx.Client
) -> None:
    server.route("/rss", RSS)
    result = fetch_feed(client, server.url("/rss"))
    assert (result.status, result.body, result.not_modified) == (200, RSS, False)
    assert result.url == server.url("/rss")
    assert result.etag and result.etag.startswith('"')
    assert result.last_modified == LAST_MODIFIED
    assert result.headers["content-type"] == "application/rss+xml; charset=utf-8"
    sent = server.requests[0].headers
    assert sent["user-agent"] == USER_AGENT == "newsbot/0.1 (+https://github.com/newsbot)"
    assert sent["accept"].startswith("application/rss+xml, application/atom+xml")
    assert sent["accept-encoding"] == "gzip, deflate"
    assert "if-none-match" not in sent


def test_conditional_get_gives_not_modified(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", RSS)
    first = fetch_feed(client, server.url("/rss"))
    second = fetch_feed(
        client, server.url("/rss"), etag=first.etag, last_modified=first.last_modified
    )
    assert (second.status, second.not_modified, second.body) == (304, True, b"")
    assert second.etag == first.etag and second.last_modified == LAST_MODIFIED
    assert server.requests[1].headers["if-none-match"] == first.etag
    assert server.requests[1].headers["if-modified-since"] == LAST_MODIFIED


@pytest.mark.parametrize(
    ("name", "etag", "last_modified", "expect_not_modified"),
    [
        ("no validators", None, None, False),
        ("stale etag", '"old"', None, False),
        ("stale etag wins over fresh date", '"old"', LAST_MODIFIED, False),
        ("date only, unchanged", None, LAST_MODIFIED, True),
        ("date only, older copy", None, "Sun, 01 Jun 2025 08:00:00 GMT", False),
    ],
)
def test_conditional_get_table(
    server: FeedServer,
    client: httpx.Client,
    name: str,
    etag: str | None,
    last_modified: str | None,
    expect_not_modified: bool,
) -> None:
    server.route("/rss", RSS)
    result = fetch_feed(client, server.url("/rss"), etag=etag, last_modified=last_modified)
    assert result.not_modified is expect_not_modified, name
    assert result.body == (b"" if expect_not_modified else RSS)


def test_redirect_chain_is_followed(server: FeedServer, client: httpx.Client) -> None:
    server.redirect("/old", "/moved", status=301)
    server.redirect("/moved", "/rss", status=307)
    server.route("/rss", RSS)
    result = fetch_feed(client, server.url("/old"))
    assert result.url == server.url("/rss") and result.body == RSS
    assert server.paths() == ["/old", "/moved", "/rss"]


def test_name_resolved_by_guard_and_sent_as_host(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", RSS)
    result = fetch_feed(client, f"http://feeds.test:{server.port}/rss")
    assert result.body == RSS
    assert server.requests[0].headers["host"] == f"feeds.test:{server.port}"


@pytest.mark.parametrize(
    ("target", "address", "kind"),
    [
        ("http://2130706434:{port}/rss", "127.0.0.2", "loopback"),
        ("http://0x7f.0.0.2:{port}/rss", "127.0.0.2", "loopback"),
        ("http://[::1]:{port}/rss", "::1", "loopback"),
        ("http://intranet.test:{port}/rss", "10.1.2.3", "private"),
        ("http://mixed.test:{port}/rss", "10.0.0.7", "private"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local"),
    ],
)
def test_redirect_to_private_address_is_refused(
    server: FeedServer, client: httpx.Client, target: str, address: str, kind: str
) -> None:
    server.redirect("/rss", target.format(port=server.port))
    with pytest.raises(BlockedAddressError) as caught:
        fetch_feed(client, server.url("/rss"))
    assert caught.value.url == server.url("/rss")
    assert f"resolves to {address}, a {kind} address" in caught.value.reason
    assert "set NEWSBOT_ALLOW_PRIVATE_NETWORKS=1 if this is an intranet feed" in caught.value.reason
    assert server.paths() == ["/rss"]  # the refused hop never connected


def test_default_client_refuses_loopback_server(server: FeedServer) -> None:
    server.route("/rss", RSS)
    with make_client() as c, pytest.raises(BlockedAddressError) as caught:
        fetch_feed(c, server.url("/rss"))
    assert caught.value.reason == (
        "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address; "
        "set NEWSBOT_ALLOW_PRIVATE_NETWORKS=1 if this is an intranet feed"
    )
    assert server.requests == []


def test_allow_private_reaches_loopback_server(server: FeedServer) -> None:
    server.route("/rss", RSS)
    with make_client(allow_private=True) as c:
        assert fetch_feed(c, server.url("/rss")).body == RSS


def test_too_many_redirects(server: FeedServer, client: httpx.Client) -> None:
    server.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match=f"more than {MAX_REDIRECTS} redirects"):
        fetch_feed(client, server.url("/loop"))
    assert len(server.requests) == MAX_REDIRECTS + 1


@pytest.mark.parametrize(
    ("status", "headers", "reason", "retry_after", "permanent"),
    [
        (404, {}, "HTTP 404 Not Found: check the feed URL; will retry with back-off", None, False),
        (
            410,
            {},
            "HTTP 410 Gone: the feed was removed; remove or replace it in newsbot.yaml",
            None,
            True,
        ),
        (
            429,
            {"Retry-After": "120"},
            "HTTP 429 Too Many Requests: polling too often; will retry after 120 s",
            120.0,
            False,
        ),
        (500, {}, "HTTP 500 from server; will retry with back-off", None, False),
        (503, {"Retry-After": "30"}, "HTTP 503 from server; will retry after 30 s", 30.0, False),
        (
            403,
            {},
            "HTTP 403: the server refuses newsbot (login or block); check the feed URL",
            None,
            False,
        ),
        (418, {}, "HTTP 418: the server rejected the request; check the feed URL", None, False),
    ],
)
def test_error_statuses(
    server: FeedServer,
    client: httpx.Client,
    status: int,
    headers: dict[str, str],
    reason: str,
    retry_after: float | None,
    permanent: bool,
) -> None:
    server.route("/rss", b"nope", status=status, headers=headers, etag=False)
    with pytest.raises(HttpStatusError) as caught:
        fetch_feed(client, server.url("/rss"))
    assert (caught.value.reason, caught.value.retry_after) == (reason, retry_after)
    assert (caught.value.status, caught.value.permanent) == (status, permanent)


def test_retry_after_as_http_date(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", b"", status=429, headers={"Retry-After": http_date(time.time() + 90)})
    with pytest.raises(FetchError) as caught:
        fetch_feed(client, server.url("/rss"))
    assert caught.value.retry_after is not None and 80 <= caught.value.retry_after <= 91


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        ("3600", 3600.0),
        ("Wed, 04 Jun 2025 12:01:40 GMT", 100.0),
        ("Wed, 04 Jun 2025 11:00:00 GMT", 0.0),  # in the past: now
        ("99999999", 86400.0),  # capped: never stop polling for days
        ("soon", None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    now = datetime(2025, 6, 4, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after(value, now=now) == expected


def test_classify_outcomes() -> None:
    headers = httpx.Headers({"Location": "/x"})
    assert [classify("u", s, headers) for s in (200, 203, 304, 301, 308)] == [
        "ok",
        "ok",
        "not_modified",
        "redirect",
        "redirect",
    ]
    with pytest.raises(FetchError, match="redirect without a Location header"):
        classify("u", 302, httpx.Headers())


def test_slow_drip_is_cut_by_total_deadline(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", RSS, drip_bytes_per_s=5)  # every read succeeds within READ_TIMEOUT_S
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"gave up after 1.5 s in total"):
        fetch_feed(client, server.url("/rss"), deadline_s=1.5)
    assert time.monotonic() - started < 2.5


def test_slow_headers_are_cut_by_total_deadline(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", RSS, delay_s=10)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"gave up after 1 s in total"):
        fetch_feed(client, server.url("/rss"), deadline_s=1.0)
    assert time.monotonic() - started < 2.0


def test_body_over_cap_is_refused(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", RSS * 100)
    with pytest.raises(FetchError, match="over the 1,000-byte cap"):
        fetch_feed(client, server.url("/rss"), max_bytes=1000)


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", zlib.compress(RSS, wbits=31)),
        ("gzip", zlib.compress(RSS[:50], wbits=31) + zlib.compress(RSS[50:], wbits=31)),
        ("deflate", zlib.compress(RSS)),
        ("deflate", zlib.compress(RSS, wbits=-15)),  # raw deflate, as some servers send
    ],
)
def test_compressed_bodies_are_inflated(
    server: FeedServer, client: httpx.Client, encoding: str, body: bytes
) -> None:
    server.route("/rss", body, headers={"Content-Encoding": encoding})
    assert fetch_feed(client, server.url("/rss")).body == RSS


def test_gzip_bomb_is_cut_without_inflating_it(server: FeedServer, client: httpx.Client) -> None:
    bomb = zlib.compress(b"\0" * (50 * 2**20), level=9, wbits=31)
    assert len(bomb) < 100_000
    server.route("/rss", bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="over the 1,048,576-byte cap after decompression"):
            fetch_feed(client, server.url("/rss"), max_bytes=2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20, f"peak {peak:,} bytes"


def test_unsupported_encoding_is_refused(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", b"xx", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        fetch_feed(client, server.url("/rss"))


def test_connection_reset(server: FeedServer, client: httpx.Client) -> None:
    server.route("/rss", b"", reset=True)
    with pytest.raises(FetchError, match=r"network error: .*; will retry with back-off"):
        fetch_feed(client, server.url("/rss"))


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/feed", "javascript:alert(1)", "gopher://x/"]
)
def test_non_http_scheme_refused(client: httpx.Client, url: str) -> None:
    with pytest.raises(FetchError, match="only http and https feeds are fetched"):
        fetch_feed(client, url)


def test_redirect_to_file_scheme_refused(server: FeedServer, client: httpx.Client) -> None:
    server.redirect("/rss", "file:///etc/passwd")
    with pytest.raises(FetchError, match="redirect to file:///etc/passwd refused: scheme 'file'"):
        fetch_feed(client, server.url("/rss"))


def test_fetch_page_asks_for_html(server: FeedServer, client: httpx.Client) -> None:
    server.route("/a", b"<html><title>x</title></html>", content_type="text/html")
    result = fetch_page(client, server.url("/a"))
    assert result.body.startswith(b"<html>")
    assert server.requests[0].headers["accept"].startswith("text/html")


@pytest.mark.parametrize(
    ("host", "address", "problem"),
    [
        ("127.0.0.1", "127.0.0.1", "loopback"),
        ("10.20.30.40", "10.20.30.40", "private"),
        ("172.16.0.1", "172.16.0.1", "private"),
        ("192.168.1.1", "192.168.1.1", "private"),
        ("169.254.169.254", "169.254.169.254", "link-local"),
        ("[::1]", "::1", "loopback"),
        ("fe80::1", "fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1", "loopback"),
        ("::ffff:10.0.0.1", "::ffff:a00:1", "private"),
        # 6to4 and Teredo carry an IPv4 address inside; Python calls them global.
        ("2002:7f00:1::", "2002:7f00:1::", "loopback"),
        ("2002:a00:1::", "2002:a00:1::", "private"),
        (
            "2001:0:4136:e378:8000:63bf:80ff:fffe",
            "2001:0:4136:e378:8000:63bf:80ff:fffe",
            "loopback",
        ),
        ("0.0.0.0", "0.0.0.0", "unspecified"),
        ("::", "::", "unspecified"),
        ("224.0.0.1", "224.0.0.1", "multicast"),
        ("240.0.0.1", "240.0.0.1", "reserved"),
        ("100.64.0.1", "100.64.0.1", "non-public"),
        ("2130706433", "127.0.0.1", "loopback"),
        ("0x7f.1", "127.0.0.1", "loopback"),
        ("0177.0.0.1", "127.0.0.1", "loopback"),
        ("127.1", "127.0.0.1", "loopback"),
        ("0xa000001", "10.0.0.1", "private"),
        ("93.184.216.34", "93.184.216.34", ""),
        ("1.1.1.1", "1.1.1.1", ""),
        ("2606:4700:4700::1111", "2606:4700:4700::1111", ""),
    ],
)
def test_address_classification(host: str, address: str, problem: str) -> None:
    parsed = parse_numeric_host(host)
    assert parsed == ipaddress.ip_address(address)
    assert address_problem(parsed) == problem


@pytest.mark.parametrize("host", ["example.com", "1.2.3.4.5", "08.1.1.1", "256.1.1.1", "0x", "a.1"])
def test_names_are_not_numeric(host: str) -> None:
    assert parse_numeric_host(host) is None


def test_guard_checks_every_resolved_address() -> None:
    guard = GuardedBackend(resolver=lambda h, p: ["93.184.216.34", "192.168.0.9"])
    with pytest.raises(BlockedAddressError, match=r"resolves to 192\.168\.0\.9, a private address"):
        guard.checked_addresses("news.example", 443)
    public = GuardedBackend(resolver=lambda h, p: ["93.184.216.34"])
    assert public.checked_addresses("news.example", 443) == ["93.184.216.34"]
    assert GuardedBackend(allow_private=True, resolver=lambda h, p: ["10.0.0.1"]).checked_addresses(
        "intranet", 80
    ) == ["10.0.0.1"]


CASSETTES = Path(__file__).parent / "cassettes"
REAL_FEED = "https://feeds.example-news.co.uk/news/technology/rss.xml"


def test_real_feed_shape_replays_through_fetch_and_parse() -> None:
    """A publisher-shaped response (tests/cassettes/rss_real_feed.yaml) end to end.

    vcrpy patches httpx.HTTPTransport.handle_request, which GuardedTransport
    inherits, so the ordinary guarded client replays it: no resolver, no socket.
    """
    recorder = vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="none")
    with recorder.use_cassette("rss_real_feed.yaml") as cassette, make_client() as c:
        fetched = fetch_feed(c, REAL_FEED)
        again = fetch_feed(c, REAL_FEED, etag=fetched.etag, last_modified=fetched.last_modified)
        assert cassette.all_played
    assert (fetched.status, fetched.etag) == (200, '"8f1c2a0d7e3b4c55a1e9"')
    assert fetched.headers["cache-control"] == "public, max-age=120"
    assert (again.status, again.not_modified, again.body) == (304, True, b"")
    parsed = parse_feed(fetched.body, fetched.headers, feed_url=fetched.url)
    assert (parsed.title, parsed.skipped, parsed.warning) == ("Example News - Technology", 0, "")
    assert [a.title for a in parsed.articles] == [
        "Globex agrees £2bn deal to buy chip designer Initech",
        "Hooli ends cloud partnership with Pied Piper",
        "Watch: How a robot vacuum maps your home & why it matters",
        "Umbrella Corp invests $500m in AI start-up Vandelay",
    ]
    first = parsed.articles[0]
    assert first.summary == (
        "The takeover would be the largest of a UK tech firm this year, if regulators approve it."
    )
    assert first.url == (
        "https://www.example-news.co.uk/news/articles/c0l1n2m3o4p5o?at_medium=RSS&at_campaign=rss"
    )
    assert first.guid == "https://www.example-news.co.uk/news/articles/c0l1n2m3o4p5o#0"
    assert first.published == datetime(2025, 6, 4, 7, 58, 20, tzinfo=UTC)
    assert {a.source for a in parsed.articles} == {"Example News - Technology"}


@pytest.mark.parametrize("url", ["http://[::1/feed", "http://0177.0.0.1/x", "http://h:port/x"])
def test_unparseable_urls_are_a_fetch_error(url: str) -> None:
    with make_client() as client, pytest.raises(FetchError, match="not a valid URL"):
        fetch_feed(client, url)
