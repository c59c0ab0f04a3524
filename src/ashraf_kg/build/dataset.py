"""Build: from an anchored corpus to an RDF dataset, one named graph per document.

Graphs: ``id/graph/ontology`` (the ontology), ``id/graph/registry`` (the entities),
``id/graph/<doc-id>`` (what one document says, with its evidence) and, only with
``include_drafts``, ``id/graph/drafts/<doc-id>`` (machine-drafted annotations).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib import namespace as std

from .. import namespaces as ns
from ..anchor import anchor_corpus
from ..collector import collection_paused
from ..errors import BuildError
from ..model import AnchoredDocument, Annotations, Corpus, Document, Entity, Span
from ..resources import ontology_dir
from ..vocab import DOCUMENT_TYPES, ENTITY_TYPES
from .statements import Context, add_claim, add_event, add_membership, add_relation
from .store import QuadStore
from .terms import cached

AKG, OA, SCHEMA = cached(ns.AKG, ns.OA, ns.SCHEMA)
OWL, RDF, RDFS, SKOS, XSD = cached(std.OWL, std.RDF, std.RDFS, std.SKOS, std.XSD)

# Each entity gets its akg class and the standard classes, for consumers without a reasoner.
ENTITY_CLASSES = {t.name: (t.iri, *t.standard_iris) for t in ENTITY_TYPES}


def add_entity(triples: list, entity: Entity) -> None:
    node = ns.entity_iri(entity.id)
    for cls in ENTITY_CLASSES[entity.type]:
        triples.append((node, RDF.type, cls))
    triples.append((node, RDFS.label, Literal(entity.label, lang="en")))
    triples.append((node, SKOS.prefLabel, Literal(entity.label, lang="en")))
    for alias in entity.aliases:
        triples.append((node, SKOS.altLabel, Literal(alias, lang="en")))
    for role in entity.roles:
        triples.append((node, AKG.roleDescription, Literal(role, lang="en")))
    if entity.description:
        triples.append((node, SCHEMA.description, Literal(entity.description, lang="en")))
    if entity.wikidata:
        triples.append((node, OWL.sameAs, ns.wikidata_iri(entity.wikidata)))


def load_graph(dataset: Dataset, name: str, triples: list) -> None:
    """Add ``triples`` to the named graph ``name`` of ``dataset``, all at once."""
    graph = dataset.graph(ns.graph_iri(name))
    if isinstance(dataset.store, QuadStore):
        dataset.store.load(graph, triples)
    else:
        graph.addN((s, p, o, graph) for s, p, o in triples)


def build_registry_graph(dataset: Dataset, corpus: Corpus) -> None:
    triples: list = []
    for entity in corpus.registry:
        add_entity(triples, entity)
    load_graph(dataset, "registry", triples)


def build_ontology_graph(dataset: Dataset) -> None:
    path = ontology_dir() / "ashraf-kg.ttl"
    graph = dataset.graph(ns.graph_iri("ontology"))
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises many parser types
        raise BuildError(f"cannot parse the ontology: {error}", where=str(path)) from None


def add_document(triples: list, document: Document) -> URIRef:
    meta, node = document.meta, ns.document_iri(document.id)
    doc_type = DOCUMENT_TYPES[meta.type]
    for cls in sorted({doc_type.iri, *doc_type.standard_iris}):
        triples.append((node, RDF.type, cls))
    triples.append((node, SCHEMA.headline, Literal(meta.title, lang=meta.language)))
    triples.append((node, RDFS.label, Literal(meta.title, lang=meta.language)))
    if meta.published:
        triples.append((node, SCHEMA.datePublished, Literal(meta.published.isoformat(),
                                                       datatype=XSD.date)))
    triples.append((node, SCHEMA.inLanguage, Literal(meta.language)))
    if meta.genre:
        triples.append((node, SCHEMA.genre, Literal(meta.genre)))
    if meta.author:
        triples.append((node, SCHEMA.author, ns.entity_iri(meta.author)))
    if meta.publisher:
        triples.append((node, SCHEMA.publisher, Literal(meta.publisher)))
    if meta.url:
        triples.append((node, SCHEMA.url, URIRef(meta.url)))
    if meta.licence:
        licence = meta.licence
        triples.append((node, SCHEMA.license,
                   URIRef(licence) if licence.startswith("http") else Literal(licence)))
    if meta.attribution:
        triples.append((node, SCHEMA.creditText, Literal(meta.attribution, lang="en")))
    for update in meta.updates:
        triples.append((node, SCHEMA.dateModified, Literal(update.date.isoformat(), datatype=XSD.date)))
        triples.append((node, AKG.updateExpression, Literal(update.expression)))
    # A plain string (the language is schema:inLanguage): offsets and SUBSTR work the
    # same in every SPARQL engine.
    triples.append((node, SCHEMA.text, Literal(document.text)))
    triples.append((node, AKG.sha256, Literal(hashlib.sha256(document.text.encode()).hexdigest())))
    return node


def build_document_graph(dataset: Dataset, document: Document) -> None:
    """Add what ``document``'s metadata says to its graph."""
    triples: list = []
    add_document(triples, document)
    load_graph(dataset, document.id, triples)


@lru_cache(maxsize=None)
def offset_literal(offset: int) -> Literal:
    """An offset as an ``xsd:nonNegativeInteger``, made once per value (rdflib's Literal is
    slow to make, and every annotation has two)."""
    return Literal(offset, datatype=XSD.nonNegativeInteger)


def make_annotator(out: list, doc_node: URIRef, *, draft: bool = False):
    """A function that adds (once) the Web Annotation of a span and links a body to it.

    One annotation has one motivation: a span that a mention identifies and a statement
    describes gets two annotations, on one target; the first made (the mention's, since
    mentions come first) keeps the span's plain IRI. Annotations of a ``draft`` have IRIs of
    their own (``…/draft``), apart from the curated ones of the same spans.
    """
    first_motivation: dict[tuple[str, int, int], URIRef] = {}

    def annotate(span: Span, body: URIRef, motivation: URIRef) -> URIRef:
        d, s, e = span.doc_id, span.start, span.end
        first = first_motivation.setdefault((d, s, e), motivation)
        role = None if first == motivation else str(motivation).rsplit("#", 1)[-1]
        node, target = ns.annotation_iri(d, s, e, role, draft=draft), ns.target_iri(d, s, e)
        quote, position = ns.quote_selector_iri(d, s, e), ns.position_selector_iri(d, s, e)
        out.extend((
            (node, RDF.type, OA.Annotation), (node, OA.hasTarget, target),
            (node, OA.hasBody, body), (node, OA.motivatedBy, motivation),
            (target, RDF.type, OA.SpecificResource), (target, OA.hasSource, doc_node),
            (target, OA.hasSelector, quote), (target, OA.hasSelector, position),
            (quote, RDF.type, OA.TextQuoteSelector), (quote, OA.exact, Literal(span.exact)),
            (quote, OA.prefix, Literal(span.prefix)), (quote, OA.suffix, Literal(span.suffix)),
            (position, RDF.type, OA.TextPositionSelector),
            (position, OA.start, offset_literal(s)), (position, OA.end, offset_literal(e)),
        ))
        return node

    return annotate


def add_mentions(triples: list, anchored: AnchoredDocument, doc_node: URIRef, annotate) -> None:
    for mention in anchored.annotations.mentions:
        entity = ns.entity_iri(mention.entity)
        triples.append((doc_node, SCHEMA.mentions, entity))
        for span in anchored.spans_of(mention.quote):
            annotate(span, entity, OA.identifying)


def build_annotations_graph(dataset: Dataset, anchored: AnchoredDocument) -> None:
    """Add one document's annotations to its graph (curated) or its drafts graph."""
    annotations: Annotations = anchored.annotations
    draft = annotations.status == "draft"
    doc_id = anchored.document.id
    triples: list = []
    doc_node = ns.document_iri(doc_id)
    annotate = make_annotator(triples, doc_node, draft=draft)
    ctx = Context(triples=triples, anchored=anchored, annotate=annotate,
                  ids=(lambda i: ns.draft_slug(doc_id, i)) if draft else (lambda i: i),
                  draft_of=(annotations.extractor or "extractor") if draft else None)
    add_mentions(triples, anchored, doc_node, annotate)
    for event in annotations.events:
        add_event(ctx, event)
    for membership in annotations.memberships:
        add_membership(ctx, membership)
    for relation in annotations.relations:
        add_relation(ctx, relation)
    for claim in annotations.claims:
        add_claim(ctx, claim)
    load_graph(dataset, f"drafts/{doc_id}" if draft else doc_id, triples)


def build_dataset(corpus: Corpus, *, include_drafts: bool = False,
                  anchored: list[AnchoredDocument] | None = None) -> Dataset:
    """Build the whole dataset of ``corpus`` (no blank nodes; IRIs from namespaces).

    ``anchored`` is the anchor stage's output; when it is not given the corpus is
    anchored here.

    >>> dataset = build_dataset(read_corpus(Path("corpus")))   # doctest: +SKIP
    """
    # default_union: pattern lookups (value, triples, `in`) see every named graph.
    dataset = Dataset(store=QuadStore(), default_union=True)
    ns.bind_prefixes(dataset)
    with collection_paused():
        build_ontology_graph(dataset)
        build_registry_graph(dataset, corpus)
        for document in corpus.documents:
            build_document_graph(dataset, document)
        if anchored is None:
            anchored = anchor_corpus(corpus, include_drafts=include_drafts)
        for one in anchored:
            build_annotations_graph(dataset, one)
    return dataset


def build_corpus(corpus_dir: Path, *, include_drafts: bool = False) -> Dataset:
    """Read, anchor and build the corpus in ``corpus_dir``."""
    from ..corpus.reader import read_corpus

    return build_dataset(read_corpus(corpus_dir, include_drafts=include_drafts),
                         include_drafts=include_drafts)
