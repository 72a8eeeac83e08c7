"""A readable terminal summary: one row per object with findings, counts per identifier."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from ..scan import ObjectResult


def write_table(results: Iterable[ObjectResult], out: IO[str]) -> None:
    rows = []
    seen: list[ObjectResult] = []
    for r in results:
        seen.append(r)
        if r.finding is not None:
            sev = (r.finding.get("severity") or {}).get("description", "")
            kinds = ", ".join(f"{t} x{n}" for t, n in sorted(r.counts.items()))
            rows.append((r.uri, sev, kinds))
        elif r.status != "COMPLETE":
            rows.append((r.uri, r.status, r.reason or ""))
    if not rows:
        out.write("no sensitive data found\n")
    else:
        _objects(rows, out)
    _buckets(seen, out)


def _buckets(results: list[ObjectResult], out: IO[str]) -> None:
    """Bucket sensitivity scores (Macie's automated-discovery scale) for S3 targets."""
    from ..scores import result_bucket, score_results

    pairs = [(result_bucket(r), r) for r in results]
    pairs = [(b, r) for b, r in pairs if b]
    if not pairs:
        return
    board = score_results(pairs)
    out.write(f"\n{'BUCKET':<30}  SCORE  LABEL              OBJECTS  SENSITIVE  SKIPPED\n")
    for rec in board.records():
        st = rec["statistics"]
        out.write(
            f"{rec['bucket']:<30}  {rec['sensitivityScore']:>5}  {rec['label']:<17}  "
            f"{st['totalItemsClassified']:>7}  {st['totalItemsSensitive']:>9}  {st['totalItemsSkipped']:>7}\n"
        )


def _objects(rows: list[tuple[str, str, str]], out: IO[str]) -> None:
    w0 = min(max(len(r[0]) for r in rows), 60)
    w1 = max(len(r[1]) for r in rows)
    out.write(f"{'OBJECT':<{w0}}  {'SEVERITY':<{w1}}  DETECTIONS\n")
    for uri, sev, kinds in rows:
        shown = uri if len(uri) <= w0 else "..." + uri[-(w0 - 3) :]
        out.write(f"{shown:<{w0}}  {sev:<{w1}}  {kinds}\n")
