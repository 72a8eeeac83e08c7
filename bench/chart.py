"""The peer-comparison chart: MB/s per tool per corpus variant on a log scale, with the machine
and the tool versions printed beside it (matplotlib, Agg backend, no display needed)."""

from __future__ import annotations

from pathlib import Path

VARIANT_ORDER = ("sparse", "dense", "none")


def draw(
    path: Path,
    points: list[tuple[str, str, float, bool]],
    host: dict[str, str],
    versions: dict[str, str],
) -> None:
    """Grouped bars, one group per tool, one bar per variant; ``points`` holds
    (tool, variant, MB/s, extrapolated). Hatched bars were extrapolated from a slice."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tools: list[str] = []
    for tool, _, _, _ in points:
        if tool not in tools:
            tools.append(tool)
    rate = {(t, v): (mbs, capped) for t, v, mbs, capped in points}
    fig, ax = plt.subplots(figsize=(13, 5.5))
    width = 0.27
    colors = {"sparse": "#4C72B0", "dense": "#DD8452", "none": "#55A868"}
    for j, variant in enumerate(VARIANT_ORDER):
        xs, hs, hatches = [], [], []
        for i, tool in enumerate(tools):
            if (tool, variant) in rate:
                mbs, capped = rate[(tool, variant)]
                xs.append(i + (j - 1) * width)
                hs.append(mbs)
                hatches.append("//" if capped else "")
        bars = ax.bar(xs, hs, width, label=variant, color=colors[variant])
        for bar, hatch, h in zip(bars, hatches, hs):
            bar.set_hatch(hatch)
            ax.annotate(f"{h:.3g}", (bar.get_x() + bar.get_width() / 2, h), ha="center", va="bottom", fontsize=6.5)
    ax.set_yscale("log")
    ax.set_ylabel("MB/s, one core (log scale)")
    ax.set_xticks(range(len(tools)))
    ax.set_xticklabels(tools, rotation=25, ha="right", fontsize=8)
    ax.set_title("PII scanning throughput per corpus variant (hatched: extrapolated from a slice)")
    ax.legend(title="corpus", fontsize=8)
    ax.grid(axis="y", which="both", alpha=0.3)
    side = [
        f"nproc: {host.get('nproc', '?')}",
        f"CPU: {host.get('cpu', '?')}",
        f"Python {host.get('python', '?')}",
        "",
        *(f"{tool}: {ver}" for tool, ver in versions.items()),
    ]
    fig.text(0.77, 0.5, "\n".join(side), fontsize=7.5, va="center", family="monospace", wrap=True)
    fig.subplots_adjust(left=0.06, right=0.75, bottom=0.22)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=130)
    plt.close(fig)
