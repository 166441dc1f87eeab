"""What is already in Slack, read back from message metadata: the reconciliation half.

Every message newsbot posts carries `{"event_type": "newsbot_alert",
"event_payload": {"alert_key": KEY}}` (a reply's KEY is its follow-up key).
Before a post that may already have happened, the channel's history (for
alerts) or the thread (for replies, which history omits unless broadcast) is
read and a KEY found there is answered with that message's ts instead of a
second post. Reads are idempotent, so their client retries connection
errors, 429 and 5xx; when the bot may not read (scopes missing) it says so
once and posting goes on unchecked.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from http.client import HTTPException
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deliver.slack_errors import error_code, read_error

log = logging.getLogger("newsbot.deliver")

METADATA_EVENT_TYPE = "newsbot_alert"
# How far back the first check of a channel looks: covers a worker that crashed
# after posting and stayed down for up to a week.
RECONCILE_LOOKBACK_S = 7 * 24 * 3600
# conversations.history: Slack advises pages of at most 200 (maximum 999); Tier 3,
# 50+ calls a minute. Five pages read at most 1,000 messages per check.
HISTORY_PAGE_SIZE, HISTORY_PAGES = 200, 5
LIST_PAGES = 10  # conversations.list pages (1,000 channels each) to resolve "#name" to an id
WHILE_CHECKING = "while checking the channel for an earlier post; it stays pending"
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")


def metadata(key: str) -> dict[str, Any]:
    return {"event_type": METADATA_EVENT_TYPE, "event_payload": {"alert_key": key}}


class Ledger:
    """Channel ids by name, and the keys seen in each channel and thread."""

    def __init__(self, read: WebClient) -> None:
        self._read = read
        self._ids: dict[str, str] = {}  # channel name -> id
        self._listed = False
        self.checked: set[str] = set()  # channel ids whose history was read (or cannot be)
        self._threads: set[tuple[str, str]] = set()  # (channel id, ts) threads read
        self._posted: dict[str, dict[str, str]] = {}  # channel id -> key -> ts

    def remember(self, name: str, channel_id: str, key: str, ts: str) -> None:
        self._ids[name.lstrip("#")] = channel_id
        self._posted.setdefault(channel_id, {})[key] = ts

    def known(self, channel_id: str, key: str) -> str | None:
        return self._posted.get(channel_id, {}).get(key)

    def channel_id(self, channel: str) -> str | None:
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

    def scan_channel(self, where: str, channel_id: str, since: float) -> None:
        """Learn which keys are already in the channel (top level and broadcasts)."""
        self._collect(
            where,
            channel_id,
            self._read.conversations_history,
            channel=channel_id,
            oldest=f"{max(since, 0):.6f}",
        )
        self.checked.add(channel_id)

    def scan_thread(self, where: str, channel_id: str, thread_ts: str) -> None:
        """Learn which keys are already replies in this thread."""
        self._collect(
            where, channel_id, self._read.conversations_replies, channel=channel_id, ts=thread_ts
        )
        self._threads.add((channel_id, thread_ts))

    def thread_read(self, channel_id: str, thread_ts: str) -> bool:
        return (channel_id, thread_ts) in self._threads

    def _collect(self, where: str, channel_id: str, call: Callable[..., Any], **kw: Any) -> None:
        found = self._posted.setdefault(channel_id, {})
        for page in self._pages(
            where, HISTORY_PAGES, call, include_all_metadata=True, limit=HISTORY_PAGE_SIZE, **kw
        ):
            for msg in page.get("messages") or []:
                meta = msg.get("metadata") or {}
                key = (meta.get("event_payload") or {}).get("alert_key")
                if meta.get("event_type") == METADATA_EVENT_TYPE and key and msg.get("ts"):
                    found[str(key)] = str(msg["ts"])

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
            err = read_error(where, e, WHILE_CHECKING)
            if err is not None:
                raise err from e
            log.warning(
                "cannot read %s to check for earlier posts (%s): posting without the check; "
                "grant channels:read, groups:read, channels:history and groups:history",
                where,
                error_code(e)[1] if isinstance(e, SlackApiError) else type(e).__name__,
            )
            return None


def since_lookback() -> float:
    return time.time() - RECONCILE_LOOKBACK_S
