"""A real two-process Dask cluster for the scale-out tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster


@contextmanager
def two_workers() -> Iterator[Client]:
    """2 single-threaded worker processes (spawned now, so they inherit the AWS variables set)."""
    cluster = LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        memory_limit="512MiB",
        dashboard_address=":0",
        silence_logs=40,
    )
    client = Client(cluster, timeout=60)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
