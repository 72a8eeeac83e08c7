"""What every source hands the readers: a named object and a way to read its bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SourceObject:
    """One object to scan. ``read()`` returns its bytes; ``resource`` is the Macie-shaped
    ``resourcesAffected`` block; ``error`` is set when the object cannot be read at all."""

    uri: str
    name: str
    size: int
    read: Callable[[], bytes]
    resource: dict[str, Any] = field(default_factory=dict)
    error: tuple[str, str] | None = None  # (Macie status reason, human detail)
