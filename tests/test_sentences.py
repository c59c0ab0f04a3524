"""The one sentence rule: the same cut for extraction, SPARQL evidence and the network page."""

from __future__ import annotations

import random

import pytest

from ashraf_kg import sentences
from ashraf_kg.sentences import find_sentence, mask_abbreviations, split_sentences


def cut(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_a_title_abbreviation_ends_no_sentence():
    text = "Col. Smith spoke. He left."
    assert cut(text) == ["Col. Smith spoke.", "He left."]
    assert find_sentence(text, 5, 10) == ("Col. Smith spoke.", 0)


@pytest.mark.parametrize("text, expected", [
    ("The U.S. State Department spoke. It condemned the attack.",
     ["The U.S. State Department spoke.", "It condemned the attack."]),
    ("Mr. Kobler and Dr. Rajavi met at 10 a.m. on Monday. Then e.g. more.",
     ["Mr. Kobler and Dr. Rajavi met at 10 a.m. on Monday.", "Then e.g. more."]),
    ("He said ‘a concentration camp.’ The UN agreed.", ["He said ‘a concentration camp.’", "The UN agreed."]),
    ("It stopped at the camp... and went on. Then it ended!", ["It stopped at the camp... and went on.",
                                                               "Then it ended!"]),
    ("A title\nA line without a mark\n\n  Indented. Next", ["A title", "A line without a mark", "  Indented.", "Next"]),
    ("Ends in 2013. Starts (again). Said no. Yes", ["Ends in 2013.", "Starts (again).", "Said no.", "Yes"]),
])
def test_sentences_end_where_the_rule_says(text, expected):
    assert cut(text) == expected


def test_masking_keeps_every_offset():
    text = "Gen. Sept. No. vs. i.e. x"
    assert mask_abbreviations(" " + text)[1:] == "Gen# Sept# No# vs# i.e# x"
    assert len(mask_abbreviations(text)) == len(text)


def test_a_quote_over_two_sentences_gets_both():
    text = "One ends. Two runs on. Three."
    assert find_sentence(text, 4, 13) == ("One ends. Two runs on.", 0)


def test_every_quote_in_a_sentence_finds_that_sentence(corpus):
    """find_sentence (the SPARQL steps) and split_sentences (the whole text) cut alike."""
    checked = 0
    for document in corpus.documents:
        text, rnd = document.text, random.Random(document.id)
        for start, end in split_sentences(text):
            spans = [(start, end), (start, start + 1), (end - 1, end)]
            spans += [(a, rnd.randrange(a, end) + 1) for a in rnd.sample(range(start, end), min(4, end - start))]
            for a, b in spans:
                if any(c.isalnum() for c in text[a:b]):  # a lone mark has no character before it
                    assert find_sentence(text, a, b) == (text[start:end], start), (document.id, text[a:b])
                    checked += 1
    assert checked > 200


def _literal(pattern: str) -> str:
    return '"' + pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_the_evidence_query_cuts_with_the_same_expressions(root):
    """queries/list_relation_evidence.rq spells out this module's expressions."""
    query = (root / "queries" / "list_relation_evidence.rq").read_text(encoding="utf-8")
    assert query.count(_literal(sentences.MASK)) == 2
    assert query.count(f'"{sentences.MASK_WITH}"') == 2
    assert _literal(sentences.BEFORE) in query
    assert _literal(sentences.CLOSERS) in query
    first, second = sentences.AFTER.split("|^")
    assert _literal(f"{first}[\\s\\S]*$|^{second}[\\s\\S]*$") in query
    # The tail: padded by REACH spaces, masked from REACH - 2 characters before ?from
    # (1-based, hence + 3), then those REACH - 2 characters skipped.
    assert f'SUBSTR(CONCAT("{" " * sentences.REACH}", ?text), ?from + 3)' in query
    assert f'"$1$2#"), {sentences.REACH - 2 + 1}) AS ?rest' in query


def test_the_store_masks_abbreviations_as_python_does():
    """The mask keeps the text's length in the store too: every offset after it holds."""
    import pyoxigraph as ox

    text = " Rep. Smith, Col. Jones and Mr. Brown spoke, e.g. here."
    query = (f"SELECT (REPLACE({_literal(text)}, {_literal(sentences.MASK)}, "
             f'"{sentences.MASK_WITH}") AS ?masked) WHERE {{}}')
    masked = next(iter(ox.Store().query(query)))["masked"].value
    assert masked == sentences.mask_abbreviations(text)
    assert len(masked) == len(text)
