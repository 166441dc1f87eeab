"""A local stand-in for Slack's Web API, for tests that use the real slack_sdk client.

It answers as Slack does: POST (or GET) `/api/<method>`, form or JSON bodies,
`Authorization: Bearer <token>`, HTTP 200 with `{"ok": false, "error": ...}` for
API errors, HTTP 429 with `Retry-After` when rate limited. Faults are injected
per method with `fail_next`; a reset "after receive" processes the request (the
message is stored) and then drops the connection without answering, the case
where a blind retry posts twice.

    with SlackStandIn() as slack:
        sender = SlackSender(slack.token, base_url=slack.base_url, min_interval_s=0)
        slack.fail_next("chat.postMessage", status=503)
        ...
        assert [m.channel_name for m in slack.messages] == ["vendor-risk"]
"""

from __future__ import annotations

import itertools
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

DEFAULT_TOKEN = "xoxb-1111-2222-standinsecrettoken"


@dataclass
class Fault:
    error: str | None = None
    status: int | None = None
    retry_after: int | None = None
    reset_after_receive: bool = False
    times: int = 1


@dataclass
class Channel:
    id: str
    name: str
    is_member: bool = True
    is_archived: bool = False
    is_private: bool = False


@dataclass
class Message:
    """A message Slack accepted, with its payload already parsed."""

    channel: str  # id
    channel_name: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    reply_broadcast: bool = False
    metadata: dict[str, Any] | None = None
    unfurl_links: Any = None
    unfurl_media: Any = None
    edits: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Request:
    method: str
    params: dict[str, Any]
    authorized: bool
    http_status: int = 200
    error: str | None = None


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _json_field(value: Any) -> Any:
    """Form bodies carry blocks and metadata as JSON strings; JSON bodies as values."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class SlackStandIn:
    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        channels: dict[str, str] | None = None,
        accept_any_channel: bool = True,
        team: str = "Newsbot Test Team",
        bot_name: str = "newsbot",
    ) -> None:
        self.token = token
        self.team, self.bot_name = team, bot_name
        self.accept_any_channel = accept_any_channel
        self.messages: list[Message] = []
        self.requests: list[Request] = []
        self._channels: dict[str, Channel] = {}
        self._faults: dict[str, list[Fault]] = {}
        self._ids = itertools.count(1)
        self._clock = itertools.count(1)
        self._lock = threading.RLock()
        for name, cid in (channels or {}).items():
            self.add_channel(name, id=cid)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = False  # server_close() joins them: no stray threads
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> SlackStandIn:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/api/"

    # -- configuration -----------------------------------------------------
    def add_channel(
        self, name: str, *, id: str | None = None, member: bool = True, archived: bool = False
    ) -> Channel:
        name = name.lstrip("#")
        with self._lock:
            ch = Channel(id or f"C{next(self._ids):08d}", name, member, archived)
            self._channels[name] = ch
            return ch

    def fail_next(
        self,
        method: str,
        *,
        error: str | None = None,
        status: int | None = None,
        retry_after: int | None = None,
        reset_after_receive: bool = False,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` fail this way (faults queue in order).

        method "*" fails every method's calls, an outage of the whole API.
        """
        if retry_after is not None and status is None and error is None:
            status = 429
        fault = Fault(error, status, retry_after, reset_after_receive, times)
        with self._lock:
            self._faults.setdefault(method, []).append(fault)

    def revoke_token(self) -> None:
        with self._lock:
            self.token = "revoked-" + self.token

    def calls(self, method: str) -> list[Request]:
        return [r for r in self.requests if r.method == method]

    # -- the API -----------------------------------------------------------
    def _take_fault(self, method: str) -> Fault | None:
        """The method's own faults first, then those queued for every method ("*")."""
        with self._lock:
            queue = self._faults.get(method) or self._faults.get("*") or []
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    def _channel(self, ref: str) -> Channel | None:
        with self._lock:
            for ch in self._channels.values():
                if ch.id == ref:
                    return ch
            name = ref.lstrip("#")
            if name in self._channels:
                return self._channels[name]
            if self.accept_any_channel and ref.startswith("#"):
                return self.add_channel(name)
            return None

    def _next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._clock):06d}"

    def handle(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "team": self.team, "user": self.bot_name, "bot_id": "B0STANDIN"}
        if method == "chat.postMessage":
            return self._post(p)
        if method == "chat.update":
            return self._update(p)
        if method == "conversations.history":
            return self._history(p, replies=False)
        if method == "conversations.replies":
            return self._history(p, replies=True)
        if method == "conversations.list":
            chans = [
                {"id": c.id, "name": c.name, "is_member": c.is_member, "is_archived": c.is_archived}
                for c in self._channels.values()
            ]
            return {"ok": True, "channels": chans, "response_metadata": {"next_cursor": ""}}
        return {"ok": False, "error": "unknown_method"}

    def _post(self, p: dict[str, Any]) -> dict[str, Any]:
        ch = self._channel(str(p.get("channel", "")))
        if ch is None:
            return {"ok": False, "error": "channel_not_found"}
        if ch.is_archived:
            return {"ok": False, "error": "is_archived"}
        if not ch.is_member:
            return {"ok": False, "error": "not_in_channel"}
        blocks = _json_field(p.get("blocks")) or []
        text = str(p.get("text", ""))
        if not text and not blocks:
            return {"ok": False, "error": "no_text"}
        meta = _json_field(p.get("metadata"))
        msg = Message(
            channel=ch.id,
            channel_name=ch.name,
            ts=self._next_ts(),
            text=text,
            blocks=blocks,
            thread_ts=p.get("thread_ts") or None,
            reply_broadcast=_truthy(p.get("reply_broadcast")),
            metadata=meta if isinstance(meta, dict) else None,
            unfurl_links=p.get("unfurl_links"),
            unfurl_media=p.get("unfurl_media"),
        )
        with self._lock:
            self.messages.append(msg)
        return {"ok": True, "channel": ch.id, "ts": msg.ts, "message": self._public(msg, True)}

    def _update(self, p: dict[str, Any]) -> dict[str, Any]:
        ch = self._channel(str(p.get("channel", "")))
        for msg in self.messages:
            if ch is not None and msg.channel == ch.id and msg.ts == p.get("ts"):
                msg.edits.append({"text": msg.text, "blocks": msg.blocks})
                msg.text = str(p.get("text", msg.text))
                msg.blocks = _json_field(p.get("blocks")) or msg.blocks
                return {"ok": True, "channel": msg.channel, "ts": msg.ts, "text": msg.text}
        return {"ok": False, "error": "message_not_found" if ch else "channel_not_found"}

    def _history(self, p: dict[str, Any], *, replies: bool) -> dict[str, Any]:
        ref = str(p.get("channel", ""))
        ch = None if ref.startswith("#") else self._channel(ref)  # history takes ids only
        if ch is None:
            return {"ok": False, "error": "channel_not_found"}
        if not ch.is_member:
            return {"ok": False, "error": "not_in_channel"}
        oldest = float(p.get("oldest") or 0)
        meta = _truthy(p.get("include_all_metadata"))
        found = [m for m in self.messages if m.channel == ch.id and float(m.ts) > oldest]
        if replies:
            root = p.get("ts")
            found = [m for m in found if m.ts == root or m.thread_ts == root]
        else:
            found = [m for m in found if m.thread_ts is None or m.reply_broadcast]
            found.reverse()  # newest first, as Slack returns history
        limit = int(p.get("limit") or 100)
        return {
            "ok": True,
            "messages": [self._public(m, meta) for m in found[:limit]],
            "has_more": len(found) > limit,
            "response_metadata": {"next_cursor": ""},
        }

    @staticmethod
    def _public(m: Message, with_metadata: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "message", "subtype": "bot_message", "text": m.text}
        out.update({"ts": m.ts, "bot_id": "B0STANDIN", "blocks": m.blocks})
        if m.thread_ts:
            out["thread_ts"] = m.thread_ts
        if with_metadata and m.metadata:
            out["metadata"] = m.metadata
        return out

    # -- HTTP --------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 10

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def _params(self) -> dict[str, Any]:
                url = urlsplit(self.path)
                params: dict[str, Any] = dict(parse_qsl(url.query))
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if "json" in (self.headers.get("Content-Type") or ""):
                    params.update(json.loads(body or b"{}"))
                elif body:
                    params.update(parse_qsl(body.decode("utf-8")))
                return params

            def _serve(self) -> None:
                method = urlsplit(self.path).path.rsplit("/", 1)[-1]
                params = self._params()
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ") if auth else params.pop("token", "")
                params.pop("token", None)
                authorized = token == stand_in.token
                record = Request(method, params, authorized)
                with stand_in._lock:
                    stand_in.requests.append(record)
                fault = stand_in._take_fault(method)
                if fault and fault.reset_after_receive:
                    if authorized:
                        stand_in.handle(method, params)
                    self._reset()
                    record.error = "connection_reset"
                    return
                if fault and fault.status:
                    record.http_status = fault.status
                    extra = {"Retry-After": str(fault.retry_after or 1)}
                    err = fault.error or ("ratelimited" if fault.status == 429 else "fatal_error")
                    self._reply(fault.status, {"ok": False, "error": err}, extra)
                    return
                if fault and fault.error:
                    answer: dict[str, Any] = {"ok": False, "error": fault.error}
                elif not token:
                    answer = {"ok": False, "error": "not_authed"}
                elif not authorized:
                    answer = {"ok": False, "error": "invalid_auth"}
                else:
                    answer = stand_in.handle(method, params)
                record.error = answer.get("error")
                self._reply(200, answer, {})

            def _reply(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _reset(self) -> None:
                # SO_LINGER 0: close() sends RST, the client sees "connection reset".
                linger = struct.pack("ii", 1, 0)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self.close_connection = True

        return Handler
