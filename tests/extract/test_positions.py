"""Positions a voice takes without a speech verb (extract.positions)."""

from __future__ import annotations

from datetime import date

from ashraf_kg.extract.pipeline import extract_document
from ashraf_kg.model import Document, DocumentMeta, Entity

REGISTRY = (
    Entity("place/orlan", "Country", "Orlan"),
    Entity("organization/orlan-government", "Organization", "Government of Orlan"),
    Entity("organization/harbour-council", "Organization", "Harbour Council"),
    Entity("organization/cedar-radio", "Organization", "Cedar Radio"),
    Entity("place/camp-cedar", "Camp", "Camp Cedar"),
)


def _claims(text: str, genre: str = "statement", author: str = "organization/cedar-radio"):
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), genre=genre, author=author)
    claims = extract_document(Document(meta, text, text), REGISTRY).annotations.claims
    return [(c.claimant, c.stance, c.evidence.exact) for c in claims]


def test_an_obligation_after_a_call_is_a_call_of_the_same_voice():
    text = ("Orlan urges the Harbour Council to open an inquiry. "
            "Those responsible must be held accountable.")
    assert ("organization/orlan-government", "calls-for",
            "Those responsible must be held accountable.") in _claims(text)


def test_an_obligation_opening_a_paragraph_is_the_authors_call():
    text = ("Orlan urges the Harbour Council to open an inquiry.\n\n"
            "All parties should cooperate with the inquiry.")
    assert ("organization/cedar-radio", "calls-for",
            "All parties should cooperate with the inquiry.") in _claims(text)


def test_an_evaluative_description_characterises_in_the_voice_of_we():
    text = ("Orlan condemns the attack on Camp Cedar. "
            "We are consulting the Harbour Council on this tragedy.")
    assert ("organization/orlan-government", "characterises", "this tragedy") in _claims(text)


def test_words_the_voice_condemns_are_not_characterised_again():
    text = "Orlan condemns the brutal attack on Camp Cedar."
    assert [c for c in _claims(text) if c[1] == "characterises"] == []


def test_a_news_report_describing_in_its_own_voice_characterises_nothing():
    text = "The brutal heat at Camp Cedar lasted two weeks."
    assert [c for c in _claims(text, genre="news") if c[1] == "characterises"] == []


def test_an_institution_concerned_by_something_characterises_it():
    text = "Orlan is deeply concerned by this tragic violence at Camp Cedar."
    found = [words for claimant, stance, words in _claims(text)
             if (claimant, stance) == ("organization/orlan-government", "characterises")]
    assert len(found) == 1 and "this tragic violence" in found[0]


def test_the_voice_is_the_subject_nearest_the_verb_when_a_header_runs_into_the_sentence():
    text = ("Camp Cedar\n\nPress Statement\nCedar Radio Spokesperson\n"
            "Orlan continues to follow the grave situation at Camp Cedar.")
    assert ("organization/orlan-government", "characterises", "the grave situation") in _claims(text)


def test_a_news_report_gives_no_actor_the_descriptions_of_its_sentences():
    text = "The Harbour Council continued its brutal assault on Camp Cedar."
    assert [c for c in _claims(text, genre="news") if c[1] == "characterises"
            and c[0] == "organization/harbour-council"] == []


def test_a_speaker_who_should_explain_something_calls_for_nothing():
    text = "Perhaps I should explain that the Harbour Council met at Camp Cedar in May."
    assert [c for c in _claims(text, genre="report") if c[1] == "calls-for"] == []


def test_saying_whose_responsibility_something_is_asserts_it_in_the_voice_before():
    text = ("The Harbour Council agrees that the gates should open.\n\n"
            "It is the responsibility of Orlan to keep Camp Cedar safe.")
    assert ("organization/harbour-council", "asserts",
            "It is the responsibility of Orlan to keep Camp Cedar safe.") not in _claims(text)
    text = ("The Harbour Council agrees that the gates should open. "
            "It is the responsibility of Orlan to keep Camp Cedar safe.")
    assert ("organization/harbour-council", "asserts",
            "It is the responsibility of Orlan to keep Camp Cedar safe.") in _claims(text)


def test_judging_something_unacceptable_condemns_it():
    text = "Orlan urges calm. It is unacceptable that the shelling of Camp Cedar goes on."
    assert ("organization/orlan-government", "condemns",
            "It is unacceptable that the shelling of Camp Cedar goes on.") in _claims(text)


def test_saying_a_party_has_done_nothing_accuses_it():
    text = "Orlan urges calm. The Harbour Council has so far done nothing to protect Camp Cedar."
    assert ("organization/orlan-government", "accuses",
            "Harbour Council has so far done nothing to protect Camp Cedar.") in _claims(text)


def test_a_quotation_is_the_voices_own_only_where_it_says_i_in_it():
    berg = "person/anna-berg"
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), genre="statement", author=berg)
    registry = REGISTRY + (Entity(berg, "Person", "Anna Berg"),)

    def stances(text):
        claims = extract_document(Document(meta, text, text), registry).annotations.claims
        return {(c.claimant, c.stance) for c in claims}

    spoken = ('Statement by Anna Berg:\n\n"I am appalled by the shelling. It is unacceptable that '
              'the Harbour Council has done nothing to stop it."')
    assert {(berg, "condemns"), (berg, "accuses")} <= stances(spoken)
    heard = 'Anna Berg urges calm.\n\n"It is unacceptable that the Harbour Council has done nothing."'
    assert not {s for _, s in stances(heard)} & {"condemns", "accuses"}
