"""Fetch a feed (or, for `newsbot try`, a page) over HTTP, defensively.

    check scheme -> GET with validators -> classify status -> redirect? (re-check, hop limit)
                 -> read raw bytes under a cap -> inflate gzip/deflate under the same cap

The address guard and the total deadline live in `bot.netguard`, at connect
and read time. Every HTTP outcome is classified in `classify`; every failure
is a `FetchError` whose reason tells the operator what happens next.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from bot.errors import BlockedAddressError, FetchError
from bot.netguard import GuardedBackend, GuardedTransport, Resolver, deadline, system_resolver

log = logging.getLogger(__name__)

USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# Only what we inflate ourselves; no brotli package is installed.
ACCEPT_ENCODING = "gzip, deflate"

# Feed chains seen in practice (http->https, old host->new host, feedburner)
# are 1-3 hops; 5 leaves room and still stops a loop quickly.
MAX_REDIRECTS = 5
# A healthy news server connects in well under a second; these are generous
# per-operation limits, the deadline caps the whole fetch.
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 20.0
# A Retry-After of days would silently stop a feed; cap it and keep polling.
MAX_RETRY_AFTER_S = 24 * 3600.0
PAGE_MAX_BYTES = 5 * 2**20

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
Outcome = Literal["ok", "not_modified", "redirect"]


@dataclass(frozen=True)
class FetchResult:
    url: str  # final URL after redirects
    status: int
    body: bytes  # b"" when not modified
    headers: dict[str, str]  # lower-cased names
    not_modified: bool
    etag: str | None
    last_modified: str | None


class HttpStatusError(FetchError):
    """The server answered with an error status; `permanent` means a person must act."""

    def __init__(
        self, url: str, status: int, reason: str, *, retry_after: float | None = None
    ) -> None:
        super().__init__(url, reason, retry_after=retry_after)
        self.status = status
        self.permanent = status == 410


def make_client(
    *,
    allow_private: bool = False,
    resolver: Resolver | None = None,
    trusted_addresses: Collection[str] = (),
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """A client whose connections go only to public addresses (unless allowed).

    `resolver` and `trusted_addresses` are for tests (point a name at
    127.0.0.1 and trust exactly that address); `transport` replaces the
    guarded one entirely and so removes the address guard: tests only.
    """
    if transport is None:
        backend = GuardedBackend(
            allow_private=allow_private,
            resolver=resolver or system_resolver,
            trusted_addresses=trusted_addresses,
        )
        transport = GuardedTransport(backend)
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
    )


def fetch_feed(
    client: httpx.Client,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = 10 * 2**20,
    deadline_s: float = 60.0,
) -> FetchResult:
    """GET a feed with the stored validators; 304 gives `not_modified=True`."""
    headers = {"Accept": FEED_ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    result = _fetch(client, url, headers, max_bytes, deadline_s)
    if result.not_modified:
        # A 304 may omit the validators; the stored ones are still current.
        return FetchResult(
            url=result.url,
            status=result.status,
            body=b"",
            headers=result.headers,
            not_modified=True,
            etag=result.etag or etag,
            last_modified=result.last_modified or last_modified,
        )
    return result


def fetch_page(
    client: httpx.Client,
    url: str,
    *,
    max_bytes: int = PAGE_MAX_BYTES,
    deadline_s: float = 30.0,
) -> FetchResult:
    """GET an HTML article page for `newsbot try URL`, with the same guards."""
    return _fetch(client, url, {"Accept": PAGE_ACCEPT}, max_bytes, deadline_s)


def check_url(url: str) -> None:
    """Only http(s) URLs with a host: no file:, data:, javascript:, gopher:."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises on a port that is not a number
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as e:
        raise FetchError(url, f"refused: not a valid URL ({e})") from e
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "none"
        raise FetchError(url, f"refused: scheme {shown!r}; only http and https feeds are fetched")
    if not parts.hostname:
        raise FetchError(url, "refused: the URL has no host")


def _fetch(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    max_bytes: int,
    deadline_s: float,
) -> FetchResult:
    check_url(url)
    current = url
    started = time.monotonic()
    with deadline(deadline_s):
        for _hop in range(MAX_REDIRECTS + 1):
            where = url if current == url else f"{url} (redirected to {current})"
            try:
                with client.stream("GET", current, headers=headers) as response:
                    outcome = classify(where, response.status_code, response.headers)
                    if outcome == "redirect":
                        current = _next_hop(where, current, response.headers["location"])
                        continue
                    body = (
                        b"" if outcome == "not_modified" else _read_body(where, response, max_bytes)
                    )
                    log.debug(
                        "fetched %s: HTTP %s, %d bytes", current, response.status_code, len(body)
                    )
                    return FetchResult(
                        url=current,
                        status=response.status_code,
                        body=body,
                        headers={k.lower(): v for k, v in response.headers.items()},
                        not_modified=outcome == "not_modified",
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except BlockedAddressError as e:
                raise BlockedAddressError(url, e.reason) from e
            except httpx.TimeoutException as e:
                elapsed = time.monotonic() - started
                if elapsed >= deadline_s:
                    reason = (
                        f"gave up after {deadline_s:g} s in total (the server is too slow "
                        "or drips its response); will retry with back-off"
                    )
                else:
                    kind = (
                        "connecting" if isinstance(e, httpx.ConnectTimeout) else "waiting for data"
                    )
                    reason = f"timed out {kind} after {elapsed:.1f} s; will retry with back-off"
                raise FetchError(where, reason) from e
            except httpx.TransportError as e:
                detail = str(e) or type(e).__name__
                raise FetchError(where, f"network error: {detail}; will retry with back-off") from e
    raise FetchError(
        url, f"more than {MAX_REDIRECTS} redirects (last to {current}); check the feed URL"
    )


def _next_hop(where: str, current: str, location: str) -> str:
    target = urljoin(current, location.strip())
    try:
        check_url(target)
    except FetchError as e:
        raise FetchError(where, f"redirect to {target} {e.reason}") from e
    return target


def classify(
    url: str, status: int, headers: httpx.Headers, *, now: datetime | None = None
) -> Outcome:
    """Every HTTP status in one place: an outcome, or a FetchError saying what next."""
    if 200 <= status < 300:
        return "ok"
    if status == 304:
        return "not_modified"
    if status in REDIRECT_STATUSES:
        if not headers.get("location", "").strip():
            raise HttpStatusError(url, status, f"HTTP {status} redirect without a Location header")
        return "redirect"
    retry_after = parse_retry_after(headers.get("retry-after"), now=now)
    if status == 410:
        reason = "HTTP 410 Gone: the feed was removed; remove or replace it in newsbot.yaml"
    elif status == 404:
        reason = "HTTP 404 Not Found: check the feed URL; will retry with back-off"
    elif status == 429:
        wait = f"after {retry_after:g} s" if retry_after is not None else "with back-off"
        reason = f"HTTP 429 Too Many Requests: polling too often; will retry {wait}"
    elif status in (401, 403):
        reason = f"HTTP {status}: the server refuses newsbot (login or block); check the feed URL"
    elif 500 <= status < 600:
        wait = f"after {retry_after:g} s" if retry_after is not None else "with back-off"
        reason = f"HTTP {status} from server; will retry {wait}"
    elif 400 <= status < 500:
        reason = f"HTTP {status}: the server rejected the request; check the feed URL"
    else:
        reason = f"unexpected HTTP {status}; will retry with back-off"
    raise HttpStatusError(url, status, reason, retry_after=retry_after)


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or HTTP-date (RFC 9110 10.2.3)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_S)


def _read_body(where: str, response: httpx.Response, max_bytes: int) -> bytes:
    """The body, inflated by us under the cap (httpx would inflate a whole chunk)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(where, f"body is {int(declared):,} bytes, over the {max_bytes:,}-byte cap")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    inflater = None if encoding in ("", "identity") else _Inflater(where, encoding, max_bytes)
    raw_size = 0
    body = bytearray()
    for chunk in response.iter_raw():
        raw_size += len(chunk)
        if raw_size > max_bytes:
            raise FetchError(where, f"body is over the {max_bytes:,}-byte cap; cut off")
        body += inflater.feed(chunk, max_bytes - len(body)) if inflater else chunk
    return bytes(body)


class _Inflater:
    """gzip (multi-member) or deflate (zlib or raw), never more than `limit` out."""

    def __init__(self, where: str, encoding: str, cap: int) -> None:
        if encoding in ("gzip", "x-gzip"):
            self.wbits = 16 + zlib.MAX_WBITS
        elif encoding == "deflate":
            self.wbits = zlib.MAX_WBITS
        else:
            raise FetchError(where, f"unsupported Content-Encoding {encoding!r}")
        self.where, self.cap = where, cap
        self.started = False
        self.z = zlib.decompressobj(self.wbits)

    def feed(self, data: bytes, limit: int) -> bytes:
        out = bytearray()
        while data:
            try:
                # max_length > 0 always: 0 would mean "no limit" to zlib.
                out += self.z.decompress(data, limit - len(out) + 1)
            except zlib.error as e:
                if self.wbits == zlib.MAX_WBITS and not self.started:
                    # Some servers send raw deflate under "deflate" (RFC 9110 8.4.1.2 says zlib).
                    self.wbits = -zlib.MAX_WBITS
                    self.z = zlib.decompressobj(self.wbits)
                    continue
                raise FetchError(self.where, f"corrupt compressed body: {e}") from e
            self.started = True
            if len(out) > limit:
                raise FetchError(
                    self.where, f"body is over the {self.cap:,}-byte cap after decompression"
                )
            if self.z.eof:
                data = self.z.unused_data
                if data and self.wbits > zlib.MAX_WBITS:  # another gzip member follows
                    self.z = zlib.decompressobj(self.wbits)
                    continue
                break  # trailing bytes after a deflate stream are ignored
            data = self.z.unconsumed_tail
        return bytes(out)
