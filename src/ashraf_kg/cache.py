"""The cache folder (:func:`ashraf_kg.fileio.cache_root`): bounded after each build, listed
and cleared on request.

Each kind of build result has its own sub-folder. An entry is a file named by the digest
of all it was made from (``dumps`` keeps three files per digest, ``<digest>.ttl``,
``.trig``, ``.jsonld``: one entry). A build sets the time of every entry it reuses and
writes each new one under a temporary name starting with ``.`` before renaming it, so
after a build (:func:`prune_build_cache`) the entries it used are the ones at least as
recent as its start, and an entry still being written is never seen as complete.

>>> prune_build_cache(since=started)            # doctest: +SKIP
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import AshrafKGError
from .fileio import cache_root

# The bounds, in one place. Whole-dataset kinds hold one entry per dataset built (dumps: the
# slow formats of the whole graph, some 15 MB each on the real corpus): the entries of
# the last RECENT_BUILDS datasets are kept, enough to go back and forth between a few
# branches, or with and without drafts, without writing them again.
RECENT_BUILDS = 4
WHOLE_KINDS = ("dumps", "network-page", "ontodoc", "shacl-datasets")
# Per-unit kinds hold one entry per document graph (its JSON-LD nodes, or the mark that it
# conformed): every entry the last build used is kept, then the most recent others while
# the kind stays within its budget in bytes (a file counts at least one BLOCK, so the empty
# marks of ``shacl`` are bounded too: 16 MiB is 4,096 of them).
UNIT_BUDGETS = {"jsonld": 64 << 20, "shacl": 16 << 20}
BLOCK = 4096
# A temporary file older than this was left by a build that stopped; it is removed too.
STALE_SECONDS = 24 * 3600
# The resident stores' sockets, locks and logs: never pruned nor cleared (a running
# store would lose its socket); `ashraf-kg store stop` ends them.
RESIDENT = "resident"


class CacheError(AshrafKGError):
    """The cache folder cannot be listed or cleared, or a kind named is not there."""


@dataclass(frozen=True)
class CacheKind:
    """One sub-folder of the cache: its ``name``, how many ``entries`` and ``size`` in bytes."""

    name: str
    entries: int
    size: int


@dataclass(frozen=True)
class CacheInfo:
    """The cache ``folder`` (None when ``ASHRAF_KG_CACHE_DIR`` is ``off``) and its ``kinds``."""

    folder: Path | None
    kinds: tuple[CacheKind, ...] = ()

    @property
    def size(self) -> int:
        return sum(kind.size for kind in self.kinds)


def prune_build_cache(since: float) -> None:
    """Bound every build-cache kind after a successful build that started at ``since``
    (seconds since the epoch): entries used or written since are kept, the older ones
    beyond :data:`RECENT_BUILDS` (whole-dataset kinds) or :data:`UNIT_BUDGETS` (per-unit
    kinds) are removed. Never raises: a cache that cannot be pruned costs only room."""
    root = cache_root()
    if root is None:
        return
    # File times may lag the clock by a tick: an entry of the second before counts as used.
    since -= 2
    for kind in (*WHOLE_KINDS, *UNIT_BUDGETS):
        folder = root / kind
        if not folder.is_dir():
            continue
        entries = _entries(folder)
        old = sorted((e for e in entries.values() if e.time < since), key=lambda e: e.time, reverse=True)
        if kind in UNIT_BUDGETS:
            room = UNIT_BUDGETS[kind] - sum(e.blocks for e in entries.values() if e.time >= since)
            kept = _fitting(old, room)
        else:
            kept = old[:max(RECENT_BUILDS - sum(e.time >= since for e in entries.values()), 0)]
        for entry in old[len(kept):]:
            _remove(entry.paths)
        _remove_stale(folder)


def cache_info() -> CacheInfo:
    """The cache folder and, for each kind (sub-folder), its entries and size in bytes."""
    root = cache_root()
    if root is None or not root.is_dir():
        return CacheInfo(root)
    try:
        folders = sorted(path for path in root.iterdir() if path.is_dir())
    except OSError as error:
        raise CacheError(f"cannot list the cache: {error.strerror or error}", where=str(root),
                         hint="check it is readable, or set ASHRAF_KG_CACHE_DIR to another folder") from None
    return CacheInfo(root, tuple(_kind_of(folder) for folder in folders))


def clear_cache(kinds: tuple[str, ...] | list[str] = ()) -> CacheInfo:
    """Remove every entry of the given ``kinds`` (default: all but the resident stores'
    sockets) and return what was there. Raises :class:`CacheError` for a kind that is not
    in the cache or is ``resident``; a kind's folder removed meanwhile is no error."""
    info = cache_info()
    if info.folder is None:  # ASHRAF_KG_CACHE_DIR=off: there is nothing to clear
        return info
    present = {kind.name: kind for kind in info.kinds}
    for name in kinds:
        if name == RESIDENT:
            raise CacheError("the resident stores' sockets are not cleared", where=str(info.folder / name),
                             hint="`ashraf-kg store stop --all` ends the resident stores")
        if name not in present:
            listed = ", ".join(k for k in present if k != RESIDENT) or "none"
            raise CacheError(f"no cache kind {name!r} (kinds present: {listed})",
                             where=str(info.folder), hint="`ashraf-kg cache info` lists them")
    chosen = [present[name] for name in (kinds or present) if name != RESIDENT]
    for kind in chosen:
        folder = info.folder / kind.name
        shutil.rmtree(folder, ignore_errors=True)
        if folder.exists():
            raise CacheError("cannot remove every entry", where=str(folder),
                             hint="check the folder is writable, or remove it by hand")
    return CacheInfo(info.folder, tuple(chosen))


@dataclass
class _Entry:
    paths: list
    time: float = 0.0
    blocks: int = 0


def _entries(folder: Path) -> dict[str, _Entry]:
    """The completed entries of ``folder`` by name (up to its first dot), with the time of
    their latest use and their size in bytes, each file counted as at least one block."""
    entries: dict[str, _Entry] = {}
    for path in _files(folder):
        if path.name.startswith("."):  # being written: not an entry yet
            continue
        try:
            stat = path.stat()
        except OSError:  # removed meanwhile
            continue
        entry = entries.setdefault(path.name.split(".")[0], _Entry([]))
        entry.paths.append(path)
        entry.time = max(entry.time, stat.st_mtime)
        entry.blocks += max(stat.st_size, BLOCK)
    return entries


def _fitting(entries: list[_Entry], room: int) -> list[_Entry]:
    """The first of ``entries`` (most recent first) whose sizes add up to ``room`` at most."""
    kept = []
    for entry in entries:
        room -= entry.blocks
        if room < 0:
            break
        kept.append(entry)
    return kept


def _remove(paths) -> None:
    for path in paths:
        try:
            path.unlink()
        except OSError:  # removed by another build's pruning, or read-only: left
            pass


def _remove_stale(folder: Path) -> None:
    limit = time.time() - STALE_SECONDS
    for path in _files(folder):
        try:
            if path.name.startswith(".") and path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def _files(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        return []


def _kind_of(folder: Path) -> CacheKind:
    """A kind's entries (named as pruning groups them: the files of a digest are one) and
    size in bytes (every file below it)."""
    names = {path.name.split(".")[0] for path in _files(folder) if not path.name.startswith(".")}
    size = 0
    for base, _, files in os.walk(folder):
        for name in files:
            try:
                size += os.lstat(os.path.join(base, name)).st_size
            except OSError:  # removed meanwhile
                pass
    return CacheKind(folder.name, len(names), size)
