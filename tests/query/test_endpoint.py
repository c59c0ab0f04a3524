"""Push the built graph into real SPARQL servers and check that every named query gives
the same rows embedded, on Oxigraph server and on Virtuoso; and that every way a push
or a remote query can fail gives one clear message and leaves the store as it was.

Each server is started once per session, on loopback, with a private data folder and
free ports, and stopped by its process id at the end.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from ashraf_kg.cli import main
from ashraf_kg.errors import EndpointError
from ashraf_kg.query.endpoint import count_graph_triples, query_endpoint
from ashraf_kg.query.push import push_dataset
from ashraf_kg.query.run import list_queries, run_query
from ashraf_kg.query.server import find_free_port, start_oxigraph
from ashraf_kg.query.virtuoso import run_isql, start_virtuoso

# One worker runs every server test, so each server starts once per session.
pytestmark = [pytest.mark.server, pytest.mark.xdist_group("servers")]

ENGINES = ("oxigraph", "virtuoso")
QUERIES = list_queries()


# --- servers ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def oxigraph_writable(tmp_path_factory):
    """Oxigraph server in read-write mode (``oxigraph serve``), so that push can write."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"), read_only=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def servers(oxigraph_writable, virtuoso):
    return {"oxigraph": oxigraph_writable, "virtuoso": virtuoso}


@pytest.fixture(scope="session")
def dump_dataset(graph_dir) -> Dataset:
    """The committed N-Quads dump read by rdflib: the counts a push must reproduce."""
    dataset = Dataset()
    dataset.parse(graph_dir / "ashraf-kg.nq", format="nquads")
    return dataset


@pytest.fixture(scope="session")
def expected_counts(dump_dataset) -> dict[str, int]:
    return {str(g.identifier): len(g) for g in dump_dataset.graphs()
            if isinstance(g.identifier, URIRef) and len(g)}


@pytest.fixture(scope="session")
def pushed(servers, graph_dir):
    """The graph pushed once into each server; name → (server, report)."""
    return {name: (server, push(server, graph_dir)) for name, server in servers.items()}


def push(server, source):
    return push_dataset(source, server.query_url, user=server.user, password=server.password,
                        timeout=120)


@pytest.fixture(params=ENGINES)
def engine(request, pushed):
    """(name, server) of a server holding the pushed graph."""
    return request.param, pushed[request.param][0]


# --- push -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ENGINES)
def test_push_replaces_one_graph_per_document_and_checks_counts(pushed, expected_counts, name):
    report = pushed[name][1]
    assert {g.graph: g.found for g in report.graphs} == expected_counts
    assert all(g.sent == g.found for g in report.graphs)
    names = {g.graph.rsplit("/", 1)[1] for g in report.graphs}
    assert {"ontology", "registry"} <= names and len(names) >= 3


@pytest.mark.parametrize("name", ENGINES)
def test_push_again_replaces_rather_than_appends(pushed, graph_dir, expected_counts, name):
    server = pushed[name][0]
    push(server, graph_dir)
    counts = count_graph_triples(server.query_url, sorted(expected_counts))
    assert counts == expected_counts


def test_push_accepts_an_rdflib_dataset(oxigraph_writable, dump_dataset, expected_counts):
    report = push_dataset(dump_dataset, oxigraph_writable.query_url)
    assert {g.graph: g.found for g in report.graphs} == expected_counts


def test_failed_push_restores_the_graphs_it_replaced(virtuoso, tmp_path):
    """Virtuoso refuses a datatype IRI longer than its 1900-byte index key, half-way
    through a push; the graph replaced before that must get its old content back."""
    first, second = "https://w3id.org/ashraf-kg/id/graph/aaa-test", "https://w3id.org/ashraf-kg/id/graph/zzz-test"
    before = write_dump(tmp_path / "before", [f'<urn:x:s> <urn:x:p> "before" <{first}> .'])
    push(virtuoso, before)
    long_type = "http://example.org/" + "d" * 3000
    bad = write_dump(tmp_path / "bad", [f'<urn:x:s> <urn:x:p> "after" <{first}> .',
                                        f'<urn:x:s> <urn:x:p> "x"^^<{long_type}> <{second}> .'])
    with pytest.raises(EndpointError) as failure:
        push(virtuoso, bad)
    message = str(failure.value)
    assert f"failed while replacing <{second}>" in message
    assert "left as it was" in message
    rows = query_endpoint(virtuoso.query_url,
                          "SELECT ?g ?o WHERE { GRAPH ?g { <urn:x:s> <urn:x:p> ?o } }").rows
    assert {(str(g), str(o)) for g, o in rows} == {(first, "before")}
    run_isql(virtuoso, f"SPARQL CLEAR GRAPH <{first}>;")
    assert count_graph_triples(virtuoso.query_url, [first]) == {first: 0}


def test_fetching_many_missing_graphs_with_digest_auth(virtuoso):
    """Each answer is "no such graph", however many graphs a push backs up first."""
    from ashraf_kg.query.gsp import GraphStore

    store = GraphStore(virtuoso.gsp_url, virtuoso.user, virtuoso.password, "digest", 30)
    graphs = [f"https://w3id.org/ashraf-kg/id/graph/missing-{n}" for n in range(8)]
    assert [store.fetch(graph) for graph in graphs] == [None] * 8


def write_dump(folder: Path, lines: list[str]) -> Path:
    folder.mkdir()
    (folder / "ashraf-kg.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# --- a server that caps its answers (Debian's virtuoso.ini: ResultSetMaxRows = 10000) -----

BIG = "https://w3id.org/ashraf-kg/id/graph/aaa-big"
CAP = 10000


@pytest.fixture(scope="module")
def capped_virtuoso(tmp_path_factory):
    """Virtuoso as Debian configures it, holding one graph of 25,000 triples."""
    folder = tmp_path_factory.mktemp("virtuoso-capped")
    server = start_virtuoso(folder / "db", max_rows=CAP)
    try:
        dump = write_dump(folder / "big", [f'<urn:x:s{i}> <urn:x:p> "before {i}" <{BIG}> .'
                                           for i in range(25000)])
        push(server, dump)
        yield server
    finally:
        server.stop()


def test_push_refuses_to_replace_a_graph_whose_backup_the_server_cut(capped_virtuoso, tmp_path):
    """The backup of the 25,000-triple graph comes back cut to 10,000 triples: the push must
    stop before replacing anything, rather than later "restore" 10,000 of them."""
    long_type = "http://example.org/" + "d" * 3000  # Virtuoso refuses it: forces a rollback
    dump = write_dump(tmp_path / "new", [f'<urn:x:s> <urn:x:p> "after" <{BIG}> .',
                                         f'<urn:x:s> <urn:x:p> "x"^^<{long_type}> '
                                         '<https://w3id.org/ashraf-kg/id/graph/zzz-test> .'])
    with pytest.raises(EndpointError) as failure:
        push(capped_virtuoso, dump)
    assert f"cannot back up <{BIG}>" in str(failure.value)
    assert "of its 25000 triples; nothing was replaced" in str(failure.value)
    assert count_graph_triples(capped_virtuoso.query_url, [BIG]) == {BIG: 25000}
    ask = f'ASK {{ GRAPH <{BIG}> {{ <urn:x:s24999> <urn:x:p> "before 24999" }} }}'
    assert query_endpoint(capped_virtuoso.query_url, ask).boolean is True


def test_query_cut_at_the_servers_row_cap_is_an_error(capsys, capped_virtuoso):
    code, out, err = run_cli(capsys, "query", "-e", f"SELECT * WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}",
                             "--endpoint", capped_virtuoso.query_url)
    assert_one_clear_error(code, out, err, f"cap of {CAP} rows", "LIMIT")


def test_construct_cut_at_the_servers_row_cap_is_an_error(capped_virtuoso):
    from ashraf_kg.errors import TruncatedResultError

    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}"
    with pytest.raises(TruncatedResultError) as failure:
        query_endpoint(capped_virtuoso.query_url, query)
    assert failure.value.cap == CAP and len(failure.value.partial.graph) >= CAP


@pytest.mark.parametrize("query,rows", [
    (f"SELECT * WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }} LIMIT {CAP}", CAP),
    (f"SELECT * WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }} LIMIT 5 OFFSET 24000", 5),
    (f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }} LIMIT 9000", 9000),
])
def test_answers_within_the_row_cap_are_complete(capped_virtuoso, query, rows):
    result = query_endpoint(capped_virtuoso.query_url, query)
    assert len(result.rows if result.kind == "select" else result.graph) == rows


# --- the same rows everywhere ------------------------------------------------------------

INTEGER_TYPES = {XSD[t] for t in ("integer", "nonNegativeInteger", "positiveInteger",
                                  "nonPositiveInteger", "negativeInteger", "long", "int",
                                  "short", "byte", "unsignedLong", "unsignedInt",
                                  "unsignedShort", "unsignedByte")}
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def normalise(term):
    """A comparable form of a term that ignores what the engines legitimately change.

    - Oxigraph stores the types derived from xsd:integer (e.g. xsd:nonNegativeInteger of
      oa:start) as xsd:integer; Virtuoso keeps them: compare integer values.
    - Virtuoso answers xsd:boolean as "0"/"1" and xsd:duration as a number of seconds.
    - RDF 1.1: a plain literal is an xsd:string.
    """
    if term is None or isinstance(term, (URIRef, BNode)):
        return term
    assert isinstance(term, Literal), term
    text, datatype = str(term), term.datatype
    if term.language:
        return ("lang", text, term.language.lower())
    if datatype in (None, XSD.string):
        return ("string", text)
    if datatype == XSD.boolean:
        return ("boolean", text in ("true", "1"))
    if datatype in INTEGER_TYPES:
        return ("integer", int(text))
    if datatype == XSD.decimal:
        return ("decimal", Decimal(text).normalize())
    if datatype == XSD.duration:
        return ("duration", duration_seconds(text))
    return ("typed", text, str(datatype))


def duration_seconds(text: str) -> Decimal | str:
    try:
        return Decimal(text)  # Virtuoso's form
    except ArithmeticError:
        pass
    match = _DURATION.match(text)
    if not match:
        return text
    days, hours, minutes, seconds = (Decimal(part or 0) for part in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def comparable_rows(result, query_text: str) -> list:
    """Rows of normalised terms, in the engine's order when the query fixes one.

    A DISTINCT answer is a set: Virtuoso sometimes repeats a row holding unbound values
    under SELECT DISTINCT, so repeated rows are dropped before comparing.
    """
    rows = [tuple(normalise(t) for t in row) for row in result.rows]
    if re.search(r"SELECT\s+DISTINCT", query_text, re.I):
        rows = list(dict.fromkeys(rows))
    if not re.search(r"ORDER\s+BY", query_text, re.I):
        rows = sorted(rows, key=repr)
    return rows


def comparable_graph(graph) -> set:
    return {tuple(normalise(t) for t in triple) for triple in graph}


@pytest.fixture(scope="module")
def embedded_results(graph_dir):
    return {q.name: run_query(q, graph_dir=graph_dir) for q in QUERIES}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_gives_the_same_rows_embedded_and_on_the_server(query, engine, embedded_results):
    name, server = engine
    embedded = embedded_results[query.name]
    remote = run_query(query, endpoint=server.query_url, timeout=60)
    assert remote.kind == embedded.kind
    if embedded.kind == "select":
        assert remote.variables == embedded.variables
        assert comparable_rows(remote, query.text) == comparable_rows(embedded, query.text)
    elif embedded.kind == "ask":
        assert remote.boolean == embedded.boolean
    elif re.search(r"^\s*DESCRIBE", query.text, re.M | re.I) and name == "virtuoso":
        # SPARQL leaves the description to the engine (SPARQL 1.1, 16.4). Oxigraph gives
        # the resource's own triples; Virtuoso 7 mostly the triples that point at it. What
        # both promise: a non-empty description in which the resource takes part.
        described = {s for s, _, _ in embedded.graph}
        assert len(described) == 1 and len(remote.graph)
        assert all(s in described or o in described for s, _, o in remote.graph)
    else:
        assert comparable_graph(remote.graph) == comparable_graph(embedded.graph)


def test_every_named_query_answers_something_embedded(embedded_results):
    empty = [name for name, result in embedded_results.items()
             if (result.kind == "select" and not result.rows)
             or (result.kind == "graph" and not len(result.graph))]
    assert not empty, f"these queries answer nothing on the built graph: {empty}"


def test_rows_have_the_counts_of_the_dump(engine, expected_counts):
    """Across all graphs the server sees exactly the triples of the dump (union default graph)."""
    _, server = engine
    # Virtuoso keeps its own system graphs next to ours.
    query = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/ashraf-kg/id/graph/')) }")
    result = query_endpoint(server.query_url, query)
    assert int(result.rows[0][0]) == sum(expected_counts.values())


# --- bad input ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def silent_endpoint():
    """A local socket that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    listener.close()
    for connection in held:
        connection.close()


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_clear_error(code, out, err, *words):
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0]


def test_push_to_an_unreachable_endpoint(capsys, graph_dir):
    url = f"http://127.0.0.1:{find_free_port()}/sparql"
    code, out, err = run_cli(capsys, "push", "--endpoint", url, "--graph-dir", str(graph_dir))
    assert_one_clear_error(code, out, err, "connection refused", "127.0.0.1")


def test_push_whose_query_endpoint_refuses_queries_replaces_nothing(capsys, oxigraph_writable,
                                                                    tmp_path):
    probe = "https://w3id.org/ashraf-kg/id/graph/zzz-probe"
    dump = write_dump(tmp_path / "probe", [f'<urn:x:s> <urn:x:p> "probe" <{probe}> .'])
    code, out, err = run_cli(capsys, "push", "--endpoint", oxigraph_writable.update_url,
                             "--gsp", oxigraph_writable.gsp_url, "--graph-dir", str(dump))
    assert_one_clear_error(code, out, err, "rejected the query")
    assert count_graph_triples(oxigraph_writable.query_url, [probe]) == {probe: 0}


def test_push_with_a_wrong_password_changes_nothing(capsys, pushed, graph_dir, expected_counts):
    server = pushed["virtuoso"][0]
    code, out, err = run_cli(capsys, "push", "--endpoint", server.query_url, "--user", "dba",
                             "--password", "not-the-password", "--graph-dir", str(graph_dir))
    assert_one_clear_error(code, out, err, "refused the credentials", "401")
    assert count_graph_triples(server.query_url, sorted(expected_counts)) == expected_counts


def test_push_with_basic_auth_to_a_digest_only_server_is_refused(capsys, pushed, graph_dir):
    server = pushed["virtuoso"][0]
    code, out, err = run_cli(capsys, "push", "--endpoint", server.query_url, "--user", "dba",
                             "--password", server.password, "--auth", "basic",
                             "--graph-dir", str(graph_dir))
    assert_one_clear_error(code, out, err, "401", "--auth")


def test_query_with_the_password_from_the_environment(capsys, monkeypatch, pushed):
    server = pushed["virtuoso"][0]
    monkeypatch.setenv("ASHRAF_KG_PASSWORD", server.password)
    auth_url = server.query_url + "-auth"  # Virtuoso's /sparql-auth asks for digest credentials
    code, out, err = run_cli(capsys, "query", "-e", "ASK { ?s ?p ?o }", "--endpoint", auth_url,
                             "--user", "dba", "--format", "json")
    assert code == 0 and json.loads(out)["boolean"] is True


def test_query_with_basic_auth_to_a_digest_only_server_is_refused(capsys, monkeypatch, pushed):
    server = pushed["virtuoso"][0]
    monkeypatch.setenv("ASHRAF_KG_PASSWORD", server.password)
    code, out, err = run_cli(capsys, "query", "-e", "ASK { ?s ?p ?o }", "--endpoint",
                             server.query_url + "-auth", "--user", "dba", "--auth", "basic")
    assert_one_clear_error(code, out, err, "401")


def test_push_of_an_empty_dump_is_an_error(capsys, oxigraph_writable, tmp_path):
    dump = write_dump(tmp_path / "empty", [])
    code, out, err = run_cli(capsys, "push", "--endpoint", oxigraph_writable.query_url,
                             "--graph-dir", str(dump))
    assert_one_clear_error(code, out, err, "no named graph", "nothing to push")


# --- hostile endpoints: a redirect elsewhere, an answer that would fetch things --------------

@pytest.fixture
def elsewhere(recorder):
    """Another origin (``localhost``, another port) that records what reaches it."""
    server = recorder()
    server.url = server.url.replace("127.0.0.1", "localhost")
    return server


@pytest.fixture
def redirecting(recorder, elsewhere):
    """An endpoint that redirects every request to ``elsewhere``."""
    def answer(handler):
        handler.send_response(307)
        handler.send_header("Location", elsewhere.url + handler.path)
        handler.end_headers()

    return recorder(answer)


@pytest.mark.parametrize("auth", ["basic", "digest"])
def test_query_credentials_never_follow_a_redirect_to_another_origin(capsys, redirecting,
                                                                     elsewhere, auth):
    code, out, err = run_cli(capsys, "query", "-e", "ASK {}", "--endpoint",
                             redirecting.url + "/sparql", "--user", "u", "--password", "secret",
                             "--auth", auth)
    assert_one_clear_error(code, out, err, "redirected to", "another origin")
    assert redirecting.requests and not elsewhere.requests


def test_push_credentials_never_follow_a_redirect_to_another_origin(capsys, oxigraph_writable,
                                                                    redirecting, elsewhere,
                                                                    tmp_path):
    probe = "https://w3id.org/ashraf-kg/id/graph/zzz-redirect"
    dump = write_dump(tmp_path / "probe", [f'<urn:x:s> <urn:x:p> "probe" <{probe}> .'])
    code, out, err = run_cli(capsys, "push", "--endpoint", oxigraph_writable.query_url,
                             "--gsp", redirecting.url + "/store", "--user", "u",
                             "--password", "secret", "--auth", "basic", "--graph-dir", str(dump))
    assert_one_clear_error(code, out, err, "redirected to", "another origin")
    assert redirecting.requests and not elsewhere.requests
    assert count_graph_triples(oxigraph_writable.query_url, [probe]) == {probe: 0}


@pytest.mark.parametrize("media", ["application/ld+json", "application/rdf+xml", "text/html"])
def test_a_graph_answer_that_could_load_things_is_not_read(capsys, recorder, elsewhere, media):
    """A JSON-LD answer whose @context names a URL (or a local file) would make the reader
    fetch it: only formats that load nothing are read."""
    context = f"{elsewhere.url}/context.jsonld"
    bodies = {"application/ld+json": f'{{"@context": "{context}", "@id": "urn:x", "p": "v"}}',
              "application/rdf+xml": f'<!DOCTYPE r [<!ENTITY e SYSTEM "{context}">]>'
                                     '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                                     '<rdf:Description rdf:about="urn:x"><rdf:value>&e;</rdf:value>'
                                     '</rdf:Description></rdf:RDF>',
              "text/html": "<html>hello</html>"}

    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", media)
        handler.end_headers()
        handler.wfile.write(bodies[media].encode())

    hostile = recorder(answer)
    code, out, err = run_cli(capsys, "query", "-e", "CONSTRUCT WHERE { ?s ?p ?o }",
                             "--endpoint", hostile.url + "/sparql")
    assert_one_clear_error(code, out, err, media, "not read")
    assert not elsewhere.requests


def test_push_to_a_server_that_never_answers(capsys, silent_endpoint, graph_dir):
    code, out, err = run_cli(capsys, "push", "--endpoint", silent_endpoint, "--timeout", "1",
                             "--graph-dir", str(graph_dir))
    assert_one_clear_error(code, out, err, "did not answer within 1 s")


def test_query_on_a_server_that_never_answers():
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        with pytest.raises(EndpointError, match=r"did not answer within 0.5 s"):
            query_endpoint(url, "ASK {}", timeout=0.5)
    finally:
        listener.close()


def test_endpoint_query_without_timeout_gets_the_default_one(monkeypatch):
    import ashraf_kg.query.endpoint

    monkeypatch.setattr(ashraf_kg.query.endpoint, "DEFAULT_TIMEOUT", 0.5)
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        outcome = []

        def ask():
            try:
                run_query("ASK {}", endpoint=url)
            except EndpointError as error:
                outcome.append(str(error))

        worker = threading.Thread(target=ask, daemon=True)
        worker.start()
        worker.join(30)  # without a default, the request would wait for ever
        assert outcome and "did not answer within 0.5 s" in outcome[0]
    finally:
        listener.close()


def test_push_of_a_graph_dir_that_does_not_exist(capsys, tmp_path):
    code, out, err = run_cli(capsys, "push", "--endpoint", "http://127.0.0.1:7878/query",
                             "--graph-dir", str(tmp_path / "missing"))
    assert_one_clear_error(code, out, err, "does not exist", "missing", "ashraf-kg build")


@pytest.mark.parametrize("url", ["localhost:8890/sparql", "ftp://example.org/sparql",
                                 "http://127.0.0.1:99999/sparql"])
def test_push_to_a_malformed_url(capsys, graph_dir, url):
    code, out, err = run_cli(capsys, "push", "--endpoint", url, "--graph-dir", str(graph_dir))
    assert_one_clear_error(code, out, err, "malformed", url)


def test_push_to_an_endpoint_whose_store_url_cannot_be_guessed(capsys, graph_dir):
    code, out, err = run_cli(capsys, "push", "--endpoint", "http://127.0.0.1:3030/ds/sparql-x",
                             "--graph-dir", str(graph_dir))
    assert_one_clear_error(code, out, err, "--gsp")


def test_push_prints_one_line_per_graph(capsys, oxigraph_writable, graph_dir, expected_counts):
    code, out, err = run_cli(capsys, "push", "--endpoint", oxigraph_writable.query_url,
                             "--graph-dir", str(graph_dir))
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert len(lines) == len(expected_counts) + 1
    assert lines[-1].startswith(f"Replaced {len(expected_counts)} graphs "
                                f"({sum(expected_counts.values())} triples)")


def test_a_malformed_query_is_reported_with_the_servers_words(engine):
    _, server = engine
    from ashraf_kg.errors import QueryError

    with pytest.raises(QueryError, match="rejected the query") as failure:
        query_endpoint(server.query_url, "SELECT * WHERE { ?s ?p }")
    assert len(str(failure.value)) < 600


def test_a_malformed_query_says_how_many_prefix_lines_were_added(engine):
    _, server = engine
    from ashraf_kg.errors import QueryError

    with pytest.raises(QueryError, match="rejected the query") as failure:
        run_query("SELECT * WHERE { ?s rdfs:label }", endpoint=server.query_url)
    assert failure.value.hint == "the server's line numbers count the 1 PREFIX line sent before the query text"


def test_query_counts_match_between_select_and_construct(engine):
    """Sanity of the two result paths (JSON rows, RDF graph) on the same server."""
    _, server = engine
    pattern = "?s a <https://w3id.org/ashraf-kg/ontology#Person> ; ?p ?o"
    rows = query_endpoint(server.query_url, f"SELECT DISTINCT ?s ?p ?o WHERE {{ {pattern} }}").rows
    graph = query_endpoint(server.query_url, f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {pattern} }}").graph
    assert rows and {tuple(normalise(t) for t in row) for row in rows} == comparable_graph(graph)


def test_push_says_which_graph_it_was_writing_when_the_store_stopped_answering(recorder, tmp_path):
    """The store takes the first graph, then dies while the second is sent: the first was
    replaced and cannot be put back; the second may or may not have been written."""
    first, second = "https://w3id.org/ashraf-kg/id/graph/aaa-one", "https://w3id.org/ashraf-kg/id/graph/bbb-two"
    state = {"puts": 0, "dead": False}

    def answer(handler):
        if handler.command == "PUT":
            state["puts"] += 1
            state["dead"] = state["dead"] or state["puts"] == 2
        if state["dead"]:
            handler.close_connection = True  # no answer: the connection just ends
            return
        status, body = {"POST": (200, b'{"head": {"vars": ["g", "n"]}, "results": {"bindings": []}}'),
                        "GET": (404, b""), "PUT": (204, b"")}[handler.command]
        handler.send_response(status)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    store = recorder(answer)
    dump = write_dump(tmp_path / "two", [f'<urn:x:s> <urn:x:p> "1" <{first}> .',
                                         f'<urn:x:s> <urn:x:p> "2" <{second}> .'])
    with pytest.raises(EndpointError) as failure:
        push_dataset(dump, store.url + "/sparql", gsp_url=store.url + "/store", timeout=10)
    message = str(failure.value)
    assert f"failed while replacing <{second}>" in message
    assert f"REPLACED and not restored: <{first}>" in message
    assert ("perhaps replaced (the store stopped answering while it was written) and not "
            f"restored: <{second}>") in message
    assert "left as it was" not in message
