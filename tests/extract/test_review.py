"""Entity resolution: proposals are listed for review, accepted or merged, never silently."""

import shutil

import pytest
import yaml

from ashraf_kg.corpus.ingest import add_document
from ashraf_kg.corpus.reader import read_registry
from ashraf_kg.errors import CorpusError, ExtractionError
from ashraf_kg.extract.pipeline import extract_document, write_annotations
from ashraf_kg.extract.review import accept_proposal, match_entity, merge_proposal, reject_proposal, review_items


@pytest.fixture
def workspace(corpus_dir, data_dir, tmp_path):
    """A copy of the corpus with the fixture article added and extracted."""
    from ashraf_kg.corpus.reader import read_document

    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    doc_id = add_document(data_dir / "ingest" / "article.txt", corpus).added[0].doc_id
    document = read_document(corpus / doc_id)
    result = extract_document(document, read_registry(corpus / "registry.yaml"))
    write_annotations(result.annotations, corpus / doc_id / "draft.yaml")
    return corpus, doc_id


def _proposal_ids(corpus, doc_id):
    return [i.proposal.id for i in review_items(corpus, doc_id,
                                                   read_registry(corpus / "registry.yaml"))]


def test_close_spelling_is_an_uncertain_match(corpus):
    entity, score = match_entity("People's Mojahedin Organization of Iran", corpus.registry,
                                 kind="organization")
    assert entity == "organization/mek" and 70 <= score < 100


def test_review_lists_proposals_with_candidates(workspace):
    corpus, doc_id = workspace
    items = review_items(corpus, doc_id, read_registry(corpus / "registry.yaml"))
    by_id = {i.proposal.id: i for i in items}
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


def test_numbers_stay_after_a_merge(workspace):
    corpus, doc_id = workspace
    registry = read_registry(corpus / "registry.yaml")
    before = {i.proposal.id: i.number for i in review_items(corpus, doc_id, registry)}
    merge_proposal(corpus, doc_id, "organization/peoples-mojahedin-organization-of-iran",
                   "organization/mek")
    after = {i.proposal.id: i.number for i in review_items(corpus, doc_id, registry)}
    assert after == {k: v for k, v in before.items()
                     if k != "organization/peoples-mojahedin-organization-of-iran"}
    target = "organization/iraqi-ministry-of-human-rights"
    assert accept_proposal(corpus, doc_id, after[target]) == target


def test_accept_keeps_the_registry_comments(workspace):
    corpus, doc_id = workspace
    before = (corpus / "registry.yaml").read_text()
    number = dict((i.proposal.id, i.number) for i in review_items(
        corpus, doc_id, read_registry(corpus / "registry.yaml")))["organization/iraqi-ministry-of-human-rights"]
    accept_proposal(corpus, doc_id, number)
    after = (corpus / "registry.yaml").read_text()
    assert after.startswith(before.rstrip("\n") + "\n")
    assert "\n  - id: organization/iraqi-ministry-of-human-rights\n    type: Organization\n" in after


def test_merge_keeps_the_registry_comments(workspace):
    corpus, doc_id = workspace
    before = (corpus / "registry.yaml").read_text()
    merge_proposal(corpus, doc_id, "organization/peoples-mojahedin-organization-of-iran",
                   "organization/mek")
    after = (corpus / "registry.yaml").read_text()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0].strip().startswith("aliases:")


def _edit_draft(corpus, doc_id, old, new):
    path = corpus / doc_id / "draft.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_accept_refuses_an_invalid_id(workspace):
    corpus, doc_id = workspace
    registry = (corpus / "registry.yaml").read_text()
    _edit_draft(corpus, doc_id, "id: organization/iraqi-ministry-of-human-rights",
                "id: organization/Iraqi Ministry")
    with pytest.raises(CorpusError, match="bad id 'organization/Iraqi Ministry'"):
        accept_proposal(corpus, doc_id, 1)
    assert (corpus / "registry.yaml").read_text() == registry


def test_accept_refuses_a_type_that_does_not_fit_the_kind(workspace):
    corpus, doc_id = workspace
    registry = (corpus / "registry.yaml").read_text()
    items = review_items(corpus, doc_id, read_registry(corpus / "registry.yaml"))
    proposal = next(i.proposal for i in items if i.proposal.id.startswith("organization/"))
    _edit_draft(corpus, doc_id, f"id: {proposal.id}\n    type: Organization", f"id: {proposal.id}\n    type: Camp")
    with pytest.raises(CorpusError, match="type 'Camp' does not fit kind 'organization'"):
        accept_proposal(corpus, doc_id, proposal.number)
    assert (corpus / "registry.yaml").read_text() == registry


@pytest.mark.parametrize("old,new,words", [
    ("  - number: 1\n    id: ", "  - number: 1\n    ident: ", "missing required field 'id'"),
    ("status: draft", "status: [draft", "malformed YAML"),
    ("proposed_entities:", "proposed_entities: 3\nx:", "must be a list"),
])
def test_review_of_a_hand_edited_draft_is_one_error_line(workspace, capsys, old, new, words):
    from ashraf_kg.cli import main

    corpus, doc_id = workspace
    _edit_draft(corpus, doc_id, old, new)
    for args in ([], ["--accept", "1"]):
        code = main(["review", doc_id, "--corpus-dir", str(corpus), *args])
        err = capsys.readouterr().err
        assert code == 2 and err.startswith("Error: ") and err.count("\n") == 1, err
        assert words in err and "draft.yaml:" in err


def test_draft_carries_the_offsets_of_proposal_quotes(workspace):
    from ashraf_kg.corpus.annotations import read_annotations
    from ashraf_kg.corpus.reader import read_document

    corpus, doc_id = workspace
    text = read_document(corpus / doc_id).text
    draft = read_annotations(corpus / doc_id / "draft.yaml", doc_id)
    quotes = [q for p in draft.proposals for q in p.quotes] + [m.quote for m in draft.mentions if not m.all]
    assert quotes and all(text[q.start:q.end] == q.exact for q in quotes)


def test_merge_renames_the_proposal_in_drafted_statements(workspace):
    from ashraf_kg.corpus.annotations import read_annotations

    corpus, doc_id = workspace
    path = corpus / doc_id / "draft.yaml"
    text = path.read_text(encoding="utf-8")
    claimant = next(line for line in text.splitlines() if line.strip().startswith("claimant:"))
    path.write_text(text.replace(claimant, claimant.split(":")[0]
                                 + ": organization/peoples-mojahedin-organization-of-iran", 1),
                    encoding="utf-8")
    merge_proposal(corpus, doc_id, "organization/peoples-mojahedin-organization-of-iran",
                   "organization/mek")
    claims = read_annotations(path, doc_id).claims
    assert "organization/mek" in {c.claimant for c in claims}
    assert "organization/peoples-mojahedin-organization-of-iran" not in {c.claimant for c in claims}


def test_merge_without_alias_leaves_the_registry_aliases_as_they_are(workspace):
    corpus, doc_id = workspace
    before = {e.id: e for e in read_registry(corpus / "registry.yaml")}["organization/mek"]
    merge_proposal(corpus, doc_id, "organization/peoples-mojahedin-organization-of-iran",
                   "organization/mek", add_spellings=False)
    after = {e.id: e for e in read_registry(corpus / "registry.yaml")}["organization/mek"]
    assert after.aliases == before.aliases
    assert "organization/peoples-mojahedin-organization-of-iran" not in _proposal_ids(corpus, doc_id)


def test_reject_drops_the_proposal_and_every_statement_naming_it(workspace):
    from ashraf_kg.corpus.annotations import read_annotations

    corpus, doc_id = workspace
    path = corpus / doc_id / "draft.yaml"
    proposal = "organization/peoples-mojahedin-organization-of-iran"
    text = path.read_text(encoding="utf-8")
    claimant = next(line for line in text.splitlines() if line.strip().startswith("claimant:"))
    path.write_text(text.replace(claimant, claimant.split(":")[0] + ": " + proposal, 1), encoding="utf-8")
    claims_before = len(read_annotations(path, doc_id).claims)
    registry_text = (corpus / "registry.yaml").read_text(encoding="utf-8")
    assert reject_proposal(corpus, doc_id, proposal) == proposal
    draft = read_annotations(path, doc_id)
    assert proposal not in _proposal_ids(corpus, doc_id)
    assert len(draft.claims) == claims_before - 1
    assert proposal not in {m.entity for m in draft.mentions}
    assert (corpus / "registry.yaml").read_text(encoding="utf-8") == registry_text


def test_review_reject_through_the_command_line(workspace, capsys):
    from ashraf_kg.cli import main

    corpus, doc_id = workspace
    number = next(i.number for i in review_items(corpus, doc_id, read_registry(corpus / "registry.yaml"))
                  if i.proposal.id == "organization/iraqi-ministry-of-human-rights")
    assert main(["review", doc_id, "--corpus-dir", str(corpus), "--reject", str(number)]) == 0
    assert "rejected organization/iraqi-ministry-of-human-rights" in capsys.readouterr().out
    assert main(["review", doc_id, "--corpus-dir", str(corpus), "--no-alias"]) == 2
    assert "--no-alias goes with --merge" in capsys.readouterr().err


def test_review_says_when_no_proposal_is_left(workspace, capsys):
    from ashraf_kg.cli import main

    corpus, doc_id = workspace
    for item in review_items(corpus, doc_id, read_registry(corpus / "registry.yaml")):
        accept_proposal(corpus, doc_id, item.number)
    capsys.readouterr()
    assert main(["review", doc_id, "--corpus-dir", str(corpus)]) == 0
    assert capsys.readouterr().out == f"{doc_id}: no proposed entities to review\n"
