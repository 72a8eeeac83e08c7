"""detect-secrets through its Python API: ``scan_file`` under ``default_settings()`` (all its
plugins and default filters) on a temporary ``.txt`` copy of the bytes.

It reports a line number and the secret, not offsets: the span for recall is the secret's
first occurrence in its line, found after the timed run.
"""

from __future__ import annotations

import tempfile
from importlib.metadata import version

from peer_base import PeerRun, Span, timed


class DetectSecrets:
    name = "detect-secrets"
    slow = True

    def version(self) -> str:
        return version("detect-secrets")

    def scan(self, data: bytes, runs: int) -> PeerRun:
        from detect_secrets.core.scan import scan_file
        from detect_secrets.settings import default_settings

        with tempfile.NamedTemporaryFile(suffix=".txt") as fh:
            fh.write(data)
            fh.flush()

            def once() -> list[tuple[int, str]]:
                with default_settings():
                    return [(s.line_number, s.secret_value or "") for s in scan_file(fh.name)]

            secs, found = timed(once, runs)
        assert isinstance(found, list)
        lines = data.split(b"\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        spans: list[Span] = []
        for line_number, secret in found:
            raw = secret.encode()
            at = lines[line_number - 1].find(raw) if raw else -1
            base = starts[line_number - 1]
            spans.append((base + at, base + at + len(raw)) if at >= 0 else (base, base + len(lines[line_number - 1])))
        return PeerRun(secs, len(data), len(spans), spans, runs)
