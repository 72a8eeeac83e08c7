"""A readable terminal summary: one row per object with findings, counts per identifier."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from ..scan import ObjectResult


def write_table(results: Iterable[ObjectResult], out: IO[str]) -> None:
    rows = []
    for r in results:
        if r.finding is not None:
            sev = (r.finding.get("severity") or {}).get("description", "")
            kinds = ", ".join(f"{t} x{n}" for t, n in sorted(r.counts.items()))
            rows.append((r.uri, sev, kinds))
        elif r.status != "COMPLETE":
            rows.append((r.uri, r.status, r.reason or ""))
    if not rows:
        out.write("no sensitive data found\n")
        return
    w0 = min(max(len(r[0]) for r in rows), 60)
    w1 = max(len(r[1]) for r in rows)
    out.write(f"{'OBJECT':<{w0}}  {'SEVERITY':<{w1}}  DETECTIONS\n")
    for uri, sev, kinds in rows:
        shown = uri if len(uri) <= w0 else "..." + uri[-(w0 - 3) :]
        out.write(f"{shown:<{w0}}  {sev:<{w1}}  {kinds}\n")
