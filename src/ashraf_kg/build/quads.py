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
        self.read: tuple[int, list] | None = None  # (changes, the quads read then)

    def add(self, triple, context, quoted: bool = False) -> None:
        self.changes += 1
        super().add(triple, context, quoted=quoted)

    def remove(self, triple_pattern, context=None) -> None:
        self.changes += 1
        super().remove(triple_pattern, context=context)


def dataset_quads(dataset) -> list[tuple]:
    """``dataset.quads((None, None, None, None))`` as a list, which callers must not change:
    read once while a :class:`CountedMemory` store is unchanged, each time otherwise."""
    store = dataset.store
    if not isinstance(store, CountedMemory):
        return list(dataset.quads((None, None, None, None)))
    if store.read is None or store.read[0] != store.changes:
        store.read = (store.changes, list(dataset.quads((None, None, None, None))))
    return store.read[1]
