"""Feed bytes -> Articles, with a written policy for malformed feeds.

feedparser always gets the fetched bytes (`io.BytesIO`) and the response
headers, never a str: a str is taken as a URL or a path and read with no
timeout and no size limit (DESIGN.md, Known traps).

Policy, after reader's feedparser policy (lemon24/reader `_parser/feedparser.py`):

* No feed at all - empty body, an HTML page, garbage, JSON (feedparser 6.0.14
  has no JSON Feed parser): `ParseError` saying what the body looked like.
* A bozo feed that still yields a feed or entries is *survivable*: the
  articles are kept and `warning` names the problem. That covers
  CharacterEncodingOverride / NonXMLContentType (declared charset or type was
  wrong), undefined entities, and not-well-formed XML that feedparser's loose
  parser recovered.
* An entry with no title, no summary and no link is skipped and counted in
  `skipped`. If every entry is skipped, the feed fails (`ParseError`): a feed
  that never yields an article must not look healthy.
* Text is plain and bounded: HTML (title or summary typed HTML) is reduced to
  its visible text; text/plain is kept verbatim, so `<!channel>` and `<@U123>`
  reach `Article.title` as written: the Slack formatter escapes them. Lengths
  are bounded after parsing: a nested-entity DOCTYPE can expand a 551-byte
  feed into a 300,000-character title.
* Links: resolved against the feed URL, kept only when http(s).
* published: aware UTC from published/updated, None when absent or absurd.
"""

from __future__ import annotations

import calendar
import codecs
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from bot.errors import ParseError
from bot.html_text import bound, collapse, html_to_text, page_metadata
from bot.models import Article

# Headlines run to ~100 characters; 500 keeps every real one whole.
MAX_TITLE = 500
# Ledes and summaries: 2,000 holds the first paragraphs match and detect read.
MAX_SUMMARY = 2000
MAX_SOURCE = 200
MAX_WARNING = 300
# Longer GUIDs are cut (consistently, so the key stays stable); longer URLs
# are not links anyone can use, so they are dropped.
MAX_GUID = 2048
MAX_URL = 4096
# Dates before the web existed are placeholders (epoch 0, year 1). Future
# dates within two days are time-zone slips; beyond that, nonsense.
MIN_YEAR = 1991
MAX_FUTURE = timedelta(days=2)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    articles: tuple[Article, ...]
    skipped: int  # entries dropped by the policy
    warning: str  # "" or what was wrong but survivable (feedparser bozo)


def parse_feed(
    body: bytes, headers: Mapping[str, str], *, feed_url: str, source: str = ""
) -> ParsedFeed:
    """Articles of one fetched feed. `feed_url` should be the final URL after redirects."""
    lowered = {k.lower(): v for k, v in headers.items()}
    result = feedparser.parse(io.BytesIO(body), response_headers=lowered)
    entries: list[Any] = list(result.get("entries", []))
    if not result.get("version") and not entries:
        raise ParseError(feed_url, _not_a_feed(body, lowered, result.get("bozo_exception")))
    feed = result.get("feed", {})
    feed_title = bound(_text(feed, "title", "text/plain"), MAX_SOURCE)
    default_source = bound(source.strip(), MAX_SOURCE) or feed_title or _host(feed_url)
    articles: list[Article] = []
    for entry in entries:
        article = _article(entry, feed_url, source.strip(), default_source)
        if article is not None:
            articles.append(article)
    skipped = len(entries) - len(articles)
    if entries and not articles:
        raise ParseError(
            feed_url, f"none of the {len(entries)} entries has a title, summary or link"
        )
    warning = ""
    if result.get("bozo"):
        exc = result.get("bozo_exception")
        warning = bound(collapse(f"{type(exc).__name__}: {exc}"), MAX_WARNING)
    return ParsedFeed(feed_title, tuple(articles), skipped, warning)


def _article(entry: Any, feed_url: str, given_source: str, default_source: str) -> Article | None:
    title = bound(_text(entry, "title", "text/plain"), MAX_TITLE)
    content = dict.get(entry, "content") or [{}]
    # feedparser copies an Atom entry's content into `summary` without a
    # `summary_detail`; the content's type says what it is.
    summary = _text(entry, "summary", str(content[0].get("type") or "text/html"))
    if not summary:
        summary = _plain(str(content[0].get("value") or ""), str(content[0].get("type") or ""))
    summary = bound(summary, MAX_SUMMARY)
    # An RSS <guid> stands in for the link when there is none (guidislink);
    # it is a link only if it is already an absolute URL, never relative.
    base = "" if dict.get(entry, "guidislink") else feed_url
    url = safe_url(dict.get(entry, "link"), base)
    if not (title or summary or url):
        return None
    entry_source = dict.get(entry, "source") or {}
    own_source = bound(collapse(str(entry_source.get("title") or "")), MAX_SOURCE)
    if own_source:
        title, summary = _without_aggregator_echo(title, summary, own_source)
    return Article(
        title=title,
        summary=summary,
        url=url,
        guid=collapse(str(dict.get(entry, "id") or ""))[:MAX_GUID],
        published=_published(entry),
        # The item's own <source> names the outlet; the configured name names the
        # feed ("Google News: Scale AI"), which is less use in an alert.
        source=own_source or given_source or default_source,
        feed_url=feed_url,
    )


def _without_aggregator_echo(title: str, summary: str, outlet: str) -> tuple[str, str]:
    """News-search feeds (Google News, Bing News) write "Headline - Outlet" and a
    summary that only repeats the headline and the outlet: the outlet's name then
    reads as a company in the text. Keep the headline; drop the echo."""
    suffix = f" - {outlet}"
    if title.endswith(suffix) and len(title) > len(suffix):
        title = title[: -len(suffix)].rstrip()
    rest = summary
    for part in (title, outlet):
        rest = rest.strip()
        if part and rest.startswith(part):
            rest = rest[len(part) :]
    if not rest.strip(" \u00a0-–—|·"):
        summary = ""
    return title, summary


def _text(node: dict[str, Any], key: str, default_type: str) -> str:
    """node[key] as plain text, stripping HTML only when feedparser says it is HTML."""
    value = dict.get(node, key)
    if not isinstance(value, str):
        return ""
    detail = dict.get(node, f"{key}_detail") or {}
    return _plain(value, str(detail.get("type") or default_type))


def _plain(value: str, content_type: str) -> str:
    if content_type in _HTML_TYPES:
        return html_to_text(value)
    return collapse(value[: MAX_SUMMARY * 10])


def safe_url(link: object, base: str) -> str:
    """An absolute http(s) URL, or "" (javascript:, data:, file:, garbage)."""
    if not isinstance(link, str) or not link.strip():
        return ""
    try:
        url = urljoin(base, link.strip()) if base else link.strip()
        parts = urlsplit(url)
    except ValueError:  # e.g. an invalid IPv6 netloc
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if len(url) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in url):
        return ""
    return url


def _published(entry: dict[str, Any]) -> datetime | None:
    # dict.get: FeedParserDict.get maps updated_parsed to published_parsed with a
    # DeprecationWarning; we ask for each key explicitly instead.
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        when = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
    if when.year < MIN_YEAR or when > datetime.now(UTC) + MAX_FUTURE:
        return None
    return when


def _iso_date(stamp: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(stamp.strip())
    except ValueError:
        return None
    return when.replace(tzinfo=when.tzinfo or UTC).astimezone(UTC)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _not_a_feed(body: bytes, headers: Mapping[str, str], error: object) -> str:
    """Why these bytes are not a feed, in words an operator can act on."""
    content_type = headers.get("content-type", "").split(";")[0].strip() or "no Content-Type"
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not body.strip():
        return "not a feed: the body is empty"
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        return (
            f"not a feed: looks like an HTML page ({content_type}); is this the site, not its feed?"
        )
    if head.startswith((b"{", b"[")):
        return f"not a feed: looks like JSON ({content_type}); JSON Feed is not supported"
    detail = f" ({collapse(str(error))[:200]})" if error else ""
    return f"not a feed: no RSS, Atom or RDF found in the body ({content_type}){detail}"


def parse_article_page(body: bytes, headers: Mapping[str, str], *, url: str) -> Article:
    """One article page for `newsbot try URL`: og:/meta tags, else <title> and first paragraphs."""
    html = body.decode(_charset(body, headers), errors="replace")
    meta, page_title, paragraphs = page_metadata(html)
    title = meta.get("og:title") or meta.get("twitter:title") or page_title
    summary = (
        meta.get("og:description")
        or meta.get("description")
        or meta.get("twitter:description")
        or " ".join(paragraphs)
    )
    if not (title or summary):
        raise ParseError(url, "no title, description or paragraph text found on the page")
    canonical = safe_url(meta.get("og:url") or meta.get("canonical") or "", url)
    published = _iso_date(meta.get("article:published_time") or meta.get("datepublished") or "")
    return Article(
        title=bound(collapse(title), MAX_TITLE),
        summary=bound(collapse(summary), MAX_SUMMARY),
        url=canonical or safe_url(url, url),
        guid="",
        published=published,
        source=bound(meta.get("og:site_name", ""), MAX_SOURCE) or _host(url),
        feed_url="",
    )


def _charset(body: bytes, headers: Mapping[str, str]) -> str:
    """The page's declared charset (header, then <meta charset>), else UTF-8."""
    content_type = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
    for text in (content_type, body[:2048].decode("ascii", errors="replace")):
        found = _CHARSET.search(text)
        if found:
            try:
                return codecs.lookup(found.group(1)).name
            except LookupError:
                continue
    return "utf-8"
