"""Amazon S3 (and S3-compatible stores): list a bucket/prefix, filter, and stream objects.

Listing uses ListObjectsV2 with pagination; every filter (key glob, extension, size, last
modified, storage class) is applied from the listing alone, so nothing is fetched that will not
be scanned. Bodies are streamed, never held whole in memory; a read that fails mid-stream is
resumed with a ranged GetObject pinned to the same version, with bounded backoff and jitter.
"""

from __future__ import annotations

import datetime as _dt
import errno
import fnmatch
import http.client
import io
import logging
import os
import random
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import IO, Any

import boto3
import urllib3.exceptions
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, FlexibleChecksumError, NoCredentialsError

from ..errors import SourceError
from .base import SourceObject

_log = logging.getLogger(__name__)

# Storage classes Macie does not analyse (macie.md 7): archived tiers and Express One Zone.
UNANALYSED_STORAGE_CLASSES = frozenset({"GLACIER", "DEEP_ARCHIVE", "EXPRESS_ONEZONE"})
_MISSING_BUCKET_CODES = frozenset({"NoSuchBucket"})
_DENIED_CODES = frozenset({"AccessDenied", "AllAccessDisabled", "Forbidden", "403", "KMS.AccessDeniedException"})
_GONE_CODES = frozenset({"NoSuchKey", "NoSuchVersion", "404", "PreconditionFailed", "412"})
_TRANSIENT_CODES = frozenset(
    {"SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "500", "502", "503", "504"}
)
# Exceptions a streaming read raises when the connection drops or stalls.
_STREAM_ERRORS: tuple[type[BaseException], ...] = (
    BotoCoreError,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
)


class S3SourceError(SourceError):
    """An S3 target cannot be listed at all (bad URI, no credentials, access denied, endpoint down)."""


class NoSuchBucketError(S3SourceError):
    """The bucket of an ``s3://`` target does not exist."""


def parse_uri(uri: str) -> tuple[str, str]:
    """``s3://bucket[/prefix]`` -> (bucket, prefix); raises :class:`S3SourceError` otherwise."""
    if not uri.startswith("s3://"):
        raise S3SourceError(f"{uri!r} is not an s3:// URI")
    bucket, _, prefix = uri[5:].partition("/")
    if not bucket:
        raise S3SourceError(f"{uri!r} names no bucket")
    return bucket, prefix


def client_config(max_pool_connections: int = 32) -> Config:
    """Retries (standard mode, 8 attempts) and timeouts that suit long scans of many objects."""
    return Config(
        retries={"mode": "standard", "max_attempts": 8},
        connect_timeout=10,
        read_timeout=60,
        tcp_keepalive=True,
        max_pool_connections=max_pool_connections,
    )


def make_client(endpoint_url: str | None = None, *, config: Config | None = None) -> Any:
    """An S3 client from the standard credential chain; ``endpoint_url`` (or ``AWS_ENDPOINT_URL``)
    selects an S3-compatible store, addressed path-style as most of them expect."""
    endpoint = endpoint_url or os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    cfg = config or client_config()
    if endpoint:
        cfg = cfg.merge(Config(s3={"addressing_style": "path"}))
    session = boto3.session.Session()
    return session.client("s3", endpoint_url=endpoint or None, config=cfg)


def _backoff(attempt: int, base: float = 0.2, cap: float = 5.0) -> float:
    """Exponential backoff with jitter: a random delay in [d/2, d], d = min(cap, base * 2^(attempt-1))."""
    delay = min(cap, base * 2.0 ** (attempt - 1))
    return delay * random.uniform(0.5, 1.0)


def _error_code(exc: ClientError) -> str:
    code = exc.response.get("Error", {}).get("Code")
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return str(code or status or "")


def _iso(ts: _dt.datetime) -> str:
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=_dt.timezone.utc)
    return ts.astimezone(_dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _aware(ts: _dt.datetime) -> _dt.datetime:
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=_dt.timezone.utc)


def _extension(key: str) -> str:
    return PurePosixPath(key).suffix[1:].lower()


def _resource(bucket: str, item: dict[str, Any]) -> dict[str, Any]:
    key: str = item["Key"]
    bucket_arn = f"arn:aws:s3:::{bucket}"
    return {
        "s3Bucket": {"name": bucket, "arn": bucket_arn},
        "s3Object": {
            "bucketArn": bucket_arn,
            "key": key,
            "path": f"{bucket}/{key}",
            "extension": _extension(key),
            "size": int(item.get("Size", 0)),
            "lastModified": _iso(item["LastModified"]) if "LastModified" in item else None,
            "eTag": str(item.get("ETag", "")).strip('"'),
            "versionId": "",
            "storageClass": item.get("StorageClass", "STANDARD"),
        },
    }


def _empty() -> IO[bytes]:
    return io.BytesIO(b"")


def _with_reason(err: OSError, reason: str) -> OSError:
    """Tags an OSError with the Macie status reason a scan should report for it."""
    err.reason = reason  # type: ignore[attr-defined]
    return err


class _FatalObjectError(OSError):
    """A GetObject failure that a retry cannot fix (archived tier, unknown error code)."""


class S3ObjectStream(io.RawIOBase):
    """A GetObject body read front to back. A read that fails (reset, timeout, truncation) is
    resumed from the offset already read with ``Range: bytes=N-``, pinned to the first
    response's ETag and version so the bytes never mix two versions; retries are bounded and
    back off exponentially with jitter. Not seekable."""

    def __init__(
        self,
        client: Any,
        bucket: str,
        key: str,
        *,
        resource: dict[str, Any] | None = None,
        max_retries: int = 5,
        base_delay: float = 0.2,
        max_delay: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__()
        self._client = client
        self._bucket = bucket
        self._key = key
        self._resource = resource
        self._max_retries = max_retries
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._sleep = sleep
        self._where = f"s3://{bucket}/{key}"
        self._pos = 0
        self._size = 0
        self._etag: str | None = None
        self._version: str | None = None
        self._body: Any = None
        self.reopens = 0
        self._body = self._get(first=True)

    # -- GetObject -------------------------------------------------------------------------

    def _get(self, *, first: bool) -> Any:
        params: dict[str, Any] = {"Bucket": self._bucket, "Key": self._key}
        if not first:
            params["Range"] = f"bytes={self._pos}-"
            if self._etag:
                params["IfMatch"] = self._etag
            if self._version:
                params["VersionId"] = self._version
        try:
            resp = self._client.get_object(**params)
        except ClientError as exc:
            raise self._os_error(exc) from None
        body = resp["Body"]
        if first:
            self._size = int(resp.get("ContentLength", 0))
            self._etag = resp.get("ETag")
            self._version = resp.get("VersionId")
            self._note_version(resp)
        elif not str(resp.get("ContentRange", "")).startswith(f"bytes {self._pos}-"):
            self._skip(body, self._pos)  # a store that ignores Range sends the whole object again
        return body

    @staticmethod
    def _skip(body: Any, n: int) -> None:
        while n > 0:
            chunk = body.read(min(n, 1 << 20))
            if not chunk:
                raise ConnectionError(errno.ECONNRESET, "stream ended while skipping to the resume offset")
            n -= len(chunk)

    def _note_version(self, resp: dict[str, Any]) -> None:
        """The resource block describes the version actually analysed (Macie's eTag/versionId)."""
        if self._resource is None:
            return
        obj = self._resource.get("s3Object")
        if not isinstance(obj, dict):
            return
        obj["size"] = self._size
        if self._etag:
            obj["eTag"] = self._etag.strip('"')
        obj["versionId"] = self._version or ""
        if isinstance(resp.get("LastModified"), _dt.datetime):
            obj["lastModified"] = _iso(resp["LastModified"])

    def _os_error(self, exc: ClientError) -> OSError:
        """A typed OSError carrying Macie's reason in ``.reason``; transient ones are ConnectionError."""
        code = _error_code(exc)
        err: OSError
        if code in _DENIED_CODES:
            err, reason = PermissionError(errno.EACCES, f"access denied ({code})", self._where), "PERMISSION_DENIED"
        elif code in _GONE_CODES:
            err = FileNotFoundError(errno.ENOENT, f"object no longer available ({code})", self._where)
            reason = "SOURCE_OBJECT_NO_LONGER_AVAILABLE"
        elif code in _TRANSIENT_CODES:
            err = ConnectionError(errno.EAGAIN, f"S3 unavailable ({code})", self._where)
            reason = "SOURCE_OBJECT_NO_LONGER_AVAILABLE"
        elif code == "InvalidObjectState":
            err = _FatalObjectError(errno.EIO, "object is in an archived tier (InvalidObjectState)", self._where)
            reason = "INVALID_OBJECT_STATE"
        else:
            err = _FatalObjectError(errno.EIO, f"GetObject failed ({code})", self._where)
            reason = "SOURCE_OBJECT_NO_LONGER_AVAILABLE"
        return _with_reason(err, reason)

    # -- RawIOBase -------------------------------------------------------------------------

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self._pos

    @property
    def size(self) -> int:
        return self._size

    def readinto(self, buffer: Any) -> int:
        if self.closed:
            raise ValueError("I/O operation on closed S3 object stream")
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._size - self._pos)
        if want <= 0:
            return 0
        attempt = 0
        while True:
            try:
                if self._body is None:
                    self._body = self._get(first=False)  # a non-transient failure propagates
                    self.reopens += 1
                data = self._body.read(want)
                if not data:
                    raise ConnectionError(f"stream ended at byte {self._pos} of {self._size}")
            except (PermissionError, FileNotFoundError, _FatalObjectError):
                self._drop_body()
                raise
            except _STREAM_ERRORS as exc:
                self._drop_body()
                attempt += 1
                if attempt > self._max_retries:
                    err = ConnectionError(
                        errno.ECONNRESET,
                        f"read failed at byte {self._pos} after {self._max_retries} retries ({type(exc).__name__})",
                    )
                    raise _with_reason(err, "SOURCE_OBJECT_NO_LONGER_AVAILABLE") from None
                self._sleep(_backoff(attempt, self._base_delay, self._max_delay))
                continue
            n = len(data)
            view[:n] = data
            self._pos += n
            if self._pos >= self._size:
                self._verify_end()
            return n

    def _verify_end(self) -> None:
        """Reads past the last byte so botocore checks the whole-object checksum (when S3 sent
        one with a full, unranged body); a mismatch means corrupt bytes were delivered."""
        body, self._body = self._body, None
        if body is None:
            return
        try:
            body.read(1)
        except FlexibleChecksumError:
            err = _FatalObjectError(errno.EIO, "checksum mismatch in the bytes received", self._where)
            raise _with_reason(err, "SOURCE_OBJECT_NO_LONGER_AVAILABLE") from None
        except _STREAM_ERRORS:
            pass  # every byte is in; a late connection error does not matter
        finally:
            try:
                body.close()
            except Exception:  # a broken connection may fail to close; it is dropped anyway
                pass

    def _drop_body(self) -> None:
        body, self._body = self._body, None
        if body is not None:
            try:
                body.close()
            except Exception:  # a broken connection may fail to close; it is dropped anyway
                pass

    def close(self) -> None:
        if not self.closed:
            self._drop_body()
        super().close()


def open_object(
    client: Any, bucket: str, key: str, resource: dict[str, Any] | None = None, buffer_size: int = 1 << 20
) -> io.BufferedReader:
    """A buffered, non-seekable binary stream over one object (``peek`` works for format sniffing)."""
    return io.BufferedReader(S3ObjectStream(client, bucket, key, resource=resource), buffer_size)


def _opener(client: Any, bucket: str, key: str, resource: dict[str, Any]) -> Callable[[], IO[bytes]]:
    def open_() -> IO[bytes]:
        return open_object(client, bucket, key, resource)

    return open_


def _selected(
    key: str,
    include: Sequence[str],
    exclude: Sequence[str],
    extensions: frozenset[str],
) -> bool:
    base = key.rsplit("/", 1)[-1]
    if include and not any(fnmatch.fnmatchcase(key, g) or fnmatch.fnmatchcase(base, g) for g in include):
        return False
    if any(fnmatch.fnmatchcase(key, g) or fnmatch.fnmatchcase(base, g) for g in exclude):
        return False
    return not extensions or _extension(key) in extensions


def _list_page(client: Any, params: dict[str, Any], bucket: str, max_retries: int) -> dict[str, Any]:
    """One ListObjectsV2 call. botocore retries throttling and connection failures before a
    response arrives; a response cut mid-body is retried here (bounded). Errors that make the
    target unusable become :class:`S3SourceError`."""
    attempt = 0
    while True:
        try:
            page: dict[str, Any] = client.list_objects_v2(**params)
            return page
        except ClientError as exc:
            code = _error_code(exc)
            if code in _MISSING_BUCKET_CODES:
                raise NoSuchBucketError(f"s3://{bucket}: no such bucket") from None
            if code in _DENIED_CODES:
                raise S3SourceError(f"s3://{bucket}: access denied listing objects ({code})") from None
            if code not in _TRANSIENT_CODES or attempt >= max_retries:
                raise S3SourceError(f"s3://{bucket}: listing failed ({code})") from None
            failure = code
        except NoCredentialsError:
            raise S3SourceError("no AWS credentials found (standard credential chain)") from None
        except _STREAM_ERRORS as exc:
            if attempt >= max_retries:
                raise S3SourceError(f"s3://{bucket}: listing failed ({type(exc).__name__})") from None
            failure = type(exc).__name__
        attempt += 1
        _log.debug("ListObjectsV2 on %s failed (%s); retry %d", bucket, failure, attempt)
        time.sleep(_backoff(attempt))


def _pages(client: Any, bucket: str, prefix: str, page_size: int, max_retries: int = 5) -> Iterator[dict[str, Any]]:
    """ListObjectsV2 pages, following continuation tokens."""
    params: dict[str, Any] = {"Bucket": bucket, "MaxKeys": page_size}
    if prefix:
        params["Prefix"] = prefix
    while True:
        page = _list_page(client, params, bucket, max_retries)
        yield page
        token = page.get("NextContinuationToken")
        if not page.get("IsTruncated") or not token:
            return
        params["ContinuationToken"] = token


def iter_s3(
    uri: str,
    *,
    endpoint_url: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_size: int | None = None,
    modified_after: _dt.datetime | None = None,
    modified_before: _dt.datetime | None = None,
    client: Any = None,
    extensions: Sequence[str] = (),
    page_size: int = 1000,
) -> Iterator[SourceObject]:
    """Every object under ``s3://bucket[/prefix]`` in key order, filtered before any GetObject.

    ``include``/``exclude`` are globs on the key (or its last part); ``extensions`` keeps only
    those extensions (no dot, case-insensitive); ``modified_after`` < lastModified <
    ``modified_before`` (naive datetimes are UTC). Objects in a storage class Macie does not
    analyse, or larger than ``max_size``, are yielded with an error and never fetched. Folder
    placeholders (empty keys ending in ``/``) are not objects and are not yielded. Raises
    :class:`NoSuchBucketError` / :class:`S3SourceError` when the target cannot be listed; the
    check runs when this function is called, before the first object is requested."""
    bucket, prefix = parse_uri(uri)
    s3 = client if client is not None else make_client(endpoint_url)
    pages = _pages(s3, bucket, prefix, page_size)
    first = next(pages, None)  # surfaces a missing bucket or bad credentials now
    exts = frozenset(e.lower().lstrip(".") for e in extensions)
    after = _aware(modified_after) if modified_after is not None else None
    before = _aware(modified_before) if modified_before is not None else None

    def generate() -> Iterator[SourceObject]:
        page = first
        while page is not None:
            for item in page.get("Contents", []):
                key: str = item["Key"]
                size = int(item.get("Size", 0))
                if key.endswith("/") and size == 0:
                    continue
                if not _selected(key, include, exclude, exts):
                    continue
                modified = item.get("LastModified")
                if isinstance(modified, _dt.datetime):
                    if after is not None and not _aware(modified) > after:
                        continue
                    if before is not None and not _aware(modified) < before:
                        continue
                yield _object(s3, bucket, item, max_size)
            page = next(pages, None)

    return generate()


def _object(client: Any, bucket: str, item: dict[str, Any], max_size: int | None) -> SourceObject:
    key: str = item["Key"]
    size = int(item.get("Size", 0))
    resource = _resource(bucket, item)
    uri = f"s3://{bucket}/{key}"
    storage = str(item.get("StorageClass", "STANDARD"))
    if storage in UNANALYSED_STORAGE_CLASSES:
        detail = f"storage class {storage} is not analysed"
        return SourceObject(uri, key, size, _empty, resource, error=("INVALID_OBJECT_STATE", detail))
    if max_size is not None and size > max_size:
        detail = f"{size} bytes exceeds the {max_size}-byte limit"
        return SourceObject(uri, key, size, _empty, resource, error=("FILE_EXCEEDS_SIZE_LIMIT", detail))
    return SourceObject(uri, key, size, _opener(client, bucket, key, resource), resource)


__all__ = [
    "UNANALYSED_STORAGE_CLASSES",
    "NoSuchBucketError",
    "S3ObjectStream",
    "S3SourceError",
    "client_config",
    "iter_s3",
    "make_client",
    "open_object",
    "parse_uri",
]
