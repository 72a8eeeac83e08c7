"""ripgrep (the ``ripgrep`` wheel) with the 26-regex PII alternation of peers.py, one thread.

By default with ``--no-unicode`` (the patterns are all ASCII): with Unicode on, ``\b`` next to
the corpus's few non-ASCII bytes drops ripgrep off its DFA and it runs ~30x slower, which is
shown as its own row (``unicode=True``) rather than taken as ripgrep's speed.

Timed with ``--count-matches`` (every match counted, nothing printed); the spans for recall
come from a second, untimed ``--only-matching --byte-offset`` run whose output stays in memory.
"""

from __future__ import annotations

import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

from peer_base import PeerRun, timed
from peers import PII_REGEXES, rg_binary


class Ripgrep:
    def __init__(self, unicode: bool = False) -> None:
        self.unicode = unicode
        self.name = "ripgrep (unicode)" if unicode else "ripgrep"
        self.slow = unicode

    def version(self) -> str:
        return version("ripgrep")

    def _args(self, *extra: str) -> list[str]:
        rg = rg_binary()
        if rg is None:
            raise RuntimeError("ripgrep is not installed: run bench/setup.sh")
        args = [rg, "--no-config", "--threads", "1", "--no-mmap", "--no-filename", *extra]
        if not self.unicode:
            args.append("--no-unicode")
        for pattern in PII_REGEXES:
            args += ["-e", pattern]
        return args

    def scan(self, data: bytes, runs: int) -> PeerRun:
        with tempfile.NamedTemporaryFile(suffix=".txt") as fh:
            fh.write(data)
            fh.flush()
            path = Path(fh.name)
            count_args = [*self._args("--count-matches"), str(path)]

            def count() -> int:
                out = subprocess.run(count_args, capture_output=True, check=False)
                return int(out.stdout.strip() or 0)

            secs, detections = timed(count, runs)
            listed = subprocess.run(
                [*self._args("--only-matching", "--byte-offset", "--no-line-number"), str(path)],
                capture_output=True,
                check=False,
            ).stdout
        spans = []
        for row in listed.splitlines():
            offset, _, match = row.partition(b":")
            start = int(offset)
            spans.append((start, start + len(match)))
        return PeerRun(secs, len(data), int(detections), spans, runs)  # type: ignore[call-overload]
