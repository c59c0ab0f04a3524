"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl``.

The data is validated together with the ontology, so that ``sh:class`` and
``sh:targetClass`` follow ``rdfs:subClassOf`` (an ``akg:Camp`` is an ``akg:Place``)
without running an inference step: pyshacl runs with ``inference="none"``.

>>> from ashraf_kg.validate import validate_graph
>>> report = validate_graph(graph)          # doctest: +SKIP
>>> report.conforms, len(report.results)    # doctest: +SKIP
(True, 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

from rdflib import BNode, Dataset, Graph, Literal
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import resources
from .errors import AshrafKGError, ValidationError
from .fileio import cache_folder, rdf_syntax_error

ONTOLOGY_FILE = "ashraf-kg.ttl"
SHAPES_FILE = "shapes.ttl"
# Violations listed in one error message before the rest are summarised as a count.
MAX_LISTED = 50


class ValidationResult(NamedTuple):
    """One SHACL result: the node that failed, the property path, the message, the severity
    and the shape that failed."""

    focus_node: Node
    path: Node | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: str = ""

    def __str__(self) -> str:
        path = f" {_short(self.path)}" if self.path is not None else ""
        return f"{self.severity}: <{self.focus_node}>{path}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`validate_graph` found. ``results`` are sorted, so reports compare equal."""

    conforms: bool
    results: tuple[ValidationResult, ...] = ()

    def summary(self) -> str:
        """One line: ``"conforms"`` or the number of results by severity."""
        if self.conforms:
            return "conforms to the SHACL shapes"
        counts: dict[str, int] = {}
        for result in self.results:
            counts[result.severity] = counts.get(result.severity, 0) + 1
        parts = ", ".join(f"{n} {severity.lower()}{'s' if n > 1 else ''}"
                          for severity, n in sorted(counts.items()))
        return f"does not conform to the SHACL shapes: {parts}"


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
    into a copy of the data, never into ``data`` itself.
    """
    import pyshacl

    merged = _merge(data, ontology if ontology is not None else _shipped_ontology())
    shapes = shapes if shapes is not None else _shipped_shapes()
    conforms, results_graph, _ = pyshacl.validate(
        merged, shacl_graph=shapes,
        inference="none", abort_on_first=False, allow_infos=True, allow_warnings=True,
        meta_shacl=False, advanced=False, inplace=True, debug=False)
    return ValidationReport(conforms=bool(conforms), results=_read_results(results_graph, shapes))


def validate_dataset(dataset: Dataset, *, cache: bool = True,
                     workers: int | None = None) -> ValidationReport:
    """Validate a built dataset with the shipped shapes, one document at a time.

    The report is that of :func:`validate_graph` on the whole dataset, found document by
    document (:func:`ashraf_kg.build.units.split_units`). A document whose unit (its
    triples and what it shares) conformed in an earlier build, with the same shapes,
    ontology, registry and pySHACL, is not validated again (``cache``: a file named by
    that digest under ``$ASHRAF_KG_CACHE_DIR``); the others are shared among ``workers``
    processes (default: one per core when several documents need checking).
    """
    from .build.units import digest_triples, split_units

    base, units = split_units(dataset)
    salt = _cache_salt(base)
    for unit in units:
        unit.digest = digest_triples(unit.triples, salt=salt)
    folder = cache_folder("shacl") if cache else None
    todo = [u for u in units if folder is None or not (folder / u.digest).is_file()]
    found = _run_units(base, todo, workers)
    results = [r for rs in found for r in rs]
    if folder is not None:
        for unit, rs in zip(todo, found, strict=True):
            if not any(r.severity == "Violation" for r in rs):
                _remember(folder / unit.digest)
    unique = {(str(r.focus_node), str(r.path), r.message, r.severity): r for r in results}
    return ValidationReport(conforms=not any(r.severity == "Violation" for r in unique.values()),
                            results=tuple(unique[k] for k in sorted(unique)))


# Fewer documents than this to check are checked in this process: a worker process
# takes about half a second to start (pySHACL and rdflib imports, shapes parsed).
PARALLEL_FROM = 8


def _run_units(base: list, units: list, workers: int | None) -> list[tuple[ValidationResult, ...]]:
    import os

    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(units) < PARALLEL_FROM:
        return [_validate_unit(base, u.triples, u.keep) for u in units]
    import multiprocessing

    # spawn: workers start as fresh interpreters, not as copies of this process with the
    # whole dataset in it, and are its own children (their time and memory are counted).
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_set_base, initargs=(base,)) as pool:
        return pool.starmap(_validate_in_worker, [(u.triples, u.keep) for u in units],
                            chunksize=max(1, len(units) // (workers * 8)))


_worker_base: list = []


def _set_base(base: list) -> None:
    _worker_base[:] = base


def _validate_in_worker(triples, keep) -> tuple[ValidationResult, ...]:
    return _validate_unit(_worker_base, triples, keep)


def _validate_unit(base: list, triples: list, keep: set) -> tuple[ValidationResult, ...]:
    """The results of one unit (with the base and the ontology) whose focus node is in ``keep``."""
    import pyshacl

    graph = _QueryOnceGraph()
    for part in (base, triples, _shipped_ontology()):
        for triple in part:
            graph.add(triple)
    shapes = _shipped_shapes()
    _, results_graph, _ = pyshacl.validate(
        graph, shacl_graph=shapes,
        inference="none", abort_on_first=False, allow_infos=True, allow_warnings=True,
        meta_shacl=False, advanced=False, inplace=True, debug=False)
    return tuple(r for r in _read_results(results_graph, shapes) if r.focus_node in keep)


def _cache_salt(base: list) -> str:
    """What a unit's verdict depends on besides its own triples: the validator, the shapes,
    the ontology and the base."""
    import hashlib
    from importlib.metadata import version

    from .build.units import digest_triples

    folder = resources.ontology_dir()
    from .build import units

    # The code that splits and validates is part of the key, as the shapes are.
    files = (folder / SHAPES_FILE, folder / ONTOLOGY_FILE, Path(__file__), Path(units.__file__))
    parts = [f"pyshacl-{version('pyshacl')} rdflib-{version('rdflib')}",
             *(hashlib.sha256(path.read_bytes()).hexdigest() for path in files),
             digest_triples(base)]
    return " ".join(parts)


def _remember(path: Path) -> None:
    # An empty file: the unit conformed. A cache that cannot be written costs only time.
    try:
        path.touch()
    except OSError:
        pass


def check_graph(data: Graph, *, report: ValidationReport | None = None,
                locate: Callable[[str], str | None] | None = None, **kwargs) -> ValidationReport:
    """Validate like :func:`validate_graph`; raise ``ValidationError`` unless it conforms.

    The error message lists each focus node, path and message (the first
    ``MAX_LISTED``), and ``error.results`` holds them all. ``report`` is a validation
    already made of ``data``. ``locate`` gives, for a focus node's IRI, the ``file:line``
    its statement was written at: each listed result then starts with it, and the error's
    place is the first result's.
    """
    if report is None and not kwargs and isinstance(data, Dataset):
        report = validate_dataset(data)
    report = report or validate_graph(data, **kwargs)
    if report.conforms:
        return report
    places = [(locate(str(r.focus_node)) if locate else None) for r in report.results[:MAX_LISTED]]
    lines = [f"{place}: {result}" if place else str(result)
             for place, result in zip(places, report.results, strict=False)]
    if len(report.results) > MAX_LISTED:
        lines.append(f"… and {len(report.results) - MAX_LISTED} more")
    raise ValidationError(
        f"the graph {report.summary()}:\n  " + "\n  ".join(lines),
        results=report.results, where=next((p for p in places if p), None),
        hint="fix the annotations (or the build) so that each node above meets its shape")


@dataclass(frozen=True)
class DroppedDraft:
    """A drafted statement left out of the drafts graph because it fails a shape."""

    document: str
    statement: str
    shape: str
    reason: str

    def __str__(self) -> str:
        return f"{self.document}: {self.statement}: {self.shape or 'shape'}: {self.reason}"


def _draft_items(anchored) -> dict[str, tuple[str, str]]:
    """Draft slug of every drafted statement -> (document id, statement id)."""
    from .namespaces import draft_slug

    items = {}
    for one in anchored:
        notes = one.annotations
        if notes.status != "draft":
            continue
        for item in (*notes.events, *notes.memberships, *notes.relations, *notes.claims):
            items[draft_slug(notes.document, item.id)] = (notes.document, item.id)
    return items


def _owner(node: Node, items: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The drafted statement whose IRI (or whose time, figure or claim IRI) is ``node``."""
    import re

    text = str(node)
    found = [slug for slug in items if re.search(rf"[/-]{re.escape(slug)}(?:$|[/-])", text)]
    return items[max(found, key=len)] if found else None


def _without(anchored, doomed: set[tuple[str, str]]):
    """The anchored documents without the doomed drafted statements (and what cites them)."""
    from dataclasses import replace

    kept = []
    for one in anchored:
        notes = one.annotations
        gone = {i for d, i in doomed if d == notes.document} if notes.status == "draft" else set()
        if gone:
            events = tuple(e for e in notes.events if e.id not in gone)
            gone |= {e.id for e in notes.events if e.part_of in gone or e.about in gone}
            notes = replace(notes, events=tuple(e for e in events if e.id not in gone),
                            memberships=tuple(m for m in notes.memberships if m.id not in gone),
                            relations=tuple(r for r in notes.relations if r.id not in gone),
                            claims=tuple(c for c in notes.claims if c.id not in gone
                                         and c.proposition not in gone))
            one = replace(one, annotations=notes)
        kept.append(one)
    return kept


def _unregistered(anchored, known: set[str]) -> list[DroppedDraft]:
    """Drafted statements that name an entity not in the registry (a proposal not yet
    accepted), and drafted mentions of one."""
    from .corpus.checks import entity_refs

    dropped = []
    for one in anchored:
        notes = one.annotations
        if notes.status != "draft":
            continue
        items = {id(i): i for i in (*notes.events, *notes.memberships, *notes.relations, *notes.claims)}
        for item in items.values():
            missing = sorted({e for e in entity_refs(_only(notes, item)) if e not in known})
            if missing:
                dropped.append(DroppedDraft(notes.document, item.id, "registry",
                                            f"names {', '.join(missing)}, not in the registry yet "
                                            f"(ashraf-kg review {notes.document})"))
    return dropped


def _only(notes, item):
    """Annotations holding ``item`` alone, to list the entities it names."""
    from dataclasses import replace

    kinds = {"Event": "events", "Membership": "memberships", "Relation": "relations", "Claim": "claims"}
    empty = replace(notes, mentions=(), events=(), memberships=(), relations=(), claims=())
    return replace(empty, **{kinds[type(item).__name__]: (item,)})


def leave_out_unregistered(anchored, known: set[str]) -> tuple[list, list[DroppedDraft]]:
    """The anchored documents without the drafted statements that name an entity ``known``
    (the registry's ids) does not hold, and those statements."""
    dropped = _unregistered(anchored, known)
    return _without(anchored, {(d.document, d.statement) for d in dropped}), dropped


def screen_drafts(build, anchored, *, rounds: int = 5):
    """Build with drafts, leaving out every drafted statement that fails a shape.

    ``build(anchored)`` makes the dataset. Returns ``(dataset, report, dropped)``; curated
    data is never left out: its violations stay in ``report`` for :func:`check_graph`.
    """
    dropped: list[DroppedDraft] = []
    for _ in range(rounds):
        dataset = build(anchored)
        report = validate_dataset(dataset)
        items = _draft_items(anchored)
        doomed: dict[tuple[str, str], ValidationResult] = {}
        for result in report.results:
            owner = _owner(result.focus_node, items) if result.severity == "Violation" else None
            if owner and owner not in doomed:
                doomed[owner] = result
        if not doomed:
            return dataset, report, dropped
        dropped += [DroppedDraft(d, i, r.shape, r.message) for (d, i), r in sorted(doomed.items())]
        anchored = _without(anchored, set(doomed))
    return dataset, report, dropped


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


class _QueryOnceGraph(Graph):
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
    merged = _QueryOnceGraph()
    triples = data.quads((None, None, None, None)) if isinstance(data, ConjunctiveGraph) \
        else ((s, p, o, None) for s, p, o in data)
    for s, p, o, _ in triples:
        merged.add((s, p, o))
    for triple in ontology:
        merged.add(triple)
    return merged


def _shape_name(shapes: Graph | None, shape: Node | None) -> str:
    """The node shape a result comes from (a property shape is named by its node shape)."""
    if isinstance(shape, BNode) and shapes is not None:
        shape = shapes.value(predicate=SH.property, object=shape)
    return str(shape).rsplit("#", 1)[-1] if shape is not None and not isinstance(shape, BNode) else ""


def _read_results(results_graph: Graph, shapes: Graph | None = None) -> tuple[ValidationResult, ...]:
    results = []
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        message = results_graph.value(node, SH.resultMessage)
        severity = results_graph.value(node, SH.resultSeverity)
        path = results_graph.value(node, SH.resultPath)
        shape = results_graph.value(node, SH.sourceShape)
        results.append(ValidationResult(
            focus_node=results_graph.value(node, SH.focusNode),
            path=Literal(_path_text(results_graph, path)) if isinstance(path, BNode) else path,
            message=str(message) if message is not None else "constraint failed",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            shape=_shape_name(shapes, shape)))
    unique = {(str(r.focus_node), str(r.path), r.message, r.severity): r for r in results}
    return tuple(unique[key] for key in sorted(unique))


def _path_text(graph: Graph, path: Node) -> str:
    """A SHACL property path in SPARQL syntax (``akg:countKind/skos:inScheme``)."""
    if not isinstance(path, BNode):
        return _short(path)
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path_text(graph, item) for item in graph.items(path))
    for predicate, template in ((SH.alternativePath, "({})"), (SH.inversePath, "^{}"),
                                (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                                (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            if predicate == SH.alternativePath:
                return template.format("|".join(_path_text(graph, i) for i in graph.items(inner)))
            return template.format(_path_text(graph, inner))
    return "(path)"


def _short(node: Node) -> str:
    from .namespaces import compact

    if isinstance(node, Literal):
        return str(node)
    return compact(node, ids=False) or f"<{node}>"


def _parse(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError as error:
        raise AshrafKGError(f"cannot find {path}", where=str(path),
                            hint="reinstall ashraf-kg or set ASHRAF_KG_ONTOLOGY_DIR") from error
    except Exception as error:  # a syntax error in a shipped file
        raise AshrafKGError(f"cannot parse {path}: {error}", where=str(path),
                            hint="fix the Turtle syntax of that file") from error


def _shipped_shapes() -> Graph:
    return _parse_cached(resources.ontology_dir() / SHAPES_FILE)


def _shipped_ontology() -> Graph:
    return _parse_cached(resources.ontology_dir() / ONTOLOGY_FILE)


def _parse_cached(path: Path) -> Graph:
    # Keyed on the file's mtime too, so an edited shapes file is re-read.
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _parse_once(path.resolve(), mtime)


@lru_cache(maxsize=8)
def _parse_once(path: Path, mtime: int) -> Graph:
    return _parse(path)
