"""Locate the ontology, shapes, queries and schemas whether installed or run from a checkout.

The files live once, in the repository's ``ontology/``, ``queries/`` and ``schemas/``; the
wheel ships them as ``ashraf_kg/data/…``. ``ASHRAF_KG_ONTOLOGY_DIR`` and
``ASHRAF_KG_QUERIES_DIR`` override the first two.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import AshrafKGError
from .places import PACKAGE_DATA

_PACKAGE_DATA = Path(PACKAGE_DATA)


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


def schemas_dir() -> Path:
    """Folder of the JSON Schemas of the curation files (``registry``, ``meta``, ``annotations``)."""
    path = _PACKAGE_DATA / "schemas"
    if path.is_dir():
        return path
    raise AshrafKGError(f"cannot find the schema files (looked in {path})", hint="reinstall ashraf-kg")
