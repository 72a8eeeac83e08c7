"""GZIP, ZIP and TAR readers end to end: real archives (nested, damaged, bombs, encrypted
members) scanned within small custom quotas; every member is either scanned or listed as
unprocessed with Macie's reason."""

from __future__ import annotations

import gzip
import io
import os
import struct
import tarfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from format_support import occurrences, scan, unprocessed
from macie_lite import Scanner
from macie_lite.formats import Limits, read_object

SSN = "USA_SOCIAL_SECURITY_NUMBER"
CARD = "CREDIT_CARD_NUMBER"
SSN_VALUE = "536-22-1234"
CARD_VALUE = "4532015112830366"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
SSN_TEXT = f"first line\nssn: {SSN_VALUE}\n".encode()  # SSN at line 2, column 6
CARD_TEXT = f"card {CARD_VALUE}\n".encode()  # card at line 1, column 6
SSN_CSV = f"id,ssn\n1,{SSN_VALUE}\n".encode()  # SSN in cell row 2, column 2


def embedded(path: Path, limits: Limits | None = None) -> list[tuple[str | None, str]]:
    """(member path, kind) of every segment the reader yields, in order."""
    with path.open("rb") as f:
        _, segments = read_object(path.name, f, limits)
        return [(s.embedded, s.kind) for s in segments]


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w", links: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tf.addfile(info)
    return buf.getvalue()


def patch_central_directory(data: bytes, name: str, *, flags: int | None = None, size: int | None = None) -> bytes:
    """Rewrites one member's central directory entry: general-purpose flags or declared size."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46 : at + 46 + name_len] == name.encode():
            if flags is not None:
                struct.pack_into("<H", out, at + 8, flags)
            if size is not None:
                struct.pack_into("<I", out, at + 24, size)
            return bytes(out)
        at = out.find(b"PK\x01\x02", at + 4)
    raise AssertionError("member not found")


# ---------------------------------------------------------------- ZIP


def test_zip_members_are_read_by_their_format(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(zip_bytes({"a.txt": SSN_TEXT, "dir/": b"", "dir/people.csv": SSN_CSV, "photo.png": PNG}))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert result.mime_type == "application/zip"
    assert unprocessed(result) == [("photo.png", "UNSUPPORTED_FILE_TYPE_EXCEPTION")]
    assert result.counts == {SSN: 2}
    assert occurrences(result, SSN) == {
        "lineRanges": [{"start": 2, "end": 2, "startColumn": 6}],
        "cells": [{"row": 2, "column": 2, "columnName": "ssn", "cellReference": None}],
    }
    # Macie's findings give no locations inside archives; the discovery result does.
    assert result.finding is not None
    (cat,) = result.finding["classificationDetails"]["result"]["sensitiveData"]
    assert cat["detections"][0]["count"] == 2
    assert all(v is None for v in cat["detections"][0]["occurrences"].values())
    assert embedded(path) == [
        ("a.txt", "lineRanges"),
        ("dir/people.csv", "lineRanges"),
        ("dir/people.csv", "cells"),
        ("dir/people.csv", "cells"),
        ("photo.png", "skipped"),
    ]


def test_zip_bomb_member_is_refused_from_its_declared_size(scanner: Scanner, tmp_path: Path) -> None:
    bomb = b"0" * (64 << 20)  # 64 MiB of one byte: deflates to about 64 KiB
    path = tmp_path / "bomb.zip"
    path.write_bytes(zip_bytes({"bomb.txt": bomb, "ids.txt": SSN_TEXT}))
    del bomb
    assert path.stat().st_size < 1 << 20
    limits = Limits(archive_member_bytes=1 << 20, archive_total_bytes=2 << 20)
    started = time.perf_counter()
    result = scan(scanner, path, limits)
    elapsed = time.perf_counter() - started
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("bomb.txt", "FILE_EXCEEDS_SIZE_LIMIT")]
    assert result.counts == {SSN: 1}
    assert elapsed < 5  # never inflated: inflating 64 MiB alone takes a noticeable part of that


def test_zip_member_lying_about_its_size_is_cut_at_the_declared_size(scanner: Scanner, tmp_path: Path) -> None:
    data = zip_bytes({"liar.txt": b"x" * (8 << 20), "ids.txt": SSN_TEXT})
    path = tmp_path / "liar.zip"
    path.write_bytes(patch_central_directory(data, "liar.txt", size=1000))
    result = scan(scanner, path, Limits(archive_member_bytes=1 << 20))
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("liar.txt", "MALFORMED_FILE")]
    assert result.counts == {SSN: 1}
    assert result.result["classificationDetails"]["result"]["sizeClassified"] == len(SSN_TEXT)


def test_encrypted_zip_member_is_reported(scanner: Scanner, tmp_path: Path) -> None:
    data = zip_bytes({"secret.txt": CARD_TEXT, "ids.txt": SSN_TEXT})
    path = tmp_path / "locked.zip"
    path.write_bytes(patch_central_directory(data, "secret.txt", flags=0x1))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("secret.txt", "INVALID_ENCRYPTION")]
    assert result.counts == {SSN: 1}


def test_zip_declaring_more_than_the_total_quota_is_not_extracted(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "large.zip"
    path.write_bytes(zip_bytes({"ids.txt": SSN_TEXT, "a.txt": b"a" * 6000, "b.txt": b"b" * 6000}))
    result = scan(scanner, path, Limits(archive_total_bytes=10_000))
    # Macie: when the archive's metadata already shows the breach, nothing is extracted.
    assert (result.status, result.reason) == ("SKIPPED", "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT")
    assert unprocessed(result) == []
    assert result.counts == {}


def test_zip_member_count_quota_stops_reading(scanner: Scanner, tmp_path: Path) -> None:
    members = {f"m{i}.txt": SSN_TEXT for i in range(5)}
    path = tmp_path / "many.zip"
    path.write_bytes(zip_bytes(members))
    result = scan(scanner, path, Limits(archive_members=3))
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("many.zip", "ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT")]
    assert result.counts == {SSN: 3}


def test_nesting_beyond_the_depth_quota_is_reported(scanner: Scanner, tmp_path: Path) -> None:
    inner = zip_bytes({"deep.txt": CARD_TEXT})
    middle = zip_bytes({"inner.zip": inner, "mid.txt": SSN_TEXT})
    path = tmp_path / "outer.zip"
    path.write_bytes(zip_bytes({"middle.zip": middle, "top.txt": SSN_TEXT}))

    full = scan(scanner, path)
    assert (full.status, full.reason) == ("COMPLETE", None)
    assert full.counts == {SSN: 2, CARD: 1}
    assert ("middle.zip/inner.zip/deep.txt", "lineRanges") in embedded(path)

    result = scan(scanner, path, Limits(archive_depth=2))
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("middle.zip/inner.zip", "ARCHIVE_NESTING_LEVEL_OVER_LIMIT")]
    assert result.counts == {SSN: 2}

    top_only = scan(scanner, path, Limits(archive_depth=0))
    assert (top_only.status, top_only.reason) == ("SKIPPED", "ARCHIVE_NESTING_LEVEL_OVER_LIMIT")


def test_damaged_zip_is_malformed(scanner: Scanner, tmp_path: Path) -> None:
    data = zip_bytes({"ids.txt": SSN_TEXT})
    path = tmp_path / "cut.zip"
    path.write_bytes(data[: len(data) // 2])  # the central directory is gone
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "MALFORMED_FILE")


def test_zip_from_a_non_seekable_stream_is_spooled(tmp_path: Path) -> None:
    data = zip_bytes({"ids.txt": SSN_TEXT, "people.csv": SSN_CSV})
    r, w = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(w, data), os.close(w)))
    writer.start()
    with os.fdopen(r, "rb") as pipe:
        assert not pipe.seekable()
        mime, segments = read_object("stream.zip", pipe)
        listed = [(s.embedded, s.kind) for s in segments]
    writer.join()
    assert mime == "application/zip"
    assert listed == [
        ("ids.txt", "lineRanges"),
        ("people.csv", "lineRanges"),
        ("people.csv", "cells"),
        ("people.csv", "cells"),
    ]


# ---------------------------------------------------------------- TAR and GZIP


def test_tar_gz_with_a_nested_zip_and_a_symlink(scanner: Scanner, tmp_path: Path) -> None:
    inner = zip_bytes({"deep/card.txt": CARD_TEXT, "people.csv": SSN_CSV})
    path = tmp_path / "backup.tar.gz"
    path.write_bytes(tar_bytes({"./notes.txt": SSN_TEXT, "inner.zip": inner}, "w:gz", {"latest": "notes.txt"}))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert result.mime_type == "application/gzip"
    assert unprocessed(result) == [("latest", "UNSUPPORTED_FILE_TYPE_EXCEPTION")]
    assert result.counts == {SSN: 2, CARD: 1}
    assert occurrences(result, CARD) == {"lineRanges": [{"start": 1, "end": 1, "startColumn": 6}]}
    assert embedded(path) == [
        ("notes.txt", "lineRanges"),
        ("inner.zip/deep/card.txt", "lineRanges"),
        ("inner.zip/people.csv", "lineRanges"),
        ("inner.zip/people.csv", "cells"),
        ("inner.zip/people.csv", "cells"),
        ("latest", "skipped"),
    ]


def test_tgz_and_plain_tar(scanner: Scanner, tmp_path: Path) -> None:
    tgz = tmp_path / "backup.tgz"
    tgz.write_bytes(tar_bytes({"a.txt": SSN_TEXT}, "w:gz"))
    plain = tmp_path / "backup.tar"
    plain.write_bytes(tar_bytes({"a.txt": SSN_TEXT, "b.txt": CARD_TEXT}))
    for path, counts, mime in (
        (tgz, {SSN: 1}, "application/gzip"),
        (plain, {SSN: 1, CARD: 1}, "application/x-tar"),
    ):
        result = scan(scanner, path)
        assert (result.status, result.reason, result.mime_type) == ("COMPLETE", None, mime)
        assert result.counts == counts


def test_tar_total_bytes_quota_stops_mid_archive(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "logs.tar"
    path.write_bytes(tar_bytes({"1.txt": SSN_TEXT, "2.txt": b"x" * 5000, "3.txt": b"y" * 5000, "4.txt": CARD_TEXT}))
    result = scan(scanner, path, Limits(archive_total_bytes=8000))
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("logs.tar", "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT")]
    assert result.counts == {SSN: 1}


def test_tar_member_over_its_quota_is_skipped(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "logs.tar"
    path.write_bytes(tar_bytes({"big.txt": b"x" * 5000, "ids.txt": SSN_TEXT}))
    result = scan(scanner, path, Limits(archive_member_bytes=4096))
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("big.txt", "FILE_EXCEEDS_SIZE_LIMIT")]
    assert result.counts == {SSN: 1}


def test_truncated_tar_reports_what_was_lost(scanner: Scanner, tmp_path: Path) -> None:
    data = tar_bytes({"ids.txt": SSN_TEXT, "big.txt": b"z" * 10_000, "card.txt": CARD_TEXT})
    path = tmp_path / "cut.tar"
    path.write_bytes(data[: 512 * 4 + 3000])  # ids.txt whole, big.txt cut in its data
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    # The damaged member, then the rest of the archive (card.txt) that could not be reached.
    assert unprocessed(result) == [("big.txt", "MALFORMED_FILE"), ("cut.tar", "MALFORMED_FILE")]
    assert result.counts == {SSN: 1}


def test_truncated_tar_gz_keeps_the_members_before_the_cut(scanner: Scanner, tmp_path: Path) -> None:
    noise = b"".join(f"{i * 7919 % 100003:06d} {i * 104729 % 99991:05d}\n".encode() for i in range(20_000))
    data = tar_bytes({"ids.txt": SSN_TEXT, "noise.txt": noise, "card.txt": CARD_TEXT}, "w:gz")
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(data[: len(data) * 3 // 5])  # the cut falls inside noise.txt
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("noise.txt", "MALFORMED_FILE"), ("cut.tar.gz", "MALFORMED_FILE")]
    assert result.counts == {SSN: 1}
    assert occurrences(result, SSN) == {"lineRanges": [{"start": 2, "end": 2, "startColumn": 6}]}


def test_not_a_tar_is_malformed(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "junk.tar"
    path.write_bytes(b"\0\1\2" * 400)
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("SKIPPED", "MALFORMED_FILE")


def test_gzip_member_is_read_by_its_inner_extension(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "people.csv.gz"
    path.write_bytes(gzip.compress(SSN_CSV))
    result = scan(scanner, path)
    assert (result.status, result.reason, result.mime_type) == ("COMPLETE", None, "application/gzip")
    assert occurrences(result, SSN) == {"cells": [{"row": 2, "column": 2, "columnName": "ssn", "cellReference": None}]}
    assert embedded(path) == [("people.csv", "lineRanges"), ("people.csv", "cells"), ("people.csv", "cells")]


def test_gzip_bomb_is_stopped_at_the_quota(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "bomb.log.gz"
    path.write_bytes(gzip.compress(SSN_TEXT + b"0" * (64 << 20)))
    assert path.stat().st_size < 1 << 20
    member_cap = scan(scanner, path, Limits(archive_member_bytes=1 << 20))
    assert (member_cap.status, member_cap.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(member_cap) == [("bomb.log", "FILE_EXCEEDS_SIZE_LIMIT")]
    total_cap = scan(scanner, path, Limits(archive_total_bytes=1 << 20))
    assert (total_cap.status, total_cap.reason) == ("SKIPPED", "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT")
    assert unprocessed(total_cap) == []  # nothing was read: the quota is the object's reason


def test_truncated_gzip_scans_what_was_inflated(scanner: Scanner, tmp_path: Path) -> None:
    lines = SSN_TEXT + b"".join(f"row {i} value {i * 7919 % 10007}\n".encode() for i in range(20_000))
    data = gzip.compress(lines)
    path = tmp_path / "app.log.gz"
    path.write_bytes(data[: len(data) // 2])
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("app.log", "MALFORMED_FILE")]
    assert occurrences(result, SSN) == {"lineRanges": [{"start": 2, "end": 2, "startColumn": 6}]}
    classified = result.result["classificationDetails"]["result"]["sizeClassified"]
    assert 0 < classified < len(lines)

    stub = tmp_path / "stub.log.gz"
    stub.write_bytes(data[:12])
    nothing = scan(scanner, stub)
    assert (nothing.status, nothing.reason) == ("SKIPPED", "MALFORMED_FILE")


def test_gzip_holding_a_tar_is_read_as_a_tar(scanner: Scanner, tmp_path: Path) -> None:
    path = tmp_path / "renamed.gz"  # no .tar in the name: the inflated header says ustar
    path.write_bytes(gzip.compress(tar_bytes({"x/ids.txt": SSN_TEXT, "img.png": PNG})))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("PARTIAL", "ARCHIVE_CONTAINS_UNPROCESSED_FILES")
    assert unprocessed(result) == [("img.png", "UNSUPPORTED_FILE_TYPE_EXCEPTION")]
    assert embedded(path) == [("x/ids.txt", "lineRanges"), ("img.png", "skipped")]


def test_documents_inside_an_archive_keep_their_locations(scanner: Scanner, tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in ("cover", f"ssn {SSN_VALUE}"):
        pdf.add_page()
        pdf.cell(text=text)
    path = tmp_path / "docs.tar"
    path.write_bytes(tar_bytes({"reports/q1.pdf": bytes(pdf.output())}))
    result = scan(scanner, path)
    assert (result.status, result.reason) == ("COMPLETE", None)
    assert occurrences(result, SSN) == {"pages": [{"pageNumber": 2}]}
    assert embedded(path) == [("reports/q1.pdf", "pages"), ("reports/q1.pdf", "pages")]


ARCHIVE_REASONS = {
    "ARCHIVE_CONTAINS_UNPROCESSED_FILES",
    "ARCHIVE_NESTING_LEVEL_OVER_LIMIT",
    "ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT",
    "ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT",
    "FILE_EXCEEDS_SIZE_LIMIT",
    "INVALID_ENCRYPTION",
    "MALFORMED_FILE",
    "MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT",
    "UNABLE_TO_PARSE_FILE",
    "UNSUPPORTED_FILE_TYPE_EXCEPTION",
}


@pytest.mark.parametrize("name", ["nested.zip", "nested.tar.gz", "plain.tar", "people.csv.gz"])
def test_damaged_archives_always_get_a_macie_status(scanner: Scanner, tmp_path: Path, name: str) -> None:
    import random

    inner = zip_bytes({"c.txt": CARD_TEXT, "people.csv": SSN_CSV})
    data = {
        "nested.zip": zip_bytes({"a.txt": SSN_TEXT, "inner.zip": inner}),
        "nested.tar.gz": tar_bytes({"a.txt": SSN_TEXT, "inner.zip": inner}, "w:gz"),
        "plain.tar": tar_bytes({"a.txt": SSN_TEXT, "inner.zip": inner}),
        "people.csv.gz": gzip.compress(SSN_CSV * 40),
    }[name]
    rnd = random.Random(name)
    seen = set()
    for i in range(40):
        if i % 2 == 0:
            bad = data[: rnd.randrange(1, len(data))]
        else:
            buf = bytearray(data)
            for _ in range(rnd.randrange(1, 6)):
                buf[rnd.randrange(len(buf))] = rnd.randrange(256)
            bad = bytes(buf)
        path = tmp_path / name
        path.write_bytes(bad)
        result = scan(scanner, path, Limits(archive_member_bytes=1 << 20))
        seen.add(result.status)
        assert result.status in ("COMPLETE", "PARTIAL", "SKIPPED")
        assert (result.reason is None) == (result.status == "COMPLETE")
        assert result.reason is None or result.reason in ARCHIVE_REASONS
        block = result.result["classificationDetails"]["result"]["status"]
        assert all(u["reason"] in ARCHIVE_REASONS for u in block.get("unprocessed", []))
    assert len(seen) >= 2
