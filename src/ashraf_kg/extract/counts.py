"""Extraction, step 2c: casualty figures and the ordinal of an attack.

"killing forty-four", "Seven remain missing", "Fatalities: 52", "the fifth attack": each
figure is a (kind, value, span), given to the violent event nearest it (``attach_counts``).
"""

from __future__ import annotations

import re

from ..timex import number_value

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
    for m in re.finditer(r"\b(?:the\s+)?(\w+)\s+attack\b", text[sentence[0]:sentence[1]]):
        value = ORDINALS.get(m[1].lower())
        if value:
            counts.append(("attacks", value, (sentence[0] + m.start(), sentence[0] + m.end())))
    return counts


ORDINALS = {w: i for i, w in enumerate("zeroth first second third fourth fifth sixth seventh "
                                       "eighth ninth tenth eleventh twelfth".split())}


def attach_counts(sentence, found: list, events: list, pending: list) -> list:
    """Give each figure of a sentence to the nearest violent event (of :mod:`.events`);
    figures told before any event wait for the first: what is returned is still pending."""
    counts = pending + found
    violent = [e for e in events if e.type in ("Attack", "Killing", "Wounding", "InformationRelease")]
    if not violent:
        return [c for c in counts if c[0] != "attacks"]
    for kind, value, span in counts:
        if kind == "attacks":
            continue
        here = [e for e in violent if sentence[0] <= e.trigger[0] < sentence[1]]
        owner = (min(here, key=lambda e: abs(e.trigger[0] - span[0])) if here
                 else (violent[-1] if violent else None))
        if owner is not None:
            owner.counts.append((kind, value, span))
    return []
