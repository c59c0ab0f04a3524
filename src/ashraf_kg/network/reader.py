"""The network stage, step 1: read the dataset — ids, labels, flags and evidence.

A :class:`DatasetReader` looks things up in the union of a dataset's graphs and keeps the
evidence of each annotation it has read, so a statement told in many places is read once.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from ..namespaces import OA, SCHEMA, doc_id_of, id_of, kind_of, last_segment
from ..sentences import find_sentence
from ..vocab import NODE_KINDS as _NODE_KINDS

NODE_KINDS = _NODE_KINDS.names


@dataclass(frozen=True)
class Evidence:
    """Where a statement is told: a span of one document and the sentence around it."""

    document: str = ""
    document_title: str = ""
    quote: str = ""
    start: int = -1
    end: int = -1
    sentence: str = ""
    sentence_start: int = -1


def node_kind(iri) -> str | None:
    """The kind of node an IRI stands for (``person``, ``event``, …), or None."""
    kind = kind_of(iri)
    return kind if kind in NODE_KINDS and id_of(iri) is not None else None


def union_graphs(dataset) -> tuple[Graph, list[Graph]]:
    """The union of a dataset's graphs, and each graph on its own (sorted by name)."""
    union = Graph()
    graphs: dict = {}
    for s, p, o, c in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
        name = getattr(c, "identifier", c)
        graphs.setdefault(str(name), Graph()).add((s, p, o))
    return union, [graphs[name] for name in sorted(graphs)]


class DatasetReader:
    """Looks things up in the union of the dataset's graphs, with the evidence cached."""

    def __init__(self, union: Graph):
        self.g = union
        self._evidence: dict = {}

    def text(self, s, p) -> str:
        values = sorted(str(o) for o in self.g.objects(s, p) if isinstance(o, Literal))
        return values[0] if values else ""

    def label(self, s) -> str:
        return (self.text(s, RDFS.label) or self.text(s, SKOS.prefLabel)
                or last_segment(s))

    def flag(self, s, p) -> bool:
        return any(bool(o.toPython()) for o in self.g.objects(s, p) if isinstance(o, Literal))

    def evidence(self, statement, graph: Graph | None = None) -> Evidence:
        """The first (by document, then offset) annotation a statement is derived from."""
        source = graph if graph is not None and len(graph) else self.g
        found = sorted((self._annotation(a) for a in source.objects(statement, PROV.wasDerivedFrom)),
                       key=lambda e: (e.document, e.start, e.end))
        return found[0] if found else Evidence()

    def _annotation(self, annotation) -> Evidence:
        if annotation not in self._evidence:
            self._evidence[annotation] = self._read_annotation(annotation)
        return self._evidence[annotation]

    def _read_annotation(self, annotation) -> Evidence:
        g = self.g
        target = g.value(annotation, OA.hasTarget)
        if target is None:
            return Evidence()
        doc = g.value(target, OA.hasSource)
        quote, start, end = "", -1, -1
        for selector in g.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in g:
                quote = self.text(selector, OA.exact)
            if (selector, RDF.type, OA.TextPositionSelector) in g:
                start, end = int(g.value(selector, OA.start)), int(g.value(selector, OA.end))
        body = self.text(doc, SCHEMA.text)
        sentence, sentence_start = find_sentence(body, start, end) if body else (quote, start)
        return Evidence(doc_id_of(doc) or "", self.text(doc, SCHEMA.headline),
                        quote, start, end, sentence, sentence_start)
