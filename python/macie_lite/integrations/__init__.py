"""Masking for other logging stacks: a structlog processor and a loguru patcher (optional extras).

Each module imports nothing from its library at import time of ``macie_lite``; install the
library to use it: ``macie_lite.integrations.structlog`` and ``macie_lite.integrations.loguru``.
"""

from __future__ import annotations

__all__: list[str] = []
