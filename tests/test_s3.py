"""The S3 source against moto's server over real HTTP on 127.0.0.1: equality with a local scan
of the same tree, pagination, filters before GetObject, access denied, missing bucket, and a
fault proxy (503 SlowDown, connections reset mid-response) that must not change any result."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from macie_lite import Scanner
from macie_lite.errors import MacieLiteError, SourceError
from macie_lite.formats import Limits
from macie_lite.scan import ObjectResult, scan_object
from macie_lite.sources import SourceObject
from macie_lite.sources.files import iter_files
from macie_lite.sources.s3 import (
    NoSuchBucketError,
    S3ObjectStream,
    S3SourceError,
    iter_s3,
    make_client,
    open_object,
)
from s3_support import FaultProxy, every_nth, loopback_s3

SSN = "ssn 536-22-1234"
CARD = "card 4532015112830366"
NINO = "nino AB123456C"
LIMITS = Limits(text_chunk_bytes=64 * 1024)  # several chunks for the large object
BIG_LINES = 40_000
BIG_EVERY = 4_000  # one SSN line every BIG_EVERY lines -> 10 in the large object


def _big() -> bytes:
    lines = []
    for i in range(BIG_LINES):
        if i % BIG_EVERY == 1234:
            lines.append(f"row {i:06d} {SSN} recorded")
        else:
            lines.append(f"row {i:06d} nothing to see here, just filler text for the log")
    return ("\n".join(lines) + "\n").encode()


TREE: dict[str, bytes] = {
    "notes.txt": f"Contact sheet\n{SSN} for the record\n{CARD} on file\n".encode(),
    "people.txt": (f"name,ssn,card,note\nAna,{SSN},{CARD},first\nBo,{SSN},none,second\nCy,none,none,third\n").encode(),
    "deep/nested/dir/log.txt": f"2026-01-01 start\n2026-01-02 {NINO} seen\n2026-01-03 {SSN}\n".encode(),
    "deep/other.txt": b"no sensitive data here\n",
    "deep/spaced name+plus \u00e9%.txt": f"odd key\n{CARD}\n".encode(),
    "README": f"no extension\n{CARD}\n".encode(),
    "big.log": _big(),
    "empty.txt": b"",
    "ia/instant.txt": f"instant retrieval is analysed\n{SSN}\n".encode(),
}
STORAGE = {"ia/instant.txt": "GLACIER_IR"}  # analysed by Macie like STANDARD
GLACIER_KEY = "cold/archive.txt"
DEEP_KEY = "cold/deep.txt"
GLACIER_BODY = f"{SSN}\n".encode()


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with loopback_s3() as url:
        yield url


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


@pytest.fixture(scope="module")
def tree_bucket(endpoint: str) -> str:
    """The tree uploaded once to bucket ``tree-bucket`` (plus one object in GLACIER)."""
    client = make_client(endpoint)
    client.create_bucket(Bucket="tree-bucket")
    for key, body in TREE.items():
        client.put_object(Bucket="tree-bucket", Key=key, Body=body, StorageClass=STORAGE.get(key, "STANDARD"))
    client.put_object(Bucket="tree-bucket", Key=GLACIER_KEY, Body=GLACIER_BODY, StorageClass="GLACIER")
    client.put_object(Bucket="tree-bucket", Key=DEEP_KEY, Body=GLACIER_BODY, StorageClass="DEEP_ARCHIVE")
    return "tree-bucket"


@pytest.fixture(scope="module")
def local_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tree")
    for key, body in TREE.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return root


def _count_calls(client: Any, operation: str) -> list[dict[str, Any]]:
    """Records the parameters of every ``operation`` call the client makes."""
    calls: list[dict[str, Any]] = []

    def hook(params: dict[str, Any], **_: Any) -> None:
        calls.append(dict(params))

    client.meta.events.register(f"provide-client-params.s3.{operation}", hook)
    return calls


def _summary(res: ObjectResult) -> tuple[Any, ...]:
    """Everything that must not depend on the source: no ids, timestamps or resource block."""
    r = res.result["classificationDetails"]["result"]
    return (
        res.status,
        res.reason,
        res.mime_type,
        r["sizeClassified"],
        res.counts,
        r["sensitiveData"],
        r["customDataIdentifiers"],
        r["status"].get("unprocessed"),
    )


def _scan_s3(scanner: Scanner, objects: Iterator[SourceObject]) -> dict[str, ObjectResult]:
    return {obj.name: scan_object(scanner, obj, limits=LIMITS) for obj in objects}


def _scan_local(scanner: Scanner, root: Path) -> dict[str, ObjectResult]:
    out = {}
    for obj in iter_files(root):
        out[obj.resource["localFile"]["key"]] = scan_object(scanner, obj, limits=LIMITS)
    return out


# -- equality with a local scan ---------------------------------------------------------------------


def test_s3_scan_equals_local_scan(endpoint: str, tree_bucket: str, local_tree: Path, scanner: Scanner) -> None:
    client = make_client(endpoint)
    gets = _count_calls(client, "GetObject")
    remote = _scan_s3(scanner, iter_s3(f"s3://{tree_bucket}", client=client))
    local = _scan_local(scanner, local_tree)

    assert sorted(remote) == sorted([*TREE, GLACIER_KEY, DEEP_KEY])
    assert sorted(local) == sorted(TREE)
    for key in TREE:
        assert _summary(remote[key]) == _summary(local[key]), key
    # the comparison is not vacuous: known counts per identifier
    assert remote["notes.txt"].counts == {"USA_SOCIAL_SECURITY_NUMBER": 1, "CREDIT_CARD_NUMBER": 1}
    assert remote["big.log"].counts == {"USA_SOCIAL_SECURITY_NUMBER": BIG_LINES // BIG_EVERY}
    lines = [
        loc["start"]
        for d in remote["big.log"].result["classificationDetails"]["result"]["sensitiveData"][0]["detections"]
        for loc in d["occurrences"]["lineRanges"]
    ]
    assert lines == [i + 1 for i in range(BIG_LINES) if i % BIG_EVERY == 1234]
    assert remote["deep/nested/dir/log.txt"].counts == {
        "UK_NATIONAL_INSURANCE_NUMBER": 1,
        "USA_SOCIAL_SECURITY_NUMBER": 1,
    }
    assert remote["empty.txt"].status == "COMPLETE" and remote["empty.txt"].counts == {}
    assert remote["deep/spaced name+plus \u00e9%.txt"].counts == {"CREDIT_CARD_NUMBER": 1}  # key URL-encoding
    assert remote["deep/other.txt"].finding is None
    assert remote["big.log"].result["classificationDetails"]["result"]["sizeClassified"] == len(TREE["big.log"])

    assert remote["ia/instant.txt"].counts == {"USA_SOCIAL_SECURITY_NUMBER": 1}
    for key, storage in ((GLACIER_KEY, "GLACIER"), (DEEP_KEY, "DEEP_ARCHIVE")):
        cold = remote[key]
        assert (cold.status, cold.reason, cold.detail, cold.finding) == (
            "SKIPPED",
            "INVALID_OBJECT_STATE",
            f"storage class {storage} is not analysed",
            None,
        )
        assert cold.result["resourcesAffected"]["s3Object"]["storageClass"] == storage
    # archived objects were never fetched; every other object exactly once
    assert sorted(c["Key"] for c in gets) == sorted(TREE)


def test_resource_block_is_macie_shaped(endpoint: str, tree_bucket: str) -> None:
    client = make_client(endpoint)
    head = client.head_object(Bucket=tree_bucket, Key="deep/nested/dir/log.txt")
    objs = {o.name: o for o in iter_s3(f"s3://{tree_bucket}/deep/", client=client)}
    assert sorted(objs) == ["deep/nested/dir/log.txt", "deep/other.txt", "deep/spaced name+plus \u00e9%.txt"]
    obj = objs["deep/nested/dir/log.txt"]
    assert obj.uri == f"s3://{tree_bucket}/deep/nested/dir/log.txt"
    assert obj.size == len(TREE["deep/nested/dir/log.txt"])
    modified = head["LastModified"].astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert obj.resource == {
        "s3Bucket": {"name": tree_bucket, "arn": f"arn:aws:s3:::{tree_bucket}"},
        "s3Object": {
            "bucketArn": f"arn:aws:s3:::{tree_bucket}",
            "key": "deep/nested/dir/log.txt",
            "path": f"{tree_bucket}/deep/nested/dir/log.txt",
            "extension": "txt",
            "size": obj.size,
            "lastModified": modified,
            "eTag": head["ETag"].strip('"'),
            "versionId": "",
            "storageClass": "STANDARD",
        },
    }
    readme = next(iter_s3(f"s3://{tree_bucket}/README", client=client))
    assert readme.resource["s3Object"]["extension"] == ""


def test_stream_is_buffered_and_not_seekable(endpoint: str, tree_bucket: str) -> None:
    client = make_client(endpoint)
    with open_object(client, tree_bucket, "big.log") as stream:
        assert stream.readable() and not stream.seekable()
        assert stream.peek(5)[:5] == TREE["big.log"][:5]
        first = stream.read(1000)
        assert first == TREE["big.log"][:1000]
        assert stream.tell() == 1000
        rest = stream.read()
    assert first + rest == TREE["big.log"]
    assert stream.closed


def test_endpoint_from_environment(
    endpoint: str, tree_bucket: str, monkeypatch: pytest.MonkeyPatch, scanner: Scanner
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    objs = list(iter_s3(f"s3://{tree_bucket}/notes"))
    assert [o.name for o in objs] == ["notes.txt"]
    assert scan_object(scanner, objs[0]).counts == {"USA_SOCIAL_SECURITY_NUMBER": 1, "CREDIT_CARD_NUMBER": 1}


# -- pagination ------------------------------------------------------------------------------------


def test_pagination_reports_every_object(endpoint: str, scanner: Scanner) -> None:
    client = make_client(endpoint)
    client.create_bucket(Bucket="paged-bucket")
    keys = [f"p/obj-{i:03d}.txt" for i in range(23)]
    for i, key in enumerate(keys):
        client.put_object(Bucket="paged-bucket", Key=key, Body=f"line {i}\n{SSN}\n".encode())
    client.put_object(Bucket="paged-bucket", Key="other.txt", Body=SSN.encode())
    client.put_object(Bucket="paged-bucket", Key="p/folder/", Body=b"")  # a console folder marker
    lists = _count_calls(client, "ListObjectsV2")

    objs = list(iter_s3("s3://paged-bucket/p/", client=client, page_size=5))
    assert [o.name for o in objs] == keys
    assert len(lists) == 5  # 24 keys under p/ (with the marker) in pages of 5
    assert all(call["MaxKeys"] == 5 and call["Prefix"] == "p/" for call in lists)
    assert [c.get("ContinuationToken") is None for c in lists] == [True, False, False, False, False]
    results = [scan_object(scanner, o) for o in objs]
    assert [r.counts for r in results] == [{"USA_SOCIAL_SECURITY_NUMBER": 1}] * 23
    assert [
        r.result["classificationDetails"]["result"]["sensitiveData"][0]["detections"][0]["occurrences"]["lineRanges"][
            0
        ]["start"]
        for r in results
    ] == [2] * 23


def test_more_than_a_thousand_objects(endpoint: str) -> None:
    client = make_client(endpoint)
    client.create_bucket(Bucket="many-bucket")
    keys = [f"k/{i:04d}.txt" for i in range(1005)]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda k: client.put_object(Bucket="many-bucket", Key=k, Body=k.encode()), keys))
    lists = _count_calls(client, "ListObjectsV2")
    gets = _count_calls(client, "GetObject")
    objs = list(iter_s3("s3://many-bucket", client=client))
    assert [o.name for o in objs] == keys
    assert [o.size for o in objs] == [len(k) for k in keys]
    assert [c["MaxKeys"] for c in lists] == [1000, 1000]
    assert gets == []
    with objs[-1].open() as stream:
        assert stream.read() == keys[-1].encode()


# -- filters before GetObject ----------------------------------------------------------------------


def test_filters_apply_before_get_object(endpoint: str, scanner: Scanner) -> None:
    client = make_client(endpoint)
    client.create_bucket(Bucket="filter-bucket")
    first = {"a/one.txt": b"x" * 10, "a/two.csv": b"y" * 20, "b/three.txt": b"z" * 5000, "b/skip.tmp": b"t"}
    for key, body in first.items():
        client.put_object(Bucket="filter-bucket", Key=key, Body=body)
    time.sleep(1.1)  # LastModified has one-second resolution
    client.put_object(Bucket="filter-bucket", Key="c/late.txt", Body=SSN.encode())
    gets = _count_calls(client, "GetObject")
    uri = "s3://filter-bucket"

    def names(**kw: Any) -> list[str]:
        return [o.name for o in iter_s3(uri, client=client, **kw)]

    assert names() == ["a/one.txt", "a/two.csv", "b/skip.tmp", "b/three.txt", "c/late.txt"]
    assert names(include=["*.txt"]) == ["a/one.txt", "b/three.txt", "c/late.txt"]
    assert names(include=["a/*"], exclude=["*.csv"]) == ["a/one.txt"]
    assert names(exclude=["b/*", "*.csv"]) == ["a/one.txt", "c/late.txt"]
    assert names(extensions=["CSV", ".tmp"]) == ["a/two.csv", "b/skip.tmp"]
    listed = {o.name: o.resource["s3Object"]["lastModified"] for o in iter_s3(uri, client=client)}
    cut = dt.datetime.strptime(max(v for k, v in listed.items() if k != "c/late.txt"), "%Y-%m-%dT%H:%M:%SZ")
    assert names(modified_after=cut) == ["c/late.txt"]  # naive -> UTC
    assert names(modified_after=cut.replace(tzinfo=dt.timezone.utc)) == ["c/late.txt"]
    assert names(modified_before=cut + dt.timedelta(seconds=1)) == sorted(first)
    assert gets == []  # listing and filtering fetched nothing

    objs = list(iter_s3(uri, client=client, include=["*.txt"], max_size=100))
    big = objs[1]
    assert (big.name, big.error) == (
        "b/three.txt",
        ("FILE_EXCEEDS_SIZE_LIMIT", "5000 bytes exceeds the 100-byte limit"),
    )
    results = [scan_object(scanner, o) for o in objs]
    assert [(r.status, r.reason) for r in results] == [
        ("COMPLETE", None),
        ("SKIPPED", "FILE_EXCEEDS_SIZE_LIMIT"),
        ("COMPLETE", None),
    ]
    assert results[2].counts == {"USA_SOCIAL_SECURITY_NUMBER": 1}
    assert [g["Key"] for g in gets] == ["a/one.txt", "c/late.txt"]


# -- errors ----------------------------------------------------------------------------------------


def test_missing_bucket_raises_at_call(endpoint: str) -> None:
    client = make_client(endpoint)
    with pytest.raises(NoSuchBucketError, match="s3://no-such-bucket-here: no such bucket"):
        iter_s3("s3://no-such-bucket-here/prefix", client=client)
    assert issubclass(NoSuchBucketError, SourceError) and issubclass(SourceError, MacieLiteError)
    with pytest.raises(S3SourceError, match="not an s3:// URI"):
        iter_s3("/local/path", client=client)
    with pytest.raises(S3SourceError, match="names no bucket"):
        iter_s3("s3:///key", client=client)


def test_access_denied_on_one_object(endpoint: str, tree_bucket: str, scanner: Scanner) -> None:
    with FaultProxy(endpoint, deny={f"/{tree_bucket}/notes.txt"}) as proxy:
        client = make_client(proxy.url)
        results = _scan_s3(scanner, iter_s3(f"s3://{tree_bucket}", client=client, include=["*.txt"]))
    assert sorted(results) == sorted(
        [
            GLACIER_KEY,
            DEEP_KEY,
            "deep/nested/dir/log.txt",
            "deep/other.txt",
            "deep/spaced name+plus \u00e9%.txt",
            "empty.txt",
            "ia/instant.txt",
            "notes.txt",
            "people.txt",
        ]
    )
    denied = results["notes.txt"]
    assert (denied.status, denied.reason, denied.finding) == ("SKIPPED", "PERMISSION_DENIED", None)
    assert denied.detail is not None and "AccessDenied" in denied.detail
    assert results["people.txt"].status == "COMPLETE" and results["people.txt"].counts
    assert len(proxy.object_gets(f"/{tree_bucket}/notes.txt")) == 1  # 403 is not retried


# -- faults ----------------------------------------------------------------------------------------


def test_faults_do_not_change_results(endpoint: str, tree_bucket: str, scanner: Scanner) -> None:
    clean = _scan_s3(scanner, iter_s3(f"s3://{tree_bucket}", client=make_client(endpoint)))
    with FaultProxy(endpoint, plan=every_nth(3, max_faults=60)) as proxy:
        client = make_client(proxy.url)
        faulty = _scan_s3(scanner, iter_s3(f"s3://{tree_bucket}", client=client, page_size=3))
    assert sorted(faulty) == sorted(clean)
    for key in clean:
        assert _summary(faulty[key]) == _summary(clean[key]), key

    faults = [r.fault for r in proxy.records]
    assert faults.count("slowdown") >= 3 and faults.count("reset") >= 2 and faults.count("cut") >= 2
    gets = proxy.object_gets()
    # at least one object body was cut mid-stream and resumed with a ranged GET from that offset
    cut = [r for r in gets if r.fault in ("reset", "cut") and r.body_bytes > 0]
    assert cut
    ranged = [(r, r.range) for r in gets if r.range is not None]
    assert ranged and all(h.startswith("bytes=") and h.endswith("-") for _, h in ranged)
    # the large object (cut by a clean close) was resumed from the offset already read
    resumed = [int(h[6:-1]) for c in cut for r, h in ranged if r.path == c.path and r.n > c.n and r.status == 206]
    assert any(0 < offset <= c.body_bytes for c in cut for offset in resumed if c.path.endswith("big.log"))
    # a listing page cut mid-response was retried too
    assert any(r.fault in ("reset", "cut") and "list-type=2" in r.query for r in proxy.records)


def test_stream_retries_are_bounded(endpoint: str, tree_bucket: str, scanner: Scanner) -> None:
    path = f"/{tree_bucket}/people.txt"

    def always_reset(n: int, method: str, p: str) -> str | None:
        return "reset" if method == "GET" and p == path else None

    with FaultProxy(endpoint, plan=always_reset) as proxy:
        client = make_client(proxy.url)
        sleeps: list[float] = []
        stream = S3ObjectStream(client, tree_bucket, "people.txt", max_retries=3, base_delay=0.01, sleep=sleeps.append)
        with pytest.raises(ConnectionError, match="after 3 retries") as info:
            stream.read(100)
        stream.close()
        assert getattr(info.value, "reason", None) == "SOURCE_OBJECT_NO_LONGER_AVAILABLE"
        assert len(proxy.object_gets(path)) == 4
        assert len(sleeps) == 3 and all(0.0 < s <= 0.04 for s in sleeps)
        assert sleeps[2] > sleeps[0] * 0.99  # grows (jittered within [d/2, d])

        obj = SourceObject(
            f"s3://{tree_bucket}/people.txt",
            "people.txt",
            len(TREE["people.txt"]),
            lambda: io.BufferedReader(
                S3ObjectStream(client, tree_bucket, "people.txt", max_retries=2, base_delay=0.001)
            ),
        )
        res = scan_object(scanner, obj)
    assert (res.status, res.reason) == ("SKIPPED", "SOURCE_OBJECT_NO_LONGER_AVAILABLE")


def test_object_replaced_during_read_is_not_mixed(endpoint: str, scanner: Scanner) -> None:
    """A resumed read is pinned to the first response's ETag: when the object was replaced in
    between, the scan stops with SOURCE_OBJECT_NO_LONGER_AVAILABLE instead of mixing versions."""
    direct = make_client(endpoint)
    direct.create_bucket(Bucket="changing-bucket")
    direct.put_object(Bucket="changing-bucket", Key="big.log", Body=TREE["big.log"])
    path = "/changing-bucket/big.log"
    seen = [0]

    def plan(n: int, method: str, p: str) -> str | None:
        if method != "GET" or p != path:
            return None
        seen[0] += 1
        if seen[0] == 1:
            return "cut"  # the first response stops halfway
        direct.put_object(Bucket="changing-bucket", Key="big.log", Body=b"replaced\n")
        return None

    with FaultProxy(endpoint, plan=plan) as proxy:
        client = make_client(proxy.url)
        [obj] = list(iter_s3("s3://changing-bucket", client=client))
        res = scan_object(scanner, obj, limits=LIMITS)
    gets = proxy.object_gets(path)
    assert [(g.fault, g.status) for g in gets] == [("cut", 200), (None, 412)]
    assert gets[1].range is not None
    offset = int(gets[1].range[len("bytes=") : -1])
    assert 0 < offset <= gets[0].body_bytes == len(TREE["big.log"]) // 2
    assert res.reason == "SOURCE_OBJECT_NO_LONGER_AVAILABLE"
    assert res.detail is not None and "PreconditionFailed" in res.detail
    classified = res.result["classificationDetails"]["result"]["sizeClassified"]
    # PARTIAL when scan.py had scanned a batch before the failure, else SKIPPED; never more than read
    assert res.status == ("PARTIAL" if classified else "SKIPPED")
    assert classified <= offset


def test_versioned_object_reports_the_version_read(endpoint: str, scanner: Scanner) -> None:
    client = make_client(endpoint)
    client.create_bucket(Bucket="versioned-bucket")
    client.put_bucket_versioning(Bucket="versioned-bucket", VersioningConfiguration={"Status": "Enabled"})
    client.put_object(Bucket="versioned-bucket", Key="v.txt", Body=b"old\n")
    put = client.put_object(Bucket="versioned-bucket", Key="v.txt", Body=f"{SSN}\n".encode())
    [obj] = list(iter_s3("s3://versioned-bucket", client=client))
    assert obj.resource["s3Object"]["versionId"] == ""  # the listing does not say
    res = scan_object(scanner, obj)
    assert res.counts == {"USA_SOCIAL_SECURITY_NUMBER": 1}
    s3obj = res.result["resourcesAffected"]["s3Object"]
    assert (s3obj["versionId"], s3obj["eTag"]) == (put["VersionId"], put["ETag"].strip('"'))


def test_corrupted_body_fails_the_checksum(endpoint: str, tree_bucket: str, scanner: Scanner) -> None:
    path = f"/{tree_bucket}/notes.txt"

    def plan(n: int, method: str, p: str) -> str | None:
        return "corrupt" if method == "GET" and p == path else None

    with FaultProxy(endpoint, plan=plan) as proxy:
        client = make_client(proxy.url)
        [obj] = list(iter_s3(f"s3://{tree_bucket}/notes.txt", client=client))
        res = scan_object(scanner, obj)
    assert len(proxy.object_gets(path)) == 1
    assert (res.status, res.reason, res.detail) == (
        "SKIPPED",
        "SOURCE_OBJECT_NO_LONGER_AVAILABLE",
        "checksum mismatch in the bytes received",
    )


def test_object_deleted_after_listing(endpoint: str) -> None:
    client = make_client(endpoint)
    client.create_bucket(Bucket="deleted-bucket")
    client.put_object(Bucket="deleted-bucket", Key="gone.txt", Body=SSN.encode())
    [obj] = list(iter_s3("s3://deleted-bucket", client=client))
    client.delete_object(Bucket="deleted-bucket", Key="gone.txt")
    with pytest.raises(FileNotFoundError, match="NoSuchKey") as info:
        obj.open()
    assert getattr(info.value, "reason", None) == "SOURCE_OBJECT_NO_LONGER_AVAILABLE"


def test_resume_when_the_store_ignores_range(endpoint: str, tree_bucket: str, scanner: Scanner) -> None:
    path = f"/{tree_bucket}/big.log"
    seen = [0]

    def plan(n: int, method: str, p: str) -> str | None:
        if method != "GET" or p != path:
            return None
        seen[0] += 1
        return "cut" if seen[0] == 1 else "norange"

    clean = scan_object(
        scanner, next(iter_s3(f"s3://{tree_bucket}/big.log", client=make_client(endpoint))), limits=LIMITS
    )
    with FaultProxy(endpoint, plan=plan) as proxy:
        client = make_client(proxy.url)
        [obj] = list(iter_s3(f"s3://{tree_bucket}/big.log", client=client))
        res = scan_object(scanner, obj, limits=LIMITS)
    assert [(g.fault, g.status) for g in proxy.object_gets(path)] == [("cut", 200), ("norange", 200)]
    assert _summary(res) == _summary(clean)
    assert res.counts == {"USA_SOCIAL_SECURITY_NUMBER": BIG_LINES // BIG_EVERY}


def test_cli_scans_s3_and_maps_missing_bucket_to_exit_2(endpoint: str, tree_bucket: str) -> None:
    from click.testing import CliRunner
    from macie_lite.cli import main

    runner = CliRunner()
    ok = runner.invoke(main, ["scan", f"s3://{tree_bucket}/deep/", "--endpoint-url", endpoint, "--format", "jsonl"])
    assert ok.exit_code == 0, ok.output
    findings = [json.loads(line) for line in ok.stdout.splitlines() if line.strip()]
    keys = sorted(f["resourcesAffected"]["s3Object"]["key"] for f in findings)
    assert keys == ["deep/nested/dir/log.txt", "deep/spaced name+plus \u00e9%.txt"]
    raw_values = (SSN.split()[1], CARD.split()[1])
    assert not any(v in ok.stdout for v in raw_values), "a raw value reached the output"
    missing = runner.invoke(main, ["scan", "s3://no-such-bucket-here", "--endpoint-url", endpoint])
    assert missing.exit_code == 2
    assert "s3://no-such-bucket-here: no such bucket" in missing.stderr
