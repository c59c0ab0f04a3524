"""The institutions that act and speak (extract.institutions)."""

from __future__ import annotations

import pytest

from ashraf_kg.extract.institutions import governments, resolve_governments, resolve_we
from ashraf_kg.extract.mentions import find_mentions
from ashraf_kg.extract.nlp import parse_text
from ashraf_kg.model import Entity

REGISTRY = (
    Entity("place/valdoria", "Country", "Valdoria"),
    Entity("place/orlan", "Country", "Orlan"),
    Entity("organization/government-of-valdoria", "Organization", "Government of Valdoria"),
    Entity("organization/orlan-government", "Organization", "Orlan Government",
           roles=("national government of Orlan",)),
    Entity("organization/harbour-council", "Organization", "Harbour Council"),
    Entity("organization/island-parliament", "Organization", "Island Parliament"),
    Entity("place/camp-cedar", "Camp", "Camp Cedar"),
)


def _entities(text: str, author: str | None = None) -> list[tuple[str, str]]:
    doc = parse_text(text)
    hits = resolve_governments(doc, find_mentions(text, REGISTRY), REGISTRY)
    hits += resolve_we(text, doc, hits, author)
    return sorted((text[h.start:h.end], h.entity) for h in hits)


def test_the_registry_says_which_organisation_governs_which_country():
    assert governments(REGISTRY) == {"place/valdoria": "organization/government-of-valdoria",
                                     "place/orlan": "organization/orlan-government"}


@pytest.mark.parametrize("text", [
    "Valdoria condemns the shelling of Camp Cedar.",
    "Valdoria urged the Harbour Council to open the gates.",
    "Valdoria is deeply concerned by the shelling.",
])
def test_a_country_that_acts_or_speaks_is_its_government(text):
    assert ("Valdoria", "organization/government-of-valdoria") in _entities(text)


@pytest.mark.parametrize("text", [
    "Envoys flew from Valdoria to Camp Cedar.",
    "Valdoria borders Orlan.",
    "Valdoria is a small country.",
])
def test_a_country_named_as_a_place_stays_a_place(text):
    assert ("Valdoria", "place/valdoria") in _entities(text)


def test_we_of_a_statement_is_the_institution_that_speaks_in_it():
    text = "Orlan condemns the shelling of Camp Cedar. We call on the Harbour Council to act."
    assert ("We", "organization/orlan-government") in _entities(text)


def test_we_is_unresolved_when_two_institutions_spoke_before_it():
    text = ("Orlan condemns the shelling. The Harbour Council denied it. "
            "We call for an inquiry.")
    assert [w for w, _ in _entities(text) if w == "We"] == []


def test_we_inside_a_quotation_is_left_to_the_quotation_speaker():
    text = 'Orlan condemns the shelling. The Harbour Council said, "We will investigate."'
    assert [w for w, _ in _entities(text) if w == "We"] == []


def test_we_with_no_institution_before_it_is_an_organisation_author():
    text = "We call on the Harbour Council to open the gates of Camp Cedar."
    assert ("We", "organization/cedar-radio") in _entities(text, "organization/cedar-radio")


def test_we_with_no_institution_before_it_is_unresolved_for_a_person_author():
    text = "We call on the Harbour Council to open the gates of Camp Cedar."
    assert [w for w, _ in _entities(text, "person/ana-lind") if w == "We"] == []


def test_we_of_an_opinion_piece_is_not_an_institution_it_names():
    text = "Orlan condemns the shelling of Camp Cedar. We must not look away."
    doc = parse_text(text)
    hits = resolve_governments(doc, find_mentions(text, REGISTRY), REGISTRY)
    assert resolve_we(text, doc, hits, "person/ana-lind", "opinion/advocacy") == []


QUESTION = ("To ask the Harbour Council what it will do about Camp Cedar.\n\n"
            "My Lords, we have sent engineers to Camp Cedar.\n\n"
            "My Lords, we have waited long enough; when will we see results?\n\n"
            "We expect results within the month.")


def test_we_of_an_answer_is_the_institution_the_question_was_put_to():
    found = [(w, e) for w, e in _entities(QUESTION, "organization/island-parliament") if w.lower() == "we"]
    assert found == [("We", "organization/harbour-council"), ("we", "organization/harbour-council")]


def test_i_of_the_documents_own_words_is_a_person_author():
    text = 'I welcome the report on Camp Cedar. The Harbour Council said, "I am glad."'
    assert [(w, e) for w, e in _entities(text, "person/ana-lind") if w == "I"] == [("I", "person/ana-lind")]
    assert [w for w, _ in _entities(text, "organization/island-parliament") if w == "I"] == []
