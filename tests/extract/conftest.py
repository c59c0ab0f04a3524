"""Helpers shared by the extraction tests: mentions marked by hand, not found by rules.

A step after ``find_mentions`` is tested on mentions written out here, so that a change
in how names are found does not show up as a failure of events, claims or relations.
"""

from __future__ import annotations

import pytest

from ashraf_kg.extract.mentions import Hit


def mark_mentions(text: str, *pairs: tuple[str, str]) -> list[Hit]:
    """A :class:`Hit` for each (words, entity) pair, at the next place ``text`` has the
    words after the previous mark of the same words; in text order.

    >>> [(h.start, h.end) for h in mark_mentions("Kesh and Kesh", ("Kesh", "place/kesh"),
    ...                                           ("Kesh", "place/kesh"))]
    [(0, 4), (9, 13)]
    """
    hits, after = [], {}
    for words, entity in pairs:
        start = text.find(words, after.get(words, 0))
        if start < 0:
            raise ValueError(f"{words!r} is not in {text!r} (after the previous mark)")
        after[words] = start + len(words)
        hits.append(Hit(entity, start, start + len(words), 1.0, "label"))
    return sorted(hits, key=lambda h: h.start)


@pytest.fixture
def mark():
    """:func:`mark_mentions`, for tests that state their own mentions."""
    return mark_mentions
