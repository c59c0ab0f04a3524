"""Agents the parse contradicts are taken off their events (extract.agents)."""

from __future__ import annotations

from datetime import date

import pytest

from ashraf_kg.extract.pipeline import extract_document
from ashraf_kg.model import Document, DocumentMeta, Entity

REGISTRY = (
    Entity("person/tomas-reyes", "Person", "Tomas Reyes"),
    Entity("organization/hill-militia", "Organization", "Hill Militia"),
    Entity("organization/northern-brigade", "Organization", "Northern Brigade"),
    Entity("group/valdorian-dissidents", "Group", "Valdorian dissidents"),
    Entity("place/camp-cedar", "Camp", "Camp Cedar"),
)


def _agents(text: str, event_type: str) -> list[tuple[str, ...]]:
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), author="person/tomas-reyes")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    return [e.role("agent") for e in events if e.type == event_type]


@pytest.mark.parametrize("text", [
    "Minister Tomas Reyes deplored the killing of five residents at Camp Cedar.",
    "The Hill Militia said the Northern Brigade killed five residents at Camp Cedar.",
])
def test_the_party_that_reports_an_event_is_not_its_agent(text):
    agents = _agents(text, "Killing")
    assert agents and "person/tomas-reyes" not in agents[0] and "organization/hill-militia" not in agents[0]


def test_the_actor_named_in_the_report_stays_the_agent():
    text = "The Hill Militia said the Northern Brigade killed five residents at Camp Cedar."
    assert _agents(text, "Killing") == [("organization/northern-brigade",)]


def test_victims_in_a_modifier_of_the_subject_are_not_the_killers():
    text = "An attack on Camp Cedar housing Valdorian dissidents killed five people."
    assert all("group/valdorian-dissidents" not in a for a in _agents(text, "Killing"))


def test_members_of_an_organisation_that_act_make_it_the_agent():
    text = "Several battalions of the Northern Brigade attacked Camp Cedar."
    assert _agents(text, "Attack") == [("organization/northern-brigade",)]


def test_a_condemnation_keeps_its_speaker_as_agent():
    text = "The Hill Militia condemned the raid on Camp Cedar."
    assert _agents(text, "Condemnation") == [("organization/hill-militia",)]


def test_the_actor_after_by_is_looked_for_in_its_own_sentence_only():
    text = "He blamed the attack on militias backed by Kesh.\n\nThe Hill Militia denied any role."
    assert all("organization/hill-militia" not in a for a in _agents(text, "Attack"))


def test_a_verb_joined_to_one_whose_subject_is_an_attack_has_no_agent_before_it():
    text = ("The Hill Militia visited Camp Cedar two days after a rocket attack on the camp killed "
            "three residents and wounded dozens more.")
    assert all("organization/hill-militia" not in a for a in _agents(text, "Wounding"))


def test_the_subject_the_parse_gives_a_joined_verb_is_its_agent():
    text = ("The Hill Militia stormed the gate at dawn; and, after a pause in which the Northern "
            "Brigade watched, killed five residents at Camp Cedar.")
    assert _agents(text, "Killing") == [("organization/hill-militia",)]


def test_an_appeal_after_a_semicolon_is_made_by_the_first_verbs_subject():
    text = ("The Hill Militia welcomes the talks; and urges the Northern Brigade to leave "
            "Camp Cedar.")
    assert _agents(text, "Appeal") == [("organization/hill-militia",)]


def test_the_party_that_condemns_is_not_the_agent_when_a_headline_runs_into_its_sentence():
    text = ("Terrorist Attack on Camp Cedar\nPress Statement\nTomas Reyes\nJune 15, 2013\n\n"
            "The Hill Militia condemns the attack that took place this morning at Camp Cedar "
            "killing 6 people.")
    assert all("organization/hill-militia" not in a for a in _agents(text, "Killing"))



def test_the_party_that_claims_something_happened_is_not_its_agent():
    text = "The Hill Militia claims that the residents killed each other at Camp Cedar."
    assert all("organization/hill-militia" not in a for a in _agents(text, "Killing"))


def test_who_claims_responsibility_for_an_attack_is_its_agent():
    text = "The Hill Militia claimed responsibility for the rocket attack on Camp Cedar."
    assert _agents(text, "Attack") == [("organization/hill-militia",)]


def _roles(text: str, event_type: str, role: str) -> list[tuple[str, ...]]:
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), author="person/tomas-reyes")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    return [e.role(role) for e in events if e.type == event_type]


def test_the_parse_gives_the_target_a_time_phrase_keeps_from_the_noun():
    text = "It was the second raid in a week on the Valdorian dissidents."
    assert _roles(text, "Attack", "target") == [("group/valdorian-dissidents",)]



def test_a_participle_after_the_main_clause_shares_its_subject():
    text = "The Northern Brigade wrote to the Hill Militia and to Tomas Reyes, condemning the raid on Camp Cedar."
    assert _agents(text, "Condemnation") == [("organization/northern-brigade",)]


def _all_roles(text: str, event_type: str) -> list[dict]:
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1))
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    return [dict(e.roles) for e in events if e.type == event_type]


def test_who_a_letter_is_written_to_hears_the_condemnation_it_makes():
    text = ("Tomas Reyes wrote letters to the Hill Militia and to the Northern Brigade, condemning "
            "the attack on Camp Cedar.")
    (roles,) = _all_roles(text, "Condemnation")
    assert (roles.get("agent"), set(roles.get("recipient", ()))) == (
        ("person/tomas-reyes",), {"organization/hill-militia", "organization/northern-brigade"})


def test_a_verb_whose_subject_is_a_number_of_people_has_no_agent_before_it():
    text = "Tomas Reyes is shocked by the raid on Camp Cedar, which left nine dead, dozens wounded and more missing."
    assert all("agent" not in roles for roles in _all_roles(text, "Wounding"))


def _recipients(text: str) -> list[tuple[str, ...]]:
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), author="person/tomas-reyes")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    return [e.role("recipient") for e in events if e.type == "Appeal"]


@pytest.mark.parametrize("text", [
    "The Northern Brigade has opened an inquiry, and Tomas Reyes has urged that it proceed quickly.",
    "Tomas Reyes met the Northern Brigade on Monday. He called on it to protect Camp Cedar.",
])
def test_an_appeal_to_it_is_addressed_to_the_organisation_named_before(text):
    assert ("organization/northern-brigade",) in _recipients(text)


def test_an_appeal_to_it_takes_no_person_as_addressee():
    text = "Tomas Reyes spoke at Camp Cedar. The Hill Militia called on it to leave."
    assert all("person/tomas-reyes" not in r for r in _recipients(text))


def test_an_appeal_is_about_the_group_named_after_a_long_request():
    text = ("Tomas Reyes called on the Hill Militia to use whatever sway it might have over the "
            "commanders of the western hills and their many allies to free the Valdorian dissidents.")
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), author="person/tomas-reyes")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    assert [e.role("target") for e in events if e.type == "Appeal"] == [("group/valdorian-dissidents",)]


def test_the_noun_a_relative_clause_hangs_on_is_its_subject_not_an_earlier_actor():
    text = ("Tomas Reyes called on the Hill Militia to use whatever sway it has with "
            "gangs that may be holding them near Camp Cedar.")
    assert all("organization/hill-militia" not in agents for agents in _agents(text, "Detention"))


def test_the_party_that_reports_a_wounding_is_not_its_victim():
    text = "Tomas Reyes said dozens were also wounded at Camp Cedar."
    assert all("person/tomas-reyes" not in v for v in _roles(text, "Wounding", "victim"))
