"""Reads the engine-independent identifier corpus (tests/corpus/*.toml) into test cases.

Each case is a text, optional structured context, an identifier ID, and the exact spans
(``str`` indices) where that identifier must be detected. See docs/IDENTIFIERS.md.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = Path(__file__).parent / "corpus"
FILLER = "zz " * 14  # 42 characters with no keyword in it
OPEN, CLOSE = "«", "»"


@dataclass(frozen=True)
class Case:
    name: str
    family: str
    id: str
    text: str
    expected: tuple[tuple[int, int], ...]
    context: tuple[str, ...] = ()


def load_corpus() -> dict[str, dict[str, Any]]:
    """Family name -> parsed TOML."""
    return {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.toml"))}


def parse_marked(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Removes « » marks and returns the plain text and the marked spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start = None
    n = 0
    for ch in text:
        if ch == OPEN:
            start = n
        elif ch == CLOSE:
            assert start is not None, "» without «"
            spans.append((start, n))
            start = None
        else:
            out.append(ch)
            n += 1
    assert start is None, "« without »"
    return "".join(out), tuple(spans)


def _alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def generated_cases(family: str, entry: dict[str, Any], keywords_required: bool) -> list[Case]:
    """The cases docs/IDENTIFIERS.md promises for one ``[[identifier]]`` entry."""
    ident = entry["id"]
    kw = entry.get("keyword")
    e0, e1 = entry.get("embed", ["Q", "Q"])
    cases: list[Case] = []

    def add(label: str, text: str, expected: tuple[tuple[int, int], ...], context: tuple[str, ...] = ()) -> None:
        cases.append(Case(f"{family}:{ident}:{label}", family, ident, text, expected, context))

    for i, v in enumerate(entry.get("valid", [])):
        if kw:
            prefix = f"{kw}: "
            add(f"valid{i}", prefix + v, ((len(prefix), len(prefix) + len(v)),))
            add(f"valid{i}-keyword-after", f"{v} {kw}", ((0, len(v)),))
        else:
            add(f"valid{i}", f"{v}\n", ((0, len(v)),))
        if keywords_required:
            add(f"valid{i}-no-keyword", f"{v}\n", ())
            add(f"valid{i}-context", v, ((0, len(v)),), context=(str(kw),))
            add(f"valid{i}-keyword-too-far-before", f"{kw} {FILLER}{v}", ())
            add(f"valid{i}-keyword-too-far-after", f"{v} {FILLER}{kw}", ())
            if kw and (_alnum(kw[0]) or _alnum(kw[-1])):
                add(f"valid{i}-keyword-inside-word", f"x{kw}x {v}", ())
        if _alnum(v[0]) and _alnum(v[-1]):
            pre = f"{kw}: " if kw else ""
            add(f"valid{i}-inside-token", f"{pre}{e0}{v}{e1}", ())
    for i, v in enumerate(entry.get("invalid", [])):
        pre = f"{kw}: " if kw else ""
        add(f"invalid{i}", pre + v, ())
    return cases


def all_cases(keywords_required: dict[str, bool]) -> list[Case]:
    cases: list[Case] = []
    for family, doc in load_corpus().items():
        for entry in doc.get("identifier", []):
            cases += generated_cases(family, entry, keywords_required.get(entry["id"], False))
        for n, c in enumerate(doc.get("case", [])):
            text, spans = parse_marked(c["text"])
            cases.append(Case(f"{family}:{c['id']}:case{n}", family, c["id"], text, spans, tuple(c.get("context", ()))))
    return cases
