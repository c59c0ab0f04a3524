"""The rule-based extractor: mentions, proposals, events, claims, draft YAML."""

from datetime import date

import pytest

from ashraf_kg.corpus.annotations import read_annotations
from ashraf_kg.extract.mentions import find_mentions
from ashraf_kg.extract.pipeline import EXTRACTOR, extract_document, split_sentences, write_annotations
from ashraf_kg.model import Document, DocumentMeta, Entity

REGISTRY = (
    Entity("person/qassem-suleimani", "Person", "Qassem Suleimani", ("Suleimani",)),
    Entity("person/nouri-al-maliki", "Person", "Nouri al-Maliki", ("Maliki",),
           roles=("Prime Minister of Iraq",)),
    Entity("person/abdul-reza-shahlai", "Person", "Abdul Reza Shahlai"),
    Entity("organization/qods-force", "Organization", "Qods Force"),
    Entity("organization/mek", "Organization", "Mujahedin-e-Khalq", ("MEK", "PMOI")),
    Entity("organization/iraqi-army", "Organization", "Iraqi Army"),
    Entity("organization/government-of-iraq", "Organization", "Government of Iraq",
           ("Iraqi government",)),
    Entity("place/camp-ashraf", "Camp", "Camp Ashraf"),
    Entity("place/iraq", "Country", "Iraq"),
)


def _doc(text: str, doc_id: str = "900_test") -> Document:
    meta = DocumentMeta(doc_id, "Test", date(2013, 9, 1), timezone="+03:00",
                        author="person/qassem-suleimani")
    return Document(meta, text, text)


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[h.start:h.end], h.entity) for h in find_mentions(text, REGISTRY)]


@pytest.mark.parametrize("spelling", ["Quds Force", "Qod's Force", "Qod’s Force"])
def test_spelling_variants_of_a_name(spelling):
    assert _found(f"Units of the {spelling} crossed the border.") == [
        (spelling, "organization/qods-force")]


def test_transliteration_of_a_person():
    assert ("Qasem Soleimani", "person/qassem-suleimani") in _found(
        "General Qasem Soleimani visited Baghdad.")


def test_hyphenation_variant_of_an_organisation():
    assert _found("Members of the Mojahedin-e Khalq protested.") == [
        ("Mojahedin-e Khalq", "organization/mek")]


def test_titles_are_not_part_of_the_name():
    found = _found("Prime Minister Nouri al-Maliki met Brigadier Abdul Reza Shahlai.")
    assert found == [("Nouri al-Maliki", "person/nouri-al-maliki"),
                     ("Abdul Reza Shahlai", "person/abdul-reza-shahlai")]


def test_role_reference_resolves_to_person_named_before():
    found = _found("Nouri al-Maliki spoke. Later the Prime Minister left.")
    assert ("Prime Minister", "person/nouri-al-maliki") in found


def test_role_reference_without_antecedent_is_not_resolved():
    assert _found("Later the Prime Minister left.") == []


def test_defined_acronym_is_a_mention():
    registry = (Entity("organization/ncri", "Organization", "National Council of Resistance of Iran"),)
    text = "The National Council of Resistance of Iran (NCRI) said so. The NCRI added more."
    assert [text[h.start:h.end] for h in find_mentions(text, registry)] == [
        "National Council of Resistance of Iran", "NCRI", "NCRI"]


def test_unknown_names_with_cues_are_proposed():
    text = "Colonel Hassan Karimi said the Badr Brigade entered Camp Hurriya."
    proposals = {p.id: p for p in extract_document(_doc(text), REGISTRY).proposals}
    assert proposals["person/hassan-karimi"].roles == ("Colonel",)
    assert proposals["organization/badr-brigade"].type == "Organization"
    assert proposals["place/camp-hurriya"].type == "Camp"


def test_sentences_do_not_split_at_initials():
    text = "The U.S. State Department spoke. It condemned the attack."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The U.S. State Department spoke.", "It condemned the attack."]


def test_event_with_agent_place_time_and_count():
    text = ("The Iraqi Army today launched an assault on Camp Ashraf, killing forty-four.")
    events = extract_document(_doc(text), REGISTRY).annotations.events
    attack = next(e for e in events if e.type == "Attack")
    assert attack.role("agent") == ("organization/iraqi-army",)
    assert attack.place == ("place/camp-ashraf",)
    assert (attack.time.expression, attack.time.begin) == ("today", "2013-09-01")
    killing = next(e for e in events if e.type == "Killing")
    assert [(c.kind, c.value, c.expression) for c in killing.counts] == [("killed", 44, "forty-four")]


def test_event_with_no_participant_or_place_is_not_proposed():
    events = extract_document(_doc("The attack was condemned."), REGISTRY).annotations.events
    assert events == ()


def test_definite_reference_does_not_make_a_new_event():
    text = "The Iraqi Army attacked Camp Ashraf. The Iraqi government condemned the attack."
    events = extract_document(_doc(text), REGISTRY).annotations.events
    assert [e.type for e in events] == ["Attack", "Condemnation"]


def test_negated_event_is_not_extracted():
    text = "Iraqi state television claimed that no such attack has happened."
    assert extract_document(_doc(text), REGISTRY).annotations.events == ()


@pytest.mark.parametrize("sentence, claimant, stance", [
    ("The Iraqi government denied that the Iraqi Army attacked.", "organization/government-of-iraq",
     "denies"),
    ("Maliki has charged Suleimani with plotting.", "person/nouri-al-maliki", "accuses"),
    ("Maliki has called for calm.", "person/nouri-al-maliki", "calls-for"),
    ("The camp was described by Maliki as 'a prison'.", "person/nouri-al-maliki", "describes"),
    ("Maliki condemned the killings.", "person/nouri-al-maliki", "condemns"),
])
def test_reported_speech_is_a_claim(sentence, claimant, stance):
    claims = extract_document(_doc(sentence), REGISTRY).annotations.claims
    assert (claimant, stance) in [(c.claimant, c.stance) for c in claims]


def test_quoted_words_are_kept():
    text = "The camp was described by Maliki as 'a prison'."
    claim = extract_document(_doc(text), REGISTRY).annotations.claims[0]
    assert claim.quoted == "a prison"


def test_draft_reads_back_with_the_corpus_reader(corpus, tmp_path):
    document = corpus.documents[0]
    result = extract_document(document, corpus.registry)
    path = write_annotations(result.annotations, tmp_path / "draft.yaml")
    draft = read_annotations(path, document.id)
    assert draft.status == "draft" and draft.extractor == EXTRACTOR
    assert draft.events == result.annotations.events
    assert all(m.confidence is not None for m in draft.mentions)


def test_draft_quotes_anchor_in_the_document(corpus):
    from ashraf_kg.anchor import anchor_document

    for document in corpus.documents:
        anchored = anchor_document(document, extract_document(document, corpus.registry).annotations)
        assert anchored.spans


def test_curated_annotations_are_never_overwritten(corpus_dir, tmp_path):
    from ashraf_kg.errors import ExtractionError

    curated = tmp_path / "annotations.yaml"
    curated.write_text((corpus_dir / "000_998ad53316df0c2c" / "annotations.yaml").read_text())
    draft = extract_document(_doc("Maliki spoke."), REGISTRY).annotations
    with pytest.raises(ExtractionError, match="curated"):
        write_annotations(draft, curated)


MORE = REGISTRY + (
    Entity("person/ban-ki-moon", "Person", "Ban Ki-moon"),
    Entity("organization/united-nations", "Organization", "United Nations", ("UN",)),
    Entity("organization/government-of-iran", "Organization", "Government of Iran"),
    Entity("organization/iraqi-security-forces", "Organization", "Iraqi security forces"),
    Entity("group/us-officials", "Group", "U.S. officials"),
    Entity("organization/foreign-policy", "Organization", "Foreign Policy"),
    Entity("place/diyala-province", "AdministrativeArea", "Diyala province"),
    Entity("place/baghdad", "City", "Baghdad"),
    Entity("place/camp-liberty", "Camp", "Camp Liberty"),
    Entity("place/iran", "Country", "Iran"),
)


def _extract(text: str, genre: str = "encyclopedia"):
    meta = DocumentMeta("900_test", "Test", None, genre=genre, author="group/us-officials")
    return extract_document(Document(meta, text, text), MORE).annotations


def _relations(text: str) -> set[tuple[str, str, str]]:
    found = _extract(text)
    return ({("membership", m.member, m.organization) for m in found.memberships}
            | {(r.predicate, r.subject, r.object) for r in found.relations})


@pytest.mark.parametrize("text, relation", [
    ("UN Secretary-General Ban Ki-moon spoke.",
     ("membership", "person/ban-ki-moon", "organization/united-nations")),
    ("Iraqi Prime Minister Nouri al-Maliki spoke for the Iraqi government.",
     ("membership", "person/nouri-al-maliki", "organization/government-of-iraq")),
    ("Brigadier Abdul Reza Shahlai of the Qods Force spoke.",
     ("membership", "person/abdul-reza-shahlai", "organization/qods-force")),
    ("Camp Liberty in Diyala province was shelled.",
     ("containedInPlace", "place/camp-liberty", "place/diyala-province")),
    ("Location: Camp Ashraf, Iraq\n", ("containedInPlace", "place/camp-ashraf", "place/iraq")),
    ("They live at Camp Liberty outside of Baghdad.",
     ("locatedNear", "place/camp-liberty", "place/baghdad")),
    ("Iran's Qods Force trains militias for the Iranian regime.",
     ("subOrganizationOf", "organization/qods-force", "organization/government-of-iran")),
])
def test_relation_from_the_words_between_two_names(text, relation):
    assert relation in _relations(text)


def test_larger_place_is_never_contained_in_a_smaller_one():
    assert not _relations("Iraq, Camp Ashraf\n")


def test_hedged_statement_in_own_voice_is_reported():
    found = _extract("Iraqi security forces were believed to be responsible for the assault.")
    attack = next(e for e in found.events if e.type == "Attack")
    assert attack.role("agent") == ("organization/iraqi-security-forces",)
    assert [(c.claimant, c.stance) for c in found.claims] == [("group/us-officials", "reports")]


def test_flat_statement_of_an_encyclopedia_is_no_claim_but_of_an_opinion_piece_is():
    text = "The Iraqi Army attacked Camp Ashraf."
    assert _extract(text).claims == ()
    assert [c.stance for c in _extract(text, genre="opinion/advocacy").claims] == ["accuses"]


def test_relayed_belief_is_the_believers_claim():
    text = ('Foreign Policy stated that "U.S. officials believe that the Iraqi Army attacked" '
            'the camp.')
    claims = _extract(text, genre="news").claims
    assert [(c.claimant, c.stance) for c in claims] == [("group/us-officials", "asserts")]


def test_flat_report_of_wrongdoing_is_an_accusation_and_negation_a_denial():
    text = ('Maliki said, "Suleimani ordered it, but they didn\'t do the shooting."')
    stances = {c.stance for c in _extract(text, genre="news").claims
               if c.claimant == "person/nouri-al-maliki"}
    assert stances == {"accuses", "denies"}


def test_pronoun_in_a_quotation_is_its_speaker():
    text = 'Ban Ki-moon said, "I condemn the killings."'
    found = _extract(text, genre="news")
    assert ("person/ban-ki-moon", "condemns") in [(c.claimant, c.stance) for c in found.claims]
    assert not [e for e in found.events if e.type == "Killing"]  # what is condemned, not told


def test_support_from_names_its_giver_and_receiver():
    text = "Iraqi security forces attacked, with support from the Government of Iran."
    support = next(e for e in _extract(text).events if e.type == "MilitarySupport")
    assert (support.role("agent"), support.role("recipient")) == (
        ("organization/government-of-iran",), ("organization/iraqi-security-forces",))


def test_an_event_with_no_participant_makes_no_claim():
    from datetime import date

    from ashraf_kg.extract.pipeline import extract_document
    from ashraf_kg.model import Document, DocumentMeta, Entity

    registry = (Entity("organization/hill-militia", "Organization", "Hill Militia"),)
    meta = DocumentMeta("900_test", "Test", date(2013, 9, 1), author="person/tomas-reyes")
    text = "The Hill Militia said that people were killed and others were wounded."
    claims = extract_document(Document(meta, text, text), registry).annotations.claims
    assert [c.stance for c in claims] == ["asserts"]


def _claimants(text: str) -> list[str]:
    return [c.claimant for c in extract_document(_doc(text), ()).annotations.claims]


def test_he_after_two_joined_names_stays_unresolved():
    # the recogniser finds only one of the two names; "He" may be either
    assert _claimants("Smith and Jones spoke. He denied the report.") == []


def test_he_after_one_name_is_that_person():
    assert _claimants("Colonel Jones spoke to reporters. He denied the report.") == ["person/jones"]


def test_a_participle_opening_the_sentence_is_not_part_of_a_name():
    text = "Following the Kesh-led invasion of Dorvania, the camp was placed under Kesh protection."
    labels = [p.label for p in extract_document(_doc(text), ()).annotations.proposals]
    assert "Kesh" in labels and not any(label.startswith("Following") for label in labels)


def _claims_of(text: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(c.claimant, c.stance, c.evidence.exact, c.about)
            for c in extract_document(_doc(text), ()).annotations.claims]


def test_a_statement_ends_before_another_speakers_statement_joined_by_but():
    text = ("The Kesh Relief Council said the camp was shelled, "
            "but the Northern Brigade denied any role.")
    assert ("organization/kesh-relief-council", "asserts",
            "The Kesh Relief Council said the camp was shelled", ()) in _claims_of(text)


def test_a_reported_echo_is_not_about_the_party_that_denies_after_it():
    text = ("Minister Tomas Reyes was reported to have echoed the plan, but two days later "
            "the Kesh Relief Council denied that it would play any role.")
    (echo,) = [c for c in _claims_of(text) if c[0] == "person/tomas-reyes"]
    assert echo[2:] == ("Tomas Reyes was reported to have echoed the plan", ())


@pytest.mark.parametrize("text", [
    "Army spokesman Tomas Reyes did not deny the report.",
    "Army spokesman Tomas Reyes could not immediately confirm or deny news of the deaths.",
])
def test_a_denial_not_made_is_no_denial(text):
    annotations = extract_document(_doc(text), ()).annotations
    assert [c.stance for c in annotations.claims] == [] and annotations.events == ()


def test_a_denial_made_is_a_denial():
    text = "Army spokesman Tomas Reyes denied the report."
    assert [c.stance for c in extract_document(_doc(text), ()).annotations.claims] == ["denies"]


def test_a_name_does_not_run_over_the_demonym_of_the_next_noun():
    text = "Tomas Reyes, a camp resident, told Reuters Dorvanian soldiers fired tear gas."
    labels = [p.label for p in extract_document(_doc(text), ()).annotations.proposals]
    assert "Tomas Reyes" in labels and not any("Dorvanian" in label for label in labels)


def test_a_surname_like_a_demonym_stays_in_the_name():
    text = "Ali Hassani said the camp was shelled."
    assert [p.label for p in extract_document(_doc(text), ()).annotations.proposals] == ["Ali Hassani"]


def test_a_killing_told_in_a_quotation_is_the_speakers_not_the_authors():
    text = ('"Four farmers were shot and killed by the Northern Brigade today," village '
            "spokesman Tomas Reyes said in a statement.")
    claims = extract_document(_doc(text), ()).annotations.claims
    assert [c.claimant for c in claims] == ["person/tomas-reyes"]


def test_a_killing_told_in_the_documents_own_words_is_the_authors():
    text = "Four farmers were shot and killed by the Northern Brigade today."
    claims = extract_document(_doc(text), ()).annotations.claims
    assert [(c.claimant, c.stance) for c in claims] == [("person/qassem-suleimani", "accuses")]


def test_the_reporters_of_a_killing_are_not_its_agents_where_the_parse_loses_their_verb():
    registry = (Entity("group/kesh-villagers", "Group", "Kesh villagers", ("village residents",)),
                Entity("group/dorvan-exiles", "Group", "Dorvan exiles", ("exiles",)))
    text = ("Troops took control of the camp on Tuesday, the government said, in a move "
            "village residents said triggered clashes killing four of the exiles.")
    (killing,) = [e for e in extract_document(_doc(text), registry).annotations.events
                  if e.type == "Killing"]
    assert "group/kesh-villagers" not in dict(killing.roles).get("agent", ())
