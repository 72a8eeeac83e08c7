"""Distributed scan throughput (pytest-benchmark; off in the normal test run).

    pytest bench/test_cluster_bench.py --benchmark-enable --benchmark-columns=median -p no:cacheprovider

Objects per second and MB/s on a loopback S3 server (moto) and on a local directory with a
LocalCluster of 1, 2 and 4 worker processes (1 thread each, cluster started and the Scanner
compiled on every worker before timing), against the local threads path with 1 and 2 threads,
ALL identifiers. ``tiny`` objects (64 bytes) isolate the per-object overhead of each path.
docs/SCALING.md records the figures measured on the project machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from corpus import cached
from distributed import Client, LocalCluster
from macie_lite import Scanner
from macie_lite.cluster import scan_cluster

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from s3_support import moto_server

ARGS = {"managed": "ALL"}
COUNT, SIZE = 400, 32 << 10  # 12.5 MiB of sparse text: 1 sensitive value per ~3,000 bytes
TINY_COUNT, TINY_SIZE = 400, 64


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(**ARGS)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cluster-bench")
    data = cached("sparse", COUNT * SIZE, 3000)
    for i in range(COUNT):
        (root / f"f{i:04d}.log").write_bytes(data[i * SIZE : (i + 1) * SIZE])
    return root


@pytest.fixture(scope="module")
def endpoint(tree: Path) -> Iterator[str]:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with moto_server() as url:
        from macie_lite.sources.s3 import make_client

        s3 = make_client(url)
        s3.create_bucket(Bucket="bench-sparse")
        s3.create_bucket(Bucket="bench-tiny")
        for path in sorted(tree.iterdir()):
            s3.put_object(Bucket="bench-sparse", Key=path.name, Body=path.read_bytes())
        for i in range(TINY_COUNT):
            s3.put_object(Bucket="bench-tiny", Key=f"t{i:04d}.txt", Body=b"x" * (TINY_SIZE - 1) + b"\n")
        yield url


@pytest.fixture(scope="module", params=[1, 2, 4])
def client(request: pytest.FixtureRequest, endpoint: str) -> Iterator[Any]:
    cluster = LocalCluster(
        n_workers=request.param, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=40
    )
    c = Client(cluster)
    # Compile the Scanner on every worker before timing (one tiny batch per worker).
    list(scan_cluster(ARGS, ["s3://bench-tiny"], cluster=c, endpoint_url=endpoint, batch_objects=1))
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def _record(benchmark: Any, go: Any, count: int, size: int) -> None:
    assert benchmark.pedantic(go, rounds=3, iterations=1) == count
    median = benchmark.stats.stats.median if benchmark.stats else 1.0
    benchmark.extra_info["objects/s"] = round(count / median, 1)
    benchmark.extra_info["MB/s"] = round(count * size / median / 1e6, 2)
    benchmark.extra_info["ms/object"] = round(1000 * median / count, 3)


@pytest.mark.parametrize("threads", [1, 2])
def test_local_threads_s3(benchmark: Any, scanner: Scanner, endpoint: str, threads: int) -> None:
    _record(
        benchmark,
        lambda: sum(1 for _ in scanner.scan("s3://bench-sparse", endpoint_url=endpoint, workers=threads)),
        COUNT,
        SIZE,
    )


@pytest.mark.parametrize("threads", [1, 2])
def test_local_threads_dir(benchmark: Any, scanner: Scanner, tree: Path, threads: int) -> None:
    _record(benchmark, lambda: sum(1 for _ in scanner.scan(str(tree), workers=threads)), COUNT, SIZE)


def test_local_threads_tiny(benchmark: Any, scanner: Scanner, endpoint: str) -> None:
    _record(
        benchmark, lambda: sum(1 for _ in scanner.scan("s3://bench-tiny", endpoint_url=endpoint)), TINY_COUNT, TINY_SIZE
    )


def test_cluster_s3(benchmark: Any, client: Any, endpoint: str) -> None:
    go = lambda: sum(1 for _ in scan_cluster(ARGS, ["s3://bench-sparse"], cluster=client, endpoint_url=endpoint))  # noqa: E731
    _record(benchmark, go, COUNT, SIZE)


def test_cluster_dir(benchmark: Any, client: Any, tree: Path) -> None:
    _record(benchmark, lambda: sum(1 for _ in scan_cluster(ARGS, [str(tree)], cluster=client)), COUNT, SIZE)


def test_cluster_tiny(benchmark: Any, client: Any, endpoint: str) -> None:
    go = lambda: sum(1 for _ in scan_cluster(ARGS, ["s3://bench-tiny"], cluster=client, endpoint_url=endpoint))  # noqa: E731
    _record(benchmark, go, TINY_COUNT, TINY_SIZE)
