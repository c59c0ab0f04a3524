"""shacl-rust, the first look at a dataset, finds what pySHACL finds: the same results (focus
node, constraint component, value) on every fixture of tests/shapes/, none on the built
dataset, and some wherever pySHACL finds any on damaged copies of it."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.namespace import RDF, SH, XSD
from rdflib.util import from_n3

from ashraf_kg import namespaces as ns
from ashraf_kg.build.quads import graph_rows
from ashraf_kg.build.units import triple_rows
from ashraf_kg.namespaces import AKG, OA, SCHEMA
from ashraf_kg.validate import fast
from ashraf_kg.validate.shacl import _merge, shipped_ontology

FIXTURES = Path(__file__).resolve().parents[1] / "shapes"
SHAPES_NS = "https://w3id.org/ashraf-kg/ontology/shapes#"
CASES = [(name, kind) for name in sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
         for kind in ("valid", "invalid")]


def _key(focus, component, value) -> tuple:
    """A result as both engines can name it (blank nodes are named differently by each; a
    literal typed xsd:string is the plain literal of RDF 1.1)."""
    return tuple(None if node is None or isinstance(node, BNode)
                 else Literal(str(node)) if isinstance(node, Literal) and node.datatype == XSD.string
                 else node for node in (focus, component, value))


def pyshacl_results(data: Graph, shapes: Graph) -> set[tuple]:
    """pySHACL's results, run as the build runs it (with the ontology, no inference)."""
    _, found, _ = pyshacl.validate(_merge(data, shipped_ontology()), shacl_graph=shapes,
                                   inference="none", allow_infos=True, allow_warnings=True)
    return {_key(found.value(r, SH.focusNode), found.value(r, SH.sourceConstraintComponent),
                 found.value(r, SH.value)) for r in found.subjects(RDF.type, SH.ValidationResult)}


def engine_results(lines, shapes: Path) -> set[tuple]:
    """shacl-rust's results, run as :mod:`ashraf_kg.validate.fast` runs it."""
    found = fast.find_results(lines, shapes)
    assert found is not None, "shacl-rust did not run"
    return {_key(*(from_n3(r[k]) if r.get(k) else None
                   for k in ("focusNode", "sourceConstraintComponent", "value"))) for r in found}


def lines_of(data) -> list[str]:
    if isinstance(data, Dataset):
        return [row for rows in graph_rows(data).values() for row in rows]
    return triple_rows(data)


@pytest.mark.parametrize("alone", [True, False], ids=["shape alone", "all shapes"])
@pytest.mark.parametrize(("name", "kind"), CASES)
def test_both_engines_find_the_same_results_on_each_fixture(shapes, shape_alone, tmp_path, name, kind,
                                                             alone):
    shapes = shape_alone(name) if alone else shapes
    shapes.serialize(tmp_path / "shapes.ttl", format="turtle")
    data = Graph().parse(FIXTURES / name / f"{kind}.ttl")
    expected = pyshacl_results(data, shapes)
    assert engine_results(triple_rows(data), tmp_path / "shapes.ttl") == expected
    assert expected or kind == "valid"


def test_the_built_dataset_has_no_result_in_either_engine(dataset):
    assert fast.has_no_results(lines_of(dataset))


def union_of(dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def shift_an_offset(graph):
    selector = sorted(graph.subjects(RDF.type, OA.TextPositionSelector))[0]
    graph.set((selector, OA.start, Literal(int(graph.value(selector, OA.start)) + 1,
                                           datatype=XSD.nonNegativeInteger)))


def edit_a_text(graph):
    document = sorted(graph.subjects(AKG.sha256, None))[0]
    graph.set((document, SCHEMA.text, Literal(str(graph.value(document, SCHEMA.text)) + " ")))


def untype_an_end(graph):
    selector = sorted(graph.subjects(RDF.type, OA.TextPositionSelector))[-1]
    graph.set((selector, OA.end, Literal(str(graph.value(selector, OA.end)))))


def drop_an_evidence(graph):
    event = sorted(graph.subjects(RDF.type, AKG.Attack))[0]
    graph.remove((event, ns.PROV.wasDerivedFrom, None))


def untype_a_place(graph):
    event = next(e for e in sorted(graph.subjects(RDF.type, AKG.Attack)) if graph.value(e, ns.SEM.hasPlace))
    for place in graph.objects(event, ns.SEM.hasPlace):
        graph.remove((place, RDF.type, None))


@pytest.mark.parametrize("damage", [shift_an_offset, edit_a_text, untype_an_end, drop_an_evidence,
                                    untype_a_place])
def test_both_engines_find_results_at_the_same_nodes_on_a_damaged_dataset(dataset, shapes, damage):
    """The same focus nodes, not always the same results: an oa:end that is not an integer
    is a datatype violation for both, and pySHACL also reports oa:start as not less than it
    (the two cannot be compared), shacl-rust not."""
    graph = union_of(dataset)
    damage(graph)
    expected = {focus for focus, _, _ in pyshacl_results(graph, shapes)}
    assert expected
    found = engine_results(triple_rows(graph), fast.resources.ontology_dir() / "shapes.ttl")
    assert {focus for focus, _, _ in found} == expected
    assert not fast.has_no_results(triple_rows(graph))


def test_an_ill_typed_literal_written_well_typed_is_told_apart(shape_alone, tmp_path):
    """rdflib writes ``"falsb"^^xsd:boolean`` as ``"false"``: shacl-rust, reading the
    N-Triples lines, finds nothing, where pySHACL finds the ill-typed value."""
    shapes = shape_alone("EventShape")
    shapes.serialize(tmp_path / "shapes.ttl", format="turtle")
    data = Graph().parse(FIXTURES / "EventShape" / "valid.ttl")
    event = next(data.subjects(AKG.alleged, Literal(False)))
    data.set((event, AKG.alleged, Literal("falsb", datatype=XSD.boolean)))
    assert pyshacl_results(data, shapes)
    assert engine_results(triple_rows(data), tmp_path / "shapes.ttl") == set()
    assert fast.has_ill_typed(o for _, _, o in data)
    assert not fast.has_ill_typed(o for _, _, o in Graph().parse(FIXTURES / "EventShape" / "valid.ttl"))


def test_a_missing_engine_leaves_the_work_to_pyshacl(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "shacl_rust", None)  # import fails
    assert fast.find_results([], fast.resources.ontology_dir() / "shapes.ttl") is None
    assert not fast.has_no_results([])


def test_the_reader_hands_out_every_byte_in_order():
    lines = [f'<https://example.org/{n}> <https://example.org/p> "é {n}" .\n' for n in range(2000)]
    reader = fast._Reader(iter(lines))
    read = b"".join(iter(lambda: reader.read(4099), b""))
    assert read.decode("utf-8") == "".join(lines)


def single_changes(triples: list):
    """The triples with one change each: each predicate's first statement left out, and the
    first value of each (predicate, datatype or language) retyped as a plain string and as
    an xsd:integer."""
    first_of: dict = {}
    for triple in sorted(triples):
        first_of.setdefault(triple[1], triple)
        if isinstance(triple[2], Literal):
            first_of.setdefault((triple[1], triple[2].datatype, triple[2].language), triple)
    for key, (s, p, o) in first_of.items():
        rest = [t for t in triples if t != (s, p, o)]
        if not isinstance(key, tuple):
            yield rest
            continue
        yield [*rest, (s, p, Literal(str(o)))]
        yield [*rest, (s, p, Literal(str(o), datatype=XSD.integer))]


def test_shacl_rust_finds_a_result_about_a_kept_node_after_any_single_change(dataset):
    from ashraf_kg.build.units import split_units
    from ashraf_kg.validate.dataset import validate_unit

    ontology, units = split_units(dataset)
    unit = min(units[1:], key=lambda u: len(u.triples))  # the smallest document
    context = list({*ontology, *shipped_ontology()})
    context_rows = triple_rows(context)
    checked = failing = 0
    for triples in single_changes(unit.triples):
        found = validate_unit(context, triples, unit.keep)
        clean = fast.has_no_results(triple_rows(triples) + context_rows, about=unit.keep)
        assert not (found and clean), [str(r) for r in found]
        checked, failing = checked + 1, failing + bool(found)
    assert checked > 50 and failing > 20


def test_an_engine_failure_leaves_the_work_to_pyshacl():
    assert fast.find_results(["not N-Triples\n"], fast.resources.ontology_dir() / "shapes.ttl") is None
    assert not fast.has_no_results(["not N-Triples\n"])
