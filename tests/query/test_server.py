"""Start and stop the real servers: Oxigraph server (PyPI ``oxigraph``) and Virtuoso
(Debian ``virtuoso-opensource``), and the ``ashraf-kg serve`` command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from rdflib import Dataset, URIRef

from ashraf_kg.cli import main
from ashraf_kg.errors import EndpointError, ServerError
from ashraf_kg.query.endpoint import count_graph_triples, query_endpoint
from ashraf_kg.query.push import push_dataset
from ashraf_kg.query.server import load_oxigraph_store, serve_graph, start_oxigraph
from ashraf_kg.query.virtuoso import start_virtuoso

# One worker runs every server test, so each server starts once per session.
pytestmark = [pytest.mark.server, pytest.mark.xdist_group("servers")]


@pytest.fixture(scope="module")
def graph_counts(graph_dir) -> dict[str, int]:
    """Triples per named graph of the committed dump, read by rdflib."""
    dataset = Dataset()
    dataset.parse(graph_dir / "ashraf-kg.nq", format="nquads")
    return {str(g.identifier): len(g) for g in dataset.graphs()
            if isinstance(g.identifier, URIRef) and len(g)}


@pytest.fixture(scope="module")
def read_only_oxigraph(tmp_path_factory, graph_dir):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-ro"),
                            graph_file=graph_dir / "ashraf-kg.nq")
    yield server
    server.stop()


def port_is_closed(url: str) -> bool:
    host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
    with socket.socket() as sock:
        return sock.connect_ex((host, int(port))) != 0


def process_is_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        # A zombie still answers kill(0); its state in /proc says it has ended.
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] == "Z"
    except (ProcessLookupError, FileNotFoundError):
        return True


# --- Oxigraph ----------------------------------------------------------------------------

def test_oxigraph_serves_the_dump_with_its_named_graphs(read_only_oxigraph, graph_counts):
    counts = count_graph_triples(read_only_oxigraph.query_url, sorted(graph_counts))
    assert counts == graph_counts


def test_oxigraph_default_graph_is_the_union_of_the_named_graphs(read_only_oxigraph, graph_counts):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    total = int(query_endpoint(read_only_oxigraph.query_url, query).rows[0][0])
    # A triple stated in two graphs counts once per graph here, at most.
    assert max(graph_counts.values()) < total <= sum(graph_counts.values())


def test_read_only_oxigraph_refuses_a_push_and_is_left_as_it_was(read_only_oxigraph, graph_dir,
                                                                  graph_counts):
    with pytest.raises(EndpointError, match="forbids") as failure:
        push_dataset(graph_dir, read_only_oxigraph.query_url)
    assert "left as it was" in str(failure.value)
    assert count_graph_triples(read_only_oxigraph.query_url, sorted(graph_counts)) == graph_counts


def test_oxigraph_listens_on_loopback_only(read_only_oxigraph):
    assert read_only_oxigraph.query_url.startswith("http://127.0.0.1:")
    assert read_only_oxigraph.update_url is None and read_only_oxigraph.gsp_url is None


def test_a_loaded_store_is_reused_until_the_dump_changes(tmp_path, graph_dir):
    dump = tmp_path / "ashraf-kg.nq"
    dump.write_bytes((graph_dir / "ashraf-kg.nq").read_bytes())
    store = load_oxigraph_store(tmp_path / "data", dump)
    stamp = tmp_path / "data" / "store.sha256"
    first = stamp.stat().st_mtime_ns
    time.sleep(0.01)
    load_oxigraph_store(tmp_path / "data", dump)
    assert stamp.stat().st_mtime_ns == first
    dump.write_text('<urn:x:s> <urn:x:p> "changed" <urn:x:g> .\n', encoding="utf-8")
    load_oxigraph_store(tmp_path / "data", dump)
    with start_oxigraph(tmp_path / "data", port=0) as server:
        rows = query_endpoint(server.query_url, "SELECT ?o WHERE { ?s ?p ?o }").rows
    assert [str(o) for (o,) in rows] == ["changed"] and store.is_dir()


def test_stop_ends_the_server_process(tmp_path, graph_dir):
    server = start_oxigraph(tmp_path, graph_file=graph_dir / "ashraf-kg.nq")
    assert query_endpoint(server.query_url, "ASK { ?s ?p ?o }").boolean is True
    server.stop()
    assert process_is_gone(server.pid) and port_is_closed(server.query_url)


def test_a_port_in_use_is_a_clear_error(tmp_path, graph_dir):
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        with pytest.raises(ServerError, match=f"cannot listen on 127.0.0.1:{port}"):
            start_oxigraph(tmp_path, graph_file=graph_dir / "ashraf-kg.nq", port=port)


def test_a_missing_oxigraph_binary_says_what_to_install(tmp_path):
    with pytest.raises(ServerError, match=r"pip install oxigraph"):
        start_oxigraph(tmp_path, binary=tmp_path / "no-oxigraph")


def test_a_dump_oxigraph_cannot_parse_is_reported_with_its_file(tmp_path):
    dump = tmp_path / "broken.nq"
    dump.write_text("<urn:x:s> <urn:x:p> \"unterminated .\n", encoding="utf-8")
    with pytest.raises(ServerError, match="could not load") as failure:
        load_oxigraph_store(tmp_path / "data", dump)
    assert str(dump) in str(failure.value)
    assert not (tmp_path / "data" / "store").exists()


# --- Virtuoso ----------------------------------------------------------------------------

def test_virtuoso_starts_with_a_private_password_and_stops_by_pid(tmp_path):
    data_dir = (tmp_path / "virtuoso").resolve()
    server = start_virtuoso(data_dir, password="test-secret-1")
    try:
        assert server.query_url.startswith("http://127.0.0.1:")
        assert query_endpoint(server.query_url, "ASK { ?s ?p ?o }").boolean is True
        ini = (data_dir / "virtuoso.ini").read_text()
        assert f"ServerPort = 127.0.0.1:{server.sql_port}" in ini
        assert f"DirsAllowed = ., {data_dir}" in ini
        dump = tmp_path / "one.nq"
        dump.write_text('<urn:x:s> <urn:x:p> "o" <urn:x:g> .\n', encoding="utf-8")
        # The new database no longer takes Virtuoso's factory password, only the one set.
        with pytest.raises(EndpointError, match="401"):
            push_dataset(dump, server.query_url, user="dba", password="dba")
        report = push_dataset(dump, server.query_url, user="dba", password="test-secret-1")
        assert [(g.graph, g.found) for g in report.graphs] == [("urn:x:g", 1)]
    finally:
        server.stop()
    assert process_is_gone(server.pid) and port_is_closed(server.query_url)


def test_a_missing_virtuoso_binary_says_what_to_install(tmp_path):
    with pytest.raises(ServerError, match=r"apt-get install virtuoso-opensource"):
        start_virtuoso(tmp_path, binary=tmp_path / "no-virtuoso-t")


# --- ashraf-kg serve -----------------------------------------------------------------------

def test_serve_answers_queries_and_stops_on_sigint(tmp_path, graph_dir, graph_counts):
    command = [sys.executable, "-m", "ashraf_kg.cli", "serve", "--graph-dir", str(graph_dir),
               "--port", "0", "--data-dir", str(tmp_path / "data")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first_line = process.stdout.readline()
        assert first_line.startswith("SPARQL endpoint: http://127.0.0.1:"), process.stderr.read()
        url = first_line.split()[2]
        assert count_graph_triples(url, sorted(graph_counts)) == graph_counts
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err
    assert port_is_closed(url)


def test_serve_without_a_built_graph_is_a_clear_error(tmp_path, capsys):
    code = main(["serve", "--graph-dir", str(tmp_path / "nothing"), "--port", "0"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("Error: no graph dump at ")
    assert "ashraf-kg build" in err


def test_serve_on_a_busy_port_is_a_clear_error(tmp_path, capsys, graph_dir):
    with socket.create_server(("127.0.0.1", 0)) as busy:
        code = main(["serve", "--graph-dir", str(graph_dir), "--port",
                     str(busy.getsockname()[1]), "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot listen on" in err


def test_a_server_does_not_outlive_the_process_that_started_it(tmp_path):
    code = ("import sys, time\nfrom ashraf_kg.query.server import start_oxigraph\n"
            f"server = start_oxigraph({str(tmp_path)!r}, read_only=False, port=0)\n"
            "print(server.pid, server.query_url, flush=True)\ntime.sleep(120)\n")
    starter = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    pid, url = starter.stdout.readline().split()
    starter.kill()
    starter.wait()
    deadline = time.monotonic() + 10
    while not (process_is_gone(int(pid)) and port_is_closed(url)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process_is_gone(int(pid)) and port_is_closed(url)


# --- serve: safe by default ----------------------------------------------------------------

SERVICE = "SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
REMOTE_ROW = (b'{"head": {"vars": ["s"]}, "results": {"bindings": '
              b'[{"s": {"type": "uri", "value": "urn:x:remote"}}]}}')


def send(url: str, *, method: str = "GET", query: str, as_form: bool = True) -> tuple[int, bytes]:
    """Status and body of one request carrying ``query`` in the URL, a form or a raw body."""
    import urllib.error
    import urllib.parse
    import urllib.request

    if method == "GET":
        request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}")
    elif as_form:
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(url, data=query.encode(),
                                         headers={"Content-Type": "application/sparql-query"})
    request.add_header("Accept", "application/sparql-results+json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def served(graph_dir):
    with serve_graph(graph_dir, port=0, query_timeout=1) as server:
        yield server


@pytest.mark.parametrize("method,as_form", [("GET", True), ("POST", True), ("POST", False)])
def test_serve_refuses_service_and_fetches_nothing(served, recorder, method, as_form):
    remote = recorder(body=REMOTE_ROW)
    status, body = send(served.query_url, method=method, as_form=as_form,
                        query=SERVICE.format(url=remote.url))
    assert status == 403 and b"SERVICE is refused" in body
    assert not remote.requests


def test_serve_with_allow_service_fetches_from_the_server_named(graph_dir, recorder):
    remote = recorder(body=REMOTE_ROW)
    with serve_graph(graph_dir, port=0, allow_service=True) as server:
        status, body = send(server.query_url, query=SERVICE.format(url=remote.url))
    assert status == 200 and b"urn:x:remote" in body and len(remote.requests) == 1


def test_serve_answers_through_its_relay(served, graph_counts):
    assert count_graph_triples(served.query_url, sorted(graph_counts)) == graph_counts
    status, _ = send(served.query_url, query="SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert status == 200


def test_serve_stops_a_query_at_its_time_limit(served):
    """A query of 30^6 rows from VALUES alone runs for minutes, and Oxigraph's own time
    limit does not stop it: the server answers 503 after its limit (1 s here) and the
    process that was computing it is gone; the next query is answered."""
    endless = ("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
        f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(30))} }}" for i in range(6)) + " }")
    busy = served.pid
    with pytest.raises(EndpointError, match="did not finish within 1 s"):
        query_endpoint(served.query_url, endless, timeout=120)
    assert process_is_gone(busy) and served.pid != busy
    assert query_endpoint(served.query_url, "ASK { ?s ?p ?o }").boolean is True


def test_serve_restarts_at_once_on_the_port_it_left(graph_dir):
    with serve_graph(graph_dir, port=0) as first:
        port = int(first.query_url.rsplit(":", 1)[1].split("/")[0])
        for _ in range(3):  # connections the server closes stay in TIME_WAIT after it stops
            send(first.query_url, query="ASK { ?s ?p ?o }")
    with serve_graph(graph_dir, port=port) as second:
        assert send(second.query_url, query="ASK { ?s ?p ?o }")[0] == 200


@pytest.mark.parametrize("port", ["70000", "-1"])
def test_serve_on_a_port_that_does_not_exist_is_a_clear_error(tmp_path, capsys, graph_dir, port):
    code = main(["serve", "--graph-dir", str(graph_dir), "--port", port, "--data-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "is not a port number" in err
