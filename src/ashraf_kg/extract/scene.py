"""Extraction, step 4b: where a violent event took place when its own clause does not say.

A report names the scene once and then tells what happened there: "Gunmen stormed the
camp before dawn, killing twelve. Most of the residents of Camp Nord were asleep." The
killing took place at Camp Nord. An attack, killing, wounding, arson, detention or
abduction whose clause names no place (but some participant) takes the most specific
place (a camp or a building before a city; never a country or a region) named in its
sentence or in the sentence next to it in the same paragraph, when exactly one place of
that rank is named there; otherwise it stays without a place. A name inside a longer
name counts ("the residents of Camp Nord"); one in the possessive ("Kesh's proxies") or
one that acts, as the subject of a verb ("Kesh is believed to be holding them"), does not,
nor does one that locates another place ("the camp northeast of Kesh" is not in Kesh) or
that is the place of earlier events ("as in the previous attacks in Kesh").

An attack on a camp is an attack on the people who live there: an attack (or arson)
whose place is a camp and which names no target takes as target the group the registry
calls the people living at the camp ("Residents of Camp Nord", "Valdorian exiles at Camp
Nord"; not a part of them, "Seven missing residents of Camp Nord"), when it has one. The groups
the registry describes by what happened to them at a place ("Those killed at Camp Nord in
May", "Those responsible for the attack on Camp Nord") are the victims (or the agents) of a
violent event at that place named in its sentence or the next. An event at a camp or a
city is not also placed at the country around it.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Entity
from ..timex import MONTHS, normalise_time
from .described import dated_in, named_through_its_place, particulars_of
from .events import EventHit
from .names import REFERENCE_POINT, entity_names, fold, registry_cache
from .triggers import TRIGGERS

VIOLENT = ("Attack", "Killing", "Wounding", "Arson", "Detention", "Abduction")
# The more specific a place type, the lower its rank; countries and regions are not scenes.
_RANK = {"Camp": 0, "Facility": 0, "Building": 0, "City": 1}


def _window(text: str, sentences, at: int) -> tuple[int, int]:
    """The sentence holding ``at`` and its neighbours in the same paragraph."""
    index = next((i for i, s in enumerate(sentences) if s[0] <= at < s[1] + 1), None)
    if index is None:
        return at, at
    start, end = sentences[index]
    if index > 0 and "\n" not in text[sentences[index - 1][1]:start]:
        start = sentences[index - 1][0]
    if index + 1 < len(sentences) and "\n" not in text[end:sentences[index + 1][0]]:
        end = sentences[index + 1][1]
    return start, end


def _occurrences(doc, folded: str, names) -> list[int]:
    """Where a name of the place is written as a place: not in the possessive, and not as
    the subject of a verb ("Tehran is believed to be holding them" names an actor)."""
    found = []
    for name in names:
        for m in re.finditer(rf"(?<![\w-])(?<!\bto )(?<!\bto the ){re.escape(name)}(?![\w-])(?!['’]s\b)",
                             folded):  # "taken to Kesh": where they went, not where it happened
            if REFERENCE_POINT.search(folded, max(0, m.start() - 60), m.start()) \
                    or _EARLIER_EVENTS.search(folded, max(0, m.start() - 60), m.start()):
                continue  # "the camp northeast of Kesh" is not in Kesh
            words = doc.char_span(m.start(), m.end(), alignment_mode="expand") if doc is not None else None
            if words is None or words.root.dep_ not in ("nsubj", "nsubjpass") or _done_to(words.root):
                found.append(m.start())
    return found


# "as in the six previous attacks in Kesh": the place of other events, told to compare
_EARLIER_EVENTS = re.compile(r"\b(?:previous|earlier|past|prior|former)\s+(?:[\w-]+\s+){0,2}?[\w-]+"
                             r"\s+(?:in|at|on|against)\s+(?:the\s+)?$", re.IGNORECASE)
_DONE_TO_PLACE = tuple(re.compile(p, re.IGNORECASE) for p, t, _ in TRIGGERS if t in ("Attack", "Arson"))


def _done_to(token) -> bool:
    """The passive subject of a verb of attack is where it was done: "the camp was shelled"."""
    return token.dep_ == "nsubjpass" and any(p.fullmatch(token.head.text) for p in _DONE_TO_PLACE)


def _scene(places: dict[str, tuple[int, list[int]]], span) -> str | None:
    named = [p for p, (_, at) in places.items() if any(span[0] <= a < span[1] for a in at)]
    if not named:
        return None
    best = min(places[p][0] for p in named)
    top = [p for p in named if places[p][0] == best]
    return top[0] if len(top) == 1 else None


# "Residents of Camp Nord", "Valdorian dissidents at Camp Nord": the people living in a camp,
# not a part of them ("Seven missing residents of Camp Nord", "Those killed at Camp Nord")
_RESIDENTS = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w-]*\s+)?(?:[Rr]esidents|[Dd]issidents|[Rr]efugees|[Ii]nhabitants"
                        r"|[Ee]xiles|[Dd]etainees)\s+(?:of|at|in)\s+(.+)")


@registry_cache
def _residents(registry: tuple[Entity, ...]) -> dict[str, str]:
    """Camp id -> the group the registry labels as its residents ("Residents of Camp Nord")."""
    camps = {fold(n).lower(): e.id for e in registry if e.type == "Camp" for n, _ in entity_names(e)}
    found = {}
    for group in (e for e in registry if e.kind == "group"):
        m = _RESIDENTS.fullmatch(fold(group.label))
        if m and m[1].lower() in camps:
            found.setdefault(camps[m[1].lower()], group.id)
    return found


def target_residents(events: list[EventHit], registry: tuple[Entity, ...]) -> None:
    """An attack on a camp with no target named targets the camp's residents."""
    residents = _residents(registry)
    for event in events:
        if event.type in ("Attack", "Arson") and not event.roles.get("target"):
            group = next((residents[p] for p in event.place if p in residents), None)
            if group:
                event.add("target", group)


# "the residents", "the camp's residents", "these residents": the people of the camp last named
_THE_RESIDENTS = re.compile(r"\b(?:(?:the|these|its|their)\s+(?:camp['’]s\s+)?|camp\s+)residents\b",
                            re.IGNORECASE)
_RESIDENT_ROLES = {"Appeal": "target", "Attack": "target", "Arson": "target", "Relocation": "participant"}


def name_the_residents(text: str, sentences, events: list[EventHit], registry: tuple[Entity, ...]) -> None:
    """"the residents" after an appeal, an attack or a move, with no group named in its role,
    are the registry's residents of the camp the text has named most often before them."""
    residents = _residents(registry)
    folded = fold(text).lower()
    named = sorted((m.start(), e.id) for e in registry if e.id in residents for n, _ in entity_names(e)
                   for m in re.finditer(rf"(?<![\w-]){re.escape(fold(n).lower())}(?![\w-])", folded))
    for event in (e for e in events if e.type in _RESIDENT_ROLES):
        role = _RESIDENT_ROLES[event.type]
        sentence = next((s for s in sentences if s[0] <= event.trigger[0] < s[1] + 1), None)
        if sentence is None or any(g.startswith("group/") for g in event.roles.get(role, [])):
            continue
        found = _THE_RESIDENTS.search(text, event.trigger[1], sentence[1])
        if found is None or re.match(r"\s+(?:of|at|in|from)\b", text[found.end():]):
            continue  # "the residents of Camp Nord" name their camp themselves
        before = [camp for at, camp in named if at < found.start()]
        if before:  # the camp the text is about: named most often so far, and last of those
            event.add(role, residents[max(reversed(before), key=before.count)])


_THE_CAMP = re.compile(r"(?<!from )\bthe\s+camp\b(?!['’]s|\s+(?:of|at|in)\b)", re.IGNORECASE)
_CAMP_DONE_TO = re.compile(r"\bthe\s+camp\s+(?:was|were|is|has been|had been)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CAMP_EVENTS = ("Appeal", "Attack", "Arson", "Capture")


def place_at_the_camp(text: str, sentences, events: list[EventHit], registry: tuple[Entity, ...]) -> None:
    """"the camp" an appeal, attack or capture speaks of (after its trigger, or as the
    passive subject before it: "the camp was overrun") is the camp the text names most."""
    camps = {e.id: e for e in registry if e.type == "Camp"}
    folded = fold(text).lower()
    named = sorted((m.start(), c.id) for c in camps.values() for n, _ in entity_names(c)
                   for m in re.finditer(rf"(?<![\w-]){re.escape(fold(n).lower())}(?![\w-])", folded))
    for event in (e for e in events if e.type in _CAMP_EVENTS and not any(p in camps for p in e.place)):
        sentence = next((s for s in sentences if s[0] <= event.trigger[0] < s[1] + 1), None)
        if sentence is None:
            continue
        found = _THE_CAMP.search(text, event.trigger[1], sentence[1]) or _CAMP_DONE_TO.search(
            text, sentence[0], event.trigger[0])
        before = [camp for at, camp in named if found and at < found.start()]
        if before:
            event.add("place", max(reversed(before), key=before.count))


_DESCRIBED = re.compile(r"(?:[Tt]hose\s+(?:(?P<victim>killed|wounded|injured|executed)\b"
                        r"|(?P<agent>responsible)\s+for\b))")


def described_roles(text: str, sentences, events: list[EventHit], actors,
                    registry: tuple[Entity, ...]) -> None:
    """The victims and agents of violent events among the groups described by their fate at
    the event's place, named in the event's sentence or the next."""
    known = {e.id: e for e in registry}
    for event in (e for e in events if e.type in ("Attack", "Killing", "Wounding") and e.place):
        names = [fold(n) for p in event.place if p in known for n, _ in entity_names(known[p])]
        start, end = _window(text, sentences, event.trigger[0])
        for hit in actors:
            group = known.get(hit.entity)
            m = group and start <= hit.start < end and _DESCRIBED.match(group.label)
            if m and any(n in fold(group.label) for n in names) and (m["victim"] or event.type == "Attack"):
                event.add("victim" if m["victim"] else "agent", hit.entity)


def _drop_wider_places(events: list[EventHit], registry: tuple[Entity, ...]) -> None:
    """An event at a camp or a city is not also at the country around it ("Camp Nord in
    Valdoria" places the event at the camp; the containment is a relation of its own)."""
    types = {e.id: e.type for e in registry}
    for event in events:
        if any(types.get(p) in _RANK for p in event.place):
            event.place[:] = [p for p in event.place if types.get(p) not in ("Country", "Region")]


def _place_by_residents(sentences, events: list[EventHit], actors, registry: tuple[Entity, ...]) -> None:
    """An event done to (or moving) people named after their camp ("the residents of Camp
    Nord", "Camp Nord residents") takes place at that camp, unless they are moved there."""
    camps = {e.id for e in registry if _RANK.get(e.type) == 0}
    for event in (e for e in events if e.type in (*VIOLENT, "Relocation")):
        sentence = next((s for s in sentences if s[0] <= event.trigger[0] < s[1] + 1), None)
        if sentence is None or any(p in camps for p in event.place):
            continue
        groups = {g for role in ("target", "victim", "participant") for g in event.roles.get(role, [])}
        held = [h for h in actors if h.entity in groups and sentence[0] <= h.start < sentence[1]]
        named = {h.entity for h in actors if h.entity in camps and any(
            g.start <= h.start and h.end <= g.end for g in held)} - set(event.roles.get("destination", []))
        if len(named) == 1:
            event.place.append(named.pop())


def _place_waiting(text: str, sentences, waiting: list[EventHit], registry: tuple[Entity, ...],
                   doc) -> None:
    folded = fold(text)
    places = {e.id: (_RANK[e.type], _occurrences(doc, folded, [n for n, _ in entity_names(e)]))
              for e in registry if e.type in _RANK}
    places = {p: v for p, v in places.items() if v[1]}
    for event in waiting:
        sentence = next((s for s in sentences if s[0] <= event.trigger[0] < s[1] + 1), None)
        scene = _scene(places, sentence) if sentence else None
        scene = scene or _scene(places, _window(text, sentences, event.trigger[0]))
        if scene:
            event.place.append(scene)


def place_events(text: str, sentences, events: list[EventHit], registry: tuple[Entity, ...],
                 doc=None, actors=()) -> None:
    """Give each event done to a camp's people that camp, each violent event without a place
    the scene its neighbourhood names, then an attack on a camp its residents as target, and
    "the residents" of an appeal, attack or move the residents of the camp named last."""
    _place_by_residents(sentences, events, actors, registry)
    waiting = [e for e in events if e.type in VIOLENT and not e.place and e.roles]
    if waiting:
        _place_waiting(text, sentences, waiting, registry, doc)
    _drop_wider_places(events, registry)
    target_residents(events, registry)
    place_at_the_camp(text, sentences, events, registry)
    name_the_residents(text, sentences, events, registry)


# what a figure or an event's type says happened to the people its described group is of
_FATES = {"killed": "killed", "dead": "killed", "wounded": "wounded", "injured": "wounded",
          "missing": "missing"}
_FATE_OF_TYPE = {"Killing": "killed", "Wounding": "wounded"}
# "the attack on Camp Nord that killed and wounded residents"
_WHICH_KILLED = re.compile(r"[^.;]{0,60}?\b(?:that|which)\s+(killed|wounded|injured)"
                           r"(?:\s+and\s+(killed|wounded|injured))?\b", re.IGNORECASE)


def _on_the_day(event: EventHit, when, text: str, published: date | None) -> bool:
    """The event's own date (or, when it writes none, the document's) is the group's."""
    if when is None:
        return True
    begin = normalise_time(event.time, published).begin if event.time else None
    day, month, year = when
    if begin is None:  # "in April", undated document: the month named must be the group's
        named = {MONTHS[w] for w in re.findall(r"[a-z]+", (event.time or "").lower()) if w in MONTHS}
        return dated_in(text, when, published) and (not named or named == {month})
    return begin[:7] == f"{year:04d}-{month:02d}" and (day is None or int(begin[8:10]) == day)


def _described_at(text: str, event: EventHit, fate: str, registry: tuple[Entity, ...],
                  published: date | None) -> str | None:
    """The one registry group described by ``fate`` at the event's place on its day, if one."""
    known = {e.id: e for e in registry}
    fit = [g for g, (kind, place, when, _) in particulars_of(registry).items()
           if kind == fate and place in event.place and _on_the_day(event, when, text, published)
           and named_through_its_place(known[g], registry, text)]
    return fit[0] if len(fit) == 1 else None


def victims_by_fate(text: str, events: list[EventHit], registry: tuple[Entity, ...],
                    published: date | None) -> None:
    """A killing, wounding, or an attack that counts its dead, wounded or missing ("killing
    six people") at a place, has for victims the registry group described by that fate at
    that place on the event's day ("Those killed at Camp Nord on 3 May 2014"), when exactly
    one group fits."""
    for event in (e for e in events if e.type in ("Attack", "Killing", "Wounding") and e.place):
        fates = {_FATES[c[0]] for c in event.counts if c[0] in _FATES}
        fates |= {_FATE_OF_TYPE[event.type]} if event.type in _FATE_OF_TYPE else set()
        told = _WHICH_KILLED.match(text, event.evidence[1])
        fates |= {_FATES[w.lower()] for w in told.groups() if w} if told else set()
        for fate in sorted(fates):
            group = _described_at(text, event, fate, registry, published)
            if group:
                event.add("victim", group)


def agents_by_fate(text: str, events: list[EventHit], registry: tuple[Entity, ...],
                   published: date | None) -> None:
    """An attack at a place that names no agent has for agent the registry group described
    as "responsible" for the attack at that place on its day, when exactly one fits. Run
    after the claims are read: a described group is not a named party, so telling the
    attack accuses no one."""
    for event in (e for e in events if e.type == "Attack" and e.place and not e.roles.get("agent")):
        group = _described_at(text, event, "responsible", registry, published)
        if group:
            event.add("agent", group)
