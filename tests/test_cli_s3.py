"""The scan command on a loopback S3 server: bucket-name patterns, scores and the table.

Every bucket name starts with "cli-": moto keeps one store per process, shared with other test modules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from click.testing import CliRunner
from macie_lite.cli import main
from s3_support import loopback_s3

SSN = "536-22-1234"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with loopback_s3() as url:
        s3 = boto3.client("s3", endpoint_url=url)
        for bucket in ("cli-logs-a", "cli-logs-b", "cli-other"):
            s3.create_bucket(Bucket=bucket)
            s3.put_object(Bucket=bucket, Key="app/one.log", Body=f"ssn: {SSN}\n".encode())
            s3.put_object(Bucket=bucket, Key="app/two.log", Body=b"nothing to see\n")
        yield url


def test_bucket_pattern_scores_and_table(endpoint: str, tmp_path: Path) -> None:
    scores = tmp_path / "scores.json"
    res = CliRunner().invoke(
        main,
        ["scan", "s3://cli-logs-*/app/", "--endpoint-url", endpoint, "--format", "table", "--scores", str(scores)],
    )
    assert res.exit_code == 0, res.output
    assert "s3://cli-logs-a/app/one.log" in res.stdout and "s3://cli-logs-b/app/one.log" in res.stdout
    assert "s3://cli-other" not in res.stdout
    assert "BUCKET" in res.stdout and "cli-logs-a" in res.stdout
    records = json.loads(scores.read_text())["bucketScores"]
    assert [r["bucket"] for r in records] == ["cli-logs-a", "cli-logs-b"]
    assert all(
        r["statistics"]["totalItemsSensitive"] == 1 and r["statistics"]["totalItemsClassified"] == 2 for r in records
    )
    assert all(51 <= r["sensitivityScore"] <= 99 for r in records)
    assert SSN not in res.stdout and SSN not in scores.read_text()


def test_missing_bucket_is_a_usage_error(endpoint: str) -> None:
    res = CliRunner().invoke(main, ["scan", "s3://no-such-bucket", "--endpoint-url", endpoint])
    assert res.exit_code == 2 and "no-such-bucket" in res.output


def test_tag_criterion(endpoint: str) -> None:
    s3 = boto3.client("s3", endpoint_url=endpoint)
    s3.put_object_tagging(Bucket="cli-other", Key="app/one.log", Tagging={"TagSet": [{"Key": "team", "Value": "hr"}]})
    res = CliRunner().invoke(
        main, ["scan", "s3://cli-other", "--endpoint-url", endpoint, "--tag", "team=hr", "--format", "table"]
    )
    assert res.exit_code == 0 and "s3://cli-other/app/one.log" in res.stdout and "two.log" not in res.stdout
    assert "scanned 1 objects" in res.stderr
    res = CliRunner().invoke(main, ["scan", "s3://cli-other", "--endpoint-url", endpoint, "--tag", "team=ops"])
    assert "scanned 0 objects" in res.stderr
