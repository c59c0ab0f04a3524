"""The one-pass Turtle writer lays out every graph byte for byte as rdflib's writer does."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ashraf_kg import namespaces as ns
from ashraf_kg.export.dumps import graph_triples
from ashraf_kg.export.turtle import TurtleWriter


def rdflib_turtle(triples) -> str:
    graph = Graph()
    ns.bind_prefixes(graph)
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format="turtle")


@pytest.fixture(scope="module")
def graphs(dataset) -> dict:
    return graph_triples(dataset)


def test_every_graph_of_the_built_dataset_is_written_as_rdflib_writes_it(graphs):
    writer = TurtleWriter()
    for name, triples in graphs.items():
        assert writer.turtle(triples) == rdflib_turtle(triples), name


def test_the_union_is_written_as_rdflib_writes_it(graphs):
    union = list({t for triples in graphs.values() for t in triples})
    assert TurtleWriter().turtle(union) == rdflib_turtle(union)


def test_classes_literals_and_odd_names_are_written_as_rdflib_writes_them():
    node, other = URIRef("https://w3id.org/ashraf-kg/ontology#Thing"), URIRef("http://example.org/a.")
    triples = [(node, RDF.type, RDFS.Class), (other, RDF.type, node), (other, RDFS.label, Literal("x", lang="en")),
               (other, RDFS.comment, Literal("line\none \"quoted\"")), (other, RDF.value, Literal(3)),
               (other, RDF.value, Literal("3", datatype=XSD.nonNegativeInteger)),
               (other, RDF.value, Literal("2013-02-09", datatype=XSD.date)),
               (other, RDFS.seeAlso, node), (other, RDFS.seeAlso, RDF.nil)]
    assert TurtleWriter().turtle(triples) == rdflib_turtle(triples)


def test_what_it_cannot_lay_out_the_same_is_left_to_rdflib():
    blank = [(BNode("b1"), RDFS.label, Literal("a")), (URIRef("http://example.org/s"), RDFS.seeAlso, BNode("b1"))]
    made_up = [(URIRef("http://example.org/s"), URIRef("http://example.org/vocab/p"), Literal("a"))]
    for triples in (blank, made_up):
        writer = TurtleWriter()
        assert not writer.can_write(triples)
        assert writer.turtle(triples) == rdflib_turtle(triples)


def test_the_dataset_trig_and_turtle_are_those_graph_by_graph_and_of_the_union(graphs):
    import io

    from ashraf_kg.export.turtle import DatasetTurtle

    turtle = DatasetTurtle(graphs)
    trig, union_text = io.StringIO(), io.StringIO()
    turtle.write_trig(trig)
    turtle.write_turtle(union_text)
    union = list({t for triples in graphs.values() for t in triples})
    assert union_text.getvalue() == rdflib_turtle(union)
    prefixes, blocks = set(), []
    for name, triples in graphs.items():
        lines = rdflib_turtle(triples).split("\n")
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n")
        blocks.append(f"{name.n3()} {{\n{body}\n}}\n")
    assert trig.getvalue() == "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)
