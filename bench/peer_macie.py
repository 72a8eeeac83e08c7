"""macie-lite itself as a peer: ``Scanner(managed="ALL").scan_bytes`` (all identifiers, keyword
rules and validation on), byte spans straight from the core."""

from __future__ import annotations

from importlib.metadata import version

from macie_lite import Scanner
from peer_base import PeerRun, timed


class MacieLite:
    name = "macie-lite"
    slow = False

    def __init__(self) -> None:
        self.scanner = Scanner(managed="ALL")

    def version(self) -> str:
        return version("macie-lite")

    def scan(self, data: bytes, runs: int) -> PeerRun:
        secs, dets = timed(lambda: self.scanner.scan_bytes(data), runs)
        spans = [(d.start, d.end) for d in dets]  # type: ignore[attr-defined]
        return PeerRun(secs, len(data), len(spans), spans, runs)
