"""Events from trigger words, with roles, place, time and counts (extract.events)."""

from __future__ import annotations

import pytest

from ashraf_kg.extract.events import find_events, split_clauses
from ashraf_kg.extract.pipeline import split_sentences

BRIGADE, REYES, BERG = "organization/northern-brigade", "person/tomas-reyes", "person/anna-berg"
REFUGEES, KESH, ORLAN = "group/refugees", "place/kesh", "place/orlan-province"
MORTARS = "thing/mortar-shells"


def events(text: str, *mentions: tuple[str, str], mark) -> list:
    return find_events(text, split_sentences(text), mark(text, *mentions))


def summary(text: str, *mentions: tuple[str, str], mark) -> list[tuple]:
    """(type, trigger words, roles, places) of each event."""
    return [(e.type, text[e.trigger[0]:e.trigger[1]], e.roles, e.place)
            for e in events(text, *mentions, mark=mark)]


def test_the_actor_before_an_active_verb_is_the_agent_and_after_it_the_target(mark):
    text = "The Northern Brigade attacked the refugees yesterday."
    assert summary(text, ("Northern Brigade", BRIGADE), ("refugees", REFUGEES), mark=mark) == [
        ("Attack", "attacked", {"agent": [BRIGADE], "target": [REFUGEES]}, [])]


def test_the_actor_after_by_is_the_agent(mark):
    text = "The refugees were attacked by the Northern Brigade."
    (attack,) = events(text, ("refugees", REFUGEES), ("Northern Brigade", BRIGADE), mark=mark)
    assert attack.roles["agent"] == [BRIGADE]


def test_a_place_after_a_preposition_is_the_place_and_a_weapon_the_instrument(mark):
    text = "The Northern Brigade fired mortar shells at Kesh."
    assert summary(text, ("Northern Brigade", BRIGADE), ("mortar shells", MORTARS), ("Kesh", KESH),
                   mark=mark) == [("Attack", "fired", {"agent": [BRIGADE], "instrument": [MORTARS]}, [KESH])]


def test_a_preposition_ending_the_trigger_places_what_follows(mark):
    text = "Mortar shells slammed into Kesh overnight."
    (attack,) = events(text, ("Mortar shells", MORTARS), ("Kesh", KESH), mark=mark)
    assert (attack.roles, attack.place) == ({"instrument": [MORTARS]}, [KESH])


def test_a_place_stormed_is_the_place_of_the_attack(mark):
    text = "The Northern Brigade stormed Kesh at dawn."
    (attack,) = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert (attack.roles, attack.place) == ({"agent": [BRIGADE]}, [KESH])


def test_a_weapon_before_an_attack_noun_is_its_instrument(mark):
    text = "The Northern Brigade denied the mortar shells attack on Kesh."
    found = events(text, ("Northern Brigade", BRIGADE), ("mortar shells", MORTARS), ("Kesh", KESH),
                   mark=mark)
    assert [e.roles.get("instrument") for e in found if e.type == "Attack"] == [[MORTARS]]


def test_meeting_people_are_all_participants(mark):
    text = "Anna Berg met Tomas Reyes in Kesh."
    assert summary(text, ("Anna Berg", BERG), ("Tomas Reyes", REYES), ("Kesh", KESH), mark=mark) == [
        ("Meeting", "met", {"participant": [BERG, REYES]}, [KESH])]


def test_a_place_after_to_is_the_destination_of_a_flight(mark):
    text = "Tomas Reyes fled to Orlan province."
    (flight,) = events(text, ("Tomas Reyes", REYES), ("Orlan province", ORLAN), mark=mark)
    assert (flight.type, flight.roles) == ("Flight", {"agent": [REYES], "destination": [ORLAN]})


def test_an_order_has_its_giver_and_its_recipient(mark):
    text = "Tomas Reyes ordered the Northern Brigade to withdraw."
    assert summary(text, ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE), mark=mark) == [
        ("Order", "ordered", {"agent": [REYES], "recipient": [BRIGADE]}, [])]


def test_coordinated_subjects_are_all_agents(mark):
    text = "Anna Berg and Tomas Reyes condemned the raid."
    (condemnation,) = events(text, ("Anna Berg", BERG), ("Tomas Reyes", REYES), mark=mark)
    assert condemnation.roles == {"agent": [BERG, REYES]}


def test_coordinated_participles_share_the_subject(mark):
    text = "The Northern Brigade was training militias, providing weapons to Tomas Reyes and plotting a coup."
    found = events(text, ("Northern Brigade", BRIGADE), ("Tomas Reyes", REYES), mark=mark)
    assert [(e.type, e.roles.get("agent")) for e in found] == [
        ("Training", [BRIGADE]), ("MilitarySupport", [BRIGADE]), ("Plotting", [BRIGADE])]


def test_the_time_nearest_the_trigger_is_the_events(mark):
    text = "On 3 May the Northern Brigade attacked Kesh at midnight."
    (attack,) = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert attack.time == "midnight"


def test_a_figure_goes_to_the_violent_event_nearest_it(mark):
    text = "The Northern Brigade attacked Kesh, killing twelve."
    found = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert [(e.type, [(kind, value) for kind, value, _ in e.counts]) for e in found] == [
        ("Attack", []), ("Killing", [("killed", 12)])]


def test_a_figure_told_before_any_event_waits_for_the_first(mark):
    text = "Fatalities: 12\nThe Northern Brigade attacked Kesh."
    (attack,) = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert [(kind, value) for kind, value, _ in attack.counts] == [("dead", 12)]


def test_a_definite_reference_adding_nothing_is_not_a_new_event(mark):
    text = "The Northern Brigade attacked Kesh today. Tomas Reyes condemned the attack."
    found = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), ("Tomas Reyes", REYES),
                   mark=mark)
    assert [(e.type, e.roles) for e in found] == [
        ("Attack", {"agent": [BRIGADE]}), ("Condemnation", {"agent": [REYES]})]


def test_a_definite_reference_with_a_new_instrument_is_an_event_with_the_earlier_roles(mark):
    text = "The Northern Brigade attacked Kesh. The attack used mortar shells."
    found = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), ("mortar shells", MORTARS),
                   mark=mark)
    assert [(e.type, e.roles) for e in found] == [
        ("Attack", {"agent": [BRIGADE]}), ("Attack", {"instrument": [MORTARS], "agent": [BRIGADE]})]


@pytest.mark.parametrize("text", [
    "The Northern Brigade did not attack Kesh.",
    "The Northern Brigade said there was no attack on Kesh.",
    "The Northern Brigade wanted to attack Kesh.",
])
def test_a_negated_or_infinitive_trigger_is_no_event(text, mark):
    assert events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark) == []


@pytest.mark.parametrize("text", [
    "Tomas Reyes called on the Northern Brigade for an inquiry.",
    "Tomas Reyes urged the Northern Brigade to allow an inquiry.",
    "Tomas Reyes and the Northern Brigade weighed the options for relocation.",
    "Tomas Reyes wants the Northern Brigade to be relocated to Kesh.",
])
def test_an_event_only_asked_for_or_spoken_of_in_general_is_no_event(text, mark):
    found = events(text, ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE), mark=mark)
    assert [e.type for e in found if e.type in ("Investigation", "Relocation")] == []


def test_the_actors_of_an_event_noun_are_its_own_not_the_sentences(mark):
    text = "Tomas Reyes described a relocation of the refugees to Kesh."
    (relocation,) = [e for e in events(text, ("Tomas Reyes", REYES), ("refugees", REFUGEES),
                                       ("Kesh", KESH), mark=mark) if e.type == "Relocation"]
    assert "agent" not in relocation.roles and relocation.roles["destination"] == [KESH]


def test_an_investigation_opened_by_an_actor_is_its_own(mark):
    text = "The Northern Brigade has opened an investigation."
    (found,) = events(text, ("Northern Brigade", BRIGADE), mark=mark)
    assert (found.type, found.roles) == ("Investigation", {"agent": [BRIGADE]})


def test_a_call_keeps_the_destination_of_what_it_asks_for(mark):
    text = "Tomas Reyes called for the refugees to be transferred to Kesh."
    (appeal,) = events(text, ("Tomas Reyes", REYES), ("refugees", REFUGEES), ("Kesh", KESH), mark=mark)
    assert (appeal.type, appeal.roles.get("destination")) == ("Appeal", [KESH])


def test_the_subject_of_a_sentence_is_not_the_agent_of_a_killing_it_speaks_of(mark):
    text = "The Northern Brigade investigated the killing of the refugees."
    found = events(text, ("Northern Brigade", BRIGADE), ("refugees", REFUGEES), mark=mark)
    assert [e.roles for e in found if e.type == "Killing"] == [{"victim": [REFUGEES]}]


def test_who_did_the_shooting_is_its_agent(mark):
    text = "Tomas Reyes said the Northern Brigade did the shooting in Kesh."
    found = events(text, ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE), ("Kesh", KESH),
                   mark=mark)
    assert [e.roles.get("agent") for e in found if e.type == "Attack"] == [[BRIGADE]]


@pytest.mark.parametrize("text", [
    "The Northern Brigade should investigate Kesh.",
    "The Northern Brigade must be attacked in Kesh.",
])
def test_what_should_or_must_be_done_is_no_event(text, mark):
    assert events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark) == []


def test_an_attempt_to_attack_is_an_event(mark):
    text = "The Northern Brigade tried to attack Kesh."
    assert [e.type for e in events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)] == [
        "Attack"]


def test_events_come_in_text_order(mark):
    text = "Tomas Reyes fled to Orlan province after the Northern Brigade attacked Kesh."
    found = events(text, ("Tomas Reyes", REYES), ("Orlan province", ORLAN),
                   ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert [e.type for e in found] == ["Flight", "Attack"]
    assert found[0].trigger < found[1].trigger


def test_clauses_split_at_semicolons_and_dashes():
    text = "The army left; the police stayed – briefly – and the mayor spoke."
    assert [text[s:e] for s, e in split_clauses(text, 0, len(text))] == [
        "The army left", "the police stayed", "briefly", "and the mayor spoke."]


def test_an_appeal_is_about_the_group_named_after_its_addressee(mark):
    text = "Tomas Reyes called on the Northern Brigade to protect the refugees in Kesh."
    (appeal,) = events(text, ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE),
                       ("refugees", REFUGEES), ("Kesh", KESH), mark=mark)
    assert (appeal.type, appeal.roles) == ("Appeal", {"agent": [REYES], "recipient": [BRIGADE],
                                                      "target": [REFUGEES]})


def test_the_actor_before_a_relocation_noun_takes_part_in_it(mark):
    text = "The Northern Brigade relocation ended in Kesh."
    (move,) = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert move.roles == {"participant": [BRIGADE]}


def test_the_parties_to_an_agreement_take_part_alike_and_the_document_is_no_weapon(mark):
    text = "Tomas Reyes and Anna Berg signed a ceasefire agreement in Kesh."
    (deal,) = events(text, ("Tomas Reyes", REYES), ("Anna Berg", BERG),
                     ("ceasefire agreement", "thing/ceasefire-accord"), ("Kesh", KESH), mark=mark)
    assert (deal.type, deal.roles, deal.place) == ("Agreement", {"participant": [REYES, BERG]}, [KESH])


def test_who_is_called_for_is_the_target_and_who_is_called_on_the_recipient(mark):
    text = "Tomas Reyes called on the Northern Brigade to leave. Anna Berg called for the refugees to be fed."
    found = events(text, ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE), ("Anna Berg", BERG),
                   ("refugees", REFUGEES), mark=mark)
    assert [e.roles for e in found] == [{"agent": [REYES], "recipient": [BRIGADE]},
                                        {"agent": [BERG], "target": [REFUGEES]}]


def test_an_agreement_signed_by_a_party_has_it_as_participant(mark):
    text = "The accord (KA) signed by Tomas Reyes held for a year."
    (deal,) = events(text, ("Tomas Reyes", REYES), mark=mark)
    assert (deal.type, deal.roles) == ("Agreement", {"participant": [REYES]})


def test_a_thing_named_in_an_appeal_is_no_weapon(mark):
    text = "Tomas Reyes urged the Northern Brigade to hand over the mortar shells."
    (appeal,) = events(text, ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE),
                       ("mortar shells", MORTARS), mark=mark)
    assert "instrument" not in appeal.roles


def test_a_series_of_attacks_is_an_event_though_a_complement(mark):
    text = "A series of attacks on the refugees followed."
    found = events(text, ("refugees", REFUGEES), mark=mark)
    assert [(e.type, e.roles) for e in found] == [("Attack", {"target": [REFUGEES]})]


def test_a_place_that_was_attacked_is_the_place_of_the_attack(mark):
    text = "From 2001 to 2004, Kesh was repeatedly shelled."
    (attack,) = events(text, ("Kesh", KESH), mark=mark)
    assert (attack.type, attack.place) == ("Attack", [KESH])


def test_an_actor_named_by_its_acronym_after_its_full_name_is_joined(mark):
    text = "The envoy met the Northern Brigade and the Council for Relief of Kesh (CRK) today."
    (meeting,) = events(text, ("Northern Brigade", BRIGADE), ("CRK", "organization/crk"), mark=mark)
    assert meeting.roles == {"participant": [BRIGADE, "organization/crk"]}


def test_a_headline_event_is_the_body_event_it_announces(mark):
    text = "Northern Brigade Attack on Kesh\n\nThe Northern Brigade attacked the refugees at dawn."
    found = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), ("Northern Brigade", BRIGADE),
                   ("refugees", REFUGEES), mark=mark)
    assert [(e.type, e.roles, e.place) for e in found] == [
        ("Attack", {"agent": [BRIGADE], "target": [REFUGEES]}, [KESH])]


def test_a_first_sentence_with_a_full_stop_is_no_headline(mark):
    text = "The Northern Brigade attacked Kesh.\nLater the Northern Brigade attacked the refugees."
    found = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), ("Northern Brigade", BRIGADE),
                   ("refugees", REFUGEES), mark=mark)
    assert [e.type for e in found] == ["Attack", "Attack"]


def test_a_place_that_locates_the_destination_is_not_the_place_of_the_move(mark):
    text = "The refugees were relocated to Kesh outside of Orlan Province in May."
    found = events(text, ("refugees", REFUGEES), ("Kesh", KESH), ("Orlan Province", ORLAN), mark=mark)
    assert [(e.roles.get("destination"), e.place) for e in found] == [([KESH], [])]


def test_a_place_within_which_an_appeal_asks_for_action_is_its_place(mark):
    text = "Anna Berg called on the Northern Brigade to improve security within Kesh."
    found = events(text, ("Anna Berg", BERG), ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert [e.place for e in found if e.type == "Appeal"] == [[KESH]]


def test_who_a_call_for_action_asks_to_act_is_its_recipient(mark):
    text = "Anna Berg called for the Northern Brigade and the refugees to meet at once."
    found = events(text, ("Anna Berg", BERG), ("Northern Brigade", BRIGADE), ("refugees", REFUGEES),
                   mark=mark)
    appeal = next(e for e in found if e.type == "Appeal")
    assert (appeal.roles.get("recipient"), appeal.roles.get("target")) == ([BRIGADE, REFUGEES], None)


def test_who_a_call_asks_to_be_punished_is_its_target(mark):
    text = "Anna Berg called for the Northern Brigade to be brought to justice."
    found = events(text, ("Anna Berg", BERG), ("Northern Brigade", BRIGADE), mark=mark)
    appeal = next(e for e in found if e.type == "Appeal")
    assert (appeal.roles.get("target"), appeal.roles.get("recipient")) == ([BRIGADE], None)


def test_every_actor_joined_by_and_after_by_is_an_agent(mark):
    text = "The refugees were attacked by the Northern Brigade and Tomas Reyes."
    found = events(text, ("refugees", REFUGEES), ("Northern Brigade", BRIGADE), ("Tomas Reyes", REYES),
                   mark=mark)
    assert found[0].roles["agent"] == [BRIGADE, REYES]


def test_an_actor_after_a_place_that_ends_the_by_phrase_is_not_the_agent(mark):
    text = "Tomas Reyes denied there were any plans by Kesh to send the refugees to Orlan province."
    found = events(text, ("Tomas Reyes", REYES), ("Kesh", KESH), ("refugees", REFUGEES),
                   ("Orlan province", ORLAN), mark=mark)
    assert [e.roles.get("agent") for e in found if e.type == "Denial"] == [[REYES]]


def test_a_place_that_qualifies_the_actor_after_by_leaves_it_the_agent(mark):
    text = "The refugees were attacked by Kesh's Northern Brigade."
    found = events(text, ("refugees", REFUGEES), ("Kesh", KESH), ("Northern Brigade", BRIGADE), mark=mark)
    assert found[0].roles["agent"] == [BRIGADE]


def test_the_parties_between_whom_an_agreement_is_made_are_its_participants(mark):
    text = "The refugees live in Kesh under the agreement between the Northern Brigade and Anna Berg."
    found = events(text, ("refugees", REFUGEES), ("Kesh", KESH), ("Northern Brigade", BRIGADE),
                   ("Anna Berg", BERG), mark=mark)
    (agreement,) = [e for e in found if e.type == "Agreement"]
    assert agreement.roles == {"participant": [BRIGADE, BERG]}


def test_a_party_named_again_by_its_acronym_still_joins_the_next_with_as_well_as(mark):
    text = "Anna Berg was in contact with the Northern Brigade, or NB, as well as Tomas Reyes."
    found = events(text, ("Anna Berg", BERG), ("Northern Brigade", BRIGADE), ("NB", BRIGADE),
                   ("Tomas Reyes", REYES), mark=mark)
    (meeting,) = [e for e in found if e.type == "Meeting"]
    assert meeting.roles["participant"][-2:] == [BRIGADE, REYES]


def test_a_headline_does_not_add_parties_to_a_role_the_body_names(mark):
    text = "Anna Berg and Tomas Reyes Attack Kesh\n\nThe Northern Brigade attacked the refugees at dawn."
    found = events(text, ("Anna Berg", BERG), ("Tomas Reyes", REYES), ("Kesh", KESH),
                   ("Northern Brigade", BRIGADE), ("refugees", REFUGEES), mark=mark)
    assert [(e.roles["agent"], e.place) for e in found] == [([BRIGADE], [KESH])]


def test_who_leads_a_resettlement_named_by_a_noun_takes_part_in_it(mark):
    text = "The refugees joined the Northern Brigade-led resettlement last spring."
    found = summary(text, ("refugees", REFUGEES), ("Northern Brigade", BRIGADE), mark=mark)
    assert [(t, r.get("participant")) for t, _, r, _ in found] == [("Relocation", [BRIGADE])]


def test_the_place_of_what_is_condemned_is_not_the_place_of_the_condemnation(mark):
    text = "Tomas Reyes deplores the terrible events at Kesh."
    found = summary(text, ("Tomas Reyes", REYES), ("Kesh", KESH), mark=mark)
    assert [p for t, _, _, p in found if t == "Condemnation"] == [[]]


def test_an_actor_opening_a_clause_of_its_own_is_not_the_object(mark):
    text = "Five people were killed when the Northern Brigade stormed Kesh."
    found = events(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert all(BRIGADE not in e.roles.get("victim", []) for e in found if e.type == "Killing")
