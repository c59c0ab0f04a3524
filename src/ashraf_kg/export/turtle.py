"""Turtle and TriG bodies written in one pass, byte for byte as rdflib's Turtle writer lays them out.

rdflib's ``TurtleSerializer`` spends most of its time working out the same prefixed names
again and again (twice per node per graph) and looking triples up one subject at a time.
:class:`TurtleWriter` keeps rdflib's layout rules — subjects typed ``rdfs:Class`` first,
then by how often they are an object and by IRI; ``rdf:type`` (as ``a``) and
``rdfs:label`` first, the other predicates and every object list in rdflib's term order;
a prefix line for each namespace a name was made from — and asks a real rdflib serializer
for each distinct name once. Graphs it does not handle the same way (blank nodes, a
predicate that would need a generated prefix) are left to rdflib, so the bytes never
depend on which path wrote them. ``tests/export/test_turtle.py`` compares the two.
"""

from __future__ import annotations

import io
from collections import defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, split_uri
from rdflib.plugins.serializers.turtle import TurtleSerializer

from .. import namespaces as ns

Triple = tuple  # (subject, predicate, object) of rdflib terms


_TYPE, _LABEL, _CLASS, _NIL = str(RDF.type), str(RDFS.label), str(RDFS.Class), str(RDF.nil)
_FIRST = (_TYPE, _LABEL)  # rdflib's predicate order: these first, then the rest sorted


class TurtleWriter:
    """Writes Turtle for sets of triples; names are computed once per writer.

    Terms are looked up by their plain strings: rdflib's terms hash and compare in Python,
    which would cost more than the writing.
    """

    def __init__(self) -> None:
        template = Graph()
        ns.bind_prefixes(template)
        self._serializer = TurtleSerializer(template)
        self._iris: dict[tuple[str, bool], tuple[str, str | None]] = {}  # (IRI, verb) -> name
        self._literals: dict[tuple, str] = {}
        self._generated = False
        self._spaces = self._namespaces()
        self._space_set = set(self._spaces)

    def _iri(self, text: str, verb: bool = False) -> tuple[str, str | None]:
        """(label, prefix or None) of an IRI as a subject or object, or (``verb``) a predicate."""
        found = self._iris.get((text, verb))
        if found is None:
            found = self._iris[(text, verb)] = self._compute(URIRef(text), verb)
        return found

    def _compute(self, term: URIRef, verb: bool) -> tuple[str, str | None]:
        if term == RDF.nil:
            return "()", None
        if not verb and not self._may_shorten(term):
            return term.n3(), None
        known = self._bound() if verb else 0
        pname = self._serializer.get_pname(term, gen_prefix=verb)
        if verb and self._bound() != known:
            self._generated = True  # rdflib made up a prefix (ns1:): leave it all to rdflib
            self._spaces = self._namespaces()
            self._space_set = set(self._spaces)
        if pname is None:
            return term.n3(), None
        return pname, pname.split(":", 1)[0]

    def _may_shorten(self, term: URIRef) -> bool:
        """False when rdflib would find no prefixed name for ``term`` as a subject or object.

        rdflib splits the IRI where its local name starts and shortens it only if that
        namespace, or a longer bound one that starts the IRI, has a prefix. Asking it would
        also file each namespace in its lookup tree, the slowest part of its writer for
        IRIs that are nearly all different (``…/annotation/<doc>/<start>-<end>/target``).
        """
        text = str(term)
        if not text.startswith(self._spaces):
            return False
        try:
            namespace = split_uri(term)[0]
        except ValueError:
            return True
        return namespace in self._space_set or any(
            len(space) > len(namespace) and text.startswith(space) for space in self._spaces)

    def _namespaces(self) -> tuple[str, ...]:
        return tuple(str(space) for _, space in self._serializer.store.namespaces())

    def _literal(self, term: Literal) -> str:
        datatype = term.datatype
        key = (str(term), str(datatype) if datatype is not None else None, term.language)
        found = self._literals.get(key)
        if found is None:
            def datatype_name(dt):
                label, prefix = self._iri(str(dt))
                return label if prefix is not None else None

            found = self._literals[key] = term._literal_n3(use_plain=True, qname_callback=datatype_name)
        return found

    def _label(self, term) -> str:
        return self._literal(term) if isinstance(term, Literal) else self._iri(str(term))[0]

    def _bound(self) -> int:
        return sum(1 for _ in self._serializer.store.namespaces())

    def can_write(self, triples: list[Triple]) -> bool:
        """Whether these triples come out exactly as rdflib would write them."""
        predicates = set()
        for s, p, o in triples:
            if isinstance(s, BNode) or isinstance(o, BNode) or not isinstance(p, URIRef):
                return False
            predicates.add(str(p))
        for predicate in predicates - {_TYPE}:
            self._iri(predicate, True)
        return not self._generated

    def body(self, triples: list[Triple]) -> tuple[str, set[str]]:
        """The statements of ``triples`` (rdflib's Turtle without its prefix lines) and the
        prefixes they use."""
        subjects: dict[str, dict[str, list]] = {}
        references: dict[str, int] = defaultdict(int)
        objects: set = set()
        for s, p, o in triples:
            properties = subjects.get(s_text := str(s))
            if properties is None:
                properties = subjects[s_text] = {}
            values = properties.get(p_text := str(p))
            if values is None:
                values = properties[p_text] = []
            values.append(o)
            if type(o) is URIRef:
                references[str(o)] += 1
            else:
                objects.add(o)
        prefixes = self._prefixes(subjects, references, objects)
        top = sorted(s for s, props in subjects.items() if _CLASS in map(str, props.get(_TYPE, ())))
        seen = set(top)
        # Subjects are IRIs here (can_write), which rdflib orders as their strings.
        rest = sorted((references.get(s, 0), s) for s in subjects if s not in seen)
        chunks = [self._statement(s, subjects[s]) for s in [*top, *(s for _, s in rest)]]
        return "".join(chunks), prefixes

    def _prefixes(self, subjects: dict, iri_objects: dict, literals: set) -> set[str]:
        """The prefixes rdflib declares: of every name it could shorten, datatypes included."""
        found = {self._iri(s)[1] for s in subjects}
        found |= {self._iri(p, True)[1] for props in subjects.values() for p in props if p != _TYPE}
        found |= {self._iri(o)[1] for o in iri_objects}
        found |= {self._iri(str(o.datatype))[1] for o in literals
                  if isinstance(o, Literal) and o.datatype is not None}
        for o in literals:
            if isinstance(o, Literal):
                self._literal(o)  # names its datatype, as rdflib does
        found.discard(None)
        return found

    def _statement(self, subject: str, properties: dict) -> str:
        order = [p for p in _FIRST if p in properties]
        order += sorted(p for p in properties if p not in _FIRST)
        parts = []
        for predicate in order:
            verb = "a" if predicate == _TYPE else self._iri(predicate, True)[0]
            values = properties[predicate]
            # rdflib orders IRIs among themselves as strings; literals by its own rules.
            values = sorted(values, key=str) if all(type(o) is URIRef for o in values) \
                else sorted(values)
            parts.append(verb + " " + ",\n        ".join([self._label(o) for o in values]))
        return "\n" + self._iri(subject)[0] + " " + " ;\n    ".join(parts) + " .\n"

    def prefix_lines(self, prefixes: set[str]) -> list[str]:
        """``@prefix`` lines for ``prefixes``, sorted as rdflib sorts them."""
        spaces = self._serializer.namespaces
        return [f"@prefix {p}: <{spaces[p]}> ." for p in sorted(prefixes)]

    def turtle(self, triples: list[Triple]) -> str:
        """A whole Turtle document: what ``Graph.serialize(format="turtle")`` writes for a
        graph holding ``triples`` with the project's prefixes bound."""
        if not self.can_write(triples):
            return _rdflib_turtle(triples)
        body, prefixes = self.body(triples)
        head = "".join(line + "\n" for line in self.prefix_lines(prefixes))
        return head + body + "\n"


def _rdflib_turtle(triples: list[Triple]) -> str:
    graph = Graph()
    ns.bind_prefixes(graph)
    for triple in triples:
        graph.add(triple)
    stream = io.BytesIO()
    graph.serialize(stream, format="turtle")
    return stream.getvalue().decode("utf-8")
