"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL.

The data is validated together with the ontology, so that ``sh:class`` and
``sh:targetClass`` follow ``rdfs:subClassOf`` (an ``akg:Camp`` is an ``akg:Place``)
without running an inference step: pyshacl runs with ``inference="none"``.

>>> from ashraf_kg.validate import validate_graph
>>> report = validate_graph(graph)          # doctest: +SKIP
>>> report.conforms, len(report.results)    # doctest: +SKIP
(True, 0)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph

from .. import resources
from ..errors import AshrafKGError
from ..fileio import rdf_syntax_error
from .report import ValidationReport, read_results
from .store import one_graph

ONTOLOGY_FILE = "ashraf-kg.ttl"
SHAPES_FILE = "shapes.ttl"


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph, from ``path`` or from the shipped ``shapes.ttl``."""
    return _parse(path or resources.ontology_dir() / SHAPES_FILE)


def load_ontology(path: Path | None = None) -> Graph:
    """The ontology graph, from ``path`` or from the shipped ``ashraf-kg.ttl``."""
    return _parse(path or resources.ontology_dir() / ONTOLOGY_FILE)



def validate_graph(data: Graph, *, shapes: Graph | None = None,
                   ontology: Graph | None = None) -> ValidationReport:
    """Validate ``data`` (a Graph, or a Dataset: the union of its graphs) with SHACL.

    ``shapes`` and ``ontology`` default to the shipped files; the ontology is mixed
    into a copy of the data, never into ``data`` itself. The copy is an rdflib graph of
    the default store, as pySHACL is usually run: the reference the document-by-document
    validation (:func:`~ashraf_kg.validate.dataset.validate_dataset`) is tested against.
    """
    merged = _merge(data, ontology if ontology is not None else shipped_ontology())
    shapes = shapes if shapes is not None else shipped_shapes()
    return ValidationReport(*run_pyshacl(merged, shapes))


def run_pyshacl(data: Graph, shapes: Graph) -> tuple[bool, tuple]:
    """``(conforms, results)`` of pySHACL on ``data`` (changed in place: give a copy)."""
    import pyshacl

    _look_up_parameters_in_a_set()
    conforms, results_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes,
        inference="none", abort_on_first=False, allow_infos=True, allow_warnings=True,
        meta_shacl=False, advanced=False, inplace=True, debug=False)
    return bool(conforms), read_results(results_graph, shapes)


def validate_dumps(graph_dir: Path) -> ValidationReport:
    """Validate the committed dumps in ``graph_dir`` (``ashraf-kg.trig``, else ``ashraf-kg.ttl``)."""
    graph_dir = Path(graph_dir)
    for name, fmt in (("ashraf-kg.trig", "trig"), ("ashraf-kg.ttl", "turtle")):
        path = graph_dir / name
        if path.is_file():
            data = Dataset() if fmt == "trig" else Graph()
            try:
                data.parse(path, format=fmt)
            except Exception:  # rdflib raises many unrelated types on bad syntax
                raise rdf_syntax_error(path, fmt) from None
            return validate_graph(data)
    raise AshrafKGError(f"no ashraf-kg.trig or ashraf-kg.ttl in {graph_dir}", where=str(graph_dir),
                        hint="run `ashraf-kg build` first, or pass --graph-dir")



class _ListWithSetLookup(list):
    """A list whose ``in`` is a set look-up."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item) -> bool:
        return item in self._members


@lru_cache(maxsize=1)
def _look_up_parameters_in_a_set() -> None:
    """pySHACL finds the constraints of a shape, each time it checks a node against it,
    by testing every predicate of the shape for membership in its list of some forty
    constraint parameters; each test compares terms with rdflib's Python ``__eq__``,
    a few million calls per build. It keeps that list in its shape module
    (``CONSTRAINT_PARAMS``, filled on first use): filled beforehand with a list that
    answers ``in`` from a set, every test is one hash look-up. If a pySHACL version no
    longer reads that name, nothing changes but the time."""
    from pyshacl import shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    if getattr(shape, "CONSTRAINT_PARAMS", None) is None and isinstance(ALL_CONSTRAINT_PARAMETERS, list):
        shape.CONSTRAINT_PARAMS = (_ListWithSetLookup(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


class QueryOnceGraph(Graph):
    """A graph that parses each SPARQL query text once: pySHACL asks a SPARQL constraint's
    query again for every focus node, and rdflib would parse it again each time."""

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared(text: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _merge(data: Graph, ontology: Graph) -> Graph:
    merged = QueryOnceGraph()
    triples = data.quads((None, None, None, None)) if isinstance(data, ConjunctiveGraph) \
        else ((s, p, o, None) for s, p, o in data)
    for s, p, o, _ in triples:
        merged.add((s, p, o))
    for triple in ontology:
        merged.add(triple)
    return merged


def _parse(path: Path, graph: Graph | None = None) -> Graph:
    try:
        return (graph if graph is not None else Graph()).parse(path, format="turtle")
    except FileNotFoundError as error:
        raise AshrafKGError(f"cannot find {path}", where=str(path),
                            hint="reinstall ashraf-kg or set ASHRAF_KG_ONTOLOGY_DIR") from error
    except Exception as error:  # a syntax error in a shipped file
        raise AshrafKGError(f"cannot parse {path}: {error}", where=str(path),
                            hint="fix the Turtle syntax of that file") from error



def shipped_shapes() -> Graph:
    """The shipped shapes, parsed once per process (again if the file changes)."""
    return _parse_cached(resources.ontology_dir() / SHAPES_FILE)


def shipped_ontology() -> Graph:
    """The shipped ontology, parsed once per process (again if the file changes)."""
    return _parse_cached(resources.ontology_dir() / ONTOLOGY_FILE)


def fast_shapes() -> Graph:
    """The shipped shapes on a :class:`~ashraf_kg.validate.store.OneGraphStore`: pySHACL
    looks shapes up hundreds of thousands of times per document."""
    return _parse_cached(resources.ontology_dir() / SHAPES_FILE, fast=True)


def _parse_cached(path: Path, *, fast: bool = False) -> Graph:
    # Keyed on the file's mtime too, so an edited shapes file is re-read.
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _parse_once(path.resolve(), mtime, fast)


@lru_cache(maxsize=8)
def _parse_once(path: Path, mtime: int, fast: bool) -> Graph:
    return _parse(path, one_graph() if fast else None)
