"""EML reader end to end: messages built with email.message.EmailMessage, with text, HTML and
attachments (CSV, ZIP, an image), scanned into Macie-shaped results."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

from format_support import occurrences, scan, unprocessed
from macie_lite import Scanner
from macie_lite.formats import Limits, read_object
from macie_lite.formats.email import html_to_text

SSN = "USA_SOCIAL_SECURITY_NUMBER"
CARD = "CREDIT_CARD_NUMBER"
EMAIL = "EMAIL_ADDRESS"
SSN_VALUE = "536-22-1234"
CARD_VALUE = "4532015112830366"
MAIL = "jane.doe@example.org"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def message() -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = "Quarterly numbers"  # line 1
    msg["From"] = f"Jane Doe <{MAIL}>"  # line 2
    msg["To"] = "Payroll team <payroll@corp.invalid>"  # line 3
    msg.set_content(f"Hello,\nthe ssn is {SSN_VALUE}\nbye\n")  # lines 4-6
    msg.add_alternative(  # lines 7-8 once converted
        f"<html><head><style>p {{color: red}}</style></head><body><p>Hi &amp; welcome</p>"
        f"<p>card <b>{CARD_VALUE}</b></p></body></html>",
        subtype="html",
    )
    msg.add_attachment(f"id,ssn\n1,{SSN_VALUE}\n".encode(), maintype="text", subtype="csv", filename="people.csv")
    return msg


def test_headers_bodies_and_csv_attachment(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "mail.eml"
    path.write_bytes(message().as_bytes())
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("COMPLETE", None)
    assert result.mime_type == "message/rfc822"
    assert result.counts == {EMAIL: 2, SSN: 2, CARD: 1}
    assert occurrences(result, EMAIL) == {
        "lineRanges": [{"start": 2, "end": 2, "startColumn": 17}, {"start": 3, "end": 3, "startColumn": 19}]
    }
    assert occurrences(result, CARD) == {"lineRanges": [{"start": 8, "end": 8, "startColumn": 6}]}
    # The body's SSN is a line; the attachment's is a CSV cell (with the column as keyword).
    assert occurrences(result, SSN) == {
        "lineRanges": [{"start": 5, "end": 5, "startColumn": 12}],
        "cells": [{"row": 2, "column": 2, "columnName": "ssn", "cellReference": None}],
    }
    # Findings carry no location inside attachments (Macie's rule for embedded files).
    assert result.finding is not None
    finding_ssn = result.finding["classificationDetails"]["result"]["sensitiveData"]
    ssn_detection = next(d for c in finding_ssn for d in c["detections"] if d["type"] == SSN)
    assert ssn_detection["count"] == 2
    assert ssn_detection["occurrences"]["cells"] is None


def test_segments_name_the_attachment_they_come_from(tmp_path: Path) -> None:
    mime, segments = read_object("mail.eml", io.BytesIO(message().as_bytes()))
    listed = [(s.kind, s.location.get("line"), s.embedded) for s in segments]
    assert mime == "message/rfc822"
    assert listed[:3] == [("lineRanges", 1, None), ("lineRanges", 4, None), ("lineRanges", 7, None)]
    # The CSV reader's own segments: its header line, then one per cell.
    assert listed[3:] == [
        ("lineRanges", 1, "people.csv"),
        ("cells", None, "people.csv"),
        ("cells", None, "people.csv"),
    ]


def test_unsupported_attachment_is_reported_and_the_rest_scanned(scanner: Scanner, tmp_path: Path) -> None:
    msg = message()
    msg.add_attachment(PNG, maintype="image", subtype="png", filename="photo.png")
    path = tmp_path / "with-photo.eml"
    path.write_bytes(msg.as_bytes())
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("photo.png", "UNSUPPORTED_FILE_TYPE_EXCEPTION")]
    assert result.counts == {EMAIL: 2, SSN: 2, CARD: 1}


def test_zip_attachment_is_read_member_by_member(scanner: Scanner, tmp_path: Path) -> None:
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("notes/ids.txt", f"first\nssn: {SSN_VALUE}\n")
        zf.writestr("scan.png", PNG)
    msg = EmailMessage()
    msg["Subject"] = "files"
    msg.set_content("see attached\n")
    msg.add_attachment(bundle.getvalue(), maintype="application", subtype="zip", filename="bundle.zip")
    path = tmp_path / "zipped.eml"
    path.write_bytes(msg.as_bytes())

    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("bundle.zip/scan.png", "UNSUPPORTED_FILE_TYPE_EXCEPTION")]
    assert occurrences(result, SSN) == {"lineRanges": [{"start": 2, "end": 2, "startColumn": 6}]}
    _, segments = read_object(path.name, path.open("rb"))
    assert [s.embedded for s in segments if s.kind != "skipped" and s.embedded] == ["bundle.zip/notes/ids.txt"]


def test_attached_message_is_read_as_a_message(scanner: Scanner, tmp_path: Path) -> None:
    inner = EmailMessage()
    inner["Subject"] = "forwarded"
    inner.set_content(f"ssn {SSN_VALUE}\n")
    outer = EmailMessage()
    outer["Subject"] = "fwd"
    outer.set_content("below\n")
    outer.add_attachment(inner, filename="original.eml")
    path = tmp_path / "fwd.eml"
    path.write_bytes(outer.as_bytes())
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("COMPLETE", None)
    # Line 1 of the attached message is its Subject, line 2 its body.
    assert occurrences(result, SSN) == {"lineRanges": [{"start": 2, "end": 2, "startColumn": 5}]}
    _, segments = read_object(path.name, path.open("rb"))
    assert [(s.embedded, s.location["line"]) for s in segments] == [
        (None, 1),
        (None, 2),
        ("original.eml", 1),
        ("original.eml", 2),
    ]


def test_attachment_over_the_member_quota_is_skipped(scanner: Scanner, tmp_path: Path) -> None:
    msg = message()
    path = tmp_path / "big.eml"
    path.write_bytes(msg.as_bytes())
    result = scan(scanner, path, Limits(archive_member_bytes=10))
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("people.csv", "FILE_EXCEEDS_SIZE_LIMIT")]
    assert result.counts == {EMAIL: 2, SSN: 1, CARD: 1}


def test_html_to_text_keeps_blocks_as_lines_and_drops_scripts() -> None:
    html = "<div>a&nbsp;b</div><script>var x = 1;</script><ul><li>one</li><li>two</li></ul>tail"
    assert html_to_text(html) == "a b\none\ntwo\ntail"
