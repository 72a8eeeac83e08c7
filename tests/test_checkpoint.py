"""Resumable runs: the checkpoint journal (atomic lines, a torn last line dropped), and a
cluster run interrupted then resumed with no object scanned twice and every finding once."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cluster_support import two_workers
from macie_lite import Scanner
from macie_lite.checkpoint import FORMAT, Checkpoint, checkpoint_path, object_identity
from macie_lite.cluster import scan_cluster, worker_stats
from macie_lite.scan import ObjectResult
from macie_lite.sources.s3 import make_client
from s3_support import loopback_s3

SSN = "ssn 536-22-1234"
CARD = "card 4532015112830366"
BUCKET = "resume-me"
N = 40


def _result(uri: str, counts: dict[str, int]) -> ObjectResult:
    return ObjectResult(uri, 10, "COMPLETE", None, None, "text/plain", None, {"k": [1, 2]}, counts)


def test_journal_round_trip_and_torn_last_line(tmp_path: Path) -> None:
    path = checkpoint_path(tmp_path / "out.json")
    assert path.name == "out.json.checkpoint.jsonl"
    with Checkpoint.open(path) as ck:
        ck.record("a", _result("s3://b/a", {"X": 1}))
        ck.record("b", _result("s3://b/b", {}))
    size = path.stat().st_size
    with path.open("ab") as fh:  # a crash in the middle of a write
        fh.write(b'{"format":"' + FORMAT.encode() + b'","id":"c","res')
    with Checkpoint.open(path) as ck:
        assert len(ck) == 2 and ck.done("a") and ck.done("b") and not ck.done("c")
        assert path.stat().st_size == size  # the torn line was cut off
        assert [r.uri for r in ck.replay()] == ["s3://b/a", "s3://b/b"]
        replayed = ck.result("a")
        assert replayed is not None and replayed.counts == {"X": 1} and replayed.result == {"k": [1, 2]}
        ck.record("c", _result("s3://b/c", {"Y": 2}))
    lines = path.read_bytes().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "b", "c"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with Checkpoint.open(path, resume=False) as ck:  # a fresh run starts an empty journal
        assert len(ck) == 0
    assert path.stat().st_size == 0


def test_identity_changes_with_the_object() -> None:
    s3a = {"s3Object": {"eTag": "abc"}}
    s3b = {"s3Object": {"eTag": "abd"}}
    assert object_identity("s3://b/k", s3a) != object_identity("s3://b/k", s3b)
    assert object_identity("s3://b/k", s3a) == object_identity("s3://b/k", {"s3Object": {"eTag": "abc"}})
    f1 = {"localFile": {"size": 3, "lastModified": "2026-01-01T00:00:00Z"}}
    f2 = {"localFile": {"size": 4, "lastModified": "2026-01-01T00:00:00Z"}}
    assert object_identity("/x", f1) != object_identity("/x", f2)


@pytest.fixture(scope="module")
def s3() -> Iterator[str]:
    with loopback_s3() as url:
        client = make_client(url)
        client.create_bucket(Bucket=BUCKET)
        for i in range(N):
            body = f"line {i}\n{SSN}\n" if i % 2 else f"row {i}\n{CARD}\n{SSN}\n"
            client.put_object(Bucket=BUCKET, Key=f"k{i:03d}.txt", Body=(body + "filler\n" * 2000).encode())
        yield url


@pytest.fixture(scope="module")
def client(s3: str) -> Iterator[Any]:
    with two_workers() as c:
        yield c


def _scanned(client: Any) -> int:
    """Objects scanned by the workers so far, once they are idle: no task processing or
    executing and the count unchanged over 5 polls (a cancelled task that was already running
    finishes its batch, and cancellation reaches the workers asynchronously)."""
    deadline = time.monotonic() + 30
    last, stable = -1, 0
    while stable < 5:
        assert time.monotonic() < deadline, "workers did not settle"
        running = client.run(lambda dask_worker: len(dask_worker.state.executing))
        count = sum(s["objects"] for s in client.run(worker_stats).values())
        idle = not any(client.processing().values()) and not any(running.values())
        stable = stable + 1 if idle and count == last else 0
        last = count
        time.sleep(0.05)
    return last


def _findings(results: list[ObjectResult]) -> Counter[tuple[str, str]]:
    return Counter((r.uri, t) for r in results for t, n in r.counts.items() for _ in range(n))


def test_interrupted_run_resumes_without_rescanning(s3: str, client: Any, tmp_path: Path) -> None:
    journal = checkpoint_path(tmp_path / "findings.jsonl")
    local = list(Scanner().scan(f"s3://{BUCKET}", endpoint_url=s3))
    assert len(local) == N

    before = _scanned(client)
    run = scan_cluster(
        {}, [f"s3://{BUCKET}"], cluster=client, endpoint_url=s3, checkpoint=journal, batch_objects=2, max_in_flight=2
    )
    first = [next(run) for _ in range(9)]
    run.close()  # interrupted: pending batches are cancelled, the journal closed
    with Checkpoint.open(journal) as ck:
        finished = len(ck)
    assert 9 <= finished < N  # what was yielded is journalled; the rest is not
    run1_scans = _scanned(client) - before
    assert run1_scans <= finished + 2 * 2  # at most the in-flight window was scanned and dropped

    before = _scanned(client)
    resumed = list(
        scan_cluster(
            {}, [f"s3://{BUCKET}"], cluster=client, endpoint_url=s3, checkpoint=journal, resume=True, ordered=True
        )
    )
    assert _scanned(client) - before == N - finished  # finished objects were not scanned again
    assert [r.uri for r in resumed] == [r.uri for r in local]  # every object once, in listing order
    assert _findings(resumed) == _findings(local)  # no finding lost or duplicated
    assert {r.uri for r in first} <= {r.uri for r in resumed}
    ids = [json.loads(line)["id"] for line in journal.read_bytes().splitlines()]
    assert len(ids) == N == len(set(ids))  # each object journalled exactly once over both runs

    before = _scanned(client)
    again = list(scan_cluster({}, [f"s3://{BUCKET}"], cluster=client, endpoint_url=s3, checkpoint=journal, resume=True))
    assert _scanned(client) == before  # a finished run resumes to nothing to do
    assert sorted(r.uri for r in again) == sorted(r.uri for r in local)

    # An object changed since the checkpoint is scanned again; the others are replayed.
    make_client(s3).put_object(Bucket=BUCKET, Key="k003.txt", Body=b"now clean\n")
    before = _scanned(client)
    changed = {
        r.uri: r
        for r in scan_cluster({}, [f"s3://{BUCKET}"], cluster=client, endpoint_url=s3, checkpoint=journal, resume=True)
    }
    assert _scanned(client) - before == 1
    assert len(changed) == N and changed[f"s3://{BUCKET}/k003.txt"].counts == {}
    assert os.path.getsize(journal) > 0
