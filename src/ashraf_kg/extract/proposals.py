"""Extraction, step 1b: names the registry lacks, proposed as new entries for review.

``propose_entities`` turns capitalised names that match no registry entity, and carry a
cue to their kind (a title, an organisation's or place's head word, a preposition of
place), into :class:`Proposal` items with every place the document names them.

Every offset is a code-point offset into the cleaned text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Entity
from ..namespaces import make_slug
from .mentions import Hit
from .names import CONNECTORS, NAME_PHRASE, TITLES, fold

ORG_HEADS = frozenset("""Army Force Forces Council Mission Department Office Ministry Guard Guards
    Corps Party TV Television Radio Magazine Hezbollah Brigade Brigades Committee Union Nations
    Government Agency Organization Organisation Court Parliament Assembly Police Militia
    Movement Front News Times Post Commission University Institute Service Services Foundation
    Watch International Network Agency Press Tribune Herald Journal Council Bureau
    Coalition Alliance League Group Battalion Regiment Division Intelligence""".split())
PLACE_HEADS = frozenset("""Camp Province Governorate City Street Square Valley River Mountain
    Mountains District Airport Base Prison Hospital Desert Region Gulf Sea Lake Bridge
    Village Town Border""".split())
_SKIP = frozenset("""The A An This That These Those It Its In On At As By For From Of To With But
    And Or If When While After Before Although Perhaps Similar Sickening Images Update Infobox
    Title Partof Location Date Fatalities Victims Reactions Regarding Commencing Nearly Link
    WARNING State-owned Gunmen Iraqi Iranian Lebanese American Syrian Kurdish Arab Shia Sunni
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday UN US U.S. EU""".split())
_DEMONYMS = frozenset("Iraqi Iranian Lebanese American Syrian Kurdish Arab".split())
TITLE_BEFORE = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
                           + r")\s*$")


@dataclass(frozen=True)
class Proposal:
    """A new entity the registry lacks, with every place the document names it."""

    id: str
    type: str
    label: str
    spans: tuple[tuple[int, int], ...]
    confidence: float
    cue: str
    roles: tuple[str, ...] = ()


def propose_entities(text: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Proposal]:
    """New people, organisations and places: capitalised names with a cue to their kind."""
    folded = fold(text)
    known = {e.id for e in registry}
    found: dict[str, dict] = {}
    for begin, stop in _name_phrases(folded, hits):
        start, end, title = _trim_name(folded, begin, stop)
        cue = _find_cue(folded, start, end, hits)
        if cue is None:
            continue
        kind, entity_type, reason = cue
        entity_id = f"{kind}/{make_slug(folded[start:end].replace(chr(39), ''))}"
        if entity_id in known:
            continue
        item = found.setdefault(entity_id, {"type": entity_type, "label": text[start:end],
                                            "spans": [], "cue": reason, "roles": set()})
        item["spans"].append((start, end))
        if title:
            item["roles"].add(title)
    return [Proposal(i, v["type"], v["label"], tuple(v["spans"]),
                     0.6 if v["cue"].startswith("preposition") else 0.75, v["cue"],
                     tuple(sorted(v["roles"])))
            for i, v in found.items()]


def _name_phrases(folded: str, hits: list[Hit]) -> Iterator[tuple[int, int]]:
    """Spans of capitalised phrases, split after a possessive that ends a mention ("Iran's")."""
    ends = {h.end for h in hits}
    for m in NAME_PHRASE.finditer(folded):
        begin = m.start()
        for cut in re.finditer(r"'s?(?= )", m[0]):
            if m.start() + cut.start() not in ends:
                continue
            yield begin, m.start() + cut.start()
            begin = m.start() + cut.end() + 1
        yield begin, m.end()


def _trim_name(folded: str, start: int, end: int) -> tuple[int, int, str]:
    """The name inside a phrase, without a leading title, sentence opener or connector,
    nor a trailing full stop or apostrophe; and the title it had."""
    start, title = _strip_title(folded, start, end)
    while folded[start:end].split(" ", 1)[0] in _SKIP - _DEMONYMS and " " in folded[start:end]:
        start += len(folded[start:end].split(" ", 1)[0]) + 1
    while re.match(rf"{CONNECTORS} ", folded[start:end]):
        start += folded[start:end].index(" ") + 1
    return start, start + len(folded[start:end].rstrip(".'")), title


def _strip_title(folded: str, start: int, end: int) -> tuple[int, str]:
    """Move ``start`` past a leading title ("Brigadier Abdul Reza Shahlai")."""
    phrase = folded[start:end]
    for title in sorted(TITLES, key=len, reverse=True):
        if phrase.startswith(title + " ") and len(phrase) > len(title) + 3:
            return start + len(title) + 1, title
    return start, ""


def _find_cue(folded: str, start: int, end: int, hits: list[Hit]) -> tuple[str, str, str] | None:
    """The cue to an unknown name's kind, or None when it has none or overlaps a mention.

    An organisation's name may hold a place the registry knows ("Camp Ashraf Committee"):
    the organisation is still new."""
    phrase = folded[start:end]
    cue = None if phrase in _SKIP else _classify(phrase, folded[max(0, start - 40):start])
    overlapping = [h for h in hits if not (end <= h.start or start >= h.end)]
    if cue is None or (overlapping and not (cue[0] == "organization" and all(
            start <= h.start and h.end <= end and h.end - h.start < end - start
            and h.entity.startswith("place/") for h in overlapping))):
        return None
    return cue


def _classify(phrase: str, before: str) -> tuple[str, str, str] | None:
    """(kind, type, cue) of an unknown capitalised name, or None without a cue."""
    words = phrase.split()
    title = m[1] if (m := TITLE_BEFORE.search(before)) else None
    heads = [w for w in words if w in ORG_HEADS]
    if heads and (len(words) > 1 or words[0] == heads[0]):
        return "organization", "Organization", f"head word {heads[-1]!r}"
    if words[0] in PLACE_HEADS or words[-1] in PLACE_HEADS:
        head = words[0] if words[0] in PLACE_HEADS else words[-1]
        kind = "Camp" if head == "Camp" else ("AdministrativeArea" if head in (
            "Province", "Governorate", "District") else "Place")
        return "place", kind, f"head word {head!r}"
    if title and 2 <= len(words) <= 4:
        return "person", "Person", f"title {title!r}"
    if len(words) >= 2 and re.search(r"\b(?:in|at|near|outside|from|to)\s*$", before) \
            and all(w[0].isupper() for w in words):
        return "place", "Place", "preposition of place"
    return None
