"""Drafted statements: those naming an entity not yet registered, and those failing a shape,
are left out of the drafts graph and listed; curated statements are never left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rdflib.term import Node

from .dataset import validate_dataset
from .report import ValidationResult


@dataclass(frozen=True)
class DroppedDraft:
    """A drafted statement left out of the drafts graph because it fails a shape."""

    document: str
    statement: str
    shape: str
    reason: str

    def __str__(self) -> str:
        return f"{self.document}: {self.statement}: {self.shape or 'shape'}: {self.reason}"


def _draft_items(anchored) -> dict[str, tuple[str, str]]:
    """Draft slug of every drafted statement -> (document id, statement id)."""
    from ..namespaces import draft_slug

    items = {}
    for one in anchored:
        notes = one.annotations
        if notes.status != "draft":
            continue
        for item in (*notes.events, *notes.memberships, *notes.relations, *notes.claims):
            items[draft_slug(notes.document, item.id)] = (notes.document, item.id)
    return items


def _owner(node: Node, items: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The drafted statement whose IRI (or whose time, figure or claim IRI) is ``node``."""
    text = str(node)
    found = [slug for slug in items if re.search(rf"[/-]{re.escape(slug)}(?:$|[/-])", text)]
    return items[max(found, key=len)] if found else None


def _without(anchored, doomed: set[tuple[str, str]]):
    """The anchored documents without the doomed drafted statements (and what cites them)."""
    kept = []
    for one in anchored:
        notes = one.annotations
        gone = {i for d, i in doomed if d == notes.document} if notes.status == "draft" else set()
        if gone:
            events = tuple(e for e in notes.events if e.id not in gone)
            gone |= {e.id for e in notes.events if e.part_of in gone or e.about in gone}
            notes = replace(notes, events=tuple(e for e in events if e.id not in gone),
                            memberships=tuple(m for m in notes.memberships if m.id not in gone),
                            relations=tuple(r for r in notes.relations if r.id not in gone),
                            claims=tuple(c for c in notes.claims if c.id not in gone
                                         and c.proposition not in gone))
            one = replace(one, annotations=notes)
        kept.append(one)
    return kept


def _unregistered(anchored, known: set[str]) -> list[DroppedDraft]:
    """Drafted statements that name an entity not in the registry (a proposal not yet
    accepted), and drafted mentions of one."""
    from ..corpus.checks import entity_refs

    dropped = []
    for one in anchored:
        notes = one.annotations
        if notes.status != "draft":
            continue
        items = {id(i): i for i in (*notes.events, *notes.memberships, *notes.relations, *notes.claims)}
        for item in items.values():
            missing = sorted({e for e in entity_refs(_only(notes, item)) if e not in known})
            if missing:
                dropped.append(DroppedDraft(notes.document, item.id, "registry",
                                            f"names {', '.join(missing)}, not in the registry yet "
                                            f"(ashraf-kg review {notes.document})"))
    return dropped


def _only(notes, item):
    """Annotations holding ``item`` alone, to list the entities it names."""
    kinds = {"Event": "events", "Membership": "memberships", "Relation": "relations", "Claim": "claims"}
    empty = replace(notes, mentions=(), events=(), memberships=(), relations=(), claims=())
    return replace(empty, **{kinds[type(item).__name__]: (item,)})


def leave_out_unregistered(anchored, known: set[str]) -> tuple[list, list[DroppedDraft]]:
    """The anchored documents without the drafted statements that name an entity ``known``
    (the registry's ids) does not hold, and those statements."""
    dropped = _unregistered(anchored, known)
    return _without(anchored, {(d.document, d.statement) for d in dropped}), dropped


def screen_drafts(build, anchored, *, rounds: int = 5):
    """Build with drafts, leaving out every drafted statement that fails a shape.

    ``build(anchored)`` makes the dataset. Returns ``(dataset, report, dropped)``; curated
    data is never left out: its violations stay in ``report`` for :func:`check_graph`.
    """
    dropped: list[DroppedDraft] = []
    for _ in range(rounds):
        dataset = build(anchored)
        report = validate_dataset(dataset)
        items = _draft_items(anchored)
        doomed: dict[tuple[str, str], ValidationResult] = {}
        for result in report.results:
            owner = _owner(result.focus_node, items) if result.severity == "Violation" else None
            if owner and owner not in doomed:
                doomed[owner] = result
        if not doomed:
            return dataset, report, dropped
        dropped += [DroppedDraft(d, i, r.shape, r.message) for (d, i), r in sorted(doomed.items())]
        anchored = _without(anchored, set(doomed))
    return dataset, report, dropped

