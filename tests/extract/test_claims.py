"""Reported speech as claims with a claimant and a stance (extract.claims.find_claims)."""

from __future__ import annotations

import pytest

from ashraf_kg.extract.claims import find_claims
from ashraf_kg.extract.mentions import Hit
from ashraf_kg.extract.pipeline import split_sentences

BERG, REYES, BRIGADE, KESH = ("person/anna-berg", "person/tomas-reyes",
                              "organization/northern-brigade", "place/kesh")
AUTHOR = "person/author"
NAMES = (("Anna Berg", BERG), ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE), ("Kesh", KESH))


def claims(text: str, mark, *, author: str | None = AUTHOR) -> list:
    """Claims of ``text`` with every name of NAMES it holds marked once."""
    mentions = [pair for pair in NAMES if pair[0] in text]
    return find_claims(text, split_sentences(text), mark(text, *mentions), author=author)


@pytest.mark.parametrize("text, claimant, stance", [
    ("Anna Berg accused the Northern Brigade of shelling Kesh.", BERG, "accuses"),
    ("Tomas Reyes has charged Anna Berg with ordering the raid.", REYES, "accuses"),
    ("The Northern Brigade denied the charge.", BRIGADE, "denies"),
    ("The Northern Brigade claimed that no one was hurt.", BRIGADE, "denies"),
    ("The Northern Brigade claimed victory.", BRIGADE, "asserts"),
    ("Anna Berg called for calm.", BERG, "calls-for"),
    ("Tomas Reyes condemned the shelling.", REYES, "condemns"),
    ("Anna Berg said the Northern Brigade had left.", BERG, "asserts"),
    ("According to Tomas Reyes, the Northern Brigade left Kesh.", REYES, "reports"),
    ("Anna Berg quoted Tomas Reyes, a local official, as saying the camp was calm.", REYES, "asserts"),
])
def test_a_speech_verb_gives_the_claimant_and_the_stance(text, claimant, stance, mark):
    assert [(c.claimant, c.stance) for c in claims(text, mark)] == [(claimant, stance)]


def test_the_claimant_of_a_passive_is_after_by(mark):
    (claim,) = claims("The camp was described by Tomas Reyes as 'an open prison'.", mark)
    assert (claim.claimant, claim.stance, claim.quoted) == (REYES, "describes", "an open prison")


def test_the_subject_of_a_passive_accusation_is_the_accused_not_the_accuser(mark):
    assert claims("Tomas Reyes and Anna Berg were charged with ordering the raid.", mark) == []
    (claim,) = claims("Tomas Reyes was accused by the Northern Brigade of shelling Kesh.", mark)
    assert (claim.claimant, claim.stance, claim.about) == (BRIGADE, "accuses", [REYES])


def test_a_title_case_headline_gives_no_speaker(mark):
    text = ("In Letters To Tomas Reyes and the Northern Brigade, Berg Condemns Shelling of Kesh\n\n"
            "Anna Berg wrote today.")
    assert claims(text, mark) == []
    assert [c.claimant for c in claims("Tomas Reyes condemns the shelling of Kesh\n\nHe wrote today.", mark)] == [REYES]


def test_a_participle_that_describes_a_noun_is_no_speech(mark):
    assert claims("Anna Berg visited the recently reported camp near Kesh.", mark) == []


def test_the_claimant_of_a_denial_noun_is_after_by(mark):
    (claim,) = claims("The denial by the Northern Brigade came late.", mark)
    assert (claim.claimant, claim.stance) == (BRIGADE, "denies")


def test_coordinated_subjects_each_make_the_claim(mark):
    found = claims("Anna Berg and Tomas Reyes condemned the shelling.", mark)
    assert [(c.claimant, c.stance) for c in found] == [(BERG, "condemns"), (REYES, "condemns")]


def test_a_claim_is_about_the_actors_after_the_verb_not_places(mark):
    (claim,) = claims("Anna Berg accused the Northern Brigade of shelling Kesh.", mark)
    assert claim.about == [BRIGADE]


def test_the_one_named_right_after_an_accusing_verb_is_the_accused_even_a_country(mark):
    (claim,) = claims("Anna Berg accused Kesh of shelling the camp, adding that the Northern Brigade "
                      "was responsible for the camp.", mark)
    assert claim.about[0] == KESH


def test_the_evidence_runs_from_the_claimant_to_the_end_of_the_sentence(mark):
    text = "Anna Berg said the Northern Brigade had left. Kesh was quiet."
    (claim,) = claims(text, mark)
    assert text[claim.span[0]:claim.span[1]] == "Anna Berg said the Northern Brigade had left."
    assert text[claim.verb[0]:claim.verb[1]] == "said"


def test_a_speech_verb_without_a_named_speaker_is_no_claim(mark):
    assert claims("Refugees said the camp was flooded.", mark) == []


def test_a_claimant_found_with_little_confidence_makes_a_less_certain_claim():
    text = "Berg accused the Northern Brigade."
    mentions = [Hit(BERG, 0, 4, 0.5, "pronoun"), Hit(BRIGADE, 17, 33, 1.0, "label")]
    (claim,) = find_claims(text, split_sentences(text), mentions, author=None)
    assert claim.confidence < 0.7


def test_the_documents_loaded_description_is_its_authors_characterisation(mark):
    text = "The shelling of Kesh, in what can only be described as a massacre of civilians, went on."
    (claim,) = claims(text, mark)
    assert (claim.claimant, claim.stance, claim.quoted) == (AUTHOR, "characterises", "a massacre of civilians")


def test_without_an_author_a_loaded_description_is_no_claim(mark):
    text = "The shelling of Kesh, in what can only be described as a massacre of civilians, went on."
    assert claims(text, mark, author=None) == []


def test_claims_come_in_text_order(mark):
    text = "The Northern Brigade denied it. Anna Berg called for calm."
    assert [c.claimant for c in claims(text, mark)] == [BRIGADE, BERG]


def test_according_to_someone_unnamed_is_never_the_subjects_claim(mark):
    text = "Among the dead was Tomas Reyes, according to the group."
    assert claims(text, mark) == []


def test_what_a_prosecutor_charges_is_its_accusation_in_every_later_sentence(mark):
    text = ("The Northern Brigade is announcing charges against two men who allegedly raided Kesh. "
            "Tomas Reyes, a trader, is accused of paying them. "
            "The complaint alleges that the raid was planned abroad.")
    found = [(c.claimant, c.stance, text[c.span[0]:c.span[1]][:20]) for c in claims(text, mark)]
    assert found == [(BRIGADE, "accuses", "Northern Brigade is "), (BRIGADE, "accuses", "Tomas Reyes, a trade"),
                     (BRIGADE, "accuses", "The complaint allege")]


def test_a_charge_before_any_prosecutor_is_named_is_no_ones(mark):
    text = "Tomas Reyes is accused of paying the raiders of Kesh."
    assert claims(text, mark) == []


def test_a_name_qualifying_a_title_is_not_the_claimant(mark):
    assert claims("The Northern Brigade Commander strongly condemned the raid on Kesh.", mark) == []


def test_reporting_that_relays_without_endorsing(mark):
    found = claims("Anna Berg reported that the Northern Brigade had left Kesh.", mark)
    assert [(c.claimant, c.stance) for c in found] == [(BERG, "reports")]


def test_quoting_someone_unnamed_as_saying_is_no_claim_of_the_one_who_quotes(mark):
    text = "Anna Berg quoted a local official as saying the camp was calm."
    assert all(c.claimant != BERG for c in claims(text, mark))
