"""DataFog: ``datafog`` (its regex engine, ``datafog.engine.scan(engine="regex")``, pure Python,
fed 64 KB line-aligned pieces because its overlap suppression is quadratic in the matches)
and ``datafog-core`` (its Rust detectors, ``datafog_core.scan``). Neither needs a model or the
network on these paths; the NER engines (spaCy, GLiNER) are not used.
"""

from __future__ import annotations

import os
from importlib.metadata import version

from peer_base import CharToByte, PeerRun, Span, line_chunks, timed

CHUNK = 64 << 10  # datafog's overlap suppression is quadratic in matches: feed it 64 KB pieces

os.environ.setdefault("DATAFOG_NO_TELEMETRY", "1")  # opt-in already; make sure no event is sent


class DatafogRegex:
    name = "datafog (regex)"
    slow = True

    def version(self) -> str:
        return version("datafog")

    def scan(self, data: bytes, runs: int) -> PeerRun:
        from datafog.engine import scan

        pieces = line_chunks(data, CHUNK)

        def once() -> list[object]:
            return [scan(piece.decode("utf-8", "replace"), engine="regex") for _, piece in pieces]

        secs, results = timed(once, runs)
        assert isinstance(results, list)
        spans: list[Span] = []
        for (base, piece), result in zip(pieces, results):
            to_byte = CharToByte(piece.decode("utf-8", "replace"))
            spans += [(base + to_byte(e.start), base + to_byte(e.end)) for e in result.entities]
        return PeerRun(secs, len(data), len(spans), spans, runs, note="64 KB pieces")


class DatafogCore:
    name = "datafog-core"
    slow = False

    def version(self) -> str:
        return version("datafog-core")

    def scan(self, data: bytes, runs: int) -> PeerRun:
        import datafog_core

        def once() -> object:
            return datafog_core.scan(data.decode("utf-8", "replace"))

        secs, found = timed(once, runs)
        spans = [(f.byte_range.start, f.byte_range.end) for f in found]  # type: ignore[attr-defined]
        return PeerRun(secs, len(data), len(spans), spans, runs)
