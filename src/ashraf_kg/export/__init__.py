"""The export stage: the dumps (:mod:`.dumps`, :mod:`.turtle`, :mod:`.jsonld`), the ontology's
page (:mod:`.ontodoc`) and the dataset's own description (:mod:`.describe`)."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collection_paused():
    """Run the block with Python's cyclic garbage collector paused.

    The writers make millions of short-lived containers (statements, JSON nodes, network
    attributes) beside a dataset of millions of objects; each time enough of them pile up
    the collector walks the whole heap, dataset included, for cycles those writers never
    make. What cycles the block leaves are collected once it ends.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
