"""Where a violent event took place when its clause does not say (extract.scene)."""

from __future__ import annotations

from datetime import date

from ashraf_kg.extract.events import EventHit
from ashraf_kg.extract.mentions import Hit
from ashraf_kg.extract.nlp import parse_text
from ashraf_kg.extract.pipeline import extract_document, split_sentences
from ashraf_kg.extract.scene import agents_by_fate, place_events, victims_by_fate
from ashraf_kg.model import Document, DocumentMeta, Entity

REGISTRY = (
    Entity("organization/hill-militia", "Organization", "Hill Militia"),
    Entity("group/cedar-residents", "Group", "Residents of Camp Cedar"),
    Entity("place/camp-cedar", "Camp", "Camp Cedar"),
    Entity("place/camp-birch", "Camp", "Camp Birch"),
    Entity("place/camp-pine", "Camp", "Camp Pine"),
    Entity("group/pine-exiles", "Group", "Valdorian exiles at Camp Pine"),
    Entity("group/missing-pine-exiles", "Group", "Seven missing residents of Camp Pine"),
    Entity("group/pine-dead", "Group", "Those killed at Camp Pine in May 2012"),
    Entity("group/cedar-dead", "Group", "Those killed at Camp Cedar in May 2012"),
    Entity("place/kesh", "City", "Kesh"),
    Entity("place/valdoria", "Country", "Valdoria"),
)


def _places(text: str, event_type: str) -> list[tuple[str, ...]]:
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), genre="news")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    return [e.place for e in events if e.type == event_type]


def test_an_attack_takes_the_camp_named_in_the_next_sentence():
    text = ("The Hill Militia attacked the residents before dawn. "
            "Most of the residents of Camp Cedar near Kesh were asleep.")
    assert _places(text, "Attack") == [("place/camp-cedar",)]


def test_a_country_is_not_a_scene():
    text = "The Hill Militia attacked the residents before dawn. Valdoria is far away."
    assert _places(text, "Attack") in ([], [()])


def test_two_camps_named_nearby_leave_the_scene_open():
    text = ("The Hill Militia attacked the residents before dawn. "
            "They had come from Camp Cedar and Camp Birch.")
    assert _places(text, "Attack") in ([], [()])


def test_a_place_in_the_next_paragraph_is_not_the_scene():
    text = "The Hill Militia attacked the residents before dawn.\n\nCamp Cedar was quiet."
    assert _places(text, "Attack") in ([], [()])


def test_a_city_that_locates_the_scene_is_not_the_scene():
    text = ("The Hill Militia attacked the residents before dawn. "
            "Officials had long feared a raid on the camp northeast of Kesh.")
    assert _places(text, "Attack") in ([], [()])


def test_the_place_of_earlier_events_is_not_the_scene():
    text = ("As was the case in the two previous tragedies in Camp Cedar, the Hill Militia is "
            "responsible for this attack.")
    assert _places(text, "Attack") in ([], [()])


def test_a_city_that_acts_is_not_the_scene():
    text = ("The Hill Militia attacked the residents before dawn. "
            "Kesh is believed to be holding the missing.")
    assert _places(text, "Attack") in ([], [()])


def _targets(text: str, event_type: str) -> list[tuple[str, ...]]:
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), genre="news")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    return [e.role("target") for e in events if e.type == event_type]


def test_an_attack_on_a_camp_targets_its_residents():
    text = "The Hill Militia attacked Camp Cedar before dawn."
    assert _targets(text, "Attack") == [("group/cedar-residents",)]


def test_an_attack_on_a_camp_without_registered_residents_has_no_target():
    text = "The Hill Militia attacked Camp Birch before dawn."
    assert _targets(text, "Attack") in ([], [()])


def test_the_people_the_registry_places_at_a_camp_are_its_residents():
    text = "The Hill Militia shelled Camp Pine before dawn."
    assert _targets(text, "Attack") == [("group/pine-exiles",)]


def test_those_killed_at_the_place_of_an_attack_are_its_victims():
    text = ("The Hill Militia shelled Camp Pine before dawn, killing six.\n\n"
            "Those killed at Camp Pine in May 2012 were buried there; those killed at Camp Cedar "
            "in May 2012 were not.")
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), genre="news")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    assert [e.role("victim") for e in events if e.type == "Attack"] == [()]
    text = text.replace(".\n\nThose", ". Those")
    events = extract_document(Document(meta, text, text), REGISTRY).annotations.events
    assert [e.role("victim") for e in events if e.type == "Attack"] == [("group/pine-dead",)]


def test_an_event_at_a_camp_is_not_also_at_the_country_around_it():
    assert _places("The Hill Militia attacked Camp Cedar in Valdoria.", "Attack") == [("place/camp-cedar",)]
    assert _places("The Hill Militia attacked Valdoria.", "Attack") == [("place/valdoria",)]


def test_a_camp_that_was_attacked_is_the_scene_of_the_raid_told_beside_it():
    text = "Camp Cedar was attacked several times. In May the Hill Militia raided the camp."
    start = text.index("raided")
    raid = EventHit("Attack", (start, start + 6), (start, start + 6),
                    roles={"agent": ["organization/hill-militia"]})
    place_events(text, split_sentences(text), [raid], REGISTRY, parse_text(text))
    assert raid.place == ["place/camp-cedar"]


def _hit(text: str, words: str, entity: str) -> Hit:
    start = text.index(words)
    return Hit(entity, start, start + len(words), 1.0, "label")


def test_an_event_done_to_people_named_after_their_camp_takes_place_at_the_camp():
    text = "The Hill Militia used force against the Camp Birch residents in Valdoria."
    start = text.index("used force")
    attack = EventHit("Attack", (start, start + 10), (start, start + 10),
                      roles={"agent": ["organization/hill-militia"], "target": ["group/birch-people"]},
                      place=["place/valdoria"])
    actors = [_hit(text, "Hill Militia", "organization/hill-militia"),
              _hit(text, "Camp Birch residents", "group/birch-people"),
              _hit(text, "Camp Birch", "place/camp-birch"), _hit(text, "Valdoria", "place/valdoria")]
    place_events(text, split_sentences(text), [attack], REGISTRY, parse_text(text), actors=actors)
    assert attack.place == ["place/camp-birch"]


def test_the_residents_an_appeal_asks_to_protect_are_those_of_the_camp_the_text_is_about():
    text = ("Camp Cedar was shelled again, and the clinic of Camp Cedar burned. Its people fear "
            "Camp Pine is next. The mayor urged the Hill Militia to spare the residents.")
    start = text.index("urged")
    appeal = EventHit("Appeal", (start, start + 5), (start, start + 5),
                      roles={"recipient": ["organization/hill-militia"]})
    place_events(text, split_sentences(text), [appeal], REGISTRY, parse_text(text))
    assert appeal.roles.get("target") == ["group/cedar-residents"]


def test_the_residents_of_a_named_camp_are_not_taken_for_another_camps():
    text = "Camp Cedar was shelled again. The mayor urged the Hill Militia to spare the residents of Kesh."
    start = text.index("urged")
    appeal = EventHit("Appeal", (start, start + 5), (start, start + 5),
                      roles={"recipient": ["organization/hill-militia"]})
    place_events(text, split_sentences(text), [appeal], REGISTRY, parse_text(text))
    assert "target" not in appeal.roles


def test_the_camp_an_appeal_asks_to_secure_is_its_place():
    text = "Camp Cedar was shelled again. The mayor urged the Hill Militia to leave the camp alone."
    start = text.index("urged")
    appeal = EventHit("Appeal", (start, start + 5), (start, start + 5),
                      roles={"recipient": ["organization/hill-militia"]})
    place_events(text, split_sentences(text), [appeal], REGISTRY, parse_text(text))
    assert appeal.place == ["place/camp-cedar"]


def test_people_from_the_camp_do_not_place_an_appeal_there():
    text = "Camp Cedar was shelled again. The mayor urged the Hill Militia to free the men from the camp."
    start = text.index("urged")
    appeal = EventHit("Appeal", (start, start + 5), (start, start + 5),
                      roles={"recipient": ["organization/hill-militia"]})
    place_events(text, split_sentences(text), [appeal], REGISTRY, parse_text(text))
    assert appeal.place == []


def test_where_captives_were_taken_is_not_the_scene():
    text = "The Hill Militia attacked at dawn, with many residents being abducted to Kesh."
    assert _places(text, "Attack") in ([], [()])


FATES = (
    Entity("place/camp-oak", "Camp", "Camp Oak"),
    Entity("group/oak-dead-may", "Group", "Those killed at Camp Oak on 3 May 2014"),
    Entity("group/oak-dead-june", "Group", "Those killed at Camp Oak on 9 June 2014"),
    Entity("group/oak-attackers-may", "Group", "Those responsible for the attack on Camp Oak of 3 May 2014"),
)
_FATE_TEXT = ("Gunmen attacked Camp Oak on 3 May 2014, killing six people. "
              "A second attack on Camp Oak on 9 June 2014 killed two.")


def _attack(time: str, kind: str = "killed", agent: str | None = None) -> EventHit:
    event = EventHit("Attack", (8, 16), (0, 16), place=["place/camp-oak"], time=time,
                     counts=[(kind, 6, (36, 48))])
    if agent:
        event.add("agent", agent)
    return event


def test_an_attack_counting_its_dead_has_for_victims_those_killed_there_that_day():
    events = [_attack("3 May 2014"), _attack("9 June 2014")]
    victims_by_fate(_FATE_TEXT, events, FATES, date(2014, 6, 20))
    assert [e.roles.get("victim") for e in events] == [["group/oak-dead-may"], ["group/oak-dead-june"]]


def test_an_attack_counting_no_dead_takes_no_group_of_the_dead():
    events = [_attack("3 May 2014", kind="named")]
    victims_by_fate(_FATE_TEXT, events, FATES, date(2014, 6, 20))
    assert "victim" not in events[0].roles


def test_an_attack_without_an_agent_is_done_by_those_responsible_for_it():
    events = [_attack("3 May 2014"), _attack("3 May 2014", agent="organization/hill-militia")]
    agents_by_fate(_FATE_TEXT, events, FATES, date(2014, 6, 20))
    assert [e.roles["agent"] for e in events] == [["group/oak-attackers-may"], ["organization/hill-militia"]]


def test_an_attack_that_killed_has_for_victims_those_killed_there_that_day():
    text = "The attack on Camp Oak that killed and wounded residents on 3 May 2014 was condemned."
    event = EventHit("Attack", (4, 10), (4, 21), place=["place/camp-oak"], time="3 May 2014")
    victims_by_fate(text, [event], FATES, date(2014, 6, 20))
    assert event.roles.get("victim") == ["group/oak-dead-may"]


def test_the_month_an_undated_document_gives_an_attack_chooses_its_dead():
    event = EventHit("Killing", (49, 55), (49, 55), place=["place/camp-oak"], time="June")
    victims_by_fate(_FATE_TEXT, [event], FATES, None)
    assert event.roles.get("victim") == ["group/oak-dead-june"]
