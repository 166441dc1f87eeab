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
- A thread reply carries its follow-up key the same way; before re-sending a
  reply whose earlier attempt had an unknown outcome (or that a crashed worker
  held: `maybe_posted`) the thread is read with conversations.replies.
- chat.update (the parent's source count) is idempotent and simply repeated.
- Left open: when the history cannot be read (scopes channels:history,
  groups:history, channels:read, groups:read missing, or a stand-in without
  those methods) the sender says so once per channel and posts without the check.

Errors are classified in bot.deliver.slack_errors; each message says what to do.
The token lives only inside the WebClients: never in logs, errors or reprs.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from functools import partial
from http.client import HTTPException
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler, RetryIntervalCalculator
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import (
    BackoffRetryIntervalCalculator,
    FixedValueRetryIntervalCalculator,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.deliver.format import build_message
from bot.deliver.format_digest import build_digest
from bot.deliver.format_thread import build_followup
from bot.deliver.slack_errors import (
    AuthDeliveryError,
    ChannelDeliveryError,
    may_have_posted,
    read_error,
    write_failure,
)
from bot.deliver.slack_ledger import METADATA_EVENT_TYPE, Ledger, metadata, since_lookback
from bot.errors import DeliveryError, PermanentDeliveryError
from bot.models import Alert
from bot.storage.base import Followup

__all__ = [
    "METADATA_EVENT_TYPE",
    "AuthDeliveryError",
    "ChannelDeliveryError",
    "SlackSender",
]
log = logging.getLogger("newsbot.deliver")

CLOCK_SKEW_S = 120  # our clock vs Slack's, when the check starts at an unsure attempt's time
RATE_LIMIT_RETRIES = 3  # a 429 storm longer than this is left to the next delivery run
MAX_RETRY_AFTER_S = 30  # wait in place up to this; a longer Retry-After defers the channel
READ_RETRIES = 2


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
        read_retry_s: float | None = None,
    ) -> None:
        """read_retry_s: a fixed wait between read retries (tests); None keeps
        slack_sdk's exponential back-off with jitter, right against a real outage."""

        def client(*handlers: RetryHandler) -> WebClient:
            return WebClient(
                token=token,
                base_url=base_url,
                timeout=max(1, math.ceil(timeout_s)),
                retry_handlers=list(handlers),
                logger=logging.getLogger("newsbot.deliver.slack_sdk"),
            )

        # Writes (post, reply, update): only a 429 is surely not accepted, so
        # only it is retried here; anything else comes back to the outbox.
        self._post = client(_PatientRateLimitHandler(max_retry_count=RATE_LIMIT_RETRIES))
        interval: RetryIntervalCalculator = (
            BackoffRetryIntervalCalculator()
            if read_retry_s is None
            else FixedValueRetryIntervalCalculator(read_retry_s)
        )
        self._read = client(
            ConnectionErrorRetryHandler(READ_RETRIES, interval_calculator=interval),
            _PatientRateLimitHandler(max_retry_count=RATE_LIMIT_RETRIES),
            ServerErrorRetryHandler(READ_RETRIES, interval_calculator=interval),
        )
        self.base_url = base_url
        self._min_interval, self._clock, self._sleep = min_interval_s, clock, sleep
        self._last_post: dict[str, float] = {}
        self._ledger = Ledger(self._read)
        self._unsure: dict[str, float] = {}  # key -> when an attempt had no answer
        self._bot = "newsbot"

    def __repr__(self) -> str:
        return f"SlackSender(base_url={self.base_url!r})"

    def check_auth(self) -> str:
        """auth.test: "<bot> on <team>", or the error that says how to fix the token."""
        try:
            resp = self._read.auth_test()
        except (SlackApiError, OSError, HTTPException) as e:
            err = read_error("Slack", e, "while checking the token")
            raise err or DeliveryError("Slack", f"auth.test failed: {e}") from e
        self._bot = str(resp.get("user") or self._bot)
        return f"{self._bot} on {resp.get('team') or 'unknown workspace'}"

    def post(
        self, alert: Alert, *, sources: int = 1, maybe_posted: bool = False
    ) -> tuple[str, str]:
        """(channel id, ts) of the alert's message, posting it unless it is already there.

        maybe_posted: an earlier attempt, here or in a worker that died, may
        have reached Slack: read the channel before posting.
        """
        build = partial(build_message, alert, sources=sources)
        return self._post_once(alert.channel, alert.key, "alert", build, maybe_posted)

    def post_digest(
        self, key: str, channel: str, alerts: Sequence[Alert], *, part: int = 1, parts: int = 1,
        maybe_posted: bool = False,
    ) -> tuple[str, str]:  # fmt: skip
        """(channel id, ts) of one digest message, keyed like an alert (see post)."""
        build = partial(build_digest, alerts, part=part, parts=parts)
        return self._post_once(channel, key, "digest", build, maybe_posted)

    def _post_once(
        self,
        channel: str,
        key: str,
        kind: str,
        build: Callable[[], tuple[str, list[dict[str, Any]]]],
        maybe_posted: bool,
    ) -> tuple[str, str]:
        what = f"{kind} {key}"
        earlier = self._find_earlier(channel, key, maybe_posted)
        if earlier is not None:
            log.info("%s is already in %s (ts %s): not posting again", what, channel, earlier[1])
            return earlier
        text, blocks = build()
        resp = self._write(channel, key, what, text, blocks)
        channel_id, ts = str(resp["channel"]), str(resp["ts"])
        self._ledger.remember(channel, channel_id, key, ts)
        return channel_id, ts

    def reply(self, followup: Followup, *, maybe_posted: bool = False) -> str:
        """The ts of the follow-up's reply in its parent's thread, posting it unless it is there."""
        channel_id, thread = followup.thread_channel, followup.thread_ts
        where = followup.alert.channel
        if maybe_posted or followup.key in self._unsure:
            if not self._ledger.thread_read(channel_id, thread) or followup.key in self._unsure:
                self._ledger.scan_thread(where, channel_id, thread)
            earlier = self._ledger.known(channel_id, followup.key)
            if earlier is not None:
                self._unsure.pop(followup.key, None)
                log.info("reply %s is already in the thread: not posting again", followup.key)
                return earlier
        text, blocks = build_followup(followup.alert, followup.previous)
        resp = self._write(
            channel_id,
            followup.key,
            f"follow-up {followup.key}",
            text,
            blocks,
            where=where,
            thread_ts=thread,
            reply_broadcast=followup.broadcast,
        )
        ts = str(resp["ts"])
        self._ledger.remember(where, channel_id, followup.key, ts)
        return ts

    def update(self, alert: Alert, *, channel_id: str, ts: str, sources: int) -> None:
        """Rewrites the parent message with the current source count (idempotent)."""
        text, blocks = build_message(alert, sources=sources)
        try:
            self._post.chat_update(
                channel=channel_id, ts=ts, text=text, blocks=blocks, metadata=metadata(alert.key)
            )
        except SlackApiError as e:
            raise write_failure(alert.channel, e, bot=self._bot, what=f"alert {alert.key}") from e
        except (OSError, HTTPException) as e:
            raise DeliveryError(alert.channel, f"no answer from Slack ({type(e).__name__})") from e

    def notify(self, channel: str, text: str) -> None:
        """A plain operator notice; its failures are the caller's to swallow."""
        self._write(channel, "", "operator notice", text, None, unsure=False)

    def _write(
        self,
        channel: str,
        key: str,
        what: str,
        text: str,
        blocks: list[dict[str, Any]] | None,
        *,
        where: str = "",
        unsure: bool = True,
        **extra: Any,
    ) -> Any:
        where = where or channel
        self._pace(where)
        try:
            return self._post.chat_postMessage(
                channel=channel,
                text=text,
                blocks=blocks,
                unfurl_links=False,
                unfurl_media=False,
                metadata=metadata(key) if key else None,
                **extra,
            )
        except SlackApiError as e:
            err = write_failure(where, e, bot=self._bot, what=what)
            if unsure and may_have_posted(e):
                self._unsure[key] = time.time()
            raise err from e
        except (OSError, HTTPException) as e:  # reset, timeout, refused: it may have arrived
            if unsure:
                self._unsure[key] = time.time()
            raise DeliveryError(
                where,
                f"no answer from Slack ({type(e).__name__}); it stays pending and Slack is "
                "checked before it is posted again",
            ) from e
        finally:
            self._last_post[where] = self._clock()

    def _pace(self, channel: str) -> None:
        """Slack allows about one message per second per channel: wait our turn."""
        last = self._last_post.get(channel)
        if last is not None:
            wait = self._min_interval - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)

    def _find_earlier(self, channel: str, key: str, maybe_posted: bool) -> tuple[str, str] | None:
        ledger = self._ledger
        unsure = maybe_posted or key in self._unsure
        try:
            channel_id = ledger.channel_id(channel)
            if channel_id is None:
                return None  # cannot look; chat.postMessage will say if the channel is wrong
            if channel_id not in ledger.checked:
                ledger.scan_channel(channel, channel_id, since_lookback())
            elif key in self._unsure:
                since = self._unsure[key] - CLOCK_SKEW_S
                ledger.scan_channel(channel, channel_id, since)
            elif maybe_posted:
                ledger.scan_channel(channel, channel_id, since_lookback())
        except DeliveryError as e:
            if unsure or isinstance(e, PermanentDeliveryError):
                raise  # it may be there already: wait until we can look
            # A routine first look, not a resend: a read outage (or an API
            # stand-in answering 5xx to these methods) must not hold every alert
            # back; the post itself says whether Slack is really down.
            log.warning("%s; posting without the check", e)
            return None
        self._unsure.pop(key, None)
        ts = ledger.known(channel_id, key)
        return (channel_id, ts) if ts else None
