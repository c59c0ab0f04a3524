"""A built dataset cut into units that can be validated one at a time and give, together,
the report of the whole.

Every unit is validated with the ontology graph (the *context*, so that ``sh:class``
follows ``rdfs:subClassOf``). A document's unit holds its graph and its drafts graph
and, for every node it names that another graph also describes (an event two documents
tell, an entity of the registry a document mentions), everything any graph says about
that node, with the types of the nodes all those statements point to. The *base* unit
holds the registry and the ontology graphs and the types of what they point to. Every
node whose own statements are all in a unit (``keep``) is checked there exactly as in
the whole dataset, as long as a shape looks no further from its focus node than the
types of its values (``sh:class``, also inside ``sh:or`` and qualified value shapes) and
paths through the ontology, as the shapes of ``ontology/shapes.ttl`` do; results about
other nodes of the unit are dropped, and each node is kept in at least one unit. A
registry entity is thus checked in the base unit, and again in each document that names
it (where a shape may target it through that document's statements), not in every one.
``tests/build/test_units.py`` checks that the units' report equals the whole dataset's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.serializers.nt import _nt_row  # the canonical N-Triples line writer

from .. import namespaces as ns
from .quads import dataset_quads

BASE_GRAPHS = ("ontology", "registry")
BASE = "(base)"


@dataclass
class Unit:
    """One document's share of the validation (or the base's): its triples (without the
    context), the nodes whose results count here, a digest of both, and whether a literal
    of it is ill-typed."""

    name: str
    triples: list = field(default_factory=list)
    keep: set = field(default_factory=set)
    digest: str = ""
    ill_typed: bool = False


def _unit_name(graph_name: str | None) -> str:
    if graph_name is None:
        return "(other graphs)"
    if graph_name in BASE_GRAPHS:
        return BASE
    return graph_name.removeprefix("drafts/")


def index_subjects(dataset: Dataset) -> tuple[dict, dict, set]:
    """``(about, subjects, context)``: subject -> {unit name -> its triples there}, unit name
    (a document id, or ``(base)``) -> the subjects of its graphs, and the triples of the
    ontology graph. A unit's triples are read from ``about``: no second copy is held."""
    about: dict = {}
    subjects: dict[str, set] = {BASE: set()}
    context: set = set()
    ontology = ns.graph_iri("ontology")
    for s, p, o, g in dataset_quads(dataset):
        graph = getattr(g, "identifier", g)
        name = _unit_name(ns.graph_name_of(graph))
        about.setdefault(s, {}).setdefault(name, []).append((s, p, o))
        subjects.setdefault(name, set()).add(s)
        if graph == ontology:
            context.add((s, p, o))
    return about, subjects, context


def split_units(dataset: Dataset) -> tuple[list, list[Unit]]:
    """``(context, units)``: the ontology graph's triples, which every unit is validated
    with, and the base unit followed by one :class:`Unit` per document, in id order."""
    context, units = iter_units(dataset)
    return context, list(units)


def iter_units(dataset: Dataset) -> tuple[list, Iterator[Unit]]:
    """As :func:`split_units`, the units made one at a time as they are asked for."""
    about, subjects, context = index_subjects(dataset)
    return list(context), _units(about, subjects, context)


def _units(about: dict, subjects: dict, context: set) -> Iterator[Unit]:
    shared = {n for n, where in about.items() if len(where) > 1}
    base_only = {n for n, where in about.items() if len(where) == 1 and BASE in where}
    base = _own(BASE, subjects.pop(BASE), about)
    objects = {o for _, _, o in base}
    base |= _types_of(objects, about, exclude=BASE)
    undescribed = {o for o in objects if isinstance(o, URIRef) and o not in about}
    yield Unit(name=BASE, triples=list(base - context), keep=base_only | undescribed)
    described_elsewhere = shared | base_only
    for name in sorted(subjects):
        yield _document_unit(name, _own(name, subjects[name], about), about, described_elsewhere, context)


def _own(name: str, subjects: set, about: dict) -> set:
    return {t for s in subjects for t in about[s][name]}


def _document_unit(name: str, own: set, about: dict, described_elsewhere: set, context: set) -> Unit:
    subjects = {s for s, _, _ in own}
    nodes = subjects | {o for _, _, o in own if isinstance(o, URIRef)}
    # What other graphs say about the nodes this document names: they are complete here.
    complete = nodes & described_elsewhere
    extra = {t for n in complete for ts in about[n].values() for t in ts}
    # the types of everything those statements point to, told here or elsewhere
    # (an event of another document that one of this document's events is part of)
    extra |= _types_of({o for _, _, o in (*own, *extra)} - subjects, about)
    # Kept: the document's own subjects, the nodes complete here, and the nodes nothing
    # describes (a shape can still reach them through sh:targetObjectsOf).
    keep = subjects | complete | {n for n in nodes if n not in about}
    return Unit(name=name, triples=list((own | extra) - context), keep=keep)


def _types_of(nodes: set, about: dict, exclude: str | None = None) -> set:
    """The ``rdf:type`` statements about ``nodes`` in any unit but ``exclude``."""
    return {t for n in nodes if n in about for name, ts in about[n].items() if name != exclude
            for t in ts if t[1] == RDF.type}


def triple_rows(triples) -> list[str]:
    """The N-Triples line of each triple (rdflib's own line writer)."""
    return [_nt_row(t) for t in triples]


def digest_rows(rows, *, salt: str = "", keep=()) -> str:
    """SHA-256 of ``salt``, the sorted N-Triples lines ``rows`` and the sorted IRIs of ``keep``."""
    digest = hashlib.sha256(salt.encode())
    for line in sorted(rows):
        digest.update(line.encode("utf-8"))
    for node in sorted(str(n) for n in keep):
        digest.update(f"keep {node}\n".encode())
    return digest.hexdigest()
