"""Shared helpers of the format tests: scan one real file, read locations and statuses back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macie_lite import Scanner
from macie_lite.formats import Limits
from macie_lite.scan import ObjectResult, scan_object
from macie_lite.sources.files import iter_files


def scan(scanner: Scanner, path: Path, limits: Limits | None = None) -> ObjectResult:
    """The result of scanning the one file at ``path``."""
    (obj,) = list(iter_files(path))
    return scan_object(scanner, obj, preview=False, limits=limits)


def occurrences(result: ObjectResult, type_name: str) -> dict[str, list[dict[str, Any]]]:
    """The non-empty occurrence arrays of one identifier type in the discovery result."""
    for cat in result.result["classificationDetails"]["result"]["sensitiveData"]:
        for det in cat["detections"]:
            if det["type"] == type_name:
                return {k: v for k, v in det["occurrences"].items() if v}
    return {}


def unprocessed(result: ObjectResult) -> list[tuple[str, str]]:
    """``(file, reason)`` of every part the scan could not read."""
    block = result.result["classificationDetails"]["result"]["status"]
    return [(u["file"], u["reason"]) for u in block.get("unprocessed", [])]


def status(result: ObjectResult) -> tuple[str, str | None]:
    """The discovery result's status code and reason."""
    block = result.result["classificationDetails"]["result"]["status"]
    return block["code"], block["reason"]
