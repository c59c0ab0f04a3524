"""Extraction, step 2d: an event told twice is one event.

A headline announces what the body tells ("Brigade Attack on Kesh" over "The Northern
Brigade attacked the refugees"), and a reaction quoted inside a statement ("In a
statement, X said he “deplores …”") is what the statement says: each is merged into the
event it retells (of :mod:`.events`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .events import EventHit


def merge_headline(text: str, events: list[EventHit]) -> list[EventHit]:
    """A headline tells the story its body tells: an event of the first line (a title, with
    no full stop) is the first event of its type in the body, which takes the roles it leaves
    unsaid."""
    title_end = text.find("\n")
    if title_end <= 0 or text[:title_end].rstrip().endswith((".", "!", "?")):
        return events
    kept = []
    for event in events:
        later = next((e for e in events if e.type == event.type and e.trigger[0] > title_end), None)
        if event.trigger[1] <= title_end and later is not None:
            # the body names the parties more precisely: the headline fills only what it leaves out
            later.roles.update({r: ids for r, ids in event.roles.items() if not later.roles.get(r)})
            later.place = later.place or event.place
            later.time = later.time or event.time
            continue
        kept.append(event)
    return kept


def absorb_quoted_reactions(text: str, sentences, events: list[EventHit]) -> list[EventHit]:
    """A reaction quoted inside a statement ("In a statement, X said he “deplores …”") is
    what the statement says, not a second event."""
    kept = []
    for event in events:
        sentence = next((s for s in sentences if s[0] <= event.trigger[0] < s[1]), None)
        quoted = re.search(r"[\"“]", text[sentence[0]:event.trigger[0]]) if sentence else None
        statement = next((e for e in kept if e.type == "Statement" and sentence
                          and sentence[0] <= e.trigger[0] < event.trigger[0]), None)
        if event.type == "Condemnation" and quoted and statement:
            merge(statement, event)
            statement.evidence = (statement.evidence[0], max(statement.evidence[1], event.evidence[1]))
            continue
        kept.append(event)
    return kept


def merge(antecedent: EventHit, event: EventHit) -> None:
    """Give ``antecedent`` the roles, places and time ``event`` tells of the same event."""
    for role, ids in event.roles.items():
        for entity in ids:
            antecedent.add(role, entity)
    for entity in event.place:
        antecedent.add("place", entity)
    antecedent.time = antecedent.time or event.time

