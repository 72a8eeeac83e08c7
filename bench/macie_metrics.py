"""macie-lite's own numbers for the regression guard: MB/s and detections of ``scan_bytes`` on
each corpus variant, and per-call microseconds of ``scan_text`` and ``mask`` on a short clean line."""

from __future__ import annotations

import statistics
import time
from typing import Any

from corpus import cached
from macie_lite import Scanner

VARIANTS: tuple[tuple[str, int | None], ...] = (("sparse", 3000), ("dense", 200), ("none", None))
LINE = (
    "2026-11-25T10:15:32.123Z INFO  [worker-7] order 88412 shipped to warehouse eu-west-2, "
    "latency_ms=41 retries=0 trace=9f8e7d6c5b4a3f2e"
)


def _times(fn: Any, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def measure(size_mb: int, runs: int = 3, line_calls: int = 20000) -> dict[str, Any]:
    """Median of ``runs``: MB/s (1e6 bytes) and detections per variant; best batch: microseconds
    per call on ``LINE`` for ``scan_text`` and ``mask`` (``managed="ALL"``)."""
    scanner = Scanner(managed="ALL")
    variants: dict[str, dict[str, float]] = {}
    for name, every in VARIANTS:
        data = cached(name, size_mb << 20, every)
        scanner.scan_bytes(data[: 1 << 20])  # warm up
        secs = statistics.median(_times(lambda data=data: scanner.scan_bytes(data), runs))
        variants[name] = {"mb_per_s": round(len(data) / 1e6 / secs, 1), "detections": len(scanner.scan_bytes(data))}
    lines: dict[str, float] = {"line_bytes": len(LINE)}
    for label, fn in (("scan_text_us", scanner.scan_text), ("mask_us", scanner.mask)):
        # best of 5+ batches: a µs-scale timing on a shared machine is mostly noise above its floor
        secs = min(_times(lambda fn=fn: [fn(LINE) for _ in range(line_calls)], max(runs, 5)))
        lines[label] = round(secs / line_calls * 1e6, 3)
    return {"size_mb": size_mb, "variants": variants, "short_lines": lines}
