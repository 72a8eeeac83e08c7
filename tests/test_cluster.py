"""The distributed scan on a real LocalCluster (2 worker processes, 1 thread each) against moto's
S3 server on 127.0.0.1: same results as a local scan object for object, one Scanner compiled per
worker, sampling and bucket scores on the cluster, and a worker SIGKILLed mid-run."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cluster_support import two_workers
from macie_lite import Scanner
from macie_lite.allow_lists import AllowList
from macie_lite.cluster import (
    ObjectRef,
    ScanOptions,
    _Batch,
    _rescue,
    scan_batch,
    scan_cluster,
    scanner_key,
    worker_stats,
)
from macie_lite.identifiers import CustomDataIdentifier
from macie_lite.sampling import sampled
from macie_lite.scan import ObjectResult
from macie_lite.scores import BucketStats, ScoreBoard, label, result_bucket, score_results
from macie_lite.sources.s3 import make_client
from s3_support import loopback_s3

SSN = "ssn 536-22-1234"
CARD = "card 4532015112830366"
EMAIL = "email jane.doe@example.org"
BUCKET = "scan-main"
CLEAN = "scan-clean"
HEAVY = "scan-heavy"
N_MAIN = 30
N_HEAVY = 24


def _body(i: int) -> tuple[str, bytes]:
    kind = i % 5
    if kind == 0:
        return f"docs/note{i:03d}.txt", f"note {i}\n{SSN}\n{CARD}\n".encode()
    if kind == 1:
        return f"data/table{i:03d}.csv", f"id,ssn,note\n{i},536-22-1234,x\n{i + 1},none,y\n".encode()
    if kind == 2:
        return (
            f"data/rec{i:03d}.json",
            f'{{"id": {i}, "contact": "jane.doe@example.org", "card": "4532015112830366"}}'.encode(),
        )
    if kind == 3:
        return f"logs/clean{i:03d}.log", f"nothing sensitive on line {i}\n".encode() * 50
    return f"bin/blob{i:03d}.bin", bytes(range(256)) * 8


def heavy_body(i: int) -> bytes:
    """About 1.5 MB of text with 3 SSN lines: long enough that a worker is busy when killed."""
    lines = [f"row {j:06d} filler text with nothing to report at all" for j in range(30_000)]
    for j in (100, 15_000, 29_000):
        lines[j] = f"row {j:06d} {SSN} recorded"
    return ("\n".join(lines) + f"\nobject {i}\n").encode()


@pytest.fixture(scope="module")
def s3() -> Iterator[str]:
    with loopback_s3() as url:
        client = make_client(url)
        for name in (BUCKET, CLEAN, HEAVY):
            client.create_bucket(Bucket=name)
        for i in range(N_MAIN):
            key, body = _body(i)
            client.put_object(Bucket=BUCKET, Key=key, Body=body)
        client.put_object(Bucket=BUCKET, Key="cold/archived.txt", Body=f"{SSN}\n".encode(), StorageClass="GLACIER")
        client.put_object(Bucket=BUCKET, Key="empty.txt", Body=b"")
        for i in range(6):
            client.put_object(Bucket=CLEAN, Key=f"c{i}.txt", Body=b"just words\n")
        for i in range(N_HEAVY):
            client.put_object(Bucket=HEAVY, Key=f"h{i:03d}.txt", Body=heavy_body(i))
        yield url


@pytest.fixture(scope="module")
def client(s3: str) -> Iterator[Any]:
    with two_workers() as c:
        yield c


def comparable(r: ObjectResult) -> tuple[Any, ...]:
    """An ObjectResult without what differs between two scans of the same object (record ids
    and timestamps)."""

    def strip(doc: dict[str, Any] | None) -> dict[str, Any] | None:
        if doc is None:
            return None
        return {k: v for k, v in doc.items() if k not in ("id", "createdAt", "updatedAt")}

    return (r.uri, r.size, r.status, r.reason, r.detail, r.mime_type, strip(r.finding), strip(r.result), r.counts)


def local_scan(url: str, bucket: str) -> list[ObjectResult]:
    return list(Scanner().scan(f"s3://{bucket}", endpoint_url=url))


def test_cluster_scan_equals_local_scan_object_for_object(s3: str, client: Any) -> None:
    local = local_scan(s3, BUCKET)
    assert len(local) == N_MAIN + 2  # 30 objects, the archived one and empty.txt
    streamed = list(scan_cluster({}, [f"s3://{BUCKET}"], cluster=client, endpoint_url=s3, batch_objects=3))
    assert sorted(map(comparable, streamed)) == sorted(map(comparable, local))
    assert len({r.uri for r in streamed}) == len(local)
    ordered = list(scan_cluster({}, [f"s3://{BUCKET}"], cluster=client, endpoint_url=s3, batch_objects=4, ordered=True))
    assert [comparable(r) for r in ordered] == [comparable(r) for r in local]
    statuses = {r.uri.rsplit("/", 1)[-1]: r.status for r in ordered}
    assert statuses["archived.txt"] == "SKIPPED"
    assert sum(1 for r in ordered if r.finding is not None) == 18  # notes, tables, json records
    stats = client.run(worker_stats)
    assert len(stats) == 2
    assert all(s["compiles"] == 1 and s["cached_scanners"] == 1 for s in stats.values())
    assert sum(s["objects"] for s in stats.values()) >= 2 * len(local)
    assert all(s["objects"] > 0 for s in stats.values())  # the listing was spread over both


def test_a_new_selection_is_compiled_once_more_per_worker(s3: str, client: Any) -> None:
    args = {"managed": ["USA_SOCIAL_SECURITY_NUMBER"]}
    results = list(scan_cluster(args, [f"s3://{BUCKET}"], cluster=client, endpoint_url=s3, batch_objects=2))
    expected = [comparable(r) for r in Scanner(**args).scan(f"s3://{BUCKET}", endpoint_url=s3)]
    assert sorted(map(comparable, results)) == sorted(expected)
    assert {t for r in results for t in r.counts} == {"USA_SOCIAL_SECURITY_NUMBER"}
    stats = client.run(worker_stats)
    assert all(s["cached_scanners"] == 2 for s in stats.values() if s["objects"] > 2 * (N_MAIN + 2) // 2)
    assert sum(s["compiles"] for s in stats.values()) in (3, 4)  # once per worker per selection
    assert scanner_key(args) != scanner_key({})


def test_custom_identifiers_and_allow_lists_travel_to_the_workers(s3: str, client: Any) -> None:
    args = {
        "managed": "NONE",
        "custom": [CustomDataIdentifier(name="NOTE_ID", regex=r"note [0-9]+")],
        "allow_lists": [AllowList(words=("note 0",))],
    }
    expected = [comparable(r) for r in Scanner(**args).scan(f"s3://{BUCKET}/docs/", endpoint_url=s3)]
    got = list(scan_cluster(args, [f"s3://{BUCKET}/docs/"], cluster=client, endpoint_url=s3, ordered=True))
    assert [comparable(r) for r in got] == expected
    assert [r.counts for r in got] == [{}] + [{"NOTE_ID": 1}] * 5  # "note 0" is allow-listed


def test_sampling_and_scores_on_the_cluster(s3: str, client: Any) -> None:
    board = ScoreBoard()
    results = list(
        scan_cluster({}, ["s3://scan-*"], cluster=client, endpoint_url=s3, sample=50, scores=board, seed="t")
    )
    every = [r.uri for b in (BUCKET, CLEAN, HEAVY) for r in local_scan(s3, b)]
    picked = sorted(r.uri for r in results)
    assert picked == sorted(u for u in every if sampled(u, 50, "t"))
    assert 0 < len(picked) < len(every)
    stats = board.buckets
    assert set(stats) == {BUCKET, CLEAN, HEAVY}
    assert stats[BUCKET].eligible == N_MAIN + 2
    assert stats[CLEAN].eligible == 6 and stats[HEAVY].eligible == N_HEAVY
    assert sum(s.items_classified for s in stats.values()) == len(picked)
    scores = board.scores()
    assert 51 <= scores[BUCKET] <= 99 and label(scores[BUCKET]) == "Sensitive"
    assert 51 <= scores[HEAVY] <= 99
    assert 1 <= scores[CLEAN] <= 49 and label(scores[CLEAN]) == "Not sensitive"
    again = score_results([(result_bucket(r), r) for r in results], {b: s.eligible for b, s in stats.items()})
    assert again.scores() == scores  # the same scores from the results alone (e.g. a local scan)
    record = {r["bucket"]: r for r in board.records()}[BUCKET]
    assert record["sensitivityScore"] == scores[BUCKET]
    assert record["statistics"]["totalItemsSensitive"] == stats[BUCKET].items_sensitive > 0


def test_score_semantics() -> None:
    assert BucketStats("empty").score == 1
    assert BucketStats("unseen", eligible=10, eligible_bytes=100).score == 50
    errors = BucketStats("err", eligible=3, eligible_bytes=30, items_classified=3, items_skipped=3)
    assert errors.score == -1 and label(-1) == "Classification error"
    clean_full = BucketStats("c", eligible=10, eligible_bytes=100, items_classified=10)
    clean_tenth = BucketStats("c", eligible=100, eligible_bytes=1000, items_classified=10)
    assert clean_full.score == 1 and clean_tenth.score == 44
    weak = BucketStats("w", eligible=100, eligible_bytes=1, items_classified=100, items_sensitive=1, detections=1)
    weak.types = {"EMAIL_ADDRESS": "PERSONAL_INFORMATION"}
    strong = BucketStats("s", eligible=100, eligible_bytes=1, items_classified=100, items_sensitive=90, detections=5000)
    strong.types = {
        "AWS_CREDENTIALS": "CREDENTIALS",
        "CREDIT_CARD_NUMBER": "FINANCIAL_INFORMATION",
        "X": "PERSONAL_INFORMATION",
    }
    assert 51 <= weak.score < strong.score <= 99
    lost = BucketStats("l", eligible=5, eligible_bytes=5, listing_failed=True)
    assert lost.score == 50 and label(50) == "Not yet analysed"


def test_directory_target_on_local_n(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{SSN}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.csv").write_text(f"name,contact\nAna,{EMAIL}\n")
    (tmp_path / "sub" / "c.txt").write_text("nothing\n")
    local = [comparable(r) for r in Scanner().scan(str(tmp_path))]
    remote = [comparable(r) for r in scan_cluster({}, [str(tmp_path)], cluster="local:1", ordered=True)]
    assert remote == local
    assert [r[0].rsplit("/", 1)[-1] for r in remote] == ["a.txt", "b.csv", "c.txt"]


def test_objects_that_keep_failing_are_reported_not_dropped(client: Any) -> None:
    # An endpoint the workers cannot even build an S3 client for: every task raises ValueError.
    opts = ScanOptions(endpoint_url="http://[broken")
    refs = [
        ObjectRef(
            f"s3://{BUCKET}/k{i}.txt",
            f"k{i}.txt",
            5,
            {"s3Bucket": {"name": BUCKET}, "s3Object": {"key": f"k{i}.txt", "eTag": "e"}},
        )
        for i in range(3)
    ]
    batch = _Batch(7, [(r.uri, BUCKET, r) for r in refs])
    failed = client.submit(scan_batch, scanner_key({}), {}, refs, opts, pure=False)
    with pytest.raises(ValueError):
        failed.result(timeout=60)
    rescued = _rescue(client, failed, batch, scanner_key({}), {}, opts, 0, "test", [])
    assert [r.uri for r in rescued] == [r.uri for r in refs]
    assert {(r.status, r.reason) for r in rescued} == {("SKIPPED", "UNABLE_TO_PARSE_FILE")}
    assert all(r.detail == "scanning failed on the cluster (ValueError)" and r.finding is None for r in rescued)
    assert all(r.result["resourcesAffected"]["s3Object"]["key"] == ref.name for r, ref in zip(rescued, refs))


def taken_back(client: Any, worker: str) -> set[str]:
    """Scan tasks the scheduler took back from ``worker`` when it left: running or queued there,
    or finished there with a result the client had not fetched yet (both are recomputed)."""
    keys: set[str] = set()
    for _, event in client.get_events(worker):
        if isinstance(event, dict) and event.get("action") == "remove-worker":
            keys |= {str(k) for k in (*event["processing-tasks"], *event["lost-computed-tasks"])}
    return {k for k in keys if k.startswith("macie-scan-")}


def test_a_worker_killed_mid_run_loses_no_object(s3: str, client: Any) -> None:
    local = local_scan(s3, HEAVY)
    pids = client.run(os.getpid)
    seen: list[ObjectResult] = []
    killed: int | None = None
    victim = ""
    deadline = time.monotonic() + 60
    run = scan_cluster({}, [f"s3://{HEAVY}"], cluster=client, endpoint_url=s3, batch_objects=1, max_in_flight=4)
    for result in run:
        seen.append(result)
        if killed is None:
            # SIGKILL a worker that is scanning right now (its task is rerun by the scheduler).
            while killed is None and time.monotonic() < deadline:
                busy = [w for w, keys in client.processing().items() if keys and w in pids]
                if busy:
                    victim, killed = busy[0], pids[busy[0]]
                    os.kill(killed, signal.SIGKILL)
                else:
                    time.sleep(0.005)
        assert time.monotonic() < deadline + 60
    assert killed is not None
    assert len(seen) == N_HEAVY == len({r.uri for r in seen})
    assert sorted(map(comparable, seen)) == sorted(map(comparable, local))
    assert all(r.status == "COMPLETE" and r.counts == {"USA_SOCIAL_SECURITY_NUMBER": 3} for r in seen)
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the killed worker
    assert killed not in client.run(os.getpid).values()
    assert taken_back(client, victim)  # the killed worker held work, which was rerun elsewhere
