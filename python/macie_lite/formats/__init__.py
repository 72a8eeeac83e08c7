"""Format readers: bytes of one object in, text segments with Macie locations out."""

from __future__ import annotations

from .base import FormatError, Segment, read_object

__all__ = ["FormatError", "Segment", "read_object"]
