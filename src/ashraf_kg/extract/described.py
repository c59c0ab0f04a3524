"""Extraction, step 1e: groups a text describes by what happened to them.

Reports name the people an event touched by what happened to them: "the victims",
"those who were injured", "the terrorists responsible for this attack", "the
survivors", "the families of the victims". The registry holds such groups with a label
that says what happened, where and when ("Those wounded at Camp Nord on 3 May 2014").
A description is linked to the registry group of its kind (killed, wounded,
responsible, survivors, families, missing) whose every particular the document states:

- its place: the registry place the label names is mentioned in the document (by any
  of its names);
- its date: the day (or month) of the label is the document's date, or the text writes
  that day (or month), in the document's year or with the year;
- any other proper name of the label is in the text.

When two groups of the kind fit, the one whose place is named in the description's
sentence is taken; otherwise the description stays unlinked.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from ..model import Entity
from ..timex import MONTHS
from .mentions import Hit
from .names import entity_names, fold, occurs, registry_cache

# kind of group -> how its label opens, and how a text describes its members
KINDS = {
    "families": (r"families\b", r"\b(?:the\s+)?families\s+of\s+(?:the\s+)?(?:victims|dead|those\s+killed)\b"),
    "killed": (r"(?:those\s+killed|victims|the\s+dead)\b",
               r"\b(?:the|its|their)\s+victims\b|\bthe\s+dead\b|\bthose\s+(?:who\s+were\s+)?killed\b"),
    "wounded": (r"those\s+(?:wounded|injured)\b",
                r"\bthe\s+(?:wounded|injured)\b|\bthose\s+(?:who\s+were\s+)?(?:wounded|injured)\b"),
    "responsible": (r"those\s+responsible\b",
                    r"\b(?:the\s+)?(?:terrorists|perpetrators|attackers|killers|those|individuals)"
                    r"(?:\s+(?:who\s+(?:are|were)|found\s+to\s+be))?\s+responsible\b"
                    r"|\bthe\s+(?:perpetrators|attackers|killers)\b"),
    "survivors": (r"survivors\b", r"\bthe\s+survivors\b"),
    "missing": (r"missing\b", r"\bthe\s+missing\b|\bthose\s+(?:who\s+are\s+)?missing\b"
                r"|\bmissing\s+(?:persons|people|residents)\b"),
}
_KINDS = {k: (re.compile(label, re.IGNORECASE), re.compile(text, re.IGNORECASE))
          for k, (label, text) in KINDS.items()}
_DATE = re.compile(r"\b(?:(\d{1,2})\s+)?(" + "|".join(calendar.month_name[1:]) + r")\s+(\d{4})\b")


def _kind(label: str) -> str | None:
    return next((k for k, (opening, _) in _KINDS.items() if opening.match(label)), None)


@registry_cache
def particulars_of(registry: tuple[Entity, ...]) -> dict[str, tuple]:
    """Group id -> (kind, place id, (day, month, year) or None, other proper names)."""
    places = sorted(((fold(e.label), e.id) for e in registry if e.kind == "place"),
                    key=lambda p: -len(p[0]))
    found = {}
    for entity in registry:
        kind = _kind(entity.label) if entity.kind == "group" else None
        if kind is None:
            continue
        label = fold(entity.label)
        place = next(((name, i) for name, i in places if occurs(name, label)), None)
        if place is None:
            continue
        when = _DATE.search(label)
        rest = label.replace(place[0], " ")
        rest = _DATE.sub(" ", rest)
        proper = tuple(w for w in re.findall(r"[\w'-]+", rest)[1:] if w[:1].isupper())
        found[entity.id] = (kind, place[1], (int(when[1]) if when[1] else None,
                                            MONTHS[when[2].lower()], int(when[3])) if when else None,
                            proper)
    return found


def dated_in(text: str, when, published: date | None) -> bool:
    """The document's date is the label's, or the text writes the label's day (or month)."""
    if when is None:
        return True
    day, month, year = when
    if published and (published.year, published.month) == (year, month) \
            and (day is None or published.day == day):
        return True
    name = calendar.month_name[month]
    day_pattern = rf"(?:{name}\s+{day}\b|\b{day}\s+{name})" if day else rf"\b{name}\b"
    in_year = str(year) in text or (published is not None and published.year == year)
    return in_year and re.search(day_pattern, text) is not None


def _fitting(text: str, hits: list[Hit], registry, published) -> dict[str, list[tuple[str, str]]]:
    """Kind -> [(group, place)] of the groups whose particulars the document states."""
    mentioned = {h.entity for h in hits}
    fitting: dict[str, list[tuple[str, str]]] = {}
    for group, (kind, place, when, proper) in particulars_of(registry).items():
        if place in mentioned and dated_in(text, when, published) \
                and all(occurs(w, text) for w in proper):
            fitting.setdefault(kind, []).append((group, place))
    return fitting


def find_described_groups(text: str, hits: list[Hit], registry: tuple[Entity, ...],
                          published: date | None, sentences) -> list[Hit]:
    """Mentions of registry groups by description; see the module docstring."""
    fitting = _fitting(text, hits, registry, published)
    folded, found = fold(text), []
    for kind, groups in fitting.items():
        for m in _KINDS[kind][1].finditer(folded):
            if any(h.start < m.end() and m.start() < h.end for h in hits + found):
                continue
            group = groups[0][0] if len(groups) == 1 else _nearest(m, groups, hits, sentences)
            if group:
                found.append(Hit(group, m.start(), m.end(), 0.5, "description"))
    return found


def _nearest(m, groups, hits: list[Hit], sentences) -> str | None:
    sentence = next((s for s in sentences if s[0] <= m.start() < s[1] + 1), (m.start(), m.end()))
    here = {h.entity for h in hits if sentence[0] <= h.start < sentence[1]}
    chosen = [g for g, place in groups if place in here]
    return chosen[0] if len(chosen) == 1 else None


def named_through_its_place(group: Entity, registry: tuple[Entity, ...], text: str) -> bool:
    """Every proper name of a described group's label is in ``text``, its place by any of
    the place's names ("Those wounded at Camp Nord …" is named where "Nord Camp" is)."""
    places = [e for e in registry if e.kind == "place" and occurs(fold(e.label), fold(group.label))]
    if not places:
        return False
    place = max(places, key=lambda e: len(e.label))
    rest = fold(group.label).replace(fold(place.label), " ")
    proper = [w for w in re.findall(r"[\w'-]+", rest)[1:] if w[:1].isupper()]
    return any(occurs(n, text) for n, _ in entity_names(place)) and all(occurs(w, text) for w in proper)



@registry_cache
def _kindred_places(registry: tuple[Entity, ...]) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Group id -> (the names of the place its label names, those of the other places of that
    place's kind)."""
    places = [e for e in registry if e.kind == "place"]
    found = {}
    for group in (e for e in registry if e.kind == "group"):
        own = [e for e in places if occurs(fold(e.label), fold(group.label))]
        if own:
            place = max(own, key=lambda e: len(e.label))
            found[group.id] = (tuple(n for n, _ in entity_names(place)), tuple(
                n for e in places if e.type == place.type and e.id != place.id for n, _ in entity_names(e)))
    return found


def another_place_of_its_kind(group: Entity, registry: tuple[Entity, ...], sentence: str) -> bool:
    """The sentence names a place of the kind of the group's own place but not that place:
    "camp residents" beside "Camp Nord" are Camp Nord's, not those of the camp a label names."""
    own, others = _kindred_places(registry).get(group.id, ((), ()))
    folded = fold(sentence)

    def named(name: str) -> bool:
        return fold(name) in folded and occurs(name, sentence)

    return not any(named(n) for n in own) and any(named(n) for n in others)
