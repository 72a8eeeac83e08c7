"""A loguru patcher that masks the message, the ``extra`` values and the exception of every record.

    from loguru import logger
    logger.configure(patcher=MaskingPatcher())      # or: logger = logger.patch(MaskingPatcher())

Loguru renders exceptions at the sink, from the live traceback (with ``diagnose`` it even
prints local variables), so the patcher renders the exception itself, masks it, appends it to
the message and clears ``record["exception"]``: no sink can print the raw one.
A failure withholds the message (fail closed) rather than raising into the application.
"""

from __future__ import annotations

import warnings
from typing import Any

from ..logging import PLACEHOLDER, MaskingWarning, format_exception
from . import _MaskingHook

__all__ = ["MaskingPatcher"]


class MaskingPatcher(_MaskingHook):
    """``patcher(record)``: masks ``record`` in place. Same arguments as
    :class:`macie_lite.logging.MaskingFilter`."""

    def __call__(self, record: Any) -> None:
        try:
            self._mask(record)
        except Exception as exc:  # fail closed
            record["message"] = PLACEHOLDER
            record["exception"] = None
            record["extra"] = {k: PLACEHOLDER for k in record.get("extra", {})}
            if not self._warned:
                self._warned = True
                warnings.warn(
                    f"macie-lite: a loguru record could not be masked ({type(exc).__name__}); "
                    "its message was withheld. Further failures are not reported.",
                    MaskingWarning,
                    stacklevel=2,
                )

    def _mask(self, record: Any) -> None:
        resource = str(record.get("name") or "loguru")
        parts = [record["message"]]
        exc = record.get("exception")
        if exc is not None:
            parts.append(format_exception((exc.type, exc.value, exc.traceback)))
        masked = self.masker.texts(parts, resource)
        record["message"] = "\n".join(masked)
        record["exception"] = None
        extra = record.get("extra")
        if extra:
            record["extra"] = {k: self.masker.value(v, (k,), resource) for k, v in extra.items()}
