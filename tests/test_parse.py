"""bot.parse: each fixture feed sits beside the articles it must give."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from bot.errors import ParseError
from bot.html_text import bound, html_to_text
from bot.models import Article
from bot.parse import MAX_SUMMARY, MAX_TITLE, parse_article_page, parse_feed

RSS_HEADERS = {"Content-Type": "application/rss+xml; charset=utf-8"}
FEED_URL = "https://news.example.com/tech/rss"

RSS20 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Example Tech</title><link>https://news.example.com/</link>
  <item>
    <title>Scale AI partners with &lt;b&gt;Acme&lt;/b&gt;</title>
    <link>https://news.example.com/2025/06/scale-acme</link>
    <guid isPermaLink="false">tag:news.example.com,2025:1</guid>
    <pubDate>Mon, 02 Jun 2025 09:30:00 +0200</pubDate>
    <description><![CDATA[<p>The <b>deal</b> &amp; its terms.</p>
      <script>alert(1)</script><p>Second   para.</p>]]></description>
  </item>
  <item>
    <title>Relative link</title>
    <link>/2025/06/relative</link>
  </item>
</channel></rss>"""
RSS20_EXPECTED = (
    Article(
        title="Scale AI partners with Acme",
        summary="The deal & its terms. Second para.",
        url="https://news.example.com/2025/06/scale-acme",
        guid="tag:news.example.com,2025:1",
        published=datetime(2025, 6, 2, 7, 30, tzinfo=UTC),
        source="Example Tech",
        feed_url=FEED_URL,
    ),
    Article(
        title="Relative link",
        summary="",
        url="https://news.example.com/2025/06/relative",
        guid="",
        published=None,
        source="Example Tech",
        feed_url=FEED_URL,
    ),
)

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Deals &amp;amp; Moves</title>
  <id>urn:uuid:feed</id><updated>2025-06-03T10:00:00Z</updated>
  <entry>
    <title type="html">Meta invests in &lt;em&gt;Scale AI&lt;/em&gt;</title>
    <link rel="alternate" href="https://atom.example.org/meta-scale"/>
    <id>urn:uuid:1</id>
    <updated>2025-06-03T10:00:00Z</updated>
    <summary type="text">Meta takes a 49% stake.</summary>
  </entry>
  <entry>
    <title>Content only</title>
    <id>urn:uuid:2</id>
    <published>2025-06-01T08:00:00-04:00</published>
    <content type="xhtml">
      <div xmlns="http://www.w3.org/1999/xhtml"><p>From <i>content</i>.</p></div>
    </content>
  </entry>
</feed>"""
ATOM_EXPECTED = (  # title, summary, url, guid, published, source
    ("Meta invests in Scale AI", "Meta takes a 49% stake.", "https://atom.example.org/meta-scale",
     "urn:uuid:1", datetime(2025, 6, 3, 10, 0, tzinfo=UTC), "Deals & Moves"),
    ("Content only", "From content.", "",
     "urn:uuid:2", datetime(2025, 6, 1, 12, 0, tzinfo=UTC), "Deals & Moves"),
)  # fmt: skip

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.net/"><title>RDF Wire</title><link>https://rdf.example.net/</link>
    <items><rdf:Seq><rdf:li resource="https://rdf.example.net/1"/></rdf:Seq></items></channel>
  <item rdf:about="https://rdf.example.net/1">
    <title>Acme ends partnership with Globex</title>
    <link>https://rdf.example.net/1</link>
    <description>Acme cuts ties.</description>
    <dc:date>2025-05-30T23:15:00Z</dc:date>
  </item>
</rdf:RDF>"""


def test_rss20_fixture() -> None:
    parsed = parse_feed(RSS20, RSS_HEADERS, feed_url=FEED_URL)
    assert parsed.title == "Example Tech"
    assert parsed.articles == RSS20_EXPECTED
    assert (parsed.skipped, parsed.warning) == (0, "")


def test_atom_fixture() -> None:
    parsed = parse_feed(
        ATOM, {"content-type": "application/atom+xml"}, feed_url="https://atom.example.org/feed"
    )
    got = tuple((a.title, a.summary, a.url, a.guid, a.published, a.source) for a in parsed.articles)
    assert got == ATOM_EXPECTED


def test_rdf_fixture() -> None:
    parsed = parse_feed(
        RDF, {"content-type": "application/rdf+xml"}, feed_url="https://rdf.example.net/rss"
    )
    (article,) = parsed.articles
    assert (article.title, article.summary, article.url, article.source) == (
        "Acme ends partnership with Globex",
        "Acme cuts ties.",
        "https://rdf.example.net/1",
        "RDF Wire",
    )
    assert article.published == datetime(2025, 5, 30, 23, 15, tzinfo=UTC)


def rss(items: str, channel_title: str = "Wire") -> bytes:
    head = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{channel_title}</title>'
    return f"{head}{items}</channel></rss>".encode()


def test_missing_title_guid_link_and_empty_entry_skipped() -> None:
    body = rss(
        "<item><description>Only a summary.</description></item>"
        "<item><title>Only a title</title></item>"
        "<item><guid>g-3</guid></item>"  # nothing a reader could see: skipped
    )
    parsed = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL)
    assert [(a.title, a.summary, a.url, a.guid) for a in parsed.articles] == [
        ("", "Only a summary.", "", ""),
        ("Only a title", "", "", ""),
    ]
    assert parsed.skipped == 1


def test_every_entry_empty_fails_the_feed() -> None:
    with pytest.raises(ParseError, match="none of the 2 entries has a title, summary or link"):
        parse_feed(
            rss("<item><guid>1</guid></item><item><guid>2</guid></item>"),
            RSS_HEADERS,
            feed_url=FEED_URL,
        )


def test_slack_control_sequences_arrive_verbatim() -> None:
    """parse keeps them; escaping `<`, `>`, `&` is deliver/format's job."""
    body = rss(
        "<item><title>&lt;!channel&gt; Acme &amp; &lt;@U123&gt; deal</title>"
        "<description>&amp;lt;https://evil.example|https://good.example&amp;gt;</description></item>"
        "<item><title>&lt;!here&gt; in &lt;b&gt;HTML&lt;/b&gt; title</title></item>"
    )
    first, second = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL).articles
    assert first.title == "<!channel> Acme & <@U123> deal"
    assert first.summary == "<https://evil.example|https://good.example>"
    assert second.title == "<!here> in HTML title"


def test_entity_expansion_doctype_is_bounded() -> None:
    # One line, so feedparser's DOCTYPE filter keeps the entities
    # (DESIGN.md: 551 bytes -> a 300,000-character title).
    entities = (
        '<!ENTITY a "'
        + "a" * 60
        + '">'
        + "".join(
            f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcd", "bcde", strict=True)
        )
    )
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>&e;</title><item><title>&e;</title><description>&e;</description></item></channel></rss>"
    ).encode()
    assert len(body) < 600
    started = time.monotonic()
    parsed = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL)
    assert time.monotonic() - started < 3
    (article,) = parsed.articles
    assert len(article.title) == MAX_TITLE and article.title.endswith("…")
    assert len(article.summary) == MAX_SUMMARY
    assert len(parsed.title) <= 200


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/a/b?c=1", "https://news.example.com/a/b?c=1"),
        ("../up", "https://news.example.com/up"),
        ("//cdn.example.net/x", "https://cdn.example.net/x"),
        ("http://plain.example/x", "http://plain.example/x"),
        ("javascript:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("file:///etc/passwd", ""),
        ("https://example.com/" + "a" * 5000, ""),
    ],
)
def test_links_resolved_and_unsafe_schemes_dropped(link: str, expected: str) -> None:
    body = rss(f"<item><title>t</title><link>{link}</link></item>")
    (article,) = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL).articles
    assert article.url == expected


def test_google_news_outlet_suffix_dropped_source_from_element() -> None:
    body = rss(
        "<item><title>Acme buys Globex - Reuters</title><link>https://news.google.com/rss/articles/x</link>"
        '<source url="https://www.reuters.com">Reuters</source></item>'
        "<item><title>No source element</title></item>",
        channel_title='"Acme" - Google News',
    )
    first, second = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL).articles
    assert (first.title, first.source) == ("Acme buys Globex", "Reuters")
    assert second.source == '"Acme" - Google News'
    # The item's own outlet beats the configured feed name; without one, the name.
    named = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL, source="GN: Acme").articles
    assert [a.source for a in named] == ["Reuters", "GN: Acme"]


def test_source_falls_back_to_feed_host() -> None:
    body = b'<rss version="2.0"><channel><item><title>t</title></item></channel></rss>'
    (article,) = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL).articles
    assert article.source == "news.example.com"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Tue, 03 Jun 2025 12:00:00 GMT", datetime(2025, 6, 3, 12, 0, tzinfo=UTC)),
        ("Thu, 01 Jan 1970 00:00:00 GMT", None),  # epoch placeholder
        ("Fri, 01 Jan 2muh 00:00:00 GMT", None),
        ("Sat, 01 Jan 2300 00:00:00 GMT", None),  # far future
    ],
)
def test_published_dates(date: str, expected: datetime | None) -> None:
    (article,) = parse_feed(
        rss(f"<item><title>t</title><pubDate>{date}</pubDate></item>"),
        RSS_HEADERS,
        feed_url=FEED_URL,
    ).articles
    assert article.published == expected


def test_not_well_formed_but_recovered_is_a_warning() -> None:
    body = rss(
        "<item><title>Acme &amp Globex</title><link>https://x.example/1</link></item><item><title>B</title>"
    )
    parsed = parse_feed(body, RSS_HEADERS, feed_url=FEED_URL)
    assert [a.title for a in parsed.articles][:1] == ["Acme & Globex"]
    assert parsed.warning.startswith("SAXParseException: ")


def test_wrong_declared_charset_is_a_warning() -> None:
    # Declared UTF-8, written in Latin-1: feedparser falls back and says so.
    body = b'<?xml version="1.0" encoding="utf-8"?>' + rss(
        "<item><title>Zürich deal</title></item>", channel_title="Café"
    ).split(b"?>", 1)[1].decode().encode("latin-1")
    parsed = parse_feed(body, {"content-type": "application/rss+xml"}, feed_url=FEED_URL)
    assert parsed.warning.startswith("CharacterEncodingOverride")
    assert parsed.articles[0].title == "Zürich deal"


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>",
         "text/html; charset=utf-8",
         "not a feed: looks like an HTML page (text/html); is this the site, not its feed?"),
        (b"<html><body>x</body></html>", "application/octet-stream",
         "not a feed: looks like an HTML page (application/octet-stream); "
         "is this the site, not its feed?"),
        (b"", "application/rss+xml", "not a feed: the body is empty"),
        (b"   \n", "application/rss+xml", "not a feed: the body is empty"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "application/feed+json",
         "not a feed: looks like JSON (application/feed+json); JSON Feed is not supported"),
    ],
)  # fmt: skip
def test_not_a_feed(body: bytes, content_type: str, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_feed(body, {"Content-Type": content_type}, feed_url=FEED_URL)
    assert (caught.value.url, caught.value.reason) == (FEED_URL, reason)


def test_garbage_bytes() -> None:
    with pytest.raises(
        ParseError,
        match=r"not a feed: no RSS, Atom or RDF found in the body \(application/rss\+xml\)",
    ):
        parse_feed(b"\x00\x01\xff\xfegarbage\x89PNG", RSS_HEADERS, feed_url=FEED_URL)


def test_empty_but_valid_feed_has_no_articles() -> None:
    parsed = parse_feed(rss(""), RSS_HEADERS, feed_url=FEED_URL)
    assert (parsed.title, parsed.articles, parsed.skipped) == ("Wire", (), 0)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two</p>", "One Two"),
        ("a&nbsp;&amp;&#32;b &lt;!channel&gt;", "a & b <!channel>"),
        ("<style>p{}</style><script>x()</script>kept<!-- gone -->", "kept"),
        ("x <@U123> y", "x <@U123> y"),
        ("unclosed <b>bold", "unclosed bold"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_bound_cuts_at_word_boundary() -> None:
    assert bound("short", 10) == "short"
    assert bound("alpha beta gamma delta", 15) == "alpha beta…"
    assert bound("x" * 30, 10) == "x" * 9 + "…"


PAGE = b"""<!doctype html><html><head><meta charset="windows-1252">
<title>Acme buys Globex | Example News</title>
<meta property="og:title" content="Acme buys Globex">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="/2025/acme-globex">
<meta property="article:published_time" content="2025-06-04T08:00:00+02:00">
<script>var p = "<p>not text</p>";</script></head>
<body><p>Acme agreed to buy Globex for \x80 1 billion.</p><p>Second.</p></body></html>"""


def test_article_page_prefers_open_graph_and_falls_back_to_paragraphs() -> None:
    article = parse_article_page(
        PAGE, {"content-type": "text/html"}, url="https://news.example.com/p?id=1"
    )
    assert (article.title, article.source) == ("Acme buys Globex", "Example News")
    assert article.summary == "Acme agreed to buy Globex for € 1 billion. Second."
    assert article.url == "https://news.example.com/2025/acme-globex"
    assert article.published == datetime(2025, 6, 4, 6, 0, tzinfo=UTC)


def test_article_page_title_only() -> None:
    article = parse_article_page(b"<title>Just &amp; title</title>", {}, url="https://x.example/a")
    assert (article.title, article.summary, article.url, article.source) == (
        "Just & title",
        "",
        "https://x.example/a",
        "x.example",
    )


def test_article_page_without_text_fails() -> None:
    with pytest.raises(ParseError, match="no title, description or paragraph text"):
        parse_article_page(b"<html><body><img src=x></body></html>", {}, url="https://x.example/a")


GOOGLE_NEWS_STYLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>"Scale AI" - Google News</title>
<link>https://news.google.com/</link>
<item><title>Meta to take 49% stake in Scale AI - Reuters</title>
<link>https://news.google.com/rss/articles/CBMiXmh0dHBzOi8v?oc=5</link>
<guid isPermaLink="false">CBMiXmh0dHBzOi8v</guid>
<description>&lt;a href="https://news.google.com/rss/articles/CBMi?oc=5"&gt;Meta to take 49% stake
 in Scale AI&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Reuters&lt;/font&gt;
</description>
<source url="https://www.reuters.com">Reuters</source></item>
<item><title>Scale AI's rivals see surge in demand - Financial Times</title>
<link>https://news.google.com/rss/articles/CBMiYWh0?oc=5</link>
<description>Rivals of Scale AI said inquiries doubled after the Meta deal.</description>
<source url="https://www.ft.com">Financial Times</source></item>
</channel></rss>"""


def test_news_search_items_lose_the_outlet_echo_and_name_their_outlet() -> None:
    parsed = parse_feed(
        GOOGLE_NEWS_STYLE,
        {"content-type": "application/rss+xml"},
        feed_url="https://news.google.com/rss/search?q=%22Scale+AI%22",
        source="Google News: Scale AI",
    )
    first, second = parsed.articles
    assert (first.title, first.summary, first.source) == (
        "Meta to take 49% stake in Scale AI",
        "",
        "Reuters",
    )
    assert second.title == "Scale AI's rivals see surge in demand"
    assert second.summary == "Rivals of Scale AI said inquiries doubled after the Meta deal."
    assert second.source == "Financial Times"
