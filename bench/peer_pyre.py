"""A plain Python ``re`` scanner: the 26 patterns of peers.py, each run with ``finditer`` over
the bytes (byte offsets, no decoding), every match passed through its validation from
pii_checks.py (Luhn, SSN rules, IPv4 range, IBAN mod 97)."""

from __future__ import annotations

import platform
import re

from peer_base import PeerRun, Span, timed
from peers import PII_REGEXES
from pii_checks import CHECKS


class PythonRe:
    name = "python re"
    slow = True

    def __init__(self) -> None:
        self.patterns = [(re.compile(p.encode()), CHECKS.get(i)) for i, p in enumerate(PII_REGEXES)]

    def version(self) -> str:
        return f"CPython {platform.python_version()}"

    def scan(self, data: bytes, runs: int) -> PeerRun:
        def once() -> list[Span]:
            spans: list[Span] = []
            for pattern, check in self.patterns:
                for m in pattern.finditer(data):
                    if check is None or check(m.group()):
                        spans.append(m.span())
            return spans

        secs, spans = timed(once, runs)
        assert isinstance(spans, list)
        return PeerRun(secs, len(data), len(spans), spans, runs)
