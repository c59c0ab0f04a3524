"""Extraction, shared vocabulary: how names are spelt, folded and compared.

``fold`` maps curly quotes and dashes to ASCII one character for one, so offsets found in
folded text are offsets in the text; ``normalise_name`` gives a spelling-insensitive key;
``entity_names`` lists what to look for in a text for one registry entity. ``TITLES`` and
``NAME_PHRASE`` describe how the texts write names: "Prime Minister Nouri al-Maliki".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, wraps

from ..clean import fold
from ..model import Entity

TITLES = ("Prime Minister", "President", "Attorney General", "Brigadier General", "Brigadier", "General",
          "Colonel", "Major General", "Lieutenant", "Commander", "Secretary-General",
          "Secretary of State", "Secretary", "National Security Advisor", "High Representative",
          "Minister", "Foreign Minister", "Ambassador", "Ayatollah", "Sheikh", "Imam", "Judge",
          "Senator", "Speaker", "Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Dr.", "Chief", "Envoy",
          "Spokesman", "Spokeswoman", "Governor", "Mayor", "King", "Queen", "Prince", "Shah",
          "Emir", "Sultan")
CONNECTORS = r"(?:of|the|for|al|el|e|de|ul|bin|ibn|ad|as)"
_CAP = r"[A-Z](?:[\w']|\.(?=\w))*(?:-[\w']+)*"
# A capitalised name, lowercase connectors allowed inside: "Council of Resistance of Iran".
NAME_PHRASE = re.compile(rf"(?<![\w-]){_CAP}(?:[ ](?:{CONNECTORS}[ ])*{_CAP})*")
# Head words news writes in lower case after a name: "the Iraqi army", "the Interior ministry"
_GENERIC_HEADS = frozenset("""Army Navy Police Government Ministry Parliament Forces Guard Guards
    Militia Embassy""".split())
_PARTICLES = frozenset("al el e de of the for and bin ibn ul ad as".split())
# A name of several capitalised parts, joined by connectors or "and": "Middle East and North
# Africa Subcommittee".
_PART = rf"(?:(?:[A-Z]\.){{2,}}|{_CAP})"  # "U.S." keeps its last full stop
LONG_NAME_PHRASE = re.compile(rf"(?<![\w.-]){_PART}(?:[ ](?:(?:{CONNECTORS}|and|in|on)[ ])*{_PART})*")
# Words that join the parts of a name and say nothing of which name it is.
LINKING_WORDS = frozenset("of the for and in on at a an to".split())
# Words that locate a place by another one, the other a reference point and not the place
# itself: "outside of Kesh", "near the airport", "60 km northeast of Kesh"
LOCATING = (r"(?:just\s+|\d+\s+\w+\s+)?(?:outside(?:\s+of)?|near|close\s+to|next\s+to"
            r"|(?:(?:north|south)-?(?:east|west)|north|south|east|west)\s+of)"
            r"\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?")
# what ends just before a place named as a reference point ("… northeast of" Kesh)
REFERENCE_POINT = re.compile(rf"\b{LOCATING}$", re.IGNORECASE)



def normalise_name(name: str) -> str:
    """A spelling-insensitive key: ASCII, lowercase, no apostrophes, hyphens as spaces."""
    ascii_name = unicodedata.normalize("NFKD", fold(name)).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"['`]", "", ascii_name.lower())
    return re.sub(r"[^a-z0-9]+", " ", ascii_name).strip()


@lru_cache(maxsize=4096)
def entity_names(entity: Entity) -> tuple[tuple[str, str], ...]:
    """(name, how) pairs to look for: label, aliases, and the label without glosses."""
    names = [(entity.label, "label")] + [(a, "alias") for a in entity.aliases]
    for name, how in list(names):
        bare = re.sub(r"\s*\([^)]*\)", "", name)
        bare = re.sub(r"^(?:Unnamed|the|The)\s+", "", bare).strip()
        if bare and bare != name:
            names.append((bare, how))
    country = re.fullmatch(r"Government of (?:the )?([A-Z][\w ]+)", entity.label)
    if country:  # "Iraq's government", "the Iraqi government", "Iraqi officials"
        names += [(f"{country[1]}'s government", "label"), (f"government of {country[1]}", "label")] + [
            (f"{d} {word}", "label") for d in sorted(demonyms(country[1]))
            if d in (country[1] + "i", country[1] + "ian", country[1] + "n")
            for word in ("government", "authorities", "regime", "officials")]
    army = re.fullmatch(r"([A-Z]\w+) (?:Army|Armed Forces)", entity.label)
    if army:  # "Iraqi soldiers" are the Iraqi Army's
        names += [(f"{army[1]} {word}", "label") for word in ("soldiers", "troops")]
    if entity.kind == "thing" and re.search(r"[^s]s$", entity.label):
        names.append((entity.label[:-1], "label"))  # "a rocket attack": one of the rockets
    for name, how in list(names):  # "Former national security minister" is written lowercase
        words = name.split()
        if len(words) > 1 and any(w[:1].islower() and w not in _PARTICLES for w in words[1:]):
            names.append((name[0].lower() + name[1:], how))
    for name, how in list(names[:1 + len(entity.aliases)]) if entity.kind == "organization" else ():
        words = name.split()  # "the Iraqi army", "the U.S. government"
        if len(words) > 1 and words[-1] in _GENERIC_HEADS:
            names.append((" ".join(words[:-1] + [words[-1].lower()]), how))
    return tuple((fold(n), how) for n, how in names + _without_stops(names) if len(n) > 1)


def _without_stops(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Names whose initials are written with full stops, written without them ("U.S.
    government" is also "US government")."""
    return [(re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m[0].replace(".", ""), n), how)
            for n, how in names if re.search(r"\b(?:[A-Z]\.){2,}", n)]


def content_key(name: str, initials: dict[str, str] | None = None) -> tuple[str, ...]:
    """The words that make a name, in any order: "Department of State" and "State Department"
    have one key; "and" is kept ("Iraq and the United Nations Assistance Mission" is two names,
    not "United Nations Assistance Mission for Iraq"). Initials the registry spells out (``initials``: "US" -> "United
    States") are written out first, so "U.S. Department of State" is "United States
    Department of State"."""
    words = []
    for token in fold(name).split():
        letters = token.replace(".", "")
        if initials and letters.isupper() and letters in initials:
            token = initials[letters]
        words += normalise_name(token).split()
    return tuple(sorted(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                        for w in words if w not in LINKING_WORDS or w == "and"))


def demonyms(label: str) -> set[str]:
    """Adjectives of a country's name: Iraq -> Iraqi, Iran -> Iranian, Lebanon -> Lebanese."""
    stem = re.sub(r"(?:a|on|y)$", "", label)
    return {label + "i", label + "ian", stem + "ese", stem + "an", label + "n"}


def registry_cache(func):
    """Steps that read the whole registry compute what they need from it once per registry.

    A tuple does not keep its hash, so an ``lru_cache`` look-up hashes every entity of the
    registry again; the registry last asked for is recognised by identity first."""
    cached = lru_cache(maxsize=8)(func)
    last: list = []  # [(registry, value)] of the last look-up

    @wraps(func)
    def lookup(registry):
        if last and last[0][0] is registry:
            return last[0][1]
        value = cached(registry)
        last[:] = [(registry, value)]
        return value

    return lookup


def occurs(name: str, text: str, *, ignore_case: bool = False) -> bool:
    """``name`` is written in ``text`` as a whole word (curly and straight quotes alike)."""
    pattern = rf"(?<![\w-]){re.escape(fold(name))}(?!\w)"
    return re.search(pattern, fold(text), re.IGNORECASE if ignore_case else 0) is not None


def is_named_in(entity: Entity, text: str) -> bool:
    """Some name of ``entity`` is in ``text`` (its label, an alias, either without a gloss
    such as "(unnamed)"), or written with its words in another order ("Army of the Mukhtar"
    for "Mukhtar Army"), or a multi-word label in dotted initials ("U.S."); for a described
    group ("Residents of Camp Ashraf"), every proper name of its label is. An extracted
    entity that fails this is invented."""
    common = entity.kind in ("group", "thing")
    if any(occurs(n, text, ignore_case=common) for n, _ in entity_names(entity)):
        return True
    if common:
        proper = [w for w in re.findall(r"[\w'’-]+", entity.label)[1:] if w[:1].isupper()]
        return all(occurs(w, text) for w in proper)
    return _reordered_in(entity, text) or _initials_in(entity, text)


def _reordered_in(entity: Entity, text: str) -> bool:
    """A phrase of ``text`` has the words of a name of ``entity``, cased alike, in any order."""
    folded = fold(text)
    words = set(_cased_words(folded))
    keys = {k for k in (_cased_words(n) for n, _ in entity_names(entity)) if len(k) >= 2 and set(k) <= words}
    if not keys:
        return False
    longest = max(len(k) for k in keys) * 2
    for m in LONG_NAME_PHRASE.finditer(folded):
        parts = [_cased_words(w) for w in m[0].split()]
        for i in range(len(parts)):
            for j in range(i + 2, min(len(parts), i + longest) + 1):
                if tuple(sorted(w for part in parts[i:j] for w in part)) in keys:
                    return True
    return False


def _cased_words(name: str) -> tuple[str, ...]:
    return tuple(sorted(w for w in re.findall(r"[\w-]+", fold(name).replace("'", ""))
                        if w.lower() not in LINKING_WORDS or w == "and"))


def _initials_in(entity: Entity, text: str) -> bool:
    words = entity.label.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    return occurs(".".join(w[0] for w in words) + ".", text)


# offices a body keeps in many places: one named with a place is that place's branch
_BRANCH_HEADS = frozenset("office offices embassy mission bureau branch delegation consulate "
                          "section".split())
_LOCATIVE = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


def branch_elsewhere(text: str, name: str, end: int, entity_id: str,
                     registry: tuple[Entity, ...]) -> bool:
    """Whether ``name`` is an office named with a place ("Relief Office in Kesh") that the
    registry entity it spells only loosely (not letter for letter) is not named with."""
    locative = _LOCATIVE.match(text, end)
    if not locative or name.split()[-1].lower() not in _BRANCH_HEADS:
        return False
    entity = next((e for e in registry if e.id == entity_id), None)
    if entity is None:
        return False
    names = [n for n, _ in entity_names(entity)]
    return name not in names and not any(locative[1] in n for n in names)
