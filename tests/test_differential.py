"""The Rust core and the pure-Python reference engine must agree on every input.

Hypothesis builds texts from corpus values (valid and invalid), keywords of every identifier,
ID-like digit runs, separators and non-ASCII characters, and both engines must return the
same detections (type, span, line, column).
"""

from __future__ import annotations

import macie_lite
import pytest
from corpus_cases import load_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from macie_lite import AllowList, CustomDataIdentifier, Scanner

_core = pytest.importorskip("macie_lite._core")

CORPUS = load_corpus()
VALUES = sorted(
    {v for doc in CORPUS.values() for e in doc.get("identifier", []) for v in e.get("valid", []) + e.get("invalid", [])}
)
KEYWORDS = sorted({k for m in macie_lite.managed_identifiers() for k in m.keywords})
SEPARATORS = [" ", "\n", ": ", ", ", "\t", "=", " - ", "/", "é", "€", "中文", '"', "\r\n"]

fragment = st.one_of(
    st.sampled_from(VALUES),
    st.sampled_from(KEYWORDS),
    st.sampled_from(SEPARATORS),
    st.from_regex(r"[0-9]{4,20}", fullmatch=True),
    st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True),
    st.text(alphabet="0123456789-. /+:", min_size=1, max_size=12),
)
texts = st.lists(fragment, min_size=1, max_size=40).map("".join)

CUSTOM = [
    CustomDataIdentifier(name="employee_id", regex=r"EMP-\d{4,6}", keywords=["employee"], ignore_words=["EMP-0000"]),
    CustomDataIdentifier(name="ticket", regex=r"(?i)tkt[0-9]{3}", maximum_match_distance=10, keywords=["ticket"]),
    CustomDataIdentifier(name="any_digits", regex=r"\d{5}$"),
]
ALLOW = [
    AllowList.from_words([v for v in VALUES[::7] if len(v) <= 90]),
    AllowList.from_regex(r"[0-9]{3}-[0-9]{2}-.*"),
]


@pytest.fixture(scope="module")
def engines() -> tuple[Scanner, Scanner]:
    kwargs = {"managed": "ALL", "custom": CUSTOM, "allow_lists": ALLOW}
    return Scanner(engine="rust", **kwargs), Scanner(engine="python", **kwargs)


def _shape(dets: list[macie_lite.Detection]) -> list[tuple[str, int, int, int, int]]:
    return [(d.type, d.start, d.end, d.line, d.column) for d in dets]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, context=st.lists(st.sampled_from([*KEYWORDS, "id", "value", "customerName"]), max_size=2))
def test_engines_agree(engines: tuple[Scanner, Scanner], text: str, context: list[str]) -> None:
    rust, python = engines
    data = text.encode("utf-8")
    assert _shape(rust.scan_bytes(data, context)) == _shape(python.scan_bytes(data, context))
    assert _shape(rust.scan_text(text, context)) == _shape(python.scan_text(text, context))


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(_core.validator_names())),
    data=st.one_of(
        st.sampled_from(VALUES).map(str.encode),
        st.binary(max_size=40),
        st.text(alphabet="0123456789ABCKXZ -./", max_size=30).map(str.encode),
        st.tuples(st.sampled_from(VALUES), st.integers(0, 40), st.sampled_from("0123456789X-")).map(
            lambda t: (t[0][: t[1]] + t[2] + t[0][t[1] + 1 :]).encode()
        ),
    ),
)
def test_validators_agree(name: str, data: bytes) -> None:
    from macie_lite._validators import VALIDATORS

    assert _core.validate(name, data) == VALIDATORS[name](data), name


def test_every_rust_validator_has_a_python_twin() -> None:
    from macie_lite._validators import VALIDATORS

    assert sorted(_core.validator_names()) == sorted(VALIDATORS)


@pytest.mark.parametrize("family", sorted(CORPUS))
def test_engines_agree_on_corpus_texts(engines: tuple[Scanner, Scanner], family: str) -> None:
    rust, python = engines
    doc = CORPUS[family]
    lines = []
    for e in doc.get("identifier", []):
        kw = e.get("keyword", "")
        lines += [f"{kw}: {v}" for v in e.get("valid", []) + e.get("invalid", [])]
    lines += [c["text"].replace("«", "").replace("»", "") for c in doc.get("case", [])]
    text = "\n".join(lines)
    assert _shape(rust.scan_text(text)) == _shape(python.scan_text(text))
