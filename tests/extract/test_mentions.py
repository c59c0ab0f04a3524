"""Where a text names a registry entity (extract.mentions.find_mentions)."""

from __future__ import annotations

import pytest

from ashraf_kg.extract.mentions import find_mentions
from ashraf_kg.model import Entity

REGISTRY = (
    Entity("person/anna-berg", "Person", "Anna Berg", ("Berg",), roles=("Defence Minister of Valdoria",)),
    Entity("person/tomas-reyes", "Person", "Tomas Reyes"),
    Entity("organization/northern-brigade", "Organization", "Northern Brigade"),
    Entity("organization/national-assembly", "Organization", "National Assembly of Valdoria"),
    Entity("organization/harbour-police", "Organization", "Harbour Police"),
    Entity("group/refugees-of-camp-cedar", "Group", "Refugees of Camp Cedar"),
    Entity("place/camp-cedar", "Camp", "Camp Cedar"),
    Entity("place/kesh", "City", "Kesh"),
    Entity("place/valdoria", "Country", "Valdoria"),
    Entity("place/orlan", "Country", "Orlan"),
    Entity("thing/mortar-shells", "Weapon", "mortar shells"),
)


def found(text: str, registry=REGISTRY) -> list[tuple[str, str, str]]:
    return [(text[h.start:h.end], h.entity, h.via) for h in find_mentions(text, registry)]


def test_labels_are_found_in_text_order():
    assert found("Anna Berg visited Kesh on Monday.") == [
        ("Anna Berg", "person/anna-berg", "label"), ("Kesh", "place/kesh", "label")]


def test_an_alias_is_a_mention():
    assert found("Later Berg told reporters.") == [("Berg", "person/anna-berg", "alias")]


def test_offsets_are_those_of_the_text():
    text = "On Monday “Berg” left."
    (hit,) = find_mentions(text, REGISTRY)
    assert (hit.start, hit.end) == (11, 15)


def test_a_name_is_found_only_as_a_whole_word():
    assert found("Keshavan and Bergman arrived.") == []


def test_a_proper_name_is_case_sensitive():
    assert found("The harbour police arrived.") == []


def test_a_common_noun_entity_ignores_case():
    assert found("Crews cleared Mortar Shells from the road.") == [
        ("Mortar Shells", "thing/mortar-shells", "label")]


def test_the_longest_name_wins_over_a_name_inside_it():
    assert found("The National Assembly of Valdoria met.") == [
        ("National Assembly of Valdoria", "organization/national-assembly", "label")]


def test_a_misspelt_name_is_a_variant_with_lower_confidence():
    (hit,) = find_mentions("The Northen Brigade moved south.", REGISTRY)
    assert (hit.entity, hit.via) == ("organization/northern-brigade", "variant")
    assert hit.confidence < 1.0


def test_a_surname_stands_for_the_one_person_who_carries_it():
    assert found("Tomas Reyes spoke. Reyes left.")[-1] == ("Reyes", "person/tomas-reyes", "short-form")


def test_a_surname_two_people_carry_is_not_resolved():
    registry = REGISTRY + (Entity("person/maria-reyes", "Person", "Maria Reyes"),)
    assert found("Reyes left.", registry) == []


def test_an_acronym_defined_after_a_name_is_a_mention_of_it():
    text = "The National Assembly of Valdoria (NAV) met. The NAV voted."
    assert [(words, entity, via) for words, entity, via in found(text) if words == "NAV"] == [
        ("NAV", "organization/national-assembly", "acronym")] * 2


def test_a_title_held_by_one_person_refers_to_them_once_named():
    text = "Anna Berg arrived. Later the Defence Minister left."
    assert found(text)[-1] == ("Defence Minister", "person/anna-berg", "role")


def test_a_title_before_the_person_is_named_is_not_resolved():
    assert found("The Defence Minister spoke.") == []


def test_a_description_of_a_group_is_a_mention_of_it():
    assert ("refugees at Camp Cedar", "group/refugees-of-camp-cedar", "description") in found(
        "The refugees at Camp Cedar were moved.")


def test_a_place_inside_the_description_of_a_group_is_also_a_mention():
    assert ("Camp Cedar", "place/camp-cedar", "nested") in found("The refugees at Camp Cedar were moved.")


def test_a_description_never_ends_inside_a_name():
    registry = REGISTRY + (Entity("place/camp-cedar-north", "Camp", "Camp Cedar North"),)
    assert found("The refugees at Camp Cedar North waited.", registry) == [
        ("Camp Cedar North", "place/camp-cedar-north", "label")]


def test_a_person_in_the_possessive_inside_a_longer_name_is_also_a_mention():
    registry = REGISTRY + (Entity("organization/office-of-anna-berg", "Organization", "Anna Berg's office"),)
    assert ("Anna Berg", "person/anna-berg", "nested") in found("Anna Berg's office replied.", registry)


@pytest.mark.parametrize("text, country", [
    ("Valdoria and Orlan met. Valdoria said the country would respond.", "place/valdoria"),
    ("Orlan and Valdoria met. Orlan said the country would respond.", "place/orlan"),
])
def test_the_country_is_the_one_named_most_so_far(text, country):
    assert found(text)[-1] == ("the country", country, "reference")


def test_a_place_in_the_possessive_inside_a_longer_name_is_also_a_mention():
    registry = REGISTRY + (Entity("organization/valdoria-s-guard", "Organization", "Valdoria's Guard"),)
    assert found("Valdoria's Guard moved.", registry) == [
        ("Valdoria's Guard", "organization/valdoria-s-guard", "label"),
        ("Valdoria", "place/valdoria", "nested")]




INITIALS = REGISTRY + (
    Entity("place/united-provinces", "Country", "United Provinces"),
    Entity("organization/council-of-free-towns", "Organization", "Council of Free Towns"),
)


@pytest.mark.parametrize("text,words,entity", [
    ("The U.P. sent envoys to Kesh.", "U.P.", "place/united-provinces"),
    ("Envoys of the CFT met in Kesh.", "CFT", "organization/council-of-free-towns"),
])
def test_initials_of_a_registry_name_are_a_mention_of_it(text, words, entity):
    assert (words, entity, "initials") in found(text, INITIALS)


def test_initials_two_registry_names_share_are_not_resolved():
    registry = INITIALS + (Entity("organization/coastal-fishing-trust", "Organization",
                                  "Coastal Fishing Trust"),)
    assert [f for f in found("The CFT met in Kesh.", registry) if f[0] == "CFT"] == []


def test_a_word_in_capitals_on_a_line_in_capitals_is_not_taken_for_initials():
    assert [f for f in found("ENVOYS OF THE CFT MEET\nThe envoys met.", INITIALS) if f[0] == "CFT"] == []


def test_a_place_and_a_day_alone_describe_no_group():
    registry = REGISTRY + (Entity("group/cedar-wounded", "Group", "Those wounded at Camp Cedar on 3 May 2014"),)
    assert [f for f in found("The attack on Camp Cedar on May 3 was planned.", registry)
            if f[1] == "group/cedar-wounded"] == []


VARIANTS = REGISTRY + (
    Entity("place/united-provinces", "Country", "United Provinces"),
    Entity("organization/up-trade-office", "Organization", "U.P. Trade Office"),
    Entity("organization/trade-ministry", "Organization", "Trade Ministry of Valdoria"),
    Entity("organization/justice-ministry", "Organization", "Justice Ministry of Valdoria"),
    Entity("person/lena-moe", "Person", "Lena Moe"),
    Entity("person/karl-osterby", "Person", "Karl Osterby"),
)


def test_a_name_with_its_words_in_another_order_is_a_variant():
    assert found("The Valdoria Trade Ministry replied.", VARIANTS) == [
        ("Valdoria Trade Ministry", "organization/trade-ministry", "variant")]


def test_initials_spelt_out_are_the_name_they_stand_for():
    assert found("The United Provinces Trade Office replied.", VARIANTS) == [
        ("United Provinces Trade Office", "organization/up-trade-office", "variant")]


def test_names_joined_by_and_are_not_one_name_in_another_order():
    assert ("Kesh and Orlan", "place/kesh", "variant") not in found("Kesh and Orlan met.", VARIANTS)
    assert [e for _, e, _ in found("Kesh and Orlan met.", VARIANTS)] == ["place/kesh", "place/orlan"]


def test_a_misspelling_never_links_a_name_with_another_word():
    assert found("The Trade Ministry of Valdorio replied.", VARIANTS)[0][1] == "organization/trade-ministry"
    assert all(e != "organization/justice-ministry"
               for _, e, _ in found("The Trade Ministry of Valdoria replied.", VARIANTS))
    assert found("The Ministry of Valdoria replied.", VARIANTS) == [("Valdoria", "place/valdoria", "label")]


@pytest.mark.parametrize("text, person", [
    ("Mr. MOE of Kesh (for himself) submitted it.", ("MOE", "person/lena-moe")),
    ("Ms. Moe spoke first.", ("Moe", "person/lena-moe")),
    ("Mr. KARL OSTERBY of Kesh spoke.", ("KARL OSTERBY", "person/karl-osterby")),
])
def test_a_name_after_an_honorific_is_the_registry_person_of_that_name(text, person):
    assert found(text, VARIANTS)[0][:2] == person


def test_a_short_surname_without_an_honorific_is_not_a_person():
    assert found("The Moe river rose.", VARIANTS) == []



PEOPLE_AT = REGISTRY + (
    Entity("place/camp-nord", "Camp", "Camp Nord", ("Camp Freedom",)),
    Entity("group/camp-nord-residents", "Group", "Exiles at Camp Nord"),
)


@pytest.mark.parametrize("text, span", [
    ("Aid reached the residents of Camp Freedom on Monday.", "residents of Camp Freedom"),
    ("Aid reached people living at Camp Nord on Monday.", "people living at Camp Nord"),
    ("Aid reached Camp Freedom residents on Monday.", "Camp Freedom residents"),
])
def test_the_people_of_a_place_are_its_one_group_by_any_name_of_the_place(text, span):
    assert (span, "group/camp-nord-residents", "description") in found(text, PEOPLE_AT)


def test_the_people_of_a_country_are_not_a_group_of_its_residents():
    registry = REGISTRY + (Entity("group/exiles-in-orlan", "Group", "Exiles in Orlan"),)
    assert [e for _, e, _ in found("The residents of Orlan voted.", registry)] == ["place/orlan"]


def test_a_persons_name_in_another_order_is_not_that_person():
    assert all(span != "Reyes Tomas" for span, _, _ in found("Reyes Tomas arrived.", VARIANTS))


ORGS_IN_GROUPS = REGISTRY + (
    Entity("group/factions-of-the-assembly", "Group", "factions of the National Assembly of Valdoria"),
    Entity("group/harbour-police-divers", "Group", "Harbour Police divers"),
)


def test_an_organisation_a_group_is_of_is_also_a_mention():
    assert ("National Assembly of Valdoria", "organization/national-assembly", "nested") in found(
        "Rival factions of the National Assembly of Valdoria met.", ORGS_IN_GROUPS)


def test_an_organisation_that_only_qualifies_a_group_is_not_a_mention_of_it():
    assert [e for _, e, _ in found("Harbour Police divers searched the bay.", ORGS_IN_GROUPS)] == [
        "group/harbour-police-divers"]


def test_an_office_named_with_a_place_its_registry_name_lacks_is_not_that_office():
    registry = REGISTRY + (Entity("organization/un-relief-office", "Organization", "UN relief office"),)
    assert ("UN Relief Office", "organization/un-relief-office", "variant") in found(
        "The UN Relief Office said the roads were closed.", registry)
    assert all(entity != "organization/un-relief-office" for _, entity, _ in found(
        "The UN Relief Office in Kesh said the roads were closed.", registry))
