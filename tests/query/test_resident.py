"""The resident store: a real background process on the fixture graph, asked as a one-shot
query asks it; its answers are those of the query process's own store, byte for byte, and
it never answers for a dump that is not the one it loaded."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest

from ashraf_kg.cli import main
from ashraf_kg.errors import QueryError
from ashraf_kg.fileio import cache_root
from ashraf_kg.query import resident
from ashraf_kg.query.answer import answer_query
from ashraf_kg.query.run import list_queries, resolve_query
from ashraf_kg.query.store import cache_root as store_cache_root
from ashraf_kg.query.store import open_store

# Parameters under which each query gives rows on the fixture corpus (its README).
PARAMS = {
    "construct_neighbourhood": {"entity": "person/anna-berg"},
    "describe_entity": {"entity": "Anna Berg"},
    "list_casualty_figures": {"event": "event/camp-cedar-shelling"},
    "list_claims_about": {"entity": "organization/northern-brigade"},
    "list_claims_by_claimant": {"claimant": "person/lena-novak"},
    "list_entities_without_identifier": {"type": "akg:Person"},
    "list_event_roles": {"event": "event/camp-cedar-shelling"},
    "list_events_at_place": {"place": "place/orlan-province"},
    "list_linked_organisations": {"organization": "Northern Brigade"},
    "list_meetings_before": {"event": "event/camp-cedar-shelling"},
    "list_mentions_of": {"entity": "person/tomas-reyes"},
    "list_places_within": {"place": "place/valdoria"},
    "list_relation_evidence": {"entity": "place/orlan-province"},
    "list_relations_of": {"entity": "organization/northern-brigade"},
    "list_statements_about": {"entity": "organization/northern-brigade"},
    "list_sub_events": {"event": "event/camp-cedar-shelling"},
    "trace_chain_of_command": {"organization": "organization/northern-brigade"},
}
QUERY_NAMES = [q.name for q in list_queries()]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """The cache folder of this module's stores (their sockets in its ``resident``), for
    the library and the command line alike."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASHRAF_KG_CACHE_DIR", str(tmp_path_factory.mktemp("resident-cache")))
        folder = cache_root()
        yield folder
        resident.stop_resident_store(cache_dir=folder, every=True)


@pytest.fixture(scope="module")
def running(fixture_dir, cache, tmp_path_factory, make_graph):
    """The fixture graph, with a resident store started on it."""
    graph = make_graph(tmp_path_factory.mktemp("resident") / "graph", (fixture_dir / "ashraf-kg.nq").read_bytes())
    store = resident.start_resident_store(graph, cache_dir=cache)
    return graph, store


@pytest.fixture
def tiny(tmp_path, cache, make_graph):
    """A one-triple graph with a resident store of its own (stopped after the test)."""
    text = '<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "Alice" <https://w3id.org/ashraf-kg/id/graph/d> .\n'
    graph = make_graph(tmp_path / "graph", text.encode())
    store = resident.start_resident_store(graph, cache_dir=cache)
    yield graph, store
    resident.stop_resident_store(graph, cache_dir=cache)


def ask(graph, cache, spec, **options):
    return resident.ask_resident(graph, resolve_query(spec), cache_dir=cache, **options)


def in_process(graph, spec, **options):
    return answer_query(resolve_query(spec), store=open_store(graph), **options)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_answers_as_in_process_byte_for_byte(running, cache, name):
    graph, _ = running
    for fmt, width in (("table", 100), ("csv", None), ("json", None)):
        options = dict(params=PARAMS.get(name, {}), fmt=fmt, width=width)
        answer = ask(graph, cache, name, **options)
        assert answer is not None and answer == in_process(graph, name, **options)
    assert answer.count("\n") > 3  # rows, not an empty answer


@pytest.mark.parametrize("spec, options", [
    ("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", {}),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", {}),
    ("SELECT * WHERE { ?s ?p }", {}),
    ("list_documents", {"max_rows": 1}),
    ("list_sub_events", {"params": {"event": "Nobody Anywhere"}}),
    (SLOW, {"timeout": 0.3}),
])
def test_refusals_and_errors_are_those_of_the_query_process(running, cache, spec, options):
    graph, _ = running
    with pytest.raises(QueryError) as in_store:
        ask(graph, cache, spec, **options)
    with pytest.raises(QueryError) as here:
        in_process(graph, spec, **options)
    assert str(in_store.value) == str(here.value)


def test_the_command_line_answers_from_it_with_no_rdf_library_loaded(running, cache):
    graph, store = running
    command = [sys.executable, "-X", "importtime", "-m", "ashraf_kg", "query", "list_timeline",
               "--graph-dir", str(graph), "--format", "csv"]
    result = subprocess.run(command, capture_output=True, check=True)
    loaded = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.decode().splitlines()
              if line.startswith("import time:")}
    assert not loaded & {"rdflib", "networkx", "pyvis", "jinja2", "pyoxigraph"}, loaded  # the store's, not its own
    assert result.stdout == in_process(graph, "list_timeline", fmt="csv").encode()
    assert not (store_cache_root() / store.key).exists()  # no disk cache was built: the store answered


def _imported(stderr: bytes) -> set[str]:
    """The top-level packages a ``-X importtime`` process imported."""
    return {line.split("|")[-1].strip().split(".")[0] for line in stderr.decode().splitlines()
            if line.startswith("import time:")}


def _one_shot(graph, *argv: str):
    command = [sys.executable, "-X", "importtime", "-m", "ashraf_kg", "query", *argv, "--graph-dir", str(graph)]
    return subprocess.run(command, capture_output=True)


def test_a_one_shot_query_in_the_common_form_imports_neither_argparse_nor_pathlib(running):
    graph, _ = running
    params = PARAMS["list_relations_of"]
    result = _one_shot(graph, "list_relations_of", "--param", f"entity={params['entity']}", "--format", "csv")
    assert result.returncode == 0
    assert not _imported(result.stderr) & {"argparse", "pathlib"}
    assert result.stdout == in_process(graph, "list_relations_of", params=params, fmt="csv").encode()


def test_a_one_shot_query_in_another_form_is_answered_the_same_by_the_full_command(running):
    graph, _ = running
    result = _one_shot(graph, "list_timeline", "--format", "csv", "--max-rows", "100000")
    assert result.returncode == 0
    assert "argparse" in _imported(result.stderr)
    assert result.stdout == in_process(graph, "list_timeline", fmt="csv").encode()


def test_an_error_the_store_reports_reads_as_the_full_commands_own(running):
    graph, _ = running
    quick = _one_shot(graph, "list_relations_of", "--param", "nobody=1", "--format", "csv")
    own = _one_shot(graph, "list_relations_of", "--param", "nobody=1", "--format", "csv", "--storage", "memory")
    errors = [[line for line in r.stderr.decode().splitlines() if not line.startswith("import time:")]
              for r in (quick, own)]
    assert (quick.returncode, quick.stdout, errors[0]) == (own.returncode, own.stdout, errors[1])
    assert quick.returncode == 2 and errors[0][0].startswith("Error: ") and "nobody" in errors[0][0]


def test_socket_and_folder_are_the_users_alone(running):
    _, store = running
    assert stat.S_ISSOCK(store.socket.stat().st_mode)
    assert stat.S_IMODE(store.socket.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.socket.parent.stat().st_mode) == 0o700


def test_an_edited_dump_is_not_answered_even_with_its_old_size_and_mtime(tiny, cache):
    graph, store = tiny
    dump = graph / "ashraf-kg.nq"
    before = dump.stat()
    dump.write_bytes(dump.read_bytes().replace(b"Alice", b"Mally"))  # void.ttl left as it was
    os.utime(dump, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert ask(graph, cache, "SELECT ?l WHERE { ?s ?p ?l }", fmt="csv") is None
    assert not store.serves(dump)
    assert main(["query", "-e", "SELECT ?l WHERE { ?s ?p ?l }", "--graph-dir", str(graph),
                 "--format", "csv"]) == 0


def test_a_rebuilt_dump_of_the_same_bytes_is_answered_and_its_stamp_learnt(tiny, cache):
    graph, store = tiny
    dump = graph / "ashraf-kg.nq"
    copy = graph / "copy.nq"
    shutil.copyfile(dump, copy)
    copy.replace(dump)  # a new file (inode, times), the same bytes
    assert ask(graph, cache, "SELECT ?l WHERE { ?s ?p ?l }", fmt="csv") == "l\r\nAlice\r\n"
    assert resident.resident_store_status(graph, cache_dir=cache).serves(dump)


def test_stop_ends_the_process_and_removes_the_socket(tiny, cache):
    graph, store = tiny
    assert resident.stop_resident_store(graph, cache_dir=cache) == [store]
    assert not store.socket.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(store.pid, 0)
    assert resident.resident_store_status(graph, cache_dir=cache) is None
    assert ask(graph, cache, "SELECT ?l WHERE { ?s ?p ?l }") is None


def _bound_socket(tmp_path, cache, make_graph):
    """A one-triple graph, and a socket bound where its resident store would listen."""
    graph = make_graph(tmp_path / "graph", b'<urn:x:a> <urn:x:b> "c" <urn:x:g> .\n')
    key = hashlib.sha256((graph / "ashraf-kg.nq").read_bytes()).hexdigest()
    path = resident.socket_path(key, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    bound = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with resident.unix_address(path) as address:
        bound.bind(address)
    return graph, path, bound


def test_a_socket_no_process_holds_is_passed_over(tmp_path, cache, make_graph):
    graph, _, left = _bound_socket(tmp_path, cache, make_graph)
    left.close()  # the file stays, nothing listens
    assert ask(graph, cache, "SELECT * WHERE { ?s ?p ?o }") is None
    store = resident.start_resident_store(graph, cache_dir=cache)  # replaces the dead socket
    assert ask(graph, cache, "SELECT ?o WHERE { ?s ?p ?o }", fmt="csv") == "o\r\nc\r\n"
    resident.stop_resident_store(graph, cache_dir=cache)
    assert not store.socket.exists()


def test_an_answer_cut_short_is_one_clear_error(tmp_path, cache, make_graph):
    graph, path, listener = _bound_socket(tmp_path, cache, make_graph)
    listener.listen(1)

    def answer_badly():
        conn, _ = listener.accept()
        resident.read_frame(conn)
        conn.sendall(b"\x00\x00\x00\x10{\"status\"")  # a frame cut in the middle
        conn.close()

    thread = threading.Thread(target=answer_badly)
    thread.start()
    try:
        with pytest.raises(QueryError, match="stopped without an answer"):
            ask(graph, cache, "SELECT * WHERE { ?s ?p ?o }")
    finally:
        thread.join(5)
        listener.close()
        path.unlink()


def test_start_refuses_a_dump_that_void_does_not_record(tmp_path, cache, make_graph):
    graph = make_graph(tmp_path / "graph", b'<urn:x:a> <urn:x:b> "c" <urn:x:g> .\n')
    (graph / "ashraf-kg.nq").write_bytes(b'<urn:x:a> <urn:x:b> "d" <urn:x:g> .\n')
    with pytest.raises(QueryError, match="not the one void.ttl records"):
        resident.start_resident_store(graph, cache_dir=cache)


def test_the_store_command_starts_shows_and_stops(tmp_path, cache, capsys, make_graph):
    graph = str(make_graph(tmp_path / "graph", b'<urn:x:a> <urn:x:b> "c" <urn:x:g> .\n'))
    assert main(["store", "status", "--graph-dir", graph]) == 1
    assert main(["store", "start", "--graph-dir", graph]) == 0
    assert main(["store", "status", "--graph-dir", graph]) == 0
    assert main(["store", "stop", "--graph-dir", graph]) == 0
    assert main(["store", "status", "--graph-dir", graph]) == 1
    out = capsys.readouterr().out
    assert "Resident store:" in out and "Stopped the resident store" in out
    assert f"No resident store holds {graph}/ashraf-kg.nq" in out


def workers_of(pid: int) -> set[int]:
    return {int(p) for p in open(f"/proc/{pid}/task/{pid}/children").read().split()}


def cpu_ticks(pid: int) -> int:
    """Clock ticks of CPU time ``pid`` has used (user and system)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_a_query_whose_caller_leaves_is_ended_and_a_finished_one_keeps_its_worker(running, cache):
    graph, store = running
    assert ask(graph, cache, "list_documents", fmt="csv") is not None
    kept = workers_of(store.pid)
    assert 1 <= len(kept) <= 2  # answered, and waiting for the next query
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with resident.unix_address(store.socket) as address:
        conn.connect(address)
    resident.send_frame(conn, {"op": "query", "protocol": resident.PROTOCOL, "key": store.key,
                               "stamp": store.stamps[0], "query": {"name": "<inline>", "text": SLOW,
                                                                   "source": "<inline>"}})
    busy = time.monotonic() + 10  # the query is running once a worker spends time on it
    started = {pid: cpu_ticks(pid) for pid in kept}
    while time.monotonic() < busy and all(cpu_ticks(pid) - started[pid] < 5 for pid in kept):
        time.sleep(0.05)
    conn.close()  # the caller leaves while its query runs
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(workers_of(store.pid) & kept) == len(kept):
        time.sleep(0.05)
    assert len(workers_of(store.pid) & kept) == len(kept) - 1  # the one that had the query
