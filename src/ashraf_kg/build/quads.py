"""Every quad of a built dataset, read out of rdflib once.

Each later stage reads the whole dataset (the validation units, the dumps, the network
page, VoID), and rdflib's ``Dataset.quads`` works out the graphs of every triple again
on each pass, as much time as the pass itself. The build's dataset lives on a
:class:`CountedMemory` store, which counts its changes, so :func:`dataset_quads` reads
the quads once per version of the store and hands the same list to every stage.
"""

from __future__ import annotations

from rdflib.plugins.stores.memory import Memory


class CountedMemory(Memory):
    """rdflib's ``Memory`` store, counting the additions and removals made to it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changes = 0
        self.read: dict = {}  # what was read of the store, while changes was read["at"]

    def add(self, triple, context, quoted: bool = False) -> None:
        self.changes += 1
        super().add(triple, context, quoted=quoted)

    def remove(self, triple_pattern, context=None) -> None:
        self.changes += 1
        super().remove(triple_pattern, context=context)


def _read_once(dataset, name: str, read):
    """``read(dataset)``, kept on a :class:`CountedMemory` store until the store changes."""
    store = dataset.store
    if not isinstance(store, CountedMemory):
        return read(dataset)
    if store.read.get("at") != store.changes:
        store.read = {"at": store.changes}
    if name not in store.read:
        store.read[name] = read(dataset)
    return store.read[name]


def dataset_quads(dataset) -> list[tuple]:
    """``dataset.quads((None, None, None, None))`` as a list, which callers must not change:
    read once while a :class:`CountedMemory` store is unchanged, each time otherwise."""
    return _read_once(dataset, "quads", lambda d: list(d.quads((None, None, None, None))))


def graph_triples(dataset) -> dict:
    """Each non-empty named graph's IRI -> its triples, graphs in IRI order (read once, as
    :func:`dataset_quads`)."""
    return _read_once(dataset, "graphs", _graph_triples)


def _graph_triples(dataset) -> dict:
    graphs: dict = {}
    for s, p, o, g in dataset_quads(dataset):
        graphs.setdefault(getattr(g, "identifier", g), []).append((s, p, o))
    return {name: graphs[name] for name in sorted(graphs, key=str)}


def graph_rows(dataset) -> dict:
    """Each graph's IRI -> the N-Triples line of each of its triples (rdflib's own line
    writer), graphs in IRI order (read once, as :func:`dataset_quads`)."""
    from rdflib.plugins.serializers.nt import _nt_row  # the canonical N-Triples line writer

    return _read_once(dataset, "rows", lambda d: {name: [_nt_row(t) for t in triples]
                                                  for name, triples in graph_triples(d).items()})


def dataset_digest(dataset) -> str:
    """SHA-256 of the dataset's content: each graph's IRI and sorted N-Triples lines."""
    import hashlib

    def digest(d) -> str:
        found = hashlib.sha256()
        for name, rows in graph_rows(d).items():
            found.update(f"graph {name}\n".encode())
            for row in sorted(rows):
                found.update(row.encode("utf-8"))
        return found.hexdigest()

    return _read_once(dataset, "digest", digest)
