"""Cross-reference checks over a whole corpus: ids resolve, ids are unique."""

from __future__ import annotations

from ..errors import CorpusError
from ..model import Annotations, Corpus
from ..namespaces import make_slug


def entity_refs(annotations: Annotations):
    """Every entity id an annotations file refers to."""
    return (entity_id for _, entity_id in _entity_refs(annotations))


def _entity_refs(annotations: Annotations):
    """Every (location, entity id) an annotations file refers to."""
    for mention in annotations.mentions:
        yield mention.quote.location, mention.entity
    for event in annotations.events:
        for _, ids in event.roles:
            yield from ((event.location, i) for i in ids)
        yield from ((event.location, i) for i in event.place)
        yield from ((event.location, c.claimant) for c in event.counts if c.claimant)
    for m in annotations.memberships:
        yield from ((m.location, i) for i in (m.member, m.organization))
    for r in annotations.relations:
        yield from ((r.location, i) for i in (r.subject, r.object))
    for c in annotations.claims:
        yield c.location, c.claimant
        yield from ((c.location, i) for i in c.about if "/" in i)
        if c.reported_by:
            yield c.location, c.reported_by


def _check_unique(annotations: Annotations, claim_ids: dict) -> None:
    local: dict[str, object] = {}
    items = (*annotations.events, *annotations.memberships, *annotations.relations)
    for item in items:
        if item.id in local:
            raise CorpusError(f"duplicate id {item.id!r} (first at {local[item.id]})",
                              where=str(item.location), hint="give each item its own id")
        local[item.id] = item.location
    for claim in annotations.claims:
        if claim.id in claim_ids:
            raise CorpusError(f"duplicate claim id {claim.id!r} (first at {claim_ids[claim.id]})",
                              where=str(claim.location), hint="claim ids are unique across the corpus")
        claim_ids[claim.id] = claim.location


def _check_links(annotations: Annotations, event_ids: set) -> None:
    local = {i.id for i in (*annotations.events, *annotations.memberships, *annotations.relations)}
    for event in annotations.events:
        for key in ("part_of", "about"):
            target = getattr(event, key)
            if target and target not in event_ids:
                raise CorpusError(f"{key} {target!r} is not an event id", where=str(event.location),
                                  hint="refer to the id of an event of the corpus")
    for claim in annotations.claims:
        if claim.proposition and claim.proposition not in local:
            raise CorpusError(f"proposition {claim.proposition!r} is not an event or relation "
                              f"of {annotations.document}", where=str(claim.location),
                              hint="add the alleged event or relation to the same file")
        for about in claim.about:
            if "/" not in about and about not in event_ids:
                raise CorpusError(f"about {about!r} is neither an entity nor an event id",
                                  where=str(claim.location))


def _check_roles(corpus: Corpus) -> None:
    """One role, one spelling: posts whose roles differ only in case or punctuation
    ("Leader", "leader") make one role IRI, which may carry one label only."""
    first: dict[str, tuple[str, object]] = {}
    for doc_annotations in corpus.annotations:
        if doc_annotations.status == "draft":
            continue
        for m in doc_annotations.memberships:
            seen = first.setdefault(make_slug(m.role), (m.role, m.location))
            if seen[0] != m.role:
                raise CorpusError(f"role {m.role!r} and role {seen[0]!r} (at {seen[1]}) are one role "
                                  f"(id/role/{make_slug(m.role)}) written two ways",
                                  where=str(m.location), hint=f"write it {seen[0]!r} in both places")


def check_annotations(corpus: Corpus) -> None:
    """Raise :class:`CorpusError` at the first reference that does not resolve."""
    known = {e.id for e in corpus.registry}
    for document in corpus.documents:
        author = document.meta.author
        if author and author not in known:
            raise CorpusError(f"unknown entity id {author!r} (author)",
                              where=str(document.meta.location), hint="add it to registry.yaml")
    event_ids = {e.id for a in corpus.annotations for e in a.events}
    claim_ids: dict = {}
    for doc_annotations in corpus.annotations:
        for location, entity_id in _entity_refs(doc_annotations):
            # a draft may name an entity proposed for review; the build leaves out the
            # drafted statements that do until it is accepted (validate.screen_drafts)
            if entity_id not in known and doc_annotations.status != "draft":
                raise CorpusError(f"unknown entity id {entity_id!r} in {doc_annotations.document}",
                                  where=str(location),
                                  hint="add it to corpus/registry.yaml or fix the spelling")
        _check_unique(doc_annotations, claim_ids)
        _check_links(doc_annotations, event_ids)
    _check_roles(corpus)
