"""Extraction on news texts of shapes the corpus does not have (datelines, wire copy, no
headline, denials, a claim of responsibility, an event told only by its weapons): the
drafts name nothing the text does not, and ``build --include-drafts`` succeeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ashraf_kg.cli import main
from ashraf_kg.corpus.reader import read_document, read_registry
from ashraf_kg.extract.evaluate import invented_entities
from ashraf_kg.extract.pipeline import extract_document

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "tests" / "data" / "news"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("news") / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "registry.yaml", corpus / "registry.yaml")
    assert main(["add", str(NEWS), "--corpus-dir", str(corpus)]) == 0
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        assert main(["extract", folder.name, "--corpus-dir", str(corpus)]) == 0
    return corpus


def test_every_text_gets_a_draft(corpus):
    folders = [p for p in corpus.iterdir() if p.is_dir()]
    assert len(folders) == len(list(NEWS.glob("*.txt")))
    assert all((p / "draft.yaml").is_file() for p in folders)


def test_drafts_name_no_entity_the_text_does_not(corpus):
    registry = read_registry(corpus / "registry.yaml")
    invented = {}
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        document = read_document(folder)
        found = invented_entities(extract_document(document, registry).annotations, document, registry)
        if found:
            invented[folder.name] = found
    assert invented == {}


def test_build_with_drafts_succeeds(corpus, tmp_path, capsys):
    code = main(["build", "--include-drafts", "-q", "--corpus-dir", str(corpus),
                 "--graph-dir", str(tmp_path / "graph")])
    assert code == 0, capsys.readouterr()
    assert (tmp_path / "graph" / "ashraf-kg.trig").is_file()


def test_statements_naming_a_proposal_wait_for_review_then_enter(corpus, tmp_path, capsys):
    """A claim whose claimant is a proposed name is listed as left out, and is in the
    drafts graph once the proposal is accepted."""
    from ashraf_kg.extract.review import accept_proposal, review_items

    corpus = Path(shutil.copytree(corpus, tmp_path / "corpus"))  # accepting changes the registry
    doc = next(p.name for p in corpus.iterdir() if "rejects_report" in p.name)
    graph = tmp_path / "graph"
    assert main(["build", "--include-drafts", "-q", "--corpus-dir", str(corpus), "--graph-dir", str(graph)]) == 0
    assert "names person/saad-maan, not in the registry yet" in capsys.readouterr().out
    items = review_items(corpus, doc, read_registry(corpus / "registry.yaml"))
    number = next(i.number for i in items if i.proposal.id == "person/saad-maan")
    accept_proposal(corpus, doc, number)
    assert main(["build", "--include-drafts", "-q", "--corpus-dir", str(corpus), "--graph-dir", str(graph)]) == 0
    assert "person/saad-maan" not in capsys.readouterr().out
    trig = (graph / "ashraf-kg.trig").read_text(encoding="utf-8")
    assert "saad-maan" in trig and "claim/draft-" in trig
