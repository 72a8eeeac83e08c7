"""Which objects a run takes, like a Macie job's scope: several buckets or a bucket-name pattern,
object criteria (prefix, extension, size, last modified, tags) and a deterministic sampling depth.

Sampling hashes the object's key (never a random draw), so a rerun, a resumed run or another
machine picks exactly the same objects; a larger percentage picks a superset of a smaller one.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .sources import SourceObject

_SCALE = float(1 << 64)


def key_fraction(key: str, seed: str = "") -> float:
    """A stable number in [0, 1) for ``key``: the 8-byte BLAKE2b of ``seed`` NUL ``key``."""
    data = seed.encode("utf-8") + b"\x00" + key.encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(data, digest_size=8, person=b"macie-lite-smpl")
    return int.from_bytes(digest.digest(), "big") / _SCALE


def sampled(key: str, percentage: float | None, seed: str = "") -> bool:
    """Whether ``key`` is in a ``percentage`` (0-100; None or 100 = everything) sample."""
    if percentage is None or percentage >= 100:
        return True
    if percentage <= 0:
        return False
    return key_fraction(key, seed) < percentage / 100.0


@dataclass(frozen=True)
class ObjectCriteria:
    """Macie's object criteria (macie.md 8), AND-ed; each list is OR-ed. ``prefixes`` match the
    key from its first character (no wildcards, case-sensitive); sizes are bytes, inclusive;
    ``modified_after`` < lastModified < ``modified_before``; ``tags`` maps a tag key to a value
    ("" = any value) and needs ``tag_lookup`` (one GetObjectTagging per candidate object)."""

    prefixes: Sequence[str] = ()
    extensions: Sequence[str] = ()
    exclude_extensions: Sequence[str] = ()
    min_size: int | None = None
    max_size: int | None = None
    modified_after: _dt.datetime | None = None
    modified_before: _dt.datetime | None = None
    tags: Mapping[str, str] = field(default_factory=dict)

    def keeps(self, obj: SourceObject, tag_lookup: Callable[[SourceObject], Mapping[str, str]] | None = None) -> bool:
        """Whether ``obj`` (as listed; nothing is fetched except its tags when ``tags`` is set) matches."""
        info = object_info(obj)
        key = str(info.get("key", obj.name))
        if self.prefixes and not any(key.startswith(p) for p in self.prefixes):
            return False
        ext = str(info.get("extension", "")).lower()
        if self.extensions and ext not in {e.lower().lstrip(".") for e in self.extensions}:
            return False
        if ext and ext in {e.lower().lstrip(".") for e in self.exclude_extensions}:
            return False
        if self.min_size is not None and obj.size < self.min_size:
            return False
        if self.max_size is not None and obj.size > self.max_size:
            return False
        if self.modified_after or self.modified_before:
            stamp = info.get("lastModified")
            if not stamp:
                return False
            when = _dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
            if self.modified_after and not when > _utc(self.modified_after):
                return False
            if self.modified_before and not when < _utc(self.modified_before):
                return False
        if self.tags:
            if tag_lookup is None:
                return False
            have = tag_lookup(obj)
            for name, value in self.tags.items():
                if name not in have or (value and have[name] != value):
                    return False
        return True


def _utc(when: _dt.datetime) -> _dt.datetime:
    return when if when.tzinfo else when.replace(tzinfo=_dt.timezone.utc)


def object_info(obj: SourceObject) -> dict[str, Any]:
    """The ``s3Object`` or ``localFile`` block of an object's resource (key, extension, size...)."""
    block = obj.resource.get("s3Object") or obj.resource.get("localFile") or {}
    return dict(block) if isinstance(block, dict) else {}


def bucket_of(obj: SourceObject, default: str = "") -> str:
    """The bucket an object belongs to (for local files: ``default``, the scanned target)."""
    bucket = obj.resource.get("s3Bucket")
    if isinstance(bucket, dict) and bucket.get("name"):
        return str(bucket["name"])
    return default


def s3_tag_lookup(client: Any) -> Callable[[SourceObject], Mapping[str, str]]:
    """Object tags from GetObjectTagging (empty when the object has none or they cannot be read)."""

    def lookup(obj: SourceObject) -> Mapping[str, str]:
        info = object_info(obj)
        bucket = bucket_of(obj)
        if not bucket or "key" not in info:
            return {}
        try:
            resp = client.get_object_tagging(Bucket=bucket, Key=info["key"])
        except Exception:  # denied/missing: the object simply does not match a tag condition
            return {}
        return {str(t["Key"]): str(t.get("Value", "")) for t in resp.get("TagSet", [])}

    return lookup


def expand_targets(targets: Iterable[str], list_buckets: Callable[[], Sequence[str]] | None = None) -> list[str]:
    """Targets with bucket-name patterns resolved: ``s3://logs-*/2026/`` becomes one target per
    matching bucket (sorted, same prefix). ``list_buckets`` returns the account's bucket names
    (ListBuckets); it is only called when a pattern is present. Duplicates are dropped."""
    out: list[str] = []
    names: Sequence[str] | None = None
    for target in targets:
        if target.startswith("s3://"):
            bucket, sep, prefix = target[5:].partition("/")
            if any(ch in bucket for ch in "*?["):
                if names is None:
                    if list_buckets is None:
                        raise ValueError(f"{target!r}: a bucket-name pattern needs a bucket listing")
                    names = sorted(list_buckets())
                out.extend(f"s3://{name}{sep}{prefix}" for name in names if fnmatch.fnmatchcase(name, bucket))
                continue
        out.append(target)
    seen: set[str] = set()
    return [t for t in out if not (t in seen or seen.add(t))]  # type: ignore[func-returns-value]


def s3_bucket_lister(client: Any) -> Callable[[], list[str]]:
    """A ``list_buckets`` for :func:`expand_targets` from an S3 client."""

    def names() -> list[str]:
        return [str(b["Name"]) for b in client.list_buckets().get("Buckets", [])]

    return names


def select(
    objects: Iterable[SourceObject],
    *,
    percentage: float | None = None,
    criteria: ObjectCriteria | None = None,
    seed: str = "",
    tag_lookup: Callable[[SourceObject], Mapping[str, str]] | None = None,
    on_eligible: Callable[[SourceObject], None] | None = None,
) -> Iterator[SourceObject]:
    """The objects that match ``criteria`` and fall in the ``percentage`` sample (by URI hash).
    ``on_eligible`` sees every object matching the criteria, sampled or not (for bucket
    coverage in sensitivity scores). Criteria are checked before tags are fetched."""
    for obj in objects:
        if criteria is not None and not criteria.keeps(obj, tag_lookup):
            continue
        if on_eligible is not None:
            on_eligible(obj)
        if sampled(obj.uri, percentage, seed):
            yield obj


__all__ = [
    "ObjectCriteria",
    "bucket_of",
    "expand_targets",
    "key_fraction",
    "object_info",
    "s3_bucket_lister",
    "s3_tag_lookup",
    "sampled",
    "select",
]
