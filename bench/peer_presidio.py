"""Presidio's analyzer restricted to its pattern recognizers, called directly.

No spaCy model can be downloaded here, so no AnalyzerEngine/NLP engine is built: every
predefined recognizer that is a ``PatternRecognizer`` (regex + validation + deny lists, about
70 of them across locales) is instantiated with its defaults and run with
``analyze(text, entities, nlp_artifacts=None)``, which skips only the NLP context boost. The
email recognizer's tldextract is pointed at its bundled suffix list (no network here).
"""

from __future__ import annotations

import inspect
import logging
from importlib.metadata import version

from peer_base import CharToByte, PeerRun, timed


def pattern_recognizers() -> list[object]:
    """One instance of every predefined ``PatternRecognizer`` that builds with no arguments."""
    from presidio_analyzer import PatternRecognizer
    from presidio_analyzer import predefined_recognizers as pre

    _offline_tldextract()
    out: list[object] = []
    for _, cls in sorted(inspect.getmembers(pre, inspect.isclass)):
        if issubclass(cls, PatternRecognizer) and cls is not PatternRecognizer:
            try:
                out.append(cls())  # type: ignore[call-arg]
            except Exception:  # a recognizer needing arguments is left out
                continue
    return out


def _offline_tldextract() -> None:
    """The email recognizer checks domains with tldextract, which would try to download the
    public suffix list first; point it at the list bundled in the wheel instead."""
    import types

    import tldextract
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    email_recognizer.tldextract = types.SimpleNamespace(extract=offline)  # type: ignore[assignment, attr-defined]


class PresidioPatterns:
    name = "presidio (patterns)"
    slow = True

    def __init__(self) -> None:
        self.recognizers = pattern_recognizers()
        for r in self.recognizers:  # warm up (tldextract loads its bundled list once here)
            r.analyze("warm up a@example.org", entities=r.supported_entities, nlp_artifacts=None)  # type: ignore[attr-defined]

    def version(self) -> str:
        return f"{version('presidio-analyzer')}, {len(self.recognizers)} recognizers"

    def scan(self, data: bytes, runs: int) -> PeerRun:
        def once() -> list[object]:
            text = data.decode("utf-8", "replace")
            found: list[object] = []
            for r in self.recognizers:
                found += r.analyze(text, entities=r.supported_entities, nlp_artifacts=None)  # type: ignore[attr-defined]
            return found

        secs, found = timed(once, runs)
        to_byte = CharToByte(data.decode("utf-8", "replace"))
        spans = [(to_byte(f.start), to_byte(f.end)) for f in found]  # type: ignore[attr-defined]
        return PeerRun(secs, len(data), len(spans), spans, runs)
