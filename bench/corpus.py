"""A generated, realistic corpus for benchmarks: logs, CSV, JSON lines and prose.

Sensitive values are planted with their keywords at a chosen density among many look-alikes
(ID-like digit runs, timestamps, UUIDs, hex hashes, prices, versions), so a scanner cannot win
by skipping digits. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
WORDS = (
    "the request was processed by worker queue cache user session order invoice shipment "
    "returned accepted pending retry timeout upstream service latency metrics region build "
    "deploy version release customer account report quarterly summary analysis team project"
).split()


@dataclass(frozen=True)
class Planted:
    ident: str
    keyword: str
    value: str


def planted_values() -> list[Planted]:
    """Valid values (with a keyword) for every identifier of the test corpus."""
    out = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        for e in doc.get("identifier", []):
            for v in e.get("valid", []):
                if "\n" not in v and len(v) < 200:
                    out.append(Planted(e["id"], e.get("keyword", ""), v))
    return out


def _noise(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return f"{rng.randrange(10**8, 10**12)}"
    if kind == 1:
        return f"{rng.getrandbits(128):032x}"
    if kind == 2:
        h = f"{rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    if kind == 3:
        return _noise_ts(rng)
    if kind == 4:
        return f"{rng.randrange(1, 999)}.{rng.randrange(100):02d}"
    if kind == 5:
        return f"v{rng.randrange(10)}.{rng.randrange(30)}.{rng.randrange(100)}"
    if kind == 6:
        return f"id={rng.randrange(10**5, 10**9)}"
    return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 6)))


def _line(rng: random.Random) -> str:
    style = rng.randrange(4)
    parts = " ".join(_noise(rng) for _ in range(rng.randrange(3, 8)))
    if style == 0:
        return f"{_noise_ts(rng)} INFO  svc-{rng.randrange(20)} {parts}"
    if style == 1:
        return ",".join(_noise(rng) for _ in range(6))
    if style == 2:
        return json.dumps({"ts": _noise_ts(rng), "level": "info", "msg": parts, "req": rng.randrange(10**9)})
    return parts.capitalize() + "."


def _noise_ts(rng: random.Random) -> str:
    day, hour, minute, sec = rng.randrange(1, 29), rng.randrange(24), rng.randrange(60), rng.randrange(60)
    return f"2026-11-{day:02d}T{hour:02d}:{minute:02d}:{sec:02d}Z"


@dataclass(frozen=True)
class PlantedAt:
    """A planted value's identifier and its byte span in the generated corpus (no copy of the value)."""

    ident: str
    start: int
    end: int


def _generate(size: int, every: int | None, seed: int) -> tuple[bytes, int, list[PlantedAt]]:
    """The corpus bytes, the number of planted values and the byte span of each planted value
    that lies wholly inside the first ``size`` bytes. One generator for both, so the spans
    always describe the very bytes that ``generate`` returns."""
    rng = random.Random(seed)
    plants = planted_values()
    out: list[str] = []
    spans: list[PlantedAt] = []
    total = planted = 0
    next_plant = every if every else None
    while total < size:
        line = _line(rng)
        if next_plant is not None and total >= next_plant:
            p = rng.choice(plants)
            head = f"{line} {p.keyword}: " if p.keyword else f"{line} "
            line = f"{head}{p.value} ok"
            start = total + len(head.encode())
            spans.append(PlantedAt(p.ident, start, start + len(p.value.encode())))
            planted += 1
            next_plant += every  # type: ignore[operator]
        out.append(line)
        total += len(line.encode()) + 1
    data = "\n".join(out).encode()
    return data[:size], planted, [s for s in spans if s.end <= size]


def generate(size: int, every: int | None, seed: int = 7) -> tuple[bytes, int]:
    """``size`` bytes of text with one planted value per ``every`` bytes (None: no planted
    values). Returns the text and the number of planted values."""
    data, planted, _ = _generate(size, every, seed)
    return data, planted


def planted_spans(name: str, size: int, every: int | None) -> list[PlantedAt]:
    """Byte spans of the planted values in ``cached(name, size, every)``, cached beside it as
    JSON (identifier and offsets only, never the values)."""
    cache = Path(__file__).parent / ".cache" / f"{name}-{size}-{every}.spans.json"
    if cache.exists():
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return [PlantedAt(r[0], r[1], r[2]) for r in rows]
    data, _, spans = _generate(size, every, seed=7)
    text_cache = Path(__file__).parent / ".cache" / f"{name}-{size}-{every}.txt"
    if not text_cache.exists():
        text_cache.parent.mkdir(exist_ok=True)
        text_cache.write_bytes(data)
    cache.parent.mkdir(exist_ok=True)
    cache.write_text(json.dumps([[s.ident, s.start, s.end] for s in spans]), encoding="utf-8")
    return spans


def cached(name: str, size: int, every: int | None) -> bytes:
    """The corpus, cached under bench/.cache so repeated runs skip generation."""
    cache = Path(__file__).parent / ".cache" / f"{name}-{size}-{every}.txt"
    if cache.exists():
        return cache.read_bytes()
    data, _ = generate(size, every)
    cache.parent.mkdir(exist_ok=True)
    cache.write_bytes(data)
    return data
