"""Validate a built dataset: a first look with shacl-rust, then pySHACL one document at a
time where it finds anything, skipping documents that conformed before.

The report is that of :func:`~ashraf_kg.validate.shacl.validate_graph` on the whole
dataset, found unit by unit (:func:`ashraf_kg.build.units.split_units`); each unit's graph
lives on a :class:`~ashraf_kg.validate.store.OneGraphStore`, as does the shapes graph.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Callable

from rdflib import Dataset, Graph

from ..fileio import cache_folder, digest_files, mark_used
from .fast import ENGINE, engine_version, has_ill_typed, has_no_results
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


def validate_dataset(dataset: Dataset, *, cache: bool = True, workers: int | None = None,
                     fast: bool = True) -> ValidationReport:
    """Validate a built dataset with the shipped shapes.

    The report is that of :func:`validate_graph` on the whole dataset. First shacl-rust
    looks at the whole dataset (``fast``, :mod:`~ashraf_kg.validate.fast`): when it finds
    no result, pySHACL would find none and the dataset conforms. Otherwise pySHACL writes
    the report, one document at a time: a document whose unit (its triples and what it
    shares) shacl-rust finds no result about the nodes it keeps in, or that conformed in
    an earlier build with the
    same shapes, ontology and engines (``cache``: a file named by that digest under
    ``$ASHRAF_KG_CACHE_DIR``), is not validated by pySHACL; the others are shared among
    ``workers`` processes (default: one per core when several documents need checking).
    A dataset whose very content had no result before is not validated again.
    """
    from ..build.quads import dataset_digest, dataset_quads, graph_rows

    # An ill-typed literal may be written as a well-typed one (has_ill_typed): its
    # N-Triples line, which digests and shacl-rust read, would not tell it apart.
    ill_typed = has_ill_typed(o for _, _, o, _ in dataset_quads(dataset))
    whole = cache_folder("shacl-datasets") if cache and not ill_typed else None
    code = _code_salt()
    if whole is not None and mark_used(whole / f"{dataset_digest(dataset)}-{code}"):
        return ValidationReport(conforms=True)  # this very dataset had no result before
    if fast and not ill_typed \
            and has_no_results(itertools.chain.from_iterable(graph_rows(dataset).values())):
        report = ValidationReport(conforms=True)
    else:
        report = _validate_units(dataset, code, cache=cache, workers=workers, fast=fast)
    if whole is not None and not report.results:
        _remember(whole / f"{dataset_digest(dataset)}-{code}")
    return report


def _validate_units(dataset: Dataset, code: str, *, cache: bool, workers: int | None,
                    fast: bool) -> ValidationReport:
    """The report of the whole ``dataset``, found by pySHACL unit by unit."""
    from ..build.units import digest_rows, iter_units, triple_rows

    ontology, units = iter_units(dataset)
    context = list({*ontology, *shipped_ontology()})
    context_rows = triple_rows(context)
    salt = f"{code} {digest_rows(context_rows)}"
    folder = cache_folder("shacl") if cache else None
    sent: list[str] = []  # the digests of the units checked by pySHACL, in order

    def todo():  # units made, digested and sent one at a time: all are never held at once
        for unit in units:
            rows, unit.ill_typed = triple_rows(unit.triples), has_ill_typed(o for _, _, o in unit.triples)
            unit.digest = digest_rows(rows, salt=f"{salt} ill-typed" if unit.ill_typed else salt, keep=unit.keep)
            if folder is not None and mark_used(folder / unit.digest):
                continue  # conformed before
            if fast and not unit.ill_typed and has_no_results(itertools.chain(rows, context_rows), about=unit.keep):
                _remember_in(folder, unit.digest)
                continue
            sent.append(unit.digest)
            yield unit

    found = _run_units(context, todo(), workers)
    for digest, results in zip(sent, found, strict=True):
        if not results:  # any result, even a warning: checked again
            _remember_in(folder, digest)
    unique = {(str(r.focus_node), str(r.path), r.message, r.severity): r for rs in found for r in rs}
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
    import os

    workers = workers if workers is not None else (os.cpu_count() or 1)
    first = list(itertools.islice(units, PARALLEL_FROM))
    if workers < 2 or len(first) < PARALLEL_FROM:
        return [validate_unit(context, u.triples, u.keep) for u in itertools.chain(first, units)]
    import multiprocessing

    # spawn: workers start as fresh interpreters, not as copies of this process with the
    # whole dataset in it, and are its own children (their time and memory are counted).
    # imap reads the units as the workers take them (the pipe to them fills and waits).
    # A unit with an ill-typed literal is validated here: a literal is pickled as its
    # lexical form, which rdflib may have made well-typed ("falsb" as "false").
    here: dict[int, tuple] = {}

    def sent():
        for n, unit in enumerate(itertools.chain(first, units)):
            if unit.ill_typed:
                here[n] = validate_unit(context, unit.triples, unit.keep)
                yield None
            else:
                yield unit.triples, unit.keep

    with multiprocessing.get_context("spawn").Pool(
            workers, initializer=_set_context, initargs=(context,)) as pool:
        found = list(pool.imap(_validate_in_worker, sent()))
    return [here.get(n, results) for n, results in enumerate(found)]


_worker_context: list = []


def _set_context(context: list) -> None:
    _worker_context[:] = context


def _validate_in_worker(unit: tuple | None) -> tuple[ValidationResult, ...]:
    if unit is None:  # validated in the parent process
        return ()
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
    return digest_files(files, salt=f"pyshacl-{version('pyshacl')} rdflib-{version('rdflib')} "
                                    f"{ENGINE}-{engine_version()}")


def _remember_in(folder: Path | None, digest: str) -> None:
    if folder is not None:
        _remember(folder / digest)


def _remember(path: Path) -> None:
    # An empty file: the unit conformed. A cache that cannot be written costs only time.
    try:
        path.touch()
    except OSError:
        pass
