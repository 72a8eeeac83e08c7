"""Allow lists, as Macie defines them: predefined text or one regex.

Predefined text: each entry is a literal that must equal a detected value completely,
case-insensitively (1-90 characters, up to 100,000 entries). Regex: the detected value must
match it completely (up to 512 characters, same dialect as custom identifiers).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InvalidAllowListError, InvalidIdentifierError
from .identifiers import check_regex

ENTRY_LEN = (1, 90)
MAX_ENTRIES = 100_000
MAX_FILE_BYTES = 35 * 1024 * 1024
REGEX_MAX = 512


@dataclass(frozen=True)
class AllowList:
    """Either ``words`` (predefined text) or ``regex``, never both."""

    words: tuple[str, ...] = ()
    regex: str | None = None
    name: str = ""

    @classmethod
    def from_words(cls, words: Iterable[str], name: str = "") -> AllowList:
        """A predefined-text list; blank entries are skipped, as Macie does with blank lines."""
        entries = tuple(w for w in (w.strip() for w in words) if w)
        label = name or "allow list"
        if not entries:
            raise InvalidAllowListError(f"{label}: no entries")
        if len(entries) > MAX_ENTRIES:
            raise InvalidAllowListError(f"{label}: {len(entries)} entries, at most {MAX_ENTRIES}")
        lo, hi = ENTRY_LEN
        for n, w in enumerate(entries, 1):
            if not lo <= len(w) <= hi:
                raise InvalidAllowListError(f"{label}: entry {n}: must be {lo}-{hi} characters")
        return cls(words=entries, name=name)

    @classmethod
    def from_regex(cls, pattern: str, name: str = "") -> AllowList:
        """A regex list: a detected value is allowed when the pattern matches all of it."""
        label = name or "allow list"
        if not 1 <= len(pattern) <= REGEX_MAX:
            raise InvalidAllowListError(f"{label}: regex: must be 1-{REGEX_MAX} characters")
        try:
            check_regex(pattern, "regex", label)
        except InvalidIdentifierError as exc:
            raise InvalidAllowListError(str(exc)) from None
        return cls(regex=pattern, name=name)

    @classmethod
    def from_file(cls, path: str | Path) -> AllowList:
        """Macie's predefined list (plain text, one entry per line) or JSON ``{"regex": ...}``."""
        p = Path(path)
        try:
            if p.stat().st_size > MAX_FILE_BYTES:
                raise InvalidAllowListError(f"{p}: larger than Macie's 35 MB limit")
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidAllowListError(f"{p}: cannot read allow list: {exc}") from None
        stripped = text.lstrip()
        if p.suffix.lower() == ".json" or stripped.startswith("{"):
            try:
                doc = json.loads(text)
            except json.JSONDecodeError as exc:
                raise InvalidAllowListError(f"{p}: not valid JSON: {exc.msg}") from None
            if not isinstance(doc, dict) or set(doc) - {"regex", "name", "description"} or "regex" not in doc:
                raise InvalidAllowListError(f'{p}: a JSON allow list is {{"regex": "..."}}')
            return cls.from_regex(doc["regex"], name=doc.get("name") or p.name)
        return cls.from_words(text.splitlines(), name=p.name)

    def __repr__(self) -> str:
        kind = f"regex={self.regex!r}" if self.regex is not None else f"{len(self.words)} words"
        return f"AllowList({self.name or 'unnamed'}, {kind})"
