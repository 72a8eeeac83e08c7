"""PDF, DOCX and XLSX readers end to end: real files made with fpdf2, python-docx and openpyxl,
scanned into Macie-shaped results with exact page, line and cell locations."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from format_support import occurrences, scan
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from macie_lite import Scanner
from macie_lite.formats import Limits
from macie_lite.scan import ObjectResult

SSN = "USA_SOCIAL_SECURITY_NUMBER"
CARD = "CREDIT_CARD_NUMBER"
EMAIL = "EMAIL_ADDRESS"
SSN_VALUE = "536-22-1234"
CARD_VALUE = "4532015112830366"
MAIL = "jane.doe@example.org"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def status(result: ObjectResult) -> dict[str, Any]:
    block: dict[str, Any] = result.result["classificationDetails"]["result"]["status"]
    return block


def make_pdf(path: Path, pages: list[str], **encryption: Any) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.cell(text=text)
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.output(str(path))


# ---------------------------------------------------------------- PDF


def test_pdf_pages_are_numbered_from_one(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    make_pdf(path, ["Quarterly report", f"ssn {SSN_VALUE}", "nothing here", f"card {CARD_VALUE} ssn {SSN_VALUE}"])
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("COMPLETE", None)
    assert result.mime_type == "application/pdf"
    assert result.counts == {SSN: 2, CARD: 1}
    assert occurrences(result, SSN) == {"pages": [{"pageNumber": 2}, {"pageNumber": 4}]}
    assert occurrences(result, CARD) == {"pages": [{"pageNumber": 4}]}
    assert "unprocessed" not in status(result)


def test_pdf_with_a_user_password_is_skipped_as_encrypted(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    make_pdf(path, [f"ssn {SSN_VALUE}"], owner_password="owner", user_password="secret")
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "INVALID_ENCRYPTION")
    assert result.counts == {}


def test_pdf_with_only_an_owner_password_opens(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "owner-only.pdf"
    make_pdf(
        path,
        ["cover", f"ssn {SSN_VALUE}"],
        owner_password="owner",
        encryption_method=EncryptionMethod.AES_128,
    )
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("COMPLETE", None)
    assert occurrences(result, SSN) == {"pages": [{"pageNumber": 2}]}


def test_corrupt_pdf_is_skipped_as_malformed(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage without xref\n")
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "MALFORMED_FILE")
    assert result.counts == {}


# ---------------------------------------------------------------- DOCX


def make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Employee record")  # line 1
    document.add_paragraph("")  # line 2
    document.add_paragraph(f"The ssn is {SSN_VALUE}.")  # line 3
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "contact"  # line 4
    table.cell(0, 1).text = MAIL  # line 5
    table.cell(1, 0).text = "card"  # line 6
    table.cell(1, 1).text = f"card {CARD_VALUE}"  # line 7
    document.add_paragraph(f"Backup: {MAIL}")  # line 8
    document.save(str(path))


def test_docx_one_line_per_paragraph_and_cell(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "record.docx"
    make_docx(path)
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("COMPLETE", None)
    assert result.mime_type == DOCX_MIME
    assert result.counts == {SSN: 1, EMAIL: 2, CARD: 1}
    assert occurrences(result, SSN) == {"lineRanges": [{"start": 3, "end": 3, "startColumn": 12}]}
    assert occurrences(result, EMAIL) == {
        "lineRanges": [{"start": 5, "end": 5, "startColumn": 1}, {"start": 8, "end": 8, "startColumn": 9}]
    }
    assert occurrences(result, CARD) == {"lineRanges": [{"start": 7, "end": 7, "startColumn": 6}]}


def add_part(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)


def test_docx_with_a_highly_compressed_part_is_refused(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    make_docx(path)
    add_part(path, "word/media/padding.bin", b"\0" * (4 << 20))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT")
    assert result.counts == {}


def test_docx_larger_than_the_quota_once_inflated_is_refused(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    make_docx(path)
    result = scan(scanner, path, Limits(archive_total_bytes=20_000))
    assert (result.status, result.reason) == ("SKIPPED", "OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT")


def test_docx_that_is_not_a_package_is_malformed(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT")


def test_docx_without_a_body_is_malformed(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT")


def test_password_protected_office_file_is_reported_as_encrypted(scanner: Scanner, tmp_path: Path) -> None:
    # An encrypted OOXML file is an OLE compound file whose directory names EncryptionInfo.
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le"))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "INVALID_ENCRYPTION")


# ---------------------------------------------------------------- XLSX


def make_xlsx(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Staff"
    ws.append(["name", "ssn", "email"])
    ws.append(["Jane", SSN_VALUE, MAIL])
    ws.append(["John", None, "none"])
    ws.append(["Ann", "628194821", None])
    other = wb.create_sheet("Q2 Data")
    other["A1"] = 2024  # row 1 is data here: not a header
    other["C5"] = f"card {CARD_VALUE}"
    other["B7"] = SSN_VALUE  # no keyword and no header: not reported
    wb.save(str(path))


def test_xlsx_cells_carry_sheet_reference_and_header(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    make_xlsx(path)
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("COMPLETE", None)
    assert result.mime_type == XLSX_MIME
    assert result.counts == {SSN: 2, EMAIL: 1, CARD: 1}
    assert occurrences(result, SSN) == {
        "cells": [
            {"row": 2, "column": 2, "columnName": "ssn", "cellReference": "Staff!B2"},
            {"row": 4, "column": 2, "columnName": "ssn", "cellReference": "Staff!B4"},
        ]
    }
    assert occurrences(result, EMAIL) == {
        "cells": [{"row": 2, "column": 3, "columnName": "email", "cellReference": "Staff!C2"}]
    }
    assert occurrences(result, CARD) == {
        "cells": [{"row": 5, "column": 3, "columnName": None, "cellReference": "'Q2 Data'!C5"}]
    }


def test_xlsx_zip_bomb_part_is_refused(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    make_xlsx(path)
    add_part(path, "xl/media/padding.bin", b"A" * (4 << 20))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT")


def test_xlsx_part_over_the_member_quota_is_refused(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    make_xlsx(path)
    result = scan(scanner, path, Limits(archive_member_bytes=500))
    assert (result.status, result.reason) == ("SKIPPED", "OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT")


def test_xlsx_with_damaged_workbook_xml_is_malformed(scanner: Scanner, tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    make_xlsx(good)
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info) if info.filename != "xl/workbook.xml" else b"<workbook><sheets>"
            dst.writestr(info, data)
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT")


def test_documents_read_from_a_non_seekable_stream(tmp_path: Path) -> None:
    """S3 bodies cannot seek: the readers spool them (a real pipe here)."""
    import os
    import threading

    from macie_lite.formats import read_object

    path = tmp_path / "staff.xlsx"
    make_xlsx(path)
    data = path.read_bytes()
    r, w = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(w, data), os.close(w)))
    writer.start()
    with os.fdopen(r, "rb") as pipe:
        assert not pipe.seekable()
        # choose() peeks; a pipe's BufferedReader peeks without consuming.
        mime, segments = read_object("staff.xlsx", pipe)
        refs = [s.location["cellReference"] for s in segments]
    writer.join()
    assert mime == XLSX_MIME
    assert refs == [
        "Staff!A1",
        "Staff!B1",
        "Staff!C1",
        "Staff!A2",
        "Staff!B2",
        "Staff!C2",
        "Staff!A3",
        "Staff!C3",
        "Staff!A4",
        "Staff!B4",
        "'Q2 Data'!A1",
        "'Q2 Data'!C5",
        "'Q2 Data'!B7",
    ]


# ---------------------------------------------------------------- damaged input never stops a scan

REASONS = {
    "INVALID_ENCRYPTION",
    "MALFORMED_FILE",
    "MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT",
    "OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT",
    "OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT",
    "UNABLE_TO_PARSE_FILE",
    "ARCHIVE_CONTAINS_UNPROCESSED_FILES",
}


def damaged(data: bytes, seed: int) -> bytes:
    """A truncated copy (even seeds) or a copy with a few bytes overwritten (odd seeds)."""
    import random

    rnd = random.Random(seed)
    if seed % 2 == 0:
        return data[: rnd.randrange(1, len(data))]
    out = bytearray(data)
    for _ in range(rnd.randrange(1, 6)):
        out[rnd.randrange(len(out))] = rnd.randrange(256)
    return bytes(out)


@pytest.mark.parametrize("kind", ["pdf", "docx", "xlsx"])
def test_damaged_documents_always_get_a_macie_status(
    scanner: Scanner, tmp_path: Path, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    good = tmp_path / f"good.{kind}"
    {"pdf": lambda p: make_pdf(p, ["cover", f"ssn {SSN_VALUE}"]), "docx": make_docx, "xlsx": make_xlsx}[kind](good)
    data = good.read_bytes()
    caplog.set_level("DEBUG")
    seen = set()
    for seed in range(40):
        path = tmp_path / f"bad.{kind}"
        path.write_bytes(damaged(data, seed))
        result = scan(scanner, path)
        seen.add(result.status)
        assert result.status in ("COMPLETE", "PARTIAL", "SKIPPED")
        assert (result.reason is None) == (result.status == "COMPLETE")
        assert result.reason is None or result.reason in REASONS
        block = result.result["classificationDetails"]["result"]["status"]
        assert all(u["reason"] in REASONS for u in block.get("unprocessed", []))
    assert "SKIPPED" in seen
    # pypdf's repair warnings quote the file's bytes: none may reach the logs.
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
