"""A first look with shacl-rust, a SHACL engine written in Rust: does a graph have any result?

pySHACL writes every report the project shows. It costs about 0.2 s of CPU per document;
shacl-rust reads the whole real dataset and checks it against ``ontology/shapes.ttl``
(both SPARQL constraints included) in about 0.15 s. shacl-rust is asked one question
only: whether the graph, with the ontology, has any result (about given nodes: those a
document's unit keeps). When it finds none, pySHACL finds none either and the report is
"conforms, no results"; when it finds any, or cannot answer, pySHACL validates and
writes the report. The reports are therefore pySHACL's whatever shacl-rust finds, as
long as shacl-rust never finds nothing where pySHACL finds something (a graph holding an
ill-typed literal is left to pySHACL: :func:`has_ill_typed`). The two engines do
not always place a result alike (an oa:start that is not an integer: shacl-rust reports
the selector's datatype, pySHACL that too and the span-anchoring constraint on the
document), so the tests check the question asked: ``tests/validate/test_fast.py`` that
on every fixture of ``tests/shapes/`` (each shape alone and all shapes, valid and
invalid) both find the same results (focus node, constraint component, value), on the
built dataset none, on damaged copies results at the same focus nodes, and after each of
118 single changes to a document's unit a result about a node it keeps whenever
pySHACL does; ``tests/build/test_units.py`` that on every unit of the built dataset and
of damaged copies both engines find results about the nodes it keeps or both none, and
that the reports are those of pySHACL on the whole dataset.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .. import resources
from .shacl import SHAPES_FILE, shipped_ontology

ENGINE = "shacl-rust"


def has_no_results(lines: Iterable[str], *, about: Collection | None = None) -> bool:
    """True when shacl-rust finds no result in the graph of these N-Triples ``lines`` (each
    ending in a newline; repeated lines are one triple) with the shipped ontology, against
    the shipped shapes: pySHACL then finds none either. With ``about`` (IRIs), only results
    whose focus node is one of them count. False when a result counts (whatever its
    severity), or shacl-rust cannot run."""
    found = find_results(lines, resources.ontology_dir() / SHAPES_FILE)
    return found is not None and not any(about is None or _focus_in(r, about) for r in found)


def has_ill_typed(terms: Iterable) -> bool:
    """Whether any of ``terms`` is a literal whose lexical form is not of its datatype.
    rdflib keeps such a literal as ill-typed, and pySHACL reports it, but may write it in
    a well-typed form (``"falsb"^^xsd:boolean`` as ``"false"``) that shacl-rust would read
    as valid: a graph holding one is left to pySHACL."""
    from rdflib import Literal

    return any(isinstance(term, Literal) and term.ill_typed for term in terms)


def _focus_in(result: dict, nodes: Collection) -> bool:
    """Whether a result's focus node is one of ``nodes`` (True if it is not an IRI: a
    result that cannot be placed counts)."""
    from rdflib import URIRef
    from rdflib.util import from_n3

    focus = result.get("focusNode") or ""
    node = from_n3(focus) if focus.startswith("<") and focus.endswith(">") else None
    return not isinstance(node, URIRef) or node in nodes


def find_results(lines: Iterable[str], shapes: Path) -> list[dict] | None:
    """shacl-rust's results (dictionaries: ``focusNode``, ``sourceConstraintComponent``,
    ``value`` …) on the graph of the N-Triples ``lines`` with the shipped ontology, against
    the shapes of the Turtle file ``shapes``; None if it cannot run or does not conform
    without a result."""
    try:
        import shacl_rust
    except ImportError:  # the engine is missing: pySHACL validates everything
        return None
    try:
        report = shacl_rust.validate_file(_Reader(_with_ontology(lines)), str(shapes),
                                          data_format="nt", shapes_format="turtle",
                                          experimental_index=True)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # any failure of the engine (a Rust panic is a BaseException): pySHACL validates
        return None
    finally:
        _give_back_memory()
    results = list(report.get("results") or ())
    return results if results or report.get("conforms") is True else None


def _give_back_memory() -> None:
    """Return to the system what shacl-rust freed: its graph of the dataset (about 0.6 GB at
    a thousand documents) goes back to the C allocator, which keeps it for later requests
    that Python, allocating its own arenas, never makes. Only glibc has ``malloc_trim``."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)  # the C library this process runs on
    except (OSError, AttributeError):  # not glibc: the memory stays with the allocator
        pass


def engine_version() -> str:
    """The version of shacl-rust (``"none"`` when it is not installed): part of what a
    cached verdict depends on."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(ENGINE)
    except PackageNotFoundError:
        return "none"


def _with_ontology(lines: Iterable[str]) -> Iterator[str]:
    yield from lines
    yield from _ontology_lines()


@lru_cache(maxsize=1)
def _ontology_lines() -> tuple[str, ...]:
    from rdflib.plugins.serializers.nt import _nt_row  # the canonical N-Triples line writer

    return tuple(_nt_row(t) for t in shipped_ontology())


class _Reader:
    """A binary file over an iterator of text lines, read as the engine asks for bytes: the
    N-Triples text of a large dataset is never held whole."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self._buffer = b""
        self._at = 0  # where the next read starts in the buffer

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all that is left if ``size`` is negative); fewer only at the end."""
        while size < 0 or len(self._buffer) - self._at < size:
            chunk = "".join(itertools.islice(self._lines, 256))
            if not chunk:
                break
            self._buffer = self._buffer[self._at:] + chunk.encode("utf-8")
            self._at = 0
        end = len(self._buffer) if size < 0 else self._at + size
        data = self._buffer[self._at:end]
        self._at = min(end, len(self._buffer))
        return data
