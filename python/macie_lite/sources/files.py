"""Local files and directory trees (symlinks are not followed out of the tree; loops are cut)."""

from __future__ import annotations

import datetime as _dt
import fnmatch
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .base import SourceObject


def _resource(path: Path, root: Path, size: int, mtime: float) -> dict[str, Any]:
    rel = path.relative_to(root).as_posix() if path != root else path.name
    modified = _dt.datetime.fromtimestamp(mtime, _dt.timezone.utc).isoformat(timespec="seconds")
    return {
        "localFile": {
            "path": str(path),
            "root": str(root),
            "key": rel,
            "extension": path.suffix[1:].lower(),
            "size": size,
            "lastModified": modified.replace("+00:00", "Z"),
        }
    }


def _opener(path: Path) -> Any:
    def open_() -> IO[bytes]:
        return path.open("rb")

    return open_


def _nothing() -> IO[bytes]:
    return io.BytesIO(b"")


def iter_files(
    target: str | Path,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[SourceObject]:
    """Every regular file under ``target`` (or ``target`` itself), sorted, filtered by glob
    patterns on the path relative to the root."""
    root = Path(target)
    if root.is_file():
        st = root.stat()
        yield SourceObject(
            str(root), root.name, st.st_size, _opener(root), _resource(root, root, st.st_size, st.st_mtime)
        )
        return
    if not root.is_dir():
        raise FileNotFoundError(f"{target}: no such file or directory")
    real_root = root.resolve()
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        d = Path(dirpath)
        try:
            st = d.stat()
        except OSError:
            dirnames[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        resolved = d.resolve()
        # A symlinked directory that leaves the tree, or one already walked (a loop), is skipped.
        if key in seen or (resolved != real_root and real_root not in resolved.parents):
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames.sort()
        for fname in sorted(filenames):
            path = d / fname
            rel = path.relative_to(root).as_posix()
            if include and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(fname, g) for g in include):
                continue
            if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(fname, g) for g in exclude):
                continue
            yield _file_object(path, root, real_root)


def _file_object(path: Path, root: Path, real_root: Path) -> SourceObject:
    try:
        st = path.stat()
    except OSError as exc:
        return SourceObject(
            str(path),
            path.name,
            0,
            _nothing,
            _resource(path, root, 0, 0),
            error=("PERMISSION_DENIED", exc.strerror or str(exc)),
        )
    resource = _resource(path, root, st.st_size, st.st_mtime)
    resolved = path.resolve()
    if resolved != real_root and real_root not in resolved.parents:
        return SourceObject(
            str(path),
            path.name,
            st.st_size,
            _nothing,
            resource,
            error=("UNSUPPORTED_FILE_TYPE_EXCEPTION", "symlink points outside the scanned tree"),
        )
    if not path.is_file():
        return SourceObject(
            str(path),
            path.name,
            0,
            _nothing,
            resource,
            error=("UNSUPPORTED_FILE_TYPE_EXCEPTION", "not a regular file"),
        )
    if not os.access(path, os.R_OK):
        return SourceObject(
            str(path),
            path.name,
            st.st_size,
            _nothing,
            resource,
            error=("PERMISSION_DENIED", "file is not readable"),
        )
    return SourceObject(str(path), path.name, st.st_size, _opener(path), resource)
