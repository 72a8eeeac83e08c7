"""One run, side by side: macie-lite's engine and ripgrep's PII alternation on the same corpus.

    python bench/compare.py [--size-mb 64]

Prints MB/s for each and our ratio to ripgrep, for the sparse, dense and no-PII variants,
plus short-line timings and 2-thread scaling. Medians of 3 runs.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import cached
from macie_lite import Scanner
from peers import ripgrep_count

LINE = (
    "2026-11-25T10:15:32.123Z INFO  [worker-7] order 88412 shipped to warehouse eu-west-2, "
    "latency_ms=41 retries=0 trace=9f8e7d6c5b4a3f2e"
)


def median_secs(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=64)
    args = ap.parse_args()
    size = args.size_mb << 20
    scanner = Scanner(managed="ALL")
    print(f"{'corpus':8} {'macie-lite MB/s':>16} {'detections':>10} {'ripgrep MB/s':>13} {'rg lines':>9} {'ratio':>6}")
    for name, every in (("sparse", 3000), ("dense", 200), ("none", None)):
        data = cached(name, size, every)
        ours = median_secs(lambda data=data: scanner.scan_bytes(data))
        dets = len(scanner.scan_bytes(data))
        with tempfile.NamedTemporaryFile(suffix=".txt") as fh:
            fh.write(data)
            fh.flush()
            rg = statistics.median(ripgrep_count(Path(fh.name))[0] for _ in range(3))
            rg_lines = ripgrep_count(Path(fh.name))[1]
        mb = len(data) / 1e6
        print(f"{name:8} {mb / ours:16.1f} {dets:10d} {mb / rg:13.1f} {rg_lines:9d} {rg / ours:6.2f}")
    n = 20000
    for label, fn in (("scan_text", scanner.scan_text), ("mask", scanner.mask)):
        secs = median_secs(lambda fn=fn: [fn(LINE) for _ in range(n)])
        print(f"{label} on a {len(LINE)}-byte clean line: {secs / n * 1e6:.2f} us")
    rec = Scanner()
    secs = median_secs(lambda: [rec.scan_text(LINE) for _ in range(n)])
    print(f"scan_text (RECOMMENDED) on the same line: {secs / n * 1e6:.2f} us")
    data = cached("sparse", size, 3000)
    chunks = [data[i : i + (1 << 20)] for i in range(0, len(data), 1 << 20)]
    one = median_secs(lambda: [scanner.scan_bytes(c) for c in chunks])
    with cf.ThreadPoolExecutor(2) as pool:
        two = median_secs(lambda: list(pool.map(scanner.scan_bytes, chunks)))
    print(f"threads: 1 -> {len(data) / 1e6 / one:.1f} MB/s, 2 -> {len(data) / 1e6 / two:.1f} MB/s ({one / two:.2f}x)")


if __name__ == "__main__":
    main()
