"""Every quad of a built dataset, read out of its store without rdflib's round trips.

Each later stage reads the whole dataset (the validation units, the dumps, the network
page, VoID), and rdflib's ``Dataset.quads`` works out the graphs of every triple again
on each pass, as much time as the pass itself. The build's dataset lives on a
:class:`~.store.QuadStore`, which keeps each graph's triples in a list: the stages read
those lists. What is worked out from them (each graph's N-Triples lines, the digest) is
kept while the store, which counts its changes, is unchanged.
"""

from __future__ import annotations

from .store import QuadStore


class Quads:
    """The quads of a :class:`QuadStore`, graph by graph, read from its own lists: a view,
    not a copy (a thousand documents' quads as a list of tuples take 130 MB)."""

    def __init__(self, store: QuadStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return sum(len(self._store.graph_triples(name)) for name in self._store.graph_names())

    def __iter__(self):
        for name in self._store.graph_names():
            for s, p, o in self._store.graph_triples(name):
                yield s, p, o, name


def _read_once(dataset, name: str, read):
    """``read(dataset)``, kept on a :class:`QuadStore` until the store changes."""
    store = dataset.store
    if not isinstance(store, QuadStore):
        return read(dataset)
    if not _is_kept(dataset, name):
        if store.read.get("at") != store.changes:
            store.read = {"at": store.changes}
        store.read[name] = read(dataset)
    return store.read[name]


def _is_kept(dataset, name: str) -> bool:
    """Whether :func:`_read_once` holds ``name`` for the store as it is now."""
    store = dataset.store
    return isinstance(store, QuadStore) and store.read.get("at") == store.changes and name in store.read


def dataset_quads(dataset):
    """The quads of ``dataset.quads((None, None, None, None))`` (the graph as its identifier),
    to iterate over and count: a view of a :class:`QuadStore`'s own lists, or a list read once
    from another store."""
    if isinstance(dataset.store, QuadStore):
        return Quads(dataset.store)
    return list(dataset.quads((None, None, None, None)))


def graph_triples(dataset) -> dict:
    """Each non-empty named graph's IRI -> its triples, graphs in IRI order (read once, as
    :func:`dataset_digest`); callers must not change the lists."""
    return _read_once(dataset, "graphs", _graph_triples)


def _graph_triples(dataset) -> dict:
    store = dataset.store
    if isinstance(store, QuadStore):  # the store's own lists: no second copy
        return {name: store.graph_triples(name) for name in sorted(store.graph_names(), key=str)}
    graphs: dict = {}
    for s, p, o, g in dataset_quads(dataset):
        graphs.setdefault(getattr(g, "identifier", g), []).append((s, p, o))
    return {name: graphs[name] for name in sorted(graphs, key=str)}


def graph_rows(dataset) -> dict:
    """Each graph's IRI -> the N-Triples line of each of its triples (as rdflib's own line
    writer makes it), graphs in IRI order.

    Each distinct term's N-Triples form is worked out once and the lines are put together
    from those (faster than rdflib's line writer on every triple); the lines are kept while
    a :class:`QuadStore` is unchanged (validation, the dumps and VoID all read them).
    """
    return _read_once(dataset, "rows", _graph_rows)


def _graph_rows(dataset) -> dict:
    return dict(_rows_of_graphs(dataset))


def _rows_of_graphs(dataset):
    """(graph IRI, its N-Triples lines) for each graph in IRI order, one graph at a time."""
    from rdflib import Literal
    from rdflib.plugins.serializers.nt import _quoteLiteral  # what rdflib's _nt_row writes

    names: dict = {}  # a subject's or predicate's form; an object's, which may be a literal
    values: dict = {}

    def name_of(term) -> str:
        found = names.get(term)
        if found is None:
            found = names[term] = term.n3()
        return found

    def value_of(term) -> str:
        found = values.get(term)
        if found is None:
            found = values[term] = _quoteLiteral(term) if isinstance(term, Literal) else term.n3()
        return found

    for graph, triples in graph_triples(dataset).items():
        yield graph, [f"{name_of(s)} {name_of(p)} {value_of(o)} .\n" for s, p, o in triples]


def dataset_digest(dataset, *, keep_rows: bool = True) -> str:
    """SHA-256 of the dataset's content: each graph's IRI and sorted N-Triples lines.

    ``keep_rows=False``: unless :func:`graph_rows` has them already, the lines are made one
    graph at a time and not kept (the network page's side process needs the digest only).
    """
    import hashlib

    def digest(d) -> str:
        graphs = graph_rows(d).items() if keep_rows or _is_kept(d, "rows") else _rows_of_graphs(d)
        found = hashlib.sha256()
        for name, rows in graphs:
            found.update(f"graph {name}\n".encode())
            for row in sorted(rows):
                found.update(row.encode("utf-8"))
        return found.hexdigest()

    return _read_once(dataset, "digest", digest)
