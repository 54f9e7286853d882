"""Rendered answers kept by address, and conditional requests (ETag, 304).

A read-only DuckDB store cannot change while it is served (no process can write a DuckDB file
that another has open), so a page or an API answer is the same every time its address is asked
for: ``CachedResponses`` keeps the finished bytes of each successful GET by path and query
string, in a least-recently-used store bounded in bytes (``ResponseCache``), and answers the
next request for that address from it. Every complete 200 answer, kept or not (on PostgreSQL
nothing is kept: others may write while it is served), carries a strong ``ETag`` (a hash of
its body) and ``Cache-Control: private, no-cache``, so a browser asks again each time and gets
``304 Not Modified`` without the body when it already has it.

Not kept: errors and anything but 200, streamed answers (the CSV/JSON downloads), answers that
set a cookie or bring their own ``ETag`` (static files), answers bigger than an eighth of the
store. The middleware sits inside the Host and token checks (``guard``), so only a request
that passed them is ever answered from the cache; the security headers are added outside it,
to cached answers as to fresh ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from .guard import ASGIApp, Message, Receive, Scope, Send, header

DEFAULT_CACHE_MB = 64
CACHE_CONTROL = (b"cache-control", b"private, no-cache")
# Entries' bookkeeping beside their bytes (key, headers, list links), roughly
_ENTRY_OVERHEAD = 512


@dataclass(frozen=True)
class CachedAnswer:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + _ENTRY_OVERHEAD


class ResponseCache:
    """Answers by key, the least recently used dropped first once ``max_bytes`` is reached.

    With ``shared``, a folder that the server's worker processes share (``SharedFolder``),
    an answer one process rendered is found there by the others instead of rendered again.
    """

    def __init__(self, max_bytes: int, shared: SharedFolder | None = None) -> None:
        self.max_bytes = max_bytes
        self.shared = shared
        self.used = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[str, CachedAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every answer kept in this process (those in a shared folder stay)."""
        with self._lock:
            self._entries.clear()
            self.used = 0

    def get(self, key: str) -> CachedAnswer | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return entry
        entry = self.shared.read(key) if self.shared is not None else None
        if entry is None:
            self.misses += 1
            return None
        self._keep(key, entry)
        self.hits += 1
        return entry

    def put(self, key: str, entry: CachedAnswer) -> None:
        if entry.size > self.max_bytes // 8:
            return  # one huge answer would push out hundreds of pages
        if self.shared is not None:
            self.shared.write(key, entry)
        self._keep(key, entry)

    def _keep(self, key: str, entry: CachedAnswer) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.used -= old.size
            self._entries[key] = entry
            self.used += entry.size
            while self.used > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.used -= dropped.size


class SharedFolder:
    """Answers as files in a private folder (0700) that several processes read and write: one
    file per key, written whole under a temporary name and renamed, so a reader sees all of
    it or nothing. Kept to about ``max_bytes``: every so many writes the oldest files go."""

    SWEEP_EVERY = 32

    def __init__(self, folder: str | Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._writes = 0

    def _path(self, key: str) -> Path:
        return self.folder / hashlib.blake2b(key.encode(), digest_size=16).hexdigest()

    def read(self, key: str) -> CachedAnswer | None:
        try:
            data = self._path(key).read_bytes()
            size = int.from_bytes(data[:4], "big")
            meta = json.loads(data[4 : 4 + size])
        except (OSError, ValueError):
            return None  # not there, or swept away meanwhile
        if meta["key"] != key:
            return None
        headers = tuple((k.encode("latin-1"), v.encode("latin-1")) for k, v in meta["headers"])
        return CachedAnswer(meta["status"], headers, data[4 + size :], meta["etag"].encode())

    def write(self, key: str, entry: CachedAnswer) -> None:
        meta = json.dumps(
            {
                "key": key,
                "status": entry.status,
                "etag": entry.etag.decode(),
                "headers": [(k.decode("latin-1"), v.decode("latin-1")) for k, v in entry.headers],
            }
        ).encode()
        path = self._path(key)
        part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            part.write_bytes(len(meta).to_bytes(4, "big") + meta + entry.body)
            os.replace(part, path)
        except OSError:
            part.unlink(missing_ok=True)
            return
        self._writes += 1
        if self._writes % self.SWEEP_EVERY == 0:
            self.sweep()

    def sweep(self) -> None:
        """Delete the oldest files until the folder holds at most three quarters of its
        budget, if it holds more than all of it."""
        files = []
        for item in os.scandir(self.folder):
            try:
                stat = item.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, item.path))
        used = sum(size for _, size, _ in files)
        if used <= self.max_bytes:
            return
        for _, size, path in sorted(files):
            Path(path).unlink(missing_ok=True)
            used -= size
            if used <= self.max_bytes * 3 // 4:
                return


def etag_of(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def matches(if_none_match: str | None, etag: bytes) -> bool:
    """Whether the client's ``If-None-Match`` names ``etag`` (weak or strong, or ``*``)."""
    if not if_none_match:
        return False
    wanted = etag.decode()
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


def with_etag(headers: list[tuple[bytes, bytes]], etag: bytes) -> tuple[tuple[bytes, bytes], ...]:
    kept = [(k, v) for k, v in headers if k.lower() not in (b"etag", b"cache-control")]
    return (*kept, (b"etag", etag), CACHE_CONTROL)


def keepable(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    names = {k.lower() for k, _ in headers}
    return status == 200 and b"set-cookie" not in names and b"etag" not in names


async def send_answer(send: Send, entry: CachedAnswer, if_none_match: str | None) -> None:
    if matches(if_none_match, entry.etag):
        kept = [(k, v) for k, v in entry.headers if k.lower() in (b"etag", b"cache-control")]
        await send({"type": "http.response.start", "status": 304, "headers": kept})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": entry.status, "headers": entry.headers})
    await send({"type": "http.response.body", "body": entry.body})


class CachedResponses:
    """ETag and 304 on every complete 200 GET answer; with ``cache``, answers kept by address."""

    def __init__(self, app: ASGIApp, cache: ResponseCache | None) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        key = f"{scope.get('root_path', '')}{scope['path']}?{query}"
        if_none_match = header(scope, b"if-none-match")
        if self.cache is not None:
            entry = self.cache.get(key)
            if entry is not None:
                await send_answer(send, entry, if_none_match)
                return
        held: Message | None = None  # the response's start, until its body shows what it is
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal held, passing
            if passing:
                await send(message)
            elif message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if keepable(message["status"], headers):
                    held = message
                else:
                    passing = True
                    await send(message)
            elif message["type"] == "http.response.body" and held is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):  # streamed: sent on as it comes, not kept
                    passing = True
                    await send(held)
                    for chunk in chunks:
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                    return
                body = b"".join(chunks)
                etag = etag_of(body)
                entry = CachedAnswer(held["status"], with_etag(held["headers"], etag), body, etag)
                if self.cache is not None:
                    self.cache.put(key, entry)
                await send_answer(send, entry, if_none_match)
            else:
                await send(message)

        await self.app(scope, receive, capture)
