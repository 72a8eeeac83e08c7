"""Engine throughput (pytest-benchmark; off in the normal test run, on with `make bench`).

    pytest bench/test_engine_bench.py --benchmark-enable --benchmark-columns=median,ops

MB/s = corpus size / median. Corpus: bench/corpus.py (sparse = one planted value per ~3 KB).
"""

from __future__ import annotations

import pytest
from corpus import cached
from macie_lite import Scanner

MB = 1 << 20
SIZE = 64 * MB
CHUNK = 64 << 10
CLEAN_LINE = (
    "2026-11-25T10:15:32.123Z INFO  [worker-7] order 88412 shipped to warehouse eu-west-2, "
    "latency_ms=41 retries=0 trace=9f8e7d6c5b4a3f2e"
)


@pytest.fixture(scope="module")
def scanner_all() -> Scanner:
    return Scanner(managed="ALL")


@pytest.fixture(scope="module")
def sparse() -> bytes:
    return cached("sparse", SIZE, 3000)


def _mbps(benchmark: pytest.FixtureRequest, nbytes: int) -> None:
    stats = benchmark.stats.stats  # type: ignore[attr-defined]
    benchmark.extra_info["MB/s"] = round(nbytes / stats.median / 1e6, 1)  # type: ignore[attr-defined]


def test_scan_bytes_64mb_sparse(benchmark, scanner_all: Scanner, sparse: bytes) -> None:  # type: ignore[no-untyped-def]
    result = benchmark.pedantic(scanner_all.scan_bytes, args=(sparse,), rounds=3, iterations=1)
    assert len(result) > 1000
    _mbps(benchmark, len(sparse))


def test_scan_bytes_64kb_chunks(benchmark, scanner_all: Scanner, sparse: bytes) -> None:  # type: ignore[no-untyped-def]
    chunks = [sparse[i : i + CHUNK] for i in range(0, 16 * MB, CHUNK)]

    def run() -> int:
        return sum(len(scanner_all.scan_bytes(c)) for c in chunks)

    assert benchmark.pedantic(run, rounds=3, iterations=1) > 100
    _mbps(benchmark, 16 * MB)


def test_scan_text_short_clean_line(benchmark, scanner_all: Scanner) -> None:  # type: ignore[no-untyped-def]
    assert benchmark(scanner_all.scan_text, CLEAN_LINE) == []


def test_mask_short_clean_line(benchmark, scanner_all: Scanner) -> None:  # type: ignore[no-untyped-def]
    assert benchmark(scanner_all.mask, CLEAN_LINE) == CLEAN_LINE
