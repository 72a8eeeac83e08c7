"""macie-lite against its peers in ONE process run, on the same bytes, one core each.

    bash bench/setup.sh
    python bench/compare_peers.py [--size-mb 64] [--chart docs/bench.png] [--markdown docs/bench.md]

For every tool and every corpus variant (sparse: a value per ~3 KB, dense: per ~200 bytes,
none: no planted value) it reports MB/s, detections, recall of the planted values (a value is
found when a detection overlaps it) and, on the no-PII variant, the detections (false
positives); then macie-lite's speed ratio to each peer. Fast tools: median of 3 runs on the
whole variant. Slow tools: one run on a line-aligned leading slice sized for about
``--slow-budget`` seconds (from a 256 KB probe), MB/s extrapolated and marked with ``*``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import cached, planted_spans
from peer_base import Peer, PeerRun, line_slice, recall

VARIANTS: tuple[tuple[str, int | None], ...] = (("sparse", 3000), ("dense", 200), ("none", None))
PROBE = 256 << 10


@dataclass
class Row:
    """One tool on one variant, ready to print."""

    tool: str
    corpus: str
    run: PeerRun
    found: int
    planted: int
    size: int

    @property
    def capped(self) -> bool:
        return self.run.scanned < self.size

    @property
    def detections_full(self) -> float:
        """Detections scaled to the whole variant (exact when the whole variant was scanned)."""
        return self.run.detections * self.size / self.run.scanned if self.run.scanned else 0.0


def make_peers(hyperscan_som: bool) -> tuple[list[Peer], list[str]]:
    """Every peer that imports here, macie-lite first, and a note for each one that does not."""
    from peer_macie import MacieLite

    peers: list[Peer] = [MacieLite()]
    missing: list[str] = []
    factories: list[tuple[str, str, dict[str, bool]]] = [
        ("peer_ripgrep", "Ripgrep", {}),
        ("peer_ripgrep", "Ripgrep", {"unicode": True}),
        ("peer_hyperscan", "Hyperscan", {}),
        ("peer_datafog", "DatafogCore", {}),
        ("peer_datafog", "DatafogRegex", {}),
        ("peer_pyre", "PythonRe", {}),
        ("peer_presidio", "PresidioPatterns", {}),
        ("peer_detect_secrets", "DetectSecrets", {}),
    ]
    if hyperscan_som:
        factories.insert(3, ("peer_hyperscan", "Hyperscan", {"som": True}))
    for module, cls, kwargs in factories:
        try:
            peers.append(getattr(__import__(module), cls)(**kwargs))
        except Exception as exc:  # a peer missing here is reported, not fatal
            missing.append(f"{module}.{cls}: {type(exc).__name__}: {exc}")
    return peers, missing


def run_peer(peer: Peer, data: bytes, runs: int, budget: float) -> PeerRun:
    """Median of ``runs`` on all of ``data``, or for a slow peer one run on a slice sized from
    a probe so that it takes about ``budget`` seconds."""
    if not peer.slow:
        return peer.scan(data, runs)
    probe = peer.scan(line_slice(data, PROBE), 1)
    cap = max(PROBE, int(probe.scanned / max(probe.seconds, 1e-9) * budget))
    return peer.scan(line_slice(data, cap), 1)


def machine() -> dict[str, str]:
    """nproc, CPU model and Python version of this machine."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": str(os.cpu_count()), "cpu": model, "python": platform.python_version(), "os": platform.platform()}


def fmt_rate(row: Row) -> str:
    return f"{row.run.mb_per_s:,.1f}{'*' if row.capped else ''}"


def fmt_recall(row: Row) -> str:
    if not row.planted:
        return "-"
    return f"{row.found}/{row.planted} ({100 * row.found / row.planted:.0f}%)"


def detail_table(rows: list[Row]) -> list[str]:
    out = [
        "| tool | corpus | MB/s (1 core) | scanned MB | runs | detections | recall of planted |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r.tool} | {r.corpus} | {fmt_rate(r)} | {r.run.scanned / 1e6:.1f} | {r.run.runs} "
            f"| {r.run.detections:,} | {fmt_recall(r)} |"
        )
    return out


def summary_table(rows: list[Row], tools: list[str]) -> list[str]:
    """One line per tool: MB/s per variant, recall, false positives and macie-lite's ratio."""
    by = {(r.tool, r.corpus): r for r in rows}
    ours = {c: by[("macie-lite", c)].run.mb_per_s for c, _ in VARIANTS if ("macie-lite", c) in by}
    out = [
        "| tool | sparse MB/s | dense MB/s | none MB/s | recall sparse | recall dense "
        "| detections on no-PII (per 64 MB) | macie-lite speed / tool speed (sparse, dense, none) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for tool in tools:
        cells = [by.get((tool, c)) for c, _ in VARIANTS]
        if any(c is None for c in cells):
            continue
        sp, de, no = (c for c in cells if c is not None)
        fp = no.detections_full * (64 << 20) / no.size
        ratios = ", ".join(f"{ours[c.corpus] / c.run.mb_per_s:.2f}x" for c in (sp, de, no))
        fp_text = f"{'~' if no.capped or no.size != 64 << 20 else ''}{fp:,.0f}"
        out.append(
            f"| {tool} | {fmt_rate(sp)} | {fmt_rate(de)} | {fmt_rate(no)} | {fmt_recall(sp)} "
            f"| {fmt_recall(de)} | {fp_text} | {ratios} |"
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--size-mb", type=int, default=64, help="size of each corpus variant (MiB)")
    ap.add_argument("--runs", type=int, default=3, help="runs per fast tool (median)")
    ap.add_argument("--slow-budget", type=float, default=10.0, help="seconds per slow tool and variant")
    ap.add_argument("--hyperscan-som", action="store_true", help="add a Hyperscan row with start-of-match on")
    ap.add_argument("--chart", type=Path, help="write the MB/s chart (PNG) here")
    ap.add_argument("--markdown", type=Path, help="write the tables and the command here")
    args = ap.parse_args()
    size = args.size_mb << 20
    peers, missing = make_peers(args.hyperscan_som)
    rows: list[Row] = []
    started = time.perf_counter()
    for name, every in VARIANTS:
        data = cached(name, size, every)
        planted = planted_spans(name, size, every)
        for peer in peers:
            run = run_peer(peer, data, args.runs, args.slow_budget)
            found, total = recall(run.spans, planted, run.scanned)
            run.spans = []  # free the spans of big runs before the next tool
            rows.append(Row(peer.name, name, run, found, total, len(data)))
            print(
                f"# {name:6} {peer.name:22} {run.mb_per_s:10.1f} MB/s  {run.detections:>9,} detections", file=sys.stderr
            )
    tools = [p.name for p in peers]
    versions = {p.name: p.version() for p in peers}
    host = machine()
    command = "python bench/compare_peers.py " + " ".join(sys.argv[1:])
    lines = [
        f"Corpus: 3 variants of {args.size_mb} MiB (bench/corpus.py, seed 7); one core per tool; "
        f"fast tools median of {args.runs} runs; `*` = slow tool timed once on a leading slice "
        f"(~{args.slow_budget:.0f} s of work) and MB/s extrapolated; "
        "recall = planted values overlapped by a detection. "
        "Planted values come from macie-lite's own identifier corpus (tests/corpus/*.toml): a peer that "
        "covers fewer identifiers finds fewer by design. ripgrep runs with --no-unicode (ASCII patterns); "
        "'ripgrep (unicode)' is its default mode. Hyperscan counts every match end (start-of-match off).",
        "",
        *summary_table(rows, tools),
        "",
        *detail_table(rows),
        "",
        f"Machine: {host['nproc']} cores, {host['cpu']}, Python {host['python']}, {host['os']}",
        "Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()),
        f"Total wall time: {time.perf_counter() - started:.0f} s",
    ]
    if missing:
        lines.append("Not run: " + "; ".join(missing))
    print("\n".join(lines))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        body = "\n".join(lines)
        args.markdown.write_text(
            f"# macie-lite vs. peers\n\nMade by `{command}` (after `bash bench/setup.sh`).\n\n{body}\n",
            encoding="utf-8",
        )
    if args.chart:
        from chart import draw

        draw(args.chart, [(r.tool, r.corpus, r.run.mb_per_s, r.capped) for r in rows], host, versions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
