"""Scanning objects end to end: source -> format reader -> engine -> findings.

Objects are scanned on a bounded thread pool (the Rust engine releases the GIL); results come
back in source order. Every object gets a result, including those that could not be read.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import findings
from .formats import FormatError, Segment, read_object
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
    return findings.Occurrence(seg.kind, loc)


def scan_object(
    scanner: Scanner, obj: SourceObject, *, preview: bool = True, reveal: bool = False, job_id: str = "local"
) -> ObjectResult:
    """Reads, scans and reports one object; never raises for a bad object."""
    customs = {c.name: c for c in scanner.custom}

    def outcome(
        status: str,
        reason: str | None,
        detail: str | None,
        mime: str | None,
        items: Sequence[tuple[str, str, findings.Occurrence]],
        size_classified: int,
    ) -> ObjectResult:
        grouped = findings.group_detections(items, customs)
        common = {
            "resource": obj.resource,
            "detections": grouped,
            "status": status,
            "reason": reason,
            "mime_type": mime,
            "size_classified": size_classified,
            "job_id": job_id,
            "preview": preview,
        }
        finding = findings.build_result(**common, reveal=reveal)  # type: ignore[arg-type]
        result = findings.build_result(**common, cap=None)  # type: ignore[arg-type]
        assert result is not None
        if detail:
            result["classificationDetails"]["result"]["status"]["detail"] = detail
        counts = {t.type: t.count for t in grouped}
        return ObjectResult(obj.uri, obj.size, status, reason, detail, mime, finding, result, counts)

    if obj.error is not None:
        return outcome("SKIPPED", obj.error[0], obj.error[1], None, [], 0)
    try:
        data = obj.read()
    except OSError as exc:
        return outcome("SKIPPED", "PERMISSION_DENIED", exc.strerror or type(exc).__name__, None, [], 0)
    try:
        mime, segments = read_object(obj.name, data)
        items: list[tuple[str, str, findings.Occurrence]] = []
        for seg in segments:
            for d in scanner.scan_bytes(seg.data, seg.context):
                value = seg.data[d.start : d.end].decode("utf-8", "replace")
                occ = _occurrence(seg, value, d.line, d.column)
                if preview:
                    occ.preview = findings.masked_preview(d.type, value)
                if reveal:
                    occ.raw = value
                items.append((d.type, d.category, occ))
    except FormatError as exc:
        return outcome("SKIPPED", exc.reason, exc.detail, None, [], 0)
    return outcome("COMPLETE", None, None, mime, items, len(data))


def scan_target(
    scanner: Scanner,
    target: str,
    *,
    workers: int = 1,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    preview: bool = True,
    reveal: bool = False,
) -> Iterator[ObjectResult]:
    """Scans every object of ``target`` (a file or a directory), ``workers`` at a time."""
    from .sources.files import iter_files

    objects = iter_files(target, include, exclude)
    if workers <= 1:
        for obj in objects:
            yield scan_object(scanner, obj, preview=preview, reveal=reveal)
        return
    with cf.ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[cf.Future[ObjectResult]] = deque()
        for obj in objects:
            pending.append(pool.submit(scan_object, scanner, obj, preview=preview, reveal=reveal))
            if len(pending) >= workers * 2:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
