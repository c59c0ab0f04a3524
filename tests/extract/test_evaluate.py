"""Extraction quality on the curated corpus, and the scoring itself."""

import pytest

from ashraf_kg.extract.evaluate import GOALS, evaluate, format_scores
from ashraf_kg.extract.pipeline import extract_annotations
from ashraf_kg.model import Annotations, Claim, Mention, Quote

SEED = "000_998ad53316df0c2c"
HOUSE_RESOLUTION = "008_us_house_hres89_2013-02-28_camp_hurriya_attack"


@pytest.fixture(scope="module")
def scores(corpus):
    result = {}
    for document in corpus.documents:
        curated = next(a for a in corpus.annotations if a.document == document.id)
        result[document.id] = evaluate(extract_annotations(document, corpus.registry), curated,
                                       document)
    return result


# The seed's own figures with the held-out registry: extraction may only do better on it.
SEED_FLOORS = {"entities": 0.943, "events": 0.943, "roles": 0.827, "claims": 0.701, "relations": 0.705}


# The goals hold, micro, over the documents extraction was first developed on, and over all
# seventeen curated documents. No document may get an invented entity.
TUNED_ON = ("000_998ad53316df0c2c", "001_wikipedia_2013_camp_ashraf_massacre")


@pytest.mark.parametrize("aspect", sorted(GOALS))
def test_tuned_documents_reach_goal_with_held_out_registry(held_out_scores, aspect):
    from ashraf_kg.extract.evaluate import micro_scores

    tuned = [held_out_scores[d] for d in TUNED_ON]
    micro = micro_scores(tuned)
    assert micro[aspect].f1 >= GOALS[aspect], format_scores(tuned, details=False)


@pytest.mark.parametrize("aspect", sorted(GOALS))
def test_corpus_reaches_goal_with_held_out_registry(held_out_scores, aspect):
    from ashraf_kg.extract.evaluate import micro_scores

    micro = micro_scores(list(held_out_scores.values()))
    assert micro[aspect].f1 >= GOALS[aspect], format_scores(list(held_out_scores.values()), details=False)


def test_no_document_gets_an_invented_entity(held_out_scores):
    invented = {d: s.invented for d, s in held_out_scores.items() if s.invented}
    assert not invented, invented


def test_entity_the_document_never_names_is_invented(corpus):
    from ashraf_kg.extract.evaluate import invented_entities

    document = next(d for d in corpus.documents if d.id == SEED)
    draft = Annotations(document.id, "draft", mentions=(
        Mention("place/lebanon", Quote("Lebanese")),
        Mention("place/camp-ashraf", Quote("Camp Ashraf"), all=True)))
    assert invented_entities(draft, document, corpus.registry) == ("place/lebanon",)


def test_every_curated_document_is_scored(scores, corpus):
    assert set(scores) == {d.id for d in corpus.documents}


def test_curated_annotations_score_perfectly_against_themselves(corpus):
    document = corpus.documents[0]
    curated = next(a for a in corpus.annotations if a.document == document.id)
    scores = evaluate(curated, curated, document)
    assert all(scores[a].f1 == 1.0 for a in ("mentions", "entities", "events", "roles", "claims"))


def test_wrong_claimant_is_a_miss_and_a_false_alarm(corpus):
    document = corpus.documents[0]
    quote = Quote("The Iranian resistance has charged Suleimani")
    gold = Annotations(document.id, "reviewed", claims=(
        Claim("c", "organization/iranian-resistance", "accuses", quote),))
    wrong = Annotations(document.id, "draft", claims=(
        Claim("c", "organization/ncri", "accuses", quote),))
    score = evaluate(wrong, gold, document)["claims"]
    assert (score.matched, len(score.misses), len(score.false_alarms)) == (0, 1, 1)


def test_overlapping_mention_of_the_same_entity_matches(corpus):
    document = corpus.documents[0]
    gold = Annotations(document.id, "reviewed",
                       mentions=(Mention("person/nouri-al-maliki",
                                         Quote("Iraqi Prime Minister Nouri al-Maliki")),))
    found = Annotations(document.id, "draft",
                        mentions=(Mention("person/nouri-al-maliki", Quote("Nouri al-Maliki"), all=True),))
    score = evaluate(found, gold, document)["mentions"]
    assert (score.matched, score.extracted, score.curated) == (1, 2, 1)


def test_json_format_lists_misses(scores):
    import json

    data = json.loads(format_scores([scores[SEED]], fmt="json"))
    assert data[0]["document"] == SEED and "misses" in data[0]["events"]


WIKIPEDIA = "001_wikipedia_2013_camp_ashraf_massacre"
# Floors reached by the rules on the encyclopedia excerpt, a document of another style
# than the seed; a change that lowers them generalises worse.
WIKIPEDIA_FLOORS = {"events": 0.967, "roles": 0.793, "claims": 0.952, "relations": 0.80}
HELD_OUT_FLOORS = {"events": 0.967, "roles": 0.793, "claims": 0.952, "relations": 0.80}


@pytest.mark.parametrize("aspect", sorted(WIKIPEDIA_FLOORS))
def test_encyclopedia_excerpt_keeps_its_figures(scores, aspect):
    score = scores[WIKIPEDIA][aspect]
    assert score.f1 >= WIKIPEDIA_FLOORS[aspect], format_scores([scores[WIKIPEDIA]])


@pytest.fixture(scope="module")
def held_out_scores(corpus_dir):
    from ashraf_kg.extract.evaluate import evaluate_corpus

    return {s.document: s for s in evaluate_corpus(corpus_dir, held_out_registry=True)}


@pytest.mark.parametrize("doc,aspect", [(SEED, a) for a in sorted(SEED_FLOORS)]
                         + [(WIKIPEDIA, a) for a in sorted(HELD_OUT_FLOORS)])
def test_first_documents_keep_their_figures_without_their_own_spellings(held_out_scores, doc, aspect):
    floors = SEED_FLOORS if doc == SEED else HELD_OUT_FLOORS
    assert held_out_scores[doc][aspect].f1 >= floors[aspect], format_scores([held_out_scores[doc]])


def test_held_out_registry_drops_spellings_only_the_document_uses(corpus):
    from ashraf_kg.extract.evaluate import hold_out_registry

    resolution = next(d for d in corpus.documents if d.id == HOUSE_RESOLUTION)
    others = [d for d in corpus.documents if d.id != HOUSE_RESOLUTION]
    held = {e.id: e for e in hold_out_registry(corpus.registry, resolution, others)}
    assert "Mujahedin-e Khalq" not in held["organization/mek"].aliases  # only 008 writes it
    assert "MEK" in held["organization/mek"].aliases            # the seed writes it too
    assert held["organization/mek"].label == "Mujahedin-e-Khalq"


def test_relations_are_matched_on_type_subject_and_object(corpus):
    from ashraf_kg.model import Membership

    document = corpus.documents[0]
    quote = Quote("UN official Tahar Boumedra")
    gold = Annotations(document.id, "reviewed", memberships=(
        Membership("m", "person/tahar-boumedra", "organization/united-nations", "Official", quote),))
    wrong = Annotations(document.id, "draft", memberships=(
        Membership("m", "person/tahar-boumedra", "organization/unami", "Official", quote),))
    assert evaluate(gold, gold, document)["relations"].f1 == 1.0
    assert evaluate(wrong, gold, document)["relations"].matched == 0


def test_a_government_is_named_where_its_country_acts():
    from datetime import date

    from ashraf_kg.extract.evaluate import invented_entities
    from ashraf_kg.model import Document, DocumentMeta, Entity

    registry = (Entity("place/valdoria", "Country", "Valdoria"),
                Entity("organization/gov-valdoria", "Organization", "Government of Valdoria"),
                Entity("organization/gov-orlan", "Organization", "Government of Orlan"))
    text = "Valdoria condemns the attack."
    document = Document(DocumentMeta("900_test", "Test", date(2013, 9, 1)), text, text)
    draft = Annotations(document.id, "draft", mentions=(
        Mention("organization/gov-valdoria", Quote("Valdoria")),
        Mention("organization/gov-orlan", Quote("Valdoria"))))
    assert invented_entities(draft, document, registry) == ("organization/gov-orlan",)
