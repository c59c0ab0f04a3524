"""Trigger words of events (extract.triggers.TRIGGERS): which words, which type, which role."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from ashraf_kg.extract.triggers import TRIGGERS
from ashraf_kg.namespaces import AKG


def triggers_in(sentence: str) -> list[tuple[str, str, str | None]]:
    """(words, event type, object role) of every trigger in ``sentence``, as events reads them."""
    return sorted(((m[0], event_type, role) for pattern, event_type, role in TRIGGERS
                   for m in re.finditer(pattern, sentence, re.IGNORECASE)))


@pytest.mark.parametrize("sentence, trigger", [
    ("Gunmen stormed the building.", ("stormed", "Attack", "target")),
    ("Several rockets struck the camp.", ("rockets struck", "Attack", "target")),
    ("Two guards were wounded.", ("wounded", "Wounding", "victim")),
    ("Rebels set fire to the depot.", ("set fire to", "Arson", "target")),
    ("Hundreds fled the city.", ("fled", "Flight", "participant")),
    ("The envoy met the governor.", ("met", "Meeting", "participant")),
    ("The army detained ten men.", ("detained", "Detention", "victim")),
    ("Gunmen abducted a doctor.", ("abducted", "Abduction", "victim")),
    ("The mayor was removed from office.", ("removed", "RemovalFromPost", "target")),
    ("Journalists were barred from the camp.", ("barred from", "AccessObstruction", "target")),
    ("The army provided weapons to the militia.", ("provided weapons", "MilitarySupport", "recipient")),
    ("The group was interned at the camp.", ("interned at", "Confinement", "participant")),
    ("Officials lied about the toll.", ("lied", "Deception", "target")),
    ("He ordered the troops to withdraw.", ("ordered", "Order", "recipient")),
    ("Aid groups called for calm.", ("called for", "Appeal", "target")),
    ("We urge the governor to reopen the road.", ("urge", "Appeal", "recipient")),
    ("The council drew wide condemnation.", ("condemnation", "Condemnation", "target")),
    ("Officials held talks with the rebels.", ("talks", "Meeting", "participant")),
    ("Police regretted the use of force against the marchers.", ("use of force", "Attack", "target")),
    ("The ministry is announcing new rules.", ("announcing", "Statement", None)),
    ("The envoy was appointed last year.", ("appointed", "Appointment", "participant")),
    ("The governor resigned in protest.", ("resigned", "Resignation", None)),
    ("The town was recaptured by the army.", ("recaptured", "Capture", "target")),
    ("The base was occupied by rebels.", ("occupied", "Capture", "target")),
    ("The army formally transferred control of the base.", ("transferred control", "TransferOfControl",
                                                             "recipient")),
    ("A memorandum of understanding between the two sides held.", ("memorandum of understanding",
                                                                    "Agreement", "participant")),
    ("Both parties signed a ceasefire agreement.", ("signed a ceasefire agreement", "Agreement",
                                                    "participant")),
    ("The council calls upon both sides to talk.", ("calls upon", "Appeal", "recipient")),
    ("The envoy insisted that the guards be punished.", ("insisted that", "Appeal", "target")),
    ("The families demanded that the prisoners be freed.", ("demanded that", "Appeal", "target")),
    ("After moving villagers to the valley, the army left.", ("moving", "Relocation", "participant")),
    ("The forced displacement of the villagers angered many.", ("forced displacement", "Relocation",
                                                                 "participant")),
    ("The ministry denied it.", ("denied", "Denial", None)),
    ("State television broadcast the speech.", ("broadcast", "Broadcast", None)),
    ("In a statement, the ministry regretted the delay.", ("In a statement", "Statement", None)),
    ("The envoy is consulting with the governor.", ("consulting with", "Meeting", "participant")),
    ("The police opened an inquiry.", ("inquiry", "Investigation", "target")),
    ("The families were relocated to the city.", ("relocated", "Relocation", "participant")),
    ("The prisoners were moved from the jail.", ("moved", "Relocation", "participant")),
])
def test_a_trigger_gives_the_event_type_and_the_role_of_what_follows(sentence, trigger):
    assert triggers_in(sentence) == [trigger]


def test_a_release_of_information_needs_what_is_released():
    assert triggers_in("The ministry released five names.") == [("released", "InformationRelease", "target")]
    assert triggers_in("Their release was delayed.") == []


def test_holding_people_is_a_detention_and_holding_talks_is_not():
    assert triggers_in("Police were holding two prisoners.") == [("holding", "Detention", "victim")]
    assert triggers_in("Police were holding talks.") == []


def test_planning_is_a_plot_only_when_something_is_planned():
    assert ("planned", "Plotting", "target") in triggers_in("They planned the raid.")
    assert triggers_in("They planned to leave.") == []


def test_taking_part_is_an_attack_only_in_an_attack():
    assert ("took part", "Attack", "target") in triggers_in("Soldiers took part in the raid.")
    assert triggers_in("Soldiers took part in the vote.") == []


def test_hitting_is_an_attack_only_when_a_weapon_hits():
    assert triggers_in("The minister hit back at his critics.") == []


def test_a_trigger_matches_whole_words_only():
    assert triggers_in("The metropolitan council met.") == [("met", "Meeting", "participant")]


def test_every_event_type_is_an_event_class_of_the_ontology(root):
    ontology = Graph().parse(root / "ontology" / "ashraf-kg.ttl")
    events = set(ontology.transitive_subjects(RDFS.subClassOf, AKG.Event))
    missing = {event_type for _, event_type, _ in TRIGGERS if URIRef(AKG[event_type]) not in events}
    assert not missing


def test_in_order_to_is_not_an_order():
    assert triggers_in("They left early in order to avoid the crowds.") == []


def test_moving_is_a_relocation_only_from_or_to_somewhere():
    assert triggers_in("The speech moved the crowd.") == []


def test_claiming_responsibility_for_an_attack_is_the_attack():
    found = triggers_in("The militia claimed responsibility for the rocket attack.")
    assert ("claimed responsibility for the rocket attack", "Attack", "target") in found


def test_a_word_inside_a_hyphenated_compound_is_no_trigger():
    assert [t for t in triggers_in("They devised a murder-for-hire scheme.") if t[1] == "Killing"] == []
