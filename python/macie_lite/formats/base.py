"""The reader contract: an object's bytes in, text segments with Macie locations out.

A reader is a function ``read(stream, ctx) -> Iterator[Segment]`` registered for a format in
``formats/__init__.py``. It reads from a binary stream (a local file or an S3 body, not all in
memory at once where the format allows), yields segments lazily, and raises
:class:`FormatError` with Macie's status reason when the whole object cannot be read. A part
that cannot be read (one archive member, one attachment) is yielded as a ``skipped`` segment
so the scan reports the object PARTIAL and goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

MB = 1 << 20


class FormatError(Exception):
    """An object (or member) could not be read: Macie's status reason and a human detail.

    The detail never quotes the object's content."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class Segment:
    """A piece of text to scan and where it sits in Macie's terms.

    ``kind`` is the occurrence array it maps to: ``lineRanges`` (``location["line"]`` is the
    1-based line the data starts on), ``cells`` (``row``, ``column``, ``columnName``,
    ``cellReference``), ``records`` (``recordIndex``, ``jsonPath``), ``pages``
    (``pageNumber``), or ``skipped`` (a part that could not be read: ``location`` holds
    ``reason`` and ``detail``; ``data`` is empty). ``context`` holds the column name or key path
    elements whose keywords count as near every value of the segment. ``embedded`` is the path
    of the archive member the segment comes from (``a.zip/dir/b.csv``), or None."""

    data: bytes
    kind: str
    location: dict[str, Any] = field(default_factory=dict)
    context: tuple[str, ...] = ()
    embedded: str | None = None


@dataclass(frozen=True)
class Limits:
    """Macie's quotas, scaled for one machine; the scan enforces them while reading."""

    max_object_bytes: int = 20 * 1024 * MB
    archive_depth: int = 10
    archive_members: int = 1_000_000
    archive_total_bytes: int = 10 * 1024 * MB
    archive_member_bytes: int = 3 * 1024 * MB
    json_depth: int = 256
    text_chunk_bytes: int = 8 * MB


@dataclass
class ReadContext:
    """What a reader knows besides the bytes: the object's name (for the extension),
    the limits, the archive nesting depth, and the dispatcher for nested objects."""

    name: str
    limits: Limits = field(default_factory=Limits)
    depth: int = 0
    dispatch: Callable[[IO[bytes], ReadContext], Iterator[Segment]] | None = None
    embedded_prefix: str | None = None
    # Whether the scanner reports something in a key name (with its parents as context):
    # Macie omits jsonPath below such a name, so record readers need to know.
    name_is_sensitive: Callable[[str, tuple[str, ...]], bool] | None = None

    def child(self, name: str) -> ReadContext:
        prefix = f"{self.embedded_prefix}/{name}" if self.embedded_prefix else name
        return ReadContext(name, self.limits, self.depth + 1, self.dispatch, prefix, self.name_is_sensitive)


Reader = Callable[[IO[bytes], ReadContext], Iterator[Segment]]
