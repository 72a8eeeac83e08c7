"""Output writers: each takes the stream of object results and writes one format."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    """stdout when ``path`` is None or "-"; otherwise a temporary file beside ``path`` that is
    renamed into place only when writing finished, so an interrupted scan leaves no half file."""
    if path in (None, "-"):
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
