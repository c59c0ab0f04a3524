"""Locate the ontology, shapes and queries whether installed or run from a checkout.

The files live once, in the repository's ``ontology/`` and ``queries/``; the wheel ships
them as ``ashraf_kg/data/…``. ``ASHRAF_KG_ONTOLOGY_DIR`` and ``ASHRAF_KG_QUERIES_DIR``
override both.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import AshrafKGError

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def _locate(kind: str, env_var: str) -> Path:
    override = os.environ.get(env_var)
    if override:
        path = Path(override)
        if not path.is_dir():
            raise AshrafKGError(f"{env_var} points to {path}, which is not a folder",
                                hint=f"set {env_var} to the folder that holds the {kind} files")
        return path
    path = _PACKAGE_DATA / kind
    if path.is_dir():
        return path
    raise AshrafKGError(f"cannot find the {kind} files (looked in {path})",
                        hint=f"reinstall ashraf-kg or set {env_var}")


def ontology_dir() -> Path:
    """Folder of ``ashraf-kg.ttl``, ``shapes.ttl`` and ``context.jsonld``."""
    return _locate("ontology", "ASHRAF_KG_ONTOLOGY_DIR")


def queries_dir() -> Path:
    """Folder of the named SPARQL queries (``<verb>_<what>.rq``)."""
    return _locate("queries", "ASHRAF_KG_QUERIES_DIR")
