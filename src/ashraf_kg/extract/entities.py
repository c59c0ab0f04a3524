"""Extraction, step 1c: names from the statistical recogniser, linked or proposed.

Each PERSON, ORG, GPE, LOC or FAC entity of the parse is taken as a whole name (widened
to the capitalised name it sits in, never cut from inside one), then linked to the
registry entity whose spelling is closest (rapidfuzz), or proposed as a new entry for
review. Four guards keep a draft to what the text says:

- a name is never cut from inside a longer name: "Council" of "Supreme Council for …"
  is not an organisation, "Camp Ashraf" of "Camp Ashraf Committee" is not the camp
  (:func:`drop_nested_hits` removes such registry matches, whoever found them);
- a registry match inside a name the recogniser gives another kind (a city in a
  person's surname) is dropped;
- a description of an unnamed group ("residents of Camp Ashraf") needs every proper
  name of its label in the document (:func:`drop_unnamed_groups`);
- a name that modifies a weapon's noun is its make ("Katyusha rockets"), not a place.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Entity
from ..namespaces import kind_of, make_slug
from .mentions import Hit
from .names import (
    NAME_PHRASE,
    TITLES,
    branch_elsewhere,
    entity_names,
    fold,
    normalise_name,
    registry_cache,
)
from .proposals import ORG_HEADS, PLACE_HEADS, TITLE_BEFORE, Proposal
from .variants import link_tail

# recogniser label -> (registry kind, proposed type)
LABELS = {"PERSON": ("person", "Person"), "ORG": ("organization", "Organization"),
          "GPE": ("place", "Place"), "LOC": ("place", "Place"), "FAC": ("place", "Place")}
LINK_SAME_KIND = 88  # rapidfuzz ratio to link a name to a registry entity of its kind
LINK_ANY_KIND = 97   # ... to one of another kind (the recogniser mislabels names)
OPENERS = frozenset("""The A An This That These Those In On At As By For From Of To With But And
    Or If When While After Before Although Former Late Mr Mrs Ms Dr Mr. Mrs. Ms. Dr. Is Are Was
    Were Has Have Over Into Against Amid Says Said""".split())
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:i|ian|ese|an|ish)$")
TITLE_WORDS = frozenset(w for t in TITLES for w in t.split())
NOT_NAMES = frozenset("""Infobox Update Title Date Location Fatalities Victims Reactions Press
    Statement Statements Declaration Testimony Volume Session Congress Resolution Chairman
    Subcommittee Lords Commons House""".split())


# Function words that also begin names: "May", "Will", "First Lady", "Under Secretary"
_NAME_STARTS = frozenset("""may will first third under front top bottom full call move part side
    name well back serious show keep made due us one two three four five six seven eight nine
    ten""".split())


_TITLE_ALT = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True) if " " in t or "-" in t
                     or t[0].isupper() and len(t) > 3)
_BREAKS = re.compile(r"'s?(?= |$)|'(?= )| (?:In|On|At|To|By|And|With|From|As|Is|Are|Was|Were|Has|Have"
                     r"|After|Before|Over|Into|Against|Amid|Says|Said|Monday|Tuesday|Wednesday"
                     r"|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
                     r"|August|September|October|November|December)(?= |$)"
                     rf"|(?<= )(?:{_TITLE_ALT})(?= )")


# A name made an adjective by a hyphenated participle: "Iran-backed", "U.S.-led", "Kabul-based"
_ADJECTIVE_HYPHEN = re.compile(r"(?<=\w)-(?=(?:[a-z]+ed|run|born|made)\b)")


def name_spans(folded: str) -> list[tuple[int, int]]:
    """Capitalised names of the text: cut at a possessive, at a title inside ("UN
    Secretary-General Ban Ki-moon"), before a capitalised function word or date word of a
    headline ("Attack On Camp Hurriya In Iraq"), and without a leading opener, title or
    demonym ("Iraqi Prime Minister Nouri al-Maliki" -> the name)."""
    folded = _ADJECTIVE_HYPHEN.sub(" ", folded)  # "Orlan-backed": the name is "Orlan"
    spans = []
    for m in NAME_PHRASE.finditer(folded):
        start = m.start()
        for cut in _BREAKS.finditer(m[0]):
            at = m.start() + cut.start()
            spans.append((start, at if cut[0][0] in "' " else at - 1))
            start = m.start() + cut.end() + 1 if cut[0][0] == "'" else at + (cut[0][0] == " ")
            if cut[0][0] not in "' ":  # a title: the name resumes after it
                start = m.start() + cut.end() + 1
        spans.append((start, m.end()))
    return [_trim(folded, s, e) for s, e in spans if e > s]


def _opening_word(word: str) -> bool:
    """A capitalised function word that opens a sentence or clause before a name ("Whereas
    The New York Times reported"), never a word a name may begin with ("May", "Will")."""
    return word.istitle() and word.lower() in STOP_WORDS and word.lower() not in _NAME_STARTS


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while True:
        first, _, rest = folded[start:end].partition(" ")
        if rest and (first in OPENERS or first in TITLE_WORDS or _DEMONYM.match(first)
                     or first in ("of", "the", "for") or _opening_word(first)
                     or (first.endswith("ing") and rest[:1].islower())):  # "Following the US"
            start += len(first) + 1
            continue
        name = folded[start:end].rstrip("'")
        if name.endswith(".") and "." not in name[:-1]:  # a full stop, not "U.S."
            name = name[:-1]
        elif "." in name and folded[start + len(name):start + len(name) + 1] == ".":
            name += "."  # the last stop of an abbreviation
        return start, start + len(name)


def _enclosing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    return next((s for s in spans if s[0] <= start and end <= s[1]), None)


def drop_nested_hits(text: str, hits: list[Hit], doc) -> list[Hit]:
    """Registry matches that are a whole name: not a piece of a longer name, and not inside
    a name the recogniser gives another kind. Role and pronoun references are kept."""
    folded = fold(text)
    spans = name_spans(folded)
    ents = [(e.start_char, e.end_char, LABELS[e.label_][0]) for e in doc.ents if e.label_ in LABELS]
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    recognised = {(s + len(m[0]) if (m := re.match(r"(?:the|The) ", folded[s:e])) else s, e)
                  for s, e, _ in ents}
    kept = []
    for hit in hits:
        name = _enclosing(spans, hit.start, hit.end)
        segments = hit.start in starts and hit.end in ends
        whole = name is None or segments or (hit.start, hit.end) in recognised \
            or _whole_hit(hits, name, hit) or _event_name(folded, name, hit)
        if hit.via not in ("role", "pronoun", "reference", "description", "honorific") and (
                not whole or _piece_of_organisation(folded, name, hit) or _joined_name(folded, hit)):
            continue
        if segments:
            kept.append(hit)
            continue
        other = next((k for s, e, k in ents if s <= hit.start and hit.end <= e
                      and (s, e) != (hit.start, hit.end) and k != hit.entity.split("/")[0]
                      and _same_name(folded, s, e, hit)), None)
        if other == "person":
            continue
        kept.append(hit)
    return kept


def _joined_name(folded: str, hit: Hit) -> bool:
    """A name joined by a hyphen or dash to another capitalised name is a piece of a compound
    name ("Iran" of "Iran-Iraq War"), unlike a compound adjective ("Iran-backed")."""
    return bool(re.match(r"-[A-Z]", folded[hit.end:hit.end + 2])
                or re.search(r"[A-Z][\w']*-$", folded[max(0, hit.start - 30):hit.start]))


def _piece_of_organisation(folded: str, name: tuple[int, int] | None, hit: Hit) -> bool:
    """A place ending an organisation's name: "Iran" of "Mujahedin Organization of Iran",
    even where the recogniser reads it as a name of its own."""
    if name is None or not hit.entity.startswith("place/") or hit.end != name[1]:
        return False
    before = folded[name[0]:hit.start]
    return bool(re.search(r"\bof (?:the )?$", before)) and any(w in ORG_HEADS for w in before.split())


def _whole_hit(hits: list[Hit], name: tuple[int, int], hit: Hit) -> bool:
    """The longer name is itself covered by registry matches joined by a possessive or a
    gloss, or the match is an acronym in parentheses."""
    return any(h is not hit and h.start <= name[0] and name[1] <= h.end for h in hits)


_EVENT_HEADS = frozenset("""Massacre Attack Attacks Raid Assault Bombing Bombings Killings Crisis
    Siege Uprising Protests War Incident Affair Agreement Accord Talks Conference""".split())


def _event_name(folded: str, name: tuple[int, int], hit: Hit) -> bool:
    """A place named in an event's name is named: "the Camp Ashraf Massacre"."""
    rest = folded[hit.end:name[1]].split()
    return hit.entity.startswith("place/") and bool(rest) and all(w in _EVENT_HEADS for w in rest)


def _same_name(folded: str, start: int, end: int, hit: Hit) -> bool:
    """The recogniser's span is one name around the hit (not a list "Iraq and Iran")."""
    return not re.search(r",| and ", folded[start:end])


def drop_unnamed_groups(text: str, hits: list[Hit], registry: tuple[Entity, ...]) -> list[Hit]:
    """A group found by description only when every proper name of its label is in the text,
    its place by any of the place's names ("Camp Nord" for a label naming "Nord Camp"), and
    not where its sentence names another place of that kind instead ("camp residents" after
    "Camp Sud" are not Camp Nord's)."""
    from .described import another_place_of_its_kind, named_through_its_place

    labels = {e.id: e.label for e in registry if e.kind == "group"}
    words = set(re.findall(r"[\w'’-]+", fold(text)))
    kept = []
    for hit in hits:
        label = labels.get(hit.entity)
        if label and hit.via == "description":
            proper = [w for w in re.findall(r"[\w'’-]+", fold(label))[1:] if w[:1].isupper()
                      and w not in ("January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December")]
            group = next(e for e in registry if e.id == hit.entity)
            if any(w not in words for w in proper) and not named_through_its_place(group, registry, text):
                continue
            if another_place_of_its_kind(group, registry, _sentence_around(text, hit.start)):
                continue
        kept.append(hit)
    return kept


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(c, 0, at) for c in ".!?\n") + 1
    ends = [e for c in ".!?\n" if (e := text.find(c, at)) >= 0]
    return text[start:min(ends) if ends else len(text)]


@registry_cache
def _choices(registry: tuple[Entity, ...]) -> dict[str, tuple[str, str]]:
    choices = {}
    for entity in registry:
        if entity.kind in ("person", "organization", "place"):
            for name, _ in entity_names(entity):
                key = normalise_name(name)
                if len(key) >= 3:
                    choices.setdefault(key, (entity.id, entity.kind))
    return choices


def link_name(name: str, kind: str, choices: dict) -> tuple[str, float] | None:
    """The registry entity a name spells, and the rapidfuzz ratio (0-100), or None."""
    key = normalise_name(name)
    if len(key) < 3:
        return None
    if key in choices:
        return choices[key][0], 100.0
    best = process.extractOne(key, choices.keys(), scorer=fuzz.ratio, score_cutoff=LINK_SAME_KIND)
    if best and (choices[best[0]][1] == kind or best[1] >= LINK_ANY_KIND) and len(key) >= 5:
        return choices[best[0]][0], float(best[1])
    return None


# Nouns of weapons and munitions: a name that modifies one is its make ("Katyusha
# rockets", "Grad and Fajr missiles"), not a place or an organisation
_MADE_THINGS = frozenset("rocket rockets missile missiles mortar mortars shell shells bomb bombs "
                         "grenade grenades rifle rifles launcher launchers gun guns drone drones".split())


def _names_a_make(ent) -> bool:
    """Whether the parse makes a recognised name a modifier of a weapon's noun."""
    token = ent.root
    while token.dep_ == "conj" and token.head is not token:  # "Grad and Fajr missiles"
        token = token.head
    return token.dep_ in ("compound", "nmod", "amod") and token.head.tag_ in ("NN", "NNS") \
        and token.head.text.lower() in _MADE_THINGS


def _before_demonym(doc, folded: str, start: int, end: int) -> int:
    """Where a name ends that the recogniser ran over a demonym opening the next noun
    phrase ("told Reuters Iraqi forces fired": Reuters); a plural noun must follow."""
    words = folded[start:end].split()
    if len(words) < 2 or not _DEMONYM.match(words[-1]):
        return end
    after = doc.char_span(end, min(len(folded), end + 30), alignment_mode="expand")
    token = next((t for t in after or () if not t.is_space), None)
    return end - len(words[-1]) - 1 if token is not None and token.tag_ == "NNS" else end


def _candidate(folded: str, ent, spans) -> tuple[int, int, str] | None:
    """(start, end, kind) of a recognised name, widened to the whole name it sits in."""
    if _names_a_make(ent) or (len(ent) > 2 and ent[-2].text == "-" and ent[-1].text.islower()
                              and ent[-1].tag_ != "NNP"):
        return None  # "the Saddam Hussein-era (compound)": a name made an adjective
    start, end = ent.start_char, ent.end_char
    m = re.match(r"(?:the|The)\s+", folded[start:end])
    start += m.end() if m else 0
    end = start + len(re.sub(r"(?:'s?|\.)$", "", folded[start:end]))
    whole = _enclosing(spans, start, end)
    if whole is None:  # the recogniser's name runs over several: "Iraqi Ministry of …"
        parts = [s for s in spans if s[0] < end and start < s[1]]
        if not parts:
            return None
        whole = (min(start, parts[0][0]), max(end, parts[-1][1]))
    start, end = whole
    end = _before_demonym(ent.doc, folded, start, end)
    words = folded[start:end].split()
    if not words or all(w in NOT_NAMES or w in OPENERS for w in words) or len(folded[start:end]) < 2:
        return None
    kind = LABELS[ent.label_][0]
    if words[-1] in ORG_HEADS and len(words) > 1:
        kind = "organization"
    elif words[0] in PLACE_HEADS and len(words) > 1:
        kind = "place"
    return start, end, kind


def _before_dash(text: str, ent, start: int, end: int, kind: str) -> tuple[int, int, str] | None:
    """The name without what an em or en dash glued to it ("the United Kingdom—is"): folding
    writes both dashes as a hyphen, the text does not."""
    for m in re.finditer(r"[\u2013\u2014]", text[start:end]):
        at = start + m.start()
        if text[at + 1:at + 2].isupper():  # "Iran–Iraq War": a compound name, not a name's end
            return None
        if at >= ent.end_char - 1:
            return start, at, kind
        if at < ent.start_char:
            start = at + 1
    return start, end, kind


def _proposed_type(kind: str, label: str) -> str:
    if kind == "place":
        first = label.split()[0]
        if first == "Camp":
            return "Camp"
        return "Place"
    return {"person": "Person", "organization": "Organization"}[kind]


def find_named_entities(text: str, doc, hits: list[Hit],
                        registry: tuple[Entity, ...]) -> tuple[list[Hit], list[Proposal]]:
    """Recognised names the registry matches did not cover: (linked hits, proposals)."""
    folded, spans, choices = fold(text), name_spans(fold(text)), _choices(registry)
    linked: list[Hit] = []
    found: dict[str, dict] = {}
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        candidate = _candidate(folded, ent, spans)
        if candidate is None:
            continue
        candidate = _before_dash(text, ent, *candidate)
        if candidate is None:
            continue
        start, end, kind = candidate
        if any(not (end <= h.start or start >= h.end) for h in hits + linked):
            continue
        name = text[start:end]
        link = link_name(name, kind, choices) or _hyphened_whole(text, name, hits) or (
            link_tail(name, text, registry) if kind == "organization" else None)
        if link and branch_elsewhere(text, name, end, link[0], registry):
            continue  # "the Red Cross Office in Kesh" is that office, not the registry's one
        if link:
            linked.append(Hit(link[0], start, end, round(link[1] / 100 * 0.85, 2), "linked"))
            continue
        entity_id = f"{kind}/{make_slug(name.replace(chr(39), '').replace('’', ''))}"
        if entity_id.endswith("/"):
            continue
        item = found.setdefault(entity_id, {"type": _proposed_type(kind, name),
                                            "label": name, "spans": [], "roles": set()})
        if (start, end) not in item["spans"]:
            item["spans"].append((start, end))
        title = TITLE_BEFORE.search(folded[max(0, start - 40):start]) if kind == "person" else None
        if title:
            item["roles"].add(title[1])
    proposals = [Proposal(i, v["type"], v["label"], tuple(v["spans"]), 0.7,
                          f"named entity ({v['type']})", tuple(sorted(v["roles"])))
                 for i, v in found.items()]
    return linked, _merge_short_forms(folded, proposals)


def _hyphened_whole(text: str, name: str, hits: list[Hit]) -> tuple[str, float] | None:
    """The one organisation the text names with ``name`` and a hyphened part after it:
    "the Mojahedin" after "Mojahedin-e Khalq"."""
    owners = {h.entity for h in hits if kind_of(h.entity) == "organization"
              and text.startswith(f"{name}-", h.start)}
    return (owners.pop(), 75.0) if len(owners) == 1 else None


def _merge_short_forms(folded: str, proposals: list[Proposal]) -> list[Proposal]:
    """A proposed person's surname alone ("Arbabsiar") is that person, when one person has it."""
    people = [p for p in proposals if p.type == "Person" and len(p.label.split()) > 1]
    kept = []
    for proposal in proposals:
        owner = [p for p in people if proposal is not p and len(proposal.label.split()) == 1
                 and fold(p.label).split()[-1] == fold(proposal.label)]
        if len(owner) == 1:
            index = proposals.index(owner[0])
            proposals[index] = Proposal(owner[0].id, owner[0].type, owner[0].label,
                                        owner[0].spans + proposal.spans, owner[0].confidence,
                                        owner[0].cue, owner[0].roles)
            people = [proposals[index] if p is owner[0] else p for p in people]
            continue
        kept.append(proposal)
    return [next((p for p in proposals if p.id == k.id), k) for k in kept]
