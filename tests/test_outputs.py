"""SARIF, ASFF and Parquet writers: real files scanned with the real scanner, then the written
output parsed back (json, duckdb, pyarrow) and checked field by field; planted values must never
appear in any output."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from macie_lite import CustomDataIdentifier, Scanner, __version__
from macie_lite.findings import RESULT_LOCATION_CAP
from macie_lite.outputs.asff import write_asff
from macie_lite.outputs.parquet import write_parquet
from macie_lite.outputs.sarif import FINGERPRINT_KEY, iter_detections, write_sarif
from macie_lite.scan import ObjectResult, scan_object, scan_target
from macie_lite.sources import SourceObject

SSN = "536-22-1234"
SSN2 = "536-22-1236"
CARD = "4532015112830366"
EMAIL = "jane.doe@example.org"
PLANTED = (SSN, SSN2, CARD, EMAIL, "4532015112830366", "jane.doe")

NOTES = f"first line\n\nmy ssn {SSN} ok\n\tcard number {CARD}\ncontact {EMAIL}\n"
SSN_LINE, SSN_COL = 3, NOTES.splitlines()[2].index(SSN) + 1
CARD_LINE, CARD_COL = 4, NOTES.splitlines()[3].index(CARD) + 1


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(managed="ALL")


def _tree(root: Path) -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "notes.txt").write_text(NOTES, encoding="utf-8")
    (root / "people.csv").write_text(f"name,ssn\nJane,{SSN}\nJohn,{SSN2}\n", encoding="utf-8")
    (root / "sub" / "clean.txt").write_text("nothing to see here\n", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return root


def _scan(scanner: Scanner, root: Path, **kw: Any) -> list[ObjectResult]:
    return list(scan_target(scanner, str(root), **kw))


def _assert_no_raw(text: str) -> None:
    leaked = [i for i, v in enumerate(PLANTED) if v in text]
    assert leaked == [], f"planted values #{leaked} appear in the output"


def _sarif(results: list[ObjectResult], **kw: Any) -> tuple[str, dict[str, Any]]:
    buf = io.StringIO()
    write_sarif(results, buf, **kw)
    return buf.getvalue(), json.loads(buf.getvalue())


def _asff(results: list[ObjectResult], **kw: Any) -> tuple[str, list[dict[str, Any]]]:
    buf = io.StringIO()
    write_asff(results, buf, **kw)
    body = json.loads(buf.getvalue())
    assert list(body) == ["Findings"]
    return buf.getvalue(), body["Findings"]


def _walk_keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _walk_keys(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk_keys(v)


# ---------------------------------------------------------------- SARIF


def test_sarif_structure_rules_and_locations(tmp_path: Path, scanner: Scanner) -> None:
    text, log = _sarif(_scan(scanner, _tree(tmp_path / "repo")))
    _assert_no_raw(text)
    assert log["$schema"].endswith("sarif-2.1.0.json") and log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "macie-lite" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    rule_ids = [r["id"] for r in driver["rules"]]
    assert sorted(rule_ids) == ["CREDIT_CARD_NUMBER", "EMAIL_ADDRESS", "USA_SOCIAL_SECURITY_NUMBER"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["USA_SOCIAL_SECURITY_NUMBER"]["defaultConfiguration"]["level"] == "error"
    assert rules["USA_SOCIAL_SECURITY_NUMBER"]["properties"]["category"] == "PERSONAL_INFORMATION"
    assert rules["CREDIT_CARD_NUMBER"]["properties"]["category"] == "FINANCIAL_INFORMATION"
    assert rules["EMAIL_ADDRESS"]["defaultConfiguration"]["level"] == "note"
    assert rules["EMAIL_ADDRESS"]["properties"]["severity"] == "LOW"
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["helpUri"].startswith("https://")
        assert rule["properties"]["security-severity"] in ("2.0", "5.0", "8.0")

    results = run["results"]
    # notes.txt: 3 line results; people.csv: 2 SSN cells; clean.txt and image.png: none
    assert len(results) == 5
    for res in results:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["partialFingerprints"][FINGERPRINT_KEY]
    assert len({res["partialFingerprints"][FINGERPRINT_KEY] for res in results}) == 5

    lines = {
        res["ruleId"]: res
        for res in results
        if res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "notes.txt"
    }
    ssn = lines["USA_SOCIAL_SECURITY_NUMBER"]
    phys = ssn["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "notes.txt", "uriBaseId": "%SRCROOT%"}
    assert phys["region"] == {"startLine": SSN_LINE, "startColumn": SSN_COL, "endLine": SSN_LINE}
    assert ssn["level"] == "error"
    assert ssn["message"]["text"] == "USA_SOCIAL_SECURITY_NUMBER detected: *******1234"
    card_region = lines["CREDIT_CARD_NUMBER"]["locations"][0]["physicalLocation"]["region"]
    assert (card_region["startLine"], card_region["startColumn"]) == (CARD_LINE, CARD_COL)
    assert lines["EMAIL_ADDRESS"]["level"] == "note"  # one email: Low
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_cells_get_logical_locations(tmp_path: Path, scanner: Scanner) -> None:
    _, log = _sarif(_scan(scanner, _tree(tmp_path / "repo")))
    cells = [
        r
        for r in log["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "people.csv"
    ]
    assert len(cells) == 2
    rows = []
    for res in cells:
        loc = res["locations"][0]
        assert "region" not in loc["physicalLocation"]
        assert res["properties"]["occurrenceKind"] == "cells"
        assert res["properties"]["column"] == 2 and res["properties"]["columnName"] == "ssn"
        assert res["level"] == "error"  # SSN is High for any count
        rows.append(res["properties"]["row"])
        name = f"row {res['properties']['row']}, column 2 (ssn)"
        assert loc["logicalLocations"] == [{"name": name, "fullyQualifiedName": name, "kind": "element"}]
    assert sorted(rows) == [2, 3]


def test_sarif_levels_follow_object_counts(tmp_path: Path, scanner: Scanner) -> None:
    (tmp_path / "one.txt").write_text(f"email {EMAIL}\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text(f"email {EMAIL}\nemail b.smith@example.org\n", encoding="utf-8")
    _, log = _sarif(_scan(scanner, tmp_path))
    levels = {
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["level"])
        for r in log["runs"][0]["results"]
    }
    assert levels == {("one.txt", "note"), ("two.txt", "warning")}
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["defaultConfiguration"]["level"] == "note"  # the level of a single occurrence


def test_sarif_fingerprint_ignores_the_value(tmp_path: Path, scanner: Scanner) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(f"my ssn {SSN} ok\n", encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text(f"my ssn {SSN2} ok\n", encoding="utf-8")
    prints = []
    for d in ("a", "b", "a"):
        _, log = _sarif(_scan(scanner, tmp_path / d))
        (res,) = log["runs"][0]["results"]
        prints.append(res["partialFingerprints"][FINGERPRINT_KEY])
    assert prints[0] == prints[1] == prints[2]
    # and the position is part of it
    (tmp_path / "b" / "x.txt").write_text(f"\nmy ssn {SSN} ok\n", encoding="utf-8")
    _, log = _sarif(_scan(scanner, tmp_path / "b"))
    assert log["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY] != prints[0]


def test_sarif_summarises_unlisted_occurrences(tmp_path: Path, scanner: Scanner) -> None:
    n = RESULT_LOCATION_CAP + 7
    body = "".join(f"email user{i}@example.org\n" for i in range(n))
    (tmp_path / "many.txt").write_text(body, encoding="utf-8")
    _, log = _sarif(_scan(scanner, tmp_path))
    results = log["runs"][0]["results"]
    assert len(results) == RESULT_LOCATION_CAP + 1
    summary = [r for r in results if "unlistedOccurrences" in r["properties"]]
    assert len(summary) == 1
    assert summary[0]["properties"]["unlistedOccurrences"] == 7
    assert summary[0]["properties"]["objectCount"] == n
    assert "region" not in summary[0]["locations"][0]["physicalLocation"]
    assert summary[0]["level"] == "error"  # >= 100 emails in one object: High
    regions = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results if r is not summary[0]]
    assert regions == list(range(1, RESULT_LOCATION_CAP + 1))


def test_sarif_notifications_for_skipped_objects(tmp_path: Path, scanner: Scanner) -> None:
    _, log = _sarif(_scan(scanner, _tree(tmp_path / "repo")))
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [(n["properties"]["status"], n["properties"]["reason"]) for n in notes] == [
        ("SKIPPED", "UNSUPPORTED_FILE_TYPE_EXCEPTION")
    ]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "image.png"


def test_sarif_lineless_kinds_from_records(tmp_path: Path, scanner: Scanner) -> None:
    pytest.importorskip("macie_lite.formats.records")
    (tmp_path / "users.jsonl").write_text('{"id": 1}\n' + json.dumps({"user": {"ssn": SSN}}) + "\n", encoding="utf-8")
    text, log = _sarif(_scan(scanner, tmp_path))
    _assert_no_raw(text)
    (res,) = log["runs"][0]["results"]
    assert res["properties"]["recordIndex"] == 1
    assert res["properties"]["jsonPath"] == "$.user.ssn"
    assert res["locations"][0]["logicalLocations"][0]["name"] == "record 1 $.user.ssn"


def test_sarif_archive_lines_are_not_regions(tmp_path: Path, scanner: Scanner) -> None:
    pytest.importorskip("macie_lite.formats.archives")
    import zipfile

    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as zf:
        zf.writestr("inner/notes.txt", NOTES)
    text, log = _sarif(_scan(scanner, tmp_path))
    _assert_no_raw(text)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"USA_SOCIAL_SECURITY_NUMBER", "CREDIT_CARD_NUMBER", "EMAIL_ADDRESS"}
    for r in results:
        assert "region" not in r["locations"][0]["physicalLocation"]
        assert r["properties"]["insideArchive"] is True
    ssn = next(r for r in results if r["ruleId"] == "USA_SOCIAL_SECURITY_NUMBER")
    assert (ssn["properties"]["lineStart"], ssn["properties"]["startColumn"]) == (SSN_LINE, SSN_COL)
    assert ssn["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bundle.zip"


def test_member_path_is_carried_when_the_location_names_it(tmp_path: Path, scanner: Scanner) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "bundle.zip", "w") as zf:
        zf.writestr("inner/notes.txt", NOTES)
    (r,) = _scan(scanner, tmp_path)
    # an "embeddedFile" key in each discovery-result location (a macie-lite extension)
    for _cat, _type, det in iter_detections(r.result):
        for locs in det["occurrences"].values():
            for loc in locs or []:
                loc["embeddedFile"] = "bundle.zip/inner/notes.txt"
    _, log = _sarif([r])
    ssn = next(x for x in log["runs"][0]["results"] if x["ruleId"] == "USA_SOCIAL_SECURITY_NUMBER")
    assert ssn["properties"]["embeddedFile"] == "bundle.zip/inner/notes.txt"
    name = f"bundle.zip/inner/notes.txt: line {SSN_LINE}, column {SSN_COL}"
    assert ssn["locations"][0]["logicalLocations"][0]["name"] == name
    assert ssn["message"]["text"] == f"USA_SOCIAL_SECURITY_NUMBER detected: *******1234 ({name})"
    write_parquet([r], str(tmp_path / "out"))
    rows = (
        duckdb.connect()
        .execute(f"SELECT DISTINCT embedded_file FROM '{tmp_path}/out/occurrences/*.parquet'")
        .fetchall()
    )
    assert rows == [("bundle.zip/inner/notes.txt",)]


def test_sarif_and_asff_never_reveal(tmp_path: Path, scanner: Scanner) -> None:
    results = _scan(scanner, _tree(tmp_path / "repo"), reveal=True)
    # the finding itself carries values when reveal is asked; the writers must drop them
    assert any("value" in set(_walk_keys(r.finding)) for r in results if r.finding)
    text, _ = _sarif(results)
    _assert_no_raw(text)
    text, findings = _asff(results)
    _assert_no_raw(text)
    keys = set(_walk_keys(findings))
    assert "value" not in keys and "maskedPreview" not in keys and "MaskedPreview" not in keys


# ---------------------------------------------------------------- ASFF

ASFF_REQUIRED = (
    "SchemaVersion",
    "Id",
    "ProductArn",
    "GeneratorId",
    "AwsAccountId",
    "Types",
    "CreatedAt",
    "UpdatedAt",
    "Severity",
    "Title",
    "Description",
    "Resources",
)


def test_asff_required_fields_and_local_resource(tmp_path: Path, scanner: Scanner) -> None:
    text, findings = _asff(_scan(scanner, _tree(tmp_path / "repo")))
    _assert_no_raw(text)
    assert len(findings) == 2  # notes.txt and people.csv; clean and skipped objects have no finding
    by_file = {Path(f["Resources"][0]["Id"]).name: f for f in findings}
    notes = by_file["notes.txt"]
    for key in ASFF_REQUIRED:
        assert notes[key], key
    assert notes["SchemaVersion"] == "2018-10-08"
    assert notes["ProductArn"] == "arn:aws:securityhub:local:local:product/local/default"
    assert notes["AwsAccountId"] == "local"
    assert notes["Types"] == ["Sensitive Data Identifications/PII/SensitiveData:S3Object-Multiple"]
    assert notes["Severity"] == {"Label": "HIGH", "Normalized": 70}
    assert notes["CreatedAt"].endswith("Z") and notes["UpdatedAt"] == notes["CreatedAt"]
    assert notes["Title"] == "The S3 object contains multiple categories of sensitive data"
    (resource,) = notes["Resources"]
    assert resource["Type"] == "Other" and resource["Id"] == str(tmp_path / "repo" / "notes.txt")
    assert resource["Details"]["Other"]["key"] == "notes.txt"
    result = resource["DataClassification"]["Result"]
    assert result["MimeType"] == "text/plain" and result["SizeClassified"] == len(NOTES.encode())
    assert result["Status"] == {"Code": "COMPLETE"} and result["AdditionalOccurrences"] is False
    cats = {g["Category"]: g for g in result["SensitiveData"]}
    assert set(cats) == {"FINANCIAL_INFORMATION", "PERSONAL_INFORMATION"}
    assert cats["PERSONAL_INFORMATION"]["TotalCount"] == 2
    dets = {d["Type"]: d for d in cats["PERSONAL_INFORMATION"]["Detections"]}
    assert dets["USA_SOCIAL_SECURITY_NUMBER"]["Count"] == 1
    assert dets["USA_SOCIAL_SECURITY_NUMBER"]["Occurrences"] == {
        "LineRanges": [{"Start": SSN_LINE, "End": SSN_LINE, "StartColumn": SSN_COL}]
    }
    people = by_file["people.csv"]
    assert people["Types"] == ["Sensitive Data Identifications/PII/SensitiveData:S3Object-Personal"]
    cells = people["Resources"][0]["DataClassification"]["Result"]["SensitiveData"][0]["Detections"][0]
    assert cells["Count"] == 2
    assert cells["Occurrences"]["Cells"] == [
        {"Row": 2, "Column": 2, "ColumnName": "ssn"},
        {"Row": 3, "Column": 2, "ColumnName": "ssn"},
    ]


def test_asff_severity_mapping(tmp_path: Path, scanner: Scanner) -> None:
    (tmp_path / "low.txt").write_text(f"email {EMAIL}\n", encoding="utf-8")
    (tmp_path / "medium.txt").write_text(f"email {EMAIL}\nemail b.smith@example.org\n", encoding="utf-8")
    (tmp_path / "high.txt").write_text(f"my ssn {SSN}\n", encoding="utf-8")
    _, findings = _asff(_scan(scanner, tmp_path))
    sev = {Path(f["Resources"][0]["Id"]).name: f["Severity"] for f in findings}
    assert sev == {
        "high.txt": {"Label": "HIGH", "Normalized": 70},
        "low.txt": {"Label": "LOW", "Normalized": 1},
        "medium.txt": {"Label": "MEDIUM", "Normalized": 40},
    }


def test_asff_s3_object_and_bucket_resources(scanner: Scanner) -> None:
    data = NOTES.encode()
    resource = {
        "s3Bucket": {"name": "bkt", "arn": "arn:aws:s3:::bkt"},
        "s3Object": {
            "bucketArn": "arn:aws:s3:::bkt",
            "key": "dir/notes.txt",
            "path": "bkt/dir/notes.txt",
            "extension": "txt",
            "size": len(data),
            "lastModified": "2026-01-02T03:04:05Z",
            "eTag": "abc123",
            "versionId": "",
            "storageClass": "STANDARD",
        },
    }
    obj = SourceObject("s3://bkt/dir/notes.txt", "dir/notes.txt", len(data), lambda: io.BytesIO(data), resource)
    r = scan_object(scanner, obj)
    text, (f,) = _asff([r], region="eu-west-1", account_id="123456789012")
    _assert_no_raw(text)
    assert f["ProductArn"] == "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default"
    assert f["AwsAccountId"] == "123456789012" and f["Region"] == "eu-west-1"
    bucket, obj_res = f["Resources"]
    assert bucket == {
        "Type": "AwsS3Bucket",
        "Id": "arn:aws:s3:::bkt",
        "Partition": "aws",
        "Region": "eu-west-1",
        "Details": {"AwsS3Bucket": {"Name": "bkt"}},
    }
    assert obj_res["Type"] == "AwsS3Object" and obj_res["Id"] == "arn:aws:s3:::bkt/dir/notes.txt"
    assert obj_res["Details"]["AwsS3Object"] == {
        "LastModified": "2026-01-02T03:04:05Z",
        "ETag": "abc123",
        "ContentType": "text/plain",
    }
    assert "DataClassification" in obj_res and "DataClassification" not in bucket

    # SARIF keeps the s3 URI as is
    _, log = _sarif([r])
    uris = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in log["runs"][0]["results"]}
    assert uris == {"s3://bkt/dir/notes.txt"}


def test_asff_custom_identifier_block(tmp_path: Path) -> None:
    emp = CustomDataIdentifier(name="employee_id", regex=r"EMP-\d{6}", keywords=["employee"])
    sc = Scanner(managed="NONE", custom=[emp])
    (tmp_path / "staff.txt").write_text("employee EMP-123456\nemployee EMP-654321\n", encoding="utf-8")
    results = _scan(sc, tmp_path)
    text, (f,) = _asff(results)
    assert "EMP-123456" not in text and "EMP-654321" not in text
    assert f["Types"] == ["Sensitive Data Identifications/PII/SensitiveData:S3Object-CustomIdentifier"]
    assert f["Severity"] == {"Label": "MEDIUM", "Normalized": 40}
    result = f["Resources"][0]["DataClassification"]["Result"]
    assert result["SensitiveData"] == []
    cdi = result["CustomDataIdentifiers"]
    assert cdi["TotalCount"] == 2
    (det,) = cdi["Detections"]
    assert det["Name"] == "employee_id" and det["Count"] == 2 and "Arn" not in det
    assert det["Occurrences"]["LineRanges"] == [
        {"Start": 1, "End": 1, "StartColumn": 10},
        {"Start": 2, "End": 2, "StartColumn": 10},
    ]
    # SARIF: a custom rule, Medium by Macie's default
    text, log = _sarif(results, custom=[emp])
    assert "EMP-123456" not in text
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "employee_id" and rule["properties"]["category"] == "CUSTOM_IDENTIFIER"
    assert rule["defaultConfiguration"]["level"] == "warning"


# ---------------------------------------------------------------- Parquet


def test_parquet_tables_query_with_duckdb(tmp_path: Path, scanner: Scanner) -> None:
    results = _scan(scanner, _tree(tmp_path / "repo"))
    out = tmp_path / "out"
    write_parquet(results, str(out))
    assert sorted(p.name for p in out.iterdir()) == ["findings", "occurrences", "results"]
    con = duckdb.connect()
    f = f"'{out}/findings/*.parquet'"
    o = f"'{out}/occurrences/*.parquet'"
    res = f"'{out}/results/*.parquet'"
    per_type = con.execute(f"SELECT identifier_type, sum(count) FROM {f} GROUP BY 1 ORDER BY 1").fetchall()
    assert per_type == [("CREDIT_CARD_NUMBER", 1), ("EMAIL_ADDRESS", 1), ("USA_SOCIAL_SECURITY_NUMBER", 3)]
    joined = con.execute(
        f"SELECT f.identifier_type, f.severity, f.type_severity, o.kind, o.line_start, o.start_column, "
        f"o.cell_row, o.cell_column, o.column_name, o.masked_preview "
        f"FROM {o} o JOIN {f} f ON o.uri = f.uri AND o.identifier_type = f.identifier_type "
        f"ORDER BY f.uri, o.identifier_type, o.cell_row, o.line_start"
    ).fetchall()
    assert len(joined) == 5
    ssn_line = [row for row in joined if row[3] == "lineRanges" and row[0] == "USA_SOCIAL_SECURITY_NUMBER"]
    assert ssn_line == [
        (
            "USA_SOCIAL_SECURITY_NUMBER", "HIGH", "HIGH", "lineRanges", SSN_LINE, SSN_COL,
            None, None, None, "USA_SOCIAL_SECURITY_NUMBER *******1234",
        )
    ]  # fmt: skip
    cells = [(row[6], row[7], row[8]) for row in joined if row[3] == "cells"]
    assert cells == [(2, 2, "ssn"), (3, 2, "ssn")]
    email = [row for row in joined if row[0] == "EMAIL_ADDRESS"]
    assert email[0][1:3] == ("HIGH", "LOW")  # the finding is High, the email type alone is Low
    # the join by finding id agrees
    by_id = con.execute(f"SELECT count(*) FROM {o} o JOIN {f} f USING (finding_id, identifier_type)").fetchone()
    assert by_id == (5,)
    rows = con.execute(
        f"SELECT regexp_extract(uri, '[^/]+$'), status, reason, mime_type, total_detections, finding_type "
        f"FROM {res} ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("clean.txt", "COMPLETE", None, "text/plain", 0, None),
        ("image.png", "SKIPPED", "UNSUPPORTED_FILE_TYPE_EXCEPTION", None, 0, None),
        ("notes.txt", "COMPLETE", None, "text/plain", 3, "SensitiveData:S3Object/Multiple"),
        ("people.csv", "COMPLETE", None, "text/csv", 2, "SensitiveData:S3Object/Personal"),
    ]
    for table in ("findings", "occurrences", "results"):
        raw = (out / table / "part-00000.parquet").read_bytes()
        assert all(v.encode() not in raw for v in PLANTED)


def test_parquet_schema_with_pyarrow(tmp_path: Path, scanner: Scanner) -> None:
    out = tmp_path / "out"
    write_parquet(_scan(scanner, _tree(tmp_path / "repo")), str(out))
    findings = pq.read_table(out / "findings" / "part-00000.parquet")
    assert findings.num_rows == 4
    assert str(findings.schema.field("count").type) == "int64"
    assert str(findings.schema.field("created_at").type) == "timestamp[ms, tz=UTC]"
    occ = pq.read_table(out / "occurrences" / "part-00000.parquet")
    assert occ.num_rows == 5
    assert sorted(occ.column("kind").to_pylist()) == ["cells", "cells", "lineRanges", "lineRanges", "lineRanges"]
    results = pq.read_table(out / "results" / "part-00000.parquet")
    assert results.num_rows == 4
    assert sorted(results.column("size_classified").to_pylist())[-1] == len(NOTES.encode())


def test_parquet_replaces_atomically(tmp_path: Path, scanner: Scanner) -> None:
    repo = _tree(tmp_path / "repo")
    out = tmp_path / "out"
    out.mkdir()
    (out / "README").write_text("keep me\n")
    write_parquet(_scan(scanner, repo), str(out))
    first = pq.read_table(out / "results" / "part-00000.parquet").num_rows

    def broken() -> Iterator[ObjectResult]:
        yield from _scan(scanner, repo)[:1]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_parquet(broken(), str(out))
    assert pq.read_table(out / "results" / "part-00000.parquet").num_rows == first
    assert sorted(os.listdir(out)) == ["README", "findings", "occurrences", "results"]

    (repo / "sub" / "clean.txt").unlink()
    write_parquet(_scan(scanner, repo), str(out))
    assert pq.read_table(out / "results" / "part-00000.parquet").num_rows == first - 1
    assert sorted(os.listdir(out)) == ["README", "findings", "occurrences", "results"]
    assert (out / "README").read_text() == "keep me\n"


def test_parquet_rejects_a_file_path(tmp_path: Path) -> None:
    target = tmp_path / "out.parquet"
    target.write_text("x")
    with pytest.raises(ValueError, match="not a directory"):
        write_parquet([], str(target))
    with pytest.raises(ValueError, match="directory"):
        write_parquet([], "-")


def test_parquet_empty_scan_writes_empty_tables(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_parquet([], str(out))
    con = duckdb.connect()
    for table in ("findings", "occurrences", "results"):
        assert con.execute(f"SELECT count(*) FROM '{out}/{table}/*.parquet'").fetchone() == (0,)


def test_parquet_streams_in_row_groups(tmp_path: Path, scanner: Scanner, monkeypatch: pytest.MonkeyPatch) -> None:
    import macie_lite.outputs.parquet as parquet_out

    monkeypatch.setattr(parquet_out, "BATCH_ROWS", 100)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "many.txt").write_text(
        "".join(f"email user{i}@example.org\n" for i in range(250)), encoding="utf-8"
    )
    write_parquet(_scan(scanner, tmp_path / "src"), str(tmp_path / "out"))
    part = pq.ParquetFile(tmp_path / "out" / "occurrences" / "part-00000.parquet")
    assert part.metadata.num_rows == 250 and part.metadata.num_row_groups == 3
    lines = (
        duckdb.connect()
        .execute(
            f"SELECT min(line_start), max(line_start), count(DISTINCT line_start) "
            f"FROM '{tmp_path}/out/occurrences/*.parquet'"
        )
        .fetchone()
    )
    assert lines == (1, 250, 250)
