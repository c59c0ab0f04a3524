"""A built dataset cut into units that can be validated one at a time and give, together,
the report of the whole.

A unit is one document: its graph and its drafts graph, the registry and ontology graphs
(the *base*), and — for every node it shares with another unit (an event two documents
tell, an entity a document places in an organisation) — everything any graph says about
that node, with the types of the nodes those statements point to. Every node whose own
statements are all in a unit (``keep``) is checked there exactly as in the whole dataset,
as long as a shape looks no further from its focus node than the types of its values
(``sh:class``, also inside ``sh:or`` and qualified value shapes) and paths through the
ontology, as the shapes of ``ontology/shapes.ttl`` do; results about other nodes of the
unit are dropped, and each node is kept in at least one unit.
``tests/test_validate.py`` checks that the units' report equals the whole dataset's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.serializers.nt import _nt_row  # the canonical N-Triples line writer

from .. import namespaces as ns

BASE_GRAPHS = ("ontology", "registry")


@dataclass
class Unit:
    """One document's share of the validation: its triples (without the base), the nodes
    whose results count here, and a digest of what the unit holds."""

    name: str
    triples: list = field(default_factory=list)
    keep: set = field(default_factory=set)
    digest: str = ""


def _unit_name(graph_name: str | None) -> str:
    if graph_name is None:
        return "(other graphs)"
    if graph_name in BASE_GRAPHS:
        return "(base)"
    return graph_name.removeprefix("drafts/")


def group_triples(dataset: Dataset) -> dict[str, set]:
    """Unit name (a document id, or ``(base)``) -> the triples of its graphs."""
    groups: dict[str, set] = {"(base)": set()}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = _unit_name(ns.graph_name_of(getattr(g, "identifier", g)))
        groups.setdefault(name, set()).add((s, p, o))
    return groups


def split_units(dataset: Dataset) -> tuple[list, list[Unit]]:
    """``(base triples, units)``: the base (registry, ontology and the types of what they
    point to), and one :class:`Unit` per document, in id order."""
    groups = group_triples(dataset)
    about: dict = {}  # subject -> {unit name -> its triples there}
    for name, triples in groups.items():
        for triple in triples:
            about.setdefault(triple[0], {}).setdefault(name, []).append(triple)
    shared = {n for n, where in about.items() if len(where) > 1}
    base = set(groups.pop("(base)"))
    base |= _types_of({o for _, _, o in base}, about, exclude="(base)")
    base_only = {n for n, where in about.items() if set(where) == {"(base)"}}
    units = []
    for name in sorted(groups):
        own = groups[name]
        nodes = {s for s, _, _ in own} | {o for _, _, o in own if isinstance(o, URIRef)}
        extra = {t for n in nodes & shared for ts in about[n].values() for t in ts}
        # the types of everything the unit's statements point to, told here or elsewhere
        # (an event of another document that one of this document's events is part of)
        extra |= _types_of({o for _, _, o in (*own, *extra)} - {s for s, _, _ in own}, about)
        triples = (own | extra) - base
        # Kept: the unit's own subjects, the shared nodes it names (complete here), and the
        # nodes nothing describes (a shape can still reach them through sh:targetObjectsOf).
        keep = {s for s, _, _ in own} | (nodes & shared) | base_only | {n for n in nodes if n not in about}
        units.append(Unit(name=name, triples=list(triples), keep=keep))
    if not units:  # no document: the base is still checked
        units.append(Unit(name="(base)", keep=base_only))
    return list(base), units


def _types_of(nodes: set, about: dict, exclude: str | None = None) -> set:
    """The ``rdf:type`` statements about ``nodes`` in any unit but ``exclude``."""
    return {t for n in nodes if n in about for name, ts in about[n].items() if name != exclude
            for t in ts if t[1] == RDF.type}


def digest_triples(triples, *, salt: str = "") -> str:
    """SHA-256 of ``salt`` and the sorted N-Triples lines of ``triples``."""
    digest = hashlib.sha256(salt.encode())
    for line in sorted(_nt_row(t) for t in triples):
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()
