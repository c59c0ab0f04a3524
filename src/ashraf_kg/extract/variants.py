"""Extraction, step 1a: spellings of a registry name other than its own.

A text writes a registry name with its words in another order ("Department of State" for
"State Department"), with initials spelt out or in ("U.S. Department of State"), without the
qualifier that opens it ("the Committee on Foreign Affairs"), or as a parliament writes a
member: an honorific and the surname in capitals ("Mr. POE of Texas"). Each rule links a
name to the one registry entity it fits, or to none. Hits are returned as ``Found`` tuples
(entity, start, end, confidence, how) that :mod:`.mentions` turns into its hits.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..model import Entity
from .names import (
    LINKING_WORDS,
    LONG_NAME_PHRASE,
    TITLES,
    branch_elsewhere,
    content_key,
    entity_names,
    normalise_name,
    occurs,
    registry_cache,
)

Found = tuple[str, int, int, float, str]
# Words an initialism skips ("Council of Resistance of Iran" is CRI) and a description's
# window never ends with.
STOP = frozenset("the a an of at in on to for and or by with those who were other its their "
                 "this that these several".split())


@registry_cache
def initials_of(registry: tuple[Entity, ...]) -> dict[str, str]:
    """Initials of a multi-word name -> the one organisation or place they stand for:
    "United Nations" -> UN, "Council of Resistance of Iran" -> CRI (connectors skipped)."""
    owners: dict[str, set[str]] = {}
    for entity in registry:
        if entity.kind not in ("organization", "place"):
            continue
        for name, _ in entity_names(entity):
            words = [w for w in re.findall(r"[\w’'-]+", name) if w.lower() not in STOP]
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                owners.setdefault("".join(w[0] for w in words), set()).add(entity.id)
    return {letters: ids.pop() for letters, ids in owners.items() if len(ids) == 1}


def same_words(key: str, other: str) -> bool:
    """Two spellings of one name: word for word alike, whatever the linking words ("Qasem
    Soleimani", "Qassem Suleimani"); never a name with a word more, less or else ("Human
    Rights Office" is not "UN human rights office", nor "Department of State" "Department
    of Justice"), but for the last word of a name of four."""
    mine = [w for w in key.split() if w not in LINKING_WORDS]
    theirs = [w for w in other.split() if w not in LINKING_WORDS]
    if len(mine) >= 3 and len(theirs) == len(mine) + 1:
        theirs = theirs[:-1]  # a long name without its last word: "Revolutionary Guards" (Corps)
    return len(mine) == len(theirs) and all(fuzz.ratio(a, b) >= 75 for a, b in zip(mine, theirs, strict=True))


@registry_cache
def spelt_initials(registry: tuple[Entity, ...]) -> dict[str, str]:
    """Initials -> the registry name they stand for ("US" -> "United States")."""
    labels = {e.id: e.label for e in registry}
    return {letters: labels[entity] for letters, entity in initials_of(registry).items()}


@registry_cache
def _keys(registry: tuple[Entity, ...]) -> dict[tuple[str, ...], str]:
    """Content key -> the one organisation or place whose name has it (a person's name in
    another order is another person: "Hassan Ali", "Ali Hassan")."""
    initials, owners = spelt_initials(registry), {}
    for entity in registry:
        if entity.kind in ("organization", "place"):
            for name, _ in entity_names(entity):
                key = content_key(name, initials)
                if len(key) >= 2:
                    owners.setdefault(key, set()).add(entity.id)
    return {key: ids.pop() for key, ids in owners.items() if len(ids) == 1}


def reordered_hits(folded: str, registry: tuple[Entity, ...]) -> list[Found]:
    """Names written with a registry name's words in another order or with its initials
    spelt out: "Department of State" for "State Department", "Human Rights Office of UNAMI"
    for "UNAMI Human Rights Office", "U.S. Department of State" for "United States
    Department of State"; or an organisation's name without the qualifier that opens it,
    where the text writes the qualifier ("House Foreign Affairs Committee" for "U.S. House
    Committee on Foreign Affairs" in a text that names the United States)."""
    keys, tails, initials, found = _keys(registry), _tail_keys(registry), spelt_initials(registry), []
    vocabulary = _vocabulary(registry)
    for m in LONG_NAME_PHRASE.finditer(folded):
        tokens = [(t.start() + m.start(), t.end() + m.start(), content_key(t[0], initials))
                  for t in re.finditer(r"\S+", m[0])]
        for size in range(min(len(tokens), 14), 1, -1):
            for i in range(len(tokens) - size + 1):
                window = tokens[i:i + size]
                start, end = window[0][0], window[-1][1]
                edges = {folded[s:e].lower() for s, e, _ in (window[0], window[-1])}
                if edges & LINKING_WORDS or any(not set(t[2]) <= vocabulary for t in window) \
                        or any(f[1] < end and start < f[2] for f in found):
                    continue
                key = tuple(sorted(w for t in window for w in t[2]))
                if key in keys:
                    if not branch_elsewhere(folded, folded[start:end], end, keys[key], registry):
                        found.append((keys[key], start, end, 0.85, "variant"))
                elif key in tails and written_in(tails[key][1], folded, registry):
                    found.append((tails[key][0], start, end, 0.8, "variant"))
    return found


@registry_cache
def _vocabulary(registry: tuple[Entity, ...]) -> frozenset[str]:
    """Every word of a content key: a name with another word is none of them."""
    return frozenset(w for table in (_keys(registry), _tail_keys(registry)) for key in table for w in key)


@registry_cache
def _tail_keys(registry: tuple[Entity, ...]) -> dict[tuple[str, ...], tuple[str, str]]:
    """Content key of an organisation's name without its opening words (three words or
    more left) -> (the one organisation, the words left out)."""
    owners: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    full = _keys(registry)
    for _, name, entity in _organisation_names(registry):
        words = name.split()
        for cut in range(1, len(words) - 2):
            key = content_key(" ".join(words[cut:]), spelt_initials(registry))
            if len(key) >= 3 and words[cut].lower() not in LINKING_WORDS and key not in full:
                owners.setdefault(key, set()).add((entity, " ".join(words[:cut])))
    return {key: next(iter(found)) for key, found in owners.items()
            if len({entity for entity, _ in found}) == 1}


def written_in(qualifier: str, text: str, registry: tuple[Entity, ...]) -> bool:
    """Every word of ``qualifier`` is in ``text`` (any case), initials or spelt out."""
    initials = spelt_initials(registry)
    for word in qualifier.split():
        forms = [word] + ([initials[word.replace(".", "")]] if word.replace(".", "") in initials else [])
        if word.lower() not in LINKING_WORDS and not any(occurs(f, text, ignore_case=True) for f in forms):
            return False
    return True


_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?[ ]+([A-Z][\w'-]*(?:[ ][A-Z][\w'-]*){0,2})")
_TITLED = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)
                                         if len(t) > 3 and not t.endswith("."))
                     + r")[ ]+([A-Z][\w'-]*(?:[ ][A-Z][\w'-]*){0,2})")


@registry_cache
def _people_by_name(registry: tuple[Entity, ...]) -> tuple[dict[str, str], dict[str, str]]:
    """(full name -> person, surname -> person) for names one registry person carries."""
    full: dict[str, set[str]] = {}
    last: dict[str, set[str]] = {}
    for entity in registry:
        if entity.kind == "person":
            for name, _ in entity_names(entity):
                full.setdefault(normalise_name(name), set()).add(entity.id)
            last.setdefault(normalise_name(entity.label.split()[-1]), set()).add(entity.id)
    return ({k: ids.pop() for k, ids in full.items() if len(ids) == 1},
            {k: ids.pop() for k, ids in last.items() if len(ids) == 1})


def honorific_hits(folded: str, taken: list, registry: tuple[Entity, ...]) -> list[Found]:
    """A name after "Mr.", "Ms." … or a title ("Attorney General"), in capitals as parliaments
    write it ("Mr. POE of Texas", "Mr. DAVID SCOTT of Georgia") or not: the registry person
    of that full name, or of that surname when one person carries it (an honorific or title
    says a person is meant, so a short surname is enough). In a headline the name is the
    longest run of words that is one ("Attorney General Holder Holds Conference")."""
    full, last = _people_by_name(registry)
    found = []
    for m in [*_HONORIFIC.finditer(folded), *_TITLED.finditer(folded)]:
        words = m[1].split(" ")
        for size in range(len(words), 0, -1):  # "Attorney General Holder Holds …": "Holder"
            key, end = normalise_name(" ".join(words[:size])), m.start(1) + len(" ".join(words[:size]))
            entity = full.get(key) or (last.get(key) if size == 1 else None)
            if entity:
                break
        if entity and not any(h.start < end and m.start(1) < h.end for h in taken) \
                and not any(f[1] < end and m.start(1) < f[2] for f in found):
            found.append((entity, m.start(1), end, 0.85, "honorific"))
    return found


@registry_cache
def _organisation_names(registry: tuple[Entity, ...]) -> tuple[tuple[str, str, str], ...]:
    """(normalised name, name, id) of every organisation name of the registry."""
    return tuple((normalise_name(n), n, e.id) for e in registry if e.kind == "organization"
                 for n, _ in entity_names(e) if not n[:1].islower())


def link_tail(name: str, text: str, registry: tuple[Entity, ...]) -> tuple[str, float] | None:
    """A recognised organisation written without the qualifier that opens its registry name:
    "the Committee on Foreign Affairs" for "House Committee on Foreign Affairs", when one
    organisation's name ends so, the name has three words that say which, and the text
    writes every word of the qualifier somewhere ("House"; "U.S." or "United States")."""
    key = normalise_name(name)
    if len([w for w in key.split() if w not in LINKING_WORDS]) < 3:
        return None
    owners = {entity: full[:len(full) - len(name)] for norm, full, entity in _organisation_names(registry)
              if norm.endswith(" " + key) and normalise_name(full[len(full) - len(name):]) == key}
    if len(owners) != 1:
        return None
    entity, qualifier = owners.popitem()
    return (entity, 90.0) if written_in(qualifier, text, registry) else None
