"""The network stage, step 1: read the dataset — ids, labels, flags, evidence and mentions.

A :class:`DatasetReader` reads the dataset's quads once into plain dictionaries (the union,
and each named graph on its own), then answers every look-up from them: at 5,000 nodes,
asking rdflib for each value costs seconds where a dictionary costs milliseconds. The
evidence of each annotation is read once, however many statements rest on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal
from rdflib import namespace as rdf_namespaces

from .. import namespaces
from ..build.quads import graph_triples
from ..namespaces import doc_id_of, id_of, kind_of, last_segment
from ..sentences import SentenceIndex
from ..vocab import NODE_KINDS as _NODE_KINDS


class Terms:
    """A namespace whose terms are made once: rdflib makes a new term at every look-up,
    which costs a second at 5,000 nodes."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str):
        term = getattr(self._namespace, name)
        setattr(self, name, term)
        return term


PROV, RDF, RDFS, SKOS = (Terms(getattr(rdf_namespaces, n)) for n in ("PROV", "RDF", "RDFS", "SKOS"))
OA, SCHEMA = Terms(namespaces.OA), Terms(namespaces.SCHEMA)

NODE_KINDS = _NODE_KINDS.names
_TYPE = str(rdf_namespaces.RDF.type)
_NOTHING: dict = {}


@dataclass(frozen=True)
class Evidence:
    """Where a statement is told: a span of one document and the sentence around it.

    ``marks`` are further spans of the sentence that support the statement (the name of
    the entity a role links to, when the quote does not hold it)."""

    document: str = ""
    document_title: str = ""
    quote: str = ""
    start: int = -1
    end: int = -1
    sentence: str = ""
    sentence_start: int = -1
    marks: tuple[tuple[int, int], ...] = ()


def node_kind(iri) -> str | None:
    """The kind of node an IRI stands for (``person``, ``event``, …), or None.

    A node's id is ``<kind>/<slug>``: an event's time as one document tells it
    (``event/<slug>/time/<doc-id>``) is a part of the event, not a node of its own.

    >>> node_kind("https://w3id.org/ashraf-kg/id/event/camp-ashraf-assault-2013")
    'event'
    >>> node_kind("https://w3id.org/ashraf-kg/id/event/camp-ashraf-assault-2013/time/000_x") is None
    True
    """
    found = id_of(iri)
    if found is None:
        return None
    kind = kind_of(found)
    return kind if kind in NODE_KINDS and found == f"{kind}/{last_segment(found)}" else None


class DatasetReader:
    """Look-ups in a dataset (an rdflib ``Dataset`` or ``Graph``) read once into dictionaries.

    ``graph`` arguments name one named graph (its IRI as a string); without one, a look-up
    reads the union of all graphs. The dictionaries are keyed by the subjects' and
    predicates' IRIs as strings: the same IRI comes out of rdflib as many term objects,
    which compare in Python, where strings compare at once.
    """

    def __init__(self, dataset):
        self._graphs: dict[str, dict] = {}
        self._terms: dict[str, object] = {}  # each subject's IRI -> its term
        for name, triples in graph_triples(dataset).items():
            self._graphs[str(name)] = self._index(triples)
        self._union = self._merge(self._graphs.values())
        self.graph_names = sorted(self._graphs)
        self._evidence: dict = {}
        self._split: dict = {}  # document → its sentences
        self._mentions: tuple[dict, dict] | None = None

    def _index(self, triples) -> dict:
        """One graph's ``{subject: {predicate: [objects]}}``.

        Lists, not sets: hashing every literal costs more than the rare duplicate, which the
        union of graphs telling the same triple has and look-ups drop."""
        index, terms = {}, self._terms
        for s, p, o in triples:
            s_text, p_text = str(s), str(p)
            by_predicate = index.get(s_text)
            if by_predicate is None:
                by_predicate = index[s_text] = {}
                terms.setdefault(s_text, s)
            found = by_predicate.get(p_text)
            if found is None:
                by_predicate[p_text] = [o]
            else:
                found.append(o)
        return index

    @staticmethod
    def _merge(indexes) -> dict:
        """The union of the graphs' indexes: a subject only one graph describes shares that
        graph's dictionary (nothing changes them once read); the others get merged copies."""
        union: dict[str, dict] = {}
        merged: set[str] = set()
        for index in indexes:
            for s, properties in index.items():
                found = union.get(s)
                if found is None:
                    union[s] = properties
                    continue
                if s not in merged:
                    found = union[s] = {p: list(values) for p, values in found.items()}
                    merged.add(s)
                for p, values in properties.items():
                    if p in found:
                        found[p].extend(values)
                    else:
                        found[p] = list(values)
        return union

    def _spo(self, graph: str | None) -> dict:
        return self._union if graph is None else self._graphs.get(graph, {})

    def _found(self, s, p, graph: str | None = None):
        return self._spo(graph).get(str(s), _NOTHING).get(str(p), ())

    def objects(self, s, p, graph: str | None = None) -> list:
        """The objects of ``s p ?o``, sorted, each once."""
        found = self._found(s, p, graph)
        return list(found) if len(found) < 2 else sorted(dict.fromkeys(found), key=str)

    def value(self, s, p, graph: str | None = None):
        found = self.objects(s, p, graph)
        return found[0] if found else None

    def has(self, s, p, o, graph: str | None = None) -> bool:
        return o in self._found(s, p, graph)

    def subjects(self, graph: str | None = None, *, having=None, of_type=None, starting=()) -> list:
        """Subjects (sorted) that have predicate ``having``, or ``rdf:type`` ``of_type``; with
        ``starting`` (IRI prefixes), only those whose IRI starts with one of them."""
        spo, terms = self._spo(graph), self._terms
        if starting:
            spo = {s: po for s, po in spo.items() if s.startswith(starting)}
        if of_type is not None:
            return [terms[s] for s in sorted(s for s, po in spo.items() if of_type in po.get(_TYPE, ()))]
        having = str(having) if having is not None else None
        return [terms[s] for s in sorted(s for s, po in spo.items() if having is None or having in po)]

    def pairs(self, p, graph: str | None = None) -> list[tuple]:
        """Every ``(s, o)`` with ``s p o``, sorted."""
        spo, terms, p = self._spo(graph), self._terms, str(p)
        found = dict.fromkeys((terms[s], o) for s, po in spo.items() for o in po.get(p, ()))
        return sorted(found, key=lambda so: (str(so[0]), str(so[1])))

    def text(self, s, p, graph: str | None = None) -> str:
        found = self._found(s, p, graph)
        if len(found) == 1:
            return str(found[0]) if isinstance(found[0], Literal) else ""
        values = sorted(str(o) for o in found if isinstance(o, Literal))
        return values[0] if values else ""

    def texts(self, s, p) -> tuple[str, ...]:
        return tuple(sorted({str(o) for o in self._found(s, p) if isinstance(o, Literal)}))

    def label(self, s) -> str:
        return (self.text(s, RDFS.label) or self.text(s, SKOS.prefLabel)
                or last_segment(s))

    def flag(self, s, p) -> bool:
        return any(bool(o.toPython()) for o in self._found(s, p) if isinstance(o, Literal))

    def evidence(self, statement, graph: str | None = None) -> Evidence:
        """The first (by document, then offset) annotation a statement is derived from."""
        found = sorted((self.annotation(a) for a in self.objects(statement, PROV.wasDerivedFrom, graph)),
                       key=lambda e: (e.document, e.start, e.end))
        if not found and graph is not None:
            return self.evidence(statement)
        return found[0] if found else Evidence()

    def annotation(self, annotation) -> Evidence:
        """The evidence of one annotation: document, quote, offsets and the sentence around."""
        found = self._evidence.get(key := str(annotation))
        if found is None:
            found = self._evidence[key] = self._read_annotation(annotation)
        return found

    def _read_annotation(self, annotation) -> Evidence:
        target = self.value(annotation, OA.hasTarget)
        if target is None:
            return Evidence()
        doc = self.value(target, OA.hasSource)
        quote, start, end = "", -1, -1
        for selector in self.objects(target, OA.hasSelector):
            if self.has(selector, RDF.type, OA.TextQuoteSelector):
                quote = self.text(selector, OA.exact)
            if self.has(selector, RDF.type, OA.TextPositionSelector):
                start, end = int(self.value(selector, OA.start)), int(self.value(selector, OA.end))
        sentences = self._sentences(doc)
        sentence, sentence_start = sentences.find(start, end) if sentences.text else (quote, start)
        return Evidence(doc_id_of(doc) or "", self.text(doc, SCHEMA.headline),
                        quote, start, end, sentence, sentence_start)

    def _sentences(self, doc) -> SentenceIndex:
        found = self._split.get(key := str(doc))
        if found is None:
            found = self._split[key] = SentenceIndex(self.text(doc, SCHEMA.text))
        return found

    def mentions(self, document: str, entity) -> list[Evidence]:
        """Where ``document`` names ``entity`` (its ``oa:identifying`` annotations), in order."""
        spans = self._mention_index()[0]
        found = spans.get(key := (document, str(entity)))
        if found is None:
            return []
        if found and not isinstance(found[0], Evidence):
            # Each annotation's evidence (its sentence found) is read only when asked for.
            found = spans[key] = sorted((self.annotation(a) for a in found), key=lambda e: (e.start, e.end))
        return found

    def mention_count(self, entity) -> int:
        """How many times the corpus names ``entity`` (its mention annotations)."""
        return self._mention_index()[1].get(str(entity), 0)

    def _mention_index(self) -> tuple[dict, dict]:
        if self._mentions is None:
            spans: dict = {}  # (document id, entity's IRI) -> its annotations, then their evidence
            counts: dict = {}
            for annotation, body in self.pairs(OA.hasBody):
                if self.has(annotation, OA.motivatedBy, OA.identifying):
                    spans.setdefault((self._document_of(annotation), body := str(body)), []).append(annotation)
                    counts[body] = counts.get(body, 0) + 1
            self._mentions = (spans, counts)
        return self._mentions

    def _document_of(self, annotation) -> str:
        """The id of the document an annotation's target is in ("" if none): its evidence's
        ``document``, without finding its sentence."""
        found = self._evidence.get(str(annotation))
        if found is not None:
            return found.document
        target = self.value(annotation, OA.hasTarget)
        return (doc_id_of(self.value(target, OA.hasSource)) or "") if target is not None else ""
