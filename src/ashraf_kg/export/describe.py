"""The dataset's own description: VoID statistics and DCAT distributions with checksums."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from .. import namespaces as ns
from ..build.quads import graph_rows, graph_triples
from ..collector import collection_paused
from .turtle import TurtleWriter

SPDX = ns.SPDX
LICENCE = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
MEDIA_TYPES = {".ttl": "text/turtle", ".trig": "application/trig", ".nq": "application/n-quads",
               ".nt": "application/n-triples", ".jsonld": "application/ld+json",
               ".html": "text/html"}


_TYPE = str(RDF.type)
_same_text = str.__eq__  # compares an rdflib term's text without its (Python) __eq__


def class_counts(dataset: Dataset) -> Counter:
    """Distinct instances per class over all graphs."""
    return _subjects_and_classes(dataset)[1]


def _subjects_and_classes(dataset: Dataset) -> tuple[set[str], Counter]:
    """The IRIs of all subjects, and the distinct instances per class, in one pass (by the
    terms' text: strings hash and compare faster than terms)."""
    subjects, pairs, classes = set(), set(), {}
    for triples in graph_triples(dataset).values():
        for s, p, o in triples:
            subjects.add(s_text := str(s))
            if _same_text(p, _TYPE):
                pairs.add((s_text, o_text := str(o)))
                classes.setdefault(o_text, o)
    return subjects, Counter(classes[o] for _, o in pairs)


def _describe_graphs(g: Graph, root: URIRef, dataset: Dataset) -> None:
    # The non-empty graphs, in IRI order.
    for identifier, triples in graph_triples(dataset).items():
        name = ns.graph_name_of(identifier)
        if name is None:
            continue
        subset = ns.graph_subset_iri(name)
        g.add((root, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, RDFS.label, Literal(f"named graph {name}")))
        g.add((subset, DCTERMS.identifier, identifier))
        g.add((subset, VOID.triples, Literal(len(triples), datatype=XSD.integer)))


def _describe_files(g: Graph, root: URIRef, folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        if path.name == "void.ttl" or not path.is_file():
            continue
        dist, checksum = ns.distribution_iri(path.name), ns.checksum_iri(path.name)
        data = path.read_bytes()
        g.add((root, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(path.name)))
        g.add((dist, DCAT.downloadURL, URIRef(f"https://w3id.org/ashraf-kg/graph/{path.name}")))
        media_type = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        g.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(data).hexdigest(),
                                                     datatype=XSD.hexBinary)))


def describe_dataset(dataset: Dataset, folder: Path) -> Graph:
    """VoID + DCAT description of ``dataset`` and of the files already in ``folder``."""
    g = Graph()
    ns.bind_prefixes(g)
    g.bind("spdx", SPDX)
    root = ns.dataset_iri()
    for cls in (VOID.Dataset, DCAT.Dataset):
        g.add((root, RDF.type, cls))
    g.add((root, DCTERMS.title, Literal("ashraf-kg", lang="en")))
    g.add((root, DCTERMS.description, Literal(
        "People, organisations, places, events and attributed claims described in news "
        "documents about Camp Ashraf, Iraq, each statement with its evidence span.", lang="en")))
    g.add((root, DCTERMS.license, LICENCE))
    g.add((root, VOID.uriSpace, Literal(str(ns.ID))))
    g.add((root, VOID.vocabulary, URIRef(str(ns.AKG))))
    # Distinct triples counted by their N-Triples lines: strings hash faster than terms.
    union = len({row for rows in graph_rows(dataset).values() for row in rows})
    g.add((root, VOID.triples, Literal(union, datatype=XSD.integer)))
    described, counts = _subjects_and_classes(dataset)
    subjects = {s for s in described if ns.id_of(s) is not None}
    g.add((root, VOID.entities, Literal(len(subjects), datatype=XSD.integer)))
    for cls, count in sorted(counts.items()):
        part = ns.class_partition_iri(ns.make_slug(cls.n3(g.namespace_manager).replace(":", "-")))
        g.add((root, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for doc in sorted(s for s in subjects if ns.doc_id_of(s) is not None):
        g.add((root, DCTERMS.source, URIRef(doc)))
    _describe_graphs(g, root, dataset)
    _describe_files(g, root, folder)
    return g


def write_void(dataset: Dataset, folder: Path) -> None:
    """Write ``void.ttl``, describing ``dataset`` and the files already in ``folder``, as
    rdflib's Turtle writer lays it out."""
    with collection_paused():
        description = describe_dataset(dataset, folder)
        text = TurtleWriter(bind={"spdx": SPDX}).turtle(list(description))
    (folder / "void.ttl").write_text(text, encoding="utf-8")
