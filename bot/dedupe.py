"""Dedup keys: the same item, the same story across feeds, the same event across outlets.

Pure: strings in, hashed keys out. Storage decides what is new by inserting
these keys atomically; this module only decides what counts as "the same".

Why stories are grouped by event, not by wording: outlets rewrite headlines.
In the 38 labelled story groups (tests/data/story_groups.jsonl) only 20 of
170 same-story pairs share >= 70% of their title words (overlap coefficient,
stopwords removed), while the most similar titles of *different* stories are
the same two companies doing opposite things ("Disney channels are off
YouTube TV" / "... are back on YouTube TV", 0.83). A MinHash or token-set
test would merge those and miss most rewrites. So the same article is one
item (GUID, canonical URL, content fingerprint), and a rewritten or
syndicated story is caught as the same *event* (`event_key`, `same_event`).

Every key is a namespaced SHA-256, hex, truncated to `KEY_HEX_CHARS`, so keys
are short enough for any btree index (a 10 kB GUID fits) and two kinds of key
can never collide by accident.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from bot.models import Article, Event, Party

# 128 bits: collisions are out of reach for any number of items one bot sees,
# and the key stays a short string.
KEY_HEX_CHARS = 32

# Query parameters that say how a reader arrived, not which page it is.
# Sources: Google Analytics (utm_*), Facebook (fbclid), Google Ads (gclid,
# dclid), Microsoft (ocid, msclkid), Adobe/CNN (cmpid), Mailchimp (mc_cid,
# mc_eid), Instagram (igshid), Yandex (yclid), Twitter/X (ref_src, ref_url),
# NYT (smid), and the generic referral markers. Not "source"/"src": some
# sites use them to pick the page, and merging two pages would lose an item.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid",
        "ocid", "cmpid", "mc_cid", "mc_eid", "smid", "_ga", "_gl",
        "ref", "ref_src", "ref_url", "referer", "referrer",
        "guccounter", "guce_referrer", "guce_referrer_sig",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}

# The content fingerprint is built from the title plus this much of the summary:
# enough to tell apart two stories with the same headline, short enough that a
# feed which truncates its summaries differently past that point still matches.
FINGERPRINT_SUMMARY_CHARS = 300
# Generic headlines ("Daily briefing", "Morning news roundup") recur every day
# with different stories; titles shorter than this get no content fingerprint.
FINGERPRINT_MIN_TITLE_WORDS = 4

# Unwatched counterparties: outlets write "Meta", "Meta Platforms" and "Meta
# Platforms Inc." for one company, so the key keeps the first significant word.
LEGAL_SUFFIXES = frozenset(
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
        "limited", "llc", "llp", "lp", "plc", "sa", "ag", "se", "nv", "bv",
        "gmbh", "kk", "spa", "srl", "ab", "asa", "oy", "pty", "holdings",
        "holding", "group",
    }
)  # fmt: skip
NAME_STOPWORDS = frozenset({"the", "of", "and", "&"})
# First words too common to name a company alone: "General Motors" and
# "General Electric" must not share a key, so these keep their second word.
GENERIC_FIRST_WORDS = frozenset(
    {
        "general", "american", "united", "national", "international", "global",
        "first", "new", "bank", "china", "british", "royal", "standard", "open",
        "digital", "data", "deutsche",
    }
)  # fmt: skip
# Parent and brand names outlets use interchangeably for one company
# ("Alphabet's Google", "Google parent Alphabet"; "Facebook owner Meta").
COUNTERPARTY_ALIASES = {"alphabet": "google", "facebook": "meta"}

_URL_RE = re.compile(r"^https?://", re.IGNORECASE)
_POSSESSIVE_RE = re.compile(r"['’]s\b")
_NON_WORD_RE = re.compile(r"[^\w\s&]+")
_SPACE_RE = re.compile(r"\s+")


def _hash(kind: str, *parts: str) -> str:
    """Namespaced hash: the kind and the parts, unambiguously joined."""
    material = "\x1f".join((kind, *parts)).encode("utf-8", "surrogatepass")
    return f"{kind}:{hashlib.sha256(material).hexdigest()[:KEY_HEX_CHARS]}"


def canonical_url(url: str) -> str:
    """The form two links to the same page share.

    Lower-case scheme and host, no "www.", no default port, no fragment, no
    tracking parameters, the remaining parameters sorted, no trailing slash.
    Anything that is not an http(s) URL comes back stripped but unchanged: it
    can still be compared, but we do not guess at its structure.
    """
    url = url.strip()
    if not _URL_RE.match(url):
        return url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a malformed port or IPv6 literal: compare as written
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    host = host.removeprefix("www.")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    query_string = urlencode(sorted(query), quote_via=quote)
    return urlunsplit((scheme, host, path, query_string, ""))


def normalise_text(text: str) -> str:
    """Case, width, punctuation and spacing removed: what a reader would call equal."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _NON_WORD_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


def item_keys(article: Article) -> tuple[str, ...]:
    """The keys under which storage remembers one feed item; never empty.

    - guid: scoped by the feed (GUIDs like "123" are only unique per feed);
      a GUID that is itself an http(s) URL is a permalink, so it becomes the
      global URL key of that page.
    - url: global, so the same article in two feeds is one item.
    - text: normalised title + start of summary, global, for feeds that
      regenerate GUIDs and links; only for titles of 4+ words.
    When none applies, a feed-scoped key of the whole text keeps an item with
    no GUID, no link and a short title from coming back as new every poll.
    """
    keys: list[str] = []
    guid = article.guid.strip()
    feed = canonical_url(article.feed_url)
    if guid and _URL_RE.match(guid):
        keys.append(_hash("url", canonical_url(guid)))
    elif guid:
        keys.append(_hash("guid", feed, guid))
    if article.url.strip():
        keys.append(_hash("url", canonical_url(article.url)))
    title = normalise_text(article.title)
    summary = normalise_text(article.summary)[:FINGERPRINT_SUMMARY_CHARS]
    if len(title.split()) >= FINGERPRINT_MIN_TITLE_WORDS:
        keys.append(_hash("text", title, summary))
    if not keys:
        keys.append(_hash("feedtext", feed, title, summary))
    return tuple(dict.fromkeys(keys))  # a permalink GUID equal to the link is one key


def counterparty_name(name: str) -> str:
    """An unwatched company's name reduced to what outlets agree on.

    "Meta Platforms Inc.", "Meta's" and "Meta" all give "meta"; "General
    Motors" gives "general motors" (see GENERIC_FIRST_WORDS).
    """
    text = _POSSESSIVE_RE.sub("", unicodedata.normalize("NFKC", name).casefold())
    words = [
        w
        for w in normalise_text(text).split()
        if w not in LEGAL_SUFFIXES and w not in NAME_STOPWORDS
    ]
    if not words:
        return normalise_text(name)
    first = COUNTERPARTY_ALIASES.get(words[0], words[0])
    if first in GENERIC_FIRST_WORDS and len(words) > 1:
        return f"{first} {words[1]}"
    return first


def _party_key(party: Party) -> str:
    name = normalise_text(party.name) if party.watched else counterparty_name(party.name)
    return f"{party.role}={name}"


def event_key(event: Event) -> str:
    """Same relationship change = same key, whichever outlet reported it.

    In the key: the type, the direction (an investment without one is "in"),
    and every party with its role. Watched parties are named by their
    canonical watchlist name (match already maps "Alphabet" and "Google" to
    one entity when the watchlist says so); unwatched ones by
    `counterparty_name`, plus a small table of parent/brand names.
    Partnership parties are sorted, so "A partners with B" = "B partners with A".

    Not in the key: certainty (a later confirmation or denial is a follow-up
    of the same event), amount and wording (outlets round differently).

    Precision first: "OpenAI ends with Scale AI" and "Google ends with Scale
    AI" must stay two alerts, so every named party counts. The price: an
    outlet that omits a party ("Scale AI raises $14bn") and one that names it
    ("Meta invests $14bn in Scale AI") give two keys, hence two alerts. We do
    not guess that an unnamed investor is the one another outlet named.
    """
    direction = event.direction or ("in" if event.type == "investment" else "")
    parties = sorted({_party_key(p) for p in event.parties})
    return _hash("event", event.type, direction, *parties)


def alert_key(event_key: str, channel: str) -> str:
    """One alert per event and channel: the same event may go to two channels once each."""
    return _hash("alert", event_key, channel.strip().casefold())


# Initialisms outlets use for a counterparty: "GM" for General Motors, "HPE"
# for Hewlett Packard Enterprise (story_groups g11, g37). Two letters at least.
_MIN_INITIALISM = 2


def _name_words(name: str) -> list[str]:
    text = _POSSESSIVE_RE.sub("", unicodedata.normalize("NFKC", name).casefold())
    text = text.replace("u.s.", "us").replace("u.k.", "uk")
    words = [
        w
        for w in normalise_text(text).split()
        if w not in LEGAL_SUFFIXES and w not in NAME_STOPWORDS
    ]
    return [COUNTERPARTY_ALIASES.get(w, w) for w in words]


def names_match(a: str, b: str) -> bool:
    """Could two outlets' names for a company be the same company?

    "Couche-Tard" ~ "Alimentation Couche-Tard", "Disney" ~ "Walt Disney",
    "GM" ~ "General Motors", "HPE" ~ "Hewlett Packard Enterprise",
    "Alphabet" ~ "Google"; but "General Motors" !~ "General Electric"
    (a shared generic first word is not enough).
    """
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    if wa == wb or counterparty_name(a) == counterparty_name(b):
        return True
    sa = {w for w in wa if w not in GENERIC_FIRST_WORDS}
    sb = {w for w in wb if w not in GENERIC_FIRST_WORDS}
    # One name's distinctive words all within the other's: "Disney" in "Walt Disney".
    if sa and sb and (sa <= set(wb) or sb <= set(wa)):
        return True
    return any(
        len(short) == 1
        and len(long_) >= _MIN_INITIALISM
        and short[0] == "".join(w[0] for w in long_)
        for short, long_ in ((wa, wb), (wb, wa))
    )


def _others(event: Event, entity: str) -> list[Party]:
    return [p for p in event.parties if not (p.watched and p.name == entity)]


def same_event(a: Event, b: Event, entity: str) -> bool:
    """Do two reports describe one relationship change of `entity`?

    Event keys are exact; outlets are not: one names "Walt Disney", another
    "Disney", a third leaves the investor out. For alerts about the same
    watched entity, in the same channel and event window, this is the looser
    test: same type and direction, the entity in the same role, and the other
    parties compatible: equal or near names (`names_match`), or one report
    naming none. Different named counterparties stay different events
    ("Google cuts ties with Scale AI" vs "OpenAI cuts ties with Scale AI").
    """
    if a.type != b.type or (a.direction or "in") != (b.direction or "in"):
        return False
    role_a = {p.role for p in a.parties if p.watched and p.name == entity}
    role_b = {p.role for p in b.parties if p.watched and p.name == entity}
    others_a, others_b = _others(a, entity), _others(b, entity)
    if role_a != role_b:
        # Merger talks between the same two, read with the roles swapped ("Rio Tinto says it
        # is not in talks with Glencore", "Rio denies Glencore merger talks"; story_groups g09,
        # g10): one story. A takeover of each by the other in one window is not a thing.
        return (
            a.type == "acquisition"
            and bool(others_a)
            and bool(others_b)
            and any(names_match(x.name, y.name) for x in others_a for y in others_b)
        )
    if not others_a or not others_b:
        return True
    return any(
        names_match(x.name, y.name) and (x.role == y.role or a.type.startswith("partnership"))
        for x in others_a
        for y in others_b
    )
