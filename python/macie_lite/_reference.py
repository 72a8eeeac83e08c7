"""The pure-Python reference engine: the matching semantics written plainly.

Same inputs (a :class:`~macie_lite.identifiers.Plan`) and same outputs as the Rust core, but
with no windows and no shortcuts: every pattern runs over the whole buffer and every
candidate is judged on its own. It is the oracle of the differential tests, the engine behind
``--explain``, and the fallback when the extension cannot be loaded. Slow by design.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick
import regex

from ._validators import VALIDATORS
from .identifiers import Plan, PlanPattern

_ASCII_LOWER = {c: c + 32 for c in range(65, 91)}


def ascii_lower(s: str) -> str:
    """Lower-cases ASCII letters only (the engine's keyword case folding)."""
    return s.translate(_ASCII_LOWER)


def is_token_byte(b: int) -> bool:
    return (48 <= b <= 57) or (65 <= b <= 90) or (97 <= b <= 122)


def variants(keyword: str) -> list[str]:
    """Spellings a keyword is searched under (twin of ``keywords::variants``)."""
    base = keyword.strip()
    forms = [ascii_lower(base)]
    upper = ascii_lower(base.upper())
    if upper != forms[0]:
        forms.append(upper)
    out: list[str] = []
    for f in forms:
        if " " in f:
            out += [f.replace(" ", ""), f.replace(" ", "_"), f.replace(" ", "-")]
        out.append(f)
    return sorted({v for v in out if v})


def normalize_context(ctx: str) -> str:
    """Structured context as keyword text (twin of ``keywords::normalize_context``)."""
    out: list[str] = []
    prev = ""
    for c in ctx:
        if "A" <= c <= "Z" and prev and (("a" <= prev <= "z") or ("0" <= prev <= "9")):
            out.append(" ")
        out.append(" " if c in "_-.$[]/'\"" else ascii_lower(c))
        prev = c
    return "".join(out)


def whole_word(hay: bytes, s: int, e: int) -> bool:
    left = s == 0 or not is_token_byte(hay[s]) or not is_token_byte(hay[s - 1])
    right = e >= len(hay) or not is_token_byte(hay[e - 1]) or not is_token_byte(hay[e])
    return left and right


boundary_ok = whole_word


def chars_between(hay: bytes, a: int, b: int) -> int:
    """Code points in ``hay[a:b]``: bytes that are not UTF-8 continuation bytes."""
    if a >= b:
        return 0
    return sum(1 for x in hay[a:b] if (x & 0xC0) != 0x80)


def translate_dollar(pattern: str) -> str:
    """``$`` means end of input in the Rust dialect; Python's ``$`` also matches before a final
    newline, so rewrite unescaped ``$`` outside classes to ``\\Z``."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                out.append("[^")
                i += 2
                if pattern[i : i + 1] == "]":
                    out.append("]")
                    i += 1
                continue
            if pattern[i + 1 : i + 2] == "]":
                out.append("[]")
                i += 2
                continue
        elif c == "$":
            out.append(r"\Z")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def compile_bytes(pattern: str) -> Any:
    return regex.compile(translate_dollar(pattern).encode("utf-8"))


ALLOWED = "on an allow list"


def alnum_only(m: bytes) -> bytes:
    return bytes(b for b in m if is_token_byte(b))


def fold(text: bytes) -> str:
    return text.decode("utf-8", "replace").lower()


@dataclass(frozen=True)
class Candidate:
    """One candidate and what the engine decided about it (for ``--explain``)."""

    pattern: int
    start: int
    end: int
    reported: bool
    reason: str


class ReferenceEngine:
    """Plain, slow, obviously-correct matching over a plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._patterns: list[tuple[PlanPattern, Any, Callable[[bytes], bool] | None, set[bytes]]] = []
        for p in plan.patterns:
            validator = None
            if p.validator is not None:
                if p.validator not in VALIDATORS:
                    raise ValueError(f"{p.name}: unknown validator {p.validator!r}")
                validator = VALIDATORS[p.validator]
            never = {alnum_only(v.encode("utf-8")) for v in p.never_report}
            self._patterns.append((p, compile_bytes(p.regex), validator, never))
        self._automaton: Any = None
        self._groups_of: list[list[int]] = []
        ids: dict[str, int] = {}
        for g, words in enumerate(plan.keyword_groups):
            for kw in words:
                for v in variants(kw):
                    key = v.encode("utf-8").decode("latin-1")
                    if key not in ids:
                        ids[key] = len(self._groups_of)
                        self._groups_of.append([])
                    if g not in self._groups_of[ids[key]]:
                        self._groups_of[ids[key]].append(g)
        if ids:
            self._automaton = ahocorasick.Automaton()
            for key, i in ids.items():
                self._automaton.add_word(key, (i, len(key)))
            self._automaton.make_automaton()
        self._allow_words = {fold(w.encode("utf-8")) for w in plan.allow_words}
        self._allow_regexes = [compile_bytes(r) for r in plan.allow_regexes]

    # -- keywords ------------------------------------------------------------------------------

    def keyword_hits(self, hay: bytes) -> list[list[tuple[int, int]]]:
        hits: list[list[tuple[int, int]]] = [[] for _ in self.plan.keyword_groups]
        if self._automaton is None:
            return hits
        text = hay.lower().decode("latin-1")
        for end_idx, (i, length) in self._automaton.iter(text):
            s, e = end_idx + 1 - length, end_idx + 1
            if not whole_word(hay, s, e):
                continue
            for g in self._groups_of[i]:
                hits[g].append((s, e))
        for h in hits:
            h.sort()
        return hits

    def context_groups(self, contexts: Sequence[str]) -> list[bool]:
        seen = [False] * len(self.plan.keyword_groups)
        for ctx in contexts:
            for text in (ctx, normalize_context(ctx)):
                for g, h in enumerate(self.keyword_hits(text.encode("utf-8"))):
                    if h:
                        seen[g] = True
        return seen

    @staticmethod
    def near(hay: bytes, hits: list[tuple[int, int]], s: int, e: int, p: PlanPattern) -> tuple[int, int] | None:
        d = p.distance
        if p.proximity == "around":
            for ks, ke in hits:
                if ke <= s:
                    if chars_between(hay, ke, s) <= d:
                        return (ks, ke)
                elif ks >= e:
                    if chars_between(hay, e, ks) <= d:
                        return (ks, ke)
                else:
                    return (ks, ke)
            return None
        for ks, ke in hits:
            if ke <= s and chars_between(hay, ke, e) <= d:
                return (ks, ke)
        return None

    # -- candidates ----------------------------------------------------------------------------

    @staticmethod
    def candidates(p: PlanPattern, compiled: Any, hay: bytes) -> list[tuple[int, int]]:
        overlapped = p.scan == "tokens"
        return [m.span() for m in compiled.finditer(hay, overlapped=overlapped) if m.end() > m.start()]

    def judge(
        self,
        hay: bytes,
        index: int,
        s: int,
        e: int,
        hits: list[tuple[int, int]],
        in_context: bool,
    ) -> str | None:
        """None when the candidate is reported, else the reason it is not."""
        p, _compiled, validator, never = self._patterns[index]
        m = hay[s:e]
        if p.scan != "plain" and not boundary_ok(hay, s, e):
            return "part of a longer token"
        if validator is not None and not validator(m):
            return f"validator {p.validator} failed"
        if never and alnum_only(m) in never:
            return "a documented example value that Macie never reports"
        if p.keyword_rule != "none":
            kw = "structured context" if in_context else self.near(hay, hits, s, e, p)
            if p.keyword_rule == "required" and kw is None:
                return "no keyword within the distance"
            if p.keyword_rule == "absent" and kw is not None:
                return "a keyword is near (reported under the keyword variant instead)"
        for w in p.ignore_words:
            if w.encode("utf-8") in m:
                return "contains an ignore word"
        if not p.allow_exempt and (
            (self._allow_words and fold(m) in self._allow_words) or any(r.fullmatch(m) for r in self._allow_regexes)
        ):
            return ALLOWED
        return None

    def explain(self, hay: bytes, contexts: Sequence[str] = ()) -> list[Candidate]:
        """Every candidate with its decision, ordered by start."""
        hits = self.keyword_hits(hay)
        ctx = self.context_groups(contexts) if contexts else [False] * len(hits)
        out: list[Candidate] = []
        for i, (p, compiled, _v, _n) in enumerate(self._patterns):
            g = p.keyword_group
            for s, e in self.candidates(p, compiled, hay):
                why = self.judge(hay, i, s, e, hits[g], ctx[g])
                out.append(Candidate(i, s, e, why is None, why or "reported"))
        survivors = [(c.pattern, c.start, c.end, not c.reported) for c in out if c.reported or c.reason == ALLOWED]
        kept = set(self._resolve(survivors))
        final = []
        for c in out:
            if c.reported and (c.pattern, c.start, c.end) not in kept:
                c = Candidate(c.pattern, c.start, c.end, False, "overlaps an earlier detection of the same type")
            final.append(c)
        final.sort(key=lambda c: (c.start, c.end, c.pattern))
        return final

    def scan(self, hay: bytes, contexts: Sequence[str] = ()) -> list[tuple[int, int, int]]:
        """Detections as ``(pattern, start, end)``, ordered by (start, end, identifier)."""
        hits = self.keyword_hits(hay)
        ctx = self.context_groups(contexts) if contexts else [False] * len(hits)
        found: list[tuple[int, int, int, bool]] = []
        for i, (p, compiled, _v, _n) in enumerate(self._patterns):
            g = p.keyword_group
            if p.keyword_rule == "required" and not ctx[g] and not hits[g]:
                continue
            for s, e in self.candidates(p, compiled, hay):
                why = self.judge(hay, i, s, e, hits[g], ctx[g])
                if why is None or why == ALLOWED:
                    found.append((i, s, e, why == ALLOWED))
        return self._resolve(found)

    def _resolve(self, found: list[tuple[int, int, int, bool]]) -> list[tuple[int, int, int]]:
        """Per identifier, the earliest then longest of overlapping candidates wins; allow-listed
        ones (flag true) cover what they overlap but are not returned."""
        ident = [p.identifier for p in self.plan.patterns]
        found.sort(key=lambda d: (ident[d[0]], d[1], -d[2], d[0]))
        kept: list[tuple[int, int, int]] = []
        last: tuple[int, int] | None = None
        for p, s, e, allowed in found:
            if last is not None and last[0] == ident[p] and s < last[1]:
                continue
            last = (ident[p], e)
            if not allowed:
                kept.append((p, s, e))
        kept.sort(key=lambda d: (d[1], d[2], ident[d[0]], d[0]))
        return kept


def positions(hay: bytes, offsets: Sequence[int]) -> list[tuple[int, int, int]]:
    """``(char_index, line, column)`` of each byte offset (twin of ``offsets::positions``)."""
    order = sorted(range(len(offsets)), key=lambda i: offsets[i])
    out: list[tuple[int, int, int]] = [(0, 1, 1)] * len(offsets)
    at = chars = 0
    line, line_start = 1, 0
    for i in order:
        target = min(offsets[i], len(hay))
        for b in hay[at:target]:
            if (b & 0xC0) != 0x80:
                chars += 1
            if b == 10:
                line += 1
                line_start = chars
        at = target
        out[i] = (chars, line, chars - line_start + 1)
    return out


__all__ = ["Candidate", "ReferenceEngine", "positions"]
