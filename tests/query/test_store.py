"""The embedded store's disk cache: found by the hash the build records, never fooled by an edit."""

from __future__ import annotations

import hashlib
import os

import pytest

from ashraf_kg.errors import QueryError
from ashraf_kg.query import store as embedded
from ashraf_kg.query.run import run_query

GRAPH = "<https://w3id.org/ashraf-kg/id/graph/d>"
TINY = f'<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "Alice" {GRAPH} .\n'
EDITED = f'<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "Mallory" {GRAPH} .\n'
COUNT = "SELECT ?label WHERE { ?s rdfs:label ?label }"


@pytest.fixture
def graph_dir(tmp_path, monkeypatch, write_void):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "ashraf-kg.nq").write_text(TINY, encoding="utf-8")
    write_void(folder, TINY.encode())
    return folder


def test_recorded_hash_is_read_from_void(graph_dir):
    assert embedded.recorded_hash(graph_dir / "ashraf-kg.nq") == hashlib.sha256(TINY.encode()).hexdigest()


def test_a_known_dump_is_not_hashed_again(graph_dir, monkeypatch):
    first = embedded.store_path(graph_dir)

    def refuse(_dump):
        raise AssertionError("the dump was hashed again")

    monkeypatch.setattr(embedded, "hash_dump", refuse)
    assert embedded.store_path(graph_dir) == first


def test_an_edited_dump_gets_its_own_cache_even_with_its_old_mtime(graph_dir):
    dump = graph_dir / "ashraf-kg.nq"
    first = embedded.store_path(graph_dir)
    before = dump.stat()
    dump.write_text(EDITED, encoding="utf-8")  # same size; void.ttl still names the old hash
    os.utime(dump, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = embedded.store_path(graph_dir)
    assert second != first
    assert second.name == hashlib.sha256(EDITED.encode()).hexdigest()
    rows = run_query(COUNT, graph_dir=graph_dir, storage="disk").rows
    assert [str(row[0]) for row in rows] == ["Mallory"]


def test_a_dump_without_void_is_hashed(graph_dir):
    (graph_dir / "void.ttl").unlink()
    assert embedded.store_path(graph_dir).name == hashlib.sha256(TINY.encode()).hexdigest()


def test_hash_dump_sees_an_edit_that_keeps_size_and_mtime(graph_dir):
    dump = graph_dir / "ashraf-kg.nq"
    assert embedded.hash_dump(dump) == hashlib.sha256(TINY.encode()).hexdigest()
    same_size = TINY.replace("Alice", "Mally")
    before = dump.stat()
    dump.write_text(same_size, encoding="utf-8")
    os.utime(dump, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert embedded.hash_dump(dump) == hashlib.sha256(same_size.encode()).hexdigest()


def test_with_the_cache_off_the_disk_store_is_refused_and_no_folder_made(graph_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QueryError, match="cache is off") as caught:
        embedded.store_path(graph_dir)
    assert "--storage memory" in caught.value.hint
    assert not (tmp_path / "off").exists()


def test_with_the_cache_off_a_one_shot_query_runs_in_memory(graph_dir, monkeypatch, tmp_path, capsys):
    from ashraf_kg.cli import main

    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    code = main(["query", "-e", COUNT, "--graph-dir", str(graph_dir), "--format", "csv"])
    assert code == 0 and capsys.readouterr().out.splitlines()[1:] == ["Alice"]
    assert not (tmp_path / "off").exists() and not (tmp_path / "cache").exists()


def test_with_the_cache_off_no_resident_store_starts(graph_dir, monkeypatch, tmp_path):
    from ashraf_kg.query.resident import find_resident_stores, start_resident_store

    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(QueryError, match="cache is off"):
        start_resident_store(graph_dir)
    assert find_resident_stores() == [] and not (tmp_path / "off").exists()
