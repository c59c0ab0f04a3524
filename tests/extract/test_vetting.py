"""Proposed names vetted, and found wherever the text writes them (extract.vetting)."""

import pytest

from ashraf_kg.extract.proposals import Proposal
from ashraf_kg.extract.vetting import name_every_occurrence, plausible_proposals


def test_a_proposal_takes_every_place_the_body_writes_its_name():
    text = "Witnesses told Valley Watch the camp was shelled. Valley Watch said so today."
    at = text.rindex("Valley Watch")
    proposal = Proposal("organization/valley-watch", "Organization", "Valley Watch",
                        ((at, at + 12),), 0.7, "named entity")
    (found,) = name_every_occurrence(text, [proposal], [])
    assert found.spans == ((15, 27), (at, at + 12))


def test_lone_common_word_is_not_proposed():
    text = "It is the Government's responsibility to act, the government said."
    proposals = [Proposal("organization/government", "Organization", "Government", ((10, 20),), 0.7, "")]
    assert plausible_proposals(text, proposals) == []


def test_name_only_in_a_headline_is_not_proposed():
    text = "Holder Holds Security Press Conference\n\nThe minister spoke."
    proposals = [Proposal("organization/holder-holds", "Organization", "Holder Holds", ((0, 12),), 0.7, "")]
    assert plausible_proposals(text, proposals) == []


def test_a_datelines_capitals_are_not_proposed():
    text = "KHANAQIN, Iraq, June 3 (AFP) -- Mortars fell on the town."
    proposals = [Proposal("place/khanaqin", "Place", "KHANAQIN", ((0, 8),), 0.7, "")]
    assert plausible_proposals(text, proposals) == []


def test_a_datelines_capitals_before_a_close_dash_are_not_proposed():
    text = "LISBON PT—Lawmakers condemned the attack on the camp."
    proposals = [Proposal("place/lisbon-pt", "Place", "LISBON PT", ((0, 9),), 0.7, "")]
    assert plausible_proposals(text, proposals) == []


def test_a_proposal_found_in_a_dateline_takes_its_label_from_the_body():
    text = "KESHTOWN, May 4 (AFP) - Crowds gathered in Keshtown on Sunday."
    at = text.rindex("Keshtown")
    proposal = Proposal("place/keshtown", "Place", "KESHTOWN", ((0, 8), (at, at + 8)), 0.7, "named entity")
    (kept,) = plausible_proposals(text, [proposal])
    assert (kept.label, kept.spans) == ("Keshtown", ((at, at + 8),))


def test_a_proposed_persons_surname_alone_is_that_person():
    text = "Spokesman Ali Zand denied it. Zand said so again."
    proposal = Proposal("person/ali-zand", "Person", "Ali Zand", ((10, 18),), 0.7, "named entity")
    (found,) = name_every_occurrence(text, [proposal], [])
    assert [text[s:e] for s, e in found.spans] == ["Ali Zand", "Zand"]


@pytest.mark.parametrize("label, kind, text", [
    ("Assembly Declaration", "Organization", "Assembly Declaration on the floods\n\nThe Assembly met."),
    ("Reply", "Organization", "I am not reassured by that Reply. The camp is still shelled."),
    ("FOB Falcon", "Person", "The base, also known as FOB Falcon, lies north of Kesh."),
])
def test_what_only_looks_like_a_name_is_not_proposed(label, kind, text):
    at = text.index(label)
    proposal = Proposal(f"x/{label.lower()}", kind, label, ((at, at + len(label)),), 0.7, "")
    assert plausible_proposals(text, [proposal]) == []


def test_a_person_title_is_not_proposed_as_an_organisation():
    text = "The Valley Rights Spokesman stated that the camp was shelled."
    proposals = [Proposal("organization/valley-rights-spokesman", "Organization", "Valley Rights Spokesman",
                          ((4, 27),), 0.7, "named entity")]
    assert plausible_proposals(text, proposals) == []


@pytest.mark.parametrize("text,name", [
    ("Guards were protected under the Kesh Conventions, Anna Berg said in Kesh.", "Kesh"),
    ("The visit by Defense Secretary Tomas Reyes startled officials.", "Defense"),
])
def test_a_piece_of_a_longer_name_is_not_proposed_there(text, name):
    from ashraf_kg.extract.vetting import drop_fragments

    at = text.index(name)
    proposal = Proposal("place/x", "Place", name, ((at, at + len(name)),), 0.7, "named entity")
    assert drop_fragments(text, [proposal], []) == []


def test_a_name_inside_a_longer_proposed_name_is_not_proposed():
    from ashraf_kg.extract.vetting import drop_fragments

    text = "The People's Valley Front of Kesh rejected it."
    outer = Proposal("organization/pvf", "Organization", "People's Valley Front of Kesh", ((4, 33),), 0.7, "")
    inner = Proposal("place/vfk", "Place", "Valley Front of Kesh", ((13, 33),), 0.7, "")
    assert drop_fragments(text, [outer, inner], []) == [outer]


def test_a_name_written_alone_elsewhere_keeps_that_place_only():
    from ashraf_kg.extract.vetting import drop_fragments

    text = "Anna Berg spoke in Kesh about the Kesh Conventions."
    proposal = Proposal("place/kesh", "Place", "Kesh", ((19, 23), (34, 38)), 0.7, "")
    (kept,) = name_every_occurrence(text, drop_fragments(text, [proposal], []), [])
    assert kept.spans == ((19, 23),)


def test_name_only_in_a_sentence_case_headline_is_not_proposed():
    text = "Rockets hit Valdorin camp near Kesh\n\nRockets struck the camp on Monday, police said."
    proposals = [Proposal("person/valdorin", "Person", "Valdorin", ((12, 20),), 0.7, "")]
    assert plausible_proposals(text, proposals) == []


def test_an_acronym_defined_for_a_proposed_organisation_is_that_organisation():
    text = "The Kesh Relief Council (CSK) condemned the shelling. CSK also urged calm."
    council = Proposal("organization/kesh-relief-council", "Organization", "Kesh Relief Council",
                       ((4, 23),), 0.7, "named entity")
    acronym = Proposal("organization/csk", "Organization", "CSK", ((25, 28),), 0.7, "named entity")
    (found,) = name_every_occurrence(text, [council, acronym], [])
    assert [text[s:e] for s, e in found.spans] == ["Kesh Relief Council", "CSK", "CSK"]


def test_a_person_proposed_under_an_organisations_name_without_its_head_word_is_it():
    text = "The Dorvan Khalq Organization lives there. A Dorvan Khalq spokesman said so."
    at = text.rindex("Dorvan Khalq")
    group = Proposal("organization/dorvan-khalq-organization", "Organization",
                     "Dorvan Khalq Organization", ((4, 29),), 0.7, "named entity")
    person = Proposal("person/dorvan-khalq", "Person", "Dorvan Khalq", ((at, at + 12),), 0.7, "")
    (found,) = name_every_occurrence(text, [group, person], [])
    assert found.spans == ((4, 29), (at, at + 12))
