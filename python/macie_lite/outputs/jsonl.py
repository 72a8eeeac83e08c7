"""JSON Lines and JSON: one Macie-shaped finding per object that holds sensitive data."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from ..scan import ObjectResult


def write_jsonl(results: Iterable[ObjectResult], out: IO[str]) -> None:
    for r in results:
        if r.finding is not None:
            out.write(json.dumps(r.finding, ensure_ascii=False, separators=(",", ":")) + "\n")


def write_json(results: Iterable[ObjectResult], out: IO[str]) -> None:
    json.dump([r.finding for r in results if r.finding is not None], out, ensure_ascii=False, indent=2)
    out.write("\n")
