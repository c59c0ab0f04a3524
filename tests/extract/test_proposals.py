"""Names the registry lacks, proposed for review (extract.proposals.propose_entities)."""

from __future__ import annotations

from ashraf_kg.extract.proposals import propose_entities
from ashraf_kg.model import Entity

REGISTRY = (
    Entity("person/anna-berg", "Person", "Anna Berg"),
    Entity("place/camp-cedar", "Camp", "Camp Cedar"),
    Entity("place/valdoria", "Country", "Valdoria"),
)


def proposals(text: str, *mentions: tuple[str, str], registry=REGISTRY, mark) -> dict:
    return {p.id: p for p in propose_entities(text, mark(text, *mentions), registry)}


def test_a_titled_name_is_a_person_with_that_role(mark):
    found = proposals("Colonel Ivan Petrov spoke to reporters.", mark=mark)
    person = found["person/ivan-petrov"]
    assert (person.type, person.label, person.roles) == ("Person", "Ivan Petrov", ("Colonel",))
    assert person.cue == "title 'Colonel'"


def test_the_longest_title_is_taken_off_the_name(mark):
    found = proposals("Major General Ivan Petrov spoke.", mark=mark)
    assert found["person/ivan-petrov"].roles == ("Major General",)


def test_an_organisation_head_word_makes_an_organisation(mark):
    found = proposals("The Coastal Guard closed the port.", mark=mark)
    assert found["organization/coastal-guard"].type == "Organization"
    assert found["organization/coastal-guard"].cue == "head word 'Guard'"


def test_a_place_head_word_makes_a_place_of_that_type(mark):
    found = proposals("Aid reached Green Hill Village and Camp Birch.", mark=mark)
    assert (found["place/green-hill-village"].type, found["place/camp-birch"].type) == ("Place", "Camp")


def test_a_name_after_a_preposition_of_place_is_a_less_certain_place(mark):
    (place,) = proposals("Refugees travelled to North Ridge.", mark=mark).values()
    assert (place.id, place.cue) == ("place/north-ridge", "preposition of place")
    assert place.confidence < 0.75


def test_a_name_without_a_cue_is_not_proposed(mark):
    assert proposals("On Tuesday Lena Novak arrived.", mark=mark) == {}


def test_every_place_a_name_is_cued_is_a_span(mark):
    text = "The Coastal Guard moved. The Coastal Guard left."
    (guard,) = proposals(text, mark=mark).values()
    assert [text[s:e] for s, e in guard.spans] == ["Coastal Guard", "Coastal Guard"]
    assert guard.spans[0] != guard.spans[1]


def test_a_name_the_registry_has_is_not_proposed(mark):
    text = "Colonel Anna Berg arrived at Camp Cedar."
    assert proposals(text, ("Anna Berg", "person/anna-berg"), ("Camp Cedar", "place/camp-cedar"),
                     mark=mark) == {}


def test_an_id_the_registry_has_is_not_proposed_even_unmarked(mark):
    assert proposals("Colonel Anna Berg arrived.", mark=mark) == {}


def test_a_new_organisation_may_hold_a_known_place(mark):
    text = "The Camp Cedar Committee met."
    found = proposals(text, ("Camp Cedar", "place/camp-cedar"), mark=mark)
    assert list(found) == ["organization/camp-cedar-committee"]


def test_a_name_after_a_known_possessive_is_proposed_without_it(mark):
    text = "Valdoria's Coastal Guard arrived."
    found = proposals(text, ("Valdoria", "place/valdoria"), mark=mark)
    assert [found["organization/coastal-guard"].label] == ["Coastal Guard"]
