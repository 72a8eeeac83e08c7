"""Regression guard: rerun macie-lite's part of the benchmark and compare it with the committed
bench/baseline.json, so a slower change is visible in review (a report, not a unit test).

    python bench/check_baseline.py [--tolerance 0.25] [--update]

Exit 1 when any variant's MB/s, or the ``scan_text``/``mask`` time per short line, is slower
than the baseline by more than the tolerance (in time: new/old - 1); a changed detection count
is reported but does not fail. ``--update`` writes the new numbers as the baseline. Numbers
only compare on the same kind of machine: the baseline records the one it was made on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from compare_peers import machine
from macie_metrics import measure

BASELINE = Path(__file__).parent / "baseline.json"


def compare(old: dict[str, Any], new: dict[str, Any], tolerance: float) -> tuple[list[str], bool]:
    """Report lines and whether any number got slower than ``tolerance`` allows."""
    lines: list[str] = []
    slower = False
    for name, was in old["variants"].items():
        now = new["variants"].get(name)
        if now is None:
            continue
        change = was["mb_per_s"] / now["mb_per_s"] - 1  # extra time per byte
        bad = change > tolerance
        slower |= bad
        lines.append(
            f"{name:7} {was['mb_per_s']:9.1f} -> {now['mb_per_s']:9.1f} MB/s  time {change:+7.1%}"
            f"{'  SLOWER' if bad else ''}"
        )
        if was["detections"] != now["detections"]:
            lines.append(f"{name:7} detections changed: {was['detections']} -> {now['detections']}")
    for key in ("scan_text_us", "mask_us"):
        was_us, now_us = old["short_lines"][key], new["short_lines"][key]
        change = now_us / was_us - 1
        bad = change > tolerance
        slower |= bad
        lines.append(f"{key:12} {was_us:7.3f} -> {now_us:7.3f} us  time {change:+7.1%}{'  SLOWER' if bad else ''}")
    return lines, slower


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--tolerance", type=float, default=0.25, help="allowed slowdown in time (0.25 = 25%%)")
    ap.add_argument("--size-mb", type=int, help="corpus size (default: the baseline's)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--update", action="store_true", help="write this run as the new baseline")
    args = ap.parse_args()
    old = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else None
    size_mb = args.size_mb or (old["size_mb"] if old else 64)
    new = measure(size_mb, args.runs)
    new["machine"] = machine()
    new["macie_lite"] = version("macie-lite")
    new["date"] = dt.date.today().isoformat()
    if args.update or old is None:
        BASELINE.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
        print(f"baseline written to {BASELINE}")
        print(json.dumps(new["variants"]), json.dumps(new["short_lines"]))
        return 0
    if old["size_mb"] != size_mb:
        print(f"note: baseline was made at {old['size_mb']} MiB, this run at {size_mb} MiB")
    if old.get("machine", {}).get("cpu") != new["machine"]["cpu"]:
        print(f"note: baseline CPU {old.get('machine', {}).get('cpu')!r}, this one {new['machine']['cpu']!r}")
    lines, slower = compare(old, new, args.tolerance)
    print("\n".join(lines))
    print(f"{'SLOWER than the baseline' if slower else 'within'} the tolerance of {args.tolerance:.0%}")
    return 1 if slower else 0


if __name__ == "__main__":
    raise SystemExit(main())
