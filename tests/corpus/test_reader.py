"""Reading the corpus, and every kind of bad input: one clear error, exit 2, graph/ intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ashraf_kg.cli import main
from ashraf_kg.corpus.reader import read_corpus
from ashraf_kg.errors import CorpusError

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "build" / "minimal" / "corpus"


@pytest.fixture
def minimal(tmp_path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "corpus"))


@pytest.fixture
def previous_graph(tmp_path) -> Path:
    """A graph folder holding a previous build, which a failed build must leave alone."""
    graph = tmp_path / "graph"
    graph.mkdir()
    (graph / "ashraf-kg.nq").write_text("previous\n", encoding="utf-8")
    return graph


def build_fails(corpus: Path, graph: Path, capsys) -> str:
    code = main(["build", "--corpus-dir", str(corpus), "--graph-dir", str(graph), "-q"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("Error: ") and err.count("\n") == 1, err
    assert [p.name for p in graph.iterdir()] == ["ashraf-kg.nq"]
    assert (graph / "ashraf-kg.nq").read_text(encoding="utf-8") == "previous\n"
    assert not [p for p in graph.parent.iterdir() if p.name.startswith(".graph")]
    return err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_corpus_reads(corpus, corpus_dir):
    ids = [d.id for d in corpus.documents]
    assert ids[:2] == ["000_998ad53316df0c2c", "001_wikipedia_2013_camp_ashraf_massacre"]
    assert ids == sorted(p.parent.name for p in corpus_dir.glob("*/meta.yaml"))
    assert sorted(a.document for a in corpus.annotations) == ids  # every document curated
    assert all(a.status == "reviewed" for a in corpus.annotations)


def test_minimal_corpus_reads_with_locations(minimal):
    corpus = read_corpus(minimal)
    (annotations,) = corpus.annotations
    event = annotations.events[0]
    assert event.location.file.endswith("annotations.yaml") and event.location.line == 7
    assert event.role("agent") == ("organization/army",)


def test_malformed_yaml_names_line_and_column(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "annotations.yaml", "status: reviewed", "status: [reviewed")
    err = build_fails(minimal, previous_graph, capsys)
    assert "annotations.yaml:" in err and "malformed YAML" in err


def test_unknown_entity_id_names_item_and_fix(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "annotations.yaml", "agent: [organization/army]",
         "agent: [organization/armee]")
    err = build_fails(minimal, previous_graph, capsys)
    assert "unknown entity id 'organization/armee'" in err
    assert "annotations.yaml:7" in err and "registry.yaml" in err


def test_quote_not_found(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "annotations.yaml", '"killing three"', '"killing four"')
    err = build_fails(minimal, previous_graph, capsys)
    assert "quote not found in document doc1: 'killing four'" in err


def test_ambiguous_quote_lists_places(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "annotations.yaml", "{entity: organization/army, quote: Army, all: true}",
         "{entity: organization/army, quote: Army}")
    err = build_fails(minimal, previous_graph, capsys)
    assert "occurs 2 times" in err and "line 2" in err and "line 3" in err


def test_duplicate_entity_id(minimal, previous_graph, capsys):
    edit(minimal / "registry.yaml", "id: organization/ministry", "id: organization/army")
    err = build_fails(minimal, previous_graph, capsys)
    assert "duplicate entity id 'organization/army'" in err and "registry.yaml:" in err


def test_duplicate_event_id(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "annotations.yaml", "id: ministry-denial", "id: attack-on-camp-alpha")
    err = build_fails(minimal, previous_graph, capsys)
    assert "duplicate id 'attack-on-camp-alpha'" in err


def test_unparseable_date(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "meta.yaml", "published: 2013-09-01", "published: 1st of September")
    err = build_fails(minimal, previous_graph, capsys)
    assert "unparseable date '1st of September'" in err and "meta.yaml:" in err
    assert "YYYY-MM-DD" in err


def test_non_utf8_document(minimal, previous_graph, capsys):
    (minimal / "doc1" / "source.txt").write_bytes("Clash at the camp\nd\xe9j\xe0 vu\n".encode("latin-1"))
    err = build_fails(minimal, previous_graph, capsys)
    assert "not UTF-8" in err and "source.txt:2" in err


def test_empty_document(minimal, previous_graph, capsys):
    (minimal / "doc1" / "source.txt").write_text("", encoding="utf-8")
    err = build_fails(minimal, previous_graph, capsys)
    assert "document doc1 is empty" in err


def test_hand_edited_text_is_refused(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "text.txt", "killing three", "killing 3")
    err = build_fails(minimal, previous_graph, capsys)
    assert "not the cleaned source.txt" in err and "ashraf-kg clean" in err


def test_bad_stance_lists_the_allowed_ones(minimal):
    edit(minimal / "doc1" / "annotations.yaml", "stance: denies", "stance: refutes")
    with pytest.raises(CorpusError) as error:
        read_corpus(minimal)
    assert "unknown stance 'refutes'" in str(error.value) and "denies" in str(error.value)


def test_proposition_must_be_in_the_same_file(minimal):
    edit(minimal / "doc1" / "annotations.yaml", "proposition: attack-on-camp-alpha",
         "proposition: attack-elsewhere")
    with pytest.raises(CorpusError) as error:
        read_corpus(minimal)
    assert "proposition 'attack-elsewhere'" in str(error.value)


def test_shape_violation_refuses_to_publish_and_lists_each_node(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "annotations.yaml", "    agent: [organization/ministry]\n", "")
    code = main(["build", "--corpus-dir", str(minimal), "--graph-dir", str(previous_graph), "-q"])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("Error: ")
    assert "<https://w3id.org/ashraf-kg/id/event/ministry-denial>" in err
    assert "participant-like role" in err
    assert (previous_graph / "ashraf-kg.nq").read_text(encoding="utf-8") == "previous\n"


def test_one_role_written_two_ways_names_both_places(minimal, previous_graph, capsys):
    edit(minimal / "doc1" / "annotations.yaml", "  - id: camp-alpha-in-country\n",
         "  - id: smith-head-again\n    type: membership\n    member: person/general-smith\n"
         "    organization: organization/army\n    role: Head\n"
         "    evidence: {quote: \"General Smith, head of the Army\"}\n  - id: camp-alpha-in-country\n")
    err = build_fails(minimal, previous_graph, capsys)
    assert "role 'Head' and role 'head'" in err and "id/role/head" in err
    assert err.count("annotations.yaml:") == 2, err
