"""Extraction quality on the curated corpus, and the scoring itself."""

import pytest

from ashraf_kg.evaluate import GOALS, evaluate, format_scores
from ashraf_kg.extract import extract_annotations
from ashraf_kg.model import Annotations, Claim, Mention, Quote

SEED = "000_998ad53316df0c2c"


@pytest.fixture(scope="module")
def scores(corpus):
    result = {}
    for document in corpus.documents:
        curated = next(a for a in corpus.annotations if a.document == document.id)
        result[document.id] = evaluate(extract_annotations(document, corpus.registry), curated,
                                       document)
    return result


@pytest.mark.parametrize("aspect", sorted(GOALS))
def test_seed_article_reaches_goal(scores, aspect):
    score = scores[SEED][aspect]
    assert score.f1 >= GOALS[aspect], format_scores([scores[SEED]])


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
