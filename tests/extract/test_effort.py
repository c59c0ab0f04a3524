"""Curation effort: a draft against its curated annotations, statement by statement."""

import pytest

from ashraf_kg.extract.effort import (
    BEGIN,
    END,
    KINDS,
    format_effort,
    measure_corpus_effort,
    measure_effort,
    update_effort_page,
)
from ashraf_kg.model import Annotations, Claim, Event, Mention, Quote

SEED = "000_998ad53316df0c2c"
ASSAULT = Quote("The Iraqi Army today launched a major assault")


@pytest.fixture(scope="module")
def seed(corpus):
    return next(d for d in corpus.documents if d.id == SEED)


def _assault(**changes) -> Event:
    fields = dict(id="e", type="Attack", label="Assault", evidence=ASSAULT, alleged=True,
                  roles=(("agent", ("organization/iraqi-army",)),), place=("place/camp-ashraf",))
    return Event(**{**fields, **changes})


def test_same_statement_at_the_same_place_is_kept_whatever_its_id_and_label(seed):
    draft = Annotations(SEED, "draft", events=(_assault(id="auto-1", label="Attack (Iraqi Army)",
                                                        evidence=Quote("launched a major assault")),))
    curated = Annotations(SEED, "reviewed", events=(_assault(),))
    assert measure_effort(draft, curated, seed).counts["events"] == {
        "kept": 1, "edited": 0, "dropped": 0, "added": 0}


def test_changed_role_is_an_edit(seed):
    draft = Annotations(SEED, "draft", events=(_assault(roles=()),))
    curated = Annotations(SEED, "reviewed", events=(_assault(),))
    assert measure_effort(draft, curated, seed).counts["events"]["edited"] == 1


def test_mentions_count_each_occurrence(seed):
    draft = Annotations(SEED, "draft", mentions=(
        Mention("organization/iraqi-army", Quote("Iraqi Army"), all=True),      # 6 occurrences
        Mention("place/iraq", Quote("Iraqi Prime Minister")),                    # wrong entity
        Mention("place/europe", Quote("Europe")),))                              # right
    curated = Annotations(SEED, "reviewed", mentions=(
        Mention("organization/iraqi-army", Quote("Iraqi Army"), all=True),
        Mention("person/nouri-al-maliki", Quote("Iraqi Prime Minister")),
        Mention("place/middle-east", Quote("Middle East")),))
    counts = measure_effort(draft, curated, seed).counts["mentions"]
    assert counts == {"kept": 6, "edited": 1, "dropped": 1, "added": 1}


def test_claim_about_a_paired_event_keeps_its_proposition(seed):
    claim = Claim("c", "person/author-of-000", "accuses", ASSAULT, about=("organization/iraqi-army",),
                  proposition="e")
    draft = Annotations(SEED, "draft", events=(_assault(id="auto-1"),),
                        claims=(Claim(**{**claim.__dict__, "id": "auto-c", "proposition": "auto-1"}),))
    curated = Annotations(SEED, "reviewed", events=(_assault(),), claims=(claim,))
    effort = measure_effort(draft, curated, seed)
    assert (effort.counts["claims"]["kept"], effort.total("kept"), effort.drafted, effort.curated) == (
        1, 2, 2, 2)


def test_table_has_a_row_per_document_and_totals(seed):
    draft = Annotations(SEED, "draft", events=(_assault(roles=()),))
    curated = Annotations(SEED, "reviewed", events=(_assault(),),
                          mentions=(Mention("place/europe", Quote("Europe")),))
    table = format_effort([measure_effort(draft, curated, seed)], fmt="markdown")
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert rows[2] == f"| {SEED} | 1 | 0 | 1 | 0 | 1 | 2 | 0% |"
    assert rows[3] == "| total | 1 | 0 | 1 | 0 | 1 | 2 | 0% |"
    assert [r.split(" | ")[0][2:] for r in rows[6:]] == list(KINDS)


def test_page_update_replaces_only_the_generated_block(seed, tmp_path):
    page = tmp_path / "effort.md"
    page.write_text(f"# Effort\n\nWords.\n\n{BEGIN}old table{END}\n\nMore words.\n")
    effort = measure_effort(Annotations(SEED, "draft"), Annotations(SEED, "reviewed"), seed)
    update_effort_page(page, [effort])
    text = page.read_text()
    assert text.startswith("# Effort\n\nWords.\n\n" + BEGIN + "\n| document |")
    assert text.endswith(END + "\n\nMore words.\n") and "old table" not in text


def test_curation_effort_page_is_generated_from_the_corpus(root, corpus_dir):
    page = (root / "docs" / "curation-effort.md").read_text(encoding="utf-8")
    generated = page.split(BEGIN, 1)[1].split(END, 1)[0]
    efforts = measure_corpus_effort(corpus_dir)
    assert len(efforts) >= 1 and generated == "\n" + format_effort(efforts)
