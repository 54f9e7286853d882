"""Locations of a cluster run given as URIs: ``s3://bucket/prefix``, ``file:///path``, or any
other filesystem ``pyarrow.fs`` understands (``gs://``, ``abfs://``, ``hdfs://``).

The driver lists a URI's files (names only); each worker reads its files' bytes through the
filesystem on its own node and parses them with newsgraph's readers, exactly as it would a
local file. Credentials come from each node's standard environment (``AWS_ACCESS_KEY_ID``,
``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``, an instance role ...), never from here. The S3
endpoint of an S3-compatible store (MinIO, Ceph, moto) is ``Storage.s3_endpoint``: the
driver resolves it once (``--endpoint-url``, else ``AWS_ENDPOINT_URL_S3`` or
``AWS_ENDPOINT_URL``) and hands it to every worker, so remote nodes need not set it.

A mistake of the user (no such bucket, access denied, an endpoint that does not answer) is a
``StorageError`` with one line that says which and what to check.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pyarrow as pa
import pyarrow.fs as pafs

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
ENDPOINT_ENV = ("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")
# stores whose first path part is a bucket (or container) that must exist
BUCKET_STORES = frozenset({"s3", "gcs", "abfs"})
AWS_ERROR = re.compile(r"AWS Error (\w+) during (\w+) operation:\s*([^(]*)")
DENIED = frozenset(
    {
        "ACCESS_DENIED",
        "INVALID_ACCESS_KEY_ID",
        "SIGNATURE_DOES_NOT_MATCH",
        "EXPIRED_TOKEN",
        "UNRECOGNIZED_CLIENT",
        "MISSING_AUTHENTICATION_TOKEN",
    }
)
CREDENTIALS_HINT = "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)"


class StorageError(Exception):
    """An object store that cannot be used: no such bucket, access denied, unreachable."""


class ObjectMissing(StorageError):
    """No object at a URI (deleted since it was listed, or never there): that input's failure,
    where every other ``StorageError`` is the store's and fails the work in hand."""


def is_uri(location: object) -> bool:
    """Whether ``location`` names a filesystem by scheme (``s3://...``) rather than a path."""
    return isinstance(location, str) and bool(URI.match(location))


@dataclass(frozen=True, slots=True)
class Storage:
    """How to reach object stores. ``s3_endpoint``: an S3-compatible server's URL
    (``http://127.0.0.1:9000``); None for AWS itself (or pyarrow's own reading of the
    environment)."""

    s3_endpoint: str | None = None

    @classmethod
    def from_env(cls, s3_endpoint: str | None = None) -> Storage:
        """The endpoint given, else the one the standard AWS variables name."""
        chosen = s3_endpoint or next(
            (os.environ[k] for k in ENDPOINT_ENV if os.environ.get(k)), None
        )
        return cls(chosen or None)

    def locate(self, uri: str) -> tuple[pafs.FileSystem, str]:
        """The filesystem of ``uri`` and the path within it (``bucket/key`` on S3)."""
        parts = urlsplit(uri)
        root = urlunsplit((parts.scheme, parts.netloc, "", parts.query, ""))
        try:
            filesystem, root_path = _filesystem(root, self.s3_endpoint)
        except (OSError, ValueError) as exc:
            raise StorageError(explain(exc, uri, self)) from None
        return filesystem, root_path.rstrip("/") + parts.path

    def local_path(self, location: str | Path) -> Path | None:
        """``location`` as a path of this machine's filesystem; None on an object store."""
        if not is_uri(location):
            return Path(location)
        filesystem, path = self.locate(str(location))
        return Path(path) if isinstance(filesystem, pafs.LocalFileSystem) else None

    def read(self, uri: str, limit: int) -> bytes:
        """The bytes of the object at ``uri``, at most ``limit`` + 1 (so "too large" shows)."""
        filesystem, path = self.locate(uri)
        try:
            with filesystem.open_input_stream(path) as stream:
                return stream.read(limit + 1)
        except OSError as exc:
            raise self.failure(exc, uri) from None

    def open_file(self, uri: str) -> pa.NativeFile:
        """The object at ``uri`` as a random-access file (for Parquet)."""
        filesystem, path = self.locate(uri)
        try:
            return filesystem.open_input_file(path)
        except OSError as exc:
            raise self.failure(exc, uri) from None

    def failure(self, exc: OSError, uri: str) -> StorageError:
        """The error to raise for a failed request on ``uri``."""
        if isinstance(exc, FileNotFoundError):
            return ObjectMissing(f"{uri}: no such object")
        return StorageError(explain(exc, uri, self))

    def info(self, uri: str) -> pafs.FileInfo:
        """What ``uri`` is (file, folder, nothing); ``StorageError`` when its bucket is missing
        or the store refuses or does not answer."""
        filesystem, path = self.locate(uri)
        try:
            found = filesystem.get_file_info(path)
            if found.type == pafs.FileType.NotFound and filesystem.type_name in BUCKET_STORES:
                bucket = path.split("/", 1)[0]
                if filesystem.get_file_info(bucket).type == pafs.FileType.NotFound:
                    raise StorageError(f"{uri}: bucket {bucket!r} does not exist")
            return found
        except OSError as exc:
            raise StorageError(explain(exc, uri, self)) from None

    def list_relative(self, uri: str) -> list[str]:
        """Every file under the folder (prefix) ``uri``, named relative to it (``a/b.txt``), in
        a stable sorted order; none when there is no such folder."""
        filesystem, path = self.locate(uri)
        selector = pafs.FileSelector(path, recursive=True, allow_not_found=True)
        try:
            infos = filesystem.get_file_info(selector)
        except OSError as exc:
            raise StorageError(explain(exc, uri, self)) from None
        base = path.rstrip("/") + "/"
        relative = [
            info.path[len(base) :]
            for info in infos
            if info.type == pafs.FileType.File and info.path.startswith(base)
        ]
        return sorted(relative, key=lambda name: PurePosixPath(name).parts)


@functools.lru_cache(maxsize=64)
def _filesystem(root: str, s3_endpoint: str | None) -> tuple[pafs.FileSystem, str]:
    """One filesystem per store root (``s3://bucket``), kept: an S3 client is costly to make."""
    parts = urlsplit(root)
    query = dict(parse_qsl(parts.query))
    if parts.scheme.lower() == "s3" and s3_endpoint and "endpoint_override" not in query:
        endpoint = urlsplit(s3_endpoint if "://" in s3_endpoint else f"https://{s3_endpoint}")
        query.update(endpoint_override=endpoint.netloc, scheme=endpoint.scheme)
    if not parts.netloc:  # file:///path: the root of this machine's filesystem
        return pafs.FileSystem.from_uri(f"{parts.scheme}:///")[0], ""
    return pafs.FileSystem.from_uri(urlunsplit((*parts[:3], urlencode(query), "")))


def child_uri(uri: str, relative: str) -> str:
    """The URI of ``relative`` (a/b.txt) under the folder ``uri``, its query kept."""
    parts = urlsplit(uri)
    path = parts.path.rstrip("/") + "/" + relative
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def explain(exc: Exception, location: str, storage: Storage) -> str:
    """One line for a failed store request: what went wrong with ``location``, what to check."""
    text = " ".join(str(exc).split())
    match = AWS_ERROR.search(text)
    if match is None:
        return f"{location}: {text}"
    code, detail = match.group(1), match.group(3).strip().rstrip(".")
    if detail.lower() == "no response body":  # a HEAD request's refusal says no more
        detail = ""
    if code == "NO_SUCH_BUCKET":
        return f"{location}: the bucket does not exist"
    if code in DENIED:
        reason = f" ({detail})" if detail else ""
        return f"{location}: access denied{reason}; {CREDENTIALS_HINT}"
    if code in {"NETWORK_CONNECTION", "ENDPOINT_CONNECTION_ERROR"}:
        where = storage.s3_endpoint or "AWS S3"
        return (
            f"{location}: cannot reach the object store at {where} ({detail}); check "
            "--endpoint-url or AWS_ENDPOINT_URL"
        )
    return f"{location}: {code.lower()}: {detail}"
