"""Extraction, step 2a: the arguments of an event, from the mentions around its trigger.

The actor before an active verb, with the actors coordinated with it, or after "by" is
the agent ("signed by the UN and the Government"); an actor after the trigger the target
or victim, or, of a call, the recipient asked to act ("called on the army to protect");
places after "at/in/on/around" the place, after "to" the destination; weapons in or
after the trigger the instrument; a place an armed verb is done to in the passive ("the
camp was shelled") the place. :func:`add_arguments` fills the roles of one event of
:mod:`.events`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..namespaces import kind_of
from ..vocab import ACTOR_KINDS
from .mentions import Hit
from .names import LOCATING
from .triggers import NOUN_FORMS

if TYPE_CHECKING:
    from .events import EventHit

# Events done with a weapon; events whose parties all take part alike.
_ARMED = ("Attack", "Killing", "Wounding", "Arson")
_TOGETHER = ("Meeting", "Agreement")
_NEW_CLAUSE = re.compile(r"\b(?:when|while|because|although|whereas|after|before|since|until)\s")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+\s+)?$")
_SUBORDINATE = re.compile(r"\b(?:as|while|when|because|although|whereas)\s")
_INSERTS = re.compile(r",\s*(?:which|who)\b[^,]*,|\([^)]*\)|–[^–]*–")
_OBJECT_GAP = re.compile(r"^\s*(?:(?:on|upon|against|at|with|to|directly with|that|between|among)\s+)?"
                         r"(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w-]+\s+){0,3}$")
# "X and the Y", and "X and the Mission for Z (" before an acronym
_COORDINATED = re.compile(r"^[\s,]*(?:and\s+|as\s+well\s+as\s+)?(?:(?:the\s+)?[A-Z][\w-]*\s+){0,4}(?:the\s+)?$"
                          r"|^[\s,]*and\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|for|the))*\s+\($")
# "agreement (MOU) signed by": up to six words before "by". Each word is taken whole
# (possessive): cutting one shorter could only spend more of the six, so the matches are the
# same, and a window without "by" fails at once instead of trying every way to cut its words.
_BY = re.compile(r"^(?:\s*+\(?+[\w-]++\)?+){0,6}?\s+by\s+", re.IGNORECASE)


def _kind(hit: Hit) -> str:
    return kind_of(hit.entity)


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
        if not heads and start <= hit.start < start + 60 and _kind(hit) not in ACTOR_KINDS:
            start = hit.end  # "by Kesh police": the place qualifies the actor after it, …
        elif start <= hit.start < min(clause[1], start + 60) and _kind(hit) in ACTOR_KINDS:
            if not heads and start > trigger[1] + m.end() \
                    and not re.fullmatch(r"(?:['’]s)?\s*", text[start:hit.start]):
                break  # … or "by Kesh's army"; but "plans by Kesh to send the residents"
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


def find_coordinated(text: str, subject: Hit, mentions: list[Hit]) -> list[Hit]:
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


def add_arguments(event: EventHit, text: str, clause, mentions: list[Hit], object_role,
                  limit: int) -> None:
    """Fill the roles and place of ``event`` from the mentions of its clause; an actor after
    the trigger takes ``object_role``, and objects are sought no further than ``limit``
    (where the clause's next trigger begins)."""
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
    noun = NOUN_FORMS.match(word) or (word.endswith("ing") and re.search(  # "the killing of"
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
        for hit in find_coordinated(text, subject, mentions) if joint else [subject]:
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
        if re.search(r"\bby\b", gap) or _NEW_CLAUSE.search(gap):
            break  # "killed when soldiers stormed …": the soldiers open a clause of their own
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
_LOCATOR = re.compile(rf"\s*,?\s*{LOCATING}")


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
