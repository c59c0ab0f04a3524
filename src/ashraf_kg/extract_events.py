"""Extraction, step 2: events from trigger words, with their arguments, time and counts.

A trigger ("launched a major assault", "killing", "met", "ordering", "denial") gives the
event type; the entity mentions around it in the same clause give its roles: the actor
before an active verb or after "by" is the agent, an actor after it the target or
victim, places after "at/in/on/around" the place, weapons the instrument. A definite
reference to an earlier event ("the attack", "last night's attack") adds to that event
rather than making a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract_mentions import Hit
from .timex import number_value

ACTOR_KINDS = ("person", "organization", "group")
_V = r"(?:s|es|ed|d|ing)?"
# (pattern, event type, object role); patterns match the trigger word(s) only.
TRIGGERS = (
    (rf"\b(?:assault{_V}|attack{_V}|raid{_V}|storm(?:ed|ing)|shell(?:ed|ing)|fired|fire[sd]? on"
     rf"|bomb{_V}|(?:perpetrated|carried out) (?:the |an |a )?(?:actual )?attack)\b", "Attack", "target"),
    (rf"\b(?:kill{_V}|killings?|murder{_V}|machine-gunned|shot dead|summary killings)\b",
     "Killing", "victim"),
    (rf"\b(?:execution|executed)\b", "Killing", "victim"),
    (rf"\b(?:wound{_V}|injur(?:ed|ing|ies))\b", "Wounding", "victim"),
    (r"\b(?:set (?:alight|fire to|on fire)|burn(?:ed|t)|torch(?:ed|ing))\b", "Arson", "target"),
    (r"\b(?:fle(?:e|d|eing)|escap(?:e|ed|ing))\b", "Flight", "participant"),
    (r"\b(?:met|meet(?:s|ing)?)\b", "Meeting", "participant"),
    (r"\b(?:order(?:ed|ing|s)?|direct(?:ed|ing)? the)\b", "Order", "recipient"),
    (r"\bden(?:ied|ies|y|ying|ial)\b", "Denial", "target"),
    (r"\b(?:charged|accus(?:ed|es|ing))\b", "Accusation", "target"),
    (r"\b(?:call(?:ed|s|ing)? (?:for|on)|urg(?:ed|es|ing)|appeal(?:ed|s)? (?:to|for))\b",
     "Appeal", "recipient"),
    (r"\b(?:prevent(?:ed|ing|s)?|block(?:ed|ing)|barred) from\b", "AccessObstruction", "target"),
    (r"\bremov(?:ed|ing|al)\b", "RemovalFromPost", "target"),
    (r"\b(?:broadcast(?:ing|s)?|issuing reports|aired)\b", "Broadcast", "target"),
    (r"\b(?:released?|releasing|published|disclosed|made public)\b(?! (?:from|of))",
     "InformationRelease", "target"),
    (r"\b(?:confined|interned|held) (?:at|in)\b", "Confinement", "participant"),
    (r"\btrain(?:ed|ing|s)\b", "Training", "participant"),
    (r"\b(?:providing|supplying|arming|provided|supplied) (?:fighters|weapons|arms)\b",
     "MilitarySupport", "recipient"),
    (r"\bplot(?:ting|ted|s)?\b", "Plotting", "target"),
    (r"\b(?:detain(?:ed|ing)?|arrest(?:ed|ing)?|handcuffed)\b", "Detention", "victim"),
    (r"\b(?:abduct(?:ed|ing)?|kidnapp(?:ed|ing)|spirited (?:\[?away\]? )?)\b", "Abduction", "victim"),
    (r"\b(?:condemn(?:ed|s|ing)?|deplores?|deplored)\b", "Condemnation", "target"),
    (r"\b(?:lied|cover(?:ing)? up|deceiv(?:ed|ing))\b", "Deception", "target"),
    (r"\b(?:said|stated|statement|added|announced)\b", "Statement", "recipient"),
)
_TRIGGERS = tuple((re.compile(p, re.IGNORECASE), t, r) for p, t, r in TRIGGERS)
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|last night's|last night’s|today's)\s+(?:\w+\s+)?$)",
                       re.IGNORECASE)
_NOUN_FORMS = re.compile(r"^(?:assault|attack|raid|killings?|execution|denial|statement|removal"
                         r"|training|plotting)$", re.IGNORECASE)
TIME_PATTERN = re.compile(
    r"\b(?:today|yesterday|tonight|last night|this (?:morning|week|year)|days (?:after|before)"
    r"|(?:in )?recent (?:years|months)|(?:approximately |around |about )?midnight(?: local time)?"
    r"|\d{1,2}:\d{2}\s?[AP]M(?: local time)?|\d+ hours|(?:\w+-)?\w+ hours"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2} (?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)(?: \d{4})?|(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)(?: of this year| of last year| \d{4})?)\b",
    re.IGNORECASE)
_COUNT = re.compile(
    r"\b(?P<verb>killing|killed|wounding|wounded|leaving|released|executing|executed)\s+"
    r"(?P<num>\d+|[a-z]+(?:-[a-z]+)?)\b(?P<rest>(?:\s+\w+){0,2}?\s+(?P<adj>dead|missing|names|killed|wounded))?"
    r"|\b(?P<num2>\d+|[a-z]+(?:-[a-z]+)?)\s+(?:\w+\s+){0,2}?(?P<adj2>dead|missing|killed|wounded|injured)\b"
    r"|\b(?P<label>Fatalities|Deaths|Killed|Wounded|Injured|Missing):\s*(?P<num3>\d+)",
    re.IGNORECASE)
_COUNT_KINDS = {"killing": "killed", "killed": "killed", "wounding": "wounded",
                "wounded": "wounded", "injured": "wounded", "dead": "dead", "missing": "missing",
                "names": "named", "released": "named", "executing": "executed",
                "executed": "executed", "fatalities": "dead", "deaths": "dead", "leaving": "dead"}


@dataclass
class EventHit:
    """An event found in the text; ``roles`` maps a role to entity ids in order found."""

    type: str
    trigger: tuple[int, int]
    evidence: tuple[int, int]
    roles: dict[str, list[str]] = field(default_factory=dict)
    place: list[str] = field(default_factory=list)
    time: str | None = None
    counts: list[tuple[str, int | None, tuple[int, int]]] = field(default_factory=list)
    confidence: float = 0.6
    alleged: bool = False

    def add(self, role: str, entity: str) -> None:
        ids = self.place if role == "place" else self.roles.setdefault(role, [])
        if entity not in ids:
            ids.append(entity)


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a sentence: split at semicolons and dashes."""
    spans, begin = [], start
    for m in re.finditer(r"\s*[;–—]\s+|\s+-\s+", text[start:end]):
        spans.append((begin, start + m.start()))
        begin = start + m.end()
    spans.append((begin, end))
    return [s for s in spans if s[1] > s[0]]


def _kind(hit: Hit) -> str:
    return hit.entity.split("/", 1)[0]


def _agent(text: str, trigger: tuple[int, int], clause, mentions: list[Hit]) -> Hit | None:
    after = text[trigger[1]:clause[1]]
    by = re.match(r"^(?:\s+\w+){0,4}?\s+by\s+", after)
    if by or re.match(r"\s+by\b", after):
        offset = trigger[1] + (by.end() if by else 0)
        for hit in mentions:
            if offset <= hit.start < clause[1] and _kind(hit) in ACTOR_KINDS:
                return hit
    before = [h for h in mentions if clause[0] <= h.start and h.end <= trigger[0]
              and _kind(h) in ACTOR_KINDS]
    if before:
        last = before[-1]
        gap = text[last.end:trigger[0]]
        if not re.search(r"\b(?:of|with|to|on|at|against|upon)\s*$", gap) or len(before) == 1:
            return last
    return None


def _arguments(event: EventHit, text: str, clause, mentions: list[Hit], object_role: str) -> None:
    agent = _agent(text, event.trigger, clause, mentions)
    if agent:
        event.add("participant" if event.type == "Meeting" else "agent", agent.entity)
        event.evidence = (min(event.evidence[0], agent.start), event.evidence[1])
    window_end = min(clause[1], event.trigger[1] + 120)
    for hit in mentions:
        if not (event.trigger[1] <= hit.start < window_end) or (agent and hit == agent):
            continue
        kind, gap = _kind(hit), text[event.trigger[1]:hit.start]
        if kind == "place" and re.search(r"\b(?:at|in|on|around|near|outside(?: of)?|upon|of)\s+(?:the\s+)?$", gap):
            event.add("place", hit.entity)
        elif kind == "thing":
            event.add("instrument", hit.entity)
        elif kind in ACTOR_KINDS and not re.search(r"\bby\s+$", gap) \
                and not object_role in event.roles and len(gap) < 60:
            event.add(object_role, hit.entity)
            event.evidence = (event.evidence[0], max(event.evidence[1], hit.end))
        elif kind in ACTOR_KINDS and re.search(r"\bcommanded by\s+(?:\w+\s+)?$", gap):
            event.add("commander", hit.entity)


def _time_near(text: str, sentence, trigger) -> str | None:
    found = [m for m in TIME_PATTERN.finditer(text, sentence[0], sentence[1])]
    if not found:
        return None
    nearest = min(found, key=lambda m: min(abs(m.start() - trigger[1]), abs(m.end() - trigger[0])))
    return nearest[0]


def find_counts(text: str, sentence) -> list[tuple[str, int | None, tuple[int, int]]]:
    """(kind, value, span) of every casualty figure in a sentence: "killing forty-four"."""
    counts = []
    for m in _COUNT.finditer(text, sentence[0], sentence[1]):
        word = m["num"] or m["num2"] or m["num3"]
        value = number_value(word)
        if value is None:
            continue
        key = (m["adj"] or m["verb"] or m["adj2"] or m["label"]).lower()
        if m["verb"] and m["adj"] in ("dead", "missing", "names"):
            key = m["adj"]
        if m["verb"] == "leaving" and not m["adj"]:
            continue
        counts.append((_COUNT_KINDS.get(key, "killed"), value, (m.start(), m.end())))
    return counts


def _is_reference(text: str, trigger, clause, event: EventHit) -> bool:
    word = text[trigger[0]:trigger[1]]
    return (bool(_NOUN_FORMS.match(word)) and bool(_DEFINITE.search(text[clause[0]:trigger[0]]))
            and "agent" not in event.roles)


def find_events(text: str, sentences: list[tuple[int, int]], mentions: list[Hit]) -> list[EventHit]:
    """Events of a document, in text order, with definite references merged."""
    events: list[EventHit] = []
    for sentence in sentences:
        for clause in split_clauses(text, *sentence):
            taken: list[tuple[int, int]] = []
            for pattern, event_type, object_role in _TRIGGERS:
                for m in pattern.finditer(text, clause[0], clause[1]):
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    event = EventHit(event_type, (m.start(), m.end()), (m.start(), m.end()))
                    _arguments(event, text, clause, mentions, object_role)
                    event.time = _time_near(text, sentence, event.trigger)
                    antecedent = next((e for e in reversed(events) if e.type == event_type), None)
                    if antecedent and _is_reference(text, event.trigger, clause, event):
                        _merge(antecedent, event)
                        continue
                    events.append(event)
        _attach_counts(text, sentence, events)
    return sorted(events, key=lambda e: e.trigger)


def _merge(antecedent: EventHit, event: EventHit) -> None:
    for role, ids in event.roles.items():
        for entity in ids:
            antecedent.add(role, entity)
    for entity in event.place:
        antecedent.add("place", entity)
    antecedent.time = antecedent.time or event.time


def _attach_counts(text: str, sentence, events: list[EventHit]) -> None:
    counts = find_counts(text, sentence)
    violent = [e for e in events if e.type in ("Attack", "Killing", "Wounding", "InformationRelease")]
    for kind, value, span in counts:
        here = [e for e in violent if sentence[0] <= e.trigger[0] < sentence[1]]
        owner = (min(here, key=lambda e: abs(e.trigger[0] - span[0])) if here
                 else (violent[-1] if violent else None))
        if owner is not None:
            owner.counts.append((kind, value, span))
