"""Casualty figures of a sentence (extract.counts.find_counts)."""

from __future__ import annotations

import pytest

from ashraf_kg.extract.counts import find_counts


@pytest.mark.parametrize("sentence, counts", [
    ("Fatalities: 12", [("dead", 12)]),
    ("Seven remain missing.", [("missing", 7)]),
    ("The ministry released five names.", [("named", 5)]),
    ("The guards were executing two men.", [("executed", 2)]),
    ("It was the third attack this year.", [("attacks", 3)]),
    ("Gunmen opened fire, wounding twenty-one.", [("wounded", 21)]),
])
def test_casualty_figures_of_a_sentence(sentence, counts):
    assert [(kind, value) for kind, value, _ in find_counts(sentence, (0, len(sentence)))] == counts


def test_a_figure_span_cuts_its_words():
    sentence = "Gunmen opened fire, wounding twenty-one."
    ((_, _, (start, end)),) = find_counts(sentence, (0, len(sentence)))
    assert sentence[start:end] == "wounding twenty-one"


@pytest.mark.xfail(strict=True, reason="the figure pattern takes 'Then the attack killed' for "
                                       "a number and loses '12'")
def test_a_figure_after_a_noun_phrase_subject():
    sentence = "Then the attack killed 12."
    assert [(kind, value) for kind, value, _ in find_counts(sentence, (0, len(sentence)))] == [("killed", 12)]


@pytest.mark.xfail(strict=True, reason="'killed 5 guards and wounded' reads as 5 wounded")
def test_two_figures_joined_by_and():
    sentence = "Gunmen killed 5 guards and wounded twenty-one."
    assert [(kind, value) for kind, value, _ in find_counts(sentence, (0, len(sentence)))] == [
        ("killed", 5), ("wounded", 21)]
