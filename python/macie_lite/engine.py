"""The Scanner: a selection of identifiers compiled into an engine, and what it returns.

A Scanner is immutable after construction and safe to share between threads; the Rust
engine releases the GIL while it scans, so threads scanning different buffers run in
parallel. ``engine="python"`` selects the pure-Python reference engine (same results, slow).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from . import _reference, masking
from .allow_lists import AllowList
from .errors import InvalidIdentifierError
from .identifiers import (
    CustomDataIdentifier,
    IdentifierInfo,
    ManagedIdentifier,
    Plan,
    build_plan,
    select_managed,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .scan import ObjectResult

try:
    from . import _core
except ImportError:  # pragma: no cover - exercised only where the wheel could not be built
    _core = None  # type: ignore[assignment]

EngineName = Literal["auto", "rust", "python"]


class Detection:
    """One detected value. Holds no copy of it: ``text[d.start:d.end]`` is the value, and
    ``repr(d)`` never shows it."""

    __slots__ = ("category", "column", "end", "line", "start", "type")

    def __init__(self, type: str, category: str, start: int, end: int, line: int, column: int) -> None:
        self.type = type
        self.category = category
        self.start = start
        self.end = end
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return (
            f"Detection(type={self.type!r}, start={self.start}, end={self.end}, line={self.line}, column={self.column})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Detection):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[str, str, int, int, int, int]:
        return (self.type, self.category, self.start, self.end, self.line, self.column)


class Explanation:
    """Why one candidate was or was not reported (``Scanner.explain``)."""

    __slots__ = ("end", "pattern", "reason", "reported", "start", "type")

    def __init__(self, type: str, pattern: str, start: int, end: int, reported: bool, reason: str) -> None:
        self.type = type
        self.pattern = pattern
        self.start = start
        self.end = end
        self.reported = reported
        self.reason = reason

    def __repr__(self) -> str:
        verdict = "reported" if self.reported else "dropped"
        return f"Explanation({self.type} [{self.start}:{self.end}] {verdict}: {self.reason})"


class Scanner:
    """Finds sensitive data with Macie's managed identifiers, custom identifiers and allow lists.

    ``managed``: "RECOMMENDED" (Macie's default), "ALL", "NONE" or a list of IDs to include;
    ``exclude``: IDs to drop from that selection.
    """

    def __init__(
        self,
        managed: str | Iterable[str] = "RECOMMENDED",
        exclude: Iterable[str] = (),
        custom: Sequence[CustomDataIdentifier] = (),
        allow_lists: Sequence[AllowList] = (),
        engine: EngineName = "auto",
    ) -> None:
        managed = managed if isinstance(managed, str) else list(managed)
        exclude = list(exclude)
        # The constructor's arguments, picklable: Dask workers rebuild the same Scanner from them.
        self._args: dict[str, Any] = {
            "managed": managed,
            "exclude": exclude,
            "custom": list(custom),
            "allow_lists": list(allow_lists),
            "engine": engine,
        }
        self.managed: list[ManagedIdentifier] = select_managed(managed, exclude)
        self.custom = list(custom)
        for c in self.custom:
            if not isinstance(c, CustomDataIdentifier):
                raise InvalidIdentifierError("custom: expected CustomDataIdentifier objects")
        self.allow_lists = list(allow_lists)
        words = [w for a in self.allow_lists for w in a.words]
        regexes = [a.regex for a in self.allow_lists if a.regex is not None]
        self.plan: Plan = build_plan(self.managed, self.custom, words, regexes)
        self._ident: list[IdentifierInfo] = [self.plan.identifiers[p.identifier] for p in self.plan.patterns]
        self._reference: _reference.ReferenceEngine | None = None
        self._rust: Any = None
        if engine == "python" or (engine == "auto" and _core is None):
            self._reference = _reference.ReferenceEngine(self.plan)
            self.engine: str = "python"
        elif engine in ("rust", "auto"):
            if _core is None:
                raise InvalidIdentifierError("engine: the Rust extension is not available")
            try:
                self._rust = _core.Engine(
                    [list(g) for g in self.plan.keyword_groups],
                    [p.as_dict() for p in self.plan.patterns],
                    list(self.plan.allow_words),
                    list(self.plan.allow_regexes),
                )
            except _core.EngineError as exc:
                raise InvalidIdentifierError(str(exc)) from None
            self.engine = "rust"
        else:
            raise InvalidIdentifierError(f"engine: expected 'auto', 'rust' or 'python', got {engine!r}")

    def __repr__(self) -> str:
        return (
            f"Scanner(managed={len(self.managed)} identifiers, custom={len(self.custom)}, "
            f"allow_lists={len(self.allow_lists)}, engine={self.engine!r})"
        )

    @property
    def identifiers(self) -> list[IdentifierInfo]:
        """The selected identifiers (managed, then custom) with their categories."""
        return list(self.plan.identifiers)

    # -- scans -------------------------------------------------------------------------------

    def _make(self, found: Iterable[tuple[int, int, int, int, int]]) -> list[Detection]:
        ident = self._ident
        return [Detection(ident[p].type, ident[p].category, s, e, line, col) for p, s, e, line, col in found]

    def _reference_scan(self, data: bytes, context: Sequence[str], char_offsets: bool) -> list[Detection]:
        ref = self._reference or _reference.ReferenceEngine(self.plan)
        raw = ref.scan(data, context)
        pos = _reference.positions(data, [o for _, s, e in raw for o in (s, e)])
        return self._make(
            (
                p,
                pos[2 * i][0] if char_offsets else s,
                pos[2 * i + 1][0] if char_offsets else e,
                pos[2 * i][1],
                pos[2 * i][2],
            )
            for i, (p, s, e) in enumerate(raw)
        )

    def scan_bytes(self, data: bytes | bytearray | memoryview, context: Sequence[str] = ()) -> list[Detection]:
        """Detections in ``data`` with byte offsets, ordered by start. ``context`` holds
        structured-context words (a column name, a JSON key path) that count as keywords."""
        buf = data if isinstance(data, bytes) else bytes(data)
        if self._rust is not None:
            return self._make(self._rust.scan(buf, list(context) if context else None))
        return self._reference_scan(buf, context, char_offsets=False)

    def scan_many(self, segments: Sequence[tuple[bytes, Sequence[str]]]) -> list[list[Detection]]:
        """Scans many ``(data, context)`` segments in one call (byte offsets per segment):
        one crossing into the core for a whole batch of cells, records or lines."""
        out: list[list[Detection]] = [[] for _ in segments]
        if self._rust is not None:
            ident = self._ident
            found = self._rust.scan_many([d for d, _ in segments], [list(c) for _, c in segments])
            for i, (p, s, e, line, col) in found:
                out[i].append(Detection(ident[p].type, ident[p].category, s, e, line, col))
            return out
        for i, (data, context) in enumerate(segments):
            out[i] = self._reference_scan(data, context, char_offsets=False)
        return out

    def scan_text(self, text: str, context: Sequence[str] = ()) -> list[Detection]:
        """Detections in ``text`` with ``str`` indices, ordered by start."""
        if self._rust is not None:
            try:
                return self._make(self._rust.scan_str(text, list(context) if context else None))
            except UnicodeEncodeError:  # lone surrogates: scan their UTF-8-like bytes instead
                pass
        return (
            self._reference_scan(text.encode("utf-8", "surrogatepass"), context, char_offsets=True)
            if self._rust is None
            else self._surrogate_scan(text, context)
        )

    def _surrogate_scan(self, text: str, context: Sequence[str]) -> list[Detection]:
        data = text.encode("utf-8", "surrogatepass")
        found = self._rust.scan(data, list(context))
        pos = _reference.positions(data, [o for _, s, e, _, _ in found for o in (s, e)])
        return self._make(
            (p, pos[2 * i][0], pos[2 * i + 1][0], line, col) for i, (p, _s, _e, line, col) in enumerate(found)
        )

    def mask(
        self,
        text: str,
        *,
        char: str = "*",
        keep_last: int = 0,
        tag: bool = False,
        context: Sequence[str] = (),
    ) -> str:
        """``text`` with every detection replaced: by ``char`` (keeping the last ``keep_last``
        characters, never more than half of a value) or, with ``tag``, by ``[TYPE]``."""
        style = masking.MaskStyle(char=char, keep_last=keep_last, tag=tag)
        spans = [(d.start, d.end, d.type) for d in self.scan_text(text, context)]
        return masking.apply(text, spans, style)

    def explain(self, text: str | bytes, context: Sequence[str] = ()) -> list[Explanation]:
        """Every candidate any pattern found, with the decision and its reason.

        Offsets are byte offsets for ``bytes`` input and ``str`` indices for ``str`` input."""
        ref = self._reference or _reference.ReferenceEngine(self.plan)
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
        cands = ref.explain(data, context)
        if isinstance(text, str):
            pos = _reference.positions(data, [o for c in cands for o in (c.start, c.end)])
            spans = [(pos[2 * i][0], pos[2 * i + 1][0]) for i in range(len(cands))]
        else:
            spans = [(c.start, c.end) for c in cands]
        return [
            Explanation(self._ident[c.pattern].type, self.plan.patterns[c.pattern].name, s, e, c.reported, c.reason)
            for c, (s, e) in zip(cands, spans)
        ]

    def scan(self, target: str, *, cluster: Any = None, **options: Any) -> Iterator[ObjectResult]:
        """Scans a file, a directory or ``s3://bucket/prefix``: one result per object. With
        ``cluster`` (a dask ``Client``, a scheduler address or ``local:N``) the objects are scanned
        on Dask workers (see :func:`macie_lite.cluster.scan_cluster` for the options)."""
        if cluster is not None:
            from .cluster import scan_cluster

            return scan_cluster(self._args, [target], cluster=cluster, ordered=True, **options)
        from .scan import scan_target

        return scan_target(self, target, **options)
