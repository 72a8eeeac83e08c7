"""Plain text and logs (and anything non-binary without a structured reader): lineRanges.

Read in chunks cut at line ends, so a 5 GB log never sits in memory whole; a line longer than
the chunk size is cut (values spanning such a cut can be missed; the cut is rare and bounded).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from .base import ReadContext, Segment


def read_text(stream: IO[bytes], ctx: ReadContext) -> Iterator[Segment]:
    size = ctx.limits.text_chunk_bytes
    line = 1
    carry = b""
    while True:
        block = stream.read(size)
        if not block:
            break
        data = carry + block
        cut = data.rfind(b"\n")
        if cut < 0 and len(data) < 4 * size:
            carry = data
            continue
        cut = cut + 1 if cut >= 0 else len(data)
        chunk, carry = data[:cut], data[cut:]
        yield Segment(chunk, "lineRanges", {"line": line}, embedded=ctx.embedded_prefix)
        line += chunk.count(b"\n")
    if carry:
        yield Segment(carry, "lineRanges", {"line": line}, embedded=ctx.embedded_prefix)
