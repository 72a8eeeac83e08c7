"""Format readers: choose a reader for an object by extension and magic bytes.

Each format family lives in its own module; this file only maps names to readers, so adding
a format touches its module and one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import IO

from .base import FormatError, Limits, ReadContext, Reader, Segment

# extension -> (module, function, MIME type Macie reports)
_BY_EXTENSION: dict[str, tuple[str, str, str]] = {
    "csv": ("tabular", "read_csv", "text/csv"),
    "tsv": ("tabular", "read_tsv", "text/tab-separated-values"),
    "json": ("records", "read_json", "application/json"),
    "jsonl": ("records", "read_jsonl", "application/json"),
    "ndjson": ("records", "read_jsonl", "application/json"),
    "parquet": ("columnar", "read_parquet", "application/parquet"),
    "avro": ("columnar", "read_avro", "application/avro"),
    "pdf": ("documents", "read_pdf", "application/pdf"),
    "docx": ("documents", "read_docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("documents", "read_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "eml": ("email", "read_eml", "message/rfc822"),
    "gz": ("archives", "read_gzip", "application/gzip"),
    "gzip": ("archives", "read_gzip", "application/gzip"),
    "tgz": ("archives", "read_tar", "application/x-tar"),
    "tar": ("archives", "read_tar", "application/x-tar"),
    "zip": ("archives", "read_zip", "application/zip"),
}
# magic prefix -> extension, for wrongly named objects
_MAGIC: list[tuple[bytes, str]] = [
    (b"PAR1", "parquet"),
    (b"Obj\x01", "avro"),
    (b"%PDF-", "pdf"),
    (b"\x1f\x8b", "gz"),
    (b"PK\x03\x04", "zip"),
]
_TEXT_FAMILY = {"csv", "tsv", "json", "jsonl", "ndjson"}
_UNSUPPORTED_MAGIC = [b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"ID3", b"\x00\x00\x00", b"RIFF", b"\x7fELF", b"MZ"]


def extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _load(module: str, fn: str) -> Reader:
    mod = importlib.import_module(f".{module}", __name__)
    reader: Reader = getattr(mod, fn)
    return reader


def choose(name: str, head: bytes) -> tuple[Reader, str]:
    """The reader and MIME type for an object, from its magic bytes first, then its extension."""
    ext = extension(name)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "zip" and ext in ("docx", "xlsx"):
                break
            ext = kind
            break
    else:
        if len(head) >= 262 and head[257:262] == b"ustar":
            ext = "tar"
    binary = any(head.startswith(m) for m in _UNSUPPORTED_MAGIC) or b"\x00" in head[:8192]
    if ext in _BY_EXTENSION and not (binary and ext in _TEXT_FAMILY):
        module, fn, mime = _BY_EXTENSION[ext]
        return _load(module, fn), mime
    if binary:
        raise FormatError("UNSUPPORTED_FILE_TYPE_EXCEPTION", "binary content of a type macie-lite does not read")
    from .text import read_text

    return read_text, "text/plain" if ext not in ("html", "htm", "xml") else f"text/{ext if ext != 'htm' else 'html'}"


def dispatch(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Reads any supported object (also archive members, recursively)."""
    head = _peek(stream)
    reader, _mime = choose(ctx.name, head)
    return reader(stream, ctx)


def _peek(stream: IO[bytes], n: int = 8192) -> bytes:
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(n)[:n])
    pos = stream.tell()
    head = stream.read(n)
    stream.seek(pos)
    return head


def read_object(
    name: str,
    stream: IO[bytes],
    limits: Limits | None = None,
    name_is_sensitive: Callable[[str, tuple[str, ...]], bool] | None = None,
) -> tuple[str, Iterator[Segment]]:
    """The MIME type Macie would report and the segments of one object."""
    head = _peek(stream)
    reader, mime = choose(name, head)
    ctx = ReadContext(name, limits or Limits(), 0, dispatch, None, name_is_sensitive)
    return mime, reader(stream, ctx)


__all__ = ["FormatError", "Limits", "ReadContext", "Segment", "choose", "dispatch", "extension", "read_object"]
