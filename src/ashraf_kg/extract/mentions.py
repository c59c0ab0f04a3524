"""Extraction, step 1: where the text names an entity.

``find_mentions`` finds registry entities through their labels and aliases, then
through spelling variants (rapidfuzz), short forms ("Maliki" for "Nouri al-Maliki"),
acronyms a document defines ("the National Council of Resistance of Iran (the NCRI")
and role references ("the Prime Minister"). Names the registry lacks are the business
of :mod:`.extract_proposals`; the spelling helpers live in :mod:`.extract_names`.

Every offset is a code-point offset into the cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..model import Entity
from .names import (
    LINKING_WORDS,
    NAME_PHRASE,
    branch_elsewhere,
    demonyms,
    entity_names,
    fold,
    normalise_name,
    occurs,
    registry_cache,
)
from .variants import STOP, honorific_hits, initials_of, reordered_hits, same_words


@dataclass(frozen=True)
class Hit:
    """A mention of a registry entity: ``text[start:end]``; ``via`` says how it was found."""

    entity: str
    start: int
    end: int
    confidence: float
    via: str  # label | alias | variant | short-form | acronym | role


def _stem(word: str) -> str:
    word = word.lower().strip("’'")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@registry_cache
def _group_labels(registry: tuple[Entity, ...]) -> tuple[dict, frozenset]:
    """Group id -> [(content words, common words)] of each of its names: the common words
    say what the group is ("residents"), the others which one (a place, a day)."""
    labels = {}
    for entity in registry:
        if entity.kind == "group":
            for name, _ in entity_names(entity):
                found = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in STOP]
                words = {_stem(w) for w in found}
                common = {_stem(w) for i, w in enumerate(found)
                          if (i == 0 or w[:1].islower()) and not w[:1].isdigit()}
                if len(words) >= 2:
                    labels.setdefault(entity.id, []).append((words, common))
    return labels, frozenset({w for sets in labels.values() for words, _ in sets for w in words} | STOP)


def _group_hits(folded: str, registry: tuple[Entity, ...]) -> list[Hit]:
    """Descriptions of unnamed groups: "the residents at Camp Ashraf" for "Residents of Camp
    Ashraf". Every content word of the text is in the label, covering two thirds of it, and
    one of them says what the group is ("Camp Ashraf on 1 September" alone describes no one)."""
    labels, vocabulary = _group_labels(registry)
    tokens = [(m.start(), m.end(), _stem(m[0])) for m in re.finditer(r"[\w’'-]+", folded)]
    # a description never ends inside a name: "residents at Camp" of "residents at Camp Nord"
    inside = {e for m in NAME_PHRASE.finditer(folded) for e in range(m.start() + 1, m.end())}
    found = []
    for i in range(len(tokens)):
        if tokens[i][2] not in vocabulary or tokens[i][2] in STOP:
            continue
        for size in range(5, 1, -1):
            window = tokens[i:i + size]
            if len(window) < size or window[-1][2] in STOP or window[-1][1] in inside \
                    or any(t[2] not in vocabulary for t in window):
                continue
            content = {t[2] for t in window if t[2] not in STOP}
            if re.search(r"[.;:!?]", folded[window[0][0]:window[-1][1]]) or len(content) < 2:
                continue
            best = [e for e, sets in labels.items()
                    if any(content <= words and len(content) * 3 >= len(words) * 2
                           and content & common for words, common in sets)]
            if len(best) > 1:  # several fit: the one whose label has no word more
                best = [e for e in best if any(content == words for words, _ in labels[e])]
            if len(best) == 1:
                found.append(Hit(best[0], window[0][0], window[-1][1], 0.6, "description"))
                break
    return found


_PEOPLE = r"(?:residents|inhabitants|people|population|dissidents|refugees)"


@registry_cache
def _people_at(registry: tuple[Entity, ...]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Place id -> (the one registry group of the people who live there, the place's names):
    the one group labelled "<people> at|of|in <place>" ("Residents of Camp Cedar", "Exiles
    at Camp Cedar"). Countries and regions are left out: their residents are not one group."""
    places = {fold(n): e for e in registry if e.kind == "place" and e.type not in (
        "Country", "AdministrativeArea") for n, _ in entity_names(e) if n[:1].isupper()}
    owners: dict[str, set[str]] = {}
    for group in registry:
        m = re.fullmatch(r"(?:[A-Z]\w+ )?[A-Za-z]+s (?:at|of|in) (.+)", fold(group.label)) \
            if group.kind == "group" else None
        if m and m[1] in places:
            owners.setdefault(places[m[1]].id, set()).add(group.id)
    names = {e.id: tuple(n for n, e2 in places.items() if e2.id == e.id) for e in places.values()}
    return {place: (ids.pop(), names[place]) for place, ids in owners.items() if len(ids) == 1}


def _residents_hits(folded: str, registry: tuple[Entity, ...]) -> list[Hit]:
    """"the residents of Camp Cedar", "people living at Cedar Camp", "Cedar's residents": the
    registry group of the people of that place, by any of the place's names."""
    found = []
    for group, names in _people_at(registry).values():
        place = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = (rf"\b{_PEOPLE}(?: living| housed| staying)? (?:at|of|in) (?:the )?(?:{place})(?![\w-])(?! [A-Z])"
                   rf"|(?<![\w-])(?:{place})(?:'s?)? residents\b")
        found += [Hit(group, m.start(), m.end(), 0.6, "description") for m in re.finditer(pattern, folded)]
    return found


def _country_hits(folded: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """"the country" is the country the document has named most often so far (demonyms count)."""
    countries = [e for e in registry if e.type == "Country"]
    found = []
    for m in re.finditer(r"\bthe country\b", folded):
        before = folded[:m.start()]
        counts = {e.id: len(re.findall(rf"\b{re.escape(e.label)}", before)) for e in countries}
        first = {e.id: (before.find(e.label) if e.label in before else len(before)) for e in countries}
        best = max(counts, key=lambda c: (counts[c], -first[c]), default=None)
        if best and counts[best]:
            found.append(Hit(best, m.start(), m.end(), 0.6, "reference"))
    return found


@registry_cache
def _nameable_inside(registry: tuple[Entity, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """Cased names (name -> id) a longer name or a description may hold: of places and
    people, and of organisations."""
    def table(kinds):
        return {name: e.id for e in registry if e.kind in kinds
                for name, _ in entity_names(e) if name[:1].isupper()}
    return table(("place", "person")), table(("organization",))


def _nested_hits(folded: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """Places, people and organisations named inside another mention: a place or person in
    the possessive inside a longer name ("Iran's democratic parliament", "Nouri al-Maliki's
    office") or anywhere inside the description of a group ("residents of Camp Ashraf" names
    the camp); an organisation a group's description is "of" ("factions of the Valdorian
    government"), not one that only qualifies it ("UN inspectors" are the inspectors)."""
    places_people, organisations = _nameable_inside(registry)
    found = []
    for names, of_only in ((places_people, False), (organisations, True)):
        if not names:
            continue
        for m in _pattern(tuple(sorted(names)), False).finditer(folded):
            outer = [h for h in hits if h.start <= m.start() and m.end() <= h.end
                     and h.entity != names[m[0]] and (h.start, h.end) != (m.start(), m.end())]
            possessive = folded.startswith("'s", m.end()) and not folded[m.end() + 2:m.end() + 3].isalpha()
            group = any(h.entity.startswith("group/") for h in outer)
            if of_only:
                ok = group and re.search(r"\bof (?:the )?$", folded[max(0, m.start() - 8):m.start()])
            else:
                ok = group or (possessive and outer)
            if ok:
                found.append(Hit(names[m[0]], m.start(), m.end(), 0.9, "nested"))
    return found


@registry_cache
def _person_short_forms(registry: tuple[Entity, ...]) -> dict[str, str]:
    """Surname -> person id, for surnames only one person of the registry carries."""
    owners: dict[str, set[str]] = {}
    for entity in registry:
        if entity.kind != "person" or len(entity.label.split()) < 2:
            continue
        last = fold(entity.label.split()[-1])
        for form in {last, re.sub(r"^(?:al|el|as|ad)-", "", last)}:
            if form[:1].isupper() and len(form) > 3:
                owners.setdefault(form, set()).add(entity.id)
    return {form: ids.pop() for form, ids in owners.items() if len(ids) == 1}


def _is_common_noun_entity(entity: Entity) -> bool:
    return entity.kind in ("group", "thing")


@lru_cache(maxsize=64)
def _pattern(names: tuple[str, ...], ignore_case: bool) -> re.Pattern:
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])", re.IGNORECASE if ignore_case else 0)


def _scan(folded: str, names: dict[str, tuple[str, str, float]], *, ignore_case: bool) -> list[Hit]:
    if not names:
        return []
    pattern = _pattern(tuple(sorted(names)), ignore_case)
    lookup = {k.lower(): v for k, v in names.items()} if ignore_case else names
    hits = []
    for m in pattern.finditer(folded):
        entity, how, confidence = lookup[m[0].lower() if ignore_case else m[0]]
        hits.append(Hit(entity, m.start(), m.end(), confidence, how))
    return hits


def _select(hits: list[Hit], taken: list[Hit] = ()) -> list[Hit]:
    """Longest, then most confident, non-overlapping hits."""
    chosen = list(taken)
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), -h.confidence, h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


@registry_cache
def _exact_tables(registry: tuple[Entity, ...]) -> tuple[dict, dict]:
    cased: dict[str, tuple[str, str, float]] = {}
    uncased: dict[str, tuple[str, str, float]] = {}
    for entity in registry:
        for name, how in entity_names(entity):
            table = uncased if _is_common_noun_entity(entity) else cased
            table.setdefault(name, (entity.id, how, 1.0 if how == "label" else 0.97))
    for form, entity_id in _person_short_forms(registry).items():
        cased.setdefault(form, (entity_id, "short-form", 0.85))
    return cased, uncased


@registry_cache
def _all_names(registry: tuple[Entity, ...]) -> frozenset[str]:
    return frozenset(n for e in registry for n, _ in entity_names(e))


def _exact_hits(folded: str, registry: tuple[Entity, ...]) -> list[Hit]:
    cased, uncased = _exact_tables(registry)
    return _scan(folded, cased, ignore_case=False) + _scan(folded, uncased, ignore_case=True)


_INITIALISM = re.compile(r"(?<![\w.-])(?:[A-Z]\.){2,5}(?![\w])|(?<![\w.-])[A-Z]{2,6}(?![\w.-])")


def _initialism_hits(folded: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """Initials of a registry name: "U.S." for "United States", "UN" for "United Nations",
    when no other registry name has the same initials and no name covers them."""
    owners = initials_of(registry)
    found = []
    for m in _INITIALISM.finditer(folded):
        entity = owners.get(m[0].replace(".", ""))
        line = folded[folded.rfind("\n", 0, m.start()) + 1:folded.find("\n", m.end()) % (len(folded) + 1)]
        if "." not in m[0] and not re.search(r"[a-z]", line):
            continue  # a line in capitals: "CAMP IS SHELLED" spells words, not initials
        if entity and not any(h.start < m.end() and m.start() < h.end for h in hits):
            found.append(Hit(entity, m.start(), m.end(), 0.8, "initials"))
    return found


def _acronym_hits(folded: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """Acronyms a document defines after a name: "… of Iran (the NCRI, …" / "(UNAMI)"."""
    taken = _all_names(registry)
    extra: dict[str, tuple[str, str, float]] = {}
    for hit in hits:
        m = re.match(r"\s*\((?:the\s+)?([A-Z][A-Z]{1,9})\b", folded[hit.end:hit.end + 20])
        if m and m[1] not in taken and _abbreviates(m[1], folded[hit.start:hit.end]):
            extra[m[1]] = (hit.entity, "acronym", 0.9)
    return _scan(folded, extra, ignore_case=False)


def _abbreviates(acronym: str, name: str) -> bool:
    """``acronym`` may stand for ``name``: it begins with the name's first letter and its
    letters come in the name's order ("NCRI", "UNAMI"; not "MONUSCO" for "Democratic
    Republic of Congo")."""
    letters = iter(name.upper())
    return acronym[0] == name[:1].upper() and all(c in letters for c in acronym)


@registry_cache
def _role_titles(registry: tuple[Entity, ...]) -> dict[str, str]:
    """A title only one registry person holds ("Prime Minister") -> that person."""
    owners: dict[str, set[str]] = {}
    for entity in registry:
        for role in entity.roles if entity.kind == "person" else ():
            m = re.match(r"((?:[A-Z][\w-]*\s?)+?)(?:\s+of\b|$)", role)
            if m and m[1].strip() not in ("UN", "U.S."):
                owners.setdefault(m[1].strip(), set()).add(entity.id)
    return {title: ids.pop() for title, ids in owners.items() if len(ids) == 1}


def _role_hits(folded: str, hits: list[Hit], registry) -> list[Hit]:
    """"the Prime Minister" names a person the document has already named in full."""
    named = {h.entity: h.start for h in reversed(hits)}
    found = []
    for title, entity_id in _role_titles(registry).items():
        if entity_id not in named:
            continue
        pattern = rf"\b[Tt]he (?:[A-Z]\w+ )?({re.escape(title)})(?!\w)(?! [A-Z])"
        for m in re.finditer(pattern, folded):
            if m.start() > named[entity_id]:
                found.append(Hit(entity_id, m.start(1), m.end(1), 0.7, "role"))
    return found


@registry_cache
def _fuzzy_choices(registry: tuple[Entity, ...]) -> dict[str, str]:
    choices = {}
    for entity in registry:
        if entity.kind in ("person", "organization", "place"):
            for name, _ in entity_names(entity):
                key = normalise_name(name)
                if len(key) >= 5:
                    choices.setdefault(key, entity.id)
    return choices


def _fuzzy_hits(folded: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """Capitalised names close to a registry name: Quds/Qods, Soleimani/Suleimani."""
    choices = _fuzzy_choices(registry)
    keys = list(choices)
    found = []
    for m in NAME_PHRASE.finditer(folded):
        tokens = [(t.start() + m.start(), t.end() + m.start()) for t in re.finditer(r"\S+", m[0])]
        taken = [h for h in hits if h.start < m.end() and m.start() < h.end]  # all a window can overlap
        for size in range(min(len(tokens), 6), 0, -1):
            for i in range(len(tokens) - size + 1):
                start, end = tokens[i][0], tokens[i + size - 1][1]
                if any(not (end <= h.start or start >= h.end) for h in taken + found) or {
                        folded[s:e].lower() for s, e in (tokens[i], tokens[i + size - 1])} & LINKING_WORDS:
                    continue
                key = normalise_name(folded[start:end])
                if len(key) < 5:
                    continue
                cutoff = 88 if len(key) < 12 else 85
                best = process.extractOne(key, keys, scorer=fuzz.ratio,
                                          score_cutoff=cutoff)
                if best and same_words(key, best[0]) and not branch_elsewhere(
                        folded, folded[start:end], end, choices[best[0]], registry):
                    found.append(Hit(choices[best[0]], start, end, round(best[1] / 100 * 0.9, 2),
                                     "variant"))
    return found


def _demonym_hits(folded: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """A demonym qualifying a full name names the country: "Lebanese Hezbollah" -> Lebanon,
    when the document names that country too (a country is never drawn from a name alone)."""
    names, adjectives = _all_names(registry), _demonym_table(registry)
    found = []
    for hit in hits:
        first, _, rest = folded[hit.start:hit.end].partition(" ")
        country = adjectives.get(first)
        if country and rest in names and occurs(country.label, folded):
            found.append(Hit(country.id, hit.start, hit.start + len(first), 0.8, "demonym"))
    return found


@registry_cache
def _demonym_table(registry: tuple[Entity, ...]) -> dict[str, Entity]:
    return {d: e for e in registry if e.type == "Country" for d in demonyms(e.label)}


def find_mentions(text: str, registry: tuple[Entity, ...]) -> list[Hit]:
    """Every mention of a registry entity in ``text``, non-overlapping, in text order.

    >>> from ashraf_kg.model import Entity
    >>> reg = (Entity("person/qassem-suleimani", "Person", "Qassem Suleimani"),)
    >>> [(h.entity, h.via) for h in find_mentions("General Qasem Soleimani spoke.", reg)]
    [('person/qassem-suleimani', 'variant')]
    """
    folded = fold(text)
    hits = _select(_exact_hits(folded, registry) + [Hit(*f) for f in reordered_hits(folded, registry)])
    # a surname after a title is the person by the title, whatever else it is part of
    titled = [Hit(*f) for f in honorific_hits(folded, [h for h in hits if h.via != "short-form"], registry)]
    hits = _select(titled, [h for h in hits if not any(h.start < t.end and t.start < h.end for t in titled)])
    hits = _select(_acronym_hits(folded, hits, registry), hits)
    hits = _select(_initialism_hits(folded, hits, registry), hits)
    hits = _select(_fuzzy_hits(folded, hits, registry), hits)
    hits = _select(_role_hits(folded, hits, registry), hits)
    names = [h for h in hits if not h.entity.startswith("place/")]  # a description may hold a place
    described = _group_hits(folded, registry) + _residents_hits(folded, registry)
    hits = _select(described + [h for h in hits if h not in names], names)
    hits = _select(_country_hits(folded, hits, registry), hits)
    nested = _nested_hits(folded, hits, registry) + _demonym_hits(folded, hits, registry)
    return sorted(hits + nested, key=lambda h: h.start)
