"""The dump a query reads: where it is, the SHA-256 the build recorded for it, and its stamp.

Apart from :mod:`.store` because a one-shot query answered by the resident store needs
these and nothing of the store itself: importing pyoxigraph was a sixth of its start-up.
Paths are taken as ``str`` or ``os.PathLike`` and worked on with :mod:`os.path`, and
pathlib is imported only by :func:`find_dump`: the quick path of such a query
(:mod:`ashraf_kg.cli.quick`) imports no pathlib at all.
"""

from __future__ import annotations

import os
import re

from ..errors import QueryError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (7 ms in a one-shot query)
if TYPE_CHECKING:
    from pathlib import Path

DUMP_NAME = "ashraf-kg.nq"
DEFAULT_GRAPH_DIR = "graph"

_hashes: dict[tuple[str, str], str] = {}


def locate_dump(graph_dir: str | os.PathLike | None = None) -> str:
    """Path of the N-Quads dump in ``graph_dir`` (default ``graph/``), as a string; raises
    QueryError if absent."""
    dump = os.path.join(os.fspath(graph_dir) if graph_dir is not None else DEFAULT_GRAPH_DIR, DUMP_NAME)
    if not os.path.isfile(dump):
        raise QueryError(f"no graph dump at {dump}",
                         hint="run `ashraf-kg build` first, or work inside the project "
                              "(or pass --root DIR or --graph-dir DIR)")
    return dump


def find_dump(graph_dir: str | os.PathLike | None = None) -> Path:
    """Path of the N-Quads dump in ``graph_dir`` (default ``graph/``); raises QueryError if absent."""
    from pathlib import Path

    return Path(locate_dump(graph_dir))


def hash_dump(dump: str | os.PathLike) -> str:
    """SHA-256 (hex) of a dump, remembered within the process per path and
    :func:`file_stamp` (so an edit that keeps the size and modification time is seen)."""
    key = (os.path.realpath(dump), file_stamp(dump))
    if key not in _hashes:
        import hashlib  # here, not at the top: a query process that finds its store hashes nothing

        digest = hashlib.sha256()
        with open(dump, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _hashes[key] = digest.hexdigest()
    return _hashes[key]


def recorded_hash(dump: str | os.PathLike) -> str | None:
    """The SHA-256 the build recorded for ``dump`` in ``void.ttl`` beside it, if any."""
    folder, name = os.path.split(os.fspath(dump))
    try:
        with open(os.path.join(folder, "void.ttl"), encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeError):
        return None
    match = re.search(rf"/{re.escape(name)}/checksum> a spdx:Checksum ;[^.]*?"
                      r'spdx:checksumValue "([0-9a-f]{64})"', text)
    return match[1] if match else None


def file_stamp(dump: str | os.PathLike) -> str:
    """What changes whenever the file's bytes may have: its identity, size and times.

    The change time (ctime) cannot be set back by a user, so an edited dump never
    matches a stamp taken before the edit, whatever its modification time says.
    """
    stat = os.stat(dump)
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}\n"
