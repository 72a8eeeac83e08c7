"""Hyperscan (the ``hyperscan`` wheel) with the same 26 patterns compiled into one database,
one thread, every match counted through the callback.

Start-of-match is off by default (Hyperscan's fastest mode): a match is then reported by its
end only, so its span for recall is the last matched byte. ``som=True`` asks for leftmost
start-of-match and reports full spans.
"""

from __future__ import annotations

from importlib.metadata import version

import hyperscan
from peer_base import PeerRun, Span, timed
from peers import PII_REGEXES


class Hyperscan:
    slow = False

    def __init__(self, som: bool = False) -> None:
        self.som = som
        self.name = "hyperscan (SOM)" if som else "hyperscan"
        flag = hyperscan.HS_FLAG_SOM_LEFTMOST if som else 0
        self.db = hyperscan.Database()
        self.db.compile(
            expressions=[p.encode() for p in PII_REGEXES],
            ids=list(range(len(PII_REGEXES))),
            elements=len(PII_REGEXES),
            flags=[flag] * len(PII_REGEXES),
        )

    def version(self) -> str:
        return version("hyperscan")

    def scan(self, data: bytes, runs: int) -> PeerRun:
        som = self.som

        def once() -> list[Span]:
            spans: list[Span] = []
            add = spans.append

            def on_match(_id: int, start: int, end: int, _flags: int, _ctx: object) -> None:
                add((start if som else end - 1, end))

            self.db.scan(data, match_event_handler=on_match)
            return spans

        secs, spans = timed(once, runs)
        assert isinstance(spans, list)
        return PeerRun(secs, len(data), len(spans), spans, runs)
