"""GZIP, ZIP and TAR: every member is read by its own reader, within Macie's archive quotas.

Members are copied through a byte-counting loop into a spooled temporary file (memory up to
``SPOOL_MEMORY``, then disk) before their reader sees them, so a zip bomb is stopped at the
quota instead of being expanded, readers get a seekable stream, and a corrupt archive is told
apart from a member that its reader cannot parse. Quotas (member count, total bytes) are
shared by every archive nested in one object through the context's dispatcher.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import shutil
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO

from .base import FormatError, ReadContext, Segment

SPOOL_MEMORY = 8 << 20  # bytes of a member kept in memory before the spool moves to disk
CHUNK = 1 << 16
# What a damaged archive raises while it is decompressed or walked.
_CORRUPT = (
    OSError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
    tarfile.TarError,
    RuntimeError,
    ValueError,
    NotImplementedError,
)
_GZ_SUFFIXES = (".gz", ".gzip")
_TAR_GZ_SUFFIXES = (".tar.gz", ".tar.gzip", ".tgz")

Dispatch = Callable[[IO[bytes], ReadContext], Iterator[Segment]]


class ArchiveLimitReached(FormatError):
    """A quota of the whole archive tree was reached: reading stops at every nesting level.
    ``where`` is the archive (member path) being read when it happened."""

    def __init__(self, reason: str, detail: str, where: str | None) -> None:
        super().__init__(reason, detail)
        self.where = where


@dataclasses.dataclass
class _Budget:
    """What the archives of one object have used so far."""

    members: int = 0
    bytes: int = 0


class _BudgetedDispatch:
    """The context's dispatcher, carrying the shared budget down to nested archives."""

    def __init__(self, inner: Dispatch, budget: _Budget) -> None:
        self.inner = inner
        self.budget = budget

    def __call__(self, stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
        return self.inner(stream, ctx)


def skipped(reason: str, detail: str, embedded: str | None) -> Segment:
    """A part that could not be read, with Macie's reason."""
    return Segment(b"", "skipped", {"reason": reason, "detail": detail}, embedded=embedded)


def ensure_seekable(stream: IO[bytes]) -> IO[bytes]:
    """``stream`` itself when it can seek, else a spooled copy (an S3 body, a pipe)."""
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError, OSError):
        pass
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)
    shutil.copyfileobj(stream, spool, CHUNK)
    spool.seek(0)
    return spool


def _session(ctx: ReadContext) -> tuple[ReadContext, _Budget, bool]:
    """The context with the budget of the outermost archive (a new one at the top), and
    whether this archive is the outermost one (the owner of the budget)."""
    if isinstance(ctx.dispatch, _BudgetedDispatch):
        return ctx, ctx.dispatch.budget, False
    inner: Dispatch
    if ctx.dispatch is not None:
        inner = ctx.dispatch
    else:
        from . import dispatch as inner
    budget = _Budget()
    return dataclasses.replace(ctx, dispatch=_BudgetedDispatch(inner, budget)), budget, True


def _owned(body: Iterator[Segment], owner: bool) -> Iterator[Segment]:
    """Ends the reading of the whole tree where a quota was reached.

    Nested archives pass the stop up; the outermost one reports it: as the object's reason
    when nothing was read yet (SKIPPED), else as a skipped part after what was read (PARTIAL)."""
    if not owner:
        yield from body
        return
    started = False
    try:
        for seg in body:
            started = True
            yield seg
    except ArchiveLimitReached as exc:
        if not started:
            raise FormatError(exc.reason, exc.detail) from None
        yield skipped(exc.reason, exc.detail, exc.where)


def _too_deep(ctx: ReadContext) -> Segment | None:
    """Refuses an archive whose members would sit deeper than the nesting quota."""
    if ctx.depth + 1 <= ctx.limits.archive_depth:
        return None
    detail = f"archive nested {ctx.depth} level(s) deep; members beyond {ctx.limits.archive_depth} are not read"
    if ctx.depth == 0:
        raise FormatError("ARCHIVE_NESTING_LEVEL_OVER_LIMIT", detail)
    return skipped("ARCHIVE_NESTING_LEVEL_OVER_LIMIT", detail, ctx.embedded_prefix)


def _copy(src: IO[bytes], dst: IO[bytes], cap: int) -> tuple[int, bool, Exception | None]:
    """Copies at most ``cap`` bytes; returns the count, whether more were there, and the
    error that cut the copy short (a damaged or truncated archive), if any."""
    copied = 0
    try:
        while copied <= cap:
            block = src.read(min(CHUNK, cap + 1 - copied))
            if not block:
                return copied, False, None
            if copied + len(block) > cap:
                dst.write(block[: cap - copied])
                return cap, True, None
            dst.write(block)
            copied += len(block)
    except _CORRUPT as exc:
        return copied, False, exc
    return copied, True, None


def _member(
    ctx: ReadContext,
    budget: _Budget,
    name: str,
    opener: Callable[[], IO[bytes]],
    declared: int | None,
    partial_ok: bool = False,
) -> Iterator[Segment]:
    """Extracts one member within the quotas and reads it with the reader of its format."""
    limits = ctx.limits
    child = ctx.child(name)
    where = child.embedded_prefix
    budget.members += 1
    if budget.members > limits.archive_members:
        raise ArchiveLimitReached(
            "ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT",
            f"more than {limits.archive_members} archive member(s); the rest were not read",
            ctx.embedded_prefix,
        )
    if declared is not None and declared > limits.archive_member_bytes:
        yield skipped("FILE_EXCEEDS_SIZE_LIMIT", f"{declared} bytes > {limits.archive_member_bytes}", where)
        return
    left = limits.archive_total_bytes - budget.bytes
    if declared is not None and declared > left:
        raise ArchiveLimitReached(
            "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT",
            f"extracting {declared} more bytes would pass {limits.archive_total_bytes}",
            ctx.embedded_prefix,
        )
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY) as spool:
        try:
            src = opener()
        except NotImplementedError as exc:  # zip compression method Python cannot read
            yield skipped("UNSUPPORTED_FILE_TYPE_EXCEPTION", str(exc), where)
            return
        except _CORRUPT as exc:
            yield skipped("MALFORMED_FILE", f"member could not be opened ({type(exc).__name__})", where)
            return
        cap = min(limits.archive_member_bytes, left)
        with src:
            copied, over, error = _copy(src, spool, cap)
        budget.bytes += copied
        if over and cap == limits.archive_member_bytes and cap < left:
            yield skipped("FILE_EXCEEDS_SIZE_LIMIT", f"more than {cap} bytes once extracted", where)
            return
        if over:
            raise ArchiveLimitReached(
                "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT",
                f"more than {limits.archive_total_bytes} bytes extracted",
                ctx.embedded_prefix,
            )
        if error is not None and not (partial_ok and copied):
            yield skipped("MALFORMED_FILE", f"member data damaged ({type(error).__name__})", where)
            return
        spool.seek(0)
        yield from _read_member(spool, child)
        if error is not None:
            yield skipped(
                "MALFORMED_FILE",
                f"compressed data truncated or damaged after {copied} bytes ({type(error).__name__})",
                where,
            )


def _read_member(stream: IO[bytes], child: ReadContext) -> Iterator[Segment]:
    """The member's segments; a member its reader cannot read becomes a skipped segment."""
    assert child.dispatch is not None
    try:
        yield from child.dispatch(stream, child)
    except ArchiveLimitReached:
        raise
    except FormatError as exc:
        yield skipped(exc.reason, exc.detail, child.embedded_prefix)
    except RecursionError:
        yield skipped("UNABLE_TO_PARSE_FILE", "member nested too deeply to parse", child.embedded_prefix)
    except Exception as exc:  # a third-party parser failing on bad input must not end the scan
        yield skipped("UNABLE_TO_PARSE_FILE", f"reader failed ({type(exc).__name__})", child.embedded_prefix)


def read_zip(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Every file of a ZIP archive (the central directory gives names and declared sizes)."""
    ctx, budget, owner = _session(ctx)
    return _owned(_zip_members(stream, ctx, budget), owner)


def _zip_members(stream: IO[bytes], ctx: ReadContext, budget: _Budget) -> Iterator[Segment]:
    deep = _too_deep(ctx)
    if deep is not None:
        yield deep
        return
    source = ensure_seekable(stream)
    try:
        yield from _zip_entries(source, ctx, budget)
    finally:
        if source is not stream:
            source.close()  # the spooled copy of a stream that could not seek


def _zip_entries(source: IO[bytes], ctx: ReadContext, budget: _Budget) -> Iterator[Segment]:
    try:
        zf = zipfile.ZipFile(source)
        infos = zf.infolist()
    except _CORRUPT as exc:
        raise FormatError("MALFORMED_FILE", f"not a readable ZIP archive ({type(exc).__name__})") from None
    with zf:
        files = [i for i in infos if not i.is_dir()]
        readable = [i for i in files if _zip_problem(i, ctx) is None]
        declared = sum(i.file_size for i in readable)
        left = ctx.limits.archive_total_bytes - budget.bytes
        if declared > left:
            # Macie: when the archive's metadata already shows the breach, nothing is extracted.
            raise ArchiveLimitReached(
                "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT",
                f"members declare {declared} bytes; {left} of {ctx.limits.archive_total_bytes} left",
                ctx.embedded_prefix,
            )
        for info in files:
            problem = _zip_problem(info, ctx)
            if problem is not None:
                budget.members += 1
                if budget.members > ctx.limits.archive_members:
                    raise ArchiveLimitReached(
                        "ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT",
                        f"more than {ctx.limits.archive_members} archive member(s); the rest were not read",
                        ctx.embedded_prefix,
                    )
                yield skipped(*problem, ctx.child(info.filename).embedded_prefix)
                continue
            yield from _member(ctx, budget, info.filename, _zip_opener(zf, info), info.file_size)


def _zip_problem(info: zipfile.ZipInfo, ctx: ReadContext) -> tuple[str, str] | None:
    """Why a ZIP member cannot be extracted, read from its directory entry alone."""
    if info.flag_bits & 0x1:
        return "INVALID_ENCRYPTION", "member is encrypted"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "UNSUPPORTED_FILE_TYPE_EXCEPTION", "symbolic link (not followed)"
    if info.file_size > ctx.limits.archive_member_bytes:
        return "FILE_EXCEEDS_SIZE_LIMIT", f"{info.file_size} bytes > {ctx.limits.archive_member_bytes}"
    return None


def _zip_opener(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    def open_() -> IO[bytes]:
        return zf.open(info)

    return open_


def read_tar(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Every file of a TAR archive, plain or compressed (.tgz), read as a stream."""
    ctx, budget, owner = _session(ctx)
    return _owned(_tar_archive(stream, ctx, budget), owner)


def _tar_archive(stream: IO[bytes], ctx: ReadContext, budget: _Budget) -> Iterator[Segment]:
    deep = _too_deep(ctx)
    if deep is not None:
        yield deep
        return
    yield from _tar_members(stream, ctx, budget, "r|*")


def _tar_members(stream: IO[bytes], ctx: ReadContext, budget: _Budget, mode: str) -> Iterator[Segment]:
    try:
        tf = tarfile.open(fileobj=stream, mode=mode)  # type: ignore[call-overload]
    except _CORRUPT as exc:
        raise FormatError("MALFORMED_FILE", f"not a readable TAR archive ({type(exc).__name__})") from None
    seen = 0
    last = None
    with tf:
        while True:
            try:
                member = tf.next()
            except _CORRUPT as exc:
                if seen == 0:
                    raise FormatError("MALFORMED_FILE", f"TAR archive unreadable ({type(exc).__name__})") from None
                after = f" after member {last!r}" if last else ""
                yield skipped("MALFORMED_FILE", f"archive truncated or damaged{after}", ctx.embedded_prefix)
                return
            if member is None:
                return
            seen += 1
            name = member.name.lstrip("/").removeprefix("./")
            if member.isdir():
                continue
            last = name
            if not member.isreg():
                budget.members += 1
                yield skipped("UNSUPPORTED_FILE_TYPE_EXCEPTION", _tar_kind(member), ctx.child(name).embedded_prefix)
                continue
            yield from _member(ctx, budget, name, _tar_opener(tf, member), member.size)


def _tar_kind(member: tarfile.TarInfo) -> str:
    if member.issym():
        return "symbolic link (not followed)"
    if member.islnk():
        return "hard link (not followed)"
    if member.isdev():
        return "device or FIFO"
    return "not a regular file"


def _tar_opener(tf: tarfile.TarFile, member: tarfile.TarInfo) -> Callable[[], IO[bytes]]:
    def open_() -> IO[bytes]:
        f = tf.extractfile(member)
        if f is None:
            raise tarfile.ReadError("member has no data")
        return f

    return open_


class _Chain(io.RawIOBase):
    """The bytes already read from a GZIP file, then the rest of it, then the error that cut it
    short (if any). Each read makes at most one read of the GZIP file (``read1``), so the
    data inflated before a truncation is handed out before the error is raised; a buffered
    reader would drop it with the error."""

    def __init__(self, head: bytes, rest: gzip.GzipFile, error: Exception | None) -> None:
        self._head = head
        self._rest = rest
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buf: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buf)
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._error is not None:
            raise self._error
        data = self._rest.read1(len(view))
        view[: len(data)] = data
        return len(data)


def read_gzip(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """A GZIP file: a TAR inside is read as a TAR, anything else as the file it compresses."""
    ctx, budget, owner = _session(ctx)
    return _owned(_gzip_members(stream, ctx, budget), owner)


def _gzip_members(stream: IO[bytes], ctx: ReadContext, budget: _Budget) -> Iterator[Segment]:
    deep = _too_deep(ctx)
    if deep is not None:
        yield deep
        return
    gz = gzip.GzipFile(fileobj=stream, mode="rb")
    head = b""
    error: Exception | None = None
    try:
        while len(head) < 512:
            block = gz.read1(512 - len(head))
            if not block:
                break
            head += block
    except _CORRUPT as exc:
        if not head:
            raise FormatError("MALFORMED_FILE", f"not a readable GZIP file ({type(exc).__name__})") from None
        error = exc
    if not head:
        return  # an empty compressed file holds nothing to read
    inflated = _Chain(head, gz, error)
    base = ctx.name.rsplit("/", 1)[-1]
    if (len(head) >= 262 and head[257:262] == b"ustar") or base.lower().endswith(_TAR_GZ_SUFFIXES):
        yield from _tar_members(inflated, ctx, budget, "r|")  # type: ignore[arg-type]
        return
    lower = base.lower()
    suffix = next((s for s in _GZ_SUFFIXES if lower.endswith(s)), "")
    name = base[: len(base) - len(suffix)] or base

    def open_() -> IO[bytes]:
        return inflated  # type: ignore[return-value]

    yield from _member(ctx, budget, name, open_, None, partial_ok=True)
