"""Names from the statistical recogniser: whole names, linked or proposed, never invented."""

import pytest

from ashraf_kg.extract.entities import (
    drop_nested_hits,
    drop_unnamed_groups,
    find_named_entities,
    name_spans,
)
from ashraf_kg.extract.mentions import Hit, find_mentions
from ashraf_kg.extract.nlp import parse_text
from ashraf_kg.model import Entity

REGISTRY = (
    Entity("place/iraq", "Country", "Iraq"),
    Entity("place/iran", "Country", "Iran"),
    Entity("place/tehran", "City", "Tehran"),
    Entity("place/camp-ashraf", "Camp", "Camp Ashraf"),
    Entity("organization/united-nations", "Organization", "United Nations", ("UN",)),
    Entity("person/ban-ki-moon", "Person", "Ban Ki-moon"),
    Entity("person/qassem-suleimani", "Person", "Qassem Suleimani", ("Suleimani",)),
    Entity("group/camp-ashraf-residents", "Group", "Residents of Camp Ashraf"),
)


def _names(text):
    return [text[s:e] for s, e in name_spans(text)]


@pytest.mark.parametrize("text,names", [
    ("UN Secretary-General Ban Ki-moon said", ["UN", "Ban Ki-moon"]),
    ("Terrorist Attack On Camp Hurriya In Iraq", ["Terrorist Attack", "Camp Hurriya", "Iraq"]),
    ("In Baghdad Sunday", ["Baghdad", "Sunday"]),
    ("Suleimani's Qod's Force", ["Suleimani", "Qod", "Force"]),
    ("the U.S. government", ["U.S."]),
])
def test_name_spans_cut_at_titles_possessives_and_headline_words(text, names):
    assert _names(text) == names


def _kept(text):
    hits = find_mentions(text, REGISTRY)
    return [(text[h.start:h.end], h.entity) for h in drop_nested_hits(text, hits, parse_text(text))]


def test_country_inside_an_organisation_name_is_not_a_mention():
    text = "The Supreme Council for Iraq Reconstruction met on Monday."
    assert ("Iraq", "place/iraq") not in _kept(text)


def test_country_ending_an_organisation_name_is_not_a_mention_even_if_recognised_alone():
    text = "The People's Mujahedin Organization of Iran runs the camp."
    assert ("Iran", "place/iran") not in _kept(text)


def test_place_inside_a_longer_name_is_not_a_mention():
    text = "The Camp Ashraf Committee issued a statement in London."
    assert ("Camp Ashraf", "place/camp-ashraf") not in _kept(text)


def test_place_named_in_an_event_name_is_a_mention():
    text = "A report on the 2013 Camp Ashraf Massacre was published."
    assert ("Camp Ashraf", "place/camp-ashraf") in _kept(text)


def test_names_around_a_title_are_both_mentions():
    text = "UN Secretary-General Ban Ki-moon said he was shocked."
    assert _kept(text) == [("UN", "organization/united-nations"), ("Ban Ki-moon", "person/ban-ki-moon")]


def test_group_description_needs_its_proper_name_in_the_text():
    hits = [Hit("group/camp-ashraf-residents", 0, 14, 0.6, "description")]
    assert drop_unnamed_groups("camp residents were hurt.", hits, REGISTRY) == []
    text = "camp residents were hurt at Camp Ashraf."
    assert drop_unnamed_groups(text, hits, REGISTRY) == hits


def _candidates(text):
    hits = find_mentions(text, REGISTRY)
    return find_named_entities(text, parse_text(text), hits, REGISTRY)


def test_unknown_person_is_proposed_with_every_mention():
    text = ("Iraqi police arrested Ahmad Karimi on Monday. Officials said Ahmad Karimi had "
            "entered the country from Syria.")
    linked, proposals = _candidates(text)
    person = next(p for p in proposals if p.label == "Ahmad Karimi")
    assert (person.id, person.type, len(person.spans)) == ("person/ahmad-karimi", "Person", 2)


@pytest.mark.parametrize("name,kind,linked", [
    ("Qasem Soleimani", "person", "person/qassem-suleimani"),
    ("Camp Ashraf", "organization", "place/camp-ashraf"),   # the recogniser mislabels: exact name
    ("Tehrani", "person", None),                            # a surname is not a city
])
def test_names_link_to_the_closest_registry_spelling(name, kind, linked):
    from ashraf_kg.extract.entities import _choices, link_name

    found = link_name(name, kind, _choices(REGISTRY))
    assert (found[0] if found else None) == linked


def test_a_capitalised_function_word_opening_a_clause_is_not_part_of_the_name():
    assert _names("Whereas The Daily Courier reported it") == ["Daily Courier"]


def test_a_possessive_ending_a_phrase_is_cut_from_the_name():
    assert _names("the help of Kesh's residents") == ["Kesh"]


MADE_UP = (
    Entity("place/valdoria", "Country", "Valdoria"),
    Entity("place/orlan", "Country", "Orlan"),
    Entity("organization/valdorian-trade-committee", "Organization",
           "Valdorian Assembly Committee on Trade and Industry"),
)


@pytest.mark.parametrize("text, kept", [
    ("The Valdoria-Orlan War ended in a truce.", False),
    ("Orlan-backed militias crossed into Valdoria.", True),
])
def test_a_name_glued_by_a_hyphen_to_another_name_is_a_piece_of_it(text, kept):
    hits = find_mentions(text, MADE_UP)
    names = [(text[h.start:h.end], h.entity) for h in drop_nested_hits(text, hits, parse_text(text))]
    assert (("Orlan", "place/orlan") in names) == kept


def test_an_em_dash_ends_a_recognised_name():
    text = ("No one\u2014not the United Nations, the European Union or the United Kingdom\u2014is "
            "concerned about the attacks.")
    _, proposals = find_named_entities(text, parse_text(text), [], ())
    assert proposals and not any("\u2014" in p.label or p.label.endswith("is") for p in proposals)


@pytest.mark.parametrize("text, linked", [
    ("The bill went to the Committee on Trade and Industry of the Valdorian Assembly.",
     "organization/valdorian-trade-committee"),
    ("The bill went to the Committee on Trade and Industry.", None),  # no qualifier in the text
])
def test_an_organisation_without_its_qualifier_links_when_the_text_writes_the_qualifier(text, linked):
    from ashraf_kg.extract.variants import link_tail

    found = link_tail("Committee on Trade and Industry", text, MADE_UP)
    assert (found[0] if found else None) == linked


def test_a_group_is_named_where_its_place_is_named_by_another_name():
    registry = (Entity("place/camp-nord", "Camp", "Camp Nord", ("Camp Freedom",)),
                Entity("group/camp-nord-residents", "Group", "Exiles at Camp Nord"))
    text = "Aid reached the residents of Camp Freedom."
    hits = [Hit("group/camp-nord-residents", 16, 41, 0.6, "description")]
    assert drop_unnamed_groups(text, hits, registry) == hits
    assert drop_unnamed_groups("Aid reached the residents of the camp.", hits, registry) == []


def test_a_name_joined_by_an_en_dash_to_another_name_is_not_linked_alone():
    text = "Relations have been strained since the Valdoria\u2013Orlan War ended in 1990."
    linked, _ = find_named_entities(text, parse_text(text), [], MADE_UP)
    assert all(h.entity not in ("place/valdoria", "place/orlan") for h in linked)


def test_camp_residents_beside_another_named_camp_are_not_the_labelled_camps():
    registry = (Entity("place/camp-nord", "Camp", "Camp Nord"), Entity("place/camp-sud", "Camp", "Camp Sud"),
                Entity("group/camp-nord-residents", "Group", "Residents of Camp Nord"))
    text = "Camp Nord was emptied in May. The shelling of Camp Sud wounded camp residents."
    at = text.index("camp residents")
    hits = [Hit("group/camp-nord-residents", at, at + 14, 0.6, "description")]
    assert drop_unnamed_groups(text, hits, registry) == []
    text = "Camp Sud was shelled in May. The shelling of Camp Nord wounded camp residents."
    at = text.index("camp residents")
    hits = [Hit("group/camp-nord-residents", at, at + 14, 0.6, "description")]
    assert drop_unnamed_groups(text, hits, registry) == hits


@pytest.mark.parametrize("text,make", [
    ("Militants fired Grad rockets at the camp.", "Grad"),
    ("Residents said they heard Katyusha rockets fall near the camp.", "Katyusha"),
    ("Officials said more than 80 Sumer and Grad missiles were used in the attacks.", "Grad"),
])
def test_a_name_that_modifies_a_weapon_is_its_make_not_a_place(text, make):
    assert make in [e.text for e in parse_text(text).ents]  # the recogniser does take it for a name
    _, proposals = find_named_entities(text, parse_text(text), [], REGISTRY)
    assert [p.label for p in proposals if make in p.label] == []


def test_a_name_made_an_adjective_by_a_hyphened_noun_is_not_proposed():
    text = "Gunmen opened fire at the Ivo Marek-era compound on Monday."
    assert "Ivo Marek-era" in [e.text.removeprefix("the ") for e in parse_text(text).ents]
    _, proposals = find_named_entities(text, parse_text(text), [], REGISTRY)
    assert [p.label for p in proposals if "Marek" in p.label] == []


@pytest.mark.parametrize("full,short", [("Harakat-e Lira", "Harakat"), ("Sazman-e Nur", "Sazman")])
def test_the_first_part_of_a_hyphened_organisation_name_is_that_organisation(full, short):
    registry = (*REGISTRY, Entity("organization/front", "Organization", full))
    text = f"{full} said the camp was calm. On Saturday, the {short} leadership issued a statement."
    doc = parse_text(text)
    linked, proposals = find_named_entities(text, doc, find_mentions(text, registry), registry)
    assert ([h.entity for h in linked if text[h.start:h.end] == short], proposals) == (["organization/front"], [])
