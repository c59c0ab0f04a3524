"""Building RDF: regression folders, evidence on every statement, no blank nodes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDF

from ashraf_kg import namespaces as ns
from ashraf_kg.build.dataset import build_corpus
from ashraf_kg.namespaces import AKG, OA, ORG, SCHEMA

CASES = sorted(p for p in (Path(__file__).resolve().parents[1] / "data" / "build").iterdir() if p.is_dir())
MINIMAL = next(case for case in CASES if case.name == "minimal")
ONTOLOGY_GRAPH = ns.graph_iri("ontology")


def graphs_of(dataset: Dataset) -> dict[URIRef, Graph]:
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if name != ONTOLOGY_GRAPH:
            graphs.setdefault(name, Graph()).add((s, p, o))
    return graphs


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_regression_case_matches_expected_nquads(case):
    expected = Dataset()
    expected.parse(case / "expected.nq", format="nquads")
    actual = graphs_of(build_corpus(case / "corpus"))
    wanted = graphs_of(expected)
    assert sorted(actual) == sorted(wanted)
    for name in wanted:
        assert isomorphic(actual[name], wanted[name]), name


def test_no_blank_nodes(dataset):
    for s, _, o, _ in dataset.quads((None, None, None, None)):
        assert not isinstance(s, BNode) and not isinstance(o, BNode)


def statement_nodes(dataset: Dataset) -> set[URIRef]:
    kinds = (AKG.Claim, ORG.Membership, AKG.Relation, AKG.Count, ns.SEM.Event)
    return {s for kind in kinds for s, *_ in dataset.quads((None, RDF.type, kind, None))}


def test_corpus_has_statements_of_every_kind(dataset):
    for kind in (AKG.Claim, ORG.Membership, AKG.Relation, AKG.Count, ns.SEM.Event):
        assert any(dataset.quads((None, RDF.type, kind, None))), kind


def test_every_statement_reaches_a_span_that_cuts_its_quote(dataset):
    texts = {s: str(o) for s, _, o, _ in dataset.quads((None, SCHEMA.text, None, None))}
    for node in sorted(statement_nodes(dataset)):
        annotations = [o for *_, o, _ in dataset.quads((node, PROV.wasDerivedFrom, None, None))]
        assert annotations, f"{node} has no evidence"
        for annotation in annotations:
            assert (annotation, RDF.type, OA.Annotation) in dataset
            target = dataset.value(annotation, OA.hasTarget)
            source = dataset.value(target, OA.hasSource)
            selectors = list(dataset.objects(target, OA.hasSelector))
            exact = next(dataset.value(s, OA.exact) for s in selectors
                         if (s, RDF.type, OA.TextQuoteSelector) in dataset)
            position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in dataset)
            start, end = (dataset.value(position, OA.start).toPython(),
                          dataset.value(position, OA.end).toPython())
            assert texts[source][start:end] == str(exact), (node, start, end)


def test_alleged_relation_gets_no_bare_triple():
    dataset = build_corpus(MINIMAL / "corpus")
    relation = ns.relation_iri("camp-alpha-in-country")
    assert (relation, AKG.alleged, Literal(True)) in dataset
    assert not list(dataset.quads((ns.entity_iri("place/camp-alpha"), SCHEMA.containedInPlace,
                                   None, None)))


def test_undisputed_membership_gets_its_shortcut_triple():
    dataset = build_corpus(MINIMAL / "corpus")
    assert (ns.entity_iri("person/general-smith"), ORG.memberOf,
            ns.entity_iri("organization/army")) in dataset


def test_time_is_normalised_against_the_document_date(dataset):
    begins = {str(o) for *_, o, _ in dataset.quads((None, ns.SEM.hasBeginTimeStamp, None, None))}
    assert begins and all(b[:4].isdigit() for b in begins)


def write_draft(corpus: Path) -> None:
    (corpus / "doc1" / "draft.yaml").write_text(
        "document: doc1\nstatus: draft\nextractor: rules-test\nevents:\n"
        "  - id: attack-on-camp-alpha\n    type: Attack\n    label: attack\n"
        "    confidence: 0.7\n    evidence: {quote: attacked}\n"
        "    agent: [organization/army]\n", encoding="utf-8")


def test_drafts_stay_out_unless_asked(tmp_path):
    corpus = Path(shutil.copytree(MINIMAL / "corpus", tmp_path / "corpus"))
    write_draft(corpus)
    names = {getattr(g, "identifier", g) for *_, g in build_corpus(corpus).quads((None,) * 4)}
    assert ns.graph_iri("drafts/doc1") not in names


def test_drafts_go_to_their_own_graph_marked_with_confidence(tmp_path):
    corpus = Path(shutil.copytree(MINIMAL / "corpus", tmp_path / "corpus"))
    write_draft(corpus)
    dataset = build_corpus(corpus, include_drafts=True)
    draft = ns.event_iri(ns.draft_slug("doc1", "attack-on-camp-alpha"))
    graph = dataset.graph(ns.graph_iri("drafts/doc1"))
    assert (draft, AKG.confidence, None) in graph
    assert str(graph.value(draft, AKG.extractedBy)) == "rules-test"
    assert (ns.event_iri("attack-on-camp-alpha"), RDF.type, AKG.Attack) not in graph


def test_document_licence_and_the_attribution_it_asks_for_are_published(dataset, corpus):
    graphs = graphs_of(dataset)
    credited = 0
    for document in corpus.documents:
        node, graph = ns.document_iri(document.id), graphs[ns.graph_iri(document.id)]
        licence = document.meta.licence
        if licence and "creativecommons.org/licenses/by" in licence:
            assert (node, SCHEMA.license, URIRef(licence)) in graph, document.id
            credit = graph.value(node, SCHEMA.creditText)
            assert credit is not None and document.meta.title in str(credit), document.id
            credited += 1
    assert credited >= 1


def test_a_span_both_mentioned_and_described_gets_one_annotation_per_motivation():
    """In the minimal case, the words 36-46 of doc1 name a place (a mention) and are the
    evidence of a relation: two annotations, one motivation each, one shared target."""
    dataset = build_corpus(MINIMAL / "corpus")
    motivations = {}
    for annotation in set(dataset.subjects(RDF.type, OA.Annotation)):
        found = set(dataset.objects(annotation, OA.motivatedBy))
        assert len(found) == 1, (annotation, found)
        motivations[str(annotation)] = found.pop()
    plain = ns.annotation_iri("doc1", 36, 46)
    describing = ns.annotation_iri("doc1", 36, 46, "describing")
    assert motivations[str(plain)] == OA.identifying and motivations[str(describing)] == OA.describing
    assert set(dataset.objects(plain, OA.hasTarget)) == set(dataset.objects(describing, OA.hasTarget))
