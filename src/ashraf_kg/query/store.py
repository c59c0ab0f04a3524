"""The embedded store: the N-Quads dump loaded into pyoxigraph, in memory or cached on disk.

Two storages, one query engine (Oxigraph), the same answers:

``memory`` (the library's default)
    The dump is parsed once per process into pyoxigraph's in-memory store and kept for
    the life of the process; a changed dump (new size or modification time) is parsed
    again. This is the fast one for programs, notebooks and servers of their own that run
    many queries: at 1M triples it loads in a few seconds and answers the named queries
    several times faster than the disk store (``benchmarks/results-stores.md``).

``disk`` (the command line's default)
    The first query after a build bulk-loads the dump into an Oxigraph (RocksDB) store
    under the cache folder, keyed by the SHA-256 of the dump and the pyoxigraph version;
    later queries, in later processes, open that folder read-only and parse nothing. The
    hash is the one ``void.ttl`` records, checked once per dump file (see
    :func:`store_path`); a changed dump has a new hash, so it is loaded afresh. The folder is built under a
    temporary name and renamed into place, so a crash never leaves a half-loaded cache.
    One ``ashraf-kg query`` is one process, so this is what the command line uses.

Named graphs are kept: each document's statements stay in ``id/graph/<doc-id>``, the
ontology in ``id/graph/ontology`` and the registry in ``id/graph/registry``.

Default graph convention: every query runs with the **union of all named graphs as its
default graph** (pyoxigraph's ``use_default_graph_as_union=True``; ``oxigraph serve
--union-default-graph``; Virtuoso's default graph without ``FROM`` is the same union).
A triple stated in two graphs therefore matches twice, which is why the named queries
use ``SELECT DISTINCT`` or ``COUNT(DISTINCT …)`` (or count the rows of a nested
``SELECT DISTINCT``). ``GRAPH ?g { … }`` still reaches a
single graph when the source of a statement matters.
"""

from __future__ import annotations

import _thread
import os
import re
from pathlib import Path

import pyoxigraph

from ..choices import STORAGES
from ..errors import QueryError
from ..fileio import cache_root as build_cache_root
from ..fileio import mark_used
from .dump import file_stamp, find_dump, hash_dump, recorded_hash

STAMPS = "verified-stamps"  # in a cache folder: the dump files proved to hash to its name
_KEEP_CACHES = 8  # most recently used store folders kept per pyoxigraph version
_HASH_NAME = re.compile("[0-9a-f]{64}")  # a store folder; others (the resident stores') are kept


_opened: dict[Path, pyoxigraph.Store] = {}
_in_memory: dict[Path, tuple[tuple[int, int], pyoxigraph.Store]] = {}
_lock = _thread.allocate_lock()  # threading.Lock itself, without importing threading in every query process


def cache_root() -> Path | None:
    """Folder of the cached stores: the build cache folder (:func:`ashraf_kg.fileio.cache_root`,
    ``~/.cache/ashraf-kg`` by default), one sub-folder per pyoxigraph version; None when
    ``ASHRAF_KG_CACHE_DIR`` is ``off``."""
    root = build_cache_root()
    return None if root is None else root / f"oxigraph-{pyoxigraph.__version__}"


def stamp_verified(dump: Path, target: Path) -> bool:
    """Whether the cache in ``target`` was already checked against this very file."""
    try:
        return file_stamp(dump) in (target / STAMPS).read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError:
        return False


def _remember(dump: Path, target: Path) -> None:
    try:
        with open(target / STAMPS, "a", encoding="utf-8") as handle:
            handle.write(file_stamp(dump))
    except OSError:
        pass  # a read-only cache still serves queries; the dump is hashed again next time


def store_path(graph_dir: str | os.PathLike | None = None, *,
               cache_dir: str | os.PathLike | None = None) -> Path:
    """Folder of the cached store for the dump in ``graph_dir``, loading it there first if needed.

    The folder is named by the dump's SHA-256 as ``void.ttl`` records it, so a process
    does not hash the dump to find its cache. A dump seen for the first time (by its
    device, inode, size, modification and change times) is hashed once to prove the
    record right; an edited dump fails that check and gets a cache of its own.

    >>> store_path("graph")  # doctest: +SKIP
    PosixPath('/home/me/.cache/ashraf-kg/oxigraph-0.5.13/3f1c…')
    """
    dump = find_dump(graph_dir)
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    if root is None:
        raise QueryError("the store cache is off (ASHRAF_KG_CACHE_DIR=off)", where=str(dump),
                         hint="query with --storage memory, or unset ASHRAF_KG_CACHE_DIR")
    recorded = recorded_hash(dump)
    target = root / recorded if recorded else None
    if target is None or not target.is_dir() or not stamp_verified(dump, target):
        target = root / hash_dump(dump)
        if not target.is_dir():
            _load_into_cache(dump, target)
        _remember(dump, target)
    mark_used(target)  # a read-only cache still serves queries, unmarked
    return target


def _load_into_cache(dump: Path, target: Path) -> None:
    import shutil
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name[:12]}-", dir=target.parent))
    except OSError as error:
        raise QueryError(f"cannot write the store cache: {error.strerror or error}", where=str(target.parent),
                         hint="set ASHRAF_KG_CACHE_DIR to a writable folder") from None
    try:
        store = pyoxigraph.Store(str(building))
        try:
            store.bulk_load(path=str(dump), format=pyoxigraph.RdfFormat.N_QUADS)
        except SyntaxError as error:
            raise QueryError(f"cannot load the dump: {error}", where=str(dump),
                             hint="rebuild it with `ashraf-kg build`") from None
        store.flush()
        del store
        try:
            building.rename(target)
        except OSError:
            if not target.is_dir():  # another process may have won the race
                raise
    except OSError as error:
        raise QueryError(f"cannot write the store cache: {error}", where=str(target.parent),
                         hint="set ASHRAF_KG_CACHE_DIR to a writable folder") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
    _prune(target.parent, keep=target)


def _prune(root: Path, *, keep: Path) -> None:
    """Remove all but the most recently used store folders (never ``keep``)."""
    import shutil

    folders = sorted((p for p in root.iterdir() if p.is_dir() and _HASH_NAME.fullmatch(p.name)),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[_KEEP_CACHES:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def check_storage(storage: str) -> str:
    """``storage`` itself if it is one of :data:`STORAGES`; raises QueryError otherwise."""
    if storage not in STORAGES:
        raise QueryError(f"unknown storage {storage!r}",
                         hint=f"use one of: {', '.join(STORAGES)}")
    return storage


def open_store(graph_dir: str | os.PathLike | None = None, *, storage: str = "memory",
               cache_dir: str | os.PathLike | None = None) -> pyoxigraph.Store:
    """The embedded store of the dump in ``graph_dir``: in memory (default) or the disk cache.

    The store is opened once per process and storage, and reused. Query it with
    ``use_default_graph_as_union=True`` to see all named graphs, as the named queries
    expect (``ashraf_kg.query.run.run_query`` does). ``cache_dir`` only concerns ``disk``.

    >>> store = open_store("graph")  # doctest: +SKIP
    >>> len(list(store.named_graphs()))  # doctest: +SKIP
    4
    """
    if check_storage(storage) == "memory":
        return load_in_memory(find_dump(graph_dir))
    path = store_path(graph_dir, cache_dir=cache_dir)
    with _lock:
        if path not in _opened:
            try:
                _opened[path] = pyoxigraph.Store.read_only(str(path))
            except OSError as error:
                raise QueryError(f"cannot open the store cache: {error}", where=str(path),
                                 hint="delete that folder; it is rebuilt on the next query") from None
        return _opened[path]


def load_in_memory(dump: Path) -> pyoxigraph.Store:
    """The dump parsed into pyoxigraph's in-memory store, once per process and dump version.

    The version is the file's size and modification time, so a rebuilt dump is parsed
    again and the older store is let go.
    """
    stat = dump.stat()
    version = (stat.st_size, stat.st_mtime_ns)
    key = dump.resolve()
    with _lock:
        known = _in_memory.get(key)
        if known is not None and known[0] == version:
            return known[1]
        store = parse_dump(dump)
        _in_memory[key] = (version, store)
        return store


def parse_dump(dump: Path) -> pyoxigraph.Store:
    """A new in-memory store holding the N-Quads dump; a broken or unreadable dump is one
    :class:`QueryError` naming the file."""
    store = pyoxigraph.Store()
    try:
        store.load(path=str(dump), format=pyoxigraph.RdfFormat.N_QUADS)
    except SyntaxError as error:
        raise QueryError(f"cannot load the dump: {error}", where=str(dump),
                         hint="rebuild it with `ashraf-kg build`") from None
    except OSError as error:
        raise QueryError(f"cannot read the dump: {error}", where=str(dump)) from None
    return store


def open_rdflib_graph(graph_dir: str | os.PathLike | None = None, *,
                      store: pyoxigraph.Store | None = None, storage: str = "memory",
                      cache_dir: str | os.PathLike | None = None):
    """An rdflib ``Dataset`` over the embedded store (through oxrdflib), read-only in use.

    Its default graph is the union of the named graphs, so ``dataset.query(...)`` behaves
    like :func:`ashraf_kg.query.run.run_query`, and ``dataset.graph(iri)`` is one named graph.

    >>> ds = open_rdflib_graph("graph")  # doctest: +SKIP
    >>> ds.value(URIRef(".../id/person/nouri-al-maliki"), RDFS.label)  # doctest: +SKIP
    rdflib.term.Literal('Nouri al-Maliki', lang='en')
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from ..namespaces import bind_prefixes

    inner = store if store is not None else open_store(graph_dir, storage=storage,
                                                       cache_dir=cache_dir)
    dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)
    bind_prefixes(dataset)
    return dataset


def query_worker(path: str, text: str, prefixes: dict, sender) -> None:
    """In a worker process: run the query on the cached store, send back the serialized result."""
    try:
        store = pyoxigraph.Store.read_only(path)
        answer = store.query(text, prefixes=prefixes, use_default_graph_as_union=True)
        if isinstance(answer, pyoxigraph.QueryTriples):
            sender.send(("graph", pyoxigraph.serialize(answer, format=pyoxigraph.RdfFormat.N_TRIPLES)))
        else:
            sender.send(("results", answer.serialize(format=pyoxigraph.QueryResultsFormat.JSON)))
    except SyntaxError as error:
        sender.send(("syntax", str(error)))
    except (OSError, RuntimeError, ValueError) as error:
        sender.send(("error", str(error)))
    finally:
        sender.close()
