"""Memberships and relations from the words between two names (extract.relations)."""

from __future__ import annotations

import pytest

from ashraf_kg.extract.relations import find_relations
from ashraf_kg.model import Entity

REGISTRY = (
    Entity("person/tomas-reyes", "Person", "Tomas Reyes"),
    Entity("person/lena-novak", "Person", "Lena Novak", roles=("Chairman of the Kesh Council",)),
    Entity("person/ivo-marek", "Person", "Ivo Marek", roles=("Prime Minister of Valdoria",)),
    Entity("organization/united-nations", "Organization", "United Nations", ("UN",)),
    Entity("organization/northern-brigade", "Organization", "Northern Brigade"),
    Entity("organization/brigade-medics", "Organization", "Northern Brigade medical corps"),
    Entity("organization/government-of-valdoria", "Organization", "Government of Valdoria"),
    Entity("organization/kesh-council", "Organization", "Kesh Council"),
    Entity("organization/hill-militia", "Organization", "Hill Militia"),
    Entity("organization/river-front", "Organization", "River Front"),
    Entity("organization/kesh-assembly", "Organization", "Kesh Assembly"),
    Entity("group/gunmen", "Group", "the gunmen"),
    Entity("place/camp-cedar", "Camp", "Camp Cedar"),
    Entity("place/kesh", "City", "Kesh"),
    Entity("place/orlan-province", "AdministrativeArea", "Orlan province"),
    Entity("place/valdoria", "Country", "Valdoria"),
)
NAMES = {"UN": "organization/united-nations", "Tomas Reyes": "person/tomas-reyes",
         "Lena Novak": "person/lena-novak", "Ivo Marek": "person/ivo-marek",
         "Government of Valdoria": "organization/government-of-valdoria",
         "Northern Brigade": "organization/northern-brigade",
         "Northern Brigade medical corps": "organization/brigade-medics",
         "Kesh Council": "organization/kesh-council", "Hill Militia": "organization/hill-militia",
         "River Front": "organization/river-front", "gunmen": "group/gunmen",
         "Camp Cedar": "place/camp-cedar", "Kesh": "place/kesh",
         "Orlan province": "place/orlan-province", "Valdoria": "place/valdoria"}


def relations(text: str, *names: str, mark) -> list[tuple]:
    """(kind, subject, object, evidence words) of each relation, the ``names`` marked."""
    found = find_relations(text, mark(text, *((n, NAMES[n]) for n in names)), REGISTRY)
    return [(r.kind, r.subject, r.object, text[r.span[0]:r.span[1]]) for r in found]


def memberships(text: str, *names: str, mark) -> list[tuple]:
    """(person, organisation, role, former) of each membership."""
    found = find_relations(text, mark(text, *((n, NAMES[n]) for n in names)), REGISTRY)
    return [(r.subject, r.object, r.role, r.former) for r in found if r.kind == "membership"]


def test_an_organisation_and_a_post_before_a_person_make_a_membership(mark):
    assert relations("UN official Tomas Reyes spoke.", "UN", "Tomas Reyes", mark=mark) == [
        ("membership", "person/tomas-reyes", "organization/united-nations", "UN official Tomas Reyes")]


def test_a_title_then_of_an_organisation_after_the_person(mark):
    text = "Colonel Tomas Reyes of the Northern Brigade spoke."
    assert memberships(text, "Tomas Reyes", "Northern Brigade", mark=mark) == [
        ("person/tomas-reyes", "organization/northern-brigade", "Colonel", False)]


def test_the_post_of_an_organisation_before_the_persons_name(mark):
    text = "The head of the Northern Brigade, Tomas Reyes, spoke."
    assert memberships(text, "Northern Brigade", "Tomas Reyes", mark=mark) == [
        ("person/tomas-reyes", "organization/northern-brigade", "Head", False)]


def test_a_former_post_is_marked_former(mark):
    text = "The Kesh Council, whose former chairman, Tomas Reyes, spoke."
    assert memberships(text, "Kesh Council", "Tomas Reyes", mark=mark) == [
        ("person/tomas-reyes", "organization/kesh-council", "Chairman", True)]


def test_a_demonym_before_a_title_is_the_countrys_government(mark):
    text = "Valdorian Minister Tomas Reyes spoke for the Valdorian government."
    (membership,) = find_relations(text, mark(text, ("Tomas Reyes", NAMES["Tomas Reyes"])), REGISTRY)
    assert (membership.object, membership.role) == ("organization/government-of-valdoria", "Minister")
    assert membership.confidence < 0.6


@pytest.mark.parametrize("text", ["Valdorian Minister Tomas Reyes spoke.", "Valdoria's Northern Brigade moved."])
def test_a_government_the_text_never_names_is_not_drawn_in(mark, text):
    names = [n for n in ("Tomas Reyes", "Valdoria", "Northern Brigade") if n in text]
    found = find_relations(text, mark(text, *((n, NAMES[n]) for n in names)), REGISTRY)
    assert "organization/government-of-valdoria" not in {r.object for r in found}


def test_a_bare_title_takes_the_organisation_from_the_persons_registry_roles(mark):
    text = "Chairman Lena Novak spoke."
    assert memberships(text, "Lena Novak", mark=mark) == [
        ("person/lena-novak", "organization/kesh-council", "Chairman", False)]


def test_a_bare_title_with_nothing_to_tell_the_organisation_is_no_membership(mark):
    assert memberships("Colonel Tomas Reyes spoke.", "Tomas Reyes", mark=mark) == []


@pytest.mark.parametrize("text, names, relation", [
    ("Camp Cedar in Orlan province was quiet.", ("Camp Cedar", "Orlan province"),
     ("containedInPlace", "place/camp-cedar", "place/orlan-province", "Camp Cedar in Orlan province")),
    ("Kesh, Valdoria\n", ("Kesh", "Valdoria"),
     ("containedInPlace", "place/kesh", "place/valdoria", "Kesh, Valdoria")),
    ("They stayed at Camp Cedar outside Kesh.", ("Camp Cedar", "Kesh"),
     ("locatedNear", "place/camp-cedar", "place/kesh", "Camp Cedar outside Kesh")),
    ("They stayed at Camp Cedar, 60 km northeast of Kesh.", ("Camp Cedar", "Kesh"),
     ("locatedNear", "place/camp-cedar", "place/kesh", "Camp Cedar, 60 km northeast of Kesh")),
    ("They stayed at Camp Cedar west of the town of Kesh.", ("Camp Cedar", "Kesh"),
     ("locatedNear", "place/camp-cedar", "place/kesh", "Camp Cedar west of the town of Kesh")),
])
def test_places_side_by_side(text, names, relation, mark):
    assert relations(text, *names, mark=mark) == [relation]


@pytest.mark.parametrize("text", ["Valdoria, Kesh\n", "Kesh, Valdoria, Orlan province and Camp Cedar."])
def test_no_containment_from_a_larger_place_or_a_list(text, mark):
    names = [n for n in ("Kesh", "Valdoria", "Orlan province", "Camp Cedar") if n in text]
    assert [r for r in relations(text, *names, mark=mark) if r[0] == "containedInPlace"] == []


def test_a_countrys_possessive_makes_a_sub_organisation_of_its_government(mark):
    text = "Valdoria's Northern Brigade moved, the Valdorian government said."
    assert relations(text, "Valdoria", "Northern Brigade", mark=mark) == [
        ("subOrganizationOf", "organization/northern-brigade", "organization/government-of-valdoria",
         "Valdoria's Northern Brigade")]


def test_a_name_that_begins_with_an_organisations_name_is_its_sub_organisation(mark):
    text = "The Northern Brigade medical corps moved."
    assert relations(text, "Northern Brigade medical corps", mark=mark) == [
        ("subOrganizationOf", "organization/brigade-medics", "organization/northern-brigade",
         "Northern Brigade medical corps")]


def test_named_proxies_are_alleged_clients_of_the_sponsor(mark):
    text = "Valdoria's proxies, the Hill Militia and the River Front, moved for the Valdorian regime."
    found = find_relations(text, mark(text, *((n, NAMES[n]) for n in ("Valdoria", "Hill Militia", "River Front"))),
                           REGISTRY)
    assert [(r.kind, r.subject, r.object, r.alleged) for r in found] == [
        ("sponsor", "organization/hill-militia", "organization/government-of-valdoria", True),
        ("sponsor", "organization/river-front", "organization/government-of-valdoria", True)]


def test_members_of_an_organisation_make_a_group_membership(mark):
    text = "The gunmen were members of the Hill Militia."
    assert relations(text, "gunmen", "Hill Militia", mark=mark) == [
        ("memberOf", "group/gunmen", "organization/hill-militia", "gunmen were members of the Hill Militia")]


def test_each_pair_is_related_once(mark):
    text = "Camp Cedar in Orlan province was quiet. Camp Cedar in Orlan province is far."
    names = ("Camp Cedar", "Orlan province", "Camp Cedar", "Orlan province")
    assert len(relations(text, *names, mark=mark)) == 1


def test_a_post_told_after_the_person_makes_a_membership(mark):
    text = "The court heard Tomas Reyes, a veteran member of the Hill Militia, on Monday."
    assert memberships(text, "Tomas Reyes", "Hill Militia", mark=mark) == [
        ("person/tomas-reyes", "organization/hill-militia", "Member", False)]


def test_a_former_post_told_after_the_person_is_former(mark):
    text = "Tomas Reyes, former Chief of the Kesh Council, resigned."
    assert memberships(text, "Tomas Reyes", "Kesh Council", mark=mark) == [
        ("person/tomas-reyes", "organization/kesh-council", "Chief", True)]


def test_a_person_as_an_organisations_titled_post_is_its_member(mark):
    text = "Nobody has yet replaced Tomas Reyes as UN Special Adviser in the region."
    assert memberships(text, "Tomas Reyes", "UN", mark=mark) == [
        ("person/tomas-reyes", "organization/united-nations", "Adviser", False)]


def test_one_of_the_leaders_of_an_organisation_is_its_member(mark):
    text = "One of the leaders of the Hill Militia, Tomas Reyes, spoke to reporters."
    assert memberships(text, "Hill Militia", "Tomas Reyes", mark=mark) == [
        ("person/tomas-reyes", "organization/hill-militia", "Leader", False)]


def test_a_former_name_in_parentheses_does_not_hide_the_containing_place(mark):
    text = "Rockets hit Camp Cedar (formerly known as Camp Pine) in Valdoria."
    assert relations(text, "Camp Cedar", "Valdoria", mark=mark) == [
        ("containedInPlace", "place/camp-cedar", "place/valdoria",
         "Camp Cedar (formerly known as Camp Pine) in Valdoria")]


def test_a_list_of_people_after_a_comma_is_no_post(mark):
    text = "The envoy met Tomas Reyes, Lena Novak and the Hill Militia."
    assert memberships(text, "Tomas Reyes", "Lena Novak", "Hill Militia", mark=mark) == []


def test_a_post_after_another_apposition_makes_a_membership(mark):
    text = "Tomas Reyes, a teacher from the north, a senior member of the River Front, was freed."
    assert memberships(text, "Tomas Reyes", "River Front", mark=mark) == [
        ("person/tomas-reyes", "organization/river-front", "Member", False)]


def test_a_group_in_apposition_to_members_of_an_organisation_is_its_member(mark):
    text = "Police questioned the gunmen, members of the Hill Militia, for hours."
    assert relations(text, "gunmen", "Hill Militia", mark=mark) == [
        ("memberOf", "group/gunmen", "organization/hill-militia", "gunmen, members of the Hill Militia")]


def test_a_bigger_place_in_the_possessive_contains_the_smaller(mark):
    text = "Fighting spread across Valdoria's Orlan province."
    assert relations(text, "Valdoria", "Orlan province", mark=mark) == [
        ("containedInPlace", "place/orlan-province", "place/valdoria", "Valdoria's Orlan province")]


def test_a_place_that_is_a_camp_in_a_province_is_contained_in_it(mark):
    text = "Camp Cedar (also known as Cedar Base) is a camp in Valdoria's Orlan province."
    found = relations(text, "Camp Cedar", "Valdoria", "Orlan province", mark=mark)
    assert [r[:3] for r in found] == [
        ("containedInPlace", "place/camp-cedar", "place/orlan-province"),
        ("containedInPlace", "place/orlan-province", "place/valdoria")]


def test_a_lower_case_title_finds_the_post_among_the_persons_roles(mark):
    text = "The Government of Valdoria fell after then-prime minister Ivo Marek resigned."
    assert memberships(text, "Government of Valdoria", "Ivo Marek", mark=mark) == [
        ("person/ivo-marek", "organization/government-of-valdoria", "Minister", False)]


def test_the_sponsors_of_a_bill_are_members_of_its_chamber(mark):
    text = ("IN THE KESH ASSEMBLY\nMr. REYES of Orlan (for himself and Ms. NOVAK) introduced the "
            "following bill; which was referred to the Kesh Council.\nLena Novak spoke later.")
    hits = mark(text, ("KESH ASSEMBLY", "organization/kesh-assembly"), ("REYES", "person/tomas-reyes"),
                ("NOVAK", "person/lena-novak"), ("Lena Novak", "person/lena-novak"))
    found = [(r.subject, r.object, r.role) for r in find_relations(text, hits, REGISTRY)
             if r.kind == "membership"]
    assert found == [("person/tomas-reyes", "organization/kesh-assembly", "Member"),
                     ("person/lena-novak", "organization/kesh-assembly", "Member")]


def test_a_camps_residents_in_a_country_place_the_camp_there(mark):
    text = "Force was used against Camp Cedar residents in Valdoria."
    assert relations(text, "Camp Cedar", "Valdoria", mark=mark) == [
        ("containedInPlace", "place/camp-cedar", "place/valdoria", "Camp Cedar residents in Valdoria")]


def test_outside_a_country_is_not_near_it(mark):
    text = "The residents of Camp Cedar must be moved outside Valdoria."
    assert relations(text, "Camp Cedar", "Valdoria", mark=mark) == []


def test_a_place_named_as_a_reference_point_is_near_nothing_after_it(mark):
    text = "Camp Cedar lies 90 km north of Kesh near Orlan province."
    found = relations(text, "Camp Cedar", "Kesh", "Orlan province", mark=mark)
    assert [r for r in found if r[1] == "place/kesh"] == []
