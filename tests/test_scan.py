"""Scanning trees end to end: findings in Macie's shape, discovery results for every object,
bad input that never stops a scan, and the scan command's outputs and exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from macie_lite import Scanner
from macie_lite.cli import main
from macie_lite.findings import managed_severity
from macie_lite.formats import Limits

SSN = "536-22-1234"
CARD = "4532015112830366"
EMAIL = "jane.doe@example.org"


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _by_name(results: list) -> dict:  # type: ignore[type-arg]
    return {Path(r.uri).name: r for r in results}


def test_text_finding_shape(tmp_path: Path) -> None:
    _write(tmp_path / "a.log", f"line one\nuser ssn: {SSN} ok\n\tcard number {CARD}\n")
    (r,) = list(Scanner(managed="ALL").scan(str(tmp_path)))
    f = r.finding
    assert f is not None and f["type"] == "SensitiveData:S3Object/Multiple"
    assert f["severity"] == {"description": "High", "score": 3}
    result = f["classificationDetails"]["result"]
    assert result["status"] == {"code": "COMPLETE", "reason": None}
    assert result["mimeType"] == "text/plain" and result["sizeClassified"] == r.size
    cats = {c["category"]: c for c in result["sensitiveData"]}
    ssn = cats["PERSONAL_INFORMATION"]["detections"][0]
    assert ssn["type"] == "USA_SOCIAL_SECURITY_NUMBER" and ssn["count"] == 1
    (loc,) = ssn["occurrences"]["lineRanges"]
    assert (loc["start"], loc["end"], loc["startColumn"]) == (2, 2, 11)
    assert loc["maskedPreview"].endswith("1234") and SSN not in loc["maskedPreview"]
    card = cats["FINANCIAL_INFORMATION"]["detections"][0]
    assert card["occurrences"]["lineRanges"][0]["startColumn"] == 14  # the tab counts as one character
    assert SSN not in json.dumps(f) and CARD not in json.dumps(f)


def test_fifteen_locations_per_finding_and_full_counts(tmp_path: Path) -> None:
    _write(tmp_path / "many.txt", "".join(f"contact {i}: user{i}@example.org\n" for i in range(40)))
    (r,) = list(Scanner(managed=["EMAIL_ADDRESS"]).scan(str(tmp_path)))
    result = r.finding["classificationDetails"]["result"]
    det = result["sensitiveData"][0]["detections"][0]
    assert det["count"] == 40 and len(det["occurrences"]["lineRanges"]) == 15
    assert result["additionalOccurrences"] is True
    full = r.result["classificationDetails"]["result"]["sensitiveData"][0]["detections"][0]
    assert len(full["occurrences"]["lineRanges"]) == 40  # discovery results keep up to 1,000 per type


def test_counts_go_on_past_the_kept_locations(tmp_path: Path) -> None:
    # Locations are kept as found, up to the result's 1,000 per type; the count is exact.
    _write(tmp_path / "many.txt", "".join(f"contact {i}: user{i}@example.org\n" for i in range(1300)))
    (r,) = list(Scanner(managed=["EMAIL_ADDRESS"]).scan(str(tmp_path)))
    full = r.result["classificationDetails"]["result"]["sensitiveData"][0]["detections"][0]
    assert full["count"] == 1300 == r.counts["EMAIL_ADDRESS"]
    lines = [loc["start"] for loc in full["occurrences"]["lineRanges"]]
    assert lines == list(range(1, 1001))  # the first 1,000, in order


def test_severity_rules() -> None:
    assert [managed_severity("DATE_OF_BIRTH", n) for n in (1, 2, 99, 100)] == ["LOW", "MEDIUM", "MEDIUM", "HIGH"]
    assert [managed_severity("USA_PASSPORT_NUMBER", n) for n in (1, 2)] == ["MEDIUM", "HIGH"]
    assert managed_severity("AWS_CREDENTIALS", 1) == "HIGH"
    assert [managed_severity("VEHICLE_IDENTIFICATION_NUMBER", n) for n in (1, 50, 100)] == ["LOW", "LOW", "MEDIUM"]
    assert [managed_severity("CREDIT_CARD_SECURITY_CODE", n) for n in (1, 2)] == ["MEDIUM", "HIGH"]
    assert managed_severity("UK_DRIVERS_LICENSE", 1) == "LOW"


def test_reveal_is_opt_in_and_capped(tmp_path: Path) -> None:
    _write(tmp_path / "m.txt", "".join(f"mail user{i}@example.org\n" for i in range(12)))
    (plain,) = list(Scanner(managed=["EMAIL_ADDRESS"]).scan(str(tmp_path)))
    assert "user0@example.org" not in json.dumps(plain.finding) + json.dumps(plain.result)
    (shown,) = list(Scanner(managed=["EMAIL_ADDRESS"]).scan(str(tmp_path), reveal=True))
    locs = shown.finding["classificationDetails"]["result"]["sensitiveData"][0]["detections"][0]["occurrences"]
    values = [loc.get("value") for loc in locs["lineRanges"]]
    assert [v is not None for v in values] == [True] * 10 + [False] * 2
    assert all(v == f"user{i}@example.org" for i, v in enumerate(values[:10]))  # no values in failure output
    assert "user0@example.org" not in json.dumps(shown.result)  # discovery results never hold values


def test_bad_input_never_stops_a_scan(tmp_path: Path) -> None:
    _write(tmp_path / "good.txt", f"ssn {SSN}\n")
    _write(tmp_path / "empty.txt", b"")
    _write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    _write(tmp_path / "latin1.txt", b"ssn " + SSN.encode() + b" caf\xe9 \xff\xfe\n")
    _write(tmp_path / "named.csv", b"\x00\x01\x02binary" * 100)
    _write(tmp_path / "huge.txt", b"x" * 5000)
    (tmp_path / "dangling").symlink_to(tmp_path / "missing-target")
    outside = _write(tmp_path.parent / f"{tmp_path.name}-outside.txt", f"ssn {SSN}\n")
    (tmp_path / "escape.txt").symlink_to(outside)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    results = list(Scanner().scan(str(tmp_path), limits=Limits(max_object_bytes=4000)))
    got = {Path(r.uri).name: (r.status, r.reason) for r in results}
    assert got["good.txt"] == ("COMPLETE", None)
    assert got["empty.txt"] == ("COMPLETE", None)
    assert got["image.png"] == ("SKIPPED", "UNSUPPORTED_FILE_TYPE_EXCEPTION")
    assert got["latin1.txt"] == ("COMPLETE", None)
    assert got["named.csv"][0] == "SKIPPED"
    assert got["huge.txt"] == ("SKIPPED", "FILE_EXCEEDS_SIZE_LIMIT")
    assert got["dangling"][0] == "SKIPPED" and got["escape.txt"][0] == "SKIPPED"
    assert len(results) == 8  # the loop is cut, every real object is accounted for
    by = _by_name(results)
    assert by["latin1.txt"].counts == {"USA_SOCIAL_SECURITY_NUMBER": 1}
    for r in results:  # every object has a discovery result with its status
        assert r.result["classificationDetails"]["result"]["status"]["code"] == r.status


def test_workers_give_the_same_results(tmp_path: Path) -> None:
    for i in range(30):
        _write(tmp_path / f"d{i % 3}" / f"f{i}.txt", f"row {i}\nssn: {SSN}\nmail u{i}@example.org\n" * (i % 4))
    scanner = Scanner(managed="ALL")
    one = [(r.uri, r.status, r.counts) for r in scanner.scan(str(tmp_path))]
    four = [(r.uri, r.status, r.counts) for r in scanner.scan(str(tmp_path), workers=4)]
    assert one == four and len(one) == 30


def test_long_single_line_is_scanned(tmp_path: Path) -> None:
    line = ("lorem ipsum " * 400_000) + f" ssn {SSN} " + ("dolor " * 400_000)
    _write(tmp_path / "one-line.txt", line)
    (r,) = list(Scanner().scan(str(tmp_path)))
    assert r.status == "COMPLETE" and r.counts == {"USA_SOCIAL_SECURITY_NUMBER": 1}


# -- the command ---------------------------------------------------------------------------------


def test_cli_scan_outputs_and_exit_codes(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    _write(tree / "a.txt", f"ssn: {SSN}\n")
    _write(tree / "b.txt", "nothing here\n")
    runner = CliRunner()
    out = tmp_path / "findings.jsonl"
    res = runner.invoke(main, ["scan", str(tree), "-o", str(out), "--results", str(tmp_path / "results.jsonl")])
    assert res.exit_code == 0, res.output
    lines = out.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["type"] == "SensitiveData:S3Object/Personal"
    assert len((tmp_path / "results.jsonl").read_text().splitlines()) == 2
    assert "scanned 2 objects (0 skipped, 0 partial), 1 with findings" in res.stderr
    assert SSN not in out.read_text()
    res = runner.invoke(main, ["scan", str(tree), "--fail-on-findings", "-o", str(out)])
    assert res.exit_code == 1
    res = runner.invoke(main, ["scan", str(tree / "b.txt"), "--fail-on-findings", "-o", str(out)])
    assert res.exit_code == 0
    res = runner.invoke(main, ["scan", str(tree), "--managed", "SOME"])
    assert res.exit_code == 2 and "managed" in res.output
    res = runner.invoke(main, ["scan", str(tree), "--include", "NOPE"])
    assert res.exit_code == 2 and "NOPE" in res.output
    bad = _write(tmp_path / "bad.json", '{"name": "x", "regex": "a(?=b)"}')
    res = runner.invoke(main, ["scan", str(tree), "--custom", str(bad)])
    assert res.exit_code == 2 and "look-ahead" in res.output


def test_cli_output_is_atomic(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    _write(tree / "a.txt", f"ssn: {SSN}\n")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["scan", str(tree), str(tmp_path / "missing"), "-o", str(out)])
    assert res.exit_code == 2
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl.*"))


def test_cli_table_and_json(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", f"ssn: {SSN}\nmail {EMAIL}\n")
    res = CliRunner().invoke(main, ["scan", str(tmp_path), "--managed", "ALL", "--format", "table"])
    assert res.exit_code == 0
    assert "EMAIL_ADDRESS x1" in res.output and "USA_SOCIAL_SECURITY_NUMBER x1" in res.output
    res = CliRunner().invoke(main, ["scan", str(tmp_path), "--format", "json"])
    doc = json.loads(res.stdout)
    assert isinstance(doc, list) and len(doc) == 1


def test_identifiers_test_command_counts_like_macie(tmp_path: Path) -> None:
    cdi = _write(tmp_path / "cdi.json", json.dumps({"name": "emp", "regex": "EMP-[0-9]{6}", "keywords": ["employee"]}))
    res = CliRunner().invoke(
        main, ["identifiers", "test", "--custom", str(cdi), "--text", "employee EMP-123456 " + "x" * 60 + " EMP-654321"]
    )
    assert res.exit_code == 0 and json.loads(res.output) == {"matchCount": 1}
    res = CliRunner().invoke(
        main, ["identifiers", "test", "--custom", str(cdi), "--text", "employee EMP-123456", "--explain"]
    )
    assert "REPORTED emp [9:19]" in res.output and "123456" not in res.output


def test_identifiers_list_and_show() -> None:
    res = CliRunner().invoke(main, ["identifiers", "list", "--json"])
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert len(rows) == 170 and sum(r["recommended"] for r in rows) == 35
    res = CliRunner().invoke(main, ["identifiers", "show", "UK_NHS_NUMBER"])
    doc = json.loads(res.output)
    assert doc["category"] == "PERSONAL_INFORMATION" and doc["keywordsRequired"] and doc["patterns"]
    res = CliRunner().invoke(main, ["identifiers", "show", "NOPE"])
    assert res.exit_code == 2


def test_object_filters_before_reading(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.log", f"ssn {SSN}\n")
    _write(tmp_path / "new.log", f"ssn {SSN}\n")
    _write(tmp_path / "new.txt", f"ssn {SSN}\n")
    os.utime(old, (1_600_000_000, 1_600_000_000))  # 2020-09-13
    args = ["scan", str(tmp_path), "--format", "json"]
    res = CliRunner().invoke(main, [*args, "--extension", "log"])
    assert sorted(Path(f["resourcesAffected"]["localFile"]["path"]).name for f in json.loads(res.stdout)) == [
        "new.log",
        "old.log",
    ]
    res = CliRunner().invoke(main, [*args, "--extension", "log", "--modified-after", "2021-01-01"])
    assert [Path(f["resourcesAffected"]["localFile"]["path"]).name for f in json.loads(res.stdout)] == ["new.log"]
    res = CliRunner().invoke(main, [*args, "--modified-before", "2021-01-01"])
    assert [Path(f["resourcesAffected"]["localFile"]["path"]).name for f in json.loads(res.stdout)] == ["old.log"]


def test_cli_sample_and_resume(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    for i in range(40):
        _write(tree / f"f{i:02d}.txt", f"ssn: {SSN}\n")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["scan", str(tree), "--sample", "50", "-o", str(out)])
    picked = {json.loads(line)["resourcesAffected"]["localFile"]["key"] for line in out.read_text().splitlines()}
    assert 5 < len(picked) < 35 and res.exit_code == 0
    CliRunner().invoke(main, ["scan", str(tree), "--sample", "50", "-o", str(out)])
    again = {json.loads(line)["resourcesAffected"]["localFile"]["key"] for line in out.read_text().splitlines()}
    assert again == picked  # the same objects: chosen by key hash, not at random
    # A full run writes a checkpoint; a resumed run replays it instead of rescanning.
    res = CliRunner().invoke(main, ["scan", str(tree), "-o", str(out)])
    journal = tmp_path / "out.jsonl.checkpoint.jsonl"
    assert len(journal.read_text().splitlines()) == 40
    res = CliRunner().invoke(main, ["scan", str(tree), "-o", str(out), "--resume"])
    assert res.exit_code == 0 and len(out.read_text().splitlines()) == 40
    assert len(journal.read_text().splitlines()) == 40  # nothing scanned twice
    res = CliRunner().invoke(main, ["scan", str(tree), "--resume"])
    assert res.exit_code == 2
