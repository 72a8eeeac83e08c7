"""JSON and JSON Lines readers end to end: real files, jsonPath and recordIndex as Macie gives them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from format_support import occurrences, scan, status
from macie_lite import Scanner
from macie_lite.formats import FormatError, ReadContext, Segment, records
from macie_lite.formats.records import read_json, read_jsonl, render_path

SSN = "USA_SOCIAL_SECURITY_NUMBER"
EMAIL = "EMAIL_ADDRESS"
CARD = "CREDIT_CARD_NUMBER"
SSN_A = "628194821"
SSN_B = "186091390"
MAIL = "jane.doe@example.org"
CARD_NO = "4532015112830366"


def write_json(tmp_path: Path, name: str, value: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(value))
    return path


def located(scanner: Scanner, segments: list[Segment]) -> list[tuple[str, dict[str, Any]]]:
    """(type, location) of every detection in the segments, as scan_object would place them."""
    return [(d.type, seg.location) for seg in segments for d in scanner.scan_bytes(seg.data, seg.context)]


# -- JSON ----------------------------------------------------------------------------------------


def test_key_path_is_the_keyword(scanner: Scanner, tmp_path: Path) -> None:
    doc = {"customer": {"ssn": SSN_A, "notes": SSN_B, "ids": {"ssn": ["x", int(SSN_B)]}}}
    result = scan(scanner, write_json(tmp_path, "c.json", doc))
    assert status(result) == ("COMPLETE", None)
    assert result.mime_type == "application/json"
    assert result.counts == {SSN: 2}
    assert occurrences(result, SSN) == {
        "records": [
            {"recordIndex": 0, "jsonPath": "$.customer.ssn"},
            {"recordIndex": 0, "jsonPath": "$.customer.ids.ssn[1]"},
        ]
    }


def test_ancestor_name_counts_and_quoted_names(scanner: Scanner, tmp_path: Path) -> None:
    doc = [{"tax id": {"ssn": [SSN_A]}}, {"o'k": {"card": CARD_NO}}]
    result = scan(scanner, write_json(tmp_path, "q.json", doc))
    assert result.counts == {SSN: 1, CARD: 1}
    assert occurrences(result, SSN) == {"records": [{"recordIndex": 0, "jsonPath": "$[0]['tax id'].ssn[0]"}]}
    assert occurrences(result, CARD) == {"records": [{"recordIndex": 0, "jsonPath": "$[1]['o\\'k'].card"}]}


def test_long_names_and_long_paths_are_cut(scanner: Scanner, tmp_path: Path) -> None:
    long_name = "k" * 300
    doc = {long_name: {"ssn": SSN_A}, "a" * 200: {"b" * 100: {"ssn": SSN_B}}}
    result = scan(scanner, write_json(tmp_path, "long.json", doc))
    assert result.counts == {SSN: 2}
    first, second = occurrences(result, SSN)["records"]
    assert first == {"recordIndex": 0, "jsonPath": "$['..." + "k" * 237 + "'].ssn"}
    assert second == {"recordIndex": 0, "jsonPath": "$.." + "b" * 100 + ".ssn"}
    assert len(second["jsonPath"]) <= 250
    assert render_path((".x",) * 200).startswith("$..x.x")
    assert len(render_path((".x",) * 200)) <= 250


def test_sensitive_key_name_is_reported_without_path(scanner: Scanner, tmp_path: Path) -> None:
    doc = {"contacts": {MAIL: {"ssn": SSN_A}}}
    result = scan(scanner, write_json(tmp_path, "k.json", doc))
    assert result.counts == {EMAIL: 1, SSN: 1}
    assert occurrences(result, EMAIL) == {"records": [{"recordIndex": 0}]}


def test_path_is_omitted_below_a_sensitive_name(scanner: Scanner) -> None:
    doc = {"contacts": {MAIL: {"ssn": SSN_A}}, "ssn": SSN_B}
    ctx = ReadContext("k.json")
    ctx.name_is_sensitive = lambda name, parents: bool(  # type: ignore[attr-defined]
        scanner.scan_bytes(name.encode(), parents)
    )
    segments = list(read_json(io.BytesIO(json.dumps(doc).encode()), ctx))
    # Depth first in document order: the contacts subtree comes before $.ssn.
    assert located(scanner, segments) == [
        (EMAIL, {"recordIndex": 0}),
        (SSN, {"recordIndex": 0}),
        (SSN, {"recordIndex": 0, "jsonPath": "$.ssn"}),
    ]


def test_malformed_json_is_read_as_text(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(f'{{"ssn": "{SSN_A}",\n  "email": "{MAIL}"\n')
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert result.counts == {SSN: 1, EMAIL: 1}
    assert occurrences(result, SSN) == {"lineRanges": [{"start": 1, "end": 1, "startColumn": 10}]}
    assert occurrences(result, EMAIL) == {"lineRanges": [{"start": 2, "end": 2, "startColumn": 13}]}


def nested(levels: int) -> str:
    return "[" * levels + json.dumps(MAIL) + "]" * levels


@pytest.mark.parametrize("levels", [257, 300, 5000])
def test_too_deep_json_is_skipped(scanner: Scanner, tmp_path: Path, levels: int) -> None:
    path = tmp_path / "deep.json"
    path.write_text(nested(levels))
    result = scan(scanner, path)
    assert status(result) == ("SKIPPED", "JSON_NESTING_LEVEL_OVER_LIMIT")
    assert result.counts == {}


def test_256_levels_are_read(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(nested(256))
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    # 769 characters in full: cut from its first elements to at most 250.
    assert occurrences(result, EMAIL) == {"records": [{"recordIndex": 0, "jsonPath": "$.." + "[0]" * 82}]}


def test_numbers_keep_their_text(scanner: Scanner) -> None:
    raw = b'{"card": 4532015112830366, "ratio": 1.50e3, "x": NaN, "ok": true, "none": null}'
    segments = list(read_json(io.BytesIO(raw), ReadContext("n.json")))
    values = [(s.data, s.location.get("jsonPath")) for s in segments if "jsonPath" in s.location]
    assert values == [(b"4532015112830366", "$.card"), (b"1.50e3", "$.ratio"), (b"NaN", "$.x")]
    assert located(scanner, segments) == [(CARD, {"recordIndex": 0, "jsonPath": "$.card"})]


# -- large JSON arrays, streamed ---------------------------------------------------------------


@pytest.fixture
def small_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the in-memory threshold tiny so the streaming parser reads these small files."""
    monkeypatch.setattr(records, "JSON_IN_MEMORY_BYTES", 2048)
    monkeypatch.setattr(records, "_CHUNK", 100)


def big_array() -> list[Any]:
    items: list[Any] = [{"id": i, "note": "filler text " * (i % 5)} for i in range(300)]
    items[7] = {"id": 7, "customer": {"ssn": SSN_A}}
    items[150] = {"id": 150, "email": MAIL, "n": 12345678901234567890}
    items[299] = 628194821
    return items


def test_streamed_array_matches_whole_parse(scanner: Scanner, tmp_path: Path, small_memory: None) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big_array(), indent=1))
    assert path.stat().st_size > 5 * records.JSON_IN_MEMORY_BYTES
    streamed = scan(scanner, path)
    assert status(streamed) == ("COMPLETE", None)
    assert streamed.counts == {SSN: 1, EMAIL: 1}
    assert occurrences(streamed, SSN) == {"records": [{"recordIndex": 0, "jsonPath": "$[7].customer.ssn"}]}
    assert occurrences(streamed, EMAIL) == {"records": [{"recordIndex": 0, "jsonPath": "$[150].email"}]}
    with path.open("rb") as fh:
        streamed_segments = [(s.data, s.location) for s in read_json(fh, ReadContext("big.json"))]
    records.JSON_IN_MEMORY_BYTES = 1 << 30
    with path.open("rb") as fh:
        whole_segments = [(s.data, s.location) for s in read_json(fh, ReadContext("big.json"))]
    assert len(whole_segments) > 500
    assert streamed_segments == whole_segments


def test_streamed_array_with_a_bad_element_reads_the_rest_as_text(
    scanner: Scanner, tmp_path: Path, small_memory: None
) -> None:
    items = [json.dumps({"id": i, "pad": "p" * 40}) for i in range(100)]
    items[3] = json.dumps({"ssn": SSN_A})
    items[60] = '{"broken": oops}'
    items[80] = json.dumps({"email": MAIL})
    path = tmp_path / "bad_big.json"
    path.write_text("[\n" + ",\n".join(items) + "\n]\n")
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert occurrences(result, SSN) == {"records": [{"recordIndex": 0, "jsonPath": "$[3].ssn"}]}
    # Element 80 sits on line 82 (line 1 is "[").
    assert occurrences(result, EMAIL) == {"lineRanges": [{"start": 82, "end": 82, "startColumn": 12}]}


def test_large_non_array_document_is_read_as_text(scanner: Scanner, tmp_path: Path, small_memory: None) -> None:
    doc = {"pad": ["x" * 50] * 100, "email": MAIL}
    path = tmp_path / "obj.json"
    path.write_text(json.dumps(doc, indent=0))
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert occurrences(result, EMAIL) == {"lineRanges": [{"start": 104, "end": 104, "startColumn": 11}]}


def test_streamed_too_deep_element(small_memory: None) -> None:
    raw = "[" + ",".join([json.dumps({"email": MAIL})] * 80 + [nested(300)]) + "]"
    segments = read_json(io.BytesIO(raw.encode()), ReadContext("deep_big.json"))
    paths = []
    with pytest.raises(FormatError) as info:
        for seg in segments:
            paths.append(seg.location.get("jsonPath"))
    assert info.value.reason == "JSON_NESTING_LEVEL_OVER_LIMIT"
    # The 80 elements before the deep one were read (a name is scanned once per record).
    assert paths == [None] + [f"$[{i}].email" for i in range(80)]


# -- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_record_index_is_the_line(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    lines = [
        json.dumps({"user": {"ssn": SSN_A}}),
        "",
        f'{{"email": {MAIL}',
        json.dumps({"payment": {"card": [CARD_NO]}}),
        json.dumps({"user": {"ssn": SSN_B}}),
    ]
    path.write_text("\n".join(lines) + "\n")
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert result.counts == {SSN: 2, EMAIL: 1, CARD: 1}
    assert occurrences(result, SSN) == {
        "records": [
            {"recordIndex": 0, "jsonPath": "$.user.ssn"},
            {"recordIndex": 4, "jsonPath": "$.user.ssn"},
        ]
    }
    # The blank line counts, so the malformed third line is line 3 and the card is record 3.
    assert occurrences(result, EMAIL) == {"lineRanges": [{"start": 3, "end": 3, "startColumn": 11}]}
    assert occurrences(result, CARD) == {"records": [{"recordIndex": 3, "jsonPath": "$.payment.card[0]"}]}


def test_jsonl_names_are_scanned_per_record(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "keys.ndjson"
    row = json.dumps({MAIL: 1, "list": [{MAIL: 2}]})
    path.write_text(row + "\n" + row + "\n")
    result = scan(scanner, path)
    assert result.counts == {EMAIL: 4}
    assert occurrences(result, EMAIL) == {"records": [{"recordIndex": i} for i in (0, 0, 1, 1)]}


def test_jsonl_too_deep_line(scanner: Scanner, tmp_path: Path) -> None:
    first = tmp_path / "deep_first.jsonl"
    first.write_text(nested(300) + "\n" + json.dumps({"email": MAIL}) + "\n")
    assert status(scan(scanner, first)) == ("SKIPPED", "JSON_NESTING_LEVEL_OVER_LIMIT")
    # A deep line after good ones: the good lines were read before the error (PARTIAL).
    raw = json.dumps({"email": MAIL}) + "\n" + nested(300) + "\n"
    read = []
    with pytest.raises(FormatError) as info:
        for seg in read_jsonl(io.BytesIO(raw.encode()), ReadContext("deep_later.jsonl")):
            read.append(seg.location)
    assert info.value.reason == "JSON_NESTING_LEVEL_OVER_LIMIT"
    assert read == [{"recordIndex": 0}, {"recordIndex": 0, "jsonPath": "$.email"}]
    later = tmp_path / "deep_later.jsonl"
    later.write_bytes(raw.encode())
    result = scan(scanner, later)
    assert status(result) == ("PARTIAL", "JSON_NESTING_LEVEL_OVER_LIMIT")
    assert occurrences(result, EMAIL) == {"records": [{"recordIndex": 0, "jsonPath": "$.email"}]}


def test_jsonl_line_over_the_limit_is_read_as_text(
    scanner: Scanner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "JSON_IN_MEMORY_BYTES", 256)
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"pad": "z " * 200, "email": MAIL})
    path.write_text(json.dumps({"ssn": SSN_A}) + "\n" + long_line + "\n" + json.dumps({"ssn": SSN_B}) + "\n")
    result = scan(scanner, path)
    assert status(result) == ("COMPLETE", None)
    assert occurrences(result, SSN) == {
        "records": [{"recordIndex": 0, "jsonPath": "$.ssn"}, {"recordIndex": 2, "jsonPath": "$.ssn"}]
    }
    assert [loc["start"] for loc in occurrences(result, EMAIL)["lineRanges"]] == [2]


def test_name_check_drops_names_it_clears(scanner: Scanner) -> None:
    raw = (json.dumps({"user": {"ssn": SSN_A}, MAIL: "x"}) + "\n") * 3
    ctx = ReadContext("k.jsonl")
    ctx.name_is_sensitive = lambda name, parents: bool(  # type: ignore[attr-defined]
        scanner.scan_bytes(name.encode(), parents)
    )
    segments = list(read_jsonl(io.BytesIO(raw.encode()), ctx))
    names = [s.data for s in segments if "jsonPath" not in s.location]
    # Only the sensitive name is yielded (once per line); its value loses its path.
    assert names == [MAIL.encode(), b"x"] * 3
    assert located(scanner, segments) == [
        (SSN, {"recordIndex": i, "jsonPath": "$.user.ssn"}) if t == SSN else (EMAIL, {"recordIndex": i})
        for i in range(3)
        for t in (SSN, EMAIL)
    ]
