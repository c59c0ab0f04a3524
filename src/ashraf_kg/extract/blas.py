"""Extraction, step 0a: the matrix products of the statistical parse, on one thread.

Most of the parse's time is matrix products. thinc computes them with BLIS by default,
whose wheel runs its portable kernel on every processor, or with numpy, whose OpenBLAS
picks kernels for the processor it runs on and takes half the time. OpenBLAS would also
spread each product over every core, which costs more processor time than it saves on a
machine with other work (its threads wait spinning): the parse holds it to one thread,
so extraction uses one core. Where numpy's OpenBLAS cannot be found among the loaded
libraries (another BLAS, no ``/proc/self/maps``), the parse keeps BLIS.
"""

from __future__ import annotations

import ctypes
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# How OpenBLAS builds name the thread setting (numpy's wheels use the scipy_ prefix, and
# the 64_ suffix for 64-bit integers).
_PREFIXES = ("scipy_openblas", "openblas")
_SUFFIXES = ("64_", "")


@lru_cache(maxsize=1)
def openblas_threads() -> tuple[tuple, ...]:
    """(get, set) of the thread count of each OpenBLAS loaded in this process, once numpy
    is; empty when there is none or it cannot be told."""
    import numpy  # noqa: F401 - loads numpy's BLAS

    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    paths = sorted({line.split(maxsplit=5)[-1] for line in maps
                    if "openblas" in line.rsplit("/", 1)[-1].lower()})
    found = []
    for path in paths:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in _PREFIXES:
            for suffix in _SUFFIXES:
                get = getattr(library, f"{prefix}_get_num_threads{suffix}", None)
                put = getattr(library, f"{prefix}_set_num_threads{suffix}", None)
                if get is not None and put is not None:
                    put.argtypes, get.restype = [ctypes.c_int], ctypes.c_int
                    found.append((get, put))
    return tuple(found)


@contextmanager
def one_blas_thread():
    """Hold every loaded OpenBLAS to one thread inside the block, then restore it."""
    controls = openblas_threads()
    before = [get() for get, _ in controls]
    for _, put in controls:
        put(1)
    try:
        yield
    finally:
        for (_, put), count in zip(controls, before, strict=True):
            put(count)
