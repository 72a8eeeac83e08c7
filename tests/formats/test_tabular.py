"""CSV and TSV readers end to end: real files on disk, scanned into Macie-shaped results."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

from format_support import occurrences, scan
from macie_lite import Scanner
from macie_lite.formats import Limits, ReadContext
from macie_lite.formats.tabular import read_csv

SSN = "USA_SOCIAL_SECURITY_NUMBER"
EMAIL = "EMAIL_ADDRESS"
SSN_A = "628194821"
SSN_B = "186091390"
MAIL = "jane.doe@example.org"


def cell(row: int, column: int, name: str | None) -> dict[str, Any]:
    return {"row": row, "column": column, "columnName": name, "cellReference": None}


def test_column_name_is_the_keyword(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(f"id,ssn,notes\n1,{SSN_A},{SSN_A}\n2,{SSN_B},nothing\n")
    result = scan(scanner, path)
    assert result.status == "COMPLETE"
    assert result.mime_type == "text/csv"
    assert result.counts == {SSN: 2}
    assert occurrences(result, SSN) == {"cells": [cell(2, 2, "ssn"), cell(3, 2, "ssn")]}
    assert result.finding is not None
    assert result.finding["type"] == "SensitiveData:S3Object/Personal"


def test_same_value_under_another_column_is_not_reported(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(f"id,notes\n1,{SSN_A}\n2,{SSN_B}\n")
    result = scan(scanner, path)
    assert result.status == "COMPLETE"
    assert result.counts == {}
    assert result.finding is None


def test_sensitive_header_is_a_line_range(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text(f"id,{MAIL},ssn\n1,plain,{SSN_A}\n")
    result = scan(scanner, path)
    assert result.counts == {EMAIL: 1, SSN: 1}
    assert occurrences(result, EMAIL) == {"lineRanges": [{"start": 1, "end": 1, "startColumn": 4}]}
    assert occurrences(result, SSN) == {"cells": [cell(2, 3, "ssn")]}


def test_quoted_newlines_count_as_one_row(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(f'id,notes\n1,"first line\nssn {SSN_A}, ok"\n2,"ssn ""{SSN_B}"""\n', newline="")
    result = scan(scanner, path)
    assert result.counts == {SSN: 2}
    assert occurrences(result, SSN) == {"cells": [cell(2, 2, "notes"), cell(3, 2, "notes")]}


def test_crlf_bom_blank_and_ragged_rows(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "messy.csv"
    body = f"ssn,other\r\n{SSN_A}\r\n\r\n{SSN_B},x,{MAIL}\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    result = scan(scanner, path)
    assert result.status == "COMPLETE"
    assert result.counts == {SSN: 2, EMAIL: 1}
    # The BOM is not part of the first column name; the blank line is row 3.
    assert occurrences(result, SSN) == {"cells": [cell(2, 1, "ssn"), cell(4, 1, "ssn")]}
    assert occurrences(result, EMAIL) == {"cells": [cell(4, 3, None)]}


def test_non_utf8_bytes_never_stop_the_scan(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"caf\xe9,ssn\n\xff\xfe broken,\xe9" + SSN_A.encode() + b"\n-," + SSN_B.encode() + b"\n")
    result = scan(scanner, path)
    assert result.status == "COMPLETE"
    assert result.counts == {SSN: 2}
    assert occurrences(result, SSN) == {"cells": [cell(2, 2, "ssn"), cell(3, 2, "ssn")]}


def test_tsv(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(f"name\tssn\temail\nJane, Doe\t{SSN_A}\t{MAIL}\n")
    result = scan(scanner, path)
    assert result.mime_type == "text/tab-separated-values"
    assert result.counts == {SSN: 1, EMAIL: 1}
    assert occurrences(result, SSN) == {"cells": [cell(2, 2, "ssn")]}
    assert occurrences(result, EMAIL) == {"cells": [cell(2, 3, "email")]}


def test_malformed_record_and_the_rest_fall_back_to_text(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(f'id,ssn\n1,{SSN_A}\n2,"broken"x,ssn {SSN_B}\n3,{MAIL}\n')
    result = scan(scanner, path)
    assert result.status == "COMPLETE"
    assert result.counts == {SSN: 2, EMAIL: 1}
    assert occurrences(result, SSN) == {
        "cells": [cell(2, 2, "ssn")],
        "lineRanges": [{"start": 3, "end": 3, "startColumn": 17}],
    }
    assert occurrences(result, EMAIL) == {"lineRanges": [{"start": 4, "end": 4, "startColumn": 3}]}


def test_unterminated_quote_falls_back_from_its_record(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text(f'ssn,notes\n{SSN_A},ok\n{SSN_B},"never closed\nmail {MAIL}\n')
    result = scan(scanner, path)
    assert result.counts == {SSN: 1, EMAIL: 1}
    # Without the header as context the bare number on line 3 is not an SSN.
    assert occurrences(result, SSN) == {"cells": [cell(2, 1, "ssn")]}
    assert occurrences(result, EMAIL) == {"lineRanges": [{"start": 4, "end": 4, "startColumn": 6}]}


def test_line_longer_than_the_chunk_is_read_as_text(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f"ssn,notes\n{SSN_A},short\n1,{'x ' * 100}{MAIL}\n")
    result = scan(scanner, path, Limits(text_chunk_bytes=64))
    assert result.counts == {SSN: 1, EMAIL: 1}
    assert occurrences(result, SSN) == {"cells": [cell(2, 1, "ssn")]}
    assert list(occurrences(result, EMAIL)) == ["lineRanges"]
    assert occurrences(result, EMAIL)["lineRanges"][0]["start"] == 3


def test_large_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = 200_000
    with path.open("w") as fh:
        fh.write("id,ssn,notes\n")
        for i in range(rows):
            fh.write(f"{i},{SSN_A},row number {i}\n")
    size = path.stat().st_size
    with path.open("rb") as fh:
        segments = read_csv(fh, ReadContext("big.csv"))
        first = next(segments)
        assert first.kind == "lineRanges"
        assert fh.tell() < 1 << 20 < size
        last_row = 0
        count = 1
        for seg in segments:
            count += 1
            last_row = seg.location["row"]
    assert count == 1 + rows * 3
    assert last_row == rows + 1


def test_unbuffered_stream(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "piped.csv"
    path.write_text(f'ssn,notes\n{SSN_A},"two\nlines"\n{SSN_B},x\n')
    with subprocess.Popen(["cat", str(path)], stdout=subprocess.PIPE, bufsize=0) as proc:
        assert isinstance(proc.stdout, io.RawIOBase)
        segments = list(read_csv(proc.stdout, ReadContext("piped.csv")))
    found = [(d.type, s.location) for s in segments for d in scanner.scan_bytes(s.data, s.context)]
    assert found == [(SSN, cell(2, 1, "ssn")), (SSN, cell(3, 1, "ssn"))]
