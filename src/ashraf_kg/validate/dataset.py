"""Validate a built dataset one document at a time, skipping documents that conformed before.

The report is that of :func:`~ashraf_kg.validate.shacl.validate_graph` on the whole
dataset, found unit by unit (:func:`ashraf_kg.build.units.split_units`); each unit's graph
lives on a :class:`~ashraf_kg.validate.store.OneGraphStore`, as does the shapes graph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from rdflib import Dataset, Graph

from ..fileio import cache_folder, digest_files, mark_used
from .report import ValidationReport, ValidationResult, raise_unless_conforms
from .shacl import (
    ONTOLOGY_FILE,
    SHAPES_FILE,
    QueryOnceGraph,
    fast_shapes,
    run_pyshacl,
    shipped_ontology,
    validate_graph,
)
from .store import one_graph

# Fewer documents than this to check are checked in this process: a worker process
# takes about half a second to start (pySHACL and rdflib imports, shapes parsed).
PARALLEL_FROM = 8


def validate_dataset(dataset: Dataset, *, cache: bool = True,
                     workers: int | None = None) -> ValidationReport:
    """Validate a built dataset with the shipped shapes, one document at a time.

    The report is that of :func:`validate_graph` on the whole dataset. A document whose
    unit (its triples and what it shares) conformed in an earlier build, with the same
    shapes, ontology and pySHACL, is not validated again (``cache``: a file named by that
    digest under ``$ASHRAF_KG_CACHE_DIR``), nor is a dataset whose very content had no
    result before; the others are shared among ``workers`` processes (default: one per
    core when several documents need checking).
    """
    from ..build.quads import dataset_digest
    from ..build.units import digest_triples, iter_units

    whole = cache_folder("shacl-datasets") if cache else None
    code = _code_salt()
    if whole is not None and mark_used(whole / f"{dataset_digest(dataset)}-{code}"):
        return ValidationReport(conforms=True)  # this very dataset had no result before
    ontology, units = iter_units(dataset)
    context = list({*ontology, *shipped_ontology()})
    salt = f"{code} {digest_triples(context)}"
    folder = cache_folder("shacl") if cache else None
    sent: list[str] = []  # the digests of the units checked, in order

    def todo():  # units made, digested and sent one at a time: all are never held at once
        for unit in units:
            unit.digest = digest_triples(unit.triples, salt=salt, keep=unit.keep)
            if folder is None or not mark_used(folder / unit.digest):
                sent.append(unit.digest)
                yield unit

    found = _run_units(context, todo(), workers)
    for digest, results in zip(sent, found, strict=True):
        if folder is not None and not results:  # any result, even a warning: checked again
            _remember(folder / digest)
    unique = {(str(r.focus_node), str(r.path), r.message, r.severity): r for rs in found for r in rs}
    if whole is not None and not unique:
        _remember(whole / f"{dataset_digest(dataset)}-{code}")
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in unique.values()),
                            results=tuple(unique[k] for k in sorted(unique)))


def check_graph(data: Graph, *, report: ValidationReport | None = None,
                locate: Callable[[str], str | None] | None = None, **kwargs) -> ValidationReport:
    """Validate like :func:`validate_graph` (a built ``Dataset`` document by document, with
    :func:`validate_dataset`); raise ``ValidationError`` unless it conforms.

    The error message lists each focus node, path and message (the first
    ``MAX_LISTED``), and ``error.results`` holds them all. ``report`` is a validation
    already made of ``data``. ``locate`` gives, for a focus node's IRI, the ``file:line``
    its statement was written at: each listed result then starts with it, and the error's
    place is the first result's.
    """
    if report is None and not kwargs and isinstance(data, Dataset):
        report = validate_dataset(data)
    return raise_unless_conforms(report or validate_graph(data, **kwargs), locate)


def _run_units(context: list, units, workers: int | None) -> list[tuple[ValidationResult, ...]]:
    """The results of each unit of ``units`` (an iterator), in order."""
    import itertools
    import os

    workers = workers if workers is not None else (os.cpu_count() or 1)
    first = list(itertools.islice(units, PARALLEL_FROM))
    if workers < 2 or len(first) < PARALLEL_FROM:
        return [validate_unit(context, u.triples, u.keep) for u in itertools.chain(first, units)]
    import multiprocessing

    # spawn: workers start as fresh interpreters, not as copies of this process with the
    # whole dataset in it, and are its own children (their time and memory are counted).
    # imap reads the units as the workers take them (the pipe to them fills and waits).
    with multiprocessing.get_context("spawn").Pool(
            workers, initializer=_set_context, initargs=(context,)) as pool:
        return list(pool.imap(_validate_in_worker, ((u.triples, u.keep) for u in itertools.chain(first, units))))


_worker_context: list = []


def _set_context(context: list) -> None:
    _worker_context[:] = context


def _validate_in_worker(unit: tuple) -> tuple[ValidationResult, ...]:
    triples, keep = unit
    return validate_unit(_worker_context, triples, keep)


def validate_unit(context: list, triples: list, keep: set) -> tuple[ValidationResult, ...]:
    """The results of one unit (with the ontology, ``context``) whose focus node is in ``keep``."""
    graph = one_graph(QueryOnceGraph)
    graph.store.load(context)
    graph.store.load(triples)
    _, results = run_pyshacl(graph, fast_shapes())
    return tuple(r for r in results if r.focus_node in keep)


def _code_salt() -> str:
    """What a verdict depends on besides the triples validated: the validator, the shapes,
    the ontology and the code that splits and validates (a digest)."""
    from importlib.metadata import version

    from .. import resources
    from ..build import units

    folder = resources.ontology_dir()
    code = sorted(Path(__file__).parent.glob("*.py"))
    files = (folder / SHAPES_FILE, folder / ONTOLOGY_FILE, Path(units.__file__), *code)
    return digest_files(files, salt=f"pyshacl-{version('pyshacl')} rdflib-{version('rdflib')}")


def _remember(path: Path) -> None:
    # An empty file: the unit conformed. A cache that cannot be written costs only time.
    try:
        path.touch()
    except OSError:
        pass
