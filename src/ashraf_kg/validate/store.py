"""The triple store pySHACL reads while it validates: one graph, plain dictionaries.

rdflib's default store (``Memory``) keeps, for every triple, the graphs it is in, and on
every look-up turns the asking graph into a string key, checks each triple's graphs and
makes a generator of them that ``Graph.triples`` throws away. pySHACL makes about half a
million look-ups in the shapes graph and the data graph of one document, so that
bookkeeping was a third of its time. A validation graph is a single graph, so
:class:`OneGraphStore` keeps only the three indexes (subject, predicate and object
first) in insertion order, as ``Memory`` iterates them, and answers every graph alike.

>>> graph = Graph(store=OneGraphStore())       # doctest: +SKIP
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory

_NO_GRAPHS = ()  # the graphs a triple is in, which Graph.triples does not read


class OneGraphStore(SimpleMemory):
    """An in-memory store for one graph (prefix bindings as rdflib's ``SimpleMemory``).

    It says it is context- and graph-aware because pySHACL wraps every data graph in an
    rdflib ``Dataset``, which asks for both; it holds one graph, whichever asks.
    """

    context_aware = True
    graph_aware = True

    def __init__(self) -> None:
        super().__init__()
        self._spo: dict = {}
        self._pos: dict = {}
        self._osp: dict = {}
        self._size = 0

    def add(self, triple, context, quoted: bool = False) -> None:
        s, p, o = triple
        by_predicate = self._spo.get(s)
        if by_predicate is None:
            by_predicate = self._spo[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            objects = by_predicate[p] = {}
        elif o in objects:
            return
        objects[o] = None
        self._pos.setdefault(p, {}).setdefault(o, {})[s] = None
        self._osp.setdefault(o, {}).setdefault(s, {})[p] = None
        self._size += 1

    def load(self, triples) -> None:
        """Add every triple of ``triples`` (without ``Graph.add``'s checks, which cost as much)."""
        for triple in triples:
            self.add(triple, None)

    def remove(self, triple_pattern, context=None) -> None:
        for (s, p, o), _ in list(self.triples(triple_pattern)):
            del self._spo[s][p][o]
            del self._pos[p][o][s]
            del self._osp[o][s][p]
            self._size -= 1

    def __len__(self, context=None) -> int:
        return self._size

    def contexts(self, triple=None):
        return iter(_NO_GRAPHS)

    def add_graph(self, graph) -> None:
        """Nothing to do: the store is one graph."""

    def remove_graph(self, graph) -> None:
        """Nothing to do: the store is one graph."""

    def triples(self, triple_pattern, context=None):
        """``((s, p, o), graphs)`` for every triple matching the pattern (None: any)."""
        s, p, o = triple_pattern
        if s is not None:
            found = _by_subject(self._spo.get(s), s, p, o)
        elif p is not None:
            found = _by_predicate(self._pos.get(p), p, o)
        elif o is not None:
            found = (((subject, predicate, o), _NO_GRAPHS)
                     for subject, predicates in list(self._osp.get(o, {}).items())
                     for predicate in list(predicates))
        else:
            found = (((subject, predicate, obj), _NO_GRAPHS)
                     for subject, by_predicate in list(self._spo.items())
                     for predicate, objects in list(by_predicate.items()) for obj in list(objects))
        yield from found


def _by_subject(by_predicate: dict | None, s, p, o):
    if not by_predicate:
        return ()
    if p is not None:
        objects = by_predicate.get(p)
        if not objects:
            return ()
        if o is not None:
            return (((s, p, o), _NO_GRAPHS),) if o in objects else ()
        return [((s, p, obj), _NO_GRAPHS) for obj in objects]
    if o is not None:
        return [((s, predicate, o), _NO_GRAPHS) for predicate, objects in by_predicate.items()
                if o in objects]
    return [((s, predicate, obj), _NO_GRAPHS) for predicate, objects in by_predicate.items()
            for obj in objects]


def _by_predicate(by_object: dict | None, p, o):
    if not by_object:
        return ()
    if o is not None:
        return [((s, p, o), _NO_GRAPHS) for s in by_object.get(o, ())]
    return [((s, p, obj), _NO_GRAPHS) for obj, subjects in by_object.items() for s in subjects]


def one_graph(graph_class: type = Graph) -> Graph:
    """An empty ``graph_class`` (an rdflib ``Graph`` or a subclass) on a :class:`OneGraphStore`."""
    return graph_class(store=OneGraphStore())
