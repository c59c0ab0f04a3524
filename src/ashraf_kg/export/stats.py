"""Statistics of a built dataset: instances per class, most connected entities."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from .. import namespaces as ns
from ..build.quads import dataset_quads
from ..errors import check_at_least
from ..vocab import ENTITY_KINDS
from .describe import class_counts


@dataclass(frozen=True)
class Stats:
    triples: int
    quads: int
    graphs: tuple[tuple[str, int], ...]
    classes: tuple[tuple[str, int], ...]
    most_connected: tuple[tuple[str, str, int], ...]  # (IRI, label, degree)


def _label(dataset: Dataset, node: URIRef) -> str:
    labels = sorted(str(o) for *_, o, _ in dataset.quads((node, RDFS.label, None, None)))
    return labels[0] if labels else str(node)


def compute_stats(dataset: Dataset, *, top: int = 10) -> Stats:
    """Counts by graph and class, and the ``top`` entities with most statements about them."""
    check_at_least(top, 0, "top")
    quads = dataset_quads(dataset)
    triples = {(s, p, o) for s, p, o, _ in quads}
    graphs = Counter(str(g) for *_, g in quads)
    degree: Counter = Counter()
    for s, p, o in triples:
        if p == RDF.type or isinstance(o, Literal):
            continue
        for node in (s, o):
            if ns.id_of(node) is not None and ns.kind_of(node) in ENTITY_KINDS:
                degree[node] += 1
    classes = class_counts(dataset)
    nm = dataset.namespace_manager
    return Stats(
        triples=len(triples), quads=len(quads),
        graphs=tuple(sorted((ns.short_id(g), n)
                            for g, n in graphs.items())),
        classes=tuple(sorted(((c.n3(nm), n) for c, n in classes.items()),
                             key=lambda x: (-x[1], x[0]))),
        most_connected=tuple((str(n), _label(dataset, n), d) for n, d in
                             sorted(degree.items(), key=lambda x: (-x[1], str(x[0])))[:top]))


def format_stats(stats: Stats) -> str:
    """A plain-text report of :class:`Stats`."""
    lines = [f"{stats.triples} triples ({stats.quads} quads) in {len(stats.graphs)} graphs", ""]
    width = max((len(g) for g, _ in stats.graphs), default=5)
    lines += ["graph".ljust(width) + "  triples"] + [f"{g.ljust(width)}  {n:7d}"
                                                     for g, n in stats.graphs] + [""]
    width = max((len(c) for c, _ in stats.classes), default=5)
    lines += ["class".ljust(width) + "  instances"] + [f"{c.ljust(width)}  {n:9d}"
                                                       for c, n in stats.classes] + [""]
    lines += ["most connected entities"] + [f"{d:5d}  {label}  <{iri}>"
                                            for iri, label, d in stats.most_connected]
    return "\n".join(lines) + "\n"
