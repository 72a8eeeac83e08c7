"""Writes a scanner's compiled plan as JSON, for the Rust-side profiler.

    python bench/dump_plan.py plan.json [--managed ALL]
    cd rust && cargo run --release -p macie-core --example profile -- ../plan.json CORPUS.txt

The Rust example times the engine's stages without Python in the way (perf works on it too).
"""

from __future__ import annotations

import argparse
import json

from macie_lite import Scanner


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--managed", default="ALL")
    args = ap.parse_args()
    plan = Scanner(managed=args.managed).plan
    body = {"keyword_groups": [list(g) for g in plan.keyword_groups], "patterns": [p.as_dict() for p in plan.patterns]}
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(body, fh)


if __name__ == "__main__":
    main()
