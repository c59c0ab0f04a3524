"""Whose voice tells each event, and with which stance (extract.voice)."""

from __future__ import annotations

from datetime import date

from ashraf_kg.extract.claims import ClaimHit, find_claims
from ashraf_kg.extract.events import find_events
from ashraf_kg.extract.pipeline import split_sentences
from ashraf_kg.extract.voice import collapse_relays, label_claims, own_voice_claims, reported_event_claims
from ashraf_kg.model import Document, DocumentMeta

BERG, REYES, BRIGADE, KESH = ("person/anna-berg", "person/tomas-reyes",
                              "organization/northern-brigade", "place/kesh")
VALDORIA, REFUGEES, AUTHOR = "place/valdoria", "group/refugees", "person/author"
NAMES = (("Anna Berg", BERG), ("Tomas Reyes", REYES), ("Northern Brigade", BRIGADE),
         ("Valdoria", VALDORIA), ("refugees", REFUGEES))


class Reading:
    """What the steps before voice give for ``text``: sentences, mentions, events, speech."""

    def __init__(self, text: str, mark, genre: str = "news"):
        pairs = [pair for pair in NAMES if pair[0] in text]
        pairs += [("Kesh", KESH)] * text.count("Kesh")
        self.text, self.sentences = text, split_sentences(text)
        self.hits = mark(text, *pairs)
        self.events = find_events(text, self.sentences, self.hits)
        self.speech = find_claims(text, self.sentences, self.hits, author=AUTHOR)
        self.document = Document(DocumentMeta("doc", "Title", date(2020, 5, 1), genre=genre,
                                              author=AUTHOR), text, text)

    def relayed(self) -> list:
        return collapse_relays(self.text, self.sentences, self.speech)

    def reported(self, kept: list) -> list:
        return reported_event_claims(self.text, self.sentences, self.events, kept, self.speech)

    def own(self, kept: list) -> list:
        return own_voice_claims(self.document, self.events, kept, self.sentences)


def stances(claims) -> list[tuple[str, str]]:
    return [(c.claimant, c.stance) for c in claims]


def test_a_relayed_statement_is_the_claim_of_who_first_said_it(mark):
    reading = Reading('Anna Berg stated that "Tomas Reyes said that the Northern Brigade left Kesh."', mark)
    assert stances(reading.speech) == [(BERG, "asserts"), (REYES, "asserts")]
    assert stances(reading.relayed()) == [(REYES, "asserts")]


def test_a_statement_of_ones_own_is_kept(mark):
    reading = Reading("Anna Berg said the Northern Brigade left Kesh.", mark)
    assert stances(reading.relayed()) == [(BERG, "asserts")]


def test_a_wrongdoing_with_an_agent_said_flatly_makes_the_statement_an_accusation(mark):
    reading = Reading("Tomas Reyes said the Northern Brigade shelled Kesh.", mark)
    kept = reading.relayed()
    assert reading.reported(kept) == []
    assert [(c.claimant, c.stance, c.about) for c in kept] == [(REYES, "accuses", [BRIGADE])]


def test_a_wrongdoing_with_no_one_blamed_stays_an_assertion(mark):
    reading = Reading("Tomas Reyes said Kesh was shelled.", mark)
    kept = reading.relayed()
    reading.reported(kept)
    assert stances(kept) == [(REYES, "asserts")]


def test_what_a_voice_calls_for_is_not_asserted_to_have_happened(mark):
    reading = Reading("Anna Berg urged the Northern Brigade to move the refugees to Kesh.", mark)
    kept = reading.relayed()
    assert [c for c in reading.reported(kept) if c.stance == "asserts"] == []


def test_a_negated_wrongdoing_in_reported_words_is_a_denial(mark):
    text = 'Anna Berg said, "Tomas Reyes ordered it, but the Northern Brigade didn\'t kill the refugees."'
    reading = Reading(text, mark)
    kept = reading.relayed()
    (denial,) = reading.reported(kept)
    assert (denial.claimant, denial.stance, denial.about) == (BERG, "denies", [BRIGADE])
    assert text[denial.span[0]:denial.span[1]] == "Northern Brigade didn't kill the refugees"
    assert stances(kept) == [(BERG, "accuses")]


def test_proxies_named_in_reported_words_are_characterised_by_the_speaker(mark):
    reading = Reading("Anna Berg said Valdoria's proxies, the Northern Brigade and Tomas Reyes, had left.", mark)
    labels = label_claims(reading.text, reading.sentences, reading.hits, reading.relayed(), AUTHOR)
    assert [(c.claimant, c.stance, c.about, c.quoted) for c in labels] == [
        (BERG, "characterises", [BRIGADE], "Valdoria's proxies"),
        (BERG, "characterises", [REYES], "Valdoria's proxies")]


def test_proxies_named_in_the_documents_own_words_are_characterised_by_its_author(mark):
    reading = Reading("Valdoria's proxies, the Northern Brigade, left.", mark)
    labels = label_claims(reading.text, reading.sentences, reading.hits, [], AUTHOR)
    assert [(c.claimant, c.about) for c in labels] == [(AUTHOR, [BRIGADE])]


def test_a_news_report_telling_a_wrongdoing_flatly_makes_no_claim(mark):
    reading = Reading("Kesh\nThe Northern Brigade attacked Kesh.", mark)
    assert reading.own(reading.relayed()) == []


def test_an_opinion_piece_telling_a_wrongdoing_accuses_its_agent(mark):
    reading = Reading("Kesh\nThe Northern Brigade attacked Kesh.", mark, genre="opinion/advocacy")
    assert [(c.claimant, c.stance, c.about) for c in reading.own(reading.relayed())] == [
        (AUTHOR, "accuses", [BRIGADE])]


def test_an_accusation_in_an_opinion_piece_absorbs_the_description_after_it(mark):
    text = "Kesh\nThe Northern Brigade attacked Kesh, in what can only be described as a massacre."
    reading = Reading(text, mark, genre="opinion/advocacy")
    kept = reading.relayed()
    (claim,) = reading.own(kept)
    assert (claim.stance, text[claim.span[0]:claim.span[1]]) == (
        "accuses", "in what can only be described as a massacre")
    assert kept == []


def test_a_hedged_wrongdoing_in_the_documents_voice_is_reported(mark):
    reading = Reading("Kesh\nThe Northern Brigade was believed to be responsible for the attack on Kesh.", mark)
    assert [(c.claimant, c.stance, c.about) for c in reading.own(reading.relayed())] == [
        (AUTHOR, "reports", [BRIGADE])]


def test_a_loaded_modifier_in_the_documents_voice_characterises(mark):
    text = "Kesh\nA suspected terrorist attack by the Northern Brigade hit Kesh."
    (claim,) = Reading(text, mark).own([])
    assert (claim.claimant, claim.stance, claim.quoted, claim.about) == (
        AUTHOR, "characterises", "A suspected terrorist attack", [BRIGADE])


def test_a_loaded_title_characterises(mark):
    (claim,) = Reading("The Kesh massacre\nThe Northern Brigade attacked Kesh.", mark).own([])
    assert (claim.claimant, claim.stance, claim.quoted) == (AUTHOR, "characterises", "The Kesh massacre")


def test_another_name_the_document_gives_is_reported(mark):
    (claim,) = Reading("Kesh\nThe Northern Brigade, also known as the Iron Men, left.", mark).own([])
    assert (claim.claimant, claim.stance, claim.quoted) == (AUTHOR, "reports", "Iron Men")


def test_a_release_of_information_is_an_assertion_of_who_releases_it(mark):
    (claim,) = Reading("Kesh\nThe Northern Brigade released the names of the dead.", mark).own([])
    assert (claim.claimant, claim.stance) == (BRIGADE, "asserts")


RESOLUTION = ("Condemning the shelling of Kesh.\n\nRESOLUTION\nCondemning the shelling of Kesh.\n\n"
              "Whereas on May 1 the refugees at Kesh were shelled;\n\n"
              "Whereas Tomas Reyes said that the Northern Brigade had left Kesh; and\n")


def test_a_whereas_clause_is_its_authors_assertion_unless_it_reports_another(mark):
    reading = Reading(RESOLUTION, mark, genre="statement")
    asserted = [RESOLUTION[c.span[0]:c.span[1]] for c in reading.own(reading.relayed())
                if (c.claimant, c.stance) == (AUTHOR, "asserts")]
    assert "on May 1 the refugees at Kesh were shelled" in asserted
    assert not [a for a in asserted if "Reyes" in a or "left" in a]


def test_a_heading_opening_with_a_stance_gerund_is_the_authors_stance_once(mark):
    reading = Reading(RESOLUTION, mark, genre="statement")
    condemns = [c.span for c in reading.own(reading.relayed()) if c.stance == "condemns"]
    assert [RESOLUTION[s:e] for s, e in condemns] == ["Condemning the shelling of Kesh."]
    assert condemns[0][0] > RESOLUTION.index("RESOLUTION")


def test_an_event_a_claim_already_judges_is_not_asserted_again_in_the_authors_voice(mark):
    text = "Kesh\nAnna Berg wrote to Tomas Reyes about the shelling of Kesh."
    reading = Reading(text, mark, genre="statement")
    assert [c.stance for c in reading.own([])] == ["asserts"]
    at = text.index("the shelling")
    judged = ClaimHit(AUTHOR, "characterises", (at, at + len("the shelling")), (at + 4, at + 12))
    assert reading.own([judged]) == []


def test_a_whereas_clause_where_an_unnamed_title_holder_speaks_is_not_the_authors(mark):
    text = ("RESOLUTION\n\nWhereas the Valdoria Council President strongly condemned the shelling of Kesh;\n"
            "Whereas on May 1 the refugees at Kesh were shelled;\n")
    reading = Reading(text, mark, genre="statement")
    asserted = [text[c.span[0]:c.span[1]] for c in reading.own(reading.relayed()) if c.stance == "asserts"]
    assert "on May 1 the refugees at Kesh were shelled" in asserted
    assert not [a for a in asserted if "President" in a]


def test_a_release_whose_words_are_claimed_asserts_nothing_more(mark):
    reading = Reading("Kesh\nThe Northern Brigade released a statement calling for calm in Kesh.", mark)
    assert [(c.claimant, c.stance) for c in reading.speech] == [(BRIGADE, "calls-for")]
    assert reading.own(reading.relayed()) == []


def test_a_wrongdoing_someone_may_have_done_accuses_no_one(mark):
    reading = Reading("Tomas Reyes said the Northern Brigade may have shelled Kesh.", mark)
    kept = reading.relayed()
    reading.reported(kept)
    assert stances(kept) == [(REYES, "asserts")]


def test_a_wrongdoing_someone_is_suspected_of_is_reported(mark):
    reading = Reading("Kesh\nThe Northern Brigade is also suspected of shelling Kesh.", mark)
    assert [(c.claimant, c.stance) for c in reading.own(reading.relayed())] == [(AUTHOR, "reports")]
