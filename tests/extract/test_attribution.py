"""Who says what, from the dependency parse (extract.attribution), and the stance its
words give (extract.stances)."""

from __future__ import annotations

from datetime import date

import pytest

from ashraf_kg.extract.attribution import find_speech, merge_speech
from ashraf_kg.extract.claims import ClaimHit, find_claims
from ashraf_kg.extract.mentions import find_mentions
from ashraf_kg.extract.nlp import parse_text
from ashraf_kg.extract.pipeline import extract_document, split_sentences
from ashraf_kg.model import Document, DocumentMeta, Entity

REGISTRY = (
    Entity("organization/interior-ministry", "Organization", "Interior Ministry"),
    Entity("organization/rights-watch", "Organization", "Rights Watch"),
    Entity("organization/hill-militia", "Organization", "Hill Militia"),
    Entity("person/saad-maan", "Person", "Saad Maan"),
    Entity("person/ali-mousawi", "Person", "Ali al-Mousawi"),
    Entity("organization/state-department", "Organization", "State Department"),
)


def claims(text: str, names=None) -> list[tuple[str, str, list[str]]]:
    found = find_speech(text, parse_text(text), split_sentences(text), find_mentions(text, REGISTRY), names)
    return [(c.claimant, c.stance, c.about) for c in found]


@pytest.mark.parametrize("text,claimant,stance", [
    ("The Interior Ministry rejected the report on Thursday.", "organization/interior-ministry", "denies"),
    ("The Interior Ministry denied that anyone was arrested.", "organization/interior-ministry", "denies"),
    ("Rights Watch said the seven were taken away.", "organization/rights-watch", "asserts"),
    ("Saad Maan told reporters that no one was held.", "person/saad-maan", "asserts"),
    ("The Hill Militia claimed responsibility for the attack.", "organization/hill-militia", "asserts"),
    ("Rights Watch condemned the raid.", "organization/rights-watch", "condemns"),
    ("Rights Watch urged the government to release them.", "organization/rights-watch", "calls-for"),
    ("According to the State Department, the camp was shelled.", "organization/state-department", "reports"),
])
def test_the_subject_of_a_speech_verb_is_the_claimant(text, claimant, stance):
    assert (claimant, stance) in [(c, s) for c, s, _ in claims(text)]


def test_blame_is_an_accusation_about_who_is_blamed():
    found = claims("Rights Watch blamed the attack on the Hill Militia.")
    assert found == [("organization/rights-watch", "accuses", ["organization/hill-militia"])]


def test_a_name_beside_the_subject_speaks():
    text = "A government spokesman, Ali al-Mousawi, said security forces had opened an investigation."
    assert ("person/ali-mousawi", "asserts") in [(c, s) for c, s, _ in claims(text)]


def test_a_quotation_before_the_verb_is_in_the_claim():
    text = '"These allegations are baseless," ministry spokesman Saad Maan said.'
    (found,) = find_speech(text, parse_text(text), split_sentences(text), find_mentions(text, REGISTRY))
    assert (found.claimant, found.span[0]) == ("person/saad-maan", 0)


def test_joined_verbs_share_their_subject():
    text = "Rights Watch condemned the raid and urged the ministry to investigate."
    assert [(c, s) for c, s, _ in claims(text)] == [
        ("organization/rights-watch", "condemns"), ("organization/rights-watch", "calls-for")]


def test_a_proposed_name_can_be_the_claimant():
    text = "Spokesman Shahriar Kia told the agency that twelve rockets fell."
    start = text.index("Shahriar Kia")
    names = {(start, start + len("Shahriar Kia")): "person/shahriar-kia"}
    assert ("person/shahriar-kia", "asserts") in [(c, s) for c, s, _ in claims(text, names)]


def test_a_subject_that_names_no_one_makes_no_claim():
    assert claims("Witnesses said the shelling lasted two hours.") == []


def test_the_rules_claim_is_kept_for_a_verb_both_read():
    rule = ClaimHit("organization/a", "asserts", (0, 20), (5, 9))
    parsed = [ClaimHit("organization/b", "asserts", (0, 20), (5, 9)),
              ClaimHit("organization/b", "denies", (21, 40), (25, 31))]
    assert [c.claimant for c in merge_speech([rule], parsed)] == ["organization/a", "organization/b"]


def _merged(text: str) -> list[str]:
    sentences, hits = split_sentences(text), find_mentions(text, REGISTRY)
    rules = find_claims(text, sentences, hits, author=None)
    parsed = find_speech(text, parse_text(text), sentences, hits)
    return [c.claimant for c in merge_speech(rules, parsed) if text[c.verb[0]:c.verb[1]] == "accused"]


def test_a_name_inside_the_subjects_relative_clause_does_not_speak():
    text = "Saad Maan, who had long advised the Interior Ministry, accused the militia of the raid."
    assert _merged(text) == ["person/saad-maan"]


def test_subjects_joined_by_and_each_speak():
    text = "Saad Maan and the Interior Ministry accused the militia of the raid."
    assert sorted(_merged(text)) == ["organization/interior-ministry", "person/saad-maan"]


def test_verbs_in_a_series_after_semicolons_share_the_first_subject():
    text = ("Rights Watch welcomes the release; urges the ministry to free the others; "
            "and calls on the Hill Militia to disarm.")
    assert [(c, s) for c, s, _ in claims(text) if s == "calls-for"] == [
        ("organization/rights-watch", "calls-for"), ("organization/rights-watch", "calls-for")]


def test_a_second_call_joined_after_an_infinitive_keeps_the_callers_subject():
    text = ("Rights Watch calls on the Interior Ministry to move quickly to open the gates "
            "and calls on the Hill Militia to disarm.")
    assert {c for c, s, _ in claims(text) if s == "calls-for"} == {"organization/rights-watch"}


@pytest.mark.parametrize("text,stance", [
    ("Rights Watch reaffirmed its support for the inquiry.", "asserts"),
    ("Rights Watch remains committed to the inquiry.", "asserts"),
    ("Rights Watch understands the ministry has opened an inquiry.", "reports"),
    ("Rights Watch insists that the killers be brought to justice.", "calls-for"),
    ("Rights Watch insists that the killers were paid.", "asserts"),
    ("Rights Watch welcomes the release of the two reporters.", "asserts"),
    ("Rights Watch appreciated the help of the ministry.", "asserts"),
    ("Rights Watch repeated its condemnation of the raid.", "condemns"),
    ("Rights Watch continues to be deeply troubled by the arrests.", "asserts"),
    ("Rights Watch is alarmed at reports of arrests in the north.", "reports"),
    ("Rights Watch hopes that the prisoners will be freed soon.", "calls-for"),
    ("Rights Watch criticized the ministry for its silence.", "characterises"),
    ("Rights Watch calls upon the ministry to free the two reporters.", "calls-for"),
    ("Rights Watch supports the call for an inquiry.", "asserts"),
    ("Rights Watch is outraged by the brutal raid on the village.", "characterises"),
])
def test_a_position_verb_gives_the_stance(text, stance):
    assert ("organization/rights-watch", stance) in [(c, s) for c, s, _ in claims(text)]


def test_a_participle_clause_speaks_for_the_subject_of_its_verb():
    found = claims("Saad Maan wrote to the Interior Ministry and Rights Watch, condemning the raid.")
    assert [(c, s) for c, s, _ in found if s == "condemns"] == [("person/saad-maan", "condemns")]


def test_a_participle_clause_is_one_statement_with_its_verb():
    found = claims("Saad Maan said the camp was calm, adding that no one was hurt.")
    assert [c for c, _, _ in found] == ["person/saad-maan"]


def test_a_claims_words_stop_before_a_verb_joined_after_it():
    text = "Rights Watch condemned the raid and urged the ministry to free the reporters."
    found = find_speech(text, parse_text(text), split_sentences(text), find_mentions(text, REGISTRY))
    condemns = next(c for c in found if c.stance == "condemns")
    assert text[condemns.span[0]:condemns.span[1]] == "Rights Watch condemned the raid"


def test_supporting_an_actor_is_no_position():
    assert claims("Rights Watch supported the Hill Militia for a decade.") == []


def test_verbs_joined_over_one_object_are_one_statement():
    assert len(claims("Rights Watch welcomed and applauded the release of the reporters.")) == 1


def test_a_negative_subject_speaks_for_none_of_those_it_rules_out():
    assert claims("No one, not the Interior Ministry nor Rights Watch, is concerned by the arrests.") == []


def test_not_accepting_something_denies_it():
    assert ("organization/rights-watch", "denies") in [
        (c, s) for c, s, _ in claims("Rights Watch does not accept the findings of the inquiry.")]


def test_a_participle_of_saying_needs_what_is_said():
    assert claims("The Hill Militia burned the depot, adding to the damage.") == []


def test_an_attitude_word_that_is_no_attitude_takes_no_position():
    assert claims("Rights Watch is tall. Rights Watch repeated the survey. Rights Watch hoped to win.") == []


def test_remaining_somewhere_takes_no_position():
    assert claims("Rights Watch remains in the capital.") == []


@pytest.mark.parametrize("text", [
    '"These accusations are baseless," Saad Maan told reporters.',
    '"Our forces did not enter the camp," Saad Maan said.',
    "Rights Watch said the ministry had nothing to do with the raid.",
    '"No one was killed by our forces," Saad Maan said.',
    "Saad Maan said troops were not present at the camp.",
])
def test_words_that_reject_an_accusation_make_a_denial(text):
    from ashraf_kg.extract.stances import mark_denials

    found = mark_denials(text, find_speech(text, parse_text(text), split_sentences(text),
                                           find_mentions(text, REGISTRY)))
    assert [c.stance for c in found] == ["denies"]


def test_a_negation_that_denies_no_act_is_not_a_denial():
    from ashraf_kg.extract.stances import mark_denials

    text = '"We did not expect the storm," Saad Maan said.'
    found = mark_denials(text, find_speech(text, parse_text(text), split_sentences(text),
                                           find_mentions(text, REGISTRY)))
    assert [c.stance for c in found] == ["asserts"]


@pytest.mark.parametrize("text", [
    'Saad Maan called the raid "a crime against humanity."',
    "Rights Watch described the raid as a massacre.",
])
def test_naming_something_as_something_characterises(text):
    assert ("characterises" in [s for _, s, _ in claims(text)])


def test_agreeing_that_something_should_be_so_asserts_it():
    from ashraf_kg.extract.stances import mark_denials

    text = "Rights Watch agrees that the borders should be respected."
    found = mark_denials(text, find_speech(text, parse_text(text), split_sentences(text),
                                           find_mentions(text, REGISTRY)))
    assert [c.stance for c in found] == ["asserts"]


def test_reported_words_of_obligation_are_a_call():
    from ashraf_kg.extract.stances import mark_denials

    text = '"The killers must be brought to justice," Saad Maan said.'
    found = mark_denials(text, find_speech(text, parse_text(text), split_sentences(text),
                                           find_mentions(text, REGISTRY)))
    assert [c.stance for c in found] == ["calls-for"]


def test_a_finding_that_something_is_so_asserts_it():
    assert ("organization/rights-watch", "asserts") in [
        (c, s) for c, s, _ in claims("Rights Watch determined that the camp met the standards.")]


def test_a_finding_of_a_thing_is_no_claim():
    assert claims("Rights Watch found the bodies.") == []


def test_an_organisation_qualifying_a_title_is_not_the_speaker_the_holder_is():
    assert claims("The Rights Watch Director condemned the raid on Thursday.") == []
    assert ("organization/rights-watch", "asserts") in [
        (c, s) for c, s, _ in claims("A Rights Watch spokesman said the raid went on.")]


@pytest.mark.parametrize("text, stance", [
    ("The State Department is committed to holding the Hill Militia accountable for its actions.", "calls-for"),
    ("The State Department remains committed to the talks with the Interior Ministry.", "asserts"),
])
def test_a_commitment_is_a_position_and_one_to_accountability_a_call(text, stance):
    assert ("organization/state-department", stance) in [(c, s) for c, s, _ in claims(text)]


def test_reporting_that_relays_and_a_report_of_ones_own_asserts():
    assert ("organization/rights-watch", "reports") in [
        (c, s) for c, s, _ in claims("Rights Watch reported that the Hill Militia had left the town.")]
    assert ("organization/rights-watch", "asserts") in [
        (c, s) for c, s, _ in claims("Rights Watch reported three arrests on Monday.")]


def test_the_speaker_named_after_said_is_the_claimant_not_a_name_in_the_quotation():
    text = '"The raid was planned with the Hill Militia," said Saad Maan in a statement.'
    assert _all_merged(text) == ["person/saad-maan"]


def test_a_verb_whose_own_subject_names_no_one_is_no_named_actors_claim():
    text = "The Interior Ministry met Rights Watch, and analysts said it was a message."
    assert _all_merged(text) == []


def _all_merged(text: str) -> list[str]:
    sentences, hits = split_sentences(text), find_mentions(text, REGISTRY)
    rules, nameless = find_claims(text, sentences, hits, author=None), []
    parsed = find_speech(text, parse_text(text), sentences, hits, nameless=nameless)
    return [c.claimant for c in merge_speech(rules, parsed, nameless)]


def test_an_unresolved_pronoun_claiming_is_not_the_actor_named_before_it():
    text = ("A spokesman for the Interior Ministry told Rights Watch that people were killed, "
            "but he claimed that the victims died in a fight.")
    assert "organization/rights-watch" not in _all_merged(text)


def test_the_one_quoted_as_saying_speaks_not_the_body_of_his_title():
    text = 'Rights Watch quoted Saad Maan, Interior Ministry spokesman saying: "The camp is calm."'
    assert _all_merged(text) == ["person/saad-maan"]


def test_the_name_before_a_title_for_someone_else_is_the_speaker():
    text = ("Tomas al-Reyes, the spokesman for Prime Minister Saad Maan, said he had no information "
            "about any missing residents.")
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), genre="news")
    claims = extract_document(Document(meta, text, text), REGISTRY).annotations.claims
    assert [c.claimant for c in claims] == ["person/tomas-al-reyes"]
