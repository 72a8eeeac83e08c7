"""EML messages: headers and text bodies as lines, attachments read by their own readers.

Lines are numbered over the extracted text: the Subject/From/To/Cc header lines first (in the
message's order), then each text part in message order (HTML converted to text). Attachments
(and attached messages) are handed to the dispatcher as embedded files, so a CSV or ZIP
attached is read as such.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import IO

from .archives import ArchiveLimitReached, skipped
from .base import FormatError, ReadContext, Segment

_HEADERS = ("Subject", "From", "To", "Cc")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt footer form h1 h2 h3 h4 h5 h6 header hr li main nav "
    "ol p pre section table td th tr ul".split()
)
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title"})


class _HtmlText(HTMLParser):
    """Visible text of an HTML body, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text a reader sees in an HTML body: tags dropped, entities decoded, one line per
    non-empty block."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def read_eml(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """Header lines, text parts and attachments of one message."""
    try:
        msg = BytesParser(policy=policy.default).parse(stream)
    except (ValueError, LookupError, UnicodeError) as exc:
        raise FormatError("MALFORMED_FILE", f"message could not be parsed ({type(exc).__name__})") from None
    line = 1
    header_lines = []
    for key, raw in msg.raw_items():
        name = key.title()
        if name not in _HEADERS:
            continue
        try:
            value = str(msg.policy.header_fetch_parse(key, raw))
        except Exception:  # a header the parser chokes on is still read as written
            value = raw
        header_lines.append(f"{name}: {' '.join(value.split())}")
    if header_lines:
        data = "\n".join(header_lines) + "\n"
        yield Segment(data.encode("utf-8"), "lineRanges", {"line": line}, embedded=ctx.embedded_prefix)
        line += len(header_lines)
    counter = [0]
    try:
        for item in _parts(msg, ctx, counter):
            if isinstance(item, Segment):
                yield item
                continue
            text = item if item.endswith("\n") else item + "\n"
            yield Segment(text.encode("utf-8"), "lineRanges", {"line": line}, embedded=ctx.embedded_prefix)
            line += text.count("\n")
    except RecursionError:
        raise FormatError("MALFORMED_FILE", "message parts nested too deeply") from None


def _parts(part: Message, ctx: ReadContext, counter: list[int]) -> Iterator[str | Segment]:
    """Body texts (as str) and attachment segments, depth first in message order."""
    ctype = part.get_content_type()
    if ctype == "message/rfc822" and part.is_multipart():
        inner = part.get_payload(0)
        assert isinstance(inner, Message)
        counter[0] += 1
        name = part.get_filename() or f"attachment-{counter[0]}.eml"
        yield from _attachment(inner.as_bytes(policy=policy.default), name, ctx)
        return
    if part.is_multipart():
        subs = part.iter_parts() if isinstance(part, EmailMessage) else part.get_payload()
        for sub in subs:
            if isinstance(sub, Message):
                yield from _parts(sub, ctx, counter)
        return
    filename = part.get_filename()
    disposition = part.get_content_disposition()
    if ctype in ("text/plain", "text/html") and (disposition == "inline" or (disposition is None and not filename)):
        text = _text_of(part)
        if ctype == "text/html":
            text = html_to_text(text)
        if text.strip():
            yield text
        return
    counter[0] += 1
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    yield from _attachment(payload, filename or f"attachment-{counter[0]}{_extension(ctype)}", ctx)


def _text_of(part: Message) -> str:
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, KeyError):
        pass
    raw = part.get_payload(decode=True)
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""


def _attachment(payload: bytes, name: str, ctx: ReadContext) -> Iterator[Segment]:
    """One attachment read by the reader of its format; one that fails is reported skipped."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1] or "attachment"
    child = ctx.child(name)
    if child.dispatch is None:
        from . import dispatch

        child.dispatch = dispatch
    if len(payload) > ctx.limits.archive_member_bytes:
        yield skipped(
            "FILE_EXCEEDS_SIZE_LIMIT",
            f"{len(payload)} bytes > {ctx.limits.archive_member_bytes}",
            child.embedded_prefix,
        )
        return
    try:
        yield from child.dispatch(io.BytesIO(payload), child)
    except ArchiveLimitReached:
        raise
    except FormatError as exc:
        yield skipped(exc.reason, exc.detail, child.embedded_prefix)
    except Exception as exc:  # a parser failing on a bad attachment must not end the scan
        yield skipped("UNABLE_TO_PARSE_FILE", f"reader failed ({type(exc).__name__})", child.embedded_prefix)


def _extension(ctype: str) -> str:
    known = {
        "text/csv": ".csv",
        "text/plain": ".txt",
        "text/html": ".html",
        "application/pdf": ".pdf",
        "application/zip": ".zip",
        "application/gzip": ".gz",
        "application/json": ".json",
    }
    return known.get(ctype, "")
