"""Refuse loopback and private addresses where the connection is made.

A feed URL is user input, and so is every redirect it answers with. Checking
the URL's host before the request is not enough: DNS can answer differently
a moment later (rebinding), and numeric forms such as `http://2130706433/` or
`http://0x7f.1/` are loopback to the C resolver. So the check lives in the
httpcore network backend: it resolves the host once, checks *every* address,
and connects to the address it checked. Redirects open new connections, so
every hop goes through it too.

The same backend enforces the fetch's total deadline: httpx's read timeout is
per read, so a server dripping a byte a second would never be cut off.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import ssl
import time
import typing
from collections.abc import Callable, Collection, Iterator
from contextvars import ContextVar

import httpcore
import httpx

from bot.errors import BlockedAddressError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> addresses as strings; tests swap in a table.
Resolver = Callable[[str, int], list[str]]

ALLOW_PRIVATE_HINT = "set NEWSBOT_ALLOW_PRIVATE_NETWORKS=1 if this is an intranet feed"

# Monotonic time after which reads, writes and connects fail; set by fetch.
_deadline: ContextVar[float | None] = ContextVar("newsbot_fetch_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every network operation inside the block shares one total time budget."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _remaining(timeout: float | None) -> float | None:
    """The smaller of the per-operation timeout and what is left of the deadline."""
    end = _deadline.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("total deadline exceeded")
    return left if timeout is None else min(timeout, left)


def parse_numeric_host(host: str) -> IPAddress | None:
    """The address a host literal stands for, in any form inet_aton accepts.

    `2130706433`, `0x7f.1`, `0177.0.0.1` and `127.1` all mean 127.0.0.1 to the
    C library; `[::ffff:127.0.0.1]` is IPv6 with brackets. None for names.
    """
    host = host.strip().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values: list[int] = []
    for part in parts:
        try:
            if part.lower().startswith("0x"):
                values.append(int(part[2:], 16))
            elif len(part) > 1 and part.startswith("0"):
                values.append(int(part, 8))
            else:
                values.append(int(part, 10) if part.isdigit() else -1)
        except ValueError:
            return None
    if any(v < 0 for v in values):
        return None
    # The last part fills all the bytes the earlier ones did not (inet_aton(3)).
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for i, v in enumerate(head):
        number |= v << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def address_problem(address: IPAddress) -> str:
    """'' for a public address, else what kind of non-public address it is."""
    if isinstance(address, ipaddress.IPv6Address):
        # IPv6 forms that carry an IPv4 address inside: judge the one they reach.
        # 6to4 (2002::/16) and Teredo count as global to Python 3.11 even when
        # the embedded address is 127.0.0.1.
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is not None:
            problem = address_problem(embedded)
            if problem:
                return problem
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),  # before private: 240.0.0.0/4 is both
        ("private", address.is_private),
        # 100.64.0.0/10 (carrier NAT), 2001:db8::/32 and the like: not private, not global.
        ("non-public", not address.is_global),
    )
    return next((label for label, hit in checks if hit), "")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host, numeric forms first."""
    literal = parse_numeric_host(host)
    if literal is not None:
        return [str(literal)]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.SyncBackend):
    """Resolves, checks every address, then connects to a checked address."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        trusted_addresses: Collection[str] = (),
    ) -> None:
        self.allow_private = allow_private
        self.resolver = resolver
        # Exact addresses allowed although not public (tests use 127.0.0.1).
        self.trusted = {ipaddress.ip_address(a) for a in trusted_addresses}

    def checked_addresses(self, host: str, port: int) -> list[str]:
        """The addresses to try, or BlockedAddressError naming the first bad one."""
        try:
            found = self.resolver(host, port)
        except OSError as e:
            raise httpcore.ConnectError(f"cannot resolve {host}: {e}") from e
        if not found:
            raise httpcore.ConnectError(f"cannot resolve {host}: no addresses")
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
        if not self.allow_private:
            for address in addresses:
                problem = address_problem(address)
                if problem and address not in self.trusted:
                    article = "an" if problem[0] in "aeiou" else "a"
                    raise BlockedAddressError(
                        host,
                        f"refused: {host} resolves to {address}, {article} {problem} address; "
                        f"{ALLOW_PRIVATE_HINT}",
                    )
        return found

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self.checked_addresses(host, port):
            try:
                stream = super().connect_tcp(
                    address, port, _remaining(timeout), local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
                continue
            return DeadlineStream(stream)
        assert last is not None
        raise last


class DeadlineStream(httpcore.NetworkStream):
    """Shrinks every read and write timeout to what is left of the deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # server_hostname is the URL's host, so certificates are checked by name
        # even though we connected to a numeric address.
        tls = self.inner.start_tls(ssl_context, server_hostname, _remaining(timeout))
        return DeadlineStream(tls)

    def get_extra_info(self, info: str) -> typing.Any:
        return self.inner.get_extra_info(info)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the guarded backend under its connection pool.

    No proxies (trust_env=False): a proxy would connect on our behalf and the
    address check would see only the proxy. vcrpy patches
    `httpx.HTTPTransport.handle_request`, which this class inherits, so
    cassettes replay through it unchanged.
    """

    def __init__(self, backend: GuardedBackend) -> None:
        super().__init__(trust_env=False)
        self.backend = backend
        # httpx 0.28 has no parameter for the network backend; the pool is the
        # one attribute to replace (test_fetch fails loudly if it moves).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            max_keepalive_connections=5,
            keepalive_expiry=5.0,
            network_backend=backend,
        )
