"""Identifier definitions: load the managed ones from data, check custom ones, select, plan.

The managed identifiers live in ``identifiers/`` (catalog, keywords, one TOML of patterns per
family). A :class:`Plan` is the selection compiled into plain values that both engines (the
Rust core and the pure-Python reference) are built from, so they cannot disagree on input.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import InvalidIdentifierError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Category = Literal["CREDENTIALS", "FINANCIAL_INFORMATION", "PERSONAL_INFORMATION", "CUSTOM_IDENTIFIER"]

#: Macie's keyword proximity for managed identifiers, in characters.
MANAGED_DISTANCE = 30
#: Custom data identifier limits (Macie's CreateCustomDataIdentifier).
CDI_NAME_MAX = 128
CDI_REGEX_MAX = 512
CDI_KEYWORDS_MAX = 50
CDI_KEYWORD_LEN = (3, 90)
CDI_IGNORE_MAX = 10
CDI_IGNORE_LEN = (4, 90)
CDI_DISTANCE = (1, 300)
CDI_DISTANCE_DEFAULT = 50
SEVERITIES = ("LOW", "MEDIUM", "HIGH")


def data_path() -> Path:
    """Where the identifier data files are (inside the installed package)."""
    return Path(__file__).resolve().parent / "identifiers"


@dataclass(frozen=True)
class PatternDef:
    """One ``[[pattern]]`` table of a family TOML."""

    id: str
    regex: str
    label: str = ""
    validator: str | None = None
    keywords: str | None = None
    keywords_of: str | None = None
    scan: str = "tokens"
    never_report: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    anchor_digits: int = 0
    run_requires: tuple[tuple[str, int], ...] = ()
    family: str = ""


@dataclass(frozen=True)
class ManagedIdentifier:
    """A managed data identifier: Macie's metadata plus how macie-lite finds it."""

    id: str
    category: Category
    subcategory: str
    name: str
    keywords_required: bool
    keywords: tuple[str, ...]
    countries: tuple[str, ...]
    recommended: bool
    source: str
    patterns: tuple[PatternDef, ...] = ()

    def __repr__(self) -> str:
        return f"ManagedIdentifier({self.id!r}, category={self.category!r})"


@dataclass(frozen=True)
class SeverityLevel:
    """A custom identifier severity threshold: ``occurrences_threshold`` or more gives ``severity``."""

    occurrences_threshold: int
    severity: str


_LOOKAROUND = re.compile(r"\(\?<?[=!]")
_BACKREF = re.compile(r"\\(?:[1-9]|k<|k'|k\{|g\{|g[1-9]|g<)|\(\?P=")


def _unsupported_construct(pattern: str) -> str | None:
    """Macie refuses these constructs; so does the linear-time engine. Returns why, or None."""
    # Drop escaped backslashes first so `\\1` (a literal backslash then 1) is not a backreference.
    stripped = pattern.replace("\\\\", "")
    if _LOOKAROUND.search(stripped):
        return "look-ahead and look-behind assertions are not supported"
    if _BACKREF.search(stripped):
        return "backreferences are not supported"
    if "(?>" in stripped:
        return "atomic groups are not supported"
    if re.search(r"[*+?}]\+", stripped):
        return "possessive quantifiers are not supported"
    if "(?R)" in stripped or re.search(r"\(\?[0-9]", stripped):
        return "recursion is not supported"
    return None


def check_regex(pattern: str, field_name: str, owner: str) -> None:
    """Refuses a regex that Macie or the engine would not accept, naming the field."""
    why = _unsupported_construct(pattern)
    if why is None:
        why = _engine_regex_error(pattern)
    if why is not None:
        raise InvalidIdentifierError(f"{owner}: {field_name}: {why}")


def _engine_regex_error(pattern: str) -> str | None:
    try:
        from . import _core
    except ImportError:  # the reference engine compiles it instead
        import regex

        try:
            regex.compile(pattern.encode("utf-8"))
        except regex.error as exc:
            return str(exc)
        return None
    try:
        _core.check_regex(pattern)
    except _core.PatternError as exc:
        return str(exc)
    return None


@dataclass(frozen=True)
class CustomDataIdentifier:
    """A custom data identifier with Amazon Macie's semantics and limits.

    Keywords must precede a match, within ``maximum_match_distance`` characters of its end;
    a match containing an ignore word (case-sensitive) is dropped.
    """

    name: str
    regex: str
    keywords: Sequence[str] = ()
    ignore_words: Sequence[str] = ()
    maximum_match_distance: int = CDI_DISTANCE_DEFAULT
    severity_levels: Sequence[SeverityLevel] = ()
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "keywords", tuple(self.keywords))
        object.__setattr__(self, "ignore_words", tuple(self.ignore_words))
        levels = tuple(
            lv if isinstance(lv, SeverityLevel) else _severity_from_json(lv, self.name) for lv in self.severity_levels
        )
        object.__setattr__(self, "severity_levels", levels)
        self._check()

    def _check(self) -> None:
        owner = f"custom data identifier {self.name!r}"
        bad = InvalidIdentifierError
        if not isinstance(self.name, str) or not 1 <= len(self.name) <= CDI_NAME_MAX:
            raise bad(f"custom data identifier: name: must be 1-{CDI_NAME_MAX} characters")
        if not isinstance(self.regex, str) or not 1 <= len(self.regex) <= CDI_REGEX_MAX:
            raise bad(f"{owner}: regex: must be 1-{CDI_REGEX_MAX} characters")
        if len(self.description) > 512:
            raise bad(f"{owner}: description: must be at most 512 characters")
        if len(self.keywords) > CDI_KEYWORDS_MAX:
            raise bad(f"{owner}: keywords: at most {CDI_KEYWORDS_MAX} keywords")
        lo, hi = CDI_KEYWORD_LEN
        for i, kw in enumerate(self.keywords):
            if not isinstance(kw, str) or not lo <= len(kw) <= hi:
                raise bad(f"{owner}: keywords[{i}]: each keyword must be {lo}-{hi} characters")
        if len(self.ignore_words) > CDI_IGNORE_MAX:
            raise bad(f"{owner}: ignoreWords: at most {CDI_IGNORE_MAX} ignore words")
        lo, hi = CDI_IGNORE_LEN
        for i, w in enumerate(self.ignore_words):
            if not isinstance(w, str) or not lo <= len(w) <= hi:
                raise bad(f"{owner}: ignoreWords[{i}]: each ignore word must be {lo}-{hi} characters")
        lo, hi = CDI_DISTANCE
        dist = self.maximum_match_distance
        if isinstance(dist, bool) or not isinstance(dist, int) or not lo <= dist <= hi:
            raise bad(f"{owner}: maximumMatchDistance: must be an integer from {lo} to {hi}")
        _check_severity_levels(self.severity_levels, owner)
        check_regex(self.regex, "regex", owner)

    def severity_for(self, count: int) -> str | None:
        """Macie's rule: Medium without levels; else the highest level reached; None below all."""
        if not self.severity_levels:
            return "MEDIUM" if count >= 1 else None
        reached = [lv for lv in self.severity_levels if count >= lv.occurrences_threshold]
        return max(reached, key=lambda lv: lv.occurrences_threshold).severity if reached else None

    @classmethod
    def from_macie_json(cls, body: dict[str, Any]) -> CustomDataIdentifier:
        """Builds one from a CreateCustomDataIdentifier request body (camelCase keys)."""
        if not isinstance(body, dict):
            raise InvalidIdentifierError("custom data identifier: expected a JSON object")
        known = {
            "name",
            "regex",
            "keywords",
            "ignoreWords",
            "maximumMatchDistance",
            "severityLevels",
            "description",
            "tags",
            "clientToken",
        }
        unknown = sorted(set(body) - known)
        if unknown:
            raise InvalidIdentifierError(f"custom data identifier: unknown field {unknown[0]!r}")
        for req in ("name", "regex"):
            if req not in body:
                raise InvalidIdentifierError(f"custom data identifier: {req}: required")
        return cls(
            name=body["name"],
            regex=body["regex"],
            keywords=body.get("keywords") or (),
            ignore_words=body.get("ignoreWords") or (),
            maximum_match_distance=body.get("maximumMatchDistance", CDI_DISTANCE_DEFAULT),
            severity_levels=body.get("severityLevels") or (),
            description=body.get("description") or "",
        )


def _severity_from_json(level: Any, name: str) -> SeverityLevel:
    owner = f"custom data identifier {name!r}"
    if not isinstance(level, dict) or set(level) != {"occurrencesThreshold", "severity"}:
        raise InvalidIdentifierError(f"{owner}: severityLevels: each level is {{occurrencesThreshold, severity}}")
    return SeverityLevel(level["occurrencesThreshold"], level["severity"])


def _check_severity_levels(levels: Sequence[SeverityLevel], owner: str) -> None:
    if len(levels) > 3:
        raise InvalidIdentifierError(f"{owner}: severityLevels: at most 3 levels")
    seen: set[str] = set()
    for lv in levels:
        t = lv.occurrences_threshold
        if isinstance(t, bool) or not isinstance(t, int) or t < 1:
            raise InvalidIdentifierError(f"{owner}: severityLevels: occurrencesThreshold must be an integer >= 1")
        if lv.severity not in SEVERITIES:
            raise InvalidIdentifierError(f"{owner}: severityLevels: severity must be LOW, MEDIUM or HIGH")
        if lv.severity in seen:
            raise InvalidIdentifierError(f"{owner}: severityLevels: {lv.severity} appears twice")
        seen.add(lv.severity)
    ordered = sorted(levels, key=lambda lv: SEVERITIES.index(lv.severity))
    thresholds = [lv.occurrences_threshold for lv in ordered]
    if thresholds != sorted(set(thresholds)):
        raise InvalidIdentifierError(
            f"{owner}: severityLevels: thresholds must ascend with severity (LOW < MEDIUM < HIGH)"
        )


def load_custom_identifiers(path: str | Path) -> list[CustomDataIdentifier]:
    """Reads a JSON file holding one CreateCustomDataIdentifier body or a list of them."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidIdentifierError(f"{path}: cannot read custom identifiers: {exc}") from None
    bodies = doc if isinstance(doc, list) else [doc]
    return [CustomDataIdentifier.from_macie_json(b) for b in bodies]


# ---------------------------------------------------------------------------------------------
# Managed identifiers from data


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _anchors(root: Path, raw: dict[str, Any]) -> tuple[str, ...]:
    """A pattern's anchor words: listed inline and/or read from a gazetteer file."""
    words = list(raw.get("anchors", ()))
    if "anchors_file" in raw:
        for line in (root / raw["anchors_file"]).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.append(line)
    return tuple(words)


@functools.lru_cache(maxsize=1)
def _load_managed() -> tuple[ManagedIdentifier, ...]:
    root = data_path()
    keywords: dict[str, list[str]] = {}
    for row in _read_tsv(root / "keywords.tsv"):
        keywords.setdefault(row["id"], []).append(row["keyword"])
    patterns: dict[str, list[PatternDef]] = {}
    for toml_path in sorted(root.glob("*.toml")):
        doc = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        for raw in doc.get("pattern", []):
            pdef = PatternDef(
                id=raw["id"],
                regex=raw["regex"],
                label=raw.get("label", ""),
                validator=raw.get("validator"),
                keywords=raw.get("keywords"),
                keywords_of=raw.get("keywords_of"),
                scan=raw.get("scan", "tokens"),
                never_report=tuple(raw.get("never_report", ())),
                anchors=_anchors(root, raw),
                anchor_digits=int(raw.get("anchor_digits", 0)),
                run_requires=tuple((str(text), int(count)) for text, count in raw.get("run_requires", ())),
                family=toml_path.stem,
            )
            patterns.setdefault(pdef.id, []).append(pdef)
    out = []
    for row in _read_tsv(root / "catalog.tsv"):
        ident = row["id"]
        out.append(
            ManagedIdentifier(
                id=ident,
                category=row["category"],  # type: ignore[arg-type]
                subcategory=row["subcategory"],
                name=row["name"],
                keywords_required=row["keywords_required"] == "yes",
                keywords=tuple(keywords.get(ident, ())),
                countries=tuple(c for c in row["countries"].split("|") if c),
                recommended=row["recommended"] == "yes",
                source=row["source"],
                patterns=tuple(patterns.get(ident, ())),
            )
        )
    return tuple(out)


def managed_identifiers() -> list[ManagedIdentifier]:
    """Every managed identifier: Macie's 166 plus the CloudWatch Logs extras."""
    return list(_load_managed())


def managed_by_id() -> dict[str, ManagedIdentifier]:
    return {m.id: m for m in _load_managed()}


def select_managed(
    managed: str | Iterable[str] = "RECOMMENDED", exclude: Iterable[str] = ()
) -> list[ManagedIdentifier]:
    """Macie's job selection: ALL, RECOMMENDED, NONE or an include list, minus ``exclude``."""
    table = managed_by_id()
    excluded = list(exclude)
    for ident in excluded:
        if ident not in table:
            raise InvalidIdentifierError(f"exclude: unknown managed data identifier {ident!r}")
    if isinstance(managed, str):
        mode = managed.upper()
        if mode == "ALL":
            chosen = list(table.values())
        elif mode == "RECOMMENDED":
            chosen = [m for m in table.values() if m.recommended]
        elif mode == "NONE":
            chosen = []
        else:
            raise InvalidIdentifierError(f"managed: expected ALL, RECOMMENDED, NONE or a list of IDs, got {managed!r}")
    else:
        chosen = []
        for ident in managed:
            if ident not in table:
                raise InvalidIdentifierError(f"managed: unknown managed data identifier {ident!r}")
            chosen.append(table[ident])
    drop = set(excluded)
    return [m for m in chosen if m.id not in drop]


# ---------------------------------------------------------------------------------------------
# Plans: what both engines are built from


@dataclass(frozen=True)
class IdentifierInfo:
    """What a detection reports: the type (ID or custom name) and its category."""

    type: str
    category: Category
    custom: CustomDataIdentifier | None = None


@dataclass(frozen=True)
class PlanPattern:
    """One compiled-to-be pattern; ``as_dict()`` is what ``_core.Engine`` takes."""

    identifier: int
    name: str
    regex: str
    validator: str | None
    keyword_rule: str
    keyword_group: int
    proximity: str
    distance: int
    scan: str
    never_report: tuple[str, ...] = ()
    ignore_words: tuple[str, ...] = ()
    allow_exempt: bool = False
    anchors: tuple[str, ...] = ()
    anchor_digits: int = 0
    run_requires: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "identifier": self.identifier,
            "name": self.name,
            "regex": self.regex,
            "validator": self.validator,
            "keyword_rule": self.keyword_rule,
            "keyword_group": self.keyword_group,
            "proximity": self.proximity,
            "distance": self.distance,
            "scan": self.scan,
            "never_report": list(self.never_report),
            "ignore_words": list(self.ignore_words),
            "allow_exempt": self.allow_exempt,
            "anchors": list(self.anchors),
            "anchor_digits": self.anchor_digits,
            "run_requires": list(self.run_requires),
        }


@dataclass(frozen=True)
class Plan:
    """A selection compiled to plain values, shared by both engines."""

    identifiers: tuple[IdentifierInfo, ...]
    keyword_groups: tuple[tuple[str, ...], ...]
    patterns: tuple[PlanPattern, ...]
    allow_words: tuple[str, ...] = ()
    allow_regexes: tuple[str, ...] = ()
    group_names: tuple[str, ...] = field(default=())


def build_plan(
    managed: Sequence[ManagedIdentifier],
    custom: Sequence[CustomDataIdentifier] = (),
    allow_words: Sequence[str] = (),
    allow_regexes: Sequence[str] = (),
) -> Plan:
    """Compiles a selection into a :class:`Plan`."""
    table = managed_by_id()
    names = [c.name for c in custom]
    clash = sorted({n for n in names if names.count(n) > 1} | (set(names) & set(table)))
    if clash:
        raise InvalidIdentifierError(f"custom data identifier {clash[0]!r}: name: already used")
    groups: list[tuple[str, ...]] = []
    group_names: list[str] = []
    group_of: dict[str, int] = {}

    def group(owner: str, words: Sequence[str]) -> int:
        if owner not in group_of:
            group_of[owner] = len(groups)
            groups.append(tuple(words))
            group_names.append(owner)
        return group_of[owner]

    idents: list[IdentifierInfo] = []
    patterns: list[PlanPattern] = []
    for m in managed:
        idx = len(idents)
        idents.append(IdentifierInfo(m.id, m.category))
        for n, p in enumerate(m.patterns):
            source = table[p.keywords_of] if p.keywords_of else m
            rule = p.keywords or ("required" if m.keywords_required else "none")
            patterns.append(
                PlanPattern(
                    identifier=idx,
                    name=f"{m.id}/{p.label or n + 1}",
                    regex=p.regex,
                    validator=p.validator,
                    keyword_rule=rule,
                    keyword_group=group(source.id, source.keywords),
                    proximity="around",
                    distance=MANAGED_DISTANCE,
                    scan=p.scan,
                    never_report=p.never_report,
                    allow_exempt=m.id == "ADDRESS",
                    anchors=p.anchors,
                    anchor_digits=p.anchor_digits,
                    run_requires=p.run_requires,
                )
            )
    for c in custom:
        idx = len(idents)
        idents.append(IdentifierInfo(c.name, "CUSTOM_IDENTIFIER", c))
        patterns.append(
            PlanPattern(
                identifier=idx,
                name=c.name,
                regex=c.regex,
                validator=None,
                keyword_rule="required" if c.keywords else "none",
                keyword_group=group("custom:" + c.name, c.keywords),
                proximity="before",
                distance=c.maximum_match_distance,
                scan="plain",
                ignore_words=tuple(c.ignore_words),
            )
        )
    return Plan(
        identifiers=tuple(idents),
        keyword_groups=tuple(groups),
        patterns=tuple(patterns),
        allow_words=tuple(allow_words),
        allow_regexes=tuple(allow_regexes),
        group_names=tuple(group_names),
    )
