"""run_query, resolve_query, format_result, the embedded store and the query commands."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import time

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ashraf_kg.cli import main
from ashraf_kg.errors import QueryError
from ashraf_kg.query import store as embedded
from ashraf_kg.query.named import render_catalogue, write_catalogue
from ashraf_kg.query.results import format_result
from ashraf_kg.query.run import bind_parameters, check_syntax, list_queries, resolve_query, run_query

ID = "https://w3id.org/ashraf-kg/id/"
TINY = f"""\
<{ID}person/a> <http://www.w3.org/2000/01/rdf-schema#label> "Alice"@en <{ID}graph/registry> .
<{ID}person/b> <http://www.w3.org/2000/01/rdf-schema#label> "Bob \\"the\\" builder"@en <{ID}graph/registry> .
<{ID}person/a> <http://xmlns.com/foaf/0.1/knows> <{ID}person/b> <{ID}graph/doc-1> .
<{ID}person/a> <http://xmlns.com/foaf/0.1/knows> <{ID}person/b> <{ID}graph/doc-2> .
<{ID}person/a> <https://schema.org/age> "44"^^<http://www.w3.org/2001/XMLSchema#integer> <{ID}graph/doc-1> .
"""
LABELS = "SELECT DISTINCT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s"
INJECTION = 'x" } ; DROP ALL ; #'


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def tiny_dir(tmp_path):
    folder = tmp_path / "graph"
    folder.mkdir()
    (folder / "ashraf-kg.nq").write_text(TINY, encoding="utf-8")
    return folder


# --- parameters ---------------------------------------------------------------------------

def test_injection_attempt_stays_a_literal(tiny_dir):
    result = run_query("SELECT ?v WHERE { }", graph_dir=tiny_dir, params={"v": INJECTION})
    assert result.rows == ((Literal(INJECTION),),)


def test_injection_attempt_matches_nothing_and_changes_nothing(tiny_dir):
    result = run_query(LABELS, graph_dir=tiny_dir, params={"label": INJECTION})
    assert result.rows == ()
    assert len(run_query(LABELS, graph_dir=tiny_dir).rows) == 2


def test_iri_parameter_is_bound_as_iri(tiny_dir):
    result = run_query(LABELS, graph_dir=tiny_dir, params={"s": f"<{ID}person/a>"})
    assert result.rows == ((URIRef(f"{ID}person/a"), Literal("Alice", lang="en")),)


def test_iri_with_forbidden_characters_is_refused(tiny_dir):
    with pytest.raises(QueryError, match="not a valid IRI"):
        run_query(LABELS, graph_dir=tiny_dir, params={"s": "http://x> } DROP ALL { <y"})


def test_declared_iri_parameter_takes_an_id(tiny_dir):
    query = resolve_query("list_relations_of")
    text = bind_parameters(query, {"entity": "organization/qods-force"})
    assert f"VALUES ?entity {{ <{ID}organization/qods-force> }}" in text


def test_declared_default_is_bound_when_no_value_given():
    text = bind_parameters(resolve_query("list_meetings_before"))
    assert f"VALUES ?event {{ <{ID}event/camp-ashraf-assault-2013> }}" in text


def test_undeclared_parameter_is_refused():
    with pytest.raises(QueryError, match="has no parameter 'nope'") as error:
        bind_parameters(resolve_query("list_timeline"), {"nope": "1"})
    assert "document" in error.value.hint


def test_ill_typed_value_is_refused():
    query = resolve_query("# param: n (integer): a number\nSELECT ?n WHERE { }")
    with pytest.raises(QueryError, match="not a valid integer"):
        bind_parameters(query, {"n": "forty-four"})


def test_values_block_goes_into_the_where_pattern_not_the_template():
    query = resolve_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert bind_parameters(query, {"s": "http://e/x"}) == (
        "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <http://e/x> } ?s ?p ?o }")


def test_braces_in_strings_and_comments_are_skipped():
    text = 'SELECT ?s # { not here\nWHERE { ?s ?p "}{" }'
    bound = bind_parameters(resolve_query(text), {"s": "http://e/x"})
    assert bound.endswith('WHERE { VALUES ?s { <http://e/x> } ?s ?p "}{" }')


# --- resolving and errors -----------------------------------------------------------------

def test_unknown_name_suggests_the_closest_names():
    with pytest.raises(QueryError, match="unknown query 'list_timelin'") as error:
        resolve_query("list_timelin")
    assert "list_timeline" in error.value.hint


def test_short_name_finds_the_query():
    assert resolve_query("timeline").name == "list_timeline"


def test_query_from_a_file(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\nASK { ?s ?p ?o }\n", encoding="utf-8")
    query = resolve_query(str(path))
    assert (query.name, query.title) == ("mine", "Mine")


def test_syntax_error_reports_line_and_column(tiny_dir):
    text = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nSELECT ?s\nWHERE { ?s rdfs:label }"
    with pytest.raises(QueryError, match="line 3, column 23") as error:
        run_query(text, graph_dir=tiny_dir)
    assert error.value.where == "<inline>"


def test_missing_dump_says_how_to_fix(tmp_path):
    with pytest.raises(QueryError, match="no graph dump") as error:
        run_query(LABELS, graph_dir=tmp_path)
    assert "ashraf-kg build" in error.value.hint


ENDLESS = ("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?a{i} ?b{i} ?c{i} ." for i in range(40))
           + " }")


def test_timeout_stops_the_query_on_the_disk_cache(tiny_dir):
    started = time.monotonic()
    with pytest.raises(QueryError, match="did not finish within 0.5 s"):
        run_query(ENDLESS, graph_dir=tiny_dir, storage="disk", timeout=0.5)
    assert time.monotonic() - started < 15
    assert multiprocessing.active_children() == []  # the worker was stopped


def test_timeout_returns_control_on_the_memory_store(tiny_dir):
    started = time.monotonic()
    with pytest.raises(QueryError, match="did not finish within 0.5 s"):
        run_query(ENDLESS, graph_dir=tiny_dir, storage="memory", timeout=0.5)
    assert time.monotonic() - started < 15


@pytest.mark.parametrize("update", ["DELETE WHERE { ?s ?p ?o }",
                                    "PREFIX x: <urn:x:> INSERT DATA { x:a x:b x:c }"])
def test_an_update_is_refused_as_such(tiny_dir, update):
    with pytest.raises(QueryError, match=r"only SELECT, ASK, CONSTRUCT and DESCRIBE can be run, "
                                         r"not (DELETE|INSERT)"):
        run_query(update, graph_dir=tiny_dir)


def test_timeout_leaves_a_quick_query_alone(tiny_dir):
    result = run_query(LABELS, graph_dir=tiny_dir, timeout=60)
    assert [row[0] for row in result.rows] == [URIRef(f"{ID}person/a"), URIRef(f"{ID}person/b")]


# A query that needs no data at all: 30^6 rows from VALUES alone. Run unbounded (as a
# syntax check on an empty store would), it takes minutes.
FROM_NOTHING = ("SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?v{i} {{ {' '.join(str(n) for n in range(30))} }}" for i in range(6)) + " }")


@pytest.mark.parametrize("storage", embedded.STORAGES)
def test_timeout_bounds_a_query_that_needs_no_data(tiny_dir, storage):
    import subprocess
    import sys

    command = [sys.executable, "-m", "ashraf_kg.cli", "query", "-e", FROM_NOTHING, "--graph-dir",
               str(tiny_dir), "--storage", storage, "--timeout", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 2 and "did not finish within 1 s" in done.stderr


SERVICE = "SELECT ?s WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"
REMOTE_ROW = (b'{"head": {"vars": ["s"]}, "results": {"bindings": '
              b'[{"s": {"type": "uri", "value": "urn:x:remote"}}]}}')


@pytest.mark.parametrize("storage,timeout", [("memory", None), ("memory", 30), ("disk", None),
                                             ("disk", 30)])
def test_service_is_refused_and_nothing_is_fetched(tiny_dir, recorder, storage, timeout):
    remote = recorder(body=REMOTE_ROW)
    with pytest.raises(QueryError, match="SERVICE is refused") as error:
        run_query(SERVICE.format(url=remote.url), graph_dir=tiny_dir, storage=storage,
                  timeout=timeout)
    assert "--allow-service" in error.value.hint
    assert not remote.requests


def test_the_syntax_check_refuses_service(recorder):
    remote = recorder(body=REMOTE_ROW)
    with pytest.raises(QueryError, match="SERVICE is refused"):
        check_syntax(resolve_query(SERVICE.format(url=remote.url)))
    assert not remote.requests


@pytest.mark.parametrize("storage", embedded.STORAGES)
def test_allow_service_fetches_from_the_server_it_names(tiny_dir, recorder, storage):
    remote = recorder(body=REMOTE_ROW)
    result = run_query(SERVICE.format(url=remote.url), graph_dir=tiny_dir, storage=storage,
                       allow_service=True)
    assert result.rows == ((URIRef("urn:x:remote"),),) and len(remote.requests) == 1


@pytest.mark.parametrize("target", ["file:///etc/passwd", "http://127.0.0.1:9/sparql"])
def test_service_that_cannot_be_reached_is_one_clear_error(capsys, tiny_dir, target):
    code = main(["query", "-e", f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                 "--graph-dir", str(tiny_dir), "--allow-service"])
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2 and captured.out == ""
    assert len(lines) == 1 and lines[0].startswith("Error: the query failed"), captured.err


def test_syntax_error_after_a_bound_parameter_points_into_the_text_as_written(tiny_dir):
    text = "SELECT ?who WHERE {\n  ?who rdfs:label ?name ?oops }"
    with pytest.raises(QueryError) as unbound:
        run_query(text, graph_dir=tiny_dir)
    with pytest.raises(QueryError) as bound:
        run_query(text, graph_dir=tiny_dir, params={"name": "Alice", "who": "person/a"})
    assert "line 2, column 3" in str(unbound.value) and str(bound.value) == str(unbound.value)


@pytest.mark.parametrize("storage,timeout", [("memory", None), ("disk", None), ("disk", 30)])
def test_an_answer_over_max_rows_is_refused(tiny_dir, storage, timeout):
    assert len(run_query(LABELS, graph_dir=tiny_dir, storage=storage, timeout=timeout,
                         max_rows=2).rows) == 2
    with pytest.raises(QueryError, match="the answer has more than 1 rows") as error:
        run_query(LABELS, graph_dir=tiny_dir, storage=storage, timeout=timeout, max_rows=1)
    assert "--max-rows" in error.value.hint


def test_max_rows_on_the_command_line(capsys, tiny_dir):
    code = main(["query", "-e", "CONSTRUCT WHERE { ?s ?p ?o }", "--graph-dir", str(tiny_dir),
                 "--max-rows", "3"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Error: ") and "more than 3 triples" in err


# --- the embedded store -------------------------------------------------------------------

@pytest.mark.parametrize("storage", embedded.STORAGES)
def test_default_graph_is_the_union_of_named_graphs(tiny_dir, storage):
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://xmlns.com/foaf/0.1/knows> ?o }"
    # The triple is in two named graphs: the union sees both.
    assert run_query(text, graph_dir=tiny_dir, storage=storage).rows == ((Literal(2),),)


@pytest.mark.parametrize("storage", embedded.STORAGES)
def test_named_graphs_are_kept(tiny_dir, storage):
    graphs = {str(g.value) for g in embedded.open_store(tiny_dir, storage=storage).named_graphs()}
    assert graphs == {f"{ID}graph/registry", f"{ID}graph/doc-1", f"{ID}graph/doc-2"}


def test_memory_and_disk_storages_give_the_same_rows(tiny_dir):
    assert run_query(LABELS, graph_dir=tiny_dir, storage="memory") == \
        run_query(LABELS, graph_dir=tiny_dir, storage="disk")


def test_memory_store_is_parsed_once_per_process(tiny_dir):
    first = embedded.open_store(tiny_dir, storage="memory")
    assert embedded.open_store(tiny_dir, storage="memory") is first


def test_memory_store_is_parsed_again_when_the_dump_changes(tiny_dir):
    first = embedded.open_store(tiny_dir, storage="memory")
    (tiny_dir / "ashraf-kg.nq").write_text(TINY.splitlines()[0] + "\n", encoding="utf-8")
    assert embedded.open_store(tiny_dir, storage="memory") is not first
    assert len(run_query(LABELS, graph_dir=tiny_dir, storage="memory").rows) == 1


def test_memory_store_refuses_a_malformed_dump_with_its_line(tiny_dir):
    (tiny_dir / "ashraf-kg.nq").write_text(TINY + "<a> <b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot load the dump.*line 6") as error:
        embedded.open_store(tiny_dir, storage="memory")
    assert error.value.where.endswith("ashraf-kg.nq")


def test_unknown_storage_is_refused(tiny_dir):
    with pytest.raises(QueryError, match="unknown storage 'tape'") as error:
        run_query(LABELS, graph_dir=tiny_dir, storage="tape")
    assert "memory, disk" in error.value.hint


def test_second_query_reuses_the_disk_cache(tiny_dir, monkeypatch):
    first = embedded.store_path(tiny_dir)
    loads = []
    monkeypatch.setattr(embedded, "_load_into_cache", lambda *args: loads.append(args))
    assert embedded.store_path(tiny_dir) == first
    assert loads == []


def test_changed_dump_is_loaded_afresh(tiny_dir):
    first = embedded.store_path(tiny_dir)
    (tiny_dir / "ashraf-kg.nq").write_text(TINY.splitlines()[0] + "\n", encoding="utf-8")
    second = embedded.store_path(tiny_dir)
    assert second != first
    assert len(run_query(LABELS, graph_dir=tiny_dir).rows) == 1


def test_malformed_dump_leaves_no_cache(tiny_dir, tmp_path):
    (tiny_dir / "ashraf-kg.nq").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="cannot load the dump") as error:
        embedded.store_path(tiny_dir)
    assert error.value.where.endswith("ashraf-kg.nq")
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_dir() and len(p.name) > 20] == []


def test_rdflib_dataset_over_the_store_sees_the_union(tiny_dir):
    dataset = embedded.open_rdflib_graph(tiny_dir)
    labels = {str(o) for o in dataset.objects(None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))}
    assert labels == {"Alice", 'Bob "the" builder'}
    rows = {tuple(r) for r in dataset.query(LABELS)}
    assert rows == set(run_query(LABELS, graph_dir=tiny_dir).rows)


# --- formats ------------------------------------------------------------------------------

@pytest.fixture
def labels(tiny_dir):
    return run_query(LABELS, graph_dir=tiny_dir)


def test_table_is_aligned(labels):
    assert format_result(labels, "table").splitlines() == [
        "s            label",
        "-----------  -----------------",
        "id:person/a  Alice",
        'id:person/b  Bob "the" builder',
    ]


def test_csv(labels):
    rows = list(csv.reader(io.StringIO(format_result(labels, "csv"))))
    assert rows == [["s", "label"], [f"{ID}person/a", "Alice"], [f"{ID}person/b", 'Bob "the" builder']]


def test_csv_is_laid_out_as_the_csv_module_lays_it_out(tiny_dir):
    values = ["plain", "a,b", 'say "no"', "two\nlines", "cr\rhere", " lead", ""]
    text = "SELECT ?v ?w WHERE { VALUES (?v ?w) { %s } }" % " ".join(
        f'({json.dumps(v)} "x")' for v in values)
    single = "SELECT ?v WHERE { VALUES ?v { %s } }" % " ".join(json.dumps(v) for v in values)
    for query, rows in ((text, [[v, "x"] for v in values]), (single, [[v] for v in values])):
        expected = io.StringIO(newline="")
        csv.writer(expected, lineterminator="\r\n").writerows([[name for name in ("v", "w")[:len(rows[0])]], *rows])
        assert format_result(run_query(query, graph_dir=tiny_dir), "csv") == expected.getvalue()


def test_tsv_writes_terms(labels):
    assert format_result(labels, "tsv").splitlines() == [
        "?s\t?label", f'<{ID}person/a>\t"Alice"@en', f'<{ID}person/b>\t"Bob \\"the\\" builder"@en']


def test_json_is_sparql_results_json(labels, tiny_dir):
    document = json.loads(format_result(labels, "json"))
    assert document["head"] == {"vars": ["s", "label"]}
    assert document["results"]["bindings"][0] == {
        "s": {"type": "uri", "value": f"{ID}person/a"},
        "label": {"type": "literal", "value": "Alice", "xml:lang": "en"}}
    age = run_query("SELECT ?age WHERE { ?s <https://schema.org/age> ?age }", graph_dir=tiny_dir)
    assert json.loads(format_result(age, "json"))["results"]["bindings"] == [
        {"age": {"type": "literal", "value": "44",
                 "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]


def test_markdown(labels):
    assert format_result(labels, "markdown").splitlines() == [
        "| s | label |", "| --- | --- |", "| id:person/a | Alice |", '| id:person/b | Bob "the" builder |']


def test_ask_result(tiny_dir):
    result = run_query("ASK { ?s <http://xmlns.com/foaf/0.1/knows> ?o }", graph_dir=tiny_dir)
    assert result.boolean is True
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": True}


def test_construct_as_turtle_and_ntriples(tiny_dir):
    result = run_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph_dir=tiny_dir)
    expected = Graph()
    for s, p, o, _ in Dataset().parse(data=TINY, format="nquads").quads():
        expected.add((s, p, o))
    assert isomorphic(Graph().parse(data=format_result(result, "turtle"), format="turtle"), expected)
    lines = format_result(result, "ntriples").splitlines()
    assert lines == sorted(lines) and len(lines) == 4
    assert isomorphic(Graph().parse(data="\n".join(lines), format="nt"), expected)


def test_graph_result_is_one_row_per_triple_in_every_tabular_format(tiny_dir):
    result = run_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph_dir=tiny_dir)
    bindings = json.loads(format_result(result, "json"))["results"]["bindings"]
    assert sorted(b["predicate"]["value"] for b in bindings) == sorted(
        ["http://www.w3.org/2000/01/rdf-schema#label"] * 2 + ["http://xmlns.com/foaf/0.1/knows",
                                                              "https://schema.org/age"])
    for fmt in ("table", "csv", "tsv", "markdown"):
        text = format_result(result, fmt)
        assert "subject" in text.splitlines()[0] and len(text.strip().splitlines()) >= 4, fmt


def test_graph_formats_refused_for_tables(labels):
    with pytest.raises(QueryError, match="for CONSTRUCT and DESCRIBE"):
        format_result(labels, "turtle")


def test_unknown_format_refused(labels):
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(labels, "xml")


# --- the named queries and their catalogue ------------------------------------------------

def test_at_least_twenty_named_queries_with_headers():
    queries = list_queries()
    assert len(queries) >= 20
    for query in queries:
        assert query.title and query.question, query.source
        assert query.name.count("_") >= 1 and query.name.islower(), query.name


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_named_query_is_valid_sparql_with_valid_defaults(query):
    check_syntax(query)
    bind_parameters(query)  # defaults are well-typed and there is a WHERE pattern to bind them in


# One name per meaning: a parameter named ``entity`` in one query is never ``about`` in the next.
PARAMETER_NAMES = {"entity": "iri", "event": "iri", "place": "iri", "organization": "iri",
                   "claimant": "iri", "stance": "iri", "document": "iri", "type": "iri"}


def test_every_parameter_name_has_one_meaning_and_one_type():
    for query in list_queries():
        for parameter in query.parameters:
            assert PARAMETER_NAMES.get(parameter.name) == parameter.type, (query.name, parameter)


def test_cli_queries_name_shows_the_question_and_parameters_with_defaults(capsys):
    assert main(["queries", "claims_about"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "list_claims_about: Claims about an entity or event"
    assert out[1].startswith("Who says what about this entity or event")
    assert "  entity (iri, default person/nouri-al-maliki): the entity or event" in out


def test_cli_queries_name_without_parameters_says_so(capsys):
    assert main(["queries", "count_events_by_type"]) == 0
    assert "No parameters." in capsys.readouterr().out


def test_committed_catalogue_matches_the_headers():
    write_catalogue(check=True)


def test_catalogue_lists_every_query():
    text = render_catalogue()
    assert all(f"## {q.name}\n" in text for q in list_queries())


# --- command line -------------------------------------------------------------------------

def test_cli_query_csv(tiny_dir, capsys):
    assert main(["query", "-e", LABELS, "--graph-dir", str(tiny_dir), "--format", "csv",
                 "--param", f"s=<{ID}person/b>"]) == 0
    assert capsys.readouterr().out == f's,label\r\n{ID}person/b,"Bob ""the"" builder"\r\n'


def test_cli_query_uses_the_disk_cache_by_default(tiny_dir, tmp_path, capsys):
    assert main(["query", "-e", LABELS, "--graph-dir", str(tiny_dir)]) == 0
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_dir() and len(p.name) == 64]


def test_cli_query_in_memory_writes_no_cache_and_answers_the_same(tiny_dir, tmp_path, capsys):
    assert main(["query", "-e", LABELS, "--graph-dir", str(tiny_dir), "--storage", "memory"]) == 0
    in_memory = capsys.readouterr().out
    assert not (tmp_path / "cache").exists()
    assert main(["query", "-e", LABELS, "--graph-dir", str(tiny_dir), "--storage", "disk"]) == 0
    assert capsys.readouterr().out == in_memory


def test_cli_unknown_query_is_one_error_line(capsys):
    assert main(["query", "list_timelin"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: unknown query 'list_timelin'") and "list_timeline" in err
    assert err.count("\n") == 1


def test_cli_bad_param_syntax(capsys, tiny_dir):
    assert main(["query", "-e", LABELS, "--graph-dir", str(tiny_dir), "--param", "novalue"]) == 2
    assert "is not name=value" in capsys.readouterr().err


def test_cli_lists_queries_with_titles(capsys):
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert "list_timeline" in out and "Timeline of events" in out


def test_cli_catalogue_check(capsys):
    assert main(["queries", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
