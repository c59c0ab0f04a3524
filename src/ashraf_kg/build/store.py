"""The build's quad store: each triple held once, each term once, indexes made when asked.

rdflib's ``Memory`` store keeps, for every triple, three nested index entries and a
dictionary of the graphs it is in (about 1.5 kB a quad), and is handed a new object for
every IRI and literal the build makes, however often the same term recurs. At a thousand
documents (1.6 million quads) that is 2.5 GB before any later stage reads a quad.

:class:`QuadStore` keeps each graph's triples in a list, in the order they were added, and
one dictionary from each triple to its graph (or graphs); each term is interned, so a
triple is three references to terms the store already holds. A look-up by subject,
predicate or object builds that one index the first time it is asked for (most stages
read the quads graph by graph and never ask). It counts its changes, so the quads read
out of it can be reused while it is unchanged (:mod:`.quads`).
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.store import Store


def _key(context):
    return getattr(context, "identifier", context)


class QuadStore(Store):
    """An in-memory, graph-aware rdflib store (no formulas) for the build's :class:`Dataset`."""

    context_aware = True
    graph_aware = True

    def __init__(self, configuration=None, identifier=None) -> None:
        super().__init__(configuration)
        self.identifier = identifier
        self.changes = 0
        self.read: dict = {}  # what was read of the store, while changes was read["at"]
        self._terms: dict = {}
        self._where: dict = {}     # triple -> graph identifier, or tuple of identifiers
        self._graphs: dict = {}    # graph identifier -> its triples, in the order added
        self._contexts: dict = {}  # graph identifier -> the Graph object last given for it
        self._index: dict = {}     # 0, 1, 2 (subject, predicate, object) -> term -> triples
        self._namespace: dict = {}
        self._prefix: dict = {}

    # -- adding and removing ------------------------------------------------------------
    def add(self, triple, context, quoted: bool = False) -> None:
        if quoted:
            raise ValueError("QuadStore holds no formulas")
        self.load(context, (triple,))

    def addN(self, quads) -> None:  # noqa: N802 (rdflib's name)
        for s, p, o, c in quads:
            self.load(c, ((s, p, o),))

    def load(self, context, triples) -> None:
        """Add ``triples`` (of rdflib terms) to the graph ``context`` (a Graph or its
        identifier): :meth:`add` for many triples at once, without rdflib's per-triple checks."""
        name = _key(context)
        if isinstance(context, Graph):
            self._contexts[name] = context
        elif name not in self._contexts:
            self._contexts[name] = Graph(store=self, identifier=name)
        own = self._graphs.setdefault(name, [])
        where, intern, index = self._where, self._terms.setdefault, self._index
        for s, p, o in triples:
            triple = (intern(s, s), intern(p, p), intern(o, o))
            found = where.get(triple)
            if found is None:
                where[triple] = name
                for position, terms in index.items():
                    terms.setdefault(triple[position], []).append(triple)
            elif found == name or (type(found) is tuple and name in found):
                continue
            else:
                where[triple] = (*found, name) if type(found) is tuple else (found, name)
            own.append(triple)
        self.changes += 1

    def remove(self, triple_pattern, context=None) -> None:
        name = None if context is None else _key(context)
        for triple, _ in list(self.triples(triple_pattern, context)):
            found = self._where[triple]
            names = found if type(found) is tuple else (found,)
            left = tuple(n for n in names if name is not None and n != name)
            for gone in (n for n in names if n not in left):
                self._graphs[gone].remove(triple)
            if left:
                self._where[triple] = left if len(left) > 1 else left[0]
                continue
            del self._where[triple]
            for position, terms in self._index.items():
                same = terms[triple[position]]
                same.remove(triple)
                if not same:
                    del terms[triple[position]]
        self.changes += 1

    def add_graph(self, graph) -> None:
        name = _key(graph)
        self._contexts[name] = graph if isinstance(graph, Graph) else Graph(store=self, identifier=name)
        self._graphs.setdefault(name, [])

    def remove_graph(self, graph) -> None:
        name = _key(graph)
        if name in self._graphs:
            self.remove((None, None, None), name)
            del self._graphs[name]
        self._contexts.pop(name, None)

    # -- reading ------------------------------------------------------------------------
    def graph_triples(self, context) -> list:
        """The triples of graph ``context``, in the order added (the store's own list: do
        not change it)."""
        return self._graphs.get(_key(context), [])

    def graph_names(self) -> list:
        """The identifiers of the graphs that hold triples."""
        return [name for name, triples in self._graphs.items() if triples]

    def _graphs_of(self, triple) -> tuple:
        found = self._where[triple]
        return found if type(found) is tuple else (found,)

    def _contexts_of(self, triple):
        return (self._contexts[name] for name in self._graphs_of(triple))

    def _in(self, triple, name) -> bool:
        found = self._where.get(triple)
        return found is not None and (name is None or found == name or
                                      (type(found) is tuple and name in found))

    def _indexed(self, position: int) -> dict:
        terms = self._index.get(position)
        if terms is None:
            terms = {}
            for triple in self._where:
                terms.setdefault(triple[position], []).append(triple)
            self._index[position] = terms
        return terms

    def _candidates(self, s, p, o, name):
        if s is None and p is None and o is None:
            return list(self._where if name is None else self._graphs.get(name, ()))
        if s is not None and p is not None and o is not None:
            return [(s, p, o)]
        if s is not None:
            return list(self._indexed(0).get(s, ()))
        if o is not None:
            return list(self._indexed(2).get(o, ()))
        return list(self._indexed(1).get(p, ()))

    def triples(self, triple_pattern, context=None):
        s, p, o = triple_pattern
        name = None if context is None else _key(context)
        if name is not None and name not in self._graphs:
            return
        if s is None and p is None and o is None:
            for triple in self._candidates(s, p, o, name):
                yield triple, self._contexts_of(triple)
            return
        for triple in self._candidates(s, p, o, name):
            if (s is None or triple[0] == s) and (p is None or triple[1] == p) and \
                    (o is None or triple[2] == o) and self._in(triple, name):
                yield triple, self._contexts_of(triple)

    def __len__(self, context=None) -> int:
        if context is None:
            return len(self._where)
        return len(self._graphs.get(_key(context), ()))

    def contexts(self, triple=None):
        if triple is None or triple == (None, None, None):
            return iter(list(self._contexts.values()))
        return self._contexts_of(triple) if triple in self._where else iter(())

    # -- prefixes -----------------------------------------------------------------------
    def bind(self, prefix: str, namespace, override: bool = True) -> None:
        bound_namespace = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_namespace is not None:
            bound_prefix = self._prefix.get(bound_namespace)
        if override:
            if bound_prefix is not None:
                del self._namespace[bound_prefix]
            if bound_namespace is not None:
                del self._prefix[bound_namespace]
            self._prefix[namespace] = prefix
            self._namespace[prefix] = namespace
        else:
            kept_namespace = bound_namespace if bound_namespace is not None else namespace
            kept_prefix = bound_prefix if bound_prefix is not None else prefix
            self._prefix[kept_namespace] = kept_prefix
            self._namespace[kept_prefix] = kept_namespace

    def namespace(self, prefix: str):
        return self._namespace.get(prefix)

    def prefix(self, namespace):
        return self._prefix.get(namespace)

    def namespaces(self):
        yield from list(self._namespace.items())
