"""SHACL validation: one valid and one invalid fixture per shape, and the real graph.

Each fixture folder ``tests/shapes/<ShapeName>/`` is validated against that shape alone
(with the ontology mixed in, as in the build). ``invalid.ttl`` lists the exact messages
it must produce in ``# expect:`` lines; no other message may appear.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from ashraf_kg import cli
from ashraf_kg.errors import AshrafKGError, ValidationError
from ashraf_kg.namespaces import AKG, OA, SCHEMA, graph_iri
from ashraf_kg.validate import check_graph, load_shapes, validate_dumps, validate_graph

SHAPES_NS = "https://w3id.org/ashraf-kg/ontology/shapes#"
FIXTURES = Path(__file__).resolve().parent / "shapes"
SHAPE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def expected_messages(path: Path) -> set[str]:
    return set(re.findall(r"^# expect: (.*)$", path.read_text(encoding="utf-8"), re.M))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def union_graph(dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def test_every_targeted_shape_has_a_fixture_folder(shapes):
    targeted = {str(s)[len(SHAPES_NS):] for s in shapes.subjects(RDF.type, SH.NodeShape)
                if isinstance(s, URIRef)}
    assert targeted == set(SHAPE_NAMES)


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_valid_fixture_conforms(shape_alone, name):
    data = Graph().parse(FIXTURES / name / "valid.ttl")
    report = validate_graph(data, shapes=shape_alone(name))
    assert report.conforms, [str(r) for r in report.results]


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_invalid_fixture_fails_with_the_shapes_messages(shape_alone, name):
    path = FIXTURES / name / "invalid.ttl"
    report = validate_graph(Graph().parse(path), shapes=shape_alone(name))
    assert not report.conforms
    assert expected_messages(path), f"{path} lists no '# expect:' message"
    assert {r.message for r in report.results} == expected_messages(path)


def test_built_dataset_conforms(dataset):
    report = validate_graph(dataset)
    assert report.conforms, "\n".join(str(r) for r in report.results)


def test_committed_dumps_conform(graph_dir):
    report = validate_dumps(graph_dir)
    assert report.conforms, "\n".join(str(r) for r in report.results)


def test_shifted_offsets_in_the_built_graph_are_caught(union_graph):
    graph = Graph()
    graph += union_graph
    selector = sorted(graph.subjects(RDF.type, OA.TextPositionSelector))[0]
    start = int(graph.value(selector, OA.start))
    before = set(validate_graph(graph).results)
    graph.set((selector, OA.start, Literal(start + 1, datatype=XSD.nonNegativeInteger)))
    new = set(validate_graph(graph).results) - before
    assert len(new) == 1
    assert new.pop().message.startswith(f"{selector}: the offsets do not cut out oa:exact")


def test_edited_text_in_the_built_graph_breaks_its_digest(union_graph):
    graph = Graph()
    graph += union_graph
    document = sorted(graph.subjects(AKG.sha256, None))[0]
    text = str(graph.value(document, SCHEMA.text))
    graph.set((document, SCHEMA.text, Literal(text + " ")))
    messages = {r.message for r in validate_graph(graph).results if r.focus_node == document}
    digest = graph.value(document, AKG.sha256)
    assert f"akg:sha256 {digest} is not the SHA-256 of the document's schema:text" in messages


def test_validate_graph_does_not_change_its_input():
    data = Graph().parse(FIXTURES / "EventShape" / "valid.ttl")
    before = len(data)
    validate_graph(data)
    assert len(data) == before


def test_a_dataset_is_validated_as_the_union_of_its_graphs():
    event_graph = Graph().parse(FIXTURES / "MembershipShape" / "valid.ttl")
    dataset = Dataset()
    evidence = URIRef("https://w3id.org/ashraf-kg/id/annotation/doc/0-10")
    for s, p, o in event_graph:
        target = "registry" if (p == RDF.type and s == evidence) else "doc"
        dataset.graph(graph_iri(target)).add((s, p, o))
    alone = Graph()
    alone += dataset.graph(graph_iri("doc"))
    only_doc = {r.message for r in validate_graph(alone).results}
    assert "A membership must be prov:wasDerivedFrom an oa:Annotation (its evidence span)" in only_doc
    union = {r.message for r in validate_graph(dataset).results}
    assert "A membership must be prov:wasDerivedFrom an oa:Annotation (its evidence span)" not in union


def test_check_graph_names_focus_node_path_and_message():
    data = Graph().parse(FIXTURES / "MembershipShape" / "invalid.ttl")
    with pytest.raises(ValidationError) as caught:
        check_graph(data)
    text = str(caught.value)
    assert "<https://w3id.org/ashraf-kg/id/membership/broken> akg:former: " \
           "A membership must say whether it is former (akg:former, xsd:boolean)" in text
    assert len(caught.value.results) >= 6


def test_check_graph_names_the_line_each_failing_statement_was_written_at():
    data = Graph().parse(FIXTURES / "MembershipShape" / "invalid.ttl")
    written = {"https://w3id.org/ashraf-kg/id/membership/broken": "corpus/doc/annotations.yaml:12"}
    with pytest.raises(ValidationError) as caught:
        check_graph(data, locate=written.get)
    assert caught.value.where == "corpus/doc/annotations.yaml:12"
    assert "corpus/doc/annotations.yaml:12: Violation: <https://w3id.org/ashraf-kg/id/membership/broken>" \
        in str(caught.value)


def test_check_graph_returns_the_report_when_the_graph_conforms():
    data = Graph().parse(FIXTURES / "RoleShape" / "valid.ttl")
    assert check_graph(data).conforms


def test_results_are_sorted_and_unique():
    data = Graph().parse(FIXTURES / "EventShape" / "invalid.ttl")
    results = validate_graph(data).results
    keys = [(str(r.focus_node), str(r.path), r.message, r.severity) for r in results]
    assert keys == sorted(set(keys))


def _write_trig(folder: Path, fixture: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    dataset = Dataset()
    dataset.graph(graph_iri("doc")).parse(FIXTURES / fixture)
    dataset.serialize(folder / "ashraf-kg.trig", format="trig")
    return folder


def test_validate_dumps_reads_the_trig_file(tmp_path):
    assert validate_dumps(_write_trig(tmp_path / "good", "RoleShape/valid.ttl")).conforms
    assert not validate_dumps(_write_trig(tmp_path / "bad", "RoleShape/invalid.ttl")).conforms


def test_validate_dumps_without_dumps_says_what_to_run(tmp_path):
    with pytest.raises(AshrafKGError, match="no ashraf-kg.trig or ashraf-kg.ttl in .*ashraf-kg build"):
        validate_dumps(tmp_path)


def test_validate_dumps_reports_a_syntax_error_with_the_file(tmp_path):
    (tmp_path / "ashraf-kg.trig").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(AshrafKGError, match=r"ashraf-kg\.trig"):
        validate_dumps(tmp_path)


def test_validate_command_prints_one_line_when_conforming(tmp_path, capsys):
    folder = _write_trig(tmp_path / "good", "RoleShape/valid.ttl")
    assert cli.main(["validate", "--graph-dir", str(folder)]) == 0
    assert capsys.readouterr().out == f"{folder}: conforms to the SHACL shapes.\n"


def test_validate_command_lists_violations_and_fails(tmp_path, capsys):
    folder = _write_trig(tmp_path / "bad", "RoleShape/invalid.ttl")
    assert cli.main(["validate", "--graph-dir", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "<https://w3id.org/ashraf-kg/id/role/unnamed> skos:prefLabel: A role must have" in out
    assert err == f"{folder}: does not conform to the SHACL shapes: 2 violations.\n"


def test_validate_command_without_dumps_exits_2(tmp_path, capsys):
    assert cli.main(["validate", "--graph-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("Error: ")


def test_complex_paths_are_reported_in_sparql_syntax():
    data = Graph().parse(FIXTURES / "CountShape" / "invalid.ttl")
    paths = {str(r.path) for r in validate_graph(data).results}
    assert "akg:countKind/skos:inScheme" in paths
