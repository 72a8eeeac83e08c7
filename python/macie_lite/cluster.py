"""Scanning on a Dask distributed cluster: the client lists and partitions, workers scan.

The client (this process) lists every target, applies the run's scope and sample, and sends
batches of object descriptors (URI, resource block, no bytes) to the workers; each worker
builds its :class:`~macie_lite.engine.Scanner` once per selection (a per-process cache keyed by
a hash of the scanner arguments), opens the objects itself (S3 or a shared filesystem) and
scans them with the same :func:`~macie_lite.scan.scan_object` as a local scan, so each object's
result is the same. Results stream back as batches complete; a batch whose worker dies is
rerun elsewhere by the scheduler, then object by object, and an object that still cannot be
scanned gets a SKIPPED result rather than disappearing. With a checkpoint, finished objects
are journalled and a resumed run replays them instead of scanning them again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from .checkpoint import Checkpoint, object_identity
from .formats import Limits
from .sampling import ObjectCriteria, bucket_of, expand_targets, s3_bucket_lister, s3_tag_lookup, select
from .scan import ObjectFilter, ObjectResult, iter_objects, scan_object
from .scores import ScoreBoard
from .sources import SourceObject

if TYPE_CHECKING:
    from distributed import Client

    from .engine import Scanner

_log = logging.getLogger(__name__)

# -- worker side ----------------------------------------------------------------------------

_LOCK = threading.Lock()
_SCANNERS: dict[str, Scanner] = {}
_S3_CLIENTS: dict[str | None, Any] = {}
_STATS = {"compiles": 0, "objects": 0, "batches": 0, "busy_us": 0}


@dataclass(frozen=True)
class ObjectRef:
    """What a worker needs to open and report one object: no bytes, no open handles."""

    uri: str
    name: str
    size: int
    resource: dict[str, Any]
    error: tuple[str, str] | None = None


@dataclass(frozen=True)
class ScanOptions:
    """Per-run settings every worker applies (the same as :func:`macie_lite.scan.scan_target`'s)."""

    endpoint_url: str | None = None
    limits: Limits = field(default_factory=Limits)
    preview: bool = True
    reveal: bool = False


def scanner_key(scanner_args: Mapping[str, Any]) -> str:
    """A hash naming a selection (managed/custom identifiers, allow lists, engine), so a
    worker compiles each selection once and a changed selection is compiled afresh."""
    blob = pickle.dumps(sorted(scanner_args.items()), protocol=4)
    return hashlib.sha256(blob).hexdigest()[:32]


def _worker_scanner(key: str, scanner_args: Mapping[str, Any]) -> Scanner:
    """This process's Scanner for a selection, compiled on first use (thread-safe)."""
    scanner = _SCANNERS.get(key)
    if scanner is not None:
        return scanner
    with _LOCK:
        scanner = _SCANNERS.get(key)
        if scanner is None:
            from .engine import Scanner

            scanner = Scanner(**dict(scanner_args))
            _SCANNERS[key] = scanner
            _STATS["compiles"] += 1
    return scanner


def _s3_client(endpoint_url: str | None) -> Any:
    client = _S3_CLIENTS.get(endpoint_url)
    if client is None:
        with _LOCK:
            client = _S3_CLIENTS.get(endpoint_url)
            if client is None:
                from .sources.s3 import make_client

                client = _S3_CLIENTS[endpoint_url] = make_client(endpoint_url)
    return client


def _source_object(ref: ObjectRef, endpoint_url: str | None) -> SourceObject:
    """A SourceObject rebuilt on the worker: S3 objects open with a GetObject, files from disk."""
    resource = {k: (dict(v) if isinstance(v, dict) else v) for k, v in ref.resource.items()}
    s3 = resource.get("s3Object")
    if ref.error is None and isinstance(s3, dict):
        from .sources.s3 import open_object

        bucket, key = str(resource["s3Bucket"]["name"]), str(s3["key"])

        def open_s3() -> IO[bytes]:
            return open_object(_s3_client(endpoint_url), bucket, key, resource)

        return SourceObject(ref.uri, ref.name, ref.size, open_s3, resource)

    def open_file() -> IO[bytes]:
        return open(ref.uri, "rb")  # the scan closes it

    return SourceObject(ref.uri, ref.name, ref.size, open_file, resource, error=ref.error)


def scan_batch(
    key: str, scanner_args: Mapping[str, Any], refs: Sequence[ObjectRef], opts: ScanOptions
) -> list[ObjectResult]:
    """The task a worker runs: scans ``refs`` in order with its cached Scanner."""
    started = time.perf_counter()
    scanner = _worker_scanner(key, scanner_args)
    out = []
    for ref in refs:
        obj = _source_object(ref, opts.endpoint_url)
        out.append(scan_object(scanner, obj, preview=opts.preview, reveal=opts.reveal, limits=opts.limits))
        _STATS["objects"] += 1
    _STATS["batches"] += 1
    _STATS["busy_us"] += int((time.perf_counter() - started) * 1e6)
    return out


def worker_stats() -> dict[str, int]:
    """This process's counters (compiled selections, objects and batches scanned, microseconds
    spent in scan tasks, pid); run it
    on every worker with ``client.run(worker_stats)``."""
    return {**_STATS, "pid": os.getpid(), "cached_scanners": len(_SCANNERS)}


def unscannable(ref: ObjectRef, scanner: Scanner, opts: ScanOptions, detail: str) -> ObjectResult:
    """The SKIPPED result of an object whose scan kept failing on the cluster (e.g. it crashed
    every worker that tried it): reported, never silently dropped."""
    obj = SourceObject(
        ref.uri, ref.name, ref.size, _no_bytes, dict(ref.resource), error=("UNABLE_TO_PARSE_FILE", detail)
    )
    return scan_object(scanner, obj, preview=opts.preview, reveal=opts.reveal, limits=opts.limits)


def _no_bytes() -> IO[bytes]:
    raise OSError("not opened")


# -- client side ----------------------------------------------------------------------------


def _distributed() -> Any:
    """The ``distributed`` module (untyped, imported only when a cluster is used)."""
    import distributed

    return distributed


def connect(cluster: str | Client) -> tuple[Any, Callable[[], None]]:
    """A Client for ``cluster``: an existing Client, a scheduler address (``tcp://host:8786``)
    or ``local:N`` (a LocalCluster of N single-threaded worker processes on this machine).
    Returns the client and a function that closes what was created here."""
    dd = _distributed()
    if not isinstance(cluster, str):
        if not isinstance(cluster, dd.Client):
            raise TypeError(
                f"cluster: expected a distributed.Client, an address or 'local:N', got {type(cluster).__name__}"
            )
        return cluster, lambda: None
    if cluster.startswith("local:"):
        n = int(cluster.split(":", 1)[1] or os.cpu_count() or 1)
        local = dd.LocalCluster(
            n_workers=n, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.WARNING
        )
        client = dd.Client(local)

        def close_local() -> None:
            client.close()
            local.close()

        return client, close_local
    remote = dd.Client(cluster, timeout=30)
    return remote, remote.close


@dataclass
class _Batch:
    """A run of listed objects in listing order: those to scan (refs) and those replayed from
    the checkpoint, merged back in order when the batch completes."""

    index: int
    slots: list[tuple[str, str, ObjectRef | ObjectResult]]  # (identity, bucket, ref or replayed result)

    @property
    def refs(self) -> list[ObjectRef]:
        return [s[2] for s in self.slots if isinstance(s[2], ObjectRef)]


def _ref(obj: SourceObject, limits: Limits) -> ObjectRef:
    error = obj.error
    if error is None and obj.size > limits.max_object_bytes:
        error = ("FILE_EXCEEDS_SIZE_LIMIT", f"{obj.size} bytes is over the {limits.max_object_bytes} limit")
    return ObjectRef(obj.uri, obj.name, obj.size, obj.resource, error)


def scan_cluster(
    scanner_args: Mapping[str, Any],
    targets: Sequence[str],
    *,
    cluster: str | Client,
    sample: float | None = None,
    criteria: ObjectCriteria | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    checkpoint: str | os.PathLike[str] | None = None,
    resume: bool = False,
    endpoint_url: str | None = None,
    limits: Limits | None = None,
    preview: bool = True,
    reveal: bool = False,
    scores: ScoreBoard | None = None,
    ordered: bool = False,
    batch_objects: int = 16,
    batch_bytes: int = 16 << 20,
    max_in_flight: int | None = None,
    seed: str = "",
    retries: int = 1,
) -> Iterator[ObjectResult]:
    """Scans ``targets`` (``s3://bucket[/prefix]`` with ``*?[`` patterns allowed in the bucket
    name, directories or files on a filesystem every worker sees) on a Dask cluster, yielding one
    :class:`ObjectResult` per selected object as batches complete (``ordered=True``: in listing
    order, as a local scan). ``scanner_args`` are :class:`Scanner` keyword arguments;
    ``sample`` is a percentage (0-100) picked by key hash; ``criteria``/``include``/``exclude``
    scope the objects; ``checkpoint`` journals finished objects and ``resume`` replays the
    journal instead of rescanning; ``scores`` accumulates bucket sensitivity statistics.
    Listing errors (missing bucket, no access) raise as in a local scan."""
    dd = _distributed()
    limits = limits or Limits()
    opts = ScanOptions(endpoint_url, limits, preview, reveal)
    args = dict(scanner_args)
    key = scanner_key(args)
    client, close = connect(cluster)
    journal: Checkpoint | None = None
    fallback: list[Scanner] = []
    run = uuid.uuid4().hex[:12]
    futures: dict[Any, _Batch] = {}
    try:
        journal = Checkpoint.open(checkpoint, resume=resume) if checkpoint is not None else None
        nthreads = sum(client.nthreads().values()) or 1
        window = max_in_flight or max(2, 2 * nthreads)
        batches = _plan_batches(
            targets,
            opts,
            sample,
            criteria,
            ObjectFilter(include, exclude),
            journal,
            scores,
            seed,
            batch_objects,
            batch_bytes,
        )
        pending = dd.as_completed()
        ready: dict[int, list[ObjectResult]] = {}
        next_index = 0
        listing_done = False

        def submit(batch: _Batch, refs: list[ObjectRef], attempt: str) -> None:
            fut = client.submit(
                scan_batch,
                key,
                args,
                refs,
                opts,
                key=f"macie-scan-{run}-{batch.index}-{attempt}",
                pure=False,
                retries=retries,
            )
            futures[fut] = batch
            pending.add(fut)

        def finish(batch: _Batch, scanned: list[ObjectResult]) -> list[ObjectResult]:
            it = iter(scanned)
            out: list[ObjectResult] = []
            for identity, bucket, item in batch.slots:
                if isinstance(item, ObjectRef):
                    res = next(it)
                    if journal is not None:
                        journal.record(identity, res)
                else:
                    res = item
                if scores is not None:
                    scores.add(bucket, res)
                out.append(res)
            return out

        while True:
            while not listing_done and len(futures) < window and len(ready) < window:
                batch = next(batches, None)
                if batch is None:
                    listing_done = True
                    break
                if batch.refs:
                    submit(batch, batch.refs, "a")
                else:
                    ready[batch.index] = finish(batch, [])
            if not ordered:
                for index in sorted(ready):
                    yield from ready.pop(index)
            else:
                while next_index in ready:
                    yield from ready.pop(next_index)
                    next_index += 1
            if not futures:
                if listing_done:
                    break
                continue
            fut = next(pending)
            batch = futures.pop(fut)
            if fut.status == "finished":
                ready[batch.index] = finish(batch, fut.result())
            else:
                ready[batch.index] = finish(batch, _rescue(client, fut, batch, key, args, opts, retries, run, fallback))
        for index in sorted(ready):
            yield from ready.pop(index)
    finally:
        if futures:
            client.cancel(list(futures))
        if journal is not None:
            journal.close()
        close()


def _rescue(
    client: Any,
    failed: Any,
    batch: _Batch,
    key: str,
    args: Mapping[str, Any],
    opts: ScanOptions,
    retries: int,
    run: str,
    fallback: list[Scanner],
) -> list[ObjectResult]:
    """A batch whose task failed even after the scheduler's reruns (it killed workers, or raised):
    each object is tried alone once more; one that still fails is reported SKIPPED."""
    problem = type(failed.exception()).__name__ if failed.status == "error" else failed.status
    _log.warning("batch %d failed on the cluster (%s); retrying its objects one by one", batch.index, problem)
    refs = batch.refs
    singles = [
        client.submit(
            scan_batch, key, args, [ref], opts, key=f"macie-scan-{run}-{batch.index}-s{i}", pure=False, retries=retries
        )
        for i, ref in enumerate(refs)
    ]
    _distributed().wait(singles)
    out: list[ObjectResult] = []
    for ref, fut in zip(refs, singles):
        if fut.status == "finished":
            out.extend(fut.result())
            continue
        if not fallback:
            from .engine import Scanner

            fallback.append(Scanner(**dict(args)))
        why = type(fut.exception()).__name__ if fut.status == "error" else fut.status
        out.append(unscannable(ref, fallback[0], opts, f"scanning failed on the cluster ({why})"))
    return out


def _plan_batches(
    targets: Sequence[str],
    opts: ScanOptions,
    sample: float | None,
    criteria: ObjectCriteria | None,
    where: ObjectFilter,
    journal: Checkpoint | None,
    scores: ScoreBoard | None,
    seed: str,
    batch_objects: int,
    batch_bytes: int,
) -> Iterator[_Batch]:
    """Lists the targets lazily and cuts the selected objects into batches (by count and bytes)."""
    s3_client: list[Any] = []

    def s3() -> Any:
        if not s3_client:
            from .sources.s3 import make_client

            s3_client.append(make_client(opts.endpoint_url))
        return s3_client[0]

    expanded = expand_targets(targets, lambda: s3_bucket_lister(s3())())
    tag_lookup = s3_tag_lookup(s3()) if criteria is not None and criteria.tags else None
    slots: list[tuple[str, str, ObjectRef | ObjectResult]] = []
    size = 0
    index = 0
    for target in expanded:
        default_bucket = target
        if scores is not None:
            scores.declare(target[5:].partition("/")[0] if target.startswith("s3://") else target)
        objects: Iterable[SourceObject] = iter_objects(
            target, endpoint_url=opts.endpoint_url, max_size=opts.limits.max_object_bytes, where=where
        )

        def eligible(obj: SourceObject, default: str = default_bucket) -> None:
            if scores is not None:
                scores.eligible(bucket_of(obj, default), obj.size)

        for obj in select(
            objects, percentage=sample, criteria=criteria, seed=seed, tag_lookup=tag_lookup, on_eligible=eligible
        ):
            identity = object_identity(obj.uri, obj.resource)
            bucket = bucket_of(obj, default_bucket)
            done = journal.result(identity) if journal is not None else None
            if done is not None:
                slots.append((identity, bucket, done))
            else:
                ref = _ref(obj, opts.limits)
                slots.append((identity, bucket, ref))
                size += ref.size
            if len(slots) >= batch_objects or size >= batch_bytes:
                yield _Batch(index, slots)
                index += 1
                slots, size = [], 0
    if slots:
        yield _Batch(index, slots)


__all__ = [
    "ObjectRef",
    "ScanOptions",
    "connect",
    "scan_batch",
    "scan_cluster",
    "scanner_key",
    "worker_stats",
]
