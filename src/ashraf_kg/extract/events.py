"""Extraction, step 2: events from trigger words, with their arguments, time and counts.

A trigger ("launched a major assault", "killing", "met", "ordering", "denial") gives the
event type; the entity mentions around it in the same clause give its roles (of
:mod:`.arguments`): the actor before an active verb or after "by" is the agent, an actor
after it the target or victim, places after "at/in/on/around" the place, weapons the
instrument. A definite reference to an earlier event ("the attack", "last night's
attack") adds to that event rather than making a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .arguments import add_arguments
from .counts import attach_counts, find_counts
from .mentions import Hit
from .retold import absorb_quoted_reactions, merge, merge_headline
from .triggers import NOUN_FORMS, TRIGGERS

_TRIGGERS = tuple((re.compile(p, re.IGNORECASE), t, r) for p, t, r in TRIGGERS)
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|last night's|last night’s|today's|previous|earlier"
                       r"|prior|past)\s+(?:\w+\s+)?$)",
                       re.IGNORECASE)
TIME_PATTERN = re.compile(
    r"\b(?:today|yesterday|tonight|last night|this (?:morning|week|year)|days (?:after|before)"
    r"|(?:in )?recent (?:years|months)|(?:approximately |around |about )?midnight(?: local time)?"
    r"|\d{1,2}:\d{2}\s?[AP]M(?: local time)?|\d+ hours|(?:\w+-)?\w+ hours"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2} (?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)(?: \d{4})?|(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)(?: of this year| of last year| \d{4})?)\b",
    re.IGNORECASE)


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


# negated, or only asked for: "no such attack", "should investigate", "must be punished",
# "could not immediately confirm or deny"
_NEGATED = re.compile(r"\b(?:no|not|never|yet to|nor|without|should|must|ought to|need to|needs to)"
                      r"\s+(?:such\s+|be\s+|\w+\s+)?(?:(?:confirm|admit)\s+or\s+)?$", re.IGNORECASE)


def _time_near(found: list[re.Match], trigger) -> str | None:
    """The time expression of the sentence nearest to the trigger."""
    if not found:
        return None
    nearest = min(found, key=lambda m: min(abs(m.start() - trigger[1]), abs(m.end() - trigger[0])))
    return nearest[0]


def _is_reference(text: str, trigger, clause) -> bool:
    """A definite noun ("the attack", "last night's attack") names an event told before."""
    word = text[trigger[0]:trigger[1]]
    return bool(NOUN_FORMS.match(word)) and bool(_DEFINITE.search(text[clause[0]:trigger[0]]))


def _skip_trigger(text: str, m, clause) -> bool:
    """Negated ("no such attack"), asked for ("should investigate"), infinitive ("to
    attack") or complement ("signs of execution")."""
    before = text[clause[0]:m.start()]
    passive = r"(?:be\s+)?" if re.search(r"(?:ed|en)$", m[0].split()[0]) else ""  # "to be transferred"
    infinitive = re.search(rf"\bto\s+{passive}$", before) and not re.search(
        r"\b(?:attempt(?:ed|s|ing)?|an attempt|tried|trying|began|sought|seeks?)\s+to\s+$", before)
    if _NEGATED.search(before) or infinitive:
        return True
    if NOUN_FORMS.match(m[0]) and (_CALLED_FOR.search(before) or re.search(
            r"\b(?:for|of)\s+$", before) and not m[0].endswith("s")):
        return True  # "called for an investigation", "options for relocation": not done
    if re.search(r"\b(?:series|sequence|wave|spate|string|number|campaign)\s+of\s+$", before) \
            and m[0].endswith("s"):
        return False  # "a series of attacks" were attacks
    return bool(NOUN_FORMS.match(m[0])) and bool(re.search(r"\b(?:of|about)\s+$", before))


_CALLED_FOR = re.compile(r"\b(?:call(?:s|ed|ing)?|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|appeal(?:s|ed)?)"
                         r"\b[^.;:]{0,80}$", re.IGNORECASE)


def _adds_information(event: EventHit, antecedent: EventHit) -> bool:
    agents = set(event.roles.get("agent", []))
    return bool(event.counts or event.roles.get("instrument")
                or (agents and agents != set(antecedent.roles.get("agent", []))))


def find_events(text: str, sentences: list[tuple[int, int]], mentions: list[Hit], *,
                check=None) -> list[EventHit]:
    """Events of a document, in text order, with definite references merged.

    ``check(event)`` may take roles off each event as found, before a reference merges it
    into an earlier one (extract.agents reads the parse there)."""
    events: list[EventHit] = []
    pending: list = []  # figures told before any event ("Fatalities: 52" of an infobox)
    triggers = [(m, t, r) for pattern, t, r in _TRIGGERS for m in pattern.finditer(text)]
    for sentence in sentences:
        counts = find_counts(text, sentence)
        times = list(TIME_PATTERN.finditer(text, sentence[0], sentence[1]))
        for clause in split_clauses(text, *sentence):
            found = [f for f in triggers if clause[0] <= f[0].start() and f[0].end() <= clause[1]]
            taken: list[EventHit] = []
            for m, event_type, object_role in sorted(found, key=lambda f: f[0].start()):
                if any(m.start() < e.trigger[1] and e.trigger[0] < m.end() for e in taken) \
                        or _skip_trigger(text, m, clause):
                    continue
                event = EventHit(event_type, (m.start(), m.end()), (m.start(), m.end()))
                limit = min([f[0].start() for f in found if f[0].start() > m.end()
                             and not _skip_trigger(text, f[0], clause)] + [clause[1]])
                add_arguments(event, text, clause, mentions, object_role, limit)
                if check is not None:
                    check(event)
                event.time = _time_near(times, event.trigger)
                event.counts = [c for c in counts
                                if c[0] == "attacks" and c[2][1] >= m.end() - 1 >= c[2][0]]
                _inherit_agent(text, event, taken)
                if not _resolve_reference(text, event, clause, events) \
                        or _merged_into_neighbour(text, event, taken):
                    continue
                events.append(event)
                taken.append(event)
        pending = attach_counts(sentence, counts, events, pending)
    return merge_headline(text, absorb_quoted_reactions(text, sentences,
                                                          sorted(events, key=lambda e: e.trigger)))


def _resolve_reference(text: str, event: EventHit, clause: tuple[int, int],
                       events: list[EventHit]) -> bool:
    """Whether an event is new; a definite reference ("the attack") to an earlier one of its
    type is kept only if it adds something, and then takes the roles it leaves unsaid."""
    if not _is_reference(text, event.trigger, clause):
        return True
    antecedent = next((e for e in reversed(events) if e.type == event.type), None)
    if antecedent is None:
        # "I condemn the killings": what is reacted to is told elsewhere.
        return not _REACTION.search(text, clause[0], event.trigger[0])
    if not _adds_information(event, antecedent):
        antecedent.time = antecedent.time or event.time
        return False
    for role in ("agent", "target") if not event.counts else ():
        if role not in event.roles and antecedent.roles.get(role):
            event.roles[role] = list(antecedent.roles[role])
    event.place = event.place or list(antecedent.place)
    return True


def _merged_into_neighbour(text: str, event: EventHit, taken: list[EventHit]) -> bool:
    """Merge a trigger into one of its type just before it in the clause ("machine-gunned …
    in summary killings" is one event), unless a relative clause separates them."""
    same = next((e for e in reversed(taken) if e.type == event.type), None)
    if same is None or event.trigger[0] - same.trigger[1] >= 70 \
            or re.search(r",\s*(?:which|who)\b", text[same.trigger[1]:event.trigger[0]]):
        return False
    merge(same, event)
    same.evidence = (same.evidence[0], max(same.evidence[1], event.evidence[1]))
    return True


_REACTION = re.compile(r"\b(?:condemn\w*|deplor\w*|prais\w*|welcom\w*|not(?:e|ed|ing)|mourn\w*)\b",
                       re.IGNORECASE)


def _inherit_agent(text: str, event: EventHit, taken: list[EventHit]) -> None:
    """Coordinated participles share a subject: "training X, providing Y and plotting Z"."""
    if not taken or not re.match(r"\w+ing\b", text[event.trigger[0]:event.trigger[1]]):
        return
    previous = taken[-1]
    gap = text[previous.evidence[1]:event.trigger[0]]
    if previous.roles.get("agent") and re.search(r"(?:,|\band)\s+$", gap) and len(gap) < 120:
        event.roles["agent"] = list(previous.roles["agent"])
