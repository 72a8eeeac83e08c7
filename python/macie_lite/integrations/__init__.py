"""Masking for other logging stacks: a structlog processor and a loguru patcher (optional extras).

Each module imports nothing from its library at import time of ``macie_lite``; install the
library to use it: ``macie_lite.integrations.structlog`` and ``macie_lite.integrations.loguru``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from os import PathLike
from typing import Any

from ..allow_lists import AllowList
from ..engine import Scanner
from ..identifiers import CustomDataIdentifier
from ..logging import LogMasker, MaskingFilter

__all__: list[str] = []


class _MaskingHook:
    """Builds the same masker as :class:`macie_lite.logging.MaskingFilter` from the same
    arguments; the structlog processor and the loguru patcher only differ in how they apply it."""

    def __init__(
        self,
        scanner: Scanner | None = None,
        policy: str | PathLike[str] | Mapping[str, Any] | None = None,
        *,
        managed: str | Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        custom: Sequence[CustomDataIdentifier] = (),
        allow_lists: Sequence[AllowList] = (),
        char: str = "*",
        keep_last: int = 0,
        tag: bool = False,
        audit: Any = None,
    ) -> None:
        built = MaskingFilter(
            scanner,
            policy,
            managed=managed,
            exclude=exclude,
            custom=custom,
            allow_lists=allow_lists,
            char=char,
            keep_last=keep_last,
            tag=tag,
            audit=audit,
        )
        self.masker: LogMasker = built.masker
        self._warned = False
