"""The dataset's own description: VoID statistics and DCAT distributions with checksums."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD

from .. import namespaces as ns
from ..build.quads import dataset_quads, graph_rows

SPDX = ns.SPDX
LICENCE = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
MEDIA_TYPES = {".ttl": "text/turtle", ".trig": "application/trig", ".nq": "application/n-quads",
               ".nt": "application/n-triples", ".jsonld": "application/ld+json",
               ".html": "text/html"}


def class_counts(dataset: Dataset) -> Counter:
    """Distinct instances per class over all graphs."""
    pairs = {(s, o) for s, _, o, _ in dataset.quads((None, RDF.type, None, None))}
    return Counter(o for _, o in pairs)


def _describe_graphs(g: Graph, root: URIRef, dataset: Dataset) -> None:
    for context in sorted(dataset.graphs(), key=lambda c: str(c.identifier)):
        name = ns.graph_name_of(context.identifier)
        if not len(context) or name is None:
            continue
        subset = ns.graph_subset_iri(name)
        g.add((root, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, RDFS.label, Literal(f"named graph {name}")))
        g.add((subset, DCTERMS.identifier, context.identifier))
        g.add((subset, VOID.triples, Literal(len(context), datatype=XSD.integer)))


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
    described = {s for s, _, _, _ in dataset_quads(dataset)}
    subjects = {s for s in described if ns.id_of(s) is not None}
    g.add((root, VOID.entities, Literal(len(subjects), datatype=XSD.integer)))
    for cls, count in sorted(class_counts(dataset).items()):
        part = ns.class_partition_iri(ns.make_slug(cls.n3(g.namespace_manager).replace(":", "-")))
        g.add((root, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for doc in sorted({s for s in described if ns.doc_id_of(s) is not None}):
        g.add((root, DCTERMS.source, doc))
    _describe_graphs(g, root, dataset)
    _describe_files(g, root, folder)
    return g


def write_void(dataset: Dataset, folder: Path) -> None:
    text = describe_dataset(dataset, folder).serialize(format="turtle")
    (folder / "void.ttl").write_text(text, encoding="utf-8")
