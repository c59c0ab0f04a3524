"""Extraction, step 2b: agents the parse contradicts are taken off their events.

The trigger rules take the actor before an active verb as its agent. The dependency
parse vetoes two readings the words alone invite:

- a party that reports, condemns, deplores, denies or blames is the speaker, not the
  agent, of an event told inside its words ("the minister deplored the killing of five
  residents", "the group said its fighters attacked"): the event's trigger sits under
  the speech verb and the actor is that verb's subject;
- an actor inside a modifier of the subject is not the subject ("an attack on a camp
  housing dissidents killed five": the attack killed, not the dissidents), and a verb
  whose subject is an event or a weapon ("the rockets killed five") has no actor before
  it as agent.

Events that are themselves speech (statements, condemnations, denials, appeals) keep
their speaker as agent.

The parse also gives the object the words around a trigger miss when something stands
between them ("the attack this morning against the residents", "attacks on the camp's
residents and their families"): an active verb's direct object, or the object of "on",
"against" or "upon" after an event noun (of "of" after a noun whose object is what it
happens to: "the killing of five residents", "the relocation of the residents"), is the
event's target, victim or participant when the words gave it none.
"""

from __future__ import annotations

import re

from ..namespaces import kind_of
from ..vocab import ACTOR_KINDS
from .attribution import grammatical_subject
from .events import EventHit
from .mentions import Hit
from .stances import STANCES
from .triggers import TRIGGERS
from .voice import SPEECH_EVENTS

_REPORTING = frozenset(w for w, s in STANCES.items() if s in ("asserts", "denies", "accuses", "condemns")) \
    | frozenset("claim claims claimed claiming".split())
_MODIFIERS = frozenset(("prep", "acl", "relcl", "advcl", "pcomp"))
# A verb whose subject is one of these ("the attack killed five") has no actor for subject.
_EVENT_NOUNS = frozenset("""attack attacks assault raid raids bombing bombings blast blasts explosion
    explosions shelling rocket rockets mortar mortars strike strikes fire violence clashes
    barrage""".split())


def _root(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _subject_of(verb):
    """The verb's subject, or the subject of the verb it is joined to ("… killed three and
    wounded dozens")."""
    subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")),
                      key=lambda c: (c.i > verb.i, abs(verb.i - c.i)))
    subject = subjects[0] if subjects else None  # the nearest before: a headline run in gives two
    if subject is None and verb.dep_ == "conj" and verb.head.tag_.startswith("VB"):
        return _subject_of(verb.head)
    return subject


def _spoken_by(trigger, actor) -> bool:
    """The trigger lies under a reporting verb whose subject holds the actor, or, where the
    parse gave the verb no subject of its own, whose words the actor opens ("in a move
    residents said triggered clashes": the parse hangs "residents" on "in")."""
    head = trigger
    while head.head.i != head.i:
        head = head.head
        if head.lower_ in _REPORTING and head.tag_.startswith("VB"):
            subject = _subject_of(head)
            if subject is not None and actor in subject.subtree:
                return True
            if actor.right_edge.i == head.i - 1 and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                return True
    return False


def _inside_subject_modifier(trigger, actor) -> bool:
    """The actor sits in a prepositional or clausal modifier of the trigger's subject, or
    before a verb whose subject is an event or a weapon."""
    subject = _subject_of(trigger) if trigger.tag_.startswith("VB") else None
    if subject is None:
        return False
    if subject.lower_ in _EVENT_NOUNS or any(c.dep_ == "nsubj" and c.lower_ in _EVENT_NOUNS
                                             for c in trigger.children):
        return actor.i < trigger.i
    if actor not in subject.subtree:
        return False
    token = actor
    while token.i != subject.i:
        if token.dep_ in _MODIFIERS and not (token.dep_ == "prep" and token.lower_ == "of"):
            return True  # "battalions of the Army" holds the Army; "an attack on a camp" does not
        token = token.head
    return False


def _actor_at(actors: list[Hit], token) -> str | None:
    return next((h.entity for h in actors if h.start <= token.idx < h.end
                 and kind_of(h.entity) in ACTOR_KINDS), None)


def _take_subject(doc, event: EventHit, actors: list[Hit]) -> None:
    """The actors the parse gives as an active verb's subject (or the subject it shares with
    the verb it is joined to) are its agents (a meeting's participants), in place of what the
    words around the trigger suggested."""
    trigger = _root(doc, *event.trigger)
    if trigger is None or not trigger.tag_.startswith("VB") \
            or any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
        return
    subject, shared = grammatical_subject(trigger)
    if shared and trigger.dep_ == "advcl":  # "X wrote to Y, condemning …": X condemns, Y hears
        _take_addressees(trigger.head, event, actors)
    if subject is None:
        return
    relative = subject.tag_ in ("WDT", "WP") and trigger.dep_ == "relcl"
    clause = {t.i for t in trigger.subtree} if relative else set()
    if relative:
        subject = trigger.head  # "groups that may be holding them": the groups hold them
    found = [e for t in (subject, *subject.conjuncts) if (e := _actor_at(actors, t))]
    if not found and (subject.dep_ == "nsubj" or relative) and subject.tag_ in ("NN", "NNS", "CD") \
            and not any(_actor_at(actors, t) for t in subject.subtree if t.i not in clause):
        event.roles.pop("agent", None)  # "… left 52 dead, dozens wounded": no actor wounded
        return
    if found:
        role = "participant" if event.type in ("Meeting", "Agreement") else "agent"
        kept = [e for e in event.roles.get(role, []) if e in found] if role == "agent" else \
            event.roles.get(role, [])
        event.roles[role] = list(dict.fromkeys(found + kept))


def _take_addressees(verb, event: EventHit, actors: list[Hit]) -> None:
    """Those a verb of writing is addressed to ("X wrote to Y and to Z, condemning …") are the
    recipients, not the agents, of the speech the participle tells."""
    preps = [c for c in verb.children if c.lower_ == "to" and c.dep_ in ("dative", "prep", "conj")]
    for token in (t for p in preps for t in p.subtree if t.dep_ != "compound"):  # not "the UN" of "the UN envoy"
        entity = _actor_at(actors, token)
        if entity and entity not in event.roles.get("recipient", []):
            event.add("recipient", entity)
            if entity in event.roles.get("agent", []):
                event.roles["agent"].remove(entity)
    if event.roles.get("agent") == []:
        event.roles.pop("agent")


# The role of the actor an event happens to, by event type (the first trigger's word).
_OBJECT_ROLES = {t: r for _, t, r in reversed(TRIGGERS) if r}
# Event nouns whose "of" names what the event happens to ("the killing of five residents").
_OF_OBJECT = frozenset(("Killing", "Wounding", "Relocation", "Detention", "Abduction", "Confinement"))


def _object_tokens(trigger, event_type: str) -> list:
    """The tokens the parse gives as what ``trigger`` acts on: an active verb's direct
    object, a noun's object of "on", "against", "upon" (or "of"), with their conjuncts."""
    heads = []
    if trigger.tag_.startswith("VB"):
        if not any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children):
            heads = [c for c in trigger.children if c.dep_ == "dobj"]
    elif trigger.tag_.startswith("NN"):
        preps = {"on", "against", "upon"} | ({"of"} if event_type in _OF_OBJECT else set())
        heads = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj"]
    return [t for head in heads for t in (head, *head.conjuncts)]


def _take_objects(doc, event: EventHit, actors: list[Hit]) -> None:
    """The parse's object of the trigger as the event's object role, when the words
    around the trigger gave it none."""
    role = _OBJECT_ROLES.get(event.type)
    if role is None or event.roles.get(role) or event.type in SPEECH_EVENTS:
        return
    trigger = _root(doc, *event.trigger)
    if trigger is None:
        return
    taken = set(event.roles.get("agent", []))
    for token in _object_tokens(trigger, event.type):
        hit = next((h for h in actors if h.start <= token.idx < h.end
                    and kind_of(h.entity) in ACTOR_KINDS and h.entity not in taken), None)
        if hit is not None:
            event.add(role, hit.entity)
            event.evidence = (min(event.evidence[0], hit.start), max(event.evidence[1], hit.end))


# "urged them to", "call on it to", "has urged that it proceed": a pronoun addressee
_PRONOUN_ADDRESSEE = re.compile(r"\s+(?:that\s+)?(it|them)\s+(?:to\s+)?[a-z]+\b")


def _take_pronoun_addressee(text: str, event: EventHit, actors: list[Hit]) -> None:
    """An appeal to "it" or "them" is addressed to the last organisation (or, for "them",
    group) named before it within the sentence or the one before, other than the party
    making the appeal."""
    said = _PRONOUN_ADDRESSEE.match(text, event.trigger[1])
    if event.type != "Appeal" or "recipient" in event.roles or said is None:
        return
    kinds = ("organization",) if said[1] == "it" else ("organization", "group")
    speaker = event.roles.get("agent", [])
    before = [h for h in actors if event.trigger[0] - 300 <= h.start and h.end <= event.trigger[0]
              and h.entity not in speaker and not re.search(r"[.!?]\s.*[.!?]\s", text[h.end:event.trigger[0]])]
    if before and kind_of(before[-1].entity) in kinds:
        event.add("recipient", before[-1].entity)
        event.evidence = (event.evidence[0], max(event.evidence[1], said.end(1)))


def _take_appeal_group(doc, event: EventHit, actors: list[Hit]) -> None:
    """An appeal is about the first group its sentence names after the addressee, however
    long the request in between ("call on the army to use whatever influence it has with
    those holding the missing residents")."""
    if event.type != "Appeal" or "target" in event.roles or not event.roles.get("recipient"):
        return
    span = doc.char_span(event.trigger[0], event.trigger[1], alignment_mode="expand")
    end = span.sent.end_char if span is not None else event.trigger[1]
    taken = event.roles.get("recipient", []) + event.roles.get("agent", [])
    group = next((h for h in actors if event.trigger[1] <= h.start and h.end <= end
                  and kind_of(h.entity) == "group" and h.entity not in taken), None)
    if group is not None:
        event.add("target", group.entity)


def _drop_speakers(doc, event: EventHit, actors: list[Hit]) -> None:
    """The one who reports an event is not what it is done to: "X said dozens were
    wounded" wounded dozens, not X."""
    trigger = _root(doc, *event.trigger) if event.type not in SPEECH_EVENTS else None
    if trigger is None:
        return
    sentence = trigger.sent
    for role in ("victim", "target"):
        for entity in list(event.roles.get(role, ())):
            tokens = [t for h in actors if h.entity == entity and sentence.start_char <= h.start < sentence.end_char
                      and (t := _root(doc, h.start, h.end)) is not None]
            if tokens and all(_spoken_by(trigger, t) for t in tokens):
                event.roles[role].remove(entity)
        if role in event.roles and not event.roles[role]:
            event.roles.pop(role)


def check_agents(text: str, doc, events: list[EventHit], actors: list[Hit]) -> None:
    """Take the parse's subject as agent and its object as target (or victim, or
    participant) where the words gave none, then take off each event the agents the
    parse shows to be its reporter or a modifier. ``text`` is ``doc``'s text, which the
    ``Doc`` would rebuild token by token on every ``doc.text``."""
    for event in events:
        _take_subject(doc, event, actors)
        _take_objects(doc, event, actors)
        _take_pronoun_addressee(text, event, actors)
        _take_appeal_group(doc, event, actors)
        _drop_speakers(doc, event, actors)
        agents = event.roles.get("agent")
        trigger = _root(doc, *event.trigger) if agents and event.type not in SPEECH_EVENTS else None
        if trigger is None:
            continue
        sentence = trigger.sent
        kept = []
        for entity in agents:
            tokens = [_root(doc, h.start, h.end) for h in actors if h.entity == entity
                      and sentence.start_char <= h.start < sentence.end_char]
            tokens = [t for t in tokens if t is not None]
            if tokens and all(_spoken_by(trigger, t) or _inside_subject_modifier(trigger, t)
                              for t in tokens):
                continue
            kept.append(entity)
        if kept:
            event.roles["agent"] = kept
        else:
            event.roles.pop("agent")
