"""Parquet and Avro: every field value is a ``records`` segment (0-based record, jsonPath).

Values become text (numbers, decimals and dates too; bytes are scanned as they are); booleans
and nulls are not scanned. Field names count as keywords for the values below them, are
scanned once per file (they come from the schema, not from each record) and, through
``ctx.name_is_sensitive``, hide the jsonPath below a name that holds sensitive data; nested
structs, lists and maps get JSON-style paths (``$.customer.phones[1]``), as in records.py.

Parquet is read one batch at a time, column by column (``to_pylist`` per column, numbers cast
to text by Arrow), so the per-value Python work is one loop step and one Segment. Parquet needs
seeking: a stream that cannot seek is spooled to a temporary file first. A file that cannot be
opened is MALFORMED_FILE; one that fails while being read is UNABLE_TO_PARSE_FILE (PARTIAL if
records were already read; Parquet field names are only yielded once the first batch decodes,
so a file whose data cannot be read at all is SKIPPED). Details name the failure, never the
content.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from .base import MB, FormatError, ReadContext, Segment
from .records import PathWalker, leaf_bytes, name_piece, render_path

SPOOL_IN_MEMORY_BYTES = 64 * MB
PARQUET_BATCH_ROWS = 16_384


def _seekable(stream: IO[bytes]) -> tuple[IO[bytes], IO[bytes] | None]:
    """The stream itself when it can seek, else a spooled copy (returned twice, to close)."""
    try:
        if stream.seekable():
            return stream, None
    except (AttributeError, OSError, ValueError):
        pass
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES)
    shutil.copyfileobj(stream, spool, MB)
    spool.seek(0)
    return spool, spool


def _texts(column: Any) -> list[Any]:
    """A column's values as Python objects; numbers and dates cast to text by Arrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = column.type
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t) or pa.types.is_temporal(t):
        try:
            return pc.cast(column, pa.string()).to_pylist()  # type: ignore[no-any-return]
        except pa.ArrowException:
            pass
    return column.to_pylist(maps_as_pydicts="lossy")  # type: ignore[no-any-return]


def _is_nested(t: Any) -> bool:
    import pyarrow as pa

    return bool(
        pa.types.is_struct(t)
        or pa.types.is_list(t)
        or pa.types.is_large_list(t)
        or pa.types.is_map(t)
        or pa.types.is_fixed_size_list(t)
    )


def read_parquet(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Apache Parquet, record by record across row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source, spool = _seekable(stream)
    try:
        try:
            pf = pq.ParquetFile(source)
            schema = pf.schema_arrow
        except Exception as exc:
            raise FormatError("MALFORMED_FILE", f"not a readable Parquet file ({type(exc).__name__})") from None
        walker = PathWalker(ctx)
        embedded = ctx.embedded_prefix
        columns = []
        names_read: list[Segment] = []  # yielded once data decodes, so a corrupt file is SKIPPED
        for f in schema:
            seg, hidden = walker.name_segment(f.name, (), 0) if f.name else (None, False)
            if seg is not None:
                names_read.append(seg)
            piece = name_piece(f.name)
            columns.append((f.name, (piece,), render_path((piece,)), (f.name,), hidden, _is_nested(f.type)))
        base = 0
        batches = pf.iter_batches(batch_size=PARQUET_BATCH_ROWS)
        while True:
            try:
                batch = next(batches, None)
                if batch is None:
                    break
                values = [_texts(batch.column(j)) for j in range(batch.num_columns)]
            except (pa.ArrowException, OSError, ValueError) as exc:
                raise FormatError(
                    "UNABLE_TO_PARSE_FILE", f"Parquet data could not be decoded ({type(exc).__name__})"
                ) from None
            yield from names_read
            names_read = []
            for (_name, pieces, path, names, hidden, nested), vals in zip(columns, values):
                if nested:
                    for i, v in enumerate(vals):
                        if v is not None:
                            yield from walker.walk(v, base + i, pieces, names, hidden, depth=1)
                    continue
                for i, v in enumerate(vals):
                    if v is None:
                        continue
                    data = v.encode("utf-8", "surrogatepass") if isinstance(v, str) else leaf_bytes(v)
                    if data:
                        loc = {"recordIndex": base + i} if hidden else {"recordIndex": base + i, "jsonPath": path}
                        yield Segment(data, "records", loc, names, embedded)
            base += batch.num_rows
        yield from names_read  # a file without rows still has its field names scanned
    finally:
        if spool is not None:
            spool.close()


def read_avro(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Apache Avro object container files (records decoded by fastavro)."""
    import fastavro

    try:
        records = iter(fastavro.reader(stream))
    except Exception as exc:
        raise FormatError("MALFORMED_FILE", f"not a readable Avro file ({type(exc).__name__})") from None
    walker = PathWalker(ctx)
    index = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:
            raise FormatError(
                "UNABLE_TO_PARSE_FILE", f"Avro record {index} could not be decoded ({type(exc).__name__})"
            ) from None
        yield from walker.walk(record, index)
        index += 1
