"""Pure-Python twins of the Rust validators, used by the reference engine.

Each family module exports ``VALIDATORS``: a dict from the validator name used in
``identifiers/*.toml`` to a function ``(match: bytes) -> bool``. Names and behaviour
must equal the Rust functions in ``rust/core/src/validators/``.
"""

from __future__ import annotations

from collections.abc import Callable

from . import checksum, contact, credentials, europe, financial, health, licenses, world

Validator = Callable[[bytes], bool]


def _merge() -> dict[str, Validator]:
    merged: dict[str, Validator] = {}
    for family in (checksum, contact, credentials, europe, financial, health, licenses, world):
        for name, fn in family.VALIDATORS.items():
            if name in merged:
                raise RuntimeError(f"validator {name!r} is registered twice")
            merged[name] = fn
    return merged


VALIDATORS: dict[str, Validator] = _merge()
