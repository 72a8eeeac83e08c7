"""What every peer adapter returns, and the shared helpers: recall by span overlap, char-to-byte
offsets, line-aligned sub-slices and median timing.

Adapters report byte spans (start, end) of their detections so recall is judged the same way
for every tool: a planted value counts as found when any detection overlaps its span.
"""

from __future__ import annotations

import bisect
import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from corpus import PlantedAt

Span = tuple[int, int]


@dataclass
class PeerRun:
    """One tool on one corpus: seconds for ``scanned`` bytes, detections and their byte spans."""

    seconds: float
    scanned: int
    detections: int
    spans: list[Span] = field(default_factory=list)
    runs: int = 1
    note: str = ""

    @property
    def mb_per_s(self) -> float:
        return self.scanned / 1e6 / self.seconds if self.seconds > 0 else float("inf")


class Peer(Protocol):
    """A scanner under comparison. ``scan`` times itself on ``data`` (already cut to its cap)."""

    name: str
    slow: bool

    def version(self) -> str: ...

    def scan(self, data: bytes, runs: int) -> PeerRun: ...


def recall(spans: Sequence[Span], planted: Sequence[PlantedAt], limit: int) -> tuple[int, int]:
    """(found, total) over the planted values that end within the first ``limit`` bytes; found
    when a detection's span overlaps the planted span."""
    wanted = [p for p in planted if p.end <= limit]
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    max_end_before: list[int] = []
    best = -1
    for _, e in ordered:
        best = max(best, e)
        max_end_before.append(best)
    found = 0
    for p in wanted:
        i = bisect.bisect_left(starts, p.end) - 1  # last detection starting before the value ends
        if i >= 0 and (max_end_before[i] > p.start):
            found += 1
    return found, len(wanted)


def line_slice(data: bytes, cap: int) -> bytes:
    """The first ``cap`` bytes of ``data`` cut back to the last newline (all of it if shorter)."""
    if len(data) <= cap:
        return data
    cut = data.rfind(b"\n", 0, cap)
    return data[: cut if cut > 0 else cap]


def line_chunks(data: bytes, size: int) -> list[tuple[int, bytes]]:
    """``data`` as (offset, piece) pieces of about ``size`` bytes cut after a newline, for a
    tool whose cost grows faster than linearly with its input (fed per piece, as a user would)."""
    out: list[tuple[int, bytes]] = []
    at = 0
    while at < len(data):
        end = min(at + size, len(data))
        if end < len(data):
            cut = data.rfind(b"\n", at, end + 1)  # last newline at or before ``end``
            end = cut if cut > at else end  # a line longer than ``size`` is cut inside
        out.append((at, data[at:end]))
        at = end + 1 if data[end : end + 1] == b"\n" else end
    return out


class CharToByte:
    """Maps ``str`` indices of a decoded text to byte offsets: one pass over its non-ASCII
    characters, then a bisect per lookup (the corpus is mostly ASCII)."""

    def __init__(self, text: str) -> None:
        self.points: list[int] = []
        self.extra: list[int] = []
        total = 0
        for m in re.finditer(r"[^\x00-\x7f]", text):
            total += len(m.group().encode("utf-8", "surrogatepass")) - 1
            self.points.append(m.start())
            self.extra.append(total)

    def __call__(self, index: int) -> int:
        i = bisect.bisect_left(self.points, index) - 1  # non-ASCII characters before ``index``
        return index + (self.extra[i] if i >= 0 else 0)


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median seconds of ``runs`` calls of ``fn`` and the last call's result."""
    times: list[float] = []
    result: object = None
    for _ in range(max(1, runs)):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result
