"""The JSON-LD compactor makes, graph by graph, the nodes rdflib's JSON-LD writer makes."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ashraf_kg.build.quads import graph_triples
from ashraf_kg.export.jsonld import Compactor, _rdflib_nodes, graph_nodes, json_text, load_context

AKG = "https://w3id.org/ashraf-kg/ontology#"
ID = "https://w3id.org/ashraf-kg/id/"


def rdflib_text(name, triples, context) -> str:
    return json.dumps({"@id": str(name), "@graph": _rdflib_nodes(name, triples, context)},
                      ensure_ascii=False, indent=1, sort_keys=True)


@pytest.fixture(scope="module")
def context() -> dict:
    return load_context()


def test_every_graph_of_the_built_dataset_is_compacted_as_rdflib_compacts_it(dataset, context):
    compactor = Compactor(context)
    for name, triples in graph_triples(dataset).items():
        mine = json_text({"@id": str(name), "@graph": compactor.nodes(triples)})
        assert mine == rdflib_text(name, triples, context), name


def test_literals_of_every_kind_are_compacted_as_rdflib_compacts_them(context):
    person, other = URIRef(ID + "person/a"), URIRef("http://example.org/x")
    triples = [(person, RDF.type, URIRef(AKG + "Person")), (person, RDFS.label, Literal("A", lang="en")),
               (person, RDFS.label, Literal("Â")), (person, RDFS.comment, Literal("")),
               (person, RDFS.comment, Literal("line\none \"quoted\" </script>")),
               (person, URIRef(AKG + "alleged"), Literal(True)), (person, RDF.value, Literal(3)),
               (person, RDF.value, Literal("3", datatype=XSD.nonNegativeInteger)),
               (person, URIRef("https://schema.org/datePublished"), Literal("2013-02-09", datatype=XSD.date)),
               (person, URIRef("http://example.org/p"), Literal(2.5)), (person, RDFS.seeAlso, other),
               (other, URIRef("https://schema.org/about"), person), (other, RDF.type, other)]
    name = URIRef(ID + "graph/test")
    assert json_text({"@id": str(name), "@graph": Compactor(context).nodes(triples)}) == \
        rdflib_text(name, triples, context)


def test_lists_and_blank_nodes_are_left_to_rdflib(context):
    s = URIRef(ID + "person/a")
    blank = [(s, RDFS.seeAlso, BNode("b1")), (BNode("b1"), RDFS.label, Literal("b"))]
    listed = [(s, RDFS.seeAlso, URIRef(ID + "l")), (URIRef(ID + "l"), RDF.first, Literal("x")),
              (URIRef(ID + "l"), RDF.rest, RDF.nil)]
    name = URIRef(ID + "graph/test")
    for triples in (blank, listed):
        assert graph_nodes(name, triples, context) == _rdflib_nodes(name, triples, context)


@pytest.mark.parametrize("value", [{}, [], {"b": [1, 2.5, None, True], "a": {"x": "é\u2028\"\\"}}, [[], {}],
                                   "text", 0])
def test_json_text_is_laid_out_as_json_dumps_lays_it_out(value):
    for depth in (0, 2):
        expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)
        assert json_text(value, depth) == expected
