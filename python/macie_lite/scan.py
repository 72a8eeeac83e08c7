"""Scanning objects end to end: source -> format reader -> engine -> findings.

Objects are scanned on a bounded thread pool (the Rust engine releases the GIL); results come
back in source order. Every object gets a result, including those that could not be read.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as _dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from . import findings
from .formats import FormatError, Limits, Segment, read_object
from .sources import SourceObject

if TYPE_CHECKING:
    from .engine import Scanner


@dataclass
class ObjectResult:
    """The outcome for one object: its finding (None when it holds no reportable data) and
    its discovery result (always)."""

    uri: str
    size: int
    status: str
    reason: str | None
    detail: str | None
    mime_type: str | None
    finding: dict[str, Any] | None
    result: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"ObjectResult({self.uri!r}, status={self.status}, findings={sum(self.counts.values())})"


def _occurrence(seg: Segment, value: str, line: int, column: int) -> findings.Occurrence:
    if seg.kind == "lineRanges":
        first = seg.location.get("line", 1) + line - 1
        loc: dict[str, Any] = {"start": first, "end": first + value.count("\n"), "startColumn": column}
    else:
        loc = dict(seg.location)
    return findings.Occurrence(seg.kind, loc, embedded=seg.embedded)


def _name_check(scanner: Scanner) -> Callable[[str, tuple[str, ...]], bool]:
    """Whether the scanner reports anything in a key name, its parent names as context."""

    def check(name: str, parents: tuple[str, ...]) -> bool:
        return bool(scanner.scan_bytes(name.encode("utf-8", "surrogatepass"), parents))

    return check


BATCH_SEGMENTS = 4096
BATCH_BYTES = 4 << 20


def _batches(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    """Groups segments so many small cells or records cross into the core in one call."""
    batch: list[Segment] = []
    size = 0
    try:
        for seg in segments:
            batch.append(seg)
            size += len(seg.data)
            if len(batch) >= BATCH_SEGMENTS or size >= BATCH_BYTES:
                yield batch
                batch, size = [], 0
    except (FormatError, OSError):
        # What was read before the reader failed is still scanned (the object is PARTIAL).
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def scan_object(
    scanner: Scanner,
    obj: SourceObject,
    *,
    preview: bool = True,
    reveal: bool = False,
    job_id: str = "local",
    limits: Limits | None = None,
) -> ObjectResult:
    """Reads, scans and reports one object; never raises for a bad object."""
    customs = {c.name: c for c in scanner.custom}
    # Grouped as found, each type keeping at most the locations a result can hold: a 2 GB log
    # with a million detections costs counters, not a million occurrences in memory.
    by_type: dict[str, findings.TypeDetections] = {}
    problems: list[tuple[str, str, str | None]] = []
    mime: str | None = None
    scanned = 0

    def outcome(status: str, reason: str | None, detail: str | None) -> ObjectResult:
        grouped = list(by_type.values())
        common: dict[str, Any] = {
            "resource": obj.resource,
            "detections": grouped,
            "status": status,
            "reason": reason,
            "mime_type": mime,
            "size_classified": scanned,
            "job_id": job_id,
            "preview": preview,
        }
        finding = findings.build_result(**common, reveal=reveal)
        result = findings.build_result(**common, cap=None)
        assert result is not None
        status_block = result["classificationDetails"]["result"]["status"]
        if detail:
            status_block["detail"] = detail
        if problems:
            status_block["unprocessed"] = [{"file": f, "reason": r, "detail": d} for f, r, d in problems]
        counts = {t.type: t.count for t in grouped}
        return ObjectResult(obj.uri, obj.size, status, reason, detail, mime, finding, result, counts)

    if obj.error is not None:
        return outcome("SKIPPED", obj.error[0], obj.error[1])
    try:
        stream = obj.open()
    except OSError as exc:
        # Sources attach Macie's reason (S3: deleted after listing, archived tier, ...).
        reason = getattr(exc, "reason", None) or "PERMISSION_DENIED"
        return outcome("SKIPPED", reason, exc.strerror or type(exc).__name__)
    try:
        with stream:
            mime, segments = read_object(obj.name, stream, limits, _name_check(scanner))
            for batch in _batches(segments):
                texts = [seg for seg in batch if seg.kind != "skipped"]
                for seg in batch:
                    if seg.kind == "skipped":
                        problems.append((seg.embedded or obj.name, seg.location["reason"], seg.location.get("detail")))
                scanned += sum(len(seg.data) for seg in texts)
                for seg, dets in zip(texts, scanner.scan_many([(seg.data, seg.context) for seg in texts])):
                    for d in dets:
                        group = by_type.get(d.type)
                        if group is None:
                            group = by_type[d.type] = findings.TypeDetections(
                                d.type, d.category, custom=customs.get(d.type)
                            )
                        if len(group.occurrences) >= findings.RESULT_LOCATION_CAP:
                            group.count += 1
                            continue
                        value = seg.data[d.start : d.end].decode("utf-8", "replace")
                        occ = _occurrence(seg, value, d.line, d.column)
                        if preview:
                            occ.preview = findings.masked_preview(d.type, value)
                        if reveal:
                            occ.raw = value
                        group.add(occ)
    except FormatError as exc:
        if scanned or by_type:
            return outcome("PARTIAL", exc.reason, exc.detail)
        return outcome("SKIPPED", exc.reason, exc.detail)
    except OSError as exc:
        return outcome(
            "PARTIAL" if scanned else "SKIPPED",
            "SOURCE_OBJECT_NO_LONGER_AVAILABLE",
            exc.strerror or type(exc).__name__,
        )
    if problems:
        return outcome("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES", f"{len(problems)} part(s) not analysed")
    return outcome("COMPLETE", None, None)


@dataclass(frozen=True)
class ObjectFilter:
    """Which objects a scan takes, decided before any object is read (Macie's job scope)."""

    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    extensions: Sequence[str] = ()
    modified_after: _dt.datetime | None = None
    modified_before: _dt.datetime | None = None

    def keeps_local(self, obj: SourceObject) -> bool:
        info = obj.resource.get("localFile", {})
        if self.extensions and info.get("extension", "") not in {e.lower().lstrip(".") for e in self.extensions}:
            return False
        if (self.modified_after or self.modified_before) and "lastModified" in info:
            when = _dt.datetime.fromisoformat(info["lastModified"].replace("Z", "+00:00"))
            if self.modified_after and not when > _utc(self.modified_after):
                return False
            if self.modified_before and not when < _utc(self.modified_before):
                return False
        return True


def _utc(when: _dt.datetime) -> _dt.datetime:
    return when if when.tzinfo else when.replace(tzinfo=_dt.timezone.utc)


def iter_objects(
    target: str,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    endpoint_url: str | None = None,
    max_size: int | None = None,
    where: ObjectFilter | None = None,
) -> Iterator[SourceObject]:
    """The objects of a target: ``s3://bucket[/prefix]``, a directory or a file."""
    where = where or ObjectFilter(include, exclude)
    if target.startswith("s3://"):
        from .sources.s3 import iter_s3

        return iter_s3(
            target,
            endpoint_url=endpoint_url,
            include=where.include,
            exclude=where.exclude,
            max_size=max_size,
            extensions=where.extensions,
            modified_after=where.modified_after,
            modified_before=where.modified_before,
        )
    from .sources.files import iter_files

    return (obj for obj in iter_files(target, where.include, where.exclude) if where.keeps_local(obj))


def scan_target(
    scanner: Scanner,
    target: str,
    *,
    workers: int = 1,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    preview: bool = True,
    reveal: bool = False,
    endpoint_url: str | None = None,
    limits: Limits | None = None,
    where: ObjectFilter | None = None,
    sample: float | None = None,
    checkpoint: str | None = None,
    resume: bool = False,
    tags: dict[str, str] | None = None,
) -> Iterator[ObjectResult]:
    """Scans every object of ``target``, ``workers`` objects at a time (threads: the core
    releases the GIL), yielding results in source order with bounded memory. ``sample`` keeps
    that percentage of objects, chosen by key hash (a rerun picks the same ones);
    ``checkpoint`` journals finished objects, and with ``resume`` they are replayed, not rescanned."""
    limits = limits or Limits()
    objects = iter_objects(
        target,
        endpoint_url=endpoint_url,
        max_size=limits.max_object_bytes,
        where=where or ObjectFilter(include, exclude),
    )

    def one(obj: SourceObject) -> ObjectResult:
        if obj.error is None and obj.size > limits.max_object_bytes:
            obj.error = (
                "FILE_EXCEEDS_SIZE_LIMIT",
                f"{obj.size} bytes is over the {limits.max_object_bytes} limit",
            )
        return scan_object(scanner, obj, preview=preview, reveal=reveal, limits=limits)

    if tags and target.startswith("s3://"):
        # Object tags cost one GetObjectTagging per listed object, so they are checked last.
        from .sampling import ObjectCriteria, s3_tag_lookup, select
        from .sources.s3 import make_client

        lookup = s3_tag_lookup(make_client(endpoint_url))
        objects = select(objects, criteria=ObjectCriteria(tags=tags), tag_lookup=lookup)
    elif tags:
        objects = iter(())  # local files carry no tags, so none matches a tag criterion
    if sample is not None:
        from .sampling import sampled

        objects = (obj for obj in objects if sampled(obj.uri, sample))
    if checkpoint is None:
        yield from _scan_all(objects, one, workers)
        return
    from .checkpoint import Checkpoint, object_identity

    with Checkpoint.open(checkpoint, resume=resume) as journal:

        def step(obj: SourceObject) -> tuple[ObjectResult, str, bool]:
            identity = object_identity(obj.uri, obj.resource)
            replay = journal.result(identity) if journal.done(identity) else None
            if replay is not None:
                return replay, identity, True
            return one(obj), identity, False

        for result, identity, replayed in _scan_all(objects, step, workers):
            if not replayed:
                journal.record(identity, result)
            yield result


T = TypeVar("T")


def _scan_all(objects: Iterable[SourceObject], one: Callable[[SourceObject], T], workers: int) -> Iterator[T]:
    """Results in source order; ``workers`` threads with at most ``2 * workers`` in flight."""
    if workers <= 1:
        for obj in objects:
            yield one(obj)
        return
    with cf.ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[cf.Future[T]] = deque()
        for obj in objects:
            pending.append(pool.submit(one, obj))
            if len(pending) >= workers * 2:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
