"""What every source hands the readers: a named object and a way to open its bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any


@dataclass
class SourceObject:
    """One object to scan. ``open()`` returns a binary stream of its bytes (seekable for
    local files; S3 bodies are spooled when a format needs seeking); ``resource`` is the
    Macie-shaped ``resourcesAffected`` block; ``error`` is set (Macie reason, detail) when
    the object cannot be read at all."""

    uri: str
    name: str
    size: int
    open: Callable[[], IO[bytes]]
    resource: dict[str, Any] = field(default_factory=dict)
    error: tuple[str, str] | None = None
