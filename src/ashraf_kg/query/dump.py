"""The dump a query reads: where it is, the SHA-256 the build recorded for it, and its stamp.

Apart from :mod:`.store` because a one-shot query answered by the resident store needs
these and nothing of the store itself: importing pyoxigraph was a sixth of its start-up.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import QueryError

DUMP_NAME = "ashraf-kg.nq"
DEFAULT_GRAPH_DIR = Path("graph")

_hashes: dict[tuple[Path, str], str] = {}


def find_dump(graph_dir: str | os.PathLike | None = None) -> Path:
    """Path of the N-Quads dump in ``graph_dir`` (default ``graph/``); raises QueryError if absent."""
    folder = Path(graph_dir) if graph_dir is not None else DEFAULT_GRAPH_DIR
    dump = folder / DUMP_NAME
    if not dump.is_file():
        raise QueryError(f"no graph dump at {dump}",
                         hint="run `ashraf-kg build` first, or work inside the project "
                              "(or pass --root DIR or --graph-dir DIR)")
    return dump


def hash_dump(dump: Path) -> str:
    """SHA-256 (hex) of a dump, remembered within the process per path and
    :func:`file_stamp` (so an edit that keeps the size and modification time is seen)."""
    key = (dump.resolve(), file_stamp(dump))
    if key not in _hashes:
        import hashlib  # here, not at the top: a query process that finds its store hashes nothing

        digest = hashlib.sha256()
        with dump.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _hashes[key] = digest.hexdigest()
    return _hashes[key]


def recorded_hash(dump: Path) -> str | None:
    """The SHA-256 the build recorded for ``dump`` in ``void.ttl`` beside it, if any."""
    void = dump.with_name("void.ttl")
    try:
        text = void.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    match = re.search(rf"/{re.escape(dump.name)}/checksum> a spdx:Checksum ;[^.]*?"
                      r'spdx:checksumValue "([0-9a-f]{64})"', text)
    return match[1] if match else None


def file_stamp(dump: Path) -> str:
    """What changes whenever the file's bytes may have: its identity, size and times.

    The change time (ctime) cannot be set back by a user, so an edited dump never
    matches a stamp taken before the edit, whatever its modification time says.
    """
    stat = dump.stat()
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}\n"
