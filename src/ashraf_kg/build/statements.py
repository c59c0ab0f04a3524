"""RDF for what a document says: events, counts, memberships, relations and claims.

Every node made here is ``prov:wasDerivedFrom`` the annotation of its evidence span.
Alleged events and relations are reified nodes with ``akg:alleged true``; only
relations the document states without dispute also get their direct triple.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rdflib import Literal, URIRef
from rdflib import namespace as std

from .. import namespaces as ns
from ..model import AnchoredDocument, Claim, Count, Event, Membership, Quote, Relation, Span
from ..vocab import EVENT_BASE_TYPES, EVENT_ROLES, EVENT_TYPES, RELATION_PREDICATES
from .terms import cached

AKG, OA, ORG, SCHEMA, SEM = cached(ns.AKG, ns.OA, ns.ORG, ns.SCHEMA, ns.SEM)
DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD = cached(
    std.DCTERMS, std.PROV, std.RDF, std.RDFS, std.SKOS, std.TIME, std.XSD)

# akg:Event itself is implied by the specific type; the standard supertypes are
# stated so that consumers without a reasoner find every event.
EVENT_CLASSES = {t.name: (t.iri, *(ns.expand(c) for c in EVENT_BASE_TYPES)) for t in EVENT_TYPES}
PREDICATE_IRIS = {p.name: p.iri for p in RELATION_PREDICATES}
ROLE_PROPERTIES = {role.name: role.iri for role in EVENT_ROLES}
BOOLEANS = {value: Literal(value) for value in (False, True)}


@dataclass(frozen=True)
class Context:
    """What statement builders need to know about the document being built."""

    triples: list  # the graph's triples, loaded into the store at once
    anchored: AnchoredDocument
    ids: Callable[[str], str]  # curated id -> id used in IRIs (drafts get a prefix)
    annotate: Callable[[Span, URIRef, URIRef], URIRef]  # span, body, motivation -> annotation
    draft_of: str | None = None  # extractor name when these are machine-drafted

    @property
    def doc_id(self) -> str:
        return self.anchored.document.id

    def evidence(self, node: URIRef, quote: Quote, confidence: float | None = None) -> None:
        span = self.anchored.span_of(quote)
        annotation = self.annotate(span, node, OA.describing)
        self.triples.append((node, PROV.wasDerivedFrom, annotation))
        if self.draft_of:
            self.triples.append((node, AKG.extractedBy, Literal(self.draft_of)))
            if confidence is not None:
                self.triples.append((node, AKG.confidence, Literal(f"{confidence:.2f}",
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
        ctx.triples.append((node, SEM.hasBeginTimeStamp, time_literal(time.begin)))
    if time.end:
        ctx.triples.append((node, SEM.hasEndTimeStamp, time_literal(time.end)))
    if not (event.time.expression or time.duration):
        return
    time_node = ns.event_time_iri(ctx.ids(event.id), ctx.doc_id)
    ctx.triples.append((node, SEM.hasTime, time_node))
    for cls in (TIME.Interval, SEM.Time):
        ctx.triples.append((time_node, RDF.type, cls))
    if event.time.expression:
        ctx.triples.append((time_node, AKG.timeExpression, Literal(event.time.expression, lang="en")))
    if time.duration:
        ctx.triples.append((time_node, TIME.hasXSDDuration, Literal(time.duration,
                                                                datatype=XSD.duration)))


def add_count(ctx: Context, event_node: URIRef, event_slug: str, count: Count, index: int) -> None:
    out = ctx.triples
    node = ns.count_iri(ctx.doc_id, event_slug, count.kind, index)
    out.append((node, RDF.type, AKG.Count))
    out.append((event_node, AKG.hasCount, node))
    out.append((node, AKG.countOf, event_node))
    out.append((node, AKG.countKind, ns.count_kind_iri(count.kind)))
    if count.value is not None:
        out.append((node, RDF.value, Literal(count.value, datatype=XSD.integer)))
    out.append((node, AKG.countExpression, Literal(count.expression, lang="en")))
    ctx.evidence(node, count.evidence)
    # A figure is what someone says: wrap it in a claim so disagreeing figures
    # stand side by side, each with its source.
    claimant = count.claimant or ctx.anchored.document.meta.author
    claim = ns.claim_iri(ns.count_claim_slug(ctx.doc_id, event_slug, count.kind, index))
    add_claim_node(ctx, claim, claimant=claimant, stance="asserts", evidence=count.evidence)
    out.append((claim, AKG.proposition, node))
    out.append((claim, SCHEMA.about, event_node))


def add_event(ctx: Context, event: Event) -> None:
    out, slug = ctx.triples, ctx.ids(event.id)
    node = ns.event_iri(slug)
    for cls in EVENT_CLASSES[event.type]:
        out.append((node, RDF.type, cls))
    out.append((node, RDFS.label, Literal(event.label, lang="en")))
    out.append((node, AKG.alleged, BOOLEANS[event.alleged]))
    for role, entity_ids in event.roles:
        for entity_id in entity_ids:
            out.append((node, ROLE_PROPERTIES[role], ns.entity_iri(entity_id)))
    for place in event.place:
        out.append((node, SEM.hasPlace, ns.entity_iri(place)))
    if event.part_of:
        out.append((node, SEM.subEventOf, ns.event_iri(ctx.ids(event.part_of))))
    if event.about:
        out.append((node, SCHEMA.about, ns.event_iri(ctx.ids(event.about))))
    add_time(ctx, node, event)
    for index, count in enumerate(event.counts, start=1):
        add_count(ctx, node, slug, count, index)
    ctx.evidence(node, event.evidence, event.confidence)


def add_membership(ctx: Context, item: Membership) -> None:
    out = ctx.triples
    node = ns.membership_iri(ctx.ids(item.id))
    member, organization = ns.entity_iri(item.member), ns.entity_iri(item.organization)
    role = ns.role_iri(item.role)
    out.append((node, RDF.type, ORG.Membership))
    out.append((node, ORG.member, member))
    out.append((node, ORG.organization, organization))
    out.append((node, ORG.role, role))
    out.append((node, AKG.former, BOOLEANS[item.former]))
    out.append((node, AKG.alleged, BOOLEANS[item.alleged]))
    for cls in (ORG.Role, SKOS.Concept):
        out.append((role, RDF.type, cls))
    out.append((role, SKOS.prefLabel, Literal(item.role, lang="en")))
    out.append((role, RDFS.label, Literal(item.role, lang="en")))
    if not item.alleged:
        out.append((member, ORG.memberOf, organization))
    ctx.evidence(node, item.evidence, item.confidence)


def add_relation(ctx: Context, item: Relation) -> None:
    out = ctx.triples
    node = ns.relation_iri(ctx.ids(item.id))
    subject, obj = ns.entity_iri(item.subject), ns.entity_iri(item.object)
    predicate = PREDICATE_IRIS[item.predicate]
    for cls in (AKG.Relation, RDF.Statement):
        out.append((node, RDF.type, cls))
    out.append((node, RDF.subject, subject))
    out.append((node, RDF.predicate, predicate))
    out.append((node, RDF.object, obj))
    out.append((node, AKG.alleged, BOOLEANS[item.alleged]))
    if not item.alleged:
        out.append((subject, predicate, obj))
    ctx.evidence(node, item.evidence, item.confidence)


def add_claim_node(ctx: Context, node: URIRef, *, claimant: str, stance: str, evidence: Quote,
                   confidence: float | None = None) -> None:
    out = ctx.triples
    for cls in (AKG.Claim, SCHEMA.Claim, PROV.Entity):
        out.append((node, RDF.type, cls))
    out.append((node, AKG.claimant, ns.entity_iri(claimant)))
    out.append((node, PROV.wasAttributedTo, ns.entity_iri(claimant)))
    out.append((node, AKG.stance, ns.stance_iri(stance)))
    out.append((node, DCTERMS.source, ns.document_iri(ctx.doc_id)))
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
    out = ctx.triples
    node = ns.claim_iri(ctx.ids(claim.id))
    add_claim_node(ctx, node, claimant=claim.claimant, stance=claim.stance,
                   evidence=claim.evidence, confidence=claim.confidence)
    for about in claim.about:
        out.append((node, SCHEMA.about,
               ns.entity_iri(about) if "/" in about else ns.event_iri(ctx.ids(about))))
    if claim.proposition:
        out.append((node, AKG.proposition, proposition_iri(ctx, claim.proposition)))
    if claim.quoted:
        out.append((node, AKG.quotedText, Literal(claim.quoted, lang="en")))
    if claim.reported_by:
        out.append((node, AKG.reportedBy, ns.entity_iri(claim.reported_by)))


