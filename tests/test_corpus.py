"""Every managed identifier against the shared corpus, on every engine.

Run one family: ``pytest tests/test_corpus.py -k financial``.
"""

from __future__ import annotations

import macie_lite
import pytest
from corpus_cases import Case, all_cases, load_corpus
from macie_lite import Scanner
from macie_lite.identifiers import managed_by_id

try:
    from macie_lite import _core
except ImportError:  # pragma: no cover
    _core = None

ENGINES = [
    "python",
    pytest.param("rust", marks=pytest.mark.skipif(_core is None, reason="extension not built")),
]
REQUIRED = {m.id: m.keywords_required for m in macie_lite.managed_identifiers()}
CASES = all_cases(REQUIRED)


@pytest.fixture(scope="module", params=ENGINES)
def scanner(request: pytest.FixtureRequest) -> Scanner:
    return Scanner(managed="ALL", engine=request.param)


def _spans(scanner: Scanner, case: Case) -> list[tuple[int, int]]:
    return [(d.start, d.end) for d in scanner.scan_text(case.text, context=case.context) if d.type == case.id]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(scanner: Scanner, case: Case) -> None:
    got = _spans(scanner, case)
    # Spans only, never the values: test output must not print sensitive-looking data.
    assert got == list(case.expected), f"{case.name}: expected spans {list(case.expected)}, got {got}"


def test_every_identifier_has_cases() -> None:
    corpus = load_corpus()
    entries = {e["id"]: e for doc in corpus.values() for e in doc.get("identifier", [])}
    missing, thin = [], []
    for ident in managed_by_id():
        e = entries.get(ident)
        if e is None:
            missing.append(ident)
        elif not e.get("valid") or not e.get("invalid"):
            thin.append(ident)
    assert not missing, f"identifiers without corpus entries: {missing}"
    assert not thin, f"identifiers without both valid and invalid values: {thin}"


def test_every_identifier_has_a_pattern() -> None:
    assert [m.id for m in macie_lite.managed_identifiers() if not m.patterns] == []


def test_keyword_required_entries_name_a_real_keyword() -> None:
    table = managed_by_id()
    for doc in load_corpus().values():
        for e in doc.get("identifier", []):
            m = table[e["id"]]
            if m.keywords_required:
                assert e.get("keyword"), f"{m.id}: keyword-required identifier needs a keyword in the corpus"
                assert e["keyword"].lower() in {k.lower() for k in m.keywords}, f"{m.id}: not one of its keywords"
