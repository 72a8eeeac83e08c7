"""Masking a text stream line by line (``macie-lite mask``): bounded memory, fast, robust.

Input is read in blocks of what is available: a file gives full 1 MiB blocks, a pipe fed by
``tail -f`` gives each line as it comes (a pipe with more waiting is read on to fill the block).
A reader thread reads ahead and a small pool scans blocks with the byte engine (it releases the
GIL); the caller's thread masks and writes, and flushes after every block. The complete lines
of a block are scanned in one call, so a keyword on a neighbouring line of the same block
counts, as it does for ``macie-lite scan`` of the file; lines read on their own (interactive
input) are masked on their own. Bytes are never decoded for scanning: invalid UTF-8 passes
through untouched. A multi-line key block (PEM, PGP, PuTTY) is held until it is complete. A
line longer than ``max_line`` is processed in windows that overlap enough to keep every value
and its keywords whole. A JSON line with a detection is masked inside its values (and keys),
so it stays valid JSON; JSON lines without detections are written as they are.
"""

from __future__ import annotations

import json
import os
import queue
import re
import select
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from .engine import Scanner
from .masking import MaskStyle, merge_spans

if TYPE_CHECKING:
    from .policy import AuditLog

__all__ = ["StreamStats", "mask_stream"]

BLOCK = 1 << 20
MAX_LINE = 1 << 20
#: Bytes kept unwritten at the end of a long-line window: longer than any managed match
#: (key blocks, 64 KiB) plus its keyword window, so a value is never cut.
OVERLAP = 128 << 10
#: Bytes of already-written text kept before a window as left context for keywords
#: (300 characters of custom distance + a 90-character keyword, 4 bytes each).
MARGIN = 2 << 10

#: Threads scanning blocks ahead (the engine releases the GIL).
WORKERS = min(4, os.cpu_count() or 1)

Span = tuple[int, int, str]


@dataclass
class StreamStats:
    """What a masking run saw: bytes read and detections per type."""

    bytes: int = 0
    counts: Counter[str] = field(default_factory=Counter)


class _Masker:
    """Masks byte ranges of one buffer; JSON lines inside their values."""

    def __init__(self, scanner: Scanner, style: MaskStyle, audit: AuditLog | None, resource: str) -> None:
        self.scanner = scanner
        self.style = style
        self.audit = audit
        self.resource = resource
        self.stats = StreamStats()

    def scan(self, buf: bytes) -> list[Span]:
        """``(start, end, type)`` of every detection in ``buf`` (byte offsets)."""
        return [(d.start, d.end, d.type) for d in self.scanner.scan_bytes(buf)]

    def render(self, value: bytes, type_name: str) -> bytes:
        """A masked value; line breaks inside it stay, so the line count never changes."""
        text = value.decode("utf-8", "replace")
        masked = self.style.render(text, type_name)
        if "\n" in text:
            if self.style.tag:
                masked += "\n" * text.count("\n")
            else:
                masked = "".join("\n" if c == "\n" else m for c, m in zip(text, masked))
        return masked.encode("utf-8")

    def emit(
        self,
        dst: IO[bytes],
        buf: bytes,
        done: int,
        limit: int,
        forced: Sequence[Span],
        whole_lines: bool,
        found: Sequence[Span] | None = None,
    ) -> None:
        """Writes ``buf[done:limit]`` masked: detections of a scan of all of ``buf`` (the text
        around the range is context; ``found`` when already scanned) plus ``forced`` spans.
        Unmasked text is written uncopied."""
        view = memoryview(buf)
        if found is None:
            found = self.scan(buf)
        spans: list[Span] = [(s, e, t) for s, e, t in found if e > done and s < limit]
        spans.extend(forced)
        if not spans:
            dst.write(view[done:limit])
            return
        spans = [(max(s, done), min(e, limit), t) for s, e, t in merge_spans(spans)]
        for _s, _e, t in spans:
            self.stats.counts[t] += 1
        write = dst.write
        at = done
        i = 0
        while i < len(spans):
            s = spans[i][0]
            ls = buf.rfind(b"\n", 0, s) + 1
            le = _line_end(buf, s, limit)
            if le <= s:  # a value starting at a line break belongs with the next line
                le = _line_end(buf, s + 1, limit)
            j = i
            while j < len(spans) and spans[j][0] < le:
                if spans[j][1] > le:  # a multi-line value (a key block): the group grows
                    le = _line_end(buf, spans[j][1], limit)
                j += 1
            line_spans = spans[i:j]
            i = j
            start = max(ls, done, at)
            write(view[at:start])
            line = buf[start:le]
            rel = [(s - start, e - start, t) for s, e, t in line_spans]
            if self.audit is not None:
                self._audit(line, rel)
            masked = None
            if whole_lines and ls >= done and b"\n" not in line:
                masked = self._json_line(line, rel)
            write(masked if masked is not None else self._raw(line, rel))
            at = le
        write(view[at:limit])

    def _raw(self, line: bytes, spans: Sequence[Span]) -> bytes:
        parts: list[bytes] = []
        at = 0
        for s, e, t in spans:
            parts.append(line[at:s])
            parts.append(self.render(line[s:e], t))
            at = e
        parts.append(line[at:])
        return b"".join(parts)

    def _audit(self, line: bytes, spans: Sequence[Span]) -> None:
        assert self.audit is not None
        chars = [
            (len(line[:s].decode("utf-8", "replace")), len(line[:e].decode("utf-8", "replace")), t) for s, e, t in spans
        ]
        self.audit.report(self.resource, chars)

    # -- JSON lines ------------------------------------------------------------------------------

    def _json_line(self, line: bytes, spans: Sequence[Span]) -> bytes | None:
        """The JSON line with its values masked, or None when it is not a JSON object or array,
        or when a detection cannot be placed inside a value (then the raw masks apply)."""
        body = line.strip()
        if body[:1] not in (b"{", b"[") or body[-1:] not in (b"}", b"]"):
            return None
        try:
            doc = json.loads(line)
            raw = [(line[s:e].decode("utf-8"), t) for s, e, t in spans]
        except (ValueError, UnicodeDecodeError):
            return None
        found: set[int] = set()
        masked = self._value(doc, (), raw, found, 0)
        if len(found) != len(raw):
            return None
        compact = b'": ' not in line and b", " not in line
        text = json.dumps(masked, ensure_ascii=False, separators=(",", ":") if compact else None)
        lead = line[: len(line) - len(line.lstrip())]
        trail = line[len(line.rstrip()) :]
        return lead + text.encode("utf-8") + trail

    def _value(
        self, value: Any, path: tuple[str, ...], raw: Sequence[tuple[str, str]], found: set[int], depth: int
    ) -> Any:
        if isinstance(value, str):
            return self._text(value, path, raw, found)
        if isinstance(value, bool) or value is None or depth > 64:
            return value
        if isinstance(value, (int, float)):
            text = json.dumps(value)
            masked = self._text(text, path, raw, found)
            return value if masked == text else masked
        if isinstance(value, list):
            return [self._value(v, path, raw, found, depth + 1) for v in value]
        if isinstance(value, dict):
            return {
                self._text(k, path, raw, found): self._value(v, (*path, k), raw, found, depth + 1)
                for k, v in value.items()
            }
        return value

    def _text(self, text: str, path: tuple[str, ...], raw: Sequence[tuple[str, str]], found: set[int]) -> str:
        spans = [(d.start, d.end, d.type) for d in self.scanner.scan_text(text, path)]
        for n, (value, t) in enumerate(raw):
            at = text.find(value)
            while at >= 0 and value:
                found.add(n)
                spans.append((at, at + len(value), t))
                at = text.find(value, at + 1)
        if not spans:
            return text
        parts: list[str] = []
        at = 0
        for s, e, t in merge_spans(spans):
            parts.append(text[at:s])
            parts.append(self.style.render(text[s:e], t))
            at = e
        parts.append(text[at:])
        return "".join(parts)


def _line_end(buf: bytes, at: int, limit: int) -> int:
    end = buf.find(b"\n", at, limit)
    return limit if end < 0 else end


def mask_stream(
    src: IO[bytes],
    dst: IO[bytes],
    scanner: Scanner,
    *,
    char: str = "*",
    keep_last: int = 0,
    tag: bool = False,
    audit: AuditLog | None = None,
    resource: str = "stdin",
    block: int = BLOCK,
    max_line: int = MAX_LINE,
    workers: int = WORKERS,
) -> StreamStats:
    """Copies ``src`` to ``dst`` with every detection masked, line by line; flushes ``dst``
    after each block read, so interactive input comes out as it arrives. ``workers`` threads
    scan blocks ahead. Memory stays within about ``(2 * workers + 1) * block + max_line``
    bytes whatever the line lengths."""
    if max_line <= OVERLAP + MARGIN:
        raise ValueError(f"max_line: must exceed {OVERLAP + MARGIN} bytes")
    masker = _Masker(scanner, MaskStyle(char=char, keep_last=keep_last, tag=tag), audit, resource)
    stream = _Stream(masker, dst, max_line)
    read = getattr(src, "read1", src.read)
    ahead = _ReadAhead(read, block, masker.scan, max(1, workers), _fileno(src))
    try:
        for chunk, found in ahead:
            masker.stats.bytes += len(chunk)
            stream.feed(chunk, found)
            dst.flush()
    finally:
        ahead.stop()
    stream.finish()
    dst.flush()
    return masker.stats


def _fileno(src: IO[bytes]) -> int | None:
    try:
        return src.fileno()
    except (AttributeError, OSError, ValueError):  # BytesIO and other in-memory streams
        return None


class _ReadAhead:
    """Reads the next chunks in a thread and scans them on a small pool while the caller masks
    and writes the current one (the engine releases the GIL, so scans run on several cores).
    Chunks come back in order, each as soon as it is scanned; at most ``2 * workers`` wait, so
    memory stays bounded."""

    def __init__(
        self,
        read: Callable[[int], bytes],
        block: int,
        scan: Callable[[bytes], list[Span]],
        workers: int,
        fd: int | None = None,
    ) -> None:
        self._fd = fd
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="macie-lite-scan")
        self._queue: queue.Queue[tuple[bytes, Future[list[Span]]] | BaseException | None] = queue.Queue(2 * workers)
        self._stopped = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(read, block, scan), name="macie-lite-read-ahead", daemon=True
        )
        self._thread.start()

    def _run(self, read: Callable[[int], bytes], block: int, scan: Callable[[bytes], list[Span]]) -> None:
        try:
            while not self._stopped.is_set():
                chunk = read(block)
                if not chunk:
                    break
                if len(chunk) < block and self._fd is not None:
                    chunk = self._coalesce(chunk, read, block)
                self._put((chunk, self._pool.submit(scan, chunk)))
        except BaseException as exc:  # handed to the caller, raised there
            self._put(exc)
            return
        self._put(None)

    def _coalesce(self, chunk: bytes, read: Callable[[int], bytes], block: int) -> bytes:
        """A pipe gives at most its capacity (64 KiB) per read: while more is already waiting,
        read it too, so a fast producer still gets large blocks and a slow one (``tail -f``)
        gets each line at once."""
        parts = [chunk]
        size = len(chunk)
        fd = self._fd
        assert fd is not None
        try:
            while size < block and select.select([fd], [], [], 0)[0]:
                more = read(block - size)
                if not more:
                    break
                parts.append(more)
                size += len(more)
        except (OSError, ValueError):  # not selectable after all: take what we have
            pass
        return b"".join(parts) if len(parts) > 1 else chunk

    def _put(self, item: tuple[bytes, Future[list[Span]]] | BaseException | None) -> None:
        while not self._stopped.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def __iter__(self) -> Iterator[tuple[bytes, list[Span]]]:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            chunk, future = item
            yield chunk, future.result()

    def stop(self) -> None:
        """Stops the reader (a daemon: if it is blocked reading an interactive input, it ends at
        its next chunk) and the pool."""
        self._stopped.set()
        self._pool.shutdown(wait=False, cancel_futures=True)


#: The end of a forced span whose value may continue past the buffer (resolved later).
OPEN = sys.maxsize
_SPACE = re.compile(rb"\s")
#: Longer than any multi-line key block a managed pattern matches (PGP: about 63 KB).
KEY_BLOCK_SPAN = 72 << 10
_OPENERS = (b"-----BEGIN ", b"PuTTY-User-Key-File-")
_CLOSERS = {b"-----BEGIN ": b"-----END ", b"PuTTY-User-Key-File-": b"Private-MAC: "}


def _open_block(buf: bytes, lo: int, hi: int) -> int | None:
    """Start of the line of a multi-line key block opened in ``buf[lo:hi]`` and not closed
    there: those lines wait for the rest of the block, so it is scanned whole. Only the last
    KEY_BLOCK_SPAN bytes are searched: a block opened earlier is too long for any pattern."""
    at, opener = max((buf.rfind(o, max(lo, hi - KEY_BLOCK_SPAN), hi), o) for o in _OPENERS)
    if at < 0 or buf.find(_CLOSERS[opener], at, hi) >= 0:
        return None
    return max(buf.rfind(b"\n", 0, at) + 1, lo)


def _resolve(buf: bytes, forced: list[Span]) -> list[Span]:
    """Open-ended forced spans end at the first whitespace after their start, if it is here."""
    out = []
    for s, e, t in forced:
        if e == OPEN:
            m = _SPACE.search(buf, s)
            e = m.start() if m else OPEN
        out.append((s, e, t))
    return out


def _clip(forced: list[Span], limit: int) -> list[Span]:
    return [(s, min(e, limit), t) for s, e, t in forced if s < limit]


def _shift(forced: list[Span], by: int, after: int) -> list[Span]:
    return [(max(s, after) - by, e if e == OPEN else e - by, t) for s, e, t in forced if e > after]


class _Stream:
    """The unfinished part of the stream: ``pending`` bytes, of which the first ``done`` were
    already written (left context), and ``forced`` spans that must be masked when written."""

    def __init__(self, masker: _Masker, dst: IO[bytes], max_line: int) -> None:
        self.masker = masker
        self.dst = dst
        self.max_line = max_line
        self.pending = b""
        self.done = 0
        self.forced: list[Span] = []
        self.held = False  # pending holds complete lines of an open key block

    def feed(self, chunk: bytes, found: list[Span] | None = None) -> None:
        """Takes the next chunk; ``found``: its detections when it was scanned ahead."""
        first = chunk.find(b"\n")
        if first >= 0 and not self.held and not self.forced:
            if not self.pending:
                self._lines(chunk, 0, [], found)
                self._windows()
                return
            head = self.pending + chunk[: first + 1]
            if _open_block(head, self.done, len(head)) is None:
                # the common case: finish the pending line alone, then the chunk's own lines
                self.masker.emit(self.dst, head, self.done, len(head), (), whole_lines=True)
                self._lines(chunk, first + 1, [], found)
                self._windows()
                return
        self._lines(self.pending + chunk, self.done, self.forced)
        self._windows()

    def _lines(self, buf: bytes, done: int, forced: list[Span], found: list[Span] | None = None) -> None:
        """Writes the complete lines of ``buf[done:]``; keeps the rest pending. ``found``: the
        detections of ``buf`` when it was scanned ahead."""
        last = buf.rfind(b"\n", done)
        limit = last + 1
        hold = _open_block(buf, done, limit) if last >= 0 else None
        if hold is not None:
            limit = hold
        self.held = hold is not None
        if last < 0 or limit <= done:
            self.pending, self.done, self.forced = buf, done, forced
            return
        forced = _resolve(buf, forced)
        self.masker.emit(self.dst, buf, done, limit, _clip(forced, limit), whole_lines=True, found=found)
        self.pending, self.done, self.forced = buf[limit:], 0, _shift(forced, limit, limit)

    def _windows(self) -> None:
        """Writes the front of a pending part longer than ``max_line``, keeping OVERLAP bytes
        unwritten (a value near the cut is kept whole) and MARGIN bytes of context."""
        while len(self.pending) >= self.max_line:
            buf, done = self.pending, self.done
            forced = _resolve(buf, self.forced)
            cut = len(buf) - OVERLAP
            crossing = [(s, e, t) for s, e, t in self.masker.scan(buf) if s < cut < e and e > done]
            if crossing:
                first = min(s for s, _e, _t in crossing)
                if first > done:
                    cut = first
                else:  # a value from before `done` runs past the cut: its rest is masked later
                    forced += [(max(s, done), OPEN if e >= len(buf) else e, t) for s, e, t in crossing]
            self.masker.emit(self.dst, buf, done, cut, _clip(forced, cut), whole_lines=False)
            keep = max(cut - MARGIN, 0)
            self.pending, self.done, self.forced = buf[keep:], cut - keep, _shift(forced, keep, cut)

    def finish(self) -> None:
        """Writes what is left (a last line without a newline, an unclosed block)."""
        if self.pending:
            buf = self.pending
            forced = _resolve(buf, self.forced)
            self.masker.emit(self.dst, buf, self.done, len(buf), _clip(forced, len(buf)), whole_lines=True)
            self.pending = b""
