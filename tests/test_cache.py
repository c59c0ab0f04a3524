"""The cache folder: bounded after each build, listed and cleared; nothing at all when off."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ashraf_kg import cache
from ashraf_kg.cache import (
    BLOCK,
    RECENT_BUILDS,
    STALE_SECONDS,
    CacheError,
    cache_info,
    clear_cache,
    prune_build_cache,
)
from ashraf_kg.pipeline import build_graph

MINIMAL = Path(__file__).resolve().parent / "data" / "build" / "minimal" / "corpus"


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(folder))
    return folder


def put(folder: Path, name: str, age: float, data: bytes = b"x") -> Path:
    """A cache file ``name`` last used ``age`` seconds ago."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    when = time.time() - age
    os.utime(path, (when, when))
    return path


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_pruning_keeps_the_build_s_dumps_and_the_most_recent_others(root):
    for age in range(1, 8):  # seven earlier datasets, three files each
        for suffix in ("ttl", "trig", "jsonld"):
            put(root / "dumps", f"old{age}.{suffix}", age * 100)
    for suffix in ("ttl", "trig", "jsonld"):
        put(root / "dumps", f"new.{suffix}", 0)
    prune_build_cache(since=time.time() - 10)
    kept = {name.split(".")[0] for name in names(root / "dumps")}
    assert kept == {"new", *(f"old{age}" for age in range(1, RECENT_BUILDS))}
    assert len(names(root / "dumps")) == 3 * RECENT_BUILDS


def test_pruning_keeps_every_unit_the_build_used_then_the_newest_within_budget(root, monkeypatch):
    monkeypatch.setitem(cache.UNIT_BUDGETS, "shacl", 4 * BLOCK)
    used = {put(root / "shacl", f"used{n}", 0, b"").name for n in range(3)}
    for age in range(1, 6):
        put(root / "shacl", f"old{age}", age * 100, b"")
    prune_build_cache(since=time.time() - 10)
    assert names(root / "shacl") == used | {"old1"}


def test_pruning_keeps_the_units_used_even_beyond_the_budget(root, monkeypatch):
    monkeypatch.setitem(cache.UNIT_BUDGETS, "jsonld", BLOCK)
    used = {put(root / "jsonld", f"used{n}", 0, b"{}").name for n in range(3)}
    put(root / "jsonld", "old", 100, b"{}")
    prune_build_cache(since=time.time() - 10)
    assert names(root / "jsonld") == used


def test_pruning_leaves_files_being_written_and_removes_stale_ones(root):
    for age in range(RECENT_BUILDS + 2):
        put(root / "network-page", f"page{age}", 100 + age)
    writing = put(root / "network-page", ".page9.abc", 100 + RECENT_BUILDS + 5)
    stale = put(root / "network-page", ".page8.def", STALE_SECONDS + 100)
    prune_build_cache(since=time.time())
    assert writing.exists() and not stale.exists()
    assert len(names(root / "network-page")) == RECENT_BUILDS + 1


def test_pruning_leaves_the_query_stores_and_resident_sockets(root):
    store = put(root / "oxigraph-0.0" / "abc", "data", 10 ** 6)
    socket = put(root / "resident", "abc.sock", 10 ** 6)
    prune_build_cache(since=time.time())
    assert store.exists() and socket.exists()


def test_a_build_marks_what_it_reuses_and_gives_the_same_graph(root, tmp_path):
    first = build_graph(MINIMAL, tmp_path / "first").graph_dir
    made = {path: path.stat().st_mtime for path in root.rglob("*") if path.is_file()}
    for path in made:  # as if made long ago: only its reuse keeps it now
        os.utime(path, (1, 1))
    for age in range(RECENT_BUILDS + 1):
        put(root / "dumps", f"other{age}.ttl", 100 + age)
    second = build_graph(MINIMAL, tmp_path / "second").graph_dir
    assert all(path.exists() for path in made)
    assert {name for name in names(root / "dumps") if name.startswith("other")} == \
        {f"other{age}.ttl" for age in range(RECENT_BUILDS - 1)}
    assert {p.name: p.read_bytes() for p in second.iterdir()} == {p.name: p.read_bytes() for p in first.iterdir()}


def test_a_build_after_clearing_gives_the_same_graph(root, tmp_path):
    first = build_graph(MINIMAL, tmp_path / "first").graph_dir
    clear_cache(["dumps", "network-page"])  # the JSON-LD dump is then made from kept nodes
    second = build_graph(MINIMAL, tmp_path / "second").graph_dir
    assert {p.name: p.read_bytes() for p in second.iterdir()} == {p.name: p.read_bytes() for p in first.iterdir()}


def test_info_counts_the_entries_and_bytes_of_each_kind(root):
    for suffix in ("ttl", "trig", "jsonld"):
        put(root / "dumps", f"a.{suffix}", 0, b"12345")
    put(root / "shacl", "u1", 0, b"")
    put(root / "shacl", ".u2.tmp", 0, b"")
    kinds = {kind.name: (kind.entries, kind.size) for kind in cache_info().kinds}
    assert kinds == {"dumps": (1, 15), "shacl": (1, 0)}
    assert cache_info().folder == root and cache_info().size == 15


def test_clear_removes_the_kinds_named_and_leaves_the_others(root):
    put(root / "dumps", "a.ttl", 0)
    put(root / "jsonld", "b", 0)
    cleared = clear_cache(["dumps"])
    assert [kind.name for kind in cleared.kinds] == ["dumps"]
    assert names(root) == {"jsonld"}


def test_clear_removes_everything_but_the_resident_sockets(root):
    put(root / "dumps", "a.ttl", 0)
    put(root / "oxigraph-0.0" / "abc", "data", 0)
    put(root / "resident", "abc.sock", 0)
    clear_cache()
    assert names(root) == {"resident"} and names(root / "resident") == {"abc.sock"}


@pytest.mark.parametrize("kind,says", [("nonsense", "no cache kind 'nonsense'"),
                                       ("resident", "store stop --all")])
def test_clear_refuses_a_kind_it_cannot_clear(root, kind, says):
    put(root / "resident", "abc.sock", 0)
    with pytest.raises(CacheError, match=says) as error:
        clear_cache([kind])
    assert str(root) in str(error.value)


def test_off_means_no_cache_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    prune_build_cache(since=time.time())
    assert cache_info().folder is None and clear_cache().kinds == ()
    assert list(tmp_path.iterdir()) == []
