"""Plain text and logs: the whole object is one segment; occurrences are lineRanges."""

from __future__ import annotations

from collections.abc import Iterator

from .base import Segment

_MIME = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/json",
    "jsonl": "application/json",
    "html": "text/html",
    "htm": "text/html",
    "xml": "application/xml",
}


def mime_type(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _MIME.get(ext, "text/plain")


def segments(data: bytes) -> Iterator[Segment]:
    yield Segment(data=data, kind="lineRanges", location={"line": 1})
