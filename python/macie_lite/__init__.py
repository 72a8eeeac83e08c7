"""macie-lite: find sensitive data the way Amazon Macie does, on your own machine.

Public names: :class:`Scanner`, :class:`CustomDataIdentifier`, :class:`AllowList`,
:func:`managed_identifiers`, :class:`Detection`. A ``Scanner`` is immutable and thread-safe;
its Rust engine releases the GIL, so scanning from several threads uses several cores.
"""

from __future__ import annotations

from .allow_lists import AllowList
from .engine import Detection, Explanation, Scanner
from .errors import InvalidAllowListError, InvalidIdentifierError, MacieLiteError
from .identifiers import CustomDataIdentifier, ManagedIdentifier, SeverityLevel, managed_identifiers

__all__ = [
    "AllowList",
    "CustomDataIdentifier",
    "Detection",
    "Explanation",
    "InvalidAllowListError",
    "InvalidIdentifierError",
    "MacieLiteError",
    "ManagedIdentifier",
    "Scanner",
    "SeverityLevel",
    "managed_identifiers",
]
__version__ = "0.1.0"
