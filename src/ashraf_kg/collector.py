"""Python's cycle collector, paused while the build makes millions of small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run the block with Python's cyclic garbage collector paused.

    Reading the corpus, building its graph and writing the dumps, the network page and
    VoID make millions of small containers and no cycle. Run every few hundred
    allocations, the collector walks everything made so far, the dataset included, again
    and again: more than half the build stage's time at 1,000 documents. It is set back
    as it was, and collects what the block left at its next turn.

    >>> with collection_paused():
    ...     rows = [(n, str(n)) for n in range(3)]
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
