"""A resumable run's journal: one JSON line per finished object, appended next to the output.

Each line holds the object's whole result (finding, discovery result, counts), so a resumed run
replays finished objects from the journal and scans only the rest: the rewritten output has
every finding exactly once, whatever the output format. A line is written with one ``write``
on an ``O_APPEND`` descriptor and fsynced in small groups; a crash can only leave a torn last
line, which :meth:`Checkpoint.open` drops (that object is simply scanned again).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .scan import ObjectResult

FORMAT = "macie-lite-checkpoint/1"


def checkpoint_path(output: str | os.PathLike[str]) -> Path:
    """Where the checkpoint of ``output`` lives: ``<output>.checkpoint.jsonl`` beside it."""
    out = Path(output)
    return out.with_name(out.name + ".checkpoint.jsonl")


def object_identity(uri: str, resource: dict[str, Any]) -> str:
    """What makes an object "the same" across runs: its URI and, for S3, the listed ETag
    (a changed object is scanned again). Local files use URI, size and mtime."""
    s3 = resource.get("s3Object")
    if isinstance(s3, dict):
        return f"{uri}\x00{s3.get('eTag', '')}"
    local = resource.get("localFile")
    if isinstance(local, dict):
        return f"{uri}\x00{local.get('size', '')}\x00{local.get('lastModified', '')}"
    return uri


class Checkpoint:
    """An append-only journal of finished objects. ``done(identity)`` says whether an object is
    finished; ``record`` appends a result; ``replay`` yields the recorded results."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]], fd: int, sync_every: float) -> None:
        self.path = path
        self._entries = entries
        self._fd = fd
        self._sync_every = sync_every
        self._last_sync = time.monotonic()
        self._unsynced = 0
        self.recorded = 0  # lines appended by this process

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, resume: bool = True, sync_every: float = 0.5) -> Checkpoint:
        """Opens (``resume``) or starts afresh a checkpoint file. A torn or unreadable trailing
        line is cut off so the next append starts on a clean line."""
        p = Path(path)
        entries: dict[str, dict[str, Any]] = {}
        if resume and p.exists():
            good = 0
            with p.open("rb") as fh:
                for raw in fh:
                    if not raw.endswith(b"\n"):
                        break
                    try:
                        entry = json.loads(raw)
                    except ValueError:
                        break
                    if not isinstance(entry, dict) or entry.get("format") != FORMAT:
                        break
                    entries[str(entry["id"])] = entry
                    good += len(raw)
            if good != p.stat().st_size:
                os.truncate(p, good)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (0 if resume else os.O_TRUNC)
        fd = os.open(p, flags, 0o600)
        return cls(p, entries, fd, sync_every)

    def __len__(self) -> int:
        return len(self._entries)

    def done(self, identity: str) -> bool:
        """Whether the object with this identity finished in an earlier (or this) run."""
        return identity in self._entries

    def record(self, identity: str, result: ObjectResult) -> None:
        """Appends a finished object (one write of one whole line)."""
        entry = {"format": FORMAT, "id": identity, "result": asdict(result)}
        line = json.dumps(entry, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
        view = memoryview(line)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._entries[identity] = entry
        self.recorded += 1
        self._unsynced += 1
        now = time.monotonic()
        if now - self._last_sync >= self._sync_every:
            self.sync()

    def sync(self) -> None:
        """Forces appended lines to disk."""
        if self._unsynced and self._fd >= 0:
            os.fsync(self._fd)
            self._unsynced = 0
        self._last_sync = time.monotonic()

    def replay(self) -> Iterator[ObjectResult]:
        """The results recorded so far, in the order they were first written."""
        for entry in list(self._entries.values()):
            yield ObjectResult(**entry["result"])

    def result(self, identity: str) -> ObjectResult | None:
        """The recorded result of one object, if finished."""
        entry = self._entries.get(identity)
        return None if entry is None else ObjectResult(**entry["result"])

    def close(self) -> None:
        """Syncs and closes the journal (idempotent)."""
        if self._fd >= 0:
            self.sync()
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> Checkpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["FORMAT", "Checkpoint", "checkpoint_path", "object_identity"]
