"""JSON and JSON Lines: every string or number leaf is a ``records`` segment with its jsonPath.

Macie's record rules: ``recordIndex`` is always 0 for JSON and the 0-based line number for
JSON Lines (blank lines are counted, so ``recordIndex + 1`` is always the file's line number);
every element name on the path counts as a keyword (the segment's context); element names are
scanned too (one ``records`` segment per distinct name and parent path per record, located by
``recordIndex`` only), and ``jsonPath`` is omitted below a name that holds sensitive data when
the caller sets ``ctx.name_is_sensitive`` (a ``(name, parent_names) -> bool`` check that must
equal "the scanner reports something in this name with these parents as context"; readers
cannot see detections themselves). With the check, only names it flags are yielded. Numbers
keep their JSON text (``1.50e3`` stays ``1.50e3``). The path walker is shared with Avro and
Parquet.

Memory: a JSON document up to ``JSON_IN_MEMORY_BYTES`` is parsed whole; a larger one whose
top level is an array is parsed one element at a time; any other larger document is read as
plain text (lineRanges). Malformed JSON is read as plain text, as Macie does: a whole document
from its start (or, in a streamed array, from the first bad element on); in JSON Lines only
the bad line. Nesting deeper than ``Limits.json_depth`` raises JSON_NESTING_LEVEL_OVER_LIMIT
(before anything is yielded for a document parsed whole; a deep element of a streamed array
or a deep line after good ones makes the object PARTIAL).
"""

from __future__ import annotations

import codecs
import datetime as _dt
import decimal
import functools
import io
import json
import re
import uuid
from collections.abc import Callable, Iterator
from typing import IO, Any

from .base import MB, FormatError, ReadContext, Segment
from .text import read_text

JSON_IN_MEMORY_BYTES = 16 * MB
NAME_MAX = 240
PATH_MAX = 250
_SEEN_MAX = 100_000
_CHUNK = 1 * MB
_SIMPLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_WS = re.compile(r"[ \t\n\r]*")
_BOM = b"\xef\xbb\xbf"

NameCheck = Callable[[str, tuple[str, ...]], bool]


@functools.lru_cache(maxsize=1 << 16)
def name_piece(name: str) -> str:
    """One path element: ``.name``, or ``['a b']`` when it needs quoting; names over 240
    characters keep their end, behind a ``...`` prefix (240 characters in all)."""
    if len(name) > NAME_MAX:
        name = "..." + name[len(name) - NAME_MAX + 3 :]
    if _SIMPLE_NAME.match(name):
        return "." + name
    return "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']"


def render_path(pieces: tuple[str, ...]) -> str:
    """``$`` and the pieces; over 250 characters, the first elements are dropped (``$..``)."""
    path = "$" + "".join(pieces)
    if len(path) <= PATH_MAX:
        return path
    for i in range(1, len(pieces)):
        first = pieces[i]
        cut = "$.." + (first[1:] if first.startswith(".") else first) + "".join(pieces[i + 1 :])
        if len(cut) <= PATH_MAX:
            return cut
    last = pieces[-1]
    return "$.." + (last[1:] if last.startswith(".") else last)


def leaf_bytes(value: Any) -> bytes | None:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass") if value else None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value) or None
    if isinstance(value, (int, float, decimal.Decimal, _dt.date, _dt.time, _dt.timedelta, uuid.UUID)):
        return str(value).encode("ascii", "replace")
    return None


def nesting_exceeds(value: Any, limit: int) -> bool:
    """Whether containers nest deeper than ``limit`` (the top-level container is level 1)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        children = v.values() if isinstance(v, dict) else v if isinstance(v, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def may_nest_deeper(text: str | bytes, limit: int) -> bool:
    """A cheap bound: fewer opening brackets than ``limit`` cannot nest deeper than it."""
    if isinstance(text, str):
        return text.count("[") + text.count("{") > limit
    return text.count(b"[") + text.count(b"{") > limit


def depth_error(limit: int) -> FormatError:
    return FormatError("JSON_NESTING_LEVEL_OVER_LIMIT", f"nesting deeper than {limit} levels")


class PathWalker:
    """Turns decoded records (dicts, lists, scalars) into ``records`` segments.

    Element names are scanned once per distinct (parent names, name) until ``new_record``
    (JSON Lines calls it per line; Avro and Parquet never do, their names come from a schema)."""

    def __init__(self, ctx: ReadContext) -> None:
        self.embedded = ctx.embedded_prefix
        self.limit = ctx.limits.json_depth
        check: NameCheck | None = getattr(ctx, "name_is_sensitive", None)
        self.check = check
        self.seen: set[tuple[tuple[str, ...], str]] = set()
        self.sensitive: dict[tuple[tuple[str, ...], str], bool] = {}

    def new_record(self) -> None:
        self.seen.clear()

    def name_segment(self, name: str, context: tuple[str, ...], index: int) -> tuple[Segment | None, bool]:
        """The name's own segment (first time in the record only) and whether it hides the paths
        below it. With a ``name_is_sensitive`` check, a name it clears is not yielded at all:
        the check is the same scan, so the segment could report nothing."""
        key = (context, name)
        hidden = False
        if self.check is not None:
            known = self.sensitive.get(key)
            if known is None:
                if len(self.sensitive) >= _SEEN_MAX:
                    self.sensitive.clear()
                known = self.sensitive[key] = bool(self.check(name, context))
            if not known:
                return None, False
            hidden = True
        if key in self.seen:
            return None, hidden
        if len(self.seen) >= _SEEN_MAX:
            self.seen.clear()
        self.seen.add(key)
        data = name.encode("utf-8", "surrogatepass")
        return Segment(data, "records", {"recordIndex": index}, context, self.embedded), hidden

    def walk(
        self,
        value: Any,
        index: int,
        pieces: tuple[str, ...] = (),
        context: tuple[str, ...] = (),
        hidden: bool = False,
        depth: int = 0,
    ) -> Iterator[Segment]:
        """Segments for ``value`` found at ``pieces`` (path elements below ``$``), depth first
        in document order; ``depth`` is the number of containers above ``value``."""
        embedded = self.embedded
        limit = self.limit
        if not isinstance(value, (dict, list, tuple)):
            data = leaf_bytes(value)
            if data is not None:
                loc = {"recordIndex": index} if hidden else {"recordIndex": index, "jsonPath": render_path(pieces)}
                yield Segment(data, "records", loc, context, embedded)
            return
        if depth >= limit:
            raise depth_error(limit)
        # Frames: (items iterator, is_dict, pieces, rendered path, names, hidden, depth).
        stack: list[tuple[Iterator[Any], bool, tuple[str, ...], str, tuple[str, ...], bool, int]] = [
            _frame(value, pieces, render_path(pieces), context, hidden, depth)
        ]
        while stack:
            items, is_dict, pcs, path, names, hide, level = stack[-1]
            for item in items:
                if is_dict:
                    k, child = item
                    name = k if isinstance(k, str) else str(k)
                    piece = name_piece(name)
                    child_names = (*names, name)
                    child_hide = hide
                    if name:
                        seg, secret = self.name_segment(name, names, index)
                        if seg is not None:
                            yield seg
                        child_hide = hide or secret
                else:
                    i, child = item
                    piece = f"[{i}]"
                    child_names = names
                    child_hide = hide
                if len(path) + len(piece) <= PATH_MAX and not path.startswith("$.."):
                    child_path = path + piece
                else:
                    child_path = render_path((*pcs, piece))
                if isinstance(child, (dict, list, tuple)):
                    if level + 1 >= limit:
                        raise depth_error(limit)
                    stack.append(_frame(child, (*pcs, piece), child_path, child_names, child_hide, level + 1))
                    break
                data = child.encode("utf-8", "surrogatepass") if type(child) is str else leaf_bytes(child)
                if data:
                    loc = {"recordIndex": index} if child_hide else {"recordIndex": index, "jsonPath": child_path}
                    yield Segment(data, "records", loc, child_names, embedded)
            else:
                stack.pop()


def _frame(
    value: Any, pieces: tuple[str, ...], path: str, names: tuple[str, ...], hidden: bool, depth: int
) -> tuple[Iterator[Any], bool, tuple[str, ...], str, tuple[str, ...], bool, int]:
    is_dict = isinstance(value, dict)
    items: Iterator[Any] = iter(value.items()) if is_dict else enumerate(value)
    return items, is_dict, pieces, path, names, hidden, depth


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=str, parse_float=str, parse_constant=str)


class _Prefixed(io.RawIOBase):
    """``head`` bytes, then the rest of ``stream``: hands a partly read object to read_text."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head = memoryview(head)
        self.pos = 0
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        view = memoryview(b).cast("B")
        if self.pos < len(self.head):
            n = min(len(view), len(self.head) - self.pos)
            view[:n] = self.head[self.pos : self.pos + n]
            self.pos += n
            return n
        data = self.stream.read(len(view))
        view[: len(data)] = data
        return len(data)


def buffered(stream: IO[bytes]) -> IO[bytes]:
    """``stream`` itself when it reads lines efficiently, else a buffered view of it (a raw
    HTTP body's ``readline`` may read one byte per call)."""
    if isinstance(stream, io.BufferedIOBase):
        return stream
    return io.BufferedReader(_Prefixed(b"", stream), 1 << 16)


def _as_text(head: bytes, stream: IO[bytes], ctx: ReadContext, first_line: int = 1) -> Iterator[Segment]:
    for seg in read_text(io.BufferedReader(_Prefixed(head, stream)), ctx):
        seg.location["line"] = seg.location.get("line", 1) + first_line - 1
        yield seg


def read_json(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """A JSON document: one record (index 0)."""
    head = stream.read(JSON_IN_MEMORY_BYTES + 1)
    if head.startswith(_BOM):
        head = head[len(_BOM) :]
    if len(head) > JSON_IN_MEMORY_BYTES:
        start = _WS.match(head.decode("ascii", "replace")[:4096]).end()  # type: ignore[union-attr]
        if head[start : start + 1] == b"[":
            yield from _stream_array(head, stream, ctx)
        else:
            yield from _as_text(head, stream, ctx)
        return
    try:
        value = _loads(head.decode("utf-8", "replace"))
    except RecursionError:
        raise depth_error(ctx.limits.json_depth) from None
    except ValueError:
        yield from read_text(io.BytesIO(head), ctx)
        return
    limit = ctx.limits.json_depth
    if may_nest_deeper(head, limit) and nesting_exceeds(value, limit):
        raise depth_error(limit)
    yield from PathWalker(ctx).walk(value, 0)


def _stream_array(head: bytes, stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """A large top-level array, one element at a time (each element at most
    JSON_IN_MEMORY_BYTES); from a malformed element on, the rest is read as text."""
    decode = codecs.getincrementaldecoder("utf-8")("replace").decode
    decoder = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)
    walker = PathWalker(ctx)
    limit = ctx.limits.json_depth
    buf = decode(head)
    eof = False
    dropped_lines = 0  # newlines in the text already dropped from buf
    pos = _WS.match(buf).end() + 1  # type: ignore[union-attr]  # past "["
    index = 0
    state = "first"  # "first" (after "["), "value" (after ","), "next" (after a value), "done"
    while True:
        pos = _WS.match(buf, pos).end()  # type: ignore[union-attr]
        if pos >= len(buf):
            if eof:
                if state == "done":
                    return
                break  # unterminated array
            more = stream.read(_CHUNK)
            eof = not more
            dropped_lines += buf.count("\n", 0, pos)
            buf, pos = buf[pos:] + decode(more, final=eof), 0
            continue
        char = buf[pos]
        if state == "done":
            break  # content after the array: read as text
        if state == "next" or (state == "first" and char == "]"):
            if char == "]":
                pos, state = pos + 1, "done"
            elif char == "," and state == "next":
                pos, state = pos + 1, "value"
            else:
                break
            continue
        try:
            value, end = decoder.raw_decode(buf, pos)
            complete = end < len(buf) or eof
        except RecursionError:
            raise depth_error(limit) from None
        except ValueError:
            if eof or len(buf) - pos > JSON_IN_MEMORY_BYTES:
                break
            complete = False
        if not complete:
            more = stream.read(max(_CHUNK, len(buf) - pos))
            eof = not more
            dropped_lines += buf.count("\n", 0, pos)
            buf, pos = buf[pos:] + decode(more, final=eof), 0
            continue
        if may_nest_deeper(buf[pos:end], limit - 1) and nesting_exceeds(value, limit - 1):
            raise depth_error(limit)
        yield from walker.walk(value, 0, (f"[{index}]",), depth=1)
        index += 1
        pos, state = end, "next"
        if pos > _CHUNK:
            dropped_lines += buf.count("\n", 0, pos)
            buf, pos = buf[pos:], 0
    # Malformed from ``pos`` on: the rest of the buffer and of the stream, as text.
    line = dropped_lines + buf.count("\n", 0, pos) + 1
    rest = buf[pos:].encode("utf-8", "surrogatepass")
    yield from _as_text(rest, stream, ctx, line)


def read_jsonl(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    """JSON Lines: line n (from 0) is record n; a bad line is read as text (its line number)."""
    stream = buffered(stream)
    limit = JSON_IN_MEMORY_BYTES
    depth = ctx.limits.json_depth
    walker = PathWalker(ctx)
    embedded = ctx.embedded_prefix
    n = 0
    while True:
        raw = stream.readline(limit)
        if not raw:
            return
        if n == 0 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if len(raw) >= limit and not raw.endswith(b"\n"):
            # Too long to parse: the line is read as text, in pieces.
            yield Segment(raw, "lineRanges", {"line": n + 1}, embedded=embedded)
            while not raw.endswith(b"\n"):
                raw = stream.readline(limit)
                if not raw:
                    return
                yield Segment(raw, "lineRanges", {"line": n + 1}, embedded=embedded)
            n += 1
            continue
        body = raw.strip()
        if body:
            try:
                value = _loads(body.decode("utf-8", "replace"))
            except RecursionError:
                raise depth_error(depth) from None
            except ValueError:
                yield Segment(raw.rstrip(b"\r\n"), "lineRanges", {"line": n + 1}, embedded=embedded)
            else:
                if may_nest_deeper(body, depth) and nesting_exceeds(value, depth):
                    raise depth_error(depth)
                walker.new_record()
                yield from walker.walk(value, n)
        n += 1
