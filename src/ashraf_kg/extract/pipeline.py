"""Automatic extraction: draft annotations of a document, in the curated format.

The extractor is a pipeline of small named steps over spaCy's statistical parse (loaded
once per process from the installed package, never downloaded at run time):

0. ``parse_text`` (extract.nlp) — named entities and dependency parse;
1. ``split_sentences`` (ashraf_kg.sentences) — sentence spans of the cleaned text;
2. ``find_mentions`` (extract.mentions) — registry entities by label, alias, spelling
   variant, short form, defined acronym and role ("the Prime Minister"); whole names only
   (extract.entities: never cut from inside a longer name, never a group whose name the
   text lacks);
3. ``find_named_entities`` and ``propose_entities`` — the recogniser's names linked to the
   registry or proposed, and capitalised names with a cue to their kind, kept where they
   read as names and found wherever the text writes them (extract.vetting); a country that
   acts is its government, "we" of a statement the institution it speaks for
   (extract.institutions); groups described by what happened to them (extract.described);
4. ``find_events`` (extract.events) — trigger words, roles (extract.arguments), time and
   counts (extract.counts); the parse's subject is an active verb's agent, and agents
   the parse contradicts are taken off (extract.agents); a violent event takes the scene
   named beside it, an attack on a camp its residents, and the groups described by their
   fate there its victims (extract.scene);
5. ``find_claims`` and ``find_speech`` (extract.claims, extract.attribution) — reported
   speech with claimant and stance, from the words and from the parse; then whose voice
   tells each event (extract.voice) and the calls and characterisations a voice makes
   without a verb of saying (extract.positions).

The result is an :class:`~ashraf_kg.model.Annotations` with ``status: draft`` and a
confidence on every item, and the offsets of every quote; ``write_annotations`` (of
:mod:`ashraf_kg.corpus.annotations`, the owner of the format) writes it as ``draft.yaml``,
with the proposed entities under ``proposed_entities:`` (read by ``ashraf-kg review``,
ignored by the build).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..corpus.annotations import write_annotations  # noqa: F401 - the extractor's writer
from ..model import (
    ROLES,
    Annotations,
    Claim,
    Count,
    Document,
    Entity,
    Event,
    Membership,
    Mention,
    Proposal,
    Quote,
    Relation,
    TimeSpec,
)
from ..namespaces import make_slug, slug_of
from ..sentences import split_sentences
from ..timex import normalise_time
from .agents import check_agents
from .attribution import find_speech, merge_speech
from .claims import ClaimHit, end_before_next_speaker, find_claims
from .described import find_described_groups
from .entities import drop_nested_hits, drop_unnamed_groups, find_named_entities
from .events import EventHit, find_events
from .institutions import resolve_governments, resolve_we
from .mentions import Hit, find_mentions
from .nlp import parse_text, parse_texts
from .positions import find_positions
from .proposals import Proposal as NameProposal
from .proposals import propose_entities
from .relations import RelationHit, find_relations
from .scene import agents_by_fate, described_roles, place_events, victims_by_fate
from .speech import drop_coordinated_antecedents, drop_crossed_plurals, find_references
from .stances import mark_denials
from .vetting import drop_fragments, name_every_occurrence, plausible_proposals
from .voice import SPEECH_EVENTS, collapse_relays, label_claims, own_voice_claims, reported_event_claims

EXTRACTOR = "spacy-sm-3.8+rules-3"


@dataclass(frozen=True)
class Extraction:
    """What the extractor found: draft annotations and proposed registry entries."""

    annotations: Annotations
    proposals: tuple[Proposal, ...] = ()


def unique_quote(text: str, start: int, end: int) -> Quote:
    """A quote of ``text[start:end]``: its offsets, and for people the shortest prefix/suffix
    that makes it unique."""
    exact = text[start:end]

    def matches(prefix: str, suffix: str) -> int:
        count, at = 0, text.find(exact)
        while at >= 0:
            if text[:at].endswith(prefix) and text.startswith(suffix, at + len(exact)):
                count += 1
            at = text.find(exact, at + 1)
        return count

    for size in (0, 8, 16, 32, 64, 128):
        prefix = text[max(0, start - size):start]
        if matches(prefix, "") == 1:
            return Quote(exact, prefix=prefix, start=start, end=end)
        suffix = text[end:end + size]
        if matches(prefix, suffix) == 1:
            return Quote(exact, prefix=prefix, suffix=suffix, start=start, end=end)
    return Quote(exact, prefix=text[:start], suffix="", start=start, end=end)


def _mention_items(text: str, hits: list[Hit]) -> tuple[Mention, ...]:
    """One ``all: true`` mention where every occurrence is the entity, else one per place."""
    groups: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        groups.setdefault((hit.entity, text[hit.start:hit.end]), []).append(hit)
    mentions = []
    for (entity, exact), group in groups.items():
        confidence = round(min(h.confidence for h in group), 2)
        if text.count(exact) == len(group):
            quote = Quote(exact) if len(group) > 1 else Quote(exact, start=group[0].start,
                                                              end=group[0].end)
            mentions.append(Mention(entity, quote, all=len(group) > 1, confidence=confidence))
            continue
        for hit in group:
            mentions.append(Mention(entity, unique_quote(text, hit.start, hit.end),
                                    confidence=round(hit.confidence, 2)))
    return tuple(mentions)


def _id_prefix(doc_id: str) -> str:
    number = re.match(r"(\d+)_", doc_id)
    return f"auto-{number[1] if number else make_slug(doc_id)[:24]}"


def _label(event: EventHit, names: dict[str, str]) -> str:
    actors = [names.get(i, i) for i in event.roles.get("agent", [])[:1]]
    objects = [names.get(i, i) for r in ("target", "victim", "recipient", "participant")
               for i in event.roles.get(r, [])[:1]]
    places = [names.get(i, i) for i in event.place[:1]]
    parts = ", ".join(actors + objects[:1] + places)
    return f"{event.type} ({parts})" if parts else event.type


def _event_items(document: Document, events: list[EventHit], names) -> list[Event]:
    text, meta, prefix = document.text, document.meta, _id_prefix(document.id)
    items, serial = [], {}
    for event in events:
        serial[event.type] = serial.get(event.type, 0) + 1
        event_id = f"{prefix}-{make_slug(event.type)}-{serial[event.type]}"
        counts = tuple(Count(kind, value, text[s:e].split()[-2] if kind == "named" and len(
            text[s:e].split()) > 1 else _number_words(text[s:e]), unique_quote(text, s, e))
                       for kind, value, (s, e) in event.counts)
        time = normalise_time(event.time, meta.published, meta.timezone) if event.time \
            else TimeSpec()
        roles = tuple((r, tuple(event.roles[r])) for r in ROLES if event.roles.get(r))
        items.append(Event(event_id, event.type, _label(event, names),
                           unique_quote(text, *event.evidence), alleged=event.alleged,
                           roles=roles, place=tuple(event.place), time=time, counts=counts,
                           confidence=event.confidence))
    return items


def _relation_items(document: Document, found: list[RelationHit]):
    """Memberships and relations with ids unique in the document."""
    text, prefix = document.text, _id_prefix(document.id)
    memberships, relations = [], []
    for n, item in enumerate(found, start=1):
        common = dict(evidence=unique_quote(text, *item.span), alleged=item.alleged,
                      confidence=item.confidence)
        if item.kind == "membership":
            memberships.append(Membership(f"{prefix}-membership-{n}", item.subject, item.object,
                                          item.role, former=item.former, **common))
        else:
            relations.append(Relation(f"{prefix}-relation-{n}", item.subject, item.kind,
                                      item.object, **common))
    return tuple(memberships), tuple(relations)


def _number_words(span: str) -> str:
    m = re.search(r"\d+|(?:[a-z]+-)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
                  r"|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
                  r"|hundred|dozen)\b", span, re.IGNORECASE)
    return m[0] if m else span


def _claim_items(document: Document, claims: list[ClaimHit], events: list[EventHit],
                 event_items: list[Event]) -> list[Claim]:
    text, prefix = document.text, _id_prefix(document.id)
    items, serial = [], {}
    for claim in claims:
        key = f"{claim.stance}-{slug_of(claim.claimant)}"
        serial[key] = serial.get(key, 0) + 1
        proposition = None
        if claim.stance in ("accuses", "asserts", "reports"):
            for event, item in zip(events, event_items, strict=False):
                own = event.trigger == claim.verb
                if own or (claim.verb[1] <= event.trigger[0] < claim.span[1]
                           and event.type not in SPEECH_EVENTS):
                    proposition = item.id
                    break
        items.append(Claim(f"{prefix}-{key}-{serial[key]}"[:120], claim.claimant, claim.stance,
                           unique_quote(text, *claim.span), about=tuple(claim.about),
                           proposition=proposition, quoted=claim.quoted,
                           confidence=claim.confidence))
    return items


def _mark_alleged(events: list[Event], claims: list[Claim]) -> list[Event]:
    alleged = {c.proposition for c in claims if c.proposition}
    return [Event(**{**e.__dict__, "alleged": True}) if e.id in alleged else e for e in events]


def _proposal_items(text: str, found) -> tuple[Proposal, ...]:
    """The extractor's proposals, numbered for ``review`` (numbers never change after)."""
    return tuple(Proposal(number=n, id=p.id, type=p.type, label=p.label,
                          quotes=tuple(unique_quote(text, s, e) for s, e in p.spans),
                          roles=p.roles, cue=p.cue, confidence=p.confidence)
                 for n, p in enumerate(found, start=1))


def _merge_proposals(named: list[NameProposal], ruled: list[NameProposal]) -> list[NameProposal]:
    """Recognised names first; a rule's proposal only where no recognised name overlaps it."""
    spans = [s for p in named for s in p.spans]
    ids = {p.id for p in named}
    extra = [p for p in ruled if p.id not in ids and not any(
        a < e and s < b for a, b in p.spans for s, e in spans)]
    return named + extra


def _find_names(text: str, doc, sentences, registry: tuple[Entity, ...], meta):
    """(registry mentions, actors, proposals). Actors are the mentions and the names
    proposed for review: events and claims may name either; a draft statement that names a
    proposal enters the drafts graph once the proposal is accepted or merged."""
    hits = drop_unnamed_groups(text, drop_nested_hits(text, find_mentions(text, registry), doc),
                               registry)
    author, published = meta.author, meta.published
    linked, named = find_named_entities(text, doc, hits, registry)
    hits = resolve_governments(doc, sorted(hits + linked, key=lambda h: h.start), registry)
    hits = sorted(hits + resolve_we(text, doc, hits, author, meta.genre), key=lambda h: h.start)
    hits = sorted(hits + find_described_groups(text, hits, registry, published, sentences),
                  key=lambda h: h.start)
    proposals = plausible_proposals(text, _merge_proposals(named, propose_entities(text, hits, registry)))
    proposals = name_every_occurrence(text, drop_fragments(text, proposals, hits), hits)
    actors = sorted(hits + [Hit(p.id, s, e, p.confidence, "proposed") for p in proposals
                            for s, e in p.spans], key=lambda h: h.start)
    references = drop_coordinated_antecedents(text, doc, drop_crossed_plurals(
        text, doc, find_references(text, sentences, actors), actors), actors)
    known = {e.id for e in registry}
    hits = sorted(hits + [r for r in references if r.entity in known], key=lambda h: h.start)
    return hits, sorted(actors + references, key=lambda h: h.start), proposals


def extract_document(document: Document, registry: tuple[Entity, ...], *,
                     doc=None) -> Extraction:
    """Run every extraction step on ``document``; see the module docstring.

    ``doc`` is the document's parse (:func:`~.nlp.parse_text`), made here when not given.
    """
    text = document.text
    doc = parse_text(text) if doc is None else doc
    sentences = split_sentences(text)
    hits, actors, proposals = _find_names(text, doc, sentences, registry, document.meta)
    names = {e.id: e.label for e in registry} | {p.id: p.label for p in proposals}
    event_hits = find_events(text, sentences, actors,
                             check=lambda event: check_agents(text, doc, [event], actors))
    place_events(text, sentences, event_hits, registry, doc, actors=actors)
    described_roles(text, sentences, event_hits, actors, registry)
    victims_by_fate(text, event_hits, registry, document.meta.published)
    # An event with neither a participant nor a place says nothing reviewable and fails
    # the EventShape, so it is not proposed, nor is a claim made of it.
    event_hits = [e for e in event_hits if any(e.roles.values()) or e.place]
    nameless: list = []
    speech = mark_denials(text, merge_speech(
        find_claims(text, sentences, actors, author=document.meta.author),
        find_speech(text, doc, sentences, actors, nameless=nameless), nameless))
    claim_hits = collapse_relays(text, sentences, end_before_next_speaker(text, speech))
    claim_hits += reported_event_claims(text, sentences, event_hits, claim_hits, speech)
    claim_hits += label_claims(text, sentences, actors, claim_hits, document.meta.author)
    claim_hits += find_positions(text, doc, actors, claim_hits, document.meta.author,
                                 document.meta.genre)
    own = own_voice_claims(document, event_hits, claim_hits, sentences, heard=speech)
    agents_by_fate(text, event_hits, registry, document.meta.published)
    events = _event_items(document, event_hits, names)
    claim_hits = sorted(claim_hits + own, key=lambda c: c.span)
    claims = _claim_items(document, claim_hits, event_hits, events)
    memberships, relations = _relation_items(document, find_relations(text, hits, registry))
    annotations = Annotations(document=document.id, status="draft",
                              mentions=_mention_items(text, hits),
                              events=tuple(_mark_alleged(events, claims)),
                              memberships=memberships, relations=relations, claims=tuple(claims),
                              extractor=EXTRACTOR, proposals=_proposal_items(text, proposals))
    return Extraction(annotations, annotations.proposals)


def extract_documents(documents, registry: tuple[Entity, ...]) -> list[Extraction]:
    """:func:`extract_document` of each document, parsed together through ``nlp.pipe``."""
    documents = list(documents)
    docs = parse_texts(d.text for d in documents)
    return [extract_document(d, registry, doc=doc) for d, doc in zip(documents, docs, strict=True)]


def extract_annotations(document: Document, registry: tuple[Entity, ...]) -> Annotations:
    """Draft annotations of ``document`` (``status: draft``, a confidence per item).

    >>> draft = extract_annotations(corpus.documents[0], corpus.registry)  # doctest: +SKIP
    >>> draft.status, draft.extractor                                        # doctest: +SKIP
    ('draft', 'spacy-sm-3.8+rules-3')
    """
    return extract_document(document, registry).annotations
