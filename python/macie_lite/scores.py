"""Bucket sensitivity scores like Macie's automated discovery (macie.md 9): -1 to 99 per bucket.

Macie does not publish its formula; this one keeps its published semantics:

* 50  - not yet analysed: no object of the bucket was scanned (also: the bucket could not be listed).
* 1   - empty bucket (no objects, or only 0-byte objects).
* -1  - classification error: objects were scanned but none was analysed (all SKIPPED).
* 1..49 - not sensitive: nothing found; ``49 - round(48 * coverage)``, so a fully scanned clean
  bucket scores 1 and a barely sampled one stays just under 50.
* 51..99 - sensitive: ``51 + round(48 * strength * (0.5 + 0.5 * coverage))`` where
  ``strength = 0.4 * kinds + 0.3 * volume + 0.3 * share`` (each in [0, 1]):
  ``kinds = min(1, sum of category weights over distinct types / 3)`` with CREDENTIALS 1.0,
  FINANCIAL_INFORMATION 0.8, PERSONAL_INFORMATION 0.6, CUSTOM_IDENTIFIER 0.5;
  ``volume = min(1, log10(1 + occurrences) / 4)`` (10,000 occurrences saturate);
  ``share`` = sensitive objects / analysed objects. 100 is never computed (manual override only).

``coverage`` = analysed objects / eligible objects (those matching the run's criteria, sampled
or not): more of the bucket analysed means more confidence, pushing clean buckets down and
sensitive ones up, as Macie describes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .scan import ObjectResult

CATEGORY_WEIGHTS = {
    "CREDENTIALS": 1.0,
    "FINANCIAL_INFORMATION": 0.8,
    "PERSONAL_INFORMATION": 0.6,
    "CUSTOM_IDENTIFIER": 0.5,
}
LABELS = {-1: "Classification error", 50: "Not yet analysed"}


def label(score: int) -> str:
    """Macie's label for a score."""
    if score in LABELS:
        return LABELS[score]
    return "Sensitive" if score > 50 else "Not sensitive"


@dataclass
class BucketStats:
    """What a run saw of one bucket (Macie's ResourceStatistics, plus the eligible count)."""

    bucket: str
    eligible: int = 0
    eligible_bytes: int = 0
    items_classified: int = 0
    items_sensitive: int = 0
    items_skipped: int = 0
    items_skipped_permission_denied: int = 0
    items_skipped_invalid_encryption: int = 0
    items_skipped_invalid_kms: int = 0
    bytes_classified: int = 0
    detections: int = 0
    types: dict[str, str] = field(default_factory=dict)  # type -> category
    occurrences: dict[str, int] = field(default_factory=dict)  # type -> count
    listing_failed: bool = False

    @property
    def score(self) -> int:
        """The sensitivity score (see the module docstring for the formula)."""
        if self.listing_failed:
            return 50
        if self.eligible == 0 or self.eligible_bytes == 0:
            return 1
        analysed = self.items_classified - self.items_skipped
        if self.items_classified == 0:
            return 50
        if analysed <= 0:
            return -1
        coverage = min(1.0, analysed / max(self.eligible, 1))
        if self.detections == 0:
            return 49 - round(48 * coverage)
        kinds = min(1.0, sum(CATEGORY_WEIGHTS.get(c, 0.5) for c in self.types.values()) / 3.0)
        volume = min(1.0, math.log10(1 + self.detections) / 4.0)
        share = self.items_sensitive / analysed
        strength = 0.4 * kinds + 0.3 * volume + 0.3 * share
        return min(99, 51 + round(48 * strength * (0.5 + 0.5 * coverage)))

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record: the score, its label and the statistics behind it."""
        score = self.score
        return {
            "bucket": self.bucket,
            "sensitivityScore": score,
            "label": label(score),
            "statistics": {
                "eligibleObjects": self.eligible,
                "totalItemsClassified": self.items_classified,
                "totalItemsSensitive": self.items_sensitive,
                "totalItemsSkipped": self.items_skipped,
                "totalItemsSkippedPermissionDenied": self.items_skipped_permission_denied,
                "totalItemsSkippedInvalidEncryption": self.items_skipped_invalid_encryption,
                "totalItemsSkippedInvalidKms": self.items_skipped_invalid_kms,
                "totalBytesClassified": self.bytes_classified,
                "totalDetections": self.detections,
                "sensitiveDataTypes": dict(sorted(self.occurrences.items())),
            },
        }


def _categories(result: ObjectResult) -> dict[str, str]:
    """type -> category from a discovery result's sensitiveData / customDataIdentifiers blocks."""
    out: dict[str, str] = {}
    body = result.result.get("classificationDetails", {}).get("result", {})
    for group in body.get("sensitiveData") or []:
        for det in group.get("detections") or []:
            out[str(det["type"])] = str(group["category"])
    for det in (body.get("customDataIdentifiers") or {}).get("detections") or []:
        out[str(det["name"])] = "CUSTOM_IDENTIFIER"
    return out


def result_bucket(result: ObjectResult, default: str = "") -> str:
    """The bucket of a result (its ``resourcesAffected.s3Bucket.name``), else ``default`` (for
    local files: the scanned target), to feed :meth:`ScoreBoard.add` from a local scan."""
    bucket = result.result.get("resourcesAffected", {}).get("s3Bucket")
    if isinstance(bucket, dict) and bucket.get("name"):
        return str(bucket["name"])
    return default


class ScoreBoard:
    """Accumulates per-bucket statistics during a run. Call :meth:`eligible` for every object
    that matches the run's criteria (sampled or not) and :meth:`add` for every result."""

    def __init__(self) -> None:
        self.buckets: dict[str, BucketStats] = {}

    def _get(self, bucket: str) -> BucketStats:
        stats = self.buckets.get(bucket)
        if stats is None:
            stats = self.buckets[bucket] = BucketStats(bucket)
        return stats

    def declare(self, bucket: str) -> None:
        """Names a bucket in the run, so an empty one still gets a score (1)."""
        self._get(bucket)

    def listing_failed(self, bucket: str) -> None:
        """The bucket could not be listed (Macie lost access): its score stays 50."""
        self._get(bucket).listing_failed = True

    def eligible(self, bucket: str, size: int) -> None:
        """One object of ``bucket`` matched the run's criteria."""
        stats = self._get(bucket)
        stats.eligible += 1
        stats.eligible_bytes += size

    def add(self, bucket: str, result: ObjectResult) -> None:
        """One scanned object's result."""
        stats = self._get(bucket)
        stats.items_classified += 1
        if result.status == "SKIPPED":
            stats.items_skipped += 1
            if result.reason == "PERMISSION_DENIED":
                stats.items_skipped_permission_denied += 1
            elif result.reason == "INVALID_ENCRYPTION":
                stats.items_skipped_invalid_encryption += 1
            elif result.reason == "INVALID_KMS_KEY":
                stats.items_skipped_invalid_kms += 1
            return
        body = result.result.get("classificationDetails", {}).get("result", {})
        stats.bytes_classified += int(body.get("sizeClassified", 0) or 0)
        total = sum(result.counts.values())
        if result.finding is not None and total:
            stats.items_sensitive += 1
        stats.detections += total
        for name, count in result.counts.items():
            stats.occurrences[name] = stats.occurrences.get(name, 0) + count
        stats.types.update(_categories(result))

    def scores(self) -> dict[str, int]:
        """bucket -> score."""
        return {name: stats.score for name, stats in sorted(self.buckets.items())}

    def records(self) -> list[dict[str, Any]]:
        """One JSON-ready record per bucket, sorted by bucket name."""
        return [stats.as_dict() for _, stats in sorted(self.buckets.items())]


def score_results(results: Iterable[tuple[str, ObjectResult]], eligible: dict[str, int] | None = None) -> ScoreBoard:
    """A scoreboard from ``(bucket, result)`` pairs; ``eligible`` gives each bucket's eligible
    object count (defaults to the number of results, i.e. a full scan)."""
    board = ScoreBoard()
    pairs = list(results)
    for bucket, result in pairs:
        board.add(bucket, result)
        board.buckets[bucket].eligible_bytes += result.size
    for bucket, stats in board.buckets.items():
        stats.eligible = (eligible or {}).get(bucket, stats.items_classified)
    return board


__all__ = ["CATEGORY_WEIGHTS", "BucketStats", "ScoreBoard", "label", "result_bucket", "score_results"]
