"""The one-graph store pySHACL reads answers every triple pattern as rdflib's default store does."""

from __future__ import annotations

import itertools

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ashraf_kg.validate.store import OneGraphStore, one_graph

A, B, C = (URIRef(f"https://example.org/{n}") for n in "abc")
TRIPLES = [(A, RDF.type, B), (A, RDFS.label, Literal("a")), (A, RDFS.label, Literal("a", lang="en")),
           (B, RDF.type, C), (C, RDFS.seeAlso, A), (A, RDFS.seeAlso, A), (A, RDF.type, B)]


def both() -> tuple[Graph, Graph]:
    fast, default = one_graph(), Graph()
    for triple in TRIPLES:
        fast.add(triple)
        default.add(triple)
    return fast, default


@pytest.mark.parametrize("pattern", list(itertools.product((None, A, B, C), (None, RDF.type, RDFS.label),
                                                          (None, A, B, Literal("a")))))
def test_every_pattern_matches_what_rdflib_finds(pattern):
    fast, default = both()
    assert sorted(fast.triples(pattern)) == sorted(default.triples(pattern))


def test_a_triple_is_held_once_and_can_be_removed():
    fast, default = both()
    assert len(fast) == len(default) == 6
    fast.remove((A, RDFS.label, None))
    assert len(fast) == 4 and (A, RDFS.label, Literal("a")) not in fast


def test_objects_come_in_the_order_they_were_added():
    graph = Graph(store=OneGraphStore())
    for label in "cab":
        graph.add((A, RDFS.label, Literal(label)))
    assert [str(o) for o in graph.objects(A, RDFS.label)] == ["c", "a", "b"]
