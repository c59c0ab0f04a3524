"""Entity resolution across documents: proposed entities against the registry.

The extractor links every spelling it is sure of to a registry entry and proposes the
rest (``proposed_entities:`` of ``draft.yaml``). Here each proposal is compared with the
registry (rapidfuzz over spelling-insensitive names): a close match is listed as an
uncertain match for review, never merged silently. ``accept_proposal`` adds a proposal
to ``registry.yaml`` as a new entity; ``merge_proposal`` adds its spellings to an
existing entity's aliases (every alias is kept). Both turn the proposal's quotes into
mentions of the draft, and write through a temporary file and a rename.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from ..corpus.reader import append_registry_entry
from ..errors import ExtractionError
from ..fileio import write_text_atomic
from ..model import Entity
from ..namespaces import kind_of
from .names import entity_names, normalise_name

UNCERTAIN = 70  # a proposal this close (0-100) to a registry name is listed as a possible match


@dataclass(frozen=True)
class ReviewItem:
    """One proposal: ``candidate`` is the closest registry entity (None when nothing is close)."""

    number: int
    proposal: dict
    candidate: str | None
    score: float


def _draft(corpus_dir: Path, doc_id: str) -> tuple[Path, dict]:
    path = Path(corpus_dir) / doc_id / "draft.yaml"
    if not path.is_file():
        raise ExtractionError("no draft annotations", where=str(path),
                              hint=f"run: ashraf-kg extract {doc_id}")
    return path, yaml.safe_load(path.read_text(encoding="utf-8")) or {}


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
    """Numbered proposals of a document's draft, each with its closest registry entity."""
    _, data = _draft(corpus_dir, doc_id)
    items = []
    for number, proposal in enumerate(data.get("proposed_entities") or [], start=1):
        candidate, score = match_entity(proposal["label"], registry,
                                        kind=kind_of(proposal["id"]))
        items.append(ReviewItem(number, proposal, candidate if score >= UNCERTAIN else None,
                                round(score, 1)))
    return items


def _take(data: dict, path: Path, key) -> dict:
    proposals = data.get("proposed_entities") or []
    for number, proposal in enumerate(proposals, start=1):
        if key in (number, proposal["id"]):
            proposals.remove(proposal)
            return proposal
    raise ExtractionError(f"no proposed entity {key!r}", where=str(path),
                          hint="list them with: ashraf-kg review DOC-ID")


def _add_mentions(data: dict, proposal: dict, entity_id: str) -> None:
    for quote in proposal.get("quotes") or []:
        data.setdefault("mentions", []).append({"entity": entity_id, **quote,
                                                "confidence": proposal.get("confidence")})


def _write_draft(path: Path, data: dict) -> None:
    header = "# Draft annotations, machine-extracted: review before publishing.\n"
    write_text_atomic(path, header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                    width=100))


def accept_proposal(corpus_dir: Path, doc_id: str, number: int) -> str:
    """Add proposal ``number`` to the registry as a new entity; return its id."""
    corpus_dir = Path(corpus_dir)
    path, data = _draft(corpus_dir, doc_id)
    proposal = _take(data, path, number)
    entry = {"id": proposal["id"], "type": proposal["type"], "label": proposal["label"],
             "aliases": proposal.get("aliases") or [], "roles": proposal.get("roles") or [],
             "description": f"Proposed from document {doc_id} ({proposal.get('cue', '')})."}
    append_registry_entry(corpus_dir, entry)
    _add_mentions(data, proposal, proposal["id"])
    _write_draft(path, data)
    return proposal["id"]


def merge_proposal(corpus_dir: Path, doc_id: str, new_id: str, into_id: str) -> list[str]:
    """Merge proposal ``new_id`` into registry entity ``into_id``; return its aliases."""
    corpus_dir = Path(corpus_dir)
    path, data = _draft(corpus_dir, doc_id)
    proposal = _take(data, path, new_id)
    registry = corpus_dir / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    entry = re.search(rf"^(\s*)- id: {re.escape(into_id)}\s*\n(?:(?!\1- id:).*\n)*", text + "\n",
                      re.MULTILINE)
    if not entry:
        raise ExtractionError(f"unknown entity {into_id!r}", where=str(registry),
                              hint="name an id of registry.yaml")
    block = entry[0]
    aliases_line = re.search(r"^(\s*)aliases:(.*)$", block, re.MULTILINE)
    old = yaml.safe_load(aliases_line[2]) if aliases_line and aliases_line[2].strip() else []
    label = re.search(r"^\s*label:\s*(.*)$", block, re.MULTILINE)
    known = set(old or []) | {yaml.safe_load(label[1]) if label else ""}
    aliases = list(old or []) + [n for n in [proposal["label"], *(proposal.get("aliases") or [])]
                                 if n not in known]
    flow = yaml.safe_dump(aliases, default_flow_style=True, allow_unicode=True, width=1000).strip()
    if aliases_line:
        new_block = block.replace(aliases_line[0], f"{aliases_line[1]}aliases: {flow}", 1)
    else:
        indent = re.match(r"\s*", block)[0] + "  "
        new_block = re.sub(r"(^\s*label:.*\n)", rf"\1{indent}aliases: {flow}\n", block, count=1,
                           flags=re.MULTILINE)
    write_text_atomic(registry, text.replace(block, new_block, 1))
    _add_mentions(data, proposal, into_id)
    _write_draft(path, data)
    return aliases
