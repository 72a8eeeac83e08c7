"""Parquet tables for DuckDB and Athena: findings, occurrences and discovery results.

``write_parquet(results, path)`` makes ``path`` a directory with one folder per table, the
layout Athena needs (a table is an S3 prefix) and DuckDB globs::

    path/findings/part-00000.parquet      one row per detection type per object with a finding
    path/occurrences/part-00000.parquet   one row per listed occurrence (discovery result, <= 1,000 per type)
    path/results/part-00000.parquet       one row per object (its discovery result)

e.g. ``SELECT identifier_type, sum(count) FROM 'out/findings/*.parquet' GROUP BY 1``.
Occurrences join findings on ``(uri, identifier_type)`` (or ``finding_id``). Column names are
snake_case and avoid SQL keywords (``cell_row``, not ``row``). Masked previews are kept, raw
values never. ``embedded_file`` is the archive member path when the location names one.
Rows stream to the files in batches, so memory stays bounded.

Atomic: all three tables are written in a hidden staging folder inside ``path``, then each
table folder is swapped in by rename; an interrupted write leaves the previous tables in place.
Other files in ``path`` are left alone.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..identifiers import CustomDataIdentifier
from ..scan import ObjectResult
from .sarif import iter_detections, type_severity

PART_NAME = "part-00000.parquet"
BATCH_ROWS = 10_000
_TS = pa.timestamp("ms", tz="UTC")

FINDINGS_SCHEMA = pa.schema(
    [
        ("uri", pa.string()),
        ("finding_id", pa.string()),
        ("finding_type", pa.string()),
        ("severity", pa.string()),
        ("category", pa.string()),
        ("identifier_type", pa.string()),
        ("type_severity", pa.string()),
        ("is_custom", pa.bool_()),
        ("count", pa.int64()),
        ("status", pa.string()),
        ("mime_type", pa.string()),
        ("size", pa.int64()),
        ("created_at", _TS),
    ]
)
OCCURRENCES_SCHEMA = pa.schema(
    [
        ("uri", pa.string()),
        ("finding_id", pa.string()),
        ("result_id", pa.string()),
        ("identifier_type", pa.string()),
        ("category", pa.string()),
        ("kind", pa.string()),
        ("line_start", pa.int64()),
        ("line_end", pa.int64()),
        ("start_column", pa.int64()),
        ("cell_row", pa.int64()),
        ("cell_column", pa.int64()),
        ("column_name", pa.string()),
        ("cell_reference", pa.string()),
        ("record_index", pa.int64()),
        ("json_path", pa.string()),
        ("page_number", pa.int64()),
        ("embedded_file", pa.string()),
        ("masked_preview", pa.string()),
    ]
)
RESULTS_SCHEMA = pa.schema(
    [
        ("uri", pa.string()),
        ("result_id", pa.string()),
        ("finding_id", pa.string()),
        ("finding_type", pa.string()),
        ("severity", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("mime_type", pa.string()),
        ("size", pa.int64()),
        ("size_classified", pa.int64()),
        ("total_detections", pa.int64()),
        ("additional_occurrences", pa.bool_()),
        ("created_at", _TS),
    ]
)
TABLES: dict[str, pa.Schema] = {
    "findings": FINDINGS_SCHEMA,
    "occurrences": OCCURRENCES_SCHEMA,
    "results": RESULTS_SCHEMA,
}


def _timestamp(text: Any) -> _dt.datetime | None:
    if not isinstance(text, str) or not text:
        return None
    return _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _severity(record: dict[str, Any] | None) -> str | None:
    sev = (record or {}).get("severity") or {}
    desc = sev.get("description")
    return str(desc).upper() if desc else None


def _occurrence_row(base: dict[str, Any], kind: str, loc: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {
        **base,
        "kind": kind,
        "embedded_file": loc.get("embeddedFile"),
        "masked_preview": loc.get("maskedPreview"),
    }
    if kind in ("lineRanges", "offsetRanges"):
        row["line_start"] = _int(loc.get("start"))
        row["line_end"] = _int(loc.get("end"))
        row["start_column"] = _int(loc.get("startColumn"))
    elif kind == "cells":
        row["cell_row"] = _int(loc.get("row"))
        row["cell_column"] = _int(loc.get("column"))
        row["column_name"] = loc.get("columnName")
        row["cell_reference"] = loc.get("cellReference")
    elif kind == "records":
        row["record_index"] = _int(loc.get("recordIndex"))
        row["json_path"] = loc.get("jsonPath")
    elif kind == "pages":
        row["page_number"] = _int(loc.get("pageNumber"))
    return row


class _Table:
    """One Parquet file written in batches of ``BATCH_ROWS`` rows."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.schema = schema
        self.rows: list[dict[str, Any]] = []
        self.writer = pq.ParquetWriter(str(path), schema, compression="snappy")

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            columns = {name: [row.get(name) for row in self.rows] for name in self.schema.names}
            self.writer.write_table(pa.Table.from_pydict(columns, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _write_tables(results: Iterable[ObjectResult], stage: Path, custom: dict[str, CustomDataIdentifier]) -> None:
    tables: dict[str, _Table] = {}
    for name, schema in TABLES.items():
        (stage / name).mkdir()
        tables[name] = _Table(stage / name / PART_NAME, schema)
    try:
        for r in results:
            f = r.finding
            finding_id = f["id"] if f else None
            if f is not None:
                for category, type_name, det in iter_detections(f):
                    count = int(det.get("count") or 0)
                    tables["findings"].add(
                        {
                            "uri": r.uri,
                            "finding_id": finding_id,
                            "finding_type": f.get("type"),
                            "severity": _severity(f),
                            "category": category,
                            "identifier_type": type_name,
                            "type_severity": type_severity(type_name, count, custom),
                            "is_custom": category == "CUSTOM_IDENTIFIER",
                            "count": count,
                            "status": r.status,
                            "mime_type": r.mime_type,
                            "size": r.size,
                            "created_at": _timestamp(f.get("createdAt")),
                        }
                    )
            res = r.result
            total = 0
            for category, type_name, det in iter_detections(res):
                total += int(det.get("count") or 0)
                base = {
                    "uri": r.uri,
                    "finding_id": finding_id,
                    "result_id": res.get("id"),
                    "identifier_type": type_name,
                    "category": category,
                }
                for kind, locs in (det.get("occurrences") or {}).items():
                    for loc in locs or []:
                        tables["occurrences"].add(_occurrence_row(base, kind, loc))
            body = res["classificationDetails"]["result"]
            tables["results"].add(
                {
                    "uri": r.uri,
                    "result_id": res.get("id"),
                    "finding_id": finding_id,
                    "finding_type": f.get("type") if f else None,
                    "severity": _severity(f),
                    "status": r.status,
                    "reason": r.reason,
                    "detail": r.detail,
                    "mime_type": r.mime_type,
                    "size": r.size,
                    "size_classified": _int(body.get("sizeClassified")) or 0,
                    "total_detections": total,
                    "additional_occurrences": bool(
                        f and f["classificationDetails"]["result"].get("additionalOccurrences")
                    ),
                    "created_at": _timestamp(res.get("createdAt")),
                }
            )
    finally:
        for table in tables.values():
            table.close()


def write_parquet(results: Iterable[ObjectResult], path: str, *, custom: Sequence[CustomDataIdentifier] = ()) -> None:
    """Writes the three tables under the directory ``path`` (created if missing), atomically per
    table; pass the scanner's custom identifiers for their exact per-type severity."""
    if path in ("", "-"):
        raise ValueError("parquet output needs a directory path (-o DIR), not stdout")
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise ValueError(f"{path}: exists and is not a directory; parquet output is a directory of tables")
    target.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".macie-lite-", suffix=".tmp", dir=target))
    try:
        _write_tables(results, stage, {c.name: c for c in custom})
        for name in TABLES:
            final = target / name
            if final.exists():
                os.replace(final, stage / f"{name}.old")
            os.replace(stage / name, final)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(stage)
