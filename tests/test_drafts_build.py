"""Drafts never break the build: a drafted statement that fails a shape is left out and
listed; curated data that fails one still stops the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ashraf_kg.corpus.ingest import add_document
from ashraf_kg.errors import ValidationError
from ashraf_kg.namespaces import OA
from ashraf_kg.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT / "tests" / "data" / "news" / "instruments_only.txt"

EVENTS = """document: {doc}
status: {status}
extractor: rules-test
mentions:
- entity: thing/mortars
  quote: Mortar rounds
  prefix: "-- "
events:
- id: shelling-with-mortars-only
  type: Attack
  label: Attack (mortars only)
  evidence: {{quote: Mortar rounds and Katyusha rockets fell, prefix: "-- "}}
  alleged: false
  instrument: [thing/mortars]
  place: []
- id: flight-of-residents
  type: Flight
  label: Flight of residents towards the hills
  evidence: {{quote: Residents fled towards the hills}}
  alleged: false
  participant: [group/camp-ashraf-residents]
  place: []
claims:
- id: claim-about-the-shelling
  claimant: {author}
  stance: asserts
  about: []
  proposition: shelling-with-mortars-only
  evidence: {{quote: Mortar rounds and Katyusha rockets fell, prefix: "-- "}}
"""


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, str, str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "registry.yaml", corpus / "registry.yaml")
    added = add_document(NEWS, corpus).documents[0]
    meta = (corpus / added.doc_id / "meta.yaml").read_text(encoding="utf-8")
    author = next(line.split(": ", 1)[1] for line in meta.splitlines() if line.startswith("author:"))
    return corpus, added.doc_id, author


def test_drafted_statement_failing_a_shape_is_left_out_and_listed(corpus, tmp_path):
    corpus_dir, doc, author = corpus
    (corpus_dir / doc / "draft.yaml").write_text(
        EVENTS.format(doc=doc, status="draft", author=author), encoding="utf-8")
    summary = build_graph(corpus_dir, tmp_path / "graph", include_drafts=True, pages=False)
    assert [(d.document, d.statement, d.shape) for d in summary.dropped_drafts] == [
        (doc, "shelling-with-mortars-only", "EventShape")]
    events = {str(s).rsplit("-", 1)[-1] for s in summary.dataset.subjects()
              if "/event/draft-" in str(s) and "/time/" not in str(s)}
    assert events == {"residents"}  # the flight stays; the shelling and its claim are gone
    assert not [s for s in summary.dataset.subjects() if "claim-about-the-shelling" in str(s)]


def test_curated_statement_failing_a_shape_still_stops_the_build(corpus, tmp_path):
    corpus_dir, doc, author = corpus
    (corpus_dir / doc / "annotations.yaml").write_text(
        EVENTS.format(doc=doc, status="reviewed", author=author), encoding="utf-8")
    with pytest.raises(ValidationError, match="EventShape|participant-like role"):
        build_graph(corpus_dir, tmp_path / "graph", include_drafts=True, pages=False)
    assert not (tmp_path / "graph").exists()


def test_a_draft_beside_curated_annotations_of_the_same_spans_builds(corpus, tmp_path):
    """Re-extracting a curated document: the draft's evidence and the curated mentions
    annotate the same spans, each with its own annotation and motivation."""
    corpus_dir, doc, author = corpus
    (corpus_dir / doc / "draft.yaml").write_text(
        EVENTS.format(doc=doc, status="draft", author=author), encoding="utf-8")
    (corpus_dir / doc / "annotations.yaml").write_text(
        f"document: {doc}\nstatus: reviewed\nmentions:\n- entity: group/camp-ashraf-residents\n"
        "  quote: Residents fled towards the hills\n", encoding="utf-8")
    summary = build_graph(corpus_dir, tmp_path / "graph", include_drafts=True, pages=False)
    motivations = {}
    for s, o in summary.dataset.subject_objects(OA.motivatedBy):
        motivations.setdefault(s, set()).add(o)
    assert all(len(m) == 1 for m in motivations.values())
    drafted = {s for s in motivations if "/draft" in str(s)}
    assert {OA.describing} in [motivations[s] for s in drafted]
