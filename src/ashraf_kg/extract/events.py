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

from ..namespaces import kind_of
from ..vocab import ACTOR_KINDS
from .counts import attach_counts, find_counts
from .mentions import Hit
from .retold import absorb_quoted_reactions, merge, merge_headline
from .triggers import TRIGGERS

_TRIGGERS = tuple((re.compile(p, re.IGNORECASE), t, r) for p, t, r in TRIGGERS)
_DEFINITE = re.compile(r"(?:\b(?:the|this|that|last night's|last night’s|today's|previous|earlier"
                       r"|prior|past)\s+(?:\w+\s+)?$)",
                       re.IGNORECASE)
_NOUN_FORMS = re.compile(r"^(?:assaults?|attacks?|raids?|killings|execution|denial|statement|removal"
                         r"|memorandum|agreement|accord"
                         r"|relocation|resettlement|displacement|investigations?|inquiry|inquiries|movement|transfer|fact"
                         r"|training|plotting|use)$", re.IGNORECASE)
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


def _kind(hit: Hit) -> str:
    return kind_of(hit.entity)


# Events done with a weapon; events whose parties all take part alike.
_ARMED = ("Attack", "Killing", "Wounding", "Arson")
_TOGETHER = ("Meeting", "Agreement")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+\s+)?$")
_SUBORDINATE = re.compile(r"\b(?:as|while|when|because|although|whereas)\s")
_INSERTS = re.compile(r",\s*(?:which|who)\b[^,]*,|\([^)]*\)|–[^–]*–")
_OBJECT_GAP = re.compile(r"^\s*(?:(?:on|upon|against|at|with|to|directly with|that|between|among)\s+)?"
                         r"(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w-]+\s+){0,3}$")
# "X and the Y", and "X and the Mission for Z (" before an acronym
_COORDINATED = re.compile(r"^[\s,]*(?:and\s+|as\s+well\s+as\s+)?(?:(?:the\s+)?[A-Z][\w-]*\s+){0,4}(?:the\s+)?$"
                          r"|^[\s,]*and\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|the))*\s+\($")
# negated, or only asked for: "no such attack", "should investigate", "must be punished"
_NEGATED = re.compile(r"\b(?:no|not|never|yet to|nor|without|should|must|ought to|need to|needs to)"
                      r"\s+(?:such\s+|be\s+|\w+\s+)?$", re.IGNORECASE)
_BY = re.compile(r"^(?:\s*\(?[\w-]+\)?){0,6}?\s+by\s+", re.IGNORECASE)  # "agreement (MOU) signed by"


def _by_phrase(text: str, trigger, clause, mentions: list[Hit]) -> tuple[str, list[Hit]] | None:
    """("agent"|"commander", actors) of a "… by X" (or "by X and Y") phrase right after the
    trigger."""
    after = text[trigger[1]:clause[1]]
    m = _BY.match(after[:80])
    if not m or re.search(r"[,;]", m[0]):
        return None
    role = "commander" if re.search(r"\b(?:commanded|led|directed)\s+by\s+$", m[0]) else "agent"
    start = trigger[1] + m.end()
    heads: list[Hit] = []
    for hit in mentions:  # the last actor of the noun phrase: "UN official Tahar Boumedra"
        if start <= hit.start < min(clause[1], start + 60) and _kind(hit) in ACTOR_KINDS:
            gap = text[heads[-1].end:hit.start] if heads else ""
            if heads and re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", gap):
                heads.append(hit)  # "signed by the UN and the Government"
            elif heads and not re.fullmatch(r"\s+(?:[a-z]+\s+)?", gap):
                break
            else:
                heads[-1:] = [hit]
            start = hit.end
    return (role, heads) if heads else None


def _subject(text: str, trigger, clause, mentions: list[Hit]) -> Hit | None:
    """The actor before the trigger, skipping inserted relative clauses and parentheses."""
    region = text[clause[0]:trigger[0]]
    masked = _INSERTS.sub(lambda m: " " * len(m[0]), region)
    last_sub = [m.end() for m in _SUBORDINATE.finditer(masked)]
    floor = clause[0] + (last_sub[-1] if last_sub else 0)
    before = [h for h in mentions if floor <= h.start and h.end <= trigger[0]
              and _kind(h) in ACTOR_KINDS and masked[h.start - clause[0]] != " "]
    if len(before) > 1 and re.search(r"\s[a-z]+\b.*,\s*and\s+(?:also\s+)?$",
                                     text[before[-1].end:trigger[0]]):
        return before[0]  # "We note the statements by X, and call on": the verbs share "We"
    return before[-1] if before else None


def _source(text: str, event: EventHit, clause, mentions: list[Hit]) -> tuple[str, list[Hit]] | None:
    """The actor a trigger names after itself: "support from X", "In a statement, X said"."""
    words = text[event.trigger[0]:event.trigger[1]]
    if not (words.endswith(" from") or (event.type == "Statement" and words.lower().startswith("in "))):
        return None
    head = None
    for hit in mentions:
        if event.trigger[1] <= hit.start < min(clause[1], event.trigger[1] + 60) \
                and _kind(hit) in ACTOR_KINDS:
            if head and not re.fullmatch(r"\s+(?:[\w-]+\s+){0,2}", text[head.end:hit.start]):
                break
            head = hit
    return ("agent", [head]) if head else None


def _coordinated(text: str, subject: Hit, mentions: list[Hit]) -> list[Hit]:
    """The subject and the actors joined to it: "The UN office and UNAMI (…) condemned"."""
    chosen = [subject]
    for hit in reversed([h for h in mentions if h.end <= subject.start]):
        gap = text[hit.end:chosen[0].start]
        if _kind(hit) in ACTOR_KINDS and hit.entity not in {c.entity for c in chosen} and \
                re.fullmatch(r"\s*(?:\([^)]*\))?\s*,?\s*and\s+(?:the\s+)?", gap):
            chosen.insert(0, hit)
        elif re.fullmatch(r"\s*\(\s*", gap) and hit.entity == subject.entity:
            chosen[0] = hit  # "United Nations Assistance Mission for Iraq (UNAMI"
        else:
            break
    return chosen


def _arguments(event: EventHit, text: str, clause, mentions: list[Hit], object_role,
               limit: int) -> None:
    source = _source(text, event, clause, mentions)
    by = _by_phrase(text, event.trigger, clause, mentions) or source
    if by:
        for hit in by[1]:
            event.add("participant" if event.type in _TOGETHER else by[0], hit.entity)
        event.evidence = (event.evidence[0], max(event.evidence[1], by[1][-1].end))
    subject = None if by and by[0] == "agent" and not source else _subject(
        text, event.trigger, clause, mentions)
    word = text[event.trigger[0]:event.trigger[1]].split()[0]
    light = re.search(r"\b(?:launch(?:ed|es)?|carr(?:y|ies|ied) out|conduct(?:s|ed)?|mount(?:s|ed)?"
                      r"|stag(?:es|ed)|beg(?:an|un|ins)|engaged in|initiat(?:es|ed)|open(?:s|ed)"
                      r"|undert(?:akes|ook|aken)|d(?:o|id|oes|one)(?:n['’]t|\s+not)?)"
                      r"\s+(?:\w+\s+){0,3}$", text[clause[0]:event.trigger[0]])
    noun = _NOUN_FORMS.match(word) or (word.endswith("ing") and re.search(  # "the killing of"
        r"\b(?:the|a|an|this|that|its|their|his|her)\s+$", text[clause[0]:event.trigger[0]]))
    if subject and noun and not light and not re.fullmatch(
            r"(?:['’]s|-led|-backed)?\s*(?:\w+\s+){0,1}", text[subject.end:event.trigger[0]]):
        subject = None
    if subject:
        gap = text[subject.end:event.trigger[0]]
        passive = re.search(r"(?:ed|en|t)$", word) and _PASSIVE.search(gap)
        if passive and ("," in gap or len(gap) > 40):
            return _objects(event, text, (clause[0], limit), mentions, object_role, skip=())
        # who stands before a meeting, or before a relocation named by a noun ("the UN-led
        # resettlement"), takes part in it rather than carrying it out
        role = (object_role or "target") if passive else (
            "participant" if event.type in _TOGETHER or (event.type == "Relocation" and noun)
            else "agent")
        if source:
            role = object_role or "target"
        joint = role == "agent" or (role == "participant" and event.type in _TOGETHER)
        for hit in _coordinated(text, subject, mentions) if joint else [subject]:
            event.add(role, hit.entity)
        event.evidence = (min(event.evidence[0], subject.start), event.evidence[1])
    if subject is None:
        _passive_scene(event, text, clause, mentions)
    _objects(event, text, (clause[0], limit), mentions, object_role,
             skip=(subject, *(by[1] if by else ())))


def _passive_scene(event: EventHit, text: str, clause, mentions: list[Hit]) -> None:
    """A place an armed event is done to, as its passive subject: "the camp was shelled"."""
    if event.type not in _ARMED:
        return
    for hit in mentions:
        if clause[0] <= hit.start and hit.end <= event.trigger[0] and _kind(hit) == "place" and re.fullmatch(
                r"\s+(?:is|are|was|were|has been|have been|had been)\s+(?:[a-z]+ly\s+)?",
                text[hit.end:event.trigger[0]]):
            event.add("place", hit.entity)


def _objects(event: EventHit, text: str, clause, mentions, object_role, skip) -> None:
    window_end = min(clause[1], event.trigger[1] + 120)
    for hit in mentions:  # the weapon in or just before the trigger: "rockets struck", "a rocket attack"
        inside = event.trigger[0] <= hit.start and hit.end <= event.trigger[1]
        if _kind(hit) == "thing" and event.type in _ARMED and (inside or text[hit.end:event.trigger[0]] == " "):
            event.add("instrument", hit.entity)
    previous = previous_place = last_place = None
    role = _addressee_role(event, text, window_end, object_role)
    for hit in mentions:
        if not (event.trigger[1] <= hit.start < window_end) or hit in skip:
            continue
        kind, gap = _kind(hit), text[event.trigger[1]:hit.start]
        words = text[event.trigger[0]:hit.start]  # a preposition may end the trigger: "fired on"
        if re.search(r"\bby\b", gap):
            break
        if kind == "place" and last_place and _LOCATOR.fullmatch(text[last_place.end:hit.start]):
            continue  # "to Camp Nord outside Kesh": Kesh locates the camp, not the event
        last_place = hit if kind == "place" else last_place
        if kind == "place" and re.search(r"\bto\s+(?:the\s+)?$", words) \
                and event.type in ("Appeal", "Order", "Flight", "Abduction", "Detention", "Relocation"):
            event.add("destination", hit.entity)
        elif kind == "place" and event.type not in _SAID and (re.search(
                r"\b(?:at|in|on|around|near|outside(?: of)?|upon|into|from|within|inside)\s+(?:the\s+)?$", words)
                or (event.type in ("Attack", "Arson") and re.fullmatch(r"\s+(?:the\s+)?", gap))
                or (previous_place and re.fullmatch(r"[\s,]*(?:and\s+)?(?:the\s+)?",
                                                    text[previous_place.end:hit.start]))):
            event.add("place", hit.entity)
            previous_place = hit
        elif kind == "thing" and event.type in _ARMED:
            event.add("instrument", hit.entity)
        elif kind in ACTOR_KINDS and object_role:
            if previous and hit.entity == previous.entity and re.fullmatch(
                    r"[\s,]*(?:or\s+)?\(?", text[previous.end:hit.start]):
                previous = hit  # "the Mission in Iraq, or UNAMI, as well as the army"
                continue
            joined = previous and _COORDINATED.match(text[previous.end:hit.start])
            first = object_role not in event.roles or event.type in _TOGETHER
            if joined or (first and _OBJECT_GAP.match(gap)):
                event.add(role(hit), hit.entity)
                event.evidence = (event.evidence[0], max(event.evidence[1], hit.end))
                previous = hit
            elif _appeal_about(event, hit):
                event.add("target", hit.entity)


# a place after what is said or condemned is where the thing told of happened ("condemns
# the events at Camp Nord"), not where the words were spoken
_SAID = ("Statement", "Condemnation")
# a place that locates the place before it: "Camp Nord outside of Kesh", "near the airport"
_LOCATOR = re.compile(r"\s*,?\s*(?:just\s+|\d+\s+\w+\s+)?(?:outside(?:\s+of)?|near|close to"
                      r"|(?:north|south|east|west)\s+of)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?")


_NOT_VERBS = frozenset("be the a an its their his her all justice".split())


def _addressee_role(event: EventHit, text: str, window_end: int, object_role):
    """The role of an actor after the trigger: who a call asks to act ("called for the army
    to withdraw") is its recipient, not what the call is for ("called for the killers to be
    tried")."""
    if event.type != "Appeal" or object_role != "target":
        return lambda hit: object_role
    asked = re.search(r"\bto\s+([a-z]+)", text[event.trigger[1]:window_end])
    until = event.trigger[1] + (asked.start() if asked else 0)
    if asked is None or asked[1] in _NOT_VERBS or re.search(r"[,;:]|\bthat\b", text[event.trigger[1]:until]):
        return lambda hit: object_role
    return lambda hit: "recipient" if hit.end <= until else object_role


def _appeal_about(event: EventHit, hit: Hit) -> bool:
    """The group an appeal is about, named after its addressee: "call on the army to protect
    the residents" is about the residents."""
    return event.type == "Appeal" and _kind(hit) == "group" and "target" not in event.roles \
        and hit.entity not in event.roles.get("recipient", []) + event.roles.get("agent", [])


def _time_near(found: list[re.Match], trigger) -> str | None:
    """The time expression of the sentence nearest to the trigger."""
    if not found:
        return None
    nearest = min(found, key=lambda m: min(abs(m.start() - trigger[1]), abs(m.end() - trigger[0])))
    return nearest[0]


def _is_reference(text: str, trigger, clause) -> bool:
    """A definite noun ("the attack", "last night's attack") names an event told before."""
    word = text[trigger[0]:trigger[1]]
    return bool(_NOUN_FORMS.match(word)) and bool(_DEFINITE.search(text[clause[0]:trigger[0]]))


def _skip_trigger(text: str, m, clause) -> bool:
    """Negated ("no such attack"), asked for ("should investigate"), infinitive ("to
    attack") or complement ("signs of execution")."""
    before = text[clause[0]:m.start()]
    passive = r"(?:be\s+)?" if re.search(r"(?:ed|en)$", m[0].split()[0]) else ""  # "to be transferred"
    infinitive = re.search(rf"\bto\s+{passive}$", before) and not re.search(
        r"\b(?:attempt(?:ed|s|ing)?|an attempt|tried|trying|began|sought|seeks?)\s+to\s+$", before)
    if _NEGATED.search(before) or infinitive:
        return True
    if _NOUN_FORMS.match(m[0]) and (_CALLED_FOR.search(before) or re.search(
            r"\b(?:for|of)\s+$", before) and not m[0].endswith("s")):
        return True  # "called for an investigation", "options for relocation": not done
    if re.search(r"\b(?:series|sequence|wave|spate|string|number|campaign)\s+of\s+$", before) \
            and m[0].endswith("s"):
        return False  # "a series of attacks" were attacks
    return bool(_NOUN_FORMS.match(m[0])) and bool(re.search(r"\b(?:of|about)\s+$", before))


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
                _arguments(event, text, clause, mentions, object_role, limit)
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
