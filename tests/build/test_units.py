"""Validation document by document gives the report of the whole dataset, and skips documents
that conformed before."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ashraf_kg import namespaces as ns
from ashraf_kg.build.units import split_units, triple_rows
from ashraf_kg.namespaces import AKG, OA, SEM
from ashraf_kg.validate import dataset as by_document
from ashraf_kg.validate import fast, validate_dataset, validate_graph
from ashraf_kg.validate.shacl import shipped_ontology


def copy_of(dataset) -> Dataset:
    copy = Dataset(default_union=True)
    for quad in dataset.quads((None, None, None, None)):
        copy.add(quad)
    return copy


def shared_nodes(dataset) -> list:
    """Nodes that two or more graphs describe, in IRI order."""
    graphs: dict = {}
    for s, _, _, g in dataset.quads((None, None, None, None)):
        graphs.setdefault(s, set()).add(g)
    return sorted(n for n, gs in graphs.items() if len(gs) > 1)


def test_every_document_is_a_unit(dataset, corpus):
    _, units = split_units(dataset)
    assert [u.name for u in units] == ["(base)", *sorted(d.id for d in corpus.documents)]


@pytest.mark.parametrize("rust_first", [True, False], ids=["shacl-rust first", "pySHACL only"])
def test_the_built_dataset_gets_the_report_of_the_whole(dataset, rust_first):
    assert validate_dataset(dataset, cache=False, fast=rust_first) == validate_graph(dataset)


def break_a_shared_node(dataset):
    """A graph places an event two graphs describe at a node only another document types
    (an annotation, not a place)."""
    event = next(n for n in shared_nodes(dataset) if "/event/" in str(n))
    graphs = {g for _, _, _, g in dataset.quads((event, None, None, None))}
    own = {s for g in graphs for s, _, _, _ in dataset.quads((None, None, None, g))}
    elsewhere = next(s for s, _, _, g in dataset.quads((None, RDF.type, OA.Annotation, None))
                     if g not in graphs and s not in own)
    dataset.graph(sorted(graphs)[0]).add((event, SEM.hasPlace, elsewhere))


def add_a_second_value_elsewhere(dataset):
    """A graph gives a selector a second start, which only the union shows."""
    selector = sorted(dataset.subjects(RDF.type, OA.TextPositionSelector))[0]
    dataset.graph(ns.graph_iri("registry")).add((selector, OA.start, Literal("1")))


def misspell_a_boolean(dataset):
    """An ill-typed value that rdflib writes as a well-typed one ("falsb" as "false")."""
    event = sorted(dataset.subjects(AKG.alleged, Literal(False)))[0]
    graph = next(g for _, _, _, g in dataset.quads((event, AKG.alleged, None, None)))
    dataset.graph(graph).remove((event, AKG.alleged, None))
    dataset.graph(graph).add((event, AKG.alleged, Literal("falsb", datatype=XSD.boolean)))


def point_at_an_undescribed_source(dataset):
    """A target's source is a node nothing describes (sh:targetObjectsOf reaches it)."""
    target = sorted(dataset.subjects(RDF.type, OA.SpecificResource))[0]
    graph = next(g for _, _, _, g in dataset.quads((target, OA.hasSource, None, None)))
    dataset.graph(graph).add((target, OA.hasSource, URIRef("https://w3id.org/ashraf-kg/id/document/none")))


@pytest.mark.parametrize("rust_first", [True, False], ids=["shacl-rust first", "pySHACL only"])
@pytest.mark.parametrize("damage", [break_a_shared_node, add_a_second_value_elsewhere,
                                    point_at_an_undescribed_source, misspell_a_boolean])
def test_a_damaged_dataset_gets_the_report_of_the_whole(dataset, damage, rust_first):
    damaged = copy_of(dataset)
    damage(damaged)
    whole = validate_graph(damaged)
    assert not whole.conforms
    assert validate_dataset(damaged, cache=False, fast=rust_first) == whole


@pytest.mark.parametrize("damage", [None, break_a_shared_node, add_a_second_value_elsewhere,
                                    point_at_an_undescribed_source, misspell_a_boolean])
def test_shacl_rust_finds_a_result_about_a_kept_node_where_pyshacl_does(dataset, damage):
    damaged = copy_of(dataset)
    if damage is not None:
        damage(damaged)
    ontology, units = split_units(damaged)
    context = list({*ontology, *shipped_ontology()})
    context_rows = triple_rows(context)
    for unit in units:
        found = by_document.validate_unit(context, unit.triples, unit.keep)
        clean = not fast.has_ill_typed(o for _, _, o in unit.triples) \
            and fast.has_no_results(triple_rows(unit.triples) + context_rows, about=unit.keep)
        assert clean == (not found), unit.name


def test_pyshacl_validates_only_the_units_shacl_rust_finds_results_in(dataset, monkeypatch):
    damaged = copy_of(dataset)
    point_at_an_undescribed_source(damaged)
    checked = []
    real = by_document.validate_unit

    def counted(context, triples, keep):
        checked.append(keep)
        return real(context, triples, keep)

    monkeypatch.setattr(by_document, "validate_unit", counted)
    assert validate_dataset(damaged, cache=False) == validate_graph(damaged)
    assert 1 <= len(checked) < len(split_units(damaged)[1])


def test_documents_that_conformed_before_are_not_validated_again(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(tmp_path))
    first = validate_dataset(dataset, fast=False)
    assert first.conforms and len(list((tmp_path / "shacl").iterdir())) == len(split_units(dataset)[1])

    def must_not_run(*args):
        raise AssertionError("validated again")

    monkeypatch.setattr(by_document, "validate_unit", must_not_run)
    shutil.rmtree(tmp_path / "shacl-datasets")  # the verdict on the whole dataset
    assert validate_dataset(dataset, fast=False) == first


def test_a_dataset_that_conformed_before_is_not_split_again(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(tmp_path))
    first = validate_dataset(dataset)

    def must_not_split(*args):
        raise AssertionError("split again")

    monkeypatch.setattr("ashraf_kg.build.units.iter_units", must_not_split)
    monkeypatch.setattr(by_document, "has_no_results", must_not_split)
    assert validate_dataset(dataset) == first
    assert validate_dataset(copy_of(dataset)) == first  # the same content, in another dataset
    damaged = copy_of(dataset)
    point_at_an_undescribed_source(damaged)
    with pytest.raises(AssertionError, match="split again"):
        validate_dataset(damaged)


def test_a_changed_document_is_validated_again_and_a_failure_never_cached(dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(tmp_path))
    validate_dataset(dataset, fast=False)
    damaged = copy_of(dataset)
    point_at_an_undescribed_source(damaged)  # one document's graph: the others stay cached
    before = set((tmp_path / "shacl").iterdir())
    for rust_first in (False, True, True):
        assert validate_dataset(damaged, fast=rust_first) == validate_graph(damaged)
    assert set((tmp_path / "shacl").iterdir()) - before == set()


def test_a_unit_holds_the_types_of_what_it_points_to_in_another_document():
    """An event of one document part of an event only another document tells: the unit
    still sees that the other node is an event, as the whole dataset does."""
    from rdflib import Dataset, URIRef
    from rdflib.namespace import RDF

    from ashraf_kg import namespaces as ns
    from ashraf_kg.build.units import split_units
    from ashraf_kg.namespaces import AKG, SEM

    dataset = Dataset()
    whole, part = URIRef(ns.event_iri("series")), URIRef(ns.event_iri("one-attack"))
    dataset.graph(ns.graph_iri("doc-a")).add((whole, RDF.type, AKG.Attack))
    dataset.graph(ns.graph_iri("doc-b")).add((part, SEM.subEventOf, whole))
    dataset.graph(ns.graph_iri("doc-b")).add((part, RDF.type, AKG.Attack))
    _, units = split_units(dataset)
    unit_b = next(u for u in units if u.name == "doc-b")
    assert (whole, RDF.type, AKG.Attack) in set(unit_b.triples)
