"""Every error newsbot raises on purpose, and what the operator should do.

    NewsbotError
    ├── ConfigError            newsbot.yaml or a watchlist is wrong (carries FILE:LINE)
    ├── FetchError             a feed could not be fetched (carries the URL)
    │   └── BlockedAddressError   the feed resolves to a loopback/private address
    ├── ParseError             a feed's bytes are not a feed we can read
    ├── StoreError             the database cannot be reached or used
    └── DeliveryError          Slack refused or could not be reached
        └── PermanentDeliveryError  retrying will not help until someone acts

Library exceptions are wrapped with `raise ... from e` so the cause survives in
logs. Each message says what happened, where, and what to do.
"""

from __future__ import annotations


class NewsbotError(Exception):
    """Base of the tree."""


class ConfigError(NewsbotError):
    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


class FetchError(NewsbotError):
    def __init__(self, url: str, reason: str, *, retry_after: float | None = None) -> None:
        self.url, self.reason, self.retry_after = url, reason, retry_after
        super().__init__(f"{url}: {reason}")


class BlockedAddressError(FetchError):
    """Refused before connecting; set NEWSBOT_ALLOW_PRIVATE_NETWORKS=1 for intranet feeds."""


class ParseError(NewsbotError):
    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(f"{url}: {reason}")


class StoreError(NewsbotError):
    pass


class DeliveryError(NewsbotError):
    def __init__(self, channel: str, reason: str) -> None:
        self.channel, self.reason = channel, reason
        super().__init__(f"{channel}: {reason}")


class PermanentDeliveryError(DeliveryError):
    pass
