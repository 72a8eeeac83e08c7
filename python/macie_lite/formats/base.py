"""The reader contract and the dispatch from an object's name and bytes to its reader."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


class FormatError(Exception):
    """An object could not be read: carries Macie's status reason and a human detail."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class Segment:
    """A piece of text to scan and where it sits in Macie's terms.

    ``kind`` is the occurrence array it maps to (lineRanges, cells, records, pages);
    ``location`` holds the fixed part of the location (row/column/columnName, recordIndex/
    jsonPath, pageNumber, or for text the line it starts on); ``context`` holds the column
    name or key path whose keywords count as near every value of the segment."""

    data: bytes
    kind: str
    location: dict[str, Any] = field(default_factory=dict)
    context: tuple[str, ...] = ()


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head


def read_object(name: str, data: bytes) -> tuple[str, Iterator[Segment]]:
    """The MIME type Macie would report and the segments of one object."""
    from . import text

    if _is_binary(data):
        raise FormatError("UNSUPPORTED_FILE_TYPE_EXCEPTION", "binary content of an unsupported type")
    return text.mime_type(name), text.segments(data)
