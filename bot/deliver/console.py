"""Alerts printed to a terminal: the sender used when SLACK_BOT_TOKEN is unset."""

from __future__ import annotations

import itertools
import sys
import time
from typing import TextIO

from bot.deliver.format import render_plain
from bot.models import Alert


class ConsoleSender:
    """Same `post` as SlackSender, so the outbox marks printed alerts as sent."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._seq = itertools.count(1)

    def post(self, alert: Alert, *, sources: int = 1) -> tuple[str, str]:
        stream = self._stream or sys.stdout  # looked up late so pytest's capsys sees it
        stream.write(render_plain(alert, sources=sources) + "\n")
        stream.flush()
        # Shaped like a Slack ts (seconds.sequence) so code reading it needs no special case.
        return "console", f"{int(time.time())}.{next(self._seq):06d}"
