"""HTML -> plain text, and an article page's metadata, with the stdlib parser.

Regexes get HTML wrong (comments, CDATA, `>` in attributes); `html.parser`
does not, and it unescapes entities for us. The text is otherwise kept
verbatim: `<!channel>` written as `&lt;!channel&gt;` comes out as
`<!channel>`. Escaping for Slack is the formatter's job.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is never reader-visible text.
SKIP_CONTENT = frozenset({"script", "style", "template", "noscript", "head", "svg", "math"})
# Elements that end a line of text; without a break "Headline</p><p>Body" would fuse.
BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "td", "th", "tr", "ul",
    }
)  # fmt: skip
# Input beyond this is not looked at: a summary bounded to 2,000 characters
# never needs more than this much markup, and html.parser slows on megabytes.
MAX_HTML_INPUT = 200_000
_SPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """One space for every run of whitespace, none at the ends."""
    return _SPACE.sub(" ", text).strip()


def bound(text: str, limit: int) -> str:
    """text cut to at most `limit` characters, at a word boundary, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # A word boundary is only worth it when it does not throw away much text.
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_CONTENT:
            self.skipping.append(tag)
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    parser = _TextParser()
    parser.feed(html[:MAX_HTML_INPUT])
    parser.close()
    return collapse("".join(parser.parts))


class _PageParser(HTMLParser):
    """Collects <title>, <meta> and the first paragraphs of a page."""

    def __init__(self, max_paragraphs: int) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.paragraphs: list[str] = []
        self.max_paragraphs = max_paragraphs
        self.stack: list[str] = []  # open title / p / skipped elements
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"]
        elif tag == "link":
            a = {k.lower(): (v or "") for k, v in attrs}
            if a.get("rel", "").lower() == "canonical" and "canonical" not in self.meta:
                self.meta["canonical"] = a.get("href", "")
        elif tag in ("title", "p") or tag in SKIP_CONTENT - {"head"}:
            self.stack.append(tag)
            if tag == "p":
                self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack and self.stack.pop() != tag:
            pass
        if tag == "p" and len(self.paragraphs) < self.max_paragraphs:
            text = collapse("".join(self.current))
            if text:
                self.paragraphs.append(text)

    def handle_data(self, data: str) -> None:
        if not self.stack:
            return
        if self.stack[-1] == "title":
            self.title.append(data)
        elif self.stack[-1] == "p":
            self.current.append(data)


def page_metadata(html: str, *, max_paragraphs: int = 3) -> tuple[dict[str, str], str, list[str]]:
    """(meta by lower-cased name/property, <title> text, first non-empty paragraphs)."""
    parser = _PageParser(max_paragraphs)
    parser.feed(html[: MAX_HTML_INPUT * 5])
    parser.close()
    meta = {k: collapse(v) for k, v in parser.meta.items()}
    return meta, collapse("".join(parser.title)), parser.paragraphs
