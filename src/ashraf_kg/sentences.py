"""Sentences: the one rule that cuts a document's text, for extraction, evidence and readers.

A sentence ends at a line break, or at ``.``, ``!`` or ``?`` (with any closing quotes or
brackets) after a lowercase letter, a digit or a closing bracket or quote, and before white
space. So "U.S. officials" and "camp... and" run on. A full stop after one of
:data:`ABBREVIATIONS` ("Col. Smith", "e.g. the") is masked first and ends nothing.

The rule is written with regular expressions that SPARQL's ``REPLACE`` understands too (no
look-behind or look-ahead): ``queries/list_relation_evidence.rq`` cuts the same sentences
inside the store, with the same three expressions, step for step as :func:`find_sentence`.

>>> text = "Col. Smith spoke. The U.S. envoy left."
>>> [text[s:e] for s, e in split_sentences(text)]
['Col. Smith spoke.', 'The U.S. envoy left.']
"""

from __future__ import annotations

import re
from bisect import bisect_right

ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Brig",
                 "Adm", "Gov", "Sen", "Rep", "Rev", "Hon", "St", "No", "Jr", "Sr", "vs",
                 "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "e.g", "i.e", "a.m", "p.m")
"""Words whose full stop never ends a sentence (case matters: "no." may end one)."""

# The character before an abbreviation must not be a letter; the full stop after it becomes
# "#", so the text keeps its length and every offset. Not "_": in "$2_" a store whose REPLACE
# reads group names greedily (Oxigraph) sees a group "2_", which does not exist, and drops
# the abbreviation, so every later offset shifts.
MASK = "([^A-Za-z])(" + "|".join(a.replace(".", "\\.") for a in ABBREVIATIONS) + ")\\."
MASK_WITH = "$1$2#"  # SPARQL's spelling; Python's is the same with backslashes
_END = "[a-z0-9)\\]\"'’”][.!?][\"'’”)]*"
BEFORE = f"^[\\s\\S]*({_END}[ \\t\\r\\n]+|\\n)"
"""Everything up to the last sentence end: removed, it leaves the head of a sentence."""
AFTER = f"^([^\\n]*?{_END})[ \\t\\r\\n]|^([^\\n]*)\\n"
"""The text up to the first sentence end: kept, it is the tail of a sentence."""
# How far before a quote's end the tail is read: far enough that an abbreviation and the
# character before it are masked as in the whole text (the longest is four letters).
REACH = 2 + max(len(a) for a in ABBREVIATIONS)
CLOSERS = "[\"'’”)]+$"
"""A quote's closing quotes and brackets, left out where its tail is read from."""
_MASK, _BEFORE, _AFTER, _CLOSERS = re.compile(MASK), re.compile(BEFORE), re.compile(AFTER), re.compile(CLOSERS)
_BOUNDARY = re.compile(f"{_END}(?=[ \\t\\r\\n])|\\n")
_SPACE = re.compile("[ \\t\\r\\n]*")


def mask_abbreviations(text: str) -> str:
    """``text`` with the full stop of each abbreviation turned to ``#`` (same length).

    >>> mask_abbreviations(" Col. Smith, e.g. here.")
    ' Col# Smith, e.g# here.'
    """
    return _MASK.sub(MASK_WITH.replace("$", "\\"), text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every sentence of ``text``, blank ones left out.

    A sentence ends after its mark and closing quotes, or at a line break. The next one
    starts after the white space that follows, or right after the last line break in it.
    """
    masked = mask_abbreviations(" " + text)[1:]
    spans, start = [], 0
    for boundary in _BOUNDARY.finditer(masked):
        if boundary.start() < start:  # a line break in the white space after an end
            continue
        if boundary[0] == "\n":
            spans.append((start, boundary.start()))
            start = boundary.end()
            continue
        spans.append((start, boundary.end()))
        space = _SPACE.match(masked, boundary.end()).end()
        line = masked.rfind("\n", boundary.end(), space)
        start = line + 1 if line >= 0 else space
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def find_sentence(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence (or run of sentences) of ``text`` holding ``text[start:end]``, and where it
    begins: the union of the :func:`split_sentences` spans the quote touches.

    >>> find_sentence("U.S. officials said so. The camp fell.", 5, 14)
    ('U.S. officials said so.', 0)
    """
    if not 0 <= start <= end <= len(text):
        return "", -1
    head = mask_abbreviations(" " + text[:start])[1:]
    begin = start - len(_BEFORE.sub("", head, count=1))
    # The tail is read from two characters before the quote's last mark (the end of the
    # quote without its closing quotes), never from before the quote, masked as in the
    # whole text; padding stands in for the text before the document's start.
    cut = start + len(_CLOSERS.sub("", text[start:end], count=1))
    tail_from = max(cut - 2, start)
    window = mask_abbreviations((" " * REACH + text)[tail_from + 2:])[REACH - 2:]
    after = _AFTER.match(window)
    stop = tail_from + len(after.group(1) or after.group(2) or "") if after else len(text)
    return text[begin:max(stop, end)], begin


class SentenceIndex:
    """:func:`find_sentence` for many quotes of one text: the text is split once, and a quote
    that starts and ends inside sentences is looked up in the spans (same answer, found in
    logarithmic time); any other quote is cut by :func:`find_sentence` itself.

    >>> SentenceIndex("One. Col. Two here.").find(10, 13)
    ('Col. Two here.', 5)
    """

    def __init__(self, text: str):
        self.text = text
        self.spans = split_sentences(text)
        self._starts = [s for s, _ in self.spans]

    def _span(self, at: int) -> tuple[int, int] | None:
        i = bisect_right(self._starts, at) - 1
        return self.spans[i] if i >= 0 and self.spans[i][0] <= at < self.spans[i][1] else None

    def find(self, start: int, end: int) -> tuple[str, int]:
        cut = start + len(_CLOSERS.sub("", self.text[start:end], count=1))
        first, last = self._span(start), self._span(cut - 2)
        if first is None or last is None or cut - 2 < start or self._span(cut - 1) != last:
            return find_sentence(self.text, start, end)
        return self.text[first[0]:max(last[1], end)], first[0]
