"""Entity resolution: proposals are listed for review, accepted or merged, never silently."""

import shutil

import pytest
import yaml

from ashraf_kg.corpus.ingest import add_document
from ashraf_kg.corpus.reader import read_registry
from ashraf_kg.errors import ExtractionError
from ashraf_kg.extract.pipeline import extract_document, write_annotations
from ashraf_kg.extract.review import accept_proposal, match_entity, merge_proposal, review_items


@pytest.fixture
def workspace(corpus_dir, data_dir, tmp_path):
    """A copy of the corpus with the fixture article added and extracted."""
    from ashraf_kg.corpus.reader import read_document

    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    doc_id = add_document(data_dir / "ingest" / "article.txt", corpus).added[0].doc_id
    document = read_document(corpus / doc_id)
    result = extract_document(document, read_registry(corpus / "registry.yaml"))
    write_annotations(result.annotations, corpus / doc_id / "draft.yaml",
                      proposals=result.proposals, text=document.text)
    return corpus, doc_id


def _proposal_ids(corpus, doc_id):
    return [i.proposal["id"] for i in review_items(corpus, doc_id,
                                                   read_registry(corpus / "registry.yaml"))]


def test_close_spelling_is_an_uncertain_match(corpus):
    entity, score = match_entity("People's Mojahedin Organization of Iran", corpus.registry,
                                 kind="organization")
    assert entity == "organization/mek" and 70 <= score < 100


def test_review_lists_proposals_with_candidates(workspace):
    corpus, doc_id = workspace
    items = review_items(corpus, doc_id, read_registry(corpus / "registry.yaml"))
    by_id = {i.proposal["id"]: i for i in items}
    assert "organization/iraqi-ministry-of-human-rights" in by_id
    assert by_id["organization/peoples-mojahedin-organization-of-iran"].candidate == "organization/mek"


def test_accept_adds_registry_entry_and_mentions(workspace):
    corpus, doc_id = workspace
    number = _proposal_ids(corpus, doc_id).index("organization/iraqi-ministry-of-human-rights") + 1
    accept_proposal(corpus, doc_id, number)
    registry = read_registry(corpus / "registry.yaml")
    assert "organization/iraqi-ministry-of-human-rights" in {e.id for e in registry}
    draft = yaml.safe_load((corpus / doc_id / "draft.yaml").read_text())
    assert any(m["entity"] == "organization/iraqi-ministry-of-human-rights" for m in draft["mentions"])
    assert "organization/iraqi-ministry-of-human-rights" not in _proposal_ids(corpus, doc_id)


def test_merge_keeps_every_alias(workspace):
    corpus, doc_id = workspace
    before = {e.id: e for e in read_registry(corpus / "registry.yaml")}["organization/mek"]
    merge_proposal(corpus, doc_id, "organization/peoples-mojahedin-organization-of-iran",
                   "organization/mek")
    after = {e.id: e for e in read_registry(corpus / "registry.yaml")}["organization/mek"]
    assert set(before.aliases) < set(after.aliases)
    assert "People's Mojahedin Organization of Iran" in after.aliases
    assert after.label == before.label


def test_merge_into_unknown_entity_is_refused(workspace):
    corpus, doc_id = workspace
    registry_text = (corpus / "registry.yaml").read_text()
    with pytest.raises(ExtractionError, match="unknown entity"):
        merge_proposal(corpus, doc_id, "organization/peoples-mojahedin-organization-of-iran",
                       "organization/no-such-thing")
    assert (corpus / "registry.yaml").read_text() == registry_text
