"""Scope and sampling like Macie jobs: deterministic sampling by key hash, object criteria
(prefix, extension, size, last modified, tags from GetObjectTagging on moto's server) and
bucket-name patterns expanded with ListBuckets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from macie_lite.sampling import (
    ObjectCriteria,
    expand_targets,
    key_fraction,
    s3_bucket_lister,
    s3_tag_lookup,
    sampled,
    select,
)
from macie_lite.scan import iter_objects
from macie_lite.sources.s3 import make_client
from s3_support import loopback_s3

KEYS = [f"s3://bucket/prefix/{i:05d}.txt" for i in range(4000)]


def test_key_fraction_is_stable_and_uniform() -> None:
    assert key_fraction("s3://b/k") == key_fraction("s3://b/k")
    assert 0.0 <= key_fraction("s3://b/k") < 1.0
    assert key_fraction("s3://b/k", "seed") != key_fraction("s3://b/k")
    fractions = [key_fraction(k) for k in KEYS]
    buckets = [0] * 10
    for f in fractions:
        buckets[int(f * 10)] += 1
    assert all(330 <= n <= 470 for n in buckets)  # ~400 each


def test_sample_depth_is_deterministic_and_nested() -> None:
    ten = {k for k in KEYS if sampled(k, 10)}
    thirty = {k for k in KEYS if sampled(k, 30)}
    assert ten == {k for k in KEYS if sampled(k, 10)}  # a rerun picks the same objects
    assert ten < thirty  # a deeper sample contains the shallower one
    assert 320 <= len(ten) <= 480 and 1080 <= len(thirty) <= 1320
    assert all(sampled(k, None) and sampled(k, 100) for k in KEYS[:50])
    assert not any(sampled(k, 0) for k in KEYS[:50])
    reseeded = {k for k in KEYS if sampled(k, 10, "other")}
    assert reseeded != ten and 320 <= len(reseeded) <= 480


def _tree(root: Path) -> None:
    (root / "logs").mkdir()
    (root / "logs" / "a.log").write_bytes(b"x" * 10)
    (root / "logs" / "b.txt").write_bytes(b"x" * 2000)
    (root / "data.csv").write_bytes(b"x" * 500)
    (root / "data.json").write_bytes(b"x" * 50)


def test_criteria_on_local_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    objs = list(iter_objects(str(tmp_path)))
    names = lambda crit: sorted(o.name for o in select(objs, criteria=crit))  # noqa: E731
    assert names(ObjectCriteria()) == ["a.log", "b.txt", "data.csv", "data.json"]
    assert names(ObjectCriteria(extensions=["csv", ".JSON"])) == ["data.csv", "data.json"]
    assert names(ObjectCriteria(exclude_extensions=["log"])) == ["b.txt", "data.csv", "data.json"]
    assert names(ObjectCriteria(min_size=50, max_size=500)) == ["data.csv", "data.json"]
    future = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    assert names(ObjectCriteria(modified_before=future)) == ["a.log", "b.txt", "data.csv", "data.json"]
    assert names(ObjectCriteria(modified_after=future)) == []
    seen: list[str] = []
    picked = list(
        select(
            objs,
            percentage=0,
            criteria=ObjectCriteria(extensions=["txt", "log"]),
            on_eligible=lambda o: seen.append(o.name),
        )
    )
    assert picked == [] and sorted(seen) == ["a.log", "b.txt"]  # eligible objects are counted even when not sampled


@pytest.fixture(scope="module")
def s3() -> Iterator[tuple[str, Any]]:
    with loopback_s3() as url:
        client = make_client(url)
        for name in ("logs-2025", "logs-2026", "data-lake"):
            client.create_bucket(Bucket=name)
        client.put_object(Bucket="logs-2026", Key="app/a.txt", Body=b"a" * 10, Tagging="class=pii&team=core")
        client.put_object(Bucket="logs-2026", Key="app/b.txt", Body=b"b" * 100, Tagging="class=public")
        client.put_object(Bucket="logs-2026", Key="web/c.csv", Body=b"c" * 1000)
        client.put_object(Bucket="logs-2026", Key="appendix.txt", Body=b"d" * 10)
        yield url, client


def test_prefix_size_and_tag_criteria_on_s3(s3: tuple[str, Any]) -> None:
    url, client = s3
    objs = list(iter_objects("s3://logs-2026", endpoint_url=url))
    keys = lambda crit: sorted(o.name for o in select(objs, criteria=crit, tag_lookup=s3_tag_lookup(client)))  # noqa: E731
    assert keys(ObjectCriteria(prefixes=["app/"])) == ["app/a.txt", "app/b.txt"]  # not appendix.txt
    assert keys(ObjectCriteria(prefixes=["app"])) == ["app/a.txt", "app/b.txt", "appendix.txt"]
    assert keys(ObjectCriteria(tags={"class": "pii"})) == ["app/a.txt"]
    assert keys(ObjectCriteria(tags={"class": ""})) == ["app/a.txt", "app/b.txt"]  # key only
    assert keys(ObjectCriteria(tags={"class": "pii", "team": "other"})) == []
    assert keys(ObjectCriteria(min_size=100, extensions=["txt"])) == ["app/b.txt"]
    assert list(select(objs, criteria=ObjectCriteria(tags={"class": ""}))) == []  # no lookup: no tag can match


def test_bucket_patterns_expand_with_list_buckets(s3: tuple[str, Any]) -> None:
    _, client = s3
    lister = s3_bucket_lister(client)
    assert expand_targets(["s3://logs-*/app/"], lister) == ["s3://logs-2025/app/", "s3://logs-2026/app/"]
    assert expand_targets(["s3://logs-202[6]", "s3://data-lake", "s3://data-lake", "/tmp/x"], lister) == [
        "s3://logs-2026",
        "s3://data-lake",
        "/tmp/x",
    ]
    assert expand_targets(["s3://none-*"], lister) == []
    calls: list[int] = []
    assert expand_targets(["s3://plain/p"], lambda: calls.append(1) or []) == ["s3://plain/p"]
    assert calls == []  # no pattern, no ListBuckets
    with pytest.raises(ValueError):
        expand_targets(["s3://logs-*"])
