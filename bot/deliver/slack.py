"""Posts alerts to Slack with slack_sdk's WebClient, and says plainly when it could not.

The guarantee: at least once, reconciled, so in practice exactly once.
chat.postMessage has no idempotency key, and when a connection drops after Slack
received the post we cannot know whether it was accepted. So:

- Every post carries message metadata `{"event_type": "newsbot_alert",
  "event_payload": {"alert_key": KEY}}`.
- chat.postMessage is never retried blindly: only 429 (Slack did not accept it)
  is retried in place, honouring Retry-After. A connection error, a timeout or a
  5xx raises `DeliveryError`; the outbox keeps the alert pending and tries later.
- Before posting, the channel's history is read (`include_all_metadata`) and an
  alert whose key is already there is answered with that message's ts instead
  of a second post. This happens for the first post to each channel in a process
  (covers a crash between "Slack accepted" and "marked sent", RECONCILE_LOOKBACK_S
  back) and before re-sending any alert whose earlier attempt had an unknown
  outcome. Reads (auth.test, conversations.*) are idempotent and do retry on
  connection errors, 429 and 5xx.
- Left open: when the history cannot be read (scopes channels:history,
  groups:history, channels:read, groups:read missing, or a stand-in without
  those methods) the sender says so once per channel and posts without the check.

Errors: `AuthDeliveryError` (token refused: pause everything), `ChannelDeliveryError`
(this channel refuses: fix it, then `newsbot alerts --retry`), `PermanentDeliveryError`
(this message is refused), `DeliveryError` (transient). Each message says what to do.
The token lives only inside the WebClients: never in logs, errors or reprs.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable, Iterator
from http.client import HTTPException
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.deliver.format import build_message
from bot.errors import DeliveryError, PermanentDeliveryError
from bot.models import Alert

log = logging.getLogger("newsbot.deliver")

METADATA_EVENT_TYPE = "newsbot_alert"
# How far back the first check of a channel looks: covers a worker that crashed
# after posting and stayed down for up to a week.
RECONCILE_LOOKBACK_S = 7 * 24 * 3600
# conversations.history: Slack advises pages of at most 200 (maximum 999); Tier 3,
# 50+ calls a minute. Five pages read at most 1,000 messages per check.
HISTORY_PAGE_SIZE, HISTORY_PAGES = 200, 5
LIST_PAGES = 10  # conversations.list pages (1,000 channels each) to resolve "#name" to an id
CLOCK_SKEW_S = 120  # our clock vs Slack's, when the check starts at an unsure attempt's time
RATE_LIMIT_RETRIES = 3  # a 429 storm longer than this is left to the next delivery run
MAX_RETRY_AFTER_S = 30  # wait in place up to this; a longer Retry-After defers the channel
READ_RETRIES = 2

TRANSIENT_CODES = ("ratelimited", "internal_error", "fatal_error", "request_timeout")
WHILE_CHECKING = "while checking the channel for an earlier post; the alert stays pending"
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")

AUTH_CODES = {
    "invalid_auth": "the token is not valid: check SLACK_BOT_TOKEN",
    "not_authed": "no token was sent: set SLACK_BOT_TOKEN",
    "token_revoked": "the token was revoked: reinstall the app and set the new SLACK_BOT_TOKEN",
    "token_expired": "the token expired: reinstall the app and set the new SLACK_BOT_TOKEN",
    "account_inactive": "the bot or workspace was deactivated: reinstall the app",
    "not_allowed_token_type": "SLACK_BOT_TOKEN must be a bot token (xoxb-...)",
    "missing_scope": "the app lacks the chat:write scope: add it and reinstall the app",
}
CHANNEL_CODES = {
    "channel_not_found": "no such channel visible to the bot: check the channel in the "
    "watchlist, or for a private channel invite the bot: /invite @{bot}",
    "not_in_channel": "invite the bot to {channel}: /invite @{bot}",
    "is_archived": "{channel} is archived: unarchive it or change the watchlist's channel",
    "restricted_action": "a workspace setting stops the bot posting in {channel}: ask an admin",
    "no_permission": "the bot may not post in {channel}: ask an admin",
}
MESSAGE_CODES = {
    "msg_too_long": "Slack refused the message as too long: a newsbot bug, please report it",
    "invalid_blocks": "Slack refused the blocks: a newsbot bug, please report it",
    "too_many_attachments": "Slack refused the attachments: a newsbot bug, please report it",
}


class AuthDeliveryError(PermanentDeliveryError):
    """The token is refused: nothing can be sent anywhere until it is fixed."""


class ChannelDeliveryError(PermanentDeliveryError):
    """This channel refuses the bot: every alert for it fails the same way."""


class _PatientRateLimitHandler(RateLimitErrorRetryHandler):
    """Retries a 429 after Retry-After, unless Slack asks us to wait too long."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        values = {k.lower(): v for k, v in response.headers.items()}.get("retry-after") or ["1"]
        try:
            return int(values[0]) <= MAX_RETRY_AFTER_S
        except ValueError:
            return True


def _code(err: SlackApiError) -> tuple[int, str]:
    status = int(err.response.status_code)
    code = err.response.get("error") if isinstance(err.response.data, dict) else None
    return status, str(code or f"http_{status}")[:80]


class SlackSender:
    def __init__(
        self,
        token: str,
        *,
        base_url: str = "https://slack.com/api/",
        min_interval_s: float = 1.0,
        timeout_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        def client(*handlers: RetryHandler) -> WebClient:
            return WebClient(
                token=token,
                base_url=base_url,
                timeout=max(1, math.ceil(timeout_s)),
                retry_handlers=list(handlers),
                logger=logging.getLogger("newsbot.deliver.slack_sdk"),
            )

        # chat.postMessage: only a 429 is surely not accepted, so only it is retried here.
        self._post = client(_PatientRateLimitHandler(max_retry_count=RATE_LIMIT_RETRIES))
        self._read = client(
            ConnectionErrorRetryHandler(max_retry_count=READ_RETRIES),
            _PatientRateLimitHandler(max_retry_count=RATE_LIMIT_RETRIES),
            ServerErrorRetryHandler(max_retry_count=READ_RETRIES),
        )
        self.base_url = base_url
        self._min_interval, self._clock, self._sleep = min_interval_s, clock, sleep
        self._last_post: dict[str, float] = {}
        self._ids: dict[str, str] = {}  # channel name -> id
        self._listed = False
        self._checked: set[str] = set()  # channel ids whose history was read (or cannot be)
        self._posted: dict[str, dict[str, str]] = {}  # channel id -> alert key -> ts
        self._unsure: dict[str, float] = {}  # alert key -> when an attempt had no answer
        self._bot = "newsbot"

    def __repr__(self) -> str:
        return f"SlackSender(base_url={self.base_url!r})"

    def check_auth(self) -> str:
        """auth.test: "<bot> on <team>", or the error that says how to fix the token."""
        try:
            resp = self._read.auth_test()
        except (SlackApiError, OSError, HTTPException) as e:
            err = _read_error("Slack", e, "while checking the token")
            raise err or DeliveryError("Slack", f"auth.test failed: {e}") from e
        self._bot = str(resp.get("user") or self._bot)
        return f"{self._bot} on {resp.get('team') or 'unknown workspace'}"

    def post(self, alert: Alert, *, sources: int = 1) -> tuple[str, str]:
        """(channel id, ts) of the alert's message, posting it unless it is already there."""
        earlier = self._find_earlier(alert)
        if earlier is not None:
            log.info(
                "alert %s is already in %s (ts %s): not posting again",
                alert.key,
                alert.channel,
                earlier[1],
            )
            return earlier
        text, blocks = build_message(alert, sources=sources)
        self._pace(alert.channel)
        try:
            resp = self._post.chat_postMessage(
                channel=alert.channel,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
                metadata={
                    "event_type": METADATA_EVENT_TYPE,
                    "event_payload": {"alert_key": alert.key},
                },
            )
        except SlackApiError as e:
            raise self._post_failure(alert, e) from e
        except (OSError, HTTPException) as e:  # reset, timeout, refused: it may have arrived
            self._unsure[alert.key] = time.time()
            raise DeliveryError(
                alert.channel,
                f"no answer from Slack ({type(e).__name__}); the alert stays pending and the "
                "channel is checked before it is posted again",
            ) from e
        finally:
            self._last_post[alert.channel] = self._clock()
        channel_id, ts = str(resp["channel"]), str(resp["ts"])
        self._ids[alert.channel.lstrip("#")] = channel_id
        self._posted.setdefault(channel_id, {})[alert.key] = ts
        self._unsure.pop(alert.key, None)
        return channel_id, ts

    def _pace(self, channel: str) -> None:
        """Slack allows about one message per second per channel: wait our turn."""
        last = self._last_post.get(channel)
        if last is not None:
            wait = self._min_interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)

    def _post_failure(self, alert: Alert, err: SlackApiError) -> DeliveryError:
        status, code = _code(err)
        channel = alert.channel
        if status == 429 or code == "ratelimited":
            return DeliveryError(channel, "rate limited by Slack; the alert stays pending")
        if status >= 500 or code in TRANSIENT_CODES:
            self._unsure[alert.key] = time.time()
            return DeliveryError(channel, f"Slack failed ({code}); the alert stays pending")
        if code in AUTH_CODES:
            return AuthDeliveryError(channel, f"{code}: {AUTH_CODES[code]}")
        if code in CHANNEL_CODES:
            hint = CHANNEL_CODES[code].format(channel=channel, bot=self._bot)
            return ChannelDeliveryError(channel, f"{code}: {hint}")
        if code in MESSAGE_CODES:
            return PermanentDeliveryError(
                channel, f"{code}: {MESSAGE_CODES[code]} (alert {alert.key})"
            )
        return DeliveryError(channel, f"Slack answered {code}; the alert stays pending")

    def _find_earlier(self, alert: Alert) -> tuple[str, str] | None:
        channel_id = self._channel_id(alert.channel)
        if channel_id is None:
            return None  # cannot look; chat.postMessage will say if the channel is wrong
        if channel_id not in self._checked:
            self._scan(alert.channel, channel_id, time.time() - RECONCILE_LOOKBACK_S)
        elif alert.key in self._unsure:
            self._scan(alert.channel, channel_id, self._unsure[alert.key] - CLOCK_SKEW_S)
        ts = self._posted.get(channel_id, {}).get(alert.key)
        return (channel_id, ts) if ts else None

    def _channel_id(self, channel: str) -> str | None:
        if _CHANNEL_ID.match(channel):
            return channel
        name = channel.lstrip("#")
        if name not in self._ids and not self._listed:
            self._list_channels(channel)
        return self._ids.get(name)

    def _list_channels(self, where: str) -> None:
        for page in self._pages(
            where,
            LIST_PAGES,
            self._read.conversations_list,
            types="public_channel,private_channel",
            exclude_archived=True,
            limit=1000,
        ):
            for ch in page.get("channels") or []:
                self._ids.setdefault(str(ch.get("name")), str(ch.get("id")))
        self._listed = True

    def _scan(self, where: str, channel_id: str, since: float) -> None:
        """Learn which alert keys are already in the channel, from their metadata."""
        found = self._posted.setdefault(channel_id, {})
        for page in self._pages(
            where,
            HISTORY_PAGES,
            self._read.conversations_history,
            channel=channel_id,
            oldest=f"{max(since, 0):.6f}",
            include_all_metadata=True,
            limit=HISTORY_PAGE_SIZE,
        ):
            for msg in page.get("messages") or []:
                meta = msg.get("metadata") or {}
                key = (meta.get("event_payload") or {}).get("alert_key")
                if meta.get("event_type") == METADATA_EVENT_TYPE and key and msg.get("ts"):
                    found[str(key)] = str(msg["ts"])
        self._checked.add(channel_id)

    def _pages(
        self, where: str, most: int, call: Callable[..., Any], **kwargs: Any
    ) -> Iterator[Any]:
        cursor = None
        for _ in range(most):
            page = self._call_read(where, call, cursor=cursor, **kwargs)
            if page is None:
                return
            yield page
            cursor = ((page.get("response_metadata") or {}).get("next_cursor")) or None
            if not cursor:
                return

    def _call_read(self, where: str, call: Callable[..., Any], **kwargs: Any) -> Any:
        """A read; None when Slack will not let us read (so we go on without the check)."""
        try:
            return call(**kwargs)
        except (SlackApiError, OSError, HTTPException) as e:
            err = _read_error(where, e, WHILE_CHECKING)
            if err is not None:
                raise err from e
            log.warning(
                "cannot read %s to check for earlier posts (%s): posting without the check; "
                "grant channels:read, groups:read, channels:history and groups:history",
                where,
                _code(e)[1] if isinstance(e, SlackApiError) else type(e).__name__,
            )
            return None


def _read_error(where: str, e: Exception, doing: str) -> DeliveryError | None:
    """The error a failed read means, or None when it only means "not allowed to read"."""
    if not isinstance(e, SlackApiError):
        return DeliveryError(where, f"no answer from Slack ({type(e).__name__}) {doing}")
    status, code = _code(e)
    if code in AUTH_CODES and code != "missing_scope":  # a read scope missing: go on unchecked
        return AuthDeliveryError(where, f"{code}: {AUTH_CODES[code]}")
    if status == 429 or status >= 500 or code in TRANSIENT_CODES:
        return DeliveryError(where, f"Slack failed ({code}) {doing}")
    return None
