"""CSV and TSV: one ``cells`` segment per non-empty cell, the header line as ``lineRanges``.

Macie's columnar rules: rows count from 1 with the header record as row 1 (the first data row
is 2), columns from 1, and the column name counts as a keyword for every cell below it, so it
is the segment's context. Header names that hold sensitive data are reported as lineRanges,
hence the header record is scanned as one text line instead of as cells.

The stream is read line by line (bytes, decoded with replacement, BOM dropped) and fed to the
``csv`` module in strict mode, so a 5 GB file never sits in memory and non-UTF-8 bytes never
stop the scan. Rows are records: a quoted field with newlines is one row, a blank line is an
(empty) row, ragged rows are kept (cells past the header have no column name). A malformed
record (broken quoting, a field over the ``csv`` size limit, a line over the text chunk size)
and everything after it are read as plain text, from that record's first line on, so nothing
already reported is reported twice.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from .base import ReadContext, Segment
from .records import buffered
from .text import read_text

_BOM = b"\xef\xbb\xbf"


class _Malformed(Exception):
    """A line the csv reader must not see (longer than the chunk size)."""


class _Lines:
    """Decoded lines for ``csv.reader``, keeping the raw bytes of the record being read so a
    malformed record can be handed to the text reader unchanged."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.pending: list[bytes] = []
        self.lines_read = 0
        self.first = True

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self.stream.readline(self.limit)
        if not raw:
            raise StopIteration
        if self.first:
            self.first = False
            if raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
        self.pending.append(raw)
        if len(raw) >= self.limit and not raw.endswith(b"\n"):
            raise _Malformed
        self.lines_read += 1
        return raw.decode("utf-8", "replace")


def _read_delimited(stream: IO[bytes], ctx: ReadContext, delimiter: str) -> Iterator[Segment]:
    stream = buffered(stream)
    lines = _Lines(stream, ctx.limits.text_chunk_bytes)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    embedded = ctx.embedded_prefix
    record_line = 1  # physical line the current record starts on
    names: list[str | None] = []
    contexts: list[tuple[str, ...]] = []
    row = 0
    try:
        for cells in reader:
            row += 1
            if row == 1:
                header = b"".join(lines.pending).rstrip(b"\r\n")
                if header:
                    yield Segment(header, "lineRanges", {"line": record_line}, embedded=embedded)
                names = [c if c.strip() else None for c in cells]
                contexts = [(n,) if n else () for n in names]
            else:
                width = len(names)
                for i, cell in enumerate(cells):
                    if not cell:
                        continue
                    name = names[i] if i < width else None
                    yield Segment(
                        cell.encode("utf-8"),
                        "cells",
                        {"row": row, "column": i + 1, "columnName": name, "cellReference": None},
                        contexts[i] if i < width else (),
                        embedded,
                    )
            lines.pending.clear()
            record_line = lines.lines_read + 1
    except (csv.Error, _Malformed):
        yield from _as_text(lines.pending, stream, ctx, record_line)


def _as_text(pending: list[bytes], stream: IO[bytes], ctx: ReadContext, first_line: int) -> Iterator[Segment]:
    """The malformed record's raw lines and the rest of the stream, as plain text."""
    head = b"".join(pending)
    if head:
        yield Segment(head, "lineRanges", {"line": first_line}, embedded=ctx.embedded_prefix)
    offset = first_line - 1 + head.count(b"\n")
    for seg in read_text(stream, ctx):
        seg.location["line"] = seg.location.get("line", 1) + offset
        yield seg


def read_csv(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Comma-separated values (RFC 4180 quoting)."""
    return _read_delimited(stream, ctx, ",")


def read_tsv(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Tab-separated values (quoted fields accepted, as Excel and Python write them)."""
    return _read_delimited(stream, ctx, "\t")
