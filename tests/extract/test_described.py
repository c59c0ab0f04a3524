"""Groups a text describes by what happened to them (extract.described)."""

from __future__ import annotations

from datetime import date

import pytest

from ashraf_kg.extract.described import find_described_groups, named_through_its_place
from ashraf_kg.extract.mentions import find_mentions
from ashraf_kg.model import Entity
from ashraf_kg.sentences import split_sentences

REGISTRY = (
    Entity("place/camp-nord", "Camp", "Camp Nord", ("Nord Camp",)),
    Entity("place/camp-sud", "Camp", "Camp Sud"),
    Entity("group/nord-wounded-may", "Group", "Those wounded at Camp Nord on 3 May 2014"),
    Entity("group/nord-attackers-may", "Group", "Those responsible for the attack on Camp Nord of 3 May 2014"),
    Entity("group/sud-attackers-june", "Group", "Those responsible for the attack on Camp Sud of 9 June 2014"),
    Entity("group/nord-missing", "Group", "Missing residents of Camp Nord"),
)


def _groups(text: str, published: date | None = date(2014, 5, 3)) -> list[tuple[str, str]]:
    hits = find_mentions(text, REGISTRY)
    found = find_described_groups(text, hits, REGISTRY, published, split_sentences(text))
    return [(text[h.start:h.end], h.entity) for h in found]


def test_a_description_is_the_group_whose_place_and_day_the_document_states():
    text = "Rockets hit Nord Camp this morning. We mourn with those who were injured."
    assert _groups(text) == [("those who were injured", "group/nord-wounded-may")]


def test_the_day_written_in_the_text_dates_the_group():
    text = "The attack on Camp Nord on May 3 was planned. Those responsible must be tried."
    assert _groups(text, date(2014, 5, 20)) == [("Those responsible", "group/nord-attackers-may")]


def test_another_day_leaves_the_description_unlinked():
    text = "Rockets hit Camp Nord on 20 May. The attackers fled."
    assert _groups(text, date(2014, 5, 20)) == []


def test_a_place_the_document_does_not_name_leaves_it_unlinked():
    assert _groups("Rockets hit the camp this morning. The wounded were flown out.") == []


def test_two_fitting_groups_are_told_apart_by_the_place_of_the_sentence():
    text = ("Camp Nord was shelled on 3 May 2014 and Camp Sud on 9 June 2014. "
            "At Camp Sud the attackers were never found.")
    assert _groups(text, None) == [("the attackers", "group/sud-attackers-june")]


def test_a_group_without_a_date_needs_only_its_place():
    assert _groups("Families at Camp Nord still wait for the missing.", None) == [
        ("the missing", "group/nord-missing")]


@pytest.mark.parametrize("text,named", [
    ("Rockets hit Nord Camp on 3 May 2014.", True),
    ("Rockets hit Nord Camp in the spring.", False),
    ("Rockets hit a camp on 3 May 2014.", False),
])
def test_a_described_group_is_named_where_its_place_is_by_any_name(text, named):
    assert named_through_its_place(REGISTRY[2], REGISTRY, text) is named
