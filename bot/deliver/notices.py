"""Operator notices: a refused channel or token, told to the ops channel once a day.

The log already says it once per run; a person watching Slack rather than
logs needs it there too, but not every few seconds: one notice per
(channel, error code, UTC day), decided by the store (`claim_notice`), so
replicas do not each post it. A notice that fails is logged and not
retried until the next day: the ops channel failing never loops, and a
failure of the ops channel never becomes a notice itself.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from typing import Protocol

from bot.deliver.format_thread import notice_text
from bot.errors import DeliveryError
from bot.storage.base import Store

log = logging.getLogger("newsbot.deliver")

EVERY_CHANNEL = "every channel"


class Notifier(Protocol):
    def notify(self, channel: str, text: str) -> None: ...


def notice_key(where: str, reason: str, day: str) -> str:
    code = reason.split(":", 1)[0].strip()
    material = f"{where.casefold()}\x1f{code}\x1f{day}".encode()
    return f"notice:{hashlib.sha256(material).hexdigest()[:32]}"


def tell_operator(
    store: Store, sender: Notifier, problems: dict[str, str], ops_channel: str, now: datetime
) -> int:
    """Posts each new (where, error) of today to ops_channel; returns how many were posted."""
    if not ops_channel:
        return 0
    posted = 0
    ops = ops_channel.lstrip("#").casefold()
    for where, reason in problems.items():
        if where.lstrip("#").casefold() == ops:
            continue  # the ops channel itself refuses: only the log can say so
        if not store.claim_notice(notice_key(where, reason, now.date().isoformat()), now):
            continue
        then = (
            "Nothing is posted until the token is fixed; alerts stay pending."
            if where == EVERY_CHANNEL
            else "Its alerts are kept as failed; fix it, then run `newsbot alerts --retry`."
        )
        try:
            sender.notify(ops_channel, notice_text(where, reason, then))
        except DeliveryError as e:
            log.warning(
                "could not tell %s that %s refuses (%s): %s", ops_channel, where, reason, e.reason
            )
            return posted  # one failure is enough: the next is as likely to fail
        posted += 1
    return posted
