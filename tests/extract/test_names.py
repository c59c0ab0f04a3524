"""How names are spelt, folded and compared (extract.names)."""

from __future__ import annotations

import pytest

from ashraf_kg.extract.mentions import find_mentions
from ashraf_kg.extract.names import (
    NAME_PHRASE,
    branch_elsewhere,
    demonyms,
    entity_names,
    fold,
    normalise_name,
)
from ashraf_kg.model import Entity


def test_fold_keeps_every_offset():
    text = "“Ceasefire” – the envoy’s word"
    assert fold(text) == '"Ceasefire" - the envoy\'s word'
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize("spelling", ["Northern  Brigade", "northern-brigade", "NORTHERN BRIGADE"])
def test_normalise_name_ignores_case_spaces_and_hyphens(spelling):
    assert normalise_name(spelling) == "northern brigade"


def test_normalise_name_drops_accents_and_apostrophes():
    assert normalise_name("Zoë Álvarez-O’Neil") == "zoe alvarez oneil"


def test_entity_names_are_label_then_aliases():
    entity = Entity("person/anna-berg", "Person", "Anna Berg", ("Berg", "Minister Berg"))
    assert list(entity_names(entity)) == [("Anna Berg", "label"), ("Berg", "alias"), ("Minister Berg", "alias")]


def test_entity_names_add_the_label_without_its_gloss_and_article():
    entity = Entity("organization/northern-brigade", "Organization", "The Northern Brigade (NB)")
    assert ("Northern Brigade", "label") in entity_names(entity)


def test_entity_names_add_an_unnamed_group_without_unnamed():
    entity = Entity("group/gunmen", "Group", "Unnamed gunmen")
    assert ("gunmen", "label") in entity_names(entity)


def test_entity_names_add_a_lowercase_form_of_a_common_noun_label():
    entity = Entity("group/defence-officials", "Group", "Former defence officials")
    assert ("former defence officials", "label") in entity_names(entity)


def test_entity_names_are_folded():
    entity = Entity("person/anna-berg", "Person", "Anna “Red” Berg")
    assert list(entity_names(entity)) == [('Anna "Red" Berg', "label")]


@pytest.mark.parametrize("country, adjective", [("Valdoria", "Valdorian"), ("Lebanon", "Lebanese"),
                                                ("Iraq", "Iraqi"), ("Kenya", "Kenyan")])
def test_demonyms_of_a_country(country, adjective):
    assert adjective in demonyms(country)


def test_name_phrase_takes_titles_and_inner_connectors_but_not_lowercase_words():
    text = "Prime Minister Anna Berg met the Council of Elders of Kesh on Monday."
    assert [m[0] for m in NAME_PHRASE.finditer(text)] == [
        "Prime Minister Anna Berg", "Council of Elders of Kesh", "Monday"]


def test_a_government_is_also_written_in_lower_case():
    names = [n for n, _ in entity_names(Entity("organization/gov-valdoria", "Organization",
                                               "Government of Valdoria"))]
    assert "government of Valdoria" in names


@pytest.mark.parametrize("label,name", [
    ("Government of Valdoria", "Valdorian authorities"),
    ("Government of Valdoria", "Valdorian regime"),
    ("Government of Valdoria", "Valdorian officials"),
    ("Valdorian Army", "Valdorian soldiers"),
    ("Valdorian Army", "Valdorian army"),
])
def test_institutions_are_also_named_by_their_members_and_common_words(label, name):
    kind = "organization/x"
    assert name in [n for n, _ in entity_names(Entity(kind, "Organization", label))]


def test_a_weapon_named_in_the_plural_is_also_named_in_the_singular():
    names = [n for n, _ in entity_names(Entity("thing/shells", "Weapon", "shells"))]
    assert "shell" in names


def test_a_content_key_ignores_word_order_and_linking_words():
    from ashraf_kg.extract.names import content_key

    assert content_key("Ministry of Trade of Valdoria") == content_key("Valdoria Trade Ministry")
    assert content_key("Kesh and Orlan") != content_key("Orlan Kesh")


def test_a_content_key_spells_out_initials_it_is_given():
    from ashraf_kg.extract.names import content_key

    assert content_key("U.P. Trade Office", {"UP": "United Provinces"}) == content_key(
        "Trade Office of the United Provinces")


def test_a_name_with_its_words_in_another_order_names_the_entity():
    from ashraf_kg.extract.names import is_named_in

    army = Entity("organization/coast-army", "Organization", "Coast Army")
    assert is_named_in(army, "A militia calling itself the Army of the Coast said so.")
    assert not is_named_in(army, "The army of the coast guard said so.")


def test_dotted_initials_of_a_label_name_the_entity_and_bare_capitals_do_not():
    from ashraf_kg.extract.names import is_named_in

    provinces = Entity("place/united-provinces", "Country", "United Provinces")
    assert is_named_in(provinces, "A U.P. envoy arrived.")
    assert not is_named_in(provinces, "LET UP THE PRESSURE")


RELIEF = (Entity("organization/relief-office", "Organization", "Relief office"),
          Entity("organization/kesh-relief-office", "Organization", "Relief Office at Kesh"))


@pytest.mark.parametrize("text, name, entity, branch", [
    ("The Relief Office in Orlan reported the flood.", "Relief Office",
     "organization/relief-office", True),        # a place the registry name lacks: a branch
    ("The Relief Office said the flood had passed.", "Relief Office",
     "organization/relief-office", False),       # no place: the registry's office
    ("The Relief office in Orlan reported it.", "Relief office",
     "organization/relief-office", False),       # the registry's name letter for letter
    ("The Relief Office at Kesh reported it.", "Relief Office",
     "organization/kesh-relief-office", False),  # the registry's name has the place
])
def test_an_office_named_with_a_place_is_a_branch_the_registry_name_lacks(text, name, entity, branch):
    end = text.index(name) + len(name)
    assert branch_elsewhere(text, name, end, entity, RELIEF) is branch


def test_initials_with_full_stops_are_also_found_without_them_and_with_a_lowercase_head():
    entity = Entity("organization/vs-government", "Organization", "Valdorian State Government",
                    ("V.S. Government",))
    text = "The VS government has denied any such meetings."
    assert [text[h.start:h.end] for h in find_mentions(text, (entity,))] == ["VS government"]
