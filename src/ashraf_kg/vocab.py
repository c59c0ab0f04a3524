"""Every controlled list of the project, defined once.

Each entry has its name (as a curator writes it in YAML and ids), the words a reader sees
(``label``), and, where a standard vocabulary has the same idea, the standard terms it is
aligned to (``standard``, in ``prefix:local`` form). ``iri`` is made by namespaces.py.
``tests/test_vocab.py`` checks every list against the ontology, the shapes, the JSON-LD
context and the queries, so adding an entry here without them (or there without here) fails.

The ground floor: imports nothing of the project above it, and loads namespaces.py (and
with it rdflib) only when an IRI is asked for, so the command line can read these lists
without loading rdflib, networkx or pyvis.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from .choices import GRAPH_FORMATS, RESULT_FORMATS, STORAGES  # noqa: F401  (defined there, listed here)

GENRES = {
    "opinion/advocacy": "OpinionNewsArticle",
    "encyclopedia": "Article",
    "news": "NewsArticle",
    "statement": "Article",
    "report": "Report",
}
"""Genres of a document (meta.yaml ``genre``) and the schema.org class each is written as."""

LICENCES = (
    ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/",
     "“{title}” by {author}, {url}, licensed under CC BY-SA 4.0"),
    ("Open Parliament Licence v3.0",
     "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/",
     "Contains Parliamentary information licensed under the Open Parliament Licence v3.0"),
)
"""Licences known by name: (the words that name it, its IRI, the attribution it asks for,
with ``{title}``, ``{author}``, ``{url}``, ``{publisher}`` of the document filled in)."""

STATUSES = ("reviewed", "draft")
"""Status of an annotations file: curated (``annotations.yaml``) or machine-drafted."""


def _expand(compact: str):
    from .namespaces import expand

    return expand(compact)


@dataclass(frozen=True)
class Term:
    """One entry of a controlled list."""

    name: str
    label: str
    standard: tuple[str, ...] = ()  # standard terms, "schema:Place"

    @property
    def standard_iris(self) -> tuple:
        return tuple(_expand(term) for term in self.standard)


T = TypeVar("T", bound=Term)


@dataclass(frozen=True)
class Vocabulary(Generic[T]):
    """A controlled list: its entries in order, looked up by name.

    ``"agent" in EVENT_ROLES`` tests a name; ``EVENT_ROLES["agent"]`` is its entry.
    """

    terms: tuple[T, ...]

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(term.name for term in self.terms)

    @cached_property
    def _by_name(self) -> dict[str, T]:
        return {term.name: term for term in self.terms}

    def __iter__(self) -> Iterator[T]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __getitem__(self, name: str) -> T:
        return self._by_name[name]


@dataclass(frozen=True)
class EntityType(Term):
    """A class of registry entity (``akg:<name>``); ``standard`` classes are stated on each one."""

    @property
    def iri(self):
        return _expand(f"akg:{self.name}")


@dataclass(frozen=True)
class EntityKind(Term):
    """The first segment of an entity id (``person/…``), with the types an entity of it may have."""

    types: Vocabulary[EntityType] = Vocabulary(())
    actor: bool = False  # can act, speak and claim: a prov:Agent


@dataclass(frozen=True)
class EventType(Term):
    """An event class ``akg:<name>``, below ``akg:<parent>``."""

    parent: str = "Event"

    @property
    def iri(self):
        return _expand(f"akg:{self.name}")


@dataclass(frozen=True)
class Link(Term):
    """A property from one node to another; ``words`` label the link on the network.

    The property is ``iri_name`` (``"sem:hasPlace"``), or ``akg:<name>`` when that is empty.
    """

    words: str = ""
    iri_name: str = ""

    @property
    def iri(self):
        return _expand(self.iri_name or f"akg:{self.name}")


@dataclass(frozen=True)
class Stance(Term):
    """How a claimant relates to a claim; ``says`` words the link to the claim's proposition."""

    says: str = "states"

    @property
    def iri(self):
        from .namespaces import stance_iri

        return stance_iri(self.name)


@dataclass(frozen=True)
class CountKind(Term):
    """What a figure counts."""

    @property
    def iri(self):
        from .namespaces import count_kind_iri

        return count_kind_iri(self.name)


@dataclass(frozen=True)
class DocumentType(Term):
    """A schema.org type of a document (``schema:<name>``), with its news supertype if any."""

    @property
    def iri(self):
        return _expand(f"schema:{self.name}")


def _types(*types: EntityType) -> Vocabulary[EntityType]:
    return Vocabulary(types)


ENTITY_KINDS: Vocabulary[EntityKind] = Vocabulary((
    EntityKind("person", "Person", actor=True, types=_types(
        EntityType("Person", "Person", ("schema:Person", "foaf:Person")))),
    EntityKind("organization", "Organisation", actor=True, types=_types(
        EntityType("Organization", "Organization", ("schema:Organization", "org:Organization")))),
    EntityKind("group", "Group of people", actor=True, types=_types(
        EntityType("Group", "Group", ("foaf:Group",)))),
    EntityKind("place", "Place", types=_types(
        EntityType("Place", "Place", ("schema:Place",)),
        EntityType("Country", "Country", ("schema:Country", "schema:Place")),
        EntityType("AdministrativeArea", "Administrative area",
                   ("schema:AdministrativeArea", "schema:Place")),
        EntityType("City", "City", ("schema:City", "schema:Place")),
        EntityType("Camp", "Camp", ("schema:Place",)),
        EntityType("Region", "Region", ("schema:Place",)))),
    EntityKind("thing", "Thing (e.g. weapon)", types=_types(
        EntityType("Weapon", "Weapon", ("schema:Product",)),
        EntityType("Thing", "Thing", ("schema:Thing",)))),
))
"""Kinds of registry entity; ``label`` names the kind on the network page."""

ACTOR_KINDS = tuple(kind.name for kind in ENTITY_KINDS if kind.actor)
"""Kinds whose entities can act, speak and claim (``person``, ``organization``, ``group``)."""

ENTITY_TYPES: Vocabulary[EntityType] = Vocabulary(
    tuple(t for kind in ENTITY_KINDS for t in kind.types))
"""Every registry type of every kind."""

NODE_KINDS: Vocabulary[Term] = Vocabulary((*ENTITY_KINDS, Term("event", "Event"),
                                           Term("claim", "Claim")))
"""Kinds of node on the network: the entity kinds, events and claims."""

EVENT_BASE_TYPES = ("sem:Event", "schema:Event")
"""Stated on every event besides its akg class, for consumers without a reasoner."""

EVENT_TYPES: Vocabulary[EventType] = Vocabulary((
    EventType("Attack", "Attack"),
    EventType("Killing", "Killing"),
    EventType("Wounding", "Wounding"),
    EventType("Arson", "Arson", parent="Attack"),
    EventType("Flight", "Flight"),
    EventType("Meeting", "Meeting"),
    EventType("Order", "Order", parent="Statement"),
    EventType("Statement", "Statement"),
    EventType("Denial", "Denial", parent="Statement"),
    EventType("Accusation", "Accusation", parent="Statement"),
    EventType("Appeal", "Appeal", parent="Statement"),
    EventType("AccessObstruction", "Access obstruction"),
    EventType("RemovalFromPost", "Removal from post"),
    EventType("Broadcast", "Broadcast", ("schema:BroadcastEvent",), parent="Publication"),
    EventType("InformationRelease", "Information release", parent="Statement"),
    EventType("Confinement", "Confinement"),
    EventType("Training", "Training"),
    EventType("MilitarySupport", "Military support"),
    EventType("Plotting", "Plotting"),
    EventType("Detention", "Detention", parent="Confinement"),
    EventType("Deception", "Deception"),
    EventType("Condemnation", "Condemnation", parent="Statement"),
    EventType("Abduction", "Abduction"),
    EventType("Publication", "Publication", ("schema:PublicationEvent",), parent="Statement"),
    EventType("Relocation", "Relocation"),
    EventType("Agreement", "Agreement"),
    EventType("Investigation", "Investigation"),
    EventType("Appointment", "Appointment"),
    EventType("Resignation", "Resignation"),
    EventType("TransferOfControl", "Transfer of control"),
    EventType("Capture", "Capture"),
))
"""Event classes of the annotation format (``type:`` of an event)."""

EVENT_ROLES: Vocabulary[Link] = Vocabulary((
    Link("agent", "agent", ("sem:hasActor",), words="carried out by"),
    Link("target", "target", ("sem:hasActor",), words="targeted"),
    Link("victim", "victim", ("sem:hasActor",), words="victim"),
    Link("participant", "participant", ("sem:hasActor",), words="participant"),
    Link("commander", "commander", ("sem:hasActor",), words="commanded by"),
    Link("recipient", "recipient", ("sem:hasActor",), words="addressed to"),
    Link("instrument", "instrument", ("schema:instrument",), words="using"),
    Link("destination", "destination", ("schema:toLocation",), words="destination"),
))
"""Roles of an event's entities (``agent: [...]`` in an event)."""

EVENT_LINKS: Vocabulary[Link] = Vocabulary((
    Link("place", "place", iri_name="sem:hasPlace", words="took place at"),
    Link("part_of", "part of", iri_name="sem:subEventOf", words="part of"),
    Link("about", "about", iri_name="schema:about", words="concerns"),
))
"""An event's other links: where it happened, what it is part of, what it concerns."""

RELATION_PREDICATES: Vocabulary[Link] = Vocabulary((
    Link("containedInPlace", "contained in place",
         iri_name="schema:containedInPlace", words="located in"),
    Link("subOrganizationOf", "sub-organization of",
         iri_name="org:subOrganizationOf", words="part of"),
    Link("linkedTo", "linked to", iri_name="org:linkedTo", words="linked to"),
    Link("sponsor", "sponsor", iri_name="schema:sponsor", words="sponsored by"),
    Link("locatedNear", "located near", iri_name="akg:locatedNear", words="near"),
    Link("memberOf", "member of", iri_name="org:memberOf", words="member of"),
))
"""Predicates of a relation between two entities (``predicate:`` of a relation)."""

STANCES: Vocabulary[Stance] = Vocabulary((
    Stance("asserts", "asserts"),
    Stance("denies", "denies", says="denies"),
    Stance("accuses", "accuses", says="alleges"),
    Stance("describes", "describes"),
    Stance("characterises", "characterises"),
    Stance("calls-for", "calls for", says="calls for"),
    Stance("reports", "reports", says="reports"),
    Stance("condemns", "condemns", says="condemns"),
))
"""Stances of a claim: the SKOS concepts of the ``id:scheme/stance`` scheme."""

COUNT_KINDS: Vocabulary[CountKind] = Vocabulary(tuple(CountKind(name, name) for name in (
    "killed", "wounded", "dead", "missing", "executed", "participants", "named", "attacks",
    "residents", "relocated", "captured", "projectiles")))
"""What a figure counts: the SKOS concepts of the ``id:scheme/count-kind`` scheme."""

DOCUMENT_TYPES: Vocabulary[DocumentType] = Vocabulary((
    DocumentType("NewsArticle", "News article"),
    DocumentType("OpinionNewsArticle", "Opinion article", ("schema:NewsArticle",)),
    DocumentType("ReportageNewsArticle", "Reportage", ("schema:NewsArticle",)),
    DocumentType("Article", "Article"),
    DocumentType("Report", "Report"),
    DocumentType("WebPage", "Web page"),
))
"""schema.org types a document's ``meta.yaml`` may give (``type:``)."""
