"""RDF for what a document says: events, counts, memberships, relations and claims.

Every node made here is ``prov:wasDerivedFrom`` the annotation of its evidence span.
Alleged events and relations are reified nodes with ``akg:alleged true``; only
relations the document states without dispute also get their direct triple.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD

from .. import namespaces as ns
from ..model import AnchoredDocument, Claim, Count, Event, Membership, Quote, Relation, Span
from ..namespaces import AKG, ORG, SCHEMA, SEM
from ..vocab import EVENT_BASE_TYPES, EVENT_ROLES, EVENT_TYPES, RELATION_PREDICATES

# akg:Event itself is implied by the specific type; the standard supertypes are
# stated so that consumers without a reasoner find every event.
EVENT_CLASSES = {t.name: (t.iri, *(ns.expand(c) for c in EVENT_BASE_TYPES)) for t in EVENT_TYPES}
PREDICATE_IRIS = {p.name: p.iri for p in RELATION_PREDICATES}
ROLE_PROPERTIES = {role.name: role.iri for role in EVENT_ROLES}


@dataclass(frozen=True)
class Context:
    """What statement builders need to know about the document being built."""

    graph: Graph
    anchored: AnchoredDocument
    ids: Callable[[str], str]  # curated id -> id used in IRIs (drafts get a prefix)
    annotate: Callable[[Span, URIRef, URIRef], URIRef]  # span, body, motivation -> annotation
    draft_of: str | None = None  # extractor name when these are machine-drafted

    @property
    def doc_id(self) -> str:
        return self.anchored.document.id

    def evidence(self, node: URIRef, quote: Quote, confidence: float | None = None) -> None:
        span = self.anchored.span_of(quote)
        annotation = self.annotate(span, node, ns.OA.describing)
        self.graph.add((node, PROV.wasDerivedFrom, annotation))
        if self.draft_of:
            self.graph.add((node, AKG.extractedBy, Literal(self.draft_of)))
            if confidence is not None:
                self.graph.add((node, AKG.confidence, Literal(f"{confidence:.2f}",
                                                              datatype=XSD.decimal)))


def time_literal(value: str) -> Literal:
    """An xsd:dateTime when the value has a clock time, else an xsd:date."""
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


def add_time(ctx: Context, node: URIRef, event: Event) -> None:
    time = event.time
    meta = ctx.anchored.document.meta
    if time.expression and not (time.begin or time.end or time.duration) and meta.published:
        from ..timex import normalise_time

        time = normalise_time(time.expression, meta.published, meta.timezone)
    if time.begin:
        ctx.graph.add((node, SEM.hasBeginTimeStamp, time_literal(time.begin)))
    if time.end:
        ctx.graph.add((node, SEM.hasEndTimeStamp, time_literal(time.end)))
    if not (event.time.expression or time.duration):
        return
    time_node = ns.event_time_iri(ctx.ids(event.id), ctx.doc_id)
    ctx.graph.add((node, SEM.hasTime, time_node))
    for cls in (TIME.Interval, SEM.Time):
        ctx.graph.add((time_node, RDF.type, cls))
    if event.time.expression:
        ctx.graph.add((time_node, AKG.timeExpression, Literal(event.time.expression, lang="en")))
    if time.duration:
        ctx.graph.add((time_node, TIME.hasXSDDuration, Literal(time.duration,
                                                                datatype=XSD.duration)))


def add_count(ctx: Context, event_node: URIRef, event_slug: str, count: Count, index: int) -> None:
    g = ctx.graph
    node = ns.count_iri(ctx.doc_id, event_slug, count.kind, index)
    g.add((node, RDF.type, AKG.Count))
    g.add((event_node, AKG.hasCount, node))
    g.add((node, AKG.countOf, event_node))
    g.add((node, AKG.countKind, ns.count_kind_iri(count.kind)))
    if count.value is not None:
        g.add((node, RDF.value, Literal(count.value, datatype=XSD.integer)))
    g.add((node, AKG.countExpression, Literal(count.expression, lang="en")))
    ctx.evidence(node, count.evidence)
    # A figure is what someone says: wrap it in a claim so disagreeing figures
    # stand side by side, each with its source.
    claimant = count.claimant or ctx.anchored.document.meta.author
    claim = ns.claim_iri(ns.count_claim_slug(ctx.doc_id, event_slug, count.kind, index))
    add_claim_node(ctx, claim, claimant=claimant, stance="asserts", evidence=count.evidence)
    g.add((claim, AKG.proposition, node))
    g.add((claim, SCHEMA.about, event_node))


def add_event(ctx: Context, event: Event) -> None:
    g, slug = ctx.graph, ctx.ids(event.id)
    node = ns.event_iri(slug)
    for cls in EVENT_CLASSES[event.type]:
        g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(event.label, lang="en")))
    g.add((node, AKG.alleged, Literal(event.alleged)))
    for role, entity_ids in event.roles:
        for entity_id in entity_ids:
            g.add((node, ROLE_PROPERTIES[role], ns.entity_iri(entity_id)))
    for place in event.place:
        g.add((node, SEM.hasPlace, ns.entity_iri(place)))
    if event.part_of:
        g.add((node, SEM.subEventOf, ns.event_iri(ctx.ids(event.part_of))))
    if event.about:
        g.add((node, SCHEMA.about, ns.event_iri(ctx.ids(event.about))))
    add_time(ctx, node, event)
    for index, count in enumerate(event.counts, start=1):
        add_count(ctx, node, slug, count, index)
    ctx.evidence(node, event.evidence, event.confidence)


def add_membership(ctx: Context, item: Membership) -> None:
    g = ctx.graph
    node = ns.membership_iri(ctx.ids(item.id))
    member, organization = ns.entity_iri(item.member), ns.entity_iri(item.organization)
    role = ns.role_iri(item.role)
    g.add((node, RDF.type, ORG.Membership))
    g.add((node, ORG.member, member))
    g.add((node, ORG.organization, organization))
    g.add((node, ORG.role, role))
    g.add((node, AKG.former, Literal(item.former)))
    g.add((node, AKG.alleged, Literal(item.alleged)))
    for cls in (ORG.Role, SKOS.Concept):
        g.add((role, RDF.type, cls))
    g.add((role, SKOS.prefLabel, Literal(item.role, lang="en")))
    g.add((role, RDFS.label, Literal(item.role, lang="en")))
    if not item.alleged:
        g.add((member, ORG.memberOf, organization))
    ctx.evidence(node, item.evidence, item.confidence)


def add_relation(ctx: Context, item: Relation) -> None:
    g = ctx.graph
    node = ns.relation_iri(ctx.ids(item.id))
    subject, obj = ns.entity_iri(item.subject), ns.entity_iri(item.object)
    predicate = PREDICATE_IRIS[item.predicate]
    for cls in (AKG.Relation, RDF.Statement):
        g.add((node, RDF.type, cls))
    g.add((node, RDF.subject, subject))
    g.add((node, RDF.predicate, predicate))
    g.add((node, RDF.object, obj))
    g.add((node, AKG.alleged, Literal(item.alleged)))
    if not item.alleged:
        g.add((subject, predicate, obj))
    ctx.evidence(node, item.evidence, item.confidence)


def add_claim_node(ctx: Context, node: URIRef, *, claimant: str, stance: str, evidence: Quote,
                   confidence: float | None = None) -> None:
    g = ctx.graph
    for cls in (AKG.Claim, SCHEMA.Claim, PROV.Entity):
        g.add((node, RDF.type, cls))
    g.add((node, AKG.claimant, ns.entity_iri(claimant)))
    g.add((node, PROV.wasAttributedTo, ns.entity_iri(claimant)))
    g.add((node, AKG.stance, ns.stance_iri(stance)))
    g.add((node, DCTERMS.source, ns.document_iri(ctx.doc_id)))
    ctx.evidence(node, evidence, confidence)


def proposition_iri(ctx: Context, item_id: str) -> URIRef:
    """IRI of the event, membership or relation of this file with id ``item_id``."""
    annotations = ctx.anchored.annotations
    for items, make in ((annotations.events, ns.event_iri),
                        (annotations.memberships, ns.membership_iri),
                        (annotations.relations, ns.relation_iri)):
        if any(i.id == item_id for i in items):
            return make(ctx.ids(item_id))
    raise KeyError(item_id)  # checked by checks.check_annotations before the build


def add_claim(ctx: Context, claim: Claim) -> None:
    g = ctx.graph
    node = ns.claim_iri(ctx.ids(claim.id))
    add_claim_node(ctx, node, claimant=claim.claimant, stance=claim.stance,
                   evidence=claim.evidence, confidence=claim.confidence)
    for about in claim.about:
        g.add((node, SCHEMA.about,
               ns.entity_iri(about) if "/" in about else ns.event_iri(ctx.ids(about))))
    if claim.proposition:
        g.add((node, AKG.proposition, proposition_iri(ctx, claim.proposition)))
    if claim.quoted:
        g.add((node, AKG.quotedText, Literal(claim.quoted, lang="en")))
    if claim.reported_by:
        g.add((node, AKG.reportedBy, ns.entity_iri(claim.reported_by)))


