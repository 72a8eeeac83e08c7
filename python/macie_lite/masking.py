"""Masking: replace detected spans in text, merging overlaps, with a character or a type tag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MaskStyle:
    """How a span is replaced: ``char`` repeated (keeping the last ``keep_last`` characters),
    or ``[TYPE]`` when ``tag`` is true."""

    char: str = "*"
    keep_last: int = 0
    tag: bool = False

    def __post_init__(self) -> None:
        if len(self.char) != 1:
            raise ValueError("mask character: must be exactly one character")
        if self.keep_last < 0:
            raise ValueError("keep_last: must be 0 or more")

    def render(self, value: str, type_name: str) -> str:
        if self.tag:
            return f"[{type_name}]"
        keep = min(self.keep_last, len(value) // 2) if self.keep_last else 0
        return self.char * (len(value) - keep) + (value[len(value) - keep :] if keep else "")


def merge_spans(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Merges overlapping or touching spans; a merged span keeps the type of its longest part."""
    merged: list[tuple[int, int, str, int]] = []
    for s, e, t in sorted(spans):
        if merged and s <= merged[-1][1]:
            ms, me, mt, mlen = merged[-1]
            if e - s > mlen:
                mt, mlen = t, e - s
            merged[-1] = (ms, max(me, e), mt, mlen)
        else:
            merged.append((s, e, t, e - s))
    return [(s, e, t) for s, e, t, _ in merged]


def apply(text: str, spans: Sequence[tuple[int, int, str]], style: MaskStyle) -> str:
    """Returns ``text`` with every span replaced."""
    if not spans:
        return text
    parts: list[str] = []
    at = 0
    for s, e, t in merge_spans(spans):
        parts.append(text[at:s])
        parts.append(style.render(text[s:e], t))
        at = e
    parts.append(text[at:])
    return "".join(parts)
