"""Peer commands for side-by-side runs: ripgrep with an alternation of common PII regexes.

The 26 patterns below are the usual open-source PII regex set (cards, SSN, emails, phones,
IBAN, IPs, keys); they do no validation and no keyword rules, so they are an upper bound on
what a plain multi-regex search costs, not a like-for-like detector.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

PII_REGEXES = [
    r"\b4[0-9]{12}(?:[0-9]{3})?\b",
    r"\b5[1-5][0-9]{14}\b",
    r"\b3[47][0-9]{13}\b",
    r"\b6(?:011|5[0-9]{2})[0-9]{12}\b",
    r"\b[0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4}\b",
    r"\b[0-9]{3}-[0-9]{2}-[0-9]{4}\b",
    r"\b9[0-9]{2}-[7-9][0-9]-[0-9]{4}\b",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b",
    r"\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b",
    r"\+1[ -]?\(?[0-9]{3}\)?[ -]?[0-9]{3}[ -]?[0-9]{4}",
    r"\(?[0-9]{3}\)?[ -.][0-9]{3}[ -.][0-9]{4}",
    r"\+44 ?[0-9]{4} ?[0-9]{6}",
    r"\+33 ?[1-9](?: ?[0-9]{2}){4}",
    r"\+49 ?[0-9]{2,4} ?[0-9]{6,8}",
    r"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}\b",
    r"\bAKIA[0-9A-Z]{16}\b",
    r"\b[A-Za-z0-9/+]{40}\b",
    r"AIza[0-9A-Za-z_-]{35}",
    r"sk_live_[0-9a-zA-Z]{24}",
    r"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+",
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
    r"\b[A-CEGHJ-PR-TW-Z]{2}[0-9]{6}[A-D]\b",
    r"\b[0-9]{3} ?[0-9]{3} ?[0-9]{4}\b",
    r"\b(?:0[1-9]|1[0-2])/(?:0[1-9]|[12][0-9]|3[01])/(?:19|20)[0-9]{2}\b",
    r"\b[0-9]{5}(?:-[0-9]{4})?\b",
]


def rg_binary() -> str | None:
    return shutil.which("rg")


def ripgrep_count(path: Path) -> tuple[float, int]:
    """Seconds and matching-line count for one ripgrep run (one thread) over ``path``."""
    rg = rg_binary()
    if rg is None:
        raise RuntimeError("ripgrep (pip install ripgrep) is not installed")
    args = [rg, "--count", "--no-config", "--threads", "1", "--no-mmap"]
    for pattern in PII_REGEXES:
        args += ["-e", pattern]
    t = time.perf_counter()
    out = subprocess.run([*args, str(path)], capture_output=True, text=True, check=False)
    secs = time.perf_counter() - t
    return secs, int(out.stdout.strip() or 0)
