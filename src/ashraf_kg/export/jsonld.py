"""The JSON-LD dump: each named graph compacted with the shipped context, as rdflib compacts it.

rdflib's JSON-LD writer (``from_rdf``) looks each subject's statements up in the graph,
asks the context for each statement's term, and shortens each IRI again every time it
meets it; JSON with an indent is then written by Python's slower, pure-Python encoder.
:class:`Compactor` keeps rdflib's rules (its ``Converter``, whose code it runs) but answers
the look-ups from plain dictionaries and asks the context about each predicate, datatype
and IRI once. A graph it would not compact the same way (a blank node, an ``rdf:first``
or an ``rdf:nil``: RDF lists) is left to rdflib, so the bytes never depend on which path
wrote them; ``tests/export/test_jsonld.py`` compares the two. Each graph's text is laid
out as ``json.dumps(…, indent=1, sort_keys=True)`` lays it out.
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib import __version__ as rdflib_version
from rdflib.namespace import RDF
from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES, Converter, from_rdf
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, LANG, LIST, SET, VOCAB

from .. import namespaces as ns
from ..errors import AshrafKGError, BuildError
from ..fileio import cache_folder, mark_used, write_text_atomic
from ..resources import ontology_dir
from ..validate.store import OneGraphStore

_FIRST, _REST, _NIL, _RDF_TYPE = str(RDF.first), str(RDF.rest), str(RDF.nil), RDF.type


def load_context() -> dict:
    """The shipped JSON-LD context (``context.jsonld``), its ``@context`` object."""
    path = ontology_dir() / "context.jsonld"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as error:
        raise BuildError(f"cannot read the JSON-LD context: {error}", where=str(path)) from None


def _remembered_by_text(function):
    """``function`` of one IRI answering each distinct IRI once (its text the key: rdflib's
    terms compare in Python)."""
    answers: dict = {}

    def answer(iri):
        key = str(iri)
        try:
            return answers[key]
        except KeyError:
            found = answers[key] = function(iri)
            return found
    return answer


class _Unhandled(Exception):
    """A graph that only rdflib's own writer lays out as rdflib does."""


class Compactor(Converter):
    """rdflib's JSON-LD ``Converter`` (``auto_compact``, the context's native types) with its
    look-ups made once: terms per predicate, datatype and language; short forms per IRI."""

    def __init__(self, context_data: dict) -> None:
        context = Context(context_data, base=None)
        context.shrink_iri = _remembered_by_text(context.shrink_iri)
        context.to_symbol = _remembered_by_text(context.to_symbol)
        # rdflib's serializer passes use_native_types as the tuple (False,): truthy.
        super().__init__(context, (False,), False)
        self._id_key = context.id_key
        self._keys = {"type": context.type_key, "value": context.value_key, "lang": context.lang_key}
        self._terms: dict = {}  # predicate (and a literal's datatype and language) -> term
        self._plans: dict = {}  # predicate -> how an IRI object's value is made (_iri_plan)

    def nodes(self, triples: list) -> list:
        """The graph's nodes, sorted by ``@id``: what ``from_rdf(graph, context,
        auto_compact=True)`` puts in its ``@graph`` (``_Unhandled`` when it has RDF lists or
        blank nodes)."""
        by_subject: dict = {}  # subject's IRI -> (subject, {predicate's IRI: (predicate, [objects])})
        for s, p, o in triples:
            # Exact types: rdflib's terms are abstract classes, slow to test with isinstance.
            kind = type(o)
            if type(s) is not URIRef or type(p) is not URIRef or (kind is not URIRef and kind is not Literal):
                raise _Unhandled
            if kind is URIRef and len(o) == len(_NIL) and str(o) == _NIL:
                raise _Unhandled
            found = by_subject.get(s_text := str(s))
            if found is None:
                found = by_subject[s_text] = (s, {})
            values = found[1].get(p_text := str(p))
            if values is None:
                values = found[1][p_text] = (p, [])
            values[1].append(o)
        nodemap: dict = {}
        shrink, id_key = self.context.shrink_iri, self._id_key
        for s, properties in by_subject.values():
            if _FIRST in properties or _REST in properties:
                raise _Unhandled
            # Converter.process_subject for an IRI, its statements in the order rdflib's store
            # gives them back once they are added sorted: predicates by IRI, objects by
            # rdflib's term order.
            node_id = shrink(s)
            if node_id in nodemap:
                continue
            node = nodemap[node_id] = {id_key: node_id}
            for key in sorted(properties):
                p, values = properties[key]
                for o in sorted(values) if len(values) > 1 else values:
                    self.add_to_node(None, s, p, o, node, nodemap)
        return sorted(nodemap.values(), key=lambda n: n.get("@id", ""))

    def _term(self, p, o):
        if type(o) is Literal:
            datatype = str(o.datatype) if o.datatype else None
            key = (str(p), datatype, o.language)
            found = self._terms.get(key)
            if found is None:
                found = self._terms[key] = self.context.find_term(str(p), datatype, language=o.language)
            return found
        found = self._terms.get(p_text := str(p))
        if found is None:
            found = self._terms[p_text] = next(
                (t for t in (self.context.find_term(p_text, c, None) for c in (ID, VOCAB, UNDEF)) if t), False)
        return found

    def _iri_plan(self, p):
        """For an IRI object of ``p``: (key, how its value is made) when ``add_to_node`` would
        only shorten it (a term coercing to ``@id`` or ``@vocab``, or ``rdf:type`` without a
        term) and add it under the key; else False."""
        term, context = self._term(p, None), self.context
        if term:
            if LIST in term.container or SET in term.container or LANG in term.container \
                    or term.type not in (ID, VOCAB):
                return False
            return term.name, context.shrink_iri if term.type == ID else context.to_symbol
        if p == _RDF_TYPE and not self.use_rdf_type:
            return self._keys["type"], context.to_symbol
        return False

    def add_to_node(self, graph, s, p, o, s_node, nodemap):
        """rdflib's ``Converter.add_to_node`` (7.x) for a graph without RDF lists, the term
        found once per predicate (and datatype and language)."""
        if type(o) is URIRef:
            plan = self._plans.get(p_text := str(p))
            if plan is None:
                plan = self._plans[p_text] = self._iri_plan(p)
            if plan:  # the value is the IRI shortened, added as rdflib adds it (no @set)
                p_key, shorten = plan
                node = shorten(o)
                value = s_node.get(p_key)
                if value:
                    if not isinstance(value, list):
                        value = s_node[p_key] = [value]
                    value.append(node)
                else:
                    s_node[p_key] = node
                return
        context = self.context
        term = self._term(p, o)
        language = o.language if type(o) is Literal else None
        node = None
        use_set = not context.active
        if term:
            p_key = term.name
            if term.type:
                node = self.type_coerce(o, term.type)
            elif term.language and o.language == term.language:
                node = str(o)
            elif context.language and (term.language is None and o.language is None):
                node = str(o)
            if LIST in term.container:
                raise _Unhandled
            elif LANG in term.container and language:
                value = s_node.setdefault(p_key, {})
                values = value.get(language)
                node = str(o)
                if values or SET in term.container:
                    if not isinstance(values, list):
                        value[language] = values = [values]
                    values.append(node)
                else:
                    value[language] = node
                return
            elif SET in term.container:
                use_set = True
        else:
            p_key = context.to_symbol(p)
            key_term = context.terms.get(p_key)
            if key_term and (key_term.type or key_term.container):
                p_key = p
            if not term and p == _RDF_TYPE and not self.use_rdf_type:
                if isinstance(o, URIRef):
                    node = context.to_symbol(o)
                p_key = self._keys["type"]
        if node is None:
            node = {self._id_key: context.shrink_iri(o)} if type(o) is URIRef \
                else self._literal_value(o) if type(o) is Literal else self.to_raw_value(graph, s, o, nodemap)
        value = s_node.get(p_key)
        if value:
            if not isinstance(value, list):
                value = [value]
            value.append(node)
        elif use_set:
            value = [node]
        else:
            value = node
        s_node[p_key] = value

    def _literal_value(self, o: Literal):
        """rdflib's ``Converter.to_raw_value`` of a literal, with the context's keys read once."""
        context, keys = self.context, self._keys
        native = self.use_native_types and o.datatype in PLAIN_LITERAL_TYPES
        v = o.toPython() if native else str(o)
        if o.datatype:
            if native and context.active:
                return v
            return {keys["type"]: context.to_symbol(o.datatype), keys["value"]: v}
        if o.language and o.language != context.language:
            return {keys["lang"]: o.language, keys["value"]: v}
        if not context.active or context.language and not o.language:
            return {keys["value"]: v}
        return v


def _rdflib_nodes(name, triples: list, context: dict) -> list:
    # What graph.serialize(format="json-ld", context=context, auto_compact=True) builds
    # before it writes it as text; on a one-graph store, without rdflib's bookkeeping of
    # which graphs hold each triple, its look-ups are faster.
    graph = Graph(store=OneGraphStore(), identifier=name)
    ns.bind_prefixes(graph)
    graph.store.load(sorted(triples))
    data = from_rdf(graph, context, None, (False,), False, auto_compact=True)
    nodes = data.get("@graph", [data] if "@id" in data else [])
    nodes = [{k: v for k, v in node.items() if k != "@context"} for node in nodes]
    nodes.sort(key=lambda n: n.get("@id", ""))
    return nodes


def graph_nodes(name, triples: list, context: dict, compactor: Compactor | None = None) -> list:
    """The nodes of one named graph compacted with ``context``, sorted by ``@id``: those
    rdflib's JSON-LD writer makes."""
    try:
        return (compactor or Compactor(context)).nodes(triples)
    except _Unhandled:
        return _rdflib_nodes(name, triples, context)


def json_text(value, depth: int = 0) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)``
    writes it, ``depth`` levels deep, without Python's pure-Python indenting encoder."""
    parts: list[str] = []
    _write_json(value, depth, parts)
    return "".join(parts)


def _write_json(value, depth: int, out: list) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + " " * (depth + 1)
        separator = "{" + inner
        for key, item in sorted(value.items()):
            if not isinstance(key, str):
                raise TypeError("JSON keys here are strings")
            out.append(separator + encode_basestring(key) + ": ")
            _write_json(item, depth + 1, out)
            separator = "," + inner
        out.append("\n" + " " * depth + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (depth + 1)
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _write_json(item, depth + 1, out)
            separator = "," + inner
        out.append("\n" + " " * depth + "]")
    else:  # numbers, booleans, null: as json writes them
        out.append(json.dumps(value))


def write_jsonld(handle, graphs: dict, *, rows: dict | None = None) -> None:
    """Write JSON-LD compacted with the shipped context, inlined so no one fetches it.

    ``graphs`` maps each named graph's IRI to its triples. Each graph is compacted on its
    own (no sorted copy of the whole dataset is held) and its text written at once: the
    text ``json.dumps(…, indent=1, sort_keys=True)`` makes of the whole document. With
    ``rows`` (each graph's N-Triples lines) a graph's text is kept in the build cache under a
    digest of those lines, the context and this code, and read from there when a later
    build has the same graph.
    """
    context = load_context()
    compactor = Compactor(context)
    folder = cache_folder("jsonld") if rows is not None else None
    # The code that compacts is part of the key: a change to it never meets an old entry.
    salt = json.dumps(context, sort_keys=True) + f" rdflib-{rdflib_version} " + \
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    handle.write('{\n "@context": ' + json_text(context, 1) + ',\n "@graph": ')
    handle.write("[" if graphs else "[]")
    for number, (name, triples) in enumerate(graphs.items()):
        cached = folder / _digest(rows[name], salt) if folder is not None else None
        text = _cached_text(cached) if cached is not None else None
        if text is None:
            text = json_text({"@id": str(name), "@graph": graph_nodes(name, triples, context, compactor)}, 2)
            if cached is not None:
                _store(cached, text)
        handle.write(("," if number else "") + "\n  " + text)
    handle.write("\n ]\n}\n" if graphs else "\n}\n")


def _cached_text(path: Path) -> str | None:
    """The text kept at ``path``, or None when there is none (or it was just pruned)."""
    if not mark_used(path):
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def _digest(lines: list[str], salt: str) -> str:
    digest = hashlib.sha256(salt.encode("utf-8"))
    for line in sorted(lines):
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def _store(path: Path, text: str) -> None:
    try:
        write_text_atomic(path, text)
    except AshrafKGError:
        pass  # a cache that cannot be written costs only time
