"""Entity resolution across documents: proposed entities against the registry.

The extractor links every spelling it is sure of to a registry entry and proposes the
rest (``proposed_entities:`` of ``draft.yaml``, each with a number that never changes).
Here each proposal is compared with the registry (rapidfuzz over spelling-insensitive
names): a close match is listed as an uncertain match for review, never merged silently.
``accept_proposal`` adds a proposal to ``registry.yaml`` as a new entity; ``merge_proposal``
adds its spellings to an existing entity's aliases (every alias is kept), and the drafted
statements that named the proposal name that entity instead. Both turn the
proposal's quotes into mentions of the draft. ``reject_proposal`` drops a proposal that names
nothing, with the drafted statements' references to it. The files are read and written by their
owners (:mod:`ashraf_kg.corpus.registry`, :mod:`ashraf_kg.corpus.annotations`), which keep
the curator's comments and refuse a write that would not read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from ..corpus.annotations import read_annotations, resolve_proposal
from ..corpus.registry import add_aliases, append_entity, check_entity, read_registry
from ..errors import ExtractionError
from ..model import Annotations, Entity, Mention, Proposal
from ..namespaces import kind_of
from .names import entity_names, normalise_name

UNCERTAIN = 70  # a proposal this close (0-100) to a registry name is listed as a possible match


@dataclass(frozen=True)
class ReviewItem:
    """One proposal: ``candidate`` is the closest registry entity (None when nothing is close)."""

    number: int
    proposal: Proposal
    candidate: str | None
    score: float


def _draft(corpus_dir: Path, doc_id: str) -> tuple[Path, Annotations]:
    path = Path(corpus_dir) / doc_id / "draft.yaml"
    if not path.is_file():
        raise ExtractionError("no draft annotations", where=str(path),
                              hint=f"run: ashraf-kg extract {doc_id}")
    return path, read_annotations(path, doc_id)


def match_entity(name: str, registry: tuple[Entity, ...], *,
                 kind: str | None = None) -> tuple[str | None, float]:
    """The registry entity (of ``kind``, when given) whose name is closest to ``name``.

    The score (0-100) is rapidfuzz's edit-distance ratio of spelling-insensitive names.
    """
    choices = {normalise_name(n): e.id for e in registry for n, _ in entity_names(e)
               if kind is None or e.kind == kind}
    best = process.extractOne(normalise_name(name), list(choices), scorer=fuzz.ratio)
    return (choices[best[0]], float(best[1])) if best else (None, 0.0)


def review_items(corpus_dir: Path, doc_id: str, registry: tuple[Entity, ...]) -> list[ReviewItem]:
    """The proposals of a document's draft, by number, each with its closest registry entity."""
    _, draft = _draft(corpus_dir, doc_id)
    items = []
    for proposal in draft.proposals:
        candidate, score = match_entity(proposal.label, registry, kind=kind_of(proposal.id))
        items.append(ReviewItem(proposal.number, proposal,
                                candidate if score >= UNCERTAIN else None, round(score, 1)))
    return items


def _find(draft: Annotations, path: Path, key: int | str) -> Proposal:
    """The proposal numbered ``key`` (an int or its digits) or with id ``key``."""
    for proposal in draft.proposals:
        if key in (proposal.number, str(proposal.number), proposal.id):
            return proposal
    raise ExtractionError(f"no proposed entity {key!r}", where=str(path),
                          hint="list them with: ashraf-kg review DOC-ID")


def _mentions(proposal: Proposal, entity_id: str) -> tuple[Mention, ...]:
    return tuple(Mention(entity_id, quote, confidence=proposal.confidence)
                 for quote in proposal.quotes)


def accept_proposal(corpus_dir: Path, doc_id: str, key: int | str) -> str:
    """Add proposal ``key`` (its number or id) to the registry as a new entity; return its id."""
    corpus_dir = Path(corpus_dir)
    path, draft = _draft(corpus_dir, doc_id)
    proposal = _find(draft, path, key)
    cue = f" ({proposal.cue})" if proposal.cue else ""
    entity = Entity(id=proposal.id, type=proposal.type, label=proposal.label,
                    aliases=proposal.aliases, roles=proposal.roles,
                    description=f"Proposed from document {doc_id}{cue}.",
                    location=proposal.location)
    check_entity(entity)  # before anything is written
    append_entity(corpus_dir / "registry.yaml", entity)
    resolve_proposal(path, doc_id, proposal.number, _mentions(proposal, entity.id))
    return entity.id


def merge_proposal(corpus_dir: Path, doc_id: str, new_id: int | str, into_id: str, *,
                   add_spellings: bool = True) -> list[str]:
    """Merge proposal ``new_id`` (its number or id) into registry entity ``into_id``;
    return the entity's aliases.

    ``add_spellings=False`` keeps the registry's aliases as they are: for a spelling that
    names the entity here but would mislead elsewhere ("U.S." for a country, where other
    documents mean its government), or a name cut short by the extractor.
    """
    corpus_dir = Path(corpus_dir)
    path, draft = _draft(corpus_dir, doc_id)
    proposal = _find(draft, path, new_id)
    registry = corpus_dir / "registry.yaml"
    entities = {e.id: e for e in read_registry(registry)}
    if into_id not in entities:
        raise ExtractionError(f"unknown entity {into_id!r}", where=str(registry),
                              hint="name an id of registry.yaml")
    aliases = (add_aliases(registry, into_id, (proposal.label, *proposal.aliases)) if add_spellings
               else entities[into_id].aliases)
    resolve_proposal(path, doc_id, proposal.number, _mentions(proposal, into_id), merged_into=into_id)
    return list(aliases)


def reject_proposal(corpus_dir: Path, doc_id: str, key: int | str) -> str:
    """Drop proposal ``key`` (its number or id): it names nothing the registry should hold
    (a word cut out of a longer name, a common noun taken for a name). The drafted statements
    that named it no longer do; the registry is not touched. Return the proposal's id."""
    path, draft = _draft(Path(corpus_dir), doc_id)
    proposal = _find(draft, path, key)
    resolve_proposal(path, doc_id, proposal.number, (), rejected=True)
    return proposal.id

