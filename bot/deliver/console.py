"""Alerts printed to a terminal: the sender used when SLACK_BOT_TOKEN is unset."""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from bot.deliver.format import render_plain
from bot.deliver.format_digest import digest_plain
from bot.deliver.format_thread import followup_plain
from bot.models import Alert
from bot.storage.base import Followup


class ConsoleSender:
    """Same methods as SlackSender, so the outbox marks printed alerts and replies as sent."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._seq = itertools.count(1)

    def _write(self, text: str) -> None:
        stream = self._stream or sys.stdout  # looked up late so pytest's capsys sees it
        stream.write(text)
        stream.flush()

    def _ts(self) -> str:
        # Shaped like a Slack ts (seconds.sequence) so code reading it needs no special case.
        return f"{int(time.time())}.{next(self._seq):06d}"

    def post(
        self, alert: Alert, *, sources: int = 1, maybe_posted: bool = False
    ) -> tuple[str, str]:
        self._write(render_plain(alert, sources=sources) + "\n")
        return "console", self._ts()

    def post_digest(
        self, key: str, channel: str, alerts: Sequence[Alert], *, part: int = 1, parts: int = 1,
        maybe_posted: bool = False,
    ) -> tuple[str, str]:  # fmt: skip
        self._write(digest_plain(alerts, part=part, parts=parts) + "\n")
        return "console", self._ts()

    def reply(self, followup: Followup, *, maybe_posted: bool = False) -> str:
        self._write(followup_plain(followup.alert, followup.previous) + "\n")
        return self._ts()

    def update(self, alert: Alert, *, channel_id: str, ts: str, sources: int) -> None:
        """A terminal cannot edit what it printed: the replies already said it."""

    def notify(self, channel: str, text: str) -> None:
        self._write(f"notice for {channel}: {text}\n")
