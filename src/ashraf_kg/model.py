"""Frozen dataclasses: the data contract between the pipeline's stages.

``corpus`` reads YAML and text into these; ``anchor`` turns every :class:`Quote`
into a :class:`Span`; ``build`` turns them into RDF. Ids of registry entities are
``<kind>/<slug>``; ids of events, relations and claims are bare slugs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from . import vocab


@dataclass(frozen=True)
class Location:
    """Where an item was written: a file and a 1-based line (0 when unknown)."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Entity:
    """A registry entry: a person, organisation, group, place or thing."""

    id: str  # "<kind>/<slug>"
    type: str  # a name of vocab.ENTITY_TYPES, e.g. "Person", "Camp"
    label: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    description: str = ""
    wikidata: str | None = None
    location: Location = Location("registry.yaml")

    @property
    def kind(self) -> str:
        from .namespaces import kind_of  # namespaces loads rdflib; the model does not need it

        return kind_of(self.id)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Update:
    expression: str
    date: date
    note: str = ""


@dataclass(frozen=True)
class Excerpt:
    """The document is an excerpt: how many words it has, whether it was cut, what changed."""

    words: int | None = None
    truncated: bool | None = None
    edits: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    title: str
    published: date | None
    language: str = "en"
    genre: str = ""
    type: str = "NewsArticle"
    timezone: str | None = None  # "+03:00": the local time of the events
    publisher: str | None = None
    author: str | None = None  # registry id of the document's own voice
    byline: str | None = None  # the author as the document names them
    origin: str | None = None
    source: str | None = None  # the file holding the document as received: source.txt | source.html
    licence: str | None = None
    licence_note: str | None = None  # the collector's words for the licence
    licence_evidence: str | None = None  # why the licence applies
    attribution: str | None = None  # the credit the licence asks for
    url: str | None = None
    excerpt: Excerpt | None = None
    viewpoint: str | None = None  # whose view the document tells
    notes: tuple[tuple[str, str], ...] = ()  # (field, the remark written beside its value)
    source_facts: str | None = None  # the .source.yaml the facts came from
    updates: tuple[Update, ...] = ()
    missing: tuple[str, ...] = ()
    location: Location = Location("meta.yaml")


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    source: str  # exactly as received
    text: str  # the cleaned body every offset refers to

    @property
    def id(self) -> str:
        return self.meta.id


@dataclass(frozen=True)
class Quote:
    """Evidence as a curator writes it: the exact words, with optional context."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    location: Location = field(default=Location(""), compare=False)
    start: int | None = None  # the offsets the extractor found (drafts); anchoring checks them
    end: int | None = None


@dataclass(frozen=True)
class Span:
    """A quote anchored to ``text[start:end]`` (Unicode code points)."""

    doc_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Mention:
    entity: str
    quote: Quote
    all: bool = False
    confidence: float | None = None


@dataclass(frozen=True)
class TimeSpec:
    expression: str | None = None
    begin: str | None = None  # xsd:date or xsd:dateTime lexical form
    end: str | None = None
    duration: str | None = None  # xsd:duration, e.g. "PT6H"


@dataclass(frozen=True)
class Count:
    kind: str  # a name of vocab.COUNT_KINDS
    value: int | None
    expression: str
    evidence: Quote
    claimant: str | None = None  # registry id; None = the document's own voice


ROLES = vocab.EVENT_ROLES.names


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    label: str
    evidence: Quote
    alleged: bool = False
    roles: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (role, entity ids), role in ROLES
    place: tuple[str, ...] = ()
    part_of: str | None = None
    about: str | None = None
    time: TimeSpec = TimeSpec()
    counts: tuple[Count, ...] = ()
    confidence: float | None = None
    location: Location = field(default=Location(""), compare=False)

    def role(self, name: str) -> tuple[str, ...]:
        return dict(self.roles).get(name, ())


@dataclass(frozen=True)
class Membership:
    id: str
    member: str
    organization: str
    role: str
    evidence: Quote
    former: bool = False
    alleged: bool = False
    confidence: float | None = None
    location: Location = field(default=Location(""), compare=False)


RELATION_PREDICATES = vocab.RELATION_PREDICATES.names


@dataclass(frozen=True)
class Relation:
    id: str
    subject: str
    predicate: str
    object: str
    evidence: Quote
    alleged: bool = False
    confidence: float | None = None
    location: Location = field(default=Location(""), compare=False)


STANCES = vocab.STANCES.names


@dataclass(frozen=True)
class Claim:
    id: str
    claimant: str
    stance: str
    evidence: Quote
    about: tuple[str, ...] = ()
    proposition: str | None = None  # id of an event, membership or relation of the same file
    quoted: str | None = None
    reported_by: str | None = None
    confidence: float | None = None
    location: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Proposal:
    """A name the registry lacks, proposed by the extractor (``proposed_entities:`` of a draft).

    ``number`` is what ``ashraf-kg review --accept N`` names; it never changes.
    """

    number: int
    id: str  # "<kind>/<slug>" the entity would get
    type: str
    label: str
    quotes: tuple[Quote, ...] = ()
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    cue: str = ""
    confidence: float | None = None
    location: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class Annotations:
    """The standoff annotations of one document (``annotations.yaml``)."""

    document: str
    status: str  # a name of vocab.STATUSES
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    memberships: tuple[Membership, ...] = ()
    relations: tuple[Relation, ...] = ()
    claims: tuple[Claim, ...] = ()
    extractor: str | None = None
    location: Location = Location("annotations.yaml")
    proposals: tuple[Proposal, ...] = ()  # drafts only; the build ignores them


@dataclass(frozen=True)
class Corpus:
    registry: tuple[Entity, ...]
    documents: tuple[Document, ...]
    annotations: tuple[Annotations, ...]  # reviewed and draft; build decides what to publish

    def entity(self, entity_id: str) -> Entity | None:
        return {e.id: e for e in self.registry}.get(entity_id)


@dataclass(frozen=True)
class AnchoredDocument:
    """A document with its annotations and every quote anchored to spans."""

    document: Document
    annotations: Annotations
    spans: tuple[tuple[Quote, tuple[Span, ...]], ...]  # a Quote (all: true) may give many

    @cached_property
    def _spans_by_quote(self) -> dict[Quote, tuple[Span, ...]]:
        return dict(self.spans)

    def spans_of(self, quote: Quote) -> tuple[Span, ...]:
        return self._spans_by_quote[quote]

    def span_of(self, quote: Quote) -> Span:
        return self.spans_of(quote)[0]

