"""Scan throughput (pytest-benchmark; off in the normal test run).

    pytest bench/test_scan_bench.py --benchmark-enable --benchmark-columns=median

Objects per second and MB/s for many small files and a few large ones, with 1 and 2 workers,
and for the same small files in a bucket on a loopback S3 server (moto), ALL identifiers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from corpus import cached
from macie_lite import Scanner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from s3_support import moto_server

SMALL_COUNT, SMALL_SIZE = 2000, 4 << 10
LARGE_COUNT, LARGE_SIZE = 4, 16 << 20


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(managed="ALL")


@pytest.fixture(scope="module")
def small_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    data = cached("sparse", SMALL_COUNT * SMALL_SIZE, 3000)
    for i in range(SMALL_COUNT):
        (root / f"d{i % 20}").mkdir(exist_ok=True)
        (root / f"d{i % 20}" / f"f{i}.log").write_bytes(data[i * SMALL_SIZE : (i + 1) * SMALL_SIZE])
    return root


@pytest.fixture(scope="module")
def large_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large")
    data = cached("sparse", LARGE_SIZE, 3000)
    for i in range(LARGE_COUNT):
        (root / f"big{i}.log").write_bytes(data)
    return root


@pytest.fixture(scope="module")
def bucket(small_tree: Path) -> Iterator[str]:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with moto_server() as url:
        s3 = boto3.client("s3", endpoint_url=url)
        s3.create_bucket(Bucket="bench")
        for path in sorted(small_tree.rglob("*.log"))[:500]:
            s3.put_object(Bucket="bench", Key=path.relative_to(small_tree).as_posix(), Body=path.read_bytes())
        yield url


def _run(benchmark, scanner: Scanner, target: str, count: int, size: int, **kw) -> None:  # type: ignore[no-untyped-def]
    def go() -> int:
        return sum(1 for _ in scanner.scan(target, **kw))

    assert benchmark.pedantic(go, rounds=3, iterations=1) == count
    median = benchmark.stats.stats.median
    benchmark.extra_info["objects/s"] = round(count / median, 1)
    benchmark.extra_info["MB/s"] = round(count * size / median / 1e6, 1)


@pytest.mark.parametrize("workers", [1, 2])
def test_many_small_files(benchmark, scanner: Scanner, small_tree: Path, workers: int) -> None:  # type: ignore[no-untyped-def]
    _run(benchmark, scanner, str(small_tree), SMALL_COUNT, SMALL_SIZE, workers=workers)


@pytest.mark.parametrize("workers", [1, 2])
def test_few_large_files(benchmark, scanner: Scanner, large_tree: Path, workers: int) -> None:  # type: ignore[no-untyped-def]
    _run(benchmark, scanner, str(large_tree), LARGE_COUNT, LARGE_SIZE, workers=workers)


@pytest.mark.parametrize("workers", [1, 4])
def test_s3_bucket_loopback(benchmark, scanner: Scanner, bucket: str, workers: int) -> None:  # type: ignore[no-untyped-def]
    _run(benchmark, scanner, "s3://bench", 500, SMALL_SIZE, workers=workers, endpoint_url=bucket)
