"""Where things are, as plain strings: the cache folder, the packaged data, a project's root.

The one place these are worked out. :mod:`ashraf_kg.fileio`, :mod:`ashraf_kg.resources` and
:mod:`ashraf_kg.cli.project` hand them on as ``pathlib.Path``; a one-shot ``ashraf-kg query``
answered by the resident store (:mod:`ashraf_kg.cli.quick`) uses them as they are, because
importing pathlib (with urllib.parse and ipaddress) was a sixth of that process's time.
"""

from __future__ import annotations

import os

PROJECT_MARKERS = (os.path.join("corpus", "registry.yaml"), os.path.join("graph", "ashraf-kg.nq"))
"""Files whose presence makes a folder a project's root."""

PACKAGE_DATA = os.path.join(os.path.dirname(os.path.realpath(__file__)), "data")
"""The packaged ``ontology/``, ``queries/`` and ``schemas/`` (links to the checkout's folders)."""


def cache_folder() -> str | None:
    """The build cache folder: ``$ASHRAF_KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/ashraf-kg``
    (``~/.cache/ashraf-kg`` when unset); None when ``ASHRAF_KG_CACHE_DIR`` is ``off``."""
    override = os.environ.get("ASHRAF_KG_CACHE_DIR")
    if override == "off":
        return None
    if override:
        return override
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "ashraf-kg")


def queries_folder() -> str:
    """The named queries' folder: ``$ASHRAF_KG_QUERIES_DIR`` as given, else the packaged one."""
    return os.environ.get("ASHRAF_KG_QUERIES_DIR") or os.path.join(PACKAGE_DATA, "queries")


def find_project_root(start: str) -> str | None:
    """The nearest folder, ``start`` (resolved) or above it, holding one of :data:`PROJECT_MARKERS`."""
    folder = os.path.realpath(start)
    while True:
        if any(os.path.isfile(os.path.join(folder, marker)) for marker in PROJECT_MARKERS):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
