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

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, split_uri
from rdflib.plugins.serializers.turtle import TurtleSerializer

from .. import namespaces as ns

Triple = tuple  # (subject, predicate, object) of rdflib terms


_TYPE, _LABEL, _CLASS, _NIL = str(RDF.type), str(RDFS.label), str(RDFS.Class), str(RDF.nil)
_FIRST = (_TYPE, _LABEL)  # rdflib's predicate order: these first, then the rest sorted
_FIRST_REVERSED = _FIRST[::-1]


class TurtleWriter:
    """Writes Turtle for sets of triples; names are computed once per writer.

    Terms are looked up by their plain strings: rdflib's terms hash and compare in Python,
    which would cost more than the writing.
    """

    def __init__(self, bind: dict | None = None) -> None:
        """``bind``: prefixes bound beside the project's, as ``Graph.bind`` binds them."""
        self._bind = dict(bind or {})
        template = _bound_graph(self._bind)
        self._serializer = TurtleSerializer(template)
        self._names: dict[str, tuple[str, str | None]] = {}  # IRI -> (label, prefix) as a node
        self._verbs: dict[str, tuple[str, str | None]] = {}  # … as a predicate
        self._literals: dict[tuple, str] = {}
        self._generated = False
        self._set_namespaces()

    def _iri(self, text: str, verb: bool = False) -> tuple[str, str | None]:
        """(label, prefix or None) of an IRI as a subject or object, or (``verb``) a predicate."""
        names = self._verbs if verb else self._names
        found = names.get(text)
        if found is None:
            found = names[text] = self._compute(URIRef(text), verb)
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
            self._set_namespaces()
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
        # A longer bound namespace starting the IRI starts with the split one: only a
        # namespace that begins a bound one needs the bound ones looked through.
        return namespace in self._space_set or (namespace in self._space_stems and any(
            len(space) > len(namespace) and text.startswith(space) for space in self._spaces))

    def _set_namespaces(self) -> None:
        self._spaces = tuple(str(space) for _, space in self._serializer.store.namespaces())
        self._space_set = set(self._spaces)
        self._space_stems = {space[:end] for space in self._spaces for end in range(1, len(space))}

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

    def _bound(self) -> int:
        return sum(1 for _ in self._serializer.store.namespaces())

    def can_write(self, triples: list[Triple]) -> bool:
        """Whether these triples come out exactly as rdflib would write them."""
        predicates = set()
        for s, p, o in triples:
            # Exact types first: rdflib's terms are abstract classes, slow to test with isinstance.
            if type(s) is not URIRef or type(p) is not URIRef or (type(o) is not URIRef and type(o) is not Literal):
                if isinstance(s, BNode) or isinstance(o, BNode) or not isinstance(p, URIRef):
                    return False
            predicates.add(str(p))
        return self._name_verbs(predicates)

    def _name_verbs(self, predicates: set[str]) -> bool:
        """Name every predicate; False when rdflib had to make up a prefix for one."""
        for predicate in predicates - {_TYPE}:
            self._iri(predicate, True)
        return not self._generated

    def group(self, triples: list[Triple]) -> tuple[dict, dict] | None:
        """``triples`` by subject: ``{subject: {predicate: [objects]}}`` (IRIs as strings),
        and how many of them name each IRI as their object; None when only rdflib lays
        them out as rdflib does (see :meth:`can_write`)."""
        subjects: dict[str, dict[str, list]] = {}
        references: dict[str, int] = {}
        predicates: set[str] = set()
        for s, p, o in triples:
            kind = type(o)
            if type(s) is not URIRef or type(p) is not URIRef or (kind is not URIRef and kind is not Literal):
                if isinstance(s, BNode) or isinstance(o, BNode) or not isinstance(p, URIRef):
                    return None
            properties = subjects.get(s_text := str(s))
            if properties is None:
                properties = subjects[s_text] = {}
            values = properties.get(p_text := str(p))
            if values is None:
                values = properties[p_text] = []
                predicates.add(p_text)
            values.append(o)
            if kind is URIRef:
                o_text = str(o)
                references[o_text] = references.get(o_text, 0) + 1
        return (subjects, references) if self._name_verbs(predicates) else None

    def body(self, triples: list[Triple]) -> tuple[str, set[str]]:
        """The statements of ``triples`` (rdflib's Turtle without its prefix lines) and the
        prefixes they use (only for triples :meth:`can_write` accepts)."""
        prefixes: set = set()
        subjects, references = self.group(triples)
        body = "".join(self.statement(s, subjects[s], prefixes) for s in order_subjects(subjects, references))
        prefixes.discard(None)
        return body, prefixes

    def statement(self, subject: str, properties: dict, prefixes: set) -> str:
        """The statement of one subject, as rdflib writes it; the prefixes it uses (datatypes'
        too, which rdflib declares) are added to ``prefixes``, and None for a name without one."""
        names, verbs, used = self._names, self._verbs, prefixes
        label, prefix = names.get(subject) or self._iri(subject)
        used.add(prefix)
        if len(properties) == 1:
            order = list(properties)
        else:
            order = sorted(properties)
            for first in _FIRST_REVERSED:  # rdf:type, then rdfs:label, then the rest
                if first in properties:
                    order.remove(first)
                    order.insert(0, first)
        parts = []
        for predicate in order:
            if predicate == _TYPE:
                verb = "a"
            else:
                verb, prefix = verbs.get(predicate) or self._iri(predicate, True)
                used.add(prefix)
            values = properties[predicate]
            if len(values) == 1 and type(o := values[0]) is URIRef:
                text, prefix = names.get(o_text := str(o)) or self._iri(o_text)
                used.add(prefix)
                parts.append(verb + " " + text)
                continue
            if len(values) > 1:
                # rdflib orders IRIs among themselves as strings; literals by its own rules.
                values = sorted(values, key=str) if all(type(o) is URIRef for o in values) else sorted(values)
            labels = []
            for o in values:
                if type(o) is URIRef:
                    text, prefix = names.get(o_text := str(o)) or self._iri(o_text)
                    labels.append(text)
                    used.add(prefix)
                elif isinstance(o, Literal):
                    labels.append(self._literal(o))
                    if o.datatype is not None:
                        used.add(self._iri(str(o.datatype))[1])
                else:
                    text, prefix = self._iri(str(o))
                    labels.append(text)
                    used.add(prefix)
            parts.append(verb + " " + ",\n        ".join(labels))
        return "\n" + label + " " + " ;\n    ".join(parts) + " .\n"

    def prefix_lines(self, prefixes: set) -> list[str]:
        """``@prefix`` lines for ``prefixes`` (None, for names without one, left out), sorted as
        rdflib sorts them."""
        spaces = self._serializer.namespaces
        return [f"@prefix {p}: <{spaces[p]}> ." for p in sorted(prefixes - {None})]

    def turtle(self, triples: list[Triple]) -> str:
        """A whole Turtle document: what ``Graph.serialize(format="turtle")`` writes for a
        graph holding ``triples`` with the project's prefixes bound."""
        if not self.can_write(triples):
            return _rdflib_turtle(triples, self._bind)
        body, prefixes = self.body(triples)
        head = "".join(line + "\n" for line in self.prefix_lines(prefixes))
        return head + body + "\n"


def order_subjects(subjects: dict, references: dict) -> list[str]:
    """rdflib's order of subjects (IRIs): those typed ``rdfs:Class`` first, then by how often
    they are an object, then by IRI."""
    top = sorted(s for s, props in subjects.items() if _CLASS in map(str, props.get(_TYPE, ())))
    seen = set(top)
    # Subjects are IRIs here (can_write), which rdflib orders as their strings.
    rest = sorted((references.get(s, 0), s) for s in subjects if s not in seen)
    return [*top, *(s for _, s in rest)]


def _bound_graph(bind: dict) -> Graph:
    graph = Graph()
    ns.bind_prefixes(graph)
    for prefix, namespace in bind.items():
        graph.bind(prefix, namespace)
    return graph


def _rdflib_turtle(triples: list[Triple], bind: dict) -> str:
    graph = _bound_graph(bind)
    for triple in triples:
        graph.add(triple)
    stream = io.BytesIO()
    graph.serialize(stream, format="turtle")
    return stream.getvalue().decode("utf-8")


class DatasetTurtle:
    """The TriG of a dataset's named graphs and the Turtle of their union, laid out in one pass.

    A subject that only one graph describes has the same statement in that graph and in the
    union, so each such statement is made once, for the TriG, and the union's Turtle is put
    together from them; only subjects several graphs describe (a registry entity, an event
    two documents tell) are written again from all their statements. The union's order of
    subjects counts each distinct triple once, as rdflib's writer of the union does.
    """

    def __init__(self, graphs: dict, writer: TurtleWriter | None = None) -> None:
        self._graphs = graphs  # graph IRI -> triples, in IRI order
        self._writer = writer or TurtleWriter()
        self._blocks: list | None = None

    def write_trig(self, handle) -> None:
        """TriG with graphs in IRI order, each body as rdflib's (ordered) Turtle writes it.

        rdflib's own TriG writer visits graphs in store order, which changes between runs.
        """
        blocks, prefixes = self._lay_out()
        handle.write("\n".join(sorted(prefixes)) + "\n\n")
        for number, (name, chunks) in enumerate(blocks):
            body = chunks if isinstance(chunks, str) else "".join(chunks).strip("\n")
            handle.write(("\n" if number else "") + f"{name.n3()} {{\n" + body + "\n}\n")

    def write_turtle(self, handle) -> None:
        """The union of all graphs as one Turtle document, laid out as rdflib's writer does."""
        self._lay_out()
        if self._union is None:
            union = list({t for triples in self._graphs.values() for t in triples})
            handle.write(self._writer.turtle(union))
            return
        single, multiple, classes, references, prefixes = self._union
        writer = self._writer
        classes |= {s for s, properties in multiple.items() if _CLASS in map(str, properties.get(_TYPE, ()))}
        top = sorted(classes)
        rest = sorted((references.get(s, 0), s) for subjects in (single, multiple) for s in subjects
                      if s not in classes)
        handle.write("".join(line + "\n" for line in writer.prefix_lines(prefixes)))
        for s in [*top, *(s for _, s in rest)]:
            handle.write(single[s] if s in single else writer.statement(s, multiple[s], set()))
        handle.write("\n")

    def _lay_out(self) -> tuple[list, set[str]]:
        if self._blocks is not None:
            return self._blocks, self._trig_prefixes
        writer, graphs_of = self._writer, _graphs_of_subjects(self._graphs)
        single: dict[str, str] = {}  # subject -> its statement
        classes: set[str] = set()  # … of those typed rdfs:Class
        multiple: dict[str, dict[str, dict]] = {}  # subject -> {predicate: {object: None}}
        union_references: dict[str, int] = {}
        blocks, trig_prefixes, union_prefixes, whole = [], set(), set(), True
        for name, triples in self._graphs.items():
            grouped = writer.group(triples)
            if grouped is None:
                whole = False
                blocks.append((name, _trig_body_by_rdflib(triples, trig_prefixes)))
                continue
            subjects, references = grouped
            # The union's references: this graph's, less those of the subjects other graphs
            # describe too, which are counted once all their statements are merged.
            for o_text, count in references.items():
                union_references[o_text] = union_references.get(o_text, 0) + count
            used: set[str] = set()
            chunks = []
            for s in order_subjects(subjects, references):
                properties = subjects[s]
                chunks.append(chunk := writer.statement(s, properties, used))
                if graphs_of[s] == 1:
                    single[s] = chunk
                    if _CLASS in map(str, properties.get(_TYPE, ())):
                        classes.add(s)
                    continue
                merged = multiple.setdefault(s, {})
                for p, values in properties.items():
                    merged.setdefault(p, {}).update(dict.fromkeys(values))
                    for o in values:
                        if type(o) is URIRef:
                            union_references[str(o)] -= 1
            blocks.append((name, chunks))
            union_prefixes |= used
            trig_prefixes.update(writer.prefix_lines(used))
        for properties in multiple.values():
            for p, values in properties.items():
                properties[p] = list(values)
                for o in values:
                    if type(o) is URIRef:
                        union_references[o_text] = union_references.get(o_text := str(o), 0) + 1
        self._blocks, self._trig_prefixes = blocks, trig_prefixes
        self._union = (single, multiple, classes, union_references, union_prefixes) if whole else None
        return blocks, trig_prefixes


def _graphs_of_subjects(graphs: dict) -> dict[str, int]:
    """Each subject's IRI -> how many of ``graphs`` describe it."""
    found: dict[str, int] = {}
    for triples in graphs.values():
        for s in {str(t[0]) for t in triples}:
            found[s] = found.get(s, 0) + 1
    return found


def _trig_body_by_rdflib(triples: list, prefixes: set[str]) -> str:
    graph = Graph()
    ns.bind_prefixes(graph)
    for triple in triples:
        graph.add(triple)
    # Split on "\n" only: str.splitlines() also breaks at \v, \f, \x85, \u2028 … that
    # a literal may hold, and would cut the text (or the literal) in two.
    lines = graph.serialize(format="turtle").split("\n")
    prefixes.update(line for line in lines if line.startswith("@prefix"))
    # No re-indenting: a multi-line literal's lines are data.
    body = [line for line in lines if not line.startswith("@prefix")]
    while body and not body[0]:
        body.pop(0)
    while body and not body[-1]:
        body.pop()
    return "\n".join(body)
