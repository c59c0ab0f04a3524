"""Quotations, their speakers and the pronouns that point back (extract.speech)."""

from __future__ import annotations

from ashraf_kg.extract.pipeline import split_sentences
from ashraf_kg.extract.speech import content_end, find_quotations, find_references

BERG, REYES, BRIGADE, KESH = ("person/anna-berg", "person/tomas-reyes",
                              "organization/northern-brigade", "place/kesh")


def references(text: str, *mentions: tuple[str, str], mark) -> list[tuple[str, int, str]]:
    """(pronoun, offset, entity) of every reference resolved in ``text``."""
    hits = mark(text, *mentions)
    return [(text[h.start:h.end], h.start, h.entity)
            for h in find_references(text, split_sentences(text), hits)]


def test_quotations_are_the_words_between_the_marks():
    text = 'Berg said she was “deeply shocked” and "angry".'
    assert [text[s:e] for s, e in find_quotations(text)] == ["deeply shocked", "angry"]


def test_a_quotation_does_not_run_across_lines():
    assert find_quotations('He said "the end\nof it" today.') == []


def test_we_in_a_quotation_is_its_speaker(mark):
    text = "Anna Berg said, “We will rebuild the bridge.”"
    assert references(text, ("Anna Berg", BERG), mark=mark) == [("We", 17, BERG)]


def test_i_in_a_quotation_of_an_organisation_is_the_organisation(mark):
    text = 'The Northern Brigade said, "I regret it."'
    assert references(text, ("Northern Brigade", BRIGADE), mark=mark) == [("I", 28, BRIGADE)]


def test_a_quotation_without_a_named_speaker_resolves_nothing(mark):
    assert references('Reporters said, "We saw nothing."', mark=mark) == []


def test_the_statement_speaks_for_whoever_spoke_in_the_sentence_before(mark):
    text = ('The Northern Brigade said on Monday that it had left Kesh. '
            'The statement added, "We regret the losses."')
    found = references(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark)
    assert found == [("We", text.index("We"), BRIGADE)]


def test_he_is_the_one_person_named_before(mark):
    text = "Tomas Reyes entered Kesh. He said little."
    assert references(text, ("Tomas Reyes", REYES), ("Kesh", KESH), mark=mark) == [
        ("He", 26, REYES)]


def test_he_after_two_people_stays_unresolved(mark):
    text = "Tomas Reyes met Anna Berg. He said little."
    assert references(text, ("Tomas Reyes", REYES), ("Anna Berg", BERG), mark=mark) == []


def test_the_group_is_the_one_organisation_named_just_before(mark):
    text = "The Northern Brigade entered Kesh. The group said it would stay."
    assert references(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark) == [
        ("The group", text.index("The group"), BRIGADE)]


def test_he_with_no_person_before_resolves_nothing(mark):
    assert references("He left Kesh.", ("Kesh", KESH), mark=mark) == []


def test_they_as_a_subject_is_the_organisation_named_last_in_the_sentence(mark):
    text = "The Northern Brigade entered Kesh, but they did not stay."
    assert references(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark) == [
        ("they", 39, BRIGADE)]


def test_they_not_followed_by_a_verb_is_left_alone(mark):
    text = "The Northern Brigade entered Kesh, and many saw they stay."
    assert references(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark) == []


def test_they_does_not_reach_into_the_sentence_before(mark):
    text = "The Northern Brigade entered Kesh. Then they did not stay."
    assert references(text, ("Northern Brigade", BRIGADE), ("Kesh", KESH), mark=mark) == []


def test_reported_words_run_to_the_end_of_a_quotation_opened_in_the_sentence():
    text = 'Berg said, "We stay. We rebuild." Reporters left.'
    first, last = (0, text.index(" We rebuild")), (text.index("Reporters"), len(text))
    assert content_end(first, find_quotations(text)) == text.index(" Reporters")
    assert content_end(last, find_quotations(text)) == len(text)


def test_they_stays_unresolved_when_a_plural_noun_could_be_meant(mark):
    from ashraf_kg.extract.nlp import parse_text
    from ashraf_kg.extract.speech import drop_crossed_plurals

    text = "Seven residents are missing, and the Northern Brigade must say where they are held."
    hits = mark(text, ("Northern Brigade", "organization/northern-brigade"))
    refs = find_references(text, split_sentences(text), hits)
    assert [r for r in drop_crossed_plurals(text, parse_text(text), refs, hits)
            if text[r.start:r.end] == "they"] == []


def test_they_after_its_only_plural_antecedent_is_resolved(mark):
    from ashraf_kg.extract.nlp import parse_text
    from ashraf_kg.extract.speech import drop_crossed_plurals

    text = "Northern Brigade soldiers were at the gate, but they did not shoot."
    hits = mark(text, ("Northern Brigade soldiers", "organization/northern-brigade"))
    refs = find_references(text, split_sentences(text), hits)
    assert [text[r.start:r.end] for r in drop_crossed_plurals(text, parse_text(text), refs, hits)] == ["they"]


def test_a_quotation_under_a_label_naming_its_speaker_is_theirs(mark):
    text = "Anna Berg visited Kesh. Statement by Anna Berg:\n\n“We will rebuild the bridge.”"
    found = references(text, ("Anna Berg", BERG), ("Anna Berg", BERG), mark=mark)
    assert found == [("We", text.index("We"), BERG)]
