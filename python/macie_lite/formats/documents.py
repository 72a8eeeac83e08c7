"""PDF (one segment per page), Word DOCX (one line per paragraph) and Excel XLSX (one segment
per cell), with Macie's locations.

DOCX and XLSX are ZIP packages: their directory is checked before anything is inflated, so an
Office zip bomb is refused with Macie's OOXML reasons instead of being expanded.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any
from xml.etree import ElementTree

import openpyxl
import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError

from .archives import ensure_seekable, skipped
from .base import FormatError, ReadContext, Segment

# Apache POI's zip-bomb guard: a part may inflate at most 100 times (parts under 100 KiB exempt).
OOXML_MAX_RATIO = 100
OOXML_RATIO_GRACE_BYTES = 100 << 10
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OFFICE_MALFORMED = "MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")

# pypdf's repair warnings quote raw bytes of the file; macie-lite never logs content. An
# application that configured the "pypdf" logger itself keeps its setting.
if logging.getLogger("pypdf").level == logging.NOTSET:
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)


# ---------------------------------------------------------------- PDF


def read_pdf(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """The text of each page, as ``pages`` with a 1-based ``pageNumber``."""
    source = ensure_seekable(stream)
    try:
        reader = pypdf.PdfReader(source)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise FormatError(
                    "INVALID_ENCRYPTION", f"PDF encryption not supported ({type(exc).__name__})"
                ) from None
            if not opened:
                raise FormatError("INVALID_ENCRYPTION", "PDF is encrypted with a password")
        count = len(reader.pages)
    except FormatError:
        raise
    except FileNotDecryptedError:
        raise FormatError("INVALID_ENCRYPTION", "PDF is encrypted with a password") from None
    except Exception as exc:  # pypdf raises many types on a damaged file
        raise FormatError("MALFORMED_FILE", f"PDF could not be opened ({type(exc).__name__})") from None
    for number in range(1, count + 1):
        try:
            text = reader.pages[number - 1].extract_text()
        except RecursionError:
            yield skipped("MALFORMED_FILE", f"page {number}: content nested too deeply", ctx.embedded_prefix)
            continue
        except Exception as exc:  # one damaged page does not hide the others
            yield skipped("MALFORMED_FILE", f"page {number} unreadable ({type(exc).__name__})", ctx.embedded_prefix)
            continue
        if text.strip():
            yield Segment(text.encode("utf-8"), "pages", {"pageNumber": number}, embedded=ctx.embedded_prefix)


# ---------------------------------------------------------------- OOXML package guard


def _open_ooxml(stream: IO[bytes], ctx: ReadContext, kind: str) -> tuple[zipfile.ZipFile, IO[bytes]]:
    """The package as a ZipFile, after the OOXML zip-bomb checks on its directory."""
    source = ensure_seekable(stream)
    head = source.read(8)
    source.seek(0)
    if head == _CFB_MAGIC:
        # An encrypted Office file is an OLE container holding EncryptionInfo.
        if _ENCRYPTION_INFO in source.read(1 << 20):
            raise FormatError("INVALID_ENCRYPTION", f"{kind} is password-protected")
        raise FormatError(_OFFICE_MALFORMED, f"{kind} is an OLE file, not an OOXML package")
    try:
        zf = zipfile.ZipFile(source)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise FormatError(_OFFICE_MALFORMED, f"{kind} is not a readable package ({type(exc).__name__})") from None
    total = sum(i.file_size for i in infos)
    if total > ctx.limits.archive_total_bytes:
        zf.close()
        raise FormatError(
            "OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT",
            f"{kind} parts inflate to {total} bytes > {ctx.limits.archive_total_bytes}",
        )
    for info in infos:
        if info.file_size > ctx.limits.archive_member_bytes:
            zf.close()
            raise FormatError(
                "OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT",
                f"a {kind} part inflates to {info.file_size} bytes > {ctx.limits.archive_member_bytes}",
            )
        if info.file_size > OOXML_RATIO_GRACE_BYTES and info.file_size > OOXML_MAX_RATIO * max(info.compress_size, 1):
            zf.close()
            raise FormatError(
                "OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT",
                f"a {kind} part inflates {info.file_size // max(info.compress_size, 1)}x (limit {OOXML_MAX_RATIO})",
            )
        if info.flag_bits & 0x1:
            zf.close()
            raise FormatError("INVALID_ENCRYPTION", f"{kind} part is encrypted")
    return zf, source


# ---------------------------------------------------------------- DOCX


def read_docx(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Paragraphs (table cells included) of word/document.xml, one line each."""
    zf, _source = _open_ooxml(stream, ctx, "DOCX")
    with zf:
        try:
            part = zf.open("word/document.xml")
        except KeyError:
            raise FormatError(_OFFICE_MALFORMED, "DOCX has no word/document.xml") from None
        except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError) as exc:
            raise FormatError(_OFFICE_MALFORMED, f"DOCX body unreadable ({type(exc).__name__})") from None
        with part:
            yield from _docx_lines(part, ctx)


def _docx_lines(part: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Streams the body: each ``w:p`` becomes one line (a nested text-box paragraph comes
    before the paragraph holding it); lines are batched into ``lineRanges`` segments."""
    limit = ctx.limits.text_chunk_bytes
    stack: list[list[str]] = []
    batch: list[str] = []
    size = 0
    first = 1
    try:
        for event, elem in ElementTree.iterparse(part, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == f"{_W}p":
                    stack.append([])
                continue
            if not stack:
                continue
            if tag == f"{_W}t":
                stack[-1].append(elem.text or "")
            elif tag == f"{_W}tab":
                stack[-1].append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                stack[-1].append(" ")
            elif tag == f"{_W}p":
                line = "".join(stack.pop()).replace("\n", " ").replace("\r", " ")
                batch.append(line)
                size += len(line) + 1
                elem.clear()
                if size >= limit:
                    yield _line_segment(batch, first, ctx)
                    first += len(batch)
                    batch, size = [], 0
    except ElementTree.ParseError as exc:
        raise FormatError(_OFFICE_MALFORMED, f"DOCX body is not well-formed XML (line {exc.position[0]})") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise FormatError(_OFFICE_MALFORMED, f"DOCX body damaged ({type(exc).__name__})") from None
    if batch:
        yield _line_segment(batch, first, ctx)


def _line_segment(lines: list[str], first: int, ctx: ReadContext) -> Segment:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return Segment(data, "lineRanges", {"line": first}, embedded=ctx.embedded_prefix)


# ---------------------------------------------------------------- XLSX


def read_xlsx(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Every non-empty cell of every worksheet, as ``cells`` with an absolute reference."""
    zf, source = _open_ooxml(stream, ctx, "XLSX")
    zf.close()
    source.seek(0)
    try:
        wb = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on a damaged package
        raise FormatError(_OFFICE_MALFORMED, f"XLSX could not be opened ({type(exc).__name__})") from None
    try:
        for ws in wb.worksheets:
            try:
                yield from _sheet_cells(ws, ctx)
            except FormatError:
                raise
            except Exception as exc:  # one damaged sheet does not hide the others
                yield skipped(
                    _OFFICE_MALFORMED,
                    f"a worksheet is unreadable ({type(exc).__name__})",
                    ctx.embedded_prefix,
                )
    finally:
        wb.close()


def _sheet_cells(ws: Any, ctx: ReadContext) -> Iterator[Segment]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # the stored dimension may be wrong; read what is there
    sheet = _sheet_ref(ws.title)
    headers: dict[int, str] = {}
    for row in ws.iter_rows():
        cells = [c for c in row if getattr(c, "row", None) is not None and c.value is not None]
        if not cells:
            continue
        if cells[0].row == 1:
            values = [c.value for c in cells]
            if _looks_like_header(values):
                headers = {c.column: str(c.value) for c in cells}
        for cell in cells:
            text = _cell_text(cell.value)
            if not text:
                continue
            r, c = cell.row, cell.column
            name = headers.get(c) if r > 1 else None
            location = {
                "row": r,
                "column": c,
                "columnName": name,
                "cellReference": f"{sheet}!{_column_letters(c)}{r}",
            }
            context = (name,) if name else ()
            yield Segment(text.encode("utf-8"), "cells", location, context, ctx.embedded_prefix)


def _looks_like_header(values: list[Any]) -> bool:
    """Row 1 is a header when every value is short, distinct text that is mostly not digits."""
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        return False
    if len({v.strip().lower() for v in values}) != len(values):
        return False
    return all(len(v) <= 100 and sum(ch.isdigit() for ch in v) * 2 < len(v) for v in values)


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _column_letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rem = divmod(column - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _sheet_ref(title: str) -> str:
    """The sheet part of a reference, quoted as Excel does when the name needs it."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", title):
        return title
    return "'" + title.replace("'", "''") + "'"
