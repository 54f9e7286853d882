"""ASGI middleware around the whole application, error responses included.

FastAPI's own middleware runs inside Starlette's ``ServerErrorMiddleware``, so a header added
there never reaches a 500. These wrap the finished stack instead (``NewsgraphApp``), in this
order from the outside: security headers on every response; HEAD answered as GET without a
body; the ``Host`` header checked against the names this server answers to (a hostile page
re-pointing its own domain at 127.0.0.1, DNS rebinding, gets 421); an optional bearer token.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The pages load scripts and styles from this server only; inline script, inline event
# handlers and other origins are refused by the browser even if markup ever slipped through.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
TOKEN_COOKIE = "newsgraph_token"
TOKEN_PARAM = "token"


async def plain_response(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class SecurityHeaders:
    """``SECURITY_HEADERS`` on every HTTP response, whatever produced it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """HEAD runs the GET route and sends its status and headers without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def host_name(value: str) -> str:
    """``example.org:8000`` → ``example.org``; ``[::1]:8000`` → ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostCheck:
    """421 unless the ``Host`` header names one of ``allowed`` (any port)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = {host_name(h) for h in allowed if h}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            name = host_name(header(scope, b"host") or "")
            if "*" not in self.allowed and name not in self.allowed:
                shown = name[:80] or "(none)"
                await plain_response(
                    send,
                    421,
                    f"this server does not answer to host {shown!r}; start it with "
                    f"--allow-host {shown} if that name is meant to reach it",
                )
                return
        await self.app(scope, receive, send)


class TokenCheck:
    """401 unless the request carries ``token``: ``Authorization: Bearer <token>``, or the
    cookie a browser gets by opening any page once with ``?token=<token>``."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    def _matches(self, offered: str | None) -> bool:
        return offered is not None and hmac.compare_digest(offered.encode(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        auth = header(scope, b"authorization") or ""
        if auth.lower().startswith("bearer ") and self._matches(auth[7:].strip()):
            await self.app(scope, receive, send)
            return
        cookie = SimpleCookie(header(scope, b"cookie") or "")
        if TOKEN_COOKIE in cookie and self._matches(cookie[TOKEN_COOKIE].value):
            await self.app(scope, receive, send)
            return
        params = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        offered = dict(params).get(TOKEN_PARAM)
        if self._matches(offered):  # once from a link: keep it in a cookie, drop it from the URL
            rest = urlencode([(k, v) for k, v in params if k != TOKEN_PARAM])
            location = scope.get("root_path", "") + scope["path"] + (f"?{rest}" if rest else "")
            value = f"{TOKEN_COOKIE}={offered}; HttpOnly; SameSite=Strict; Path=/"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [
                        (b"location", location.encode("latin-1")),
                        (b"set-cookie", value.encode("latin-1")),
                        (b"content-length", b"0"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await plain_response(send, 401, "this server needs its token (Authorization: Bearer …)")


def guarded(
    app: ASGIApp, allowed_hosts: Iterable[str] = LOCAL_HOSTS, token: str | None = None
) -> ASGIApp:
    """``app`` behind the checks above, outermost first as the module docstring lists them."""
    inner: ASGIApp = TokenCheck(app, token) if token else app
    return SecurityHeaders(HeadAsGet(HostCheck(inner, allowed_hosts)))
