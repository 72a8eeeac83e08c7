"""Sources: where objects come from (local files, S3). Each yields :class:`SourceObject`."""

from __future__ import annotations

from .base import SourceObject

__all__ = ["SourceObject"]
