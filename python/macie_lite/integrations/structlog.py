"""A structlog processor that masks every value of the event dict (put it last before the renderer).

    structlog.configure(processors=[..., structlog.processors.format_exc_info,
                                    MaskingProcessor(), structlog.processors.JSONRenderer()])

Strings are masked with their key path as structured context, other values through their
``str()`` when it holds sensitive data; an ``exc_info`` not yet rendered is rendered here,
masked, and stored as ``exception`` (the raw one is dropped so no renderer prints it).
A failure withholds the event's values (fail closed) rather than raising into the application.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import MutableMapping
from typing import Any

from ..logging import PLACEHOLDER, MaskingWarning, format_exception
from . import _MaskingHook

__all__ = ["MaskingProcessor"]


class MaskingProcessor(_MaskingHook):
    """``processor(logger, method_name, event_dict) -> event_dict`` with every value masked.

    Takes the same arguments as :class:`macie_lite.logging.MaskingFilter` (scanner or policy,
    selection, ``char``/``keep_last``/``tag``, ``audit``).
    """

    def __call__(self, logger: Any, method_name: str, event_dict: MutableMapping[str, Any]) -> Any:
        try:
            return self._mask(event_dict)
        except Exception as exc:  # fail closed
            for key in list(event_dict):
                event_dict[key] = PLACEHOLDER
            if not self._warned:
                self._warned = True
                warnings.warn(
                    f"macie-lite: a structlog event could not be masked ({type(exc).__name__}); "
                    "its values were withheld. Further failures are not reported.",
                    MaskingWarning,
                    stacklevel=2,
                )
            return event_dict

    def _mask(self, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        resource = str(event_dict.get("logger", "structlog"))
        exc_info = event_dict.pop("exc_info", None)
        if exc_info:
            if exc_info is True:
                exc_info = sys.exc_info()
            if isinstance(exc_info, BaseException) or (isinstance(exc_info, tuple) and exc_info[0]):
                text = format_exception(exc_info)
                event_dict["exception"] = f"{event_dict['exception']}\n{text}" if "exception" in event_dict else text
        for key, value in list(event_dict.items()):
            event_dict[key] = self.masker.value(value, (key,) if key != "event" else (), resource)
        return event_dict
