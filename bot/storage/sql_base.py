"""What the shared SQL needs from a backend: transactions and timestamp conversion.

Split from sql.py so the recording side (sql.py) and the delivery side
(sql_outbox.py) each stay one job, over the same primitives.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from bot.models import Alert
from bot.storage.base import AlertRecord

T = TypeVar("T")

RECORD_COLUMNS = (
    "json, state, attempts, last_error, created_at, sent_at, slack_channel, slack_ts, sources, "
    "claims, shown_sources"
)


class Tx(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


def utc(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime {dt.isoformat()}: pass a timezone-aware one (UTC)")
    return dt.astimezone(UTC)


def dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def placeholders(n: int) -> str:
    return ", ".join(["?"] * n)


class SqlBase(ABC):
    timestamp_type: str
    # Non-empty: claims lock rows with FOR UPDATE SKIP LOCKED (PostgreSQL), so
    # replicas skip what another is claiming; SQLite needs none (BEGIN
    # IMMEDIATE already serialises writers).
    skip_locked: str = ""

    @abstractmethod
    def _run(self, fn: Callable[[Tx], T], *, write: bool = True) -> T:
        """Runs fn in one transaction (committed if it returns) under the store's lock."""

    @abstractmethod
    def _to_db(self, dt: datetime) -> Any: ...

    @abstractmethod
    def _from_db(self, value: Any) -> datetime: ...

    def _opt_dt(self, value: Any) -> datetime | None:
        return None if value is None else self._from_db(value)

    def _alert_record(self, row: tuple[Any, ...]) -> AlertRecord:
        data, state, attempts, last_error, created, sent, channel, ts, sources, claims, shown = row
        return AlertRecord(
            alert=Alert.from_dict(json.loads(data)),
            state=state,
            attempts=attempts,
            last_error=last_error,
            created_at=self._from_db(created),
            sent_at=self._opt_dt(sent),
            slack_channel=channel,
            slack_ts=ts,
            sources=sources,
            claims=claims,
            shown_sources=shown,
        )
