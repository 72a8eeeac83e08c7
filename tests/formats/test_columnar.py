"""Parquet and Avro readers end to end: real files written with pyarrow and fastavro."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import fastavro
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from format_support import occurrences, scan, status
from macie_lite import Scanner
from macie_lite.formats import FormatError, ReadContext, Segment, columnar
from macie_lite.formats.columnar import read_avro, read_parquet

SSN = "USA_SOCIAL_SECURITY_NUMBER"
EMAIL = "EMAIL_ADDRESS"
CARD = "CREDIT_CARD_NUMBER"
CARD_BARE = "CREDIT_CARD_NUMBER_(NO_KEYWORD)"
SSN_A = "628194821"
SSN_B = "186091390"
MAIL = "jane.doe@example.org"
CARD_NO = "4532015112830366"


def rec(index: int, path: str | None = None) -> dict[str, Any]:
    return {"recordIndex": index} if path is None else {"recordIndex": index, "jsonPath": path}


def located(scanner: Scanner, segments: list[Segment]) -> list[tuple[str, dict[str, Any]]]:
    return [(d.type, seg.location) for seg in segments for d in scanner.scan_bytes(seg.data, seg.context)]


def sensitive_names(scanner: Scanner, name: str) -> ReadContext:
    ctx = ReadContext(name)
    ctx.name_is_sensitive = lambda n, parents: bool(  # type: ignore[attr-defined]
        scanner.scan_bytes(n.encode(), parents)
    )
    return ctx


# -- Parquet ---------------------------------------------------------------------------------


def test_parquet_columns_and_row_groups(scanner: Scanner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columnar, "PARQUET_BATCH_ROWS", 5)
    n = 50
    ssn: list[str | None] = [None] * n
    ssn[0], ssn[43] = SSN_A, SSN_B
    table = pa.table(
        {
            "id": pa.array(range(n), pa.int64()),
            "ssn": pa.array(ssn, pa.string()),
            "notes": pa.array([SSN_A] * n, pa.string()),
            "tax_ssn": pa.array([int(SSN_A) if i == 17 else i for i in range(n)], pa.int64()),
            "amount": pa.array([1.5] * n, pa.float64()),
            "flag": pa.array([True] * n),
        }
    )
    path = tmp_path / "people.parquet"
    pq.write_table(table, path, row_group_size=7)
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert result.mime_type == "application/parquet"
    assert result.counts == {SSN: 3}
    # Column by column within each batch: the int column's value comes after the string one.
    assert occurrences(result, SSN) == {"records": [rec(0, "$.ssn"), rec(17, "$.tax_ssn"), rec(43, "$.ssn")]}


def test_parquet_nested_struct_list_and_map(scanner: Scanner, tmp_path: Path) -> None:
    customer = pa.struct([("ssn", pa.string()), ("emails", pa.list_(pa.string()))])
    table = pa.table(
        {
            "customer": pa.array([{"ssn": SSN_A, "emails": ["none", MAIL]}, {"ssn": None, "emails": []}], customer),
            "attrs": pa.array([[("card", CARD_NO)], [("note", "hello")]], pa.map_(pa.string(), pa.string())),
        }
    )
    path = tmp_path / "nested.parquet"
    pq.write_table(table, path)
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert result.counts == {SSN: 1, EMAIL: 1, CARD: 1}
    assert occurrences(result, SSN) == {"records": [rec(0, "$.customer.ssn")]}
    assert occurrences(result, EMAIL) == {"records": [rec(0, "$.customer.emails[1]")]}
    assert occurrences(result, CARD) == {"records": [rec(0, "$.attrs.card")]}


def test_parquet_sensitive_field_name(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "named.parquet"
    pq.write_table(pa.table({MAIL: [CARD_NO, CARD_NO, "x"], "id": [1, 2, 3]}), path)
    result = scan(scanner, path)
    # The name comes from the schema: scanned once per file, located by record 0 only.
    assert result.counts == {EMAIL: 1, CARD_BARE: 2}
    assert occurrences(result, EMAIL) == {"records": [rec(0)]}
    with path.open("rb") as fh:
        segments = list(read_parquet(fh, sensitive_names(scanner, "named.parquet")))
    assert located(scanner, segments) == [(EMAIL, rec(0)), (CARD_BARE, rec(0)), (CARD_BARE, rec(1))]


def test_parquet_from_a_pipe_is_spooled(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "piped.parquet"
    pq.write_table(pa.table({"ssn": ["x", SSN_B]}), path)
    with subprocess.Popen(["cat", str(path)], stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert not proc.stdout.seekable()
        segments = list(read_parquet(proc.stdout, ReadContext("piped.parquet")))
    assert located(scanner, segments) == [(SSN, rec(1, "$.ssn"))]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: b"PAR1" + b"\x00garbage" * 20, "MALFORMED_FILE"),
        (lambda data: data[: len(data) // 2], "MALFORMED_FILE"),
        (lambda data: data[:30] + b"\x00" * 40 + data[70:], "UNABLE_TO_PARSE_FILE"),
    ],
    ids=["garbage", "truncated", "damaged-page"],
)
def test_corrupt_parquet_is_skipped(scanner: Scanner, tmp_path: Path, damage: Any, reason: str) -> None:
    good = tmp_path / "good.parquet"
    pq.write_table(pa.table({"ssn": [SSN_A] * 100}), good)
    path = tmp_path / "bad.parquet"
    path.write_bytes(damage(good.read_bytes()))
    result = scan(scanner, path)
    assert status(result) == ("SKIPPED", reason)
    assert result.finding is None
    detail = result.result["classificationDetails"]["result"]["status"]["detail"]
    assert "Parquet" in detail
    assert SSN_A not in detail


# -- Avro ------------------------------------------------------------------------------------

PERSON = {
    "type": "record",
    "name": "Person",
    "fields": [
        {"name": "name", "type": "string"},
        {"name": "ssn", "type": "long"},
        {
            "name": "contact",
            "type": {"type": "record", "name": "Contact", "fields": [{"name": "email", "type": "string"}]},
        },
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "attrs", "type": {"type": "map", "values": "string"}},
        {"name": "photo", "type": "bytes"},
        {"name": "card", "type": ["null", "string"], "default": None},
    ],
}


def person(i: int, **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": f"person {i}",
        "ssn": i,
        "contact": {"email": "nobody"},
        "tags": ["a"],
        "attrs": {},
        "photo": b"\x00\x01",
        "card": None,
    }
    base.update(over)
    return base


def test_avro_records_and_paths(scanner: Scanner, tmp_path: Path) -> None:
    rows = [person(i) for i in range(40)]
    rows[0] = person(0, ssn=int(SSN_A), attrs={"ssn": SSN_B, MAIL: "x"})
    rows[21] = person(21, contact={"email": MAIL}, card=CARD_NO)
    rows[39] = person(39, tags=["a", MAIL], attrs={MAIL: "y"}, photo=f"ssn {SSN_B}".encode())
    path = tmp_path / "people.avro"
    with path.open("wb") as fh:
        fastavro.writer(fh, PERSON, rows, sync_interval=64)
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert result.mime_type == "application/avro"
    assert result.counts == {SSN: 3, EMAIL: 3, CARD: 1}
    assert occurrences(result, SSN) == {"records": [rec(0, "$.ssn"), rec(0, "$.attrs.ssn"), rec(39, "$.photo")]}
    # The map key is a name: scanned once per file (record 0), so record 39's copy is not repeated.
    assert occurrences(result, EMAIL) == {"records": [rec(0), rec(21, "$.contact.email"), rec(39, "$.tags[1]")]}
    assert occurrences(result, CARD) == {"records": [rec(21, "$.card")]}


def test_avro_path_is_omitted_below_a_sensitive_map_key(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "keys.avro"
    schema = {"type": "record", "name": "R", "fields": [{"name": "m", "type": {"type": "map", "values": "string"}}]}
    with path.open("wb") as fh:
        fastavro.writer(fh, schema, [{"m": {MAIL: CARD_NO, "card": CARD_NO}}])
    with path.open("rb") as fh:
        segments = list(read_avro(fh, sensitive_names(scanner, "keys.avro")))
    assert located(scanner, segments) == [(EMAIL, rec(0)), (CARD_BARE, rec(0)), (CARD, rec(0, "$.m.card"))]


def test_avro_from_a_pipe(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "piped.avro"
    with path.open("wb") as fh:
        fastavro.writer(fh, PERSON, [person(0), person(1, ssn=int(SSN_B))])
    with subprocess.Popen(["cat", str(path)], stdout=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        segments = list(read_avro(proc.stdout, ReadContext("piped.avro")))
    assert located(scanner, segments) == [(SSN, rec(1, "$.ssn"))]


def test_corrupt_avro_is_skipped(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "bad.avro"
    path.write_bytes(b"Obj\x01" + b"\x07garbage" * 30)
    result = scan(scanner, path)
    assert status(result) == ("SKIPPED", "MALFORMED_FILE")
    assert "Avro" in result.result["classificationDetails"]["result"]["status"]["detail"]


def test_truncated_avro_fails_after_the_readable_records(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "cut.avro"
    with path.open("wb") as fh:
        fastavro.writer(fh, PERSON, [person(i, contact={"email": MAIL}) for i in range(500)], sync_interval=256)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    seen = set()
    with path.open("rb") as fh, pytest.raises(FormatError) as info:
        for seg in read_avro(fh, ReadContext("cut.avro")):
            seen.add(seg.location["recordIndex"])
    assert info.value.reason == "UNABLE_TO_PARSE_FILE"
    assert 0 < len(seen) < 500
    assert seen == set(range(len(seen)))
    result = scan(scanner, path)
    assert status(result) == ("PARTIAL", "UNABLE_TO_PARSE_FILE")
    assert result.counts == {EMAIL: len(seen)}


def test_parquet_damaged_after_good_row_groups_is_partial(
    scanner: Scanner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(columnar, "PARQUET_BATCH_ROWS", 10)
    path = tmp_path / "mid.parquet"
    pq.write_table(pa.table({"ssn": [SSN_A] * 40}), path, row_group_size=10)
    offset = pq.ParquetFile(path).metadata.row_group(2).column(0).data_page_offset
    data = bytearray(path.read_bytes())
    data[offset : offset + 20] = b"\xff" * 20
    path.write_bytes(bytes(data))
    result = scan(scanner, path)
    assert status(result) == ("PARTIAL", "UNABLE_TO_PARSE_FILE")
    assert occurrences(result, SSN) == {"records": [rec(i, "$.ssn") for i in range(20)]}
