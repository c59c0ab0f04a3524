"""The analyst's words: names resolved through the registry, labels and quotes in tables."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from ashraf_kg.cli import main
from ashraf_kg.errors import QueryError
from ashraf_kg.query.labels import looks_like_name, resolve_name
from ashraf_kg.query.query_result import QueryResult
from ashraf_kg.query.results import fit_widths

ID = "https://w3id.org/ashraf-kg/id/"


@pytest.fixture
def run(graph_dir, capsys, monkeypatch):
    """``ashraf-kg query …`` on the committed graph, in memory: (exit status, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "300")

    def run_(*args):
        status = main(["query", *args, "--graph-dir", str(graph_dir), "--storage", "memory"])
        out, err = capsys.readouterr()
        return status, out, err

    return run_


def test_a_table_shows_labels_and_quotes_not_ids(run):
    status, out, _ = run("claims_about", "--param", "entity=person/qassem-suleimani")
    assert status == 0 and "id:" not in out
    assert "Iranian resistance" in out and "accuses" in out
    assert "“The Iranian resistance has charged Suleimani”" in out


def test_ids_on_request(run):
    status, out, _ = run("claims_about", "--param", "entity=person/qassem-suleimani", "--ids")
    assert status == 0 and "id:claim/iranian-resistance-accuses-suleimani-of-ordering-attack" in out


def test_a_name_or_alias_gives_the_same_rows_as_the_id(run):
    by_id = run("claims_about", "--param", "entity=person/qassem-suleimani", "--format", "csv")
    assert by_id[0] == 0 and by_id[1].count("\n") > 1
    assert run("claims_about", "--param", "entity=Suleimani", "--format", "csv") == by_id
    assert run("claims_about", "--param", "entity=qassem suleimani", "--format", "csv") == by_id


def test_a_misspelt_name_is_an_error_with_the_closest_names(run):
    status, out, err = run("claims_about", "--param", "entity=Suleimany")
    assert status == 2 and out == ""
    assert err.startswith("Error: parameter entity: nothing in the graph is called 'Suleimany'")
    assert "did you mean person/qassem-suleimani?" in err and err.count("\n") == 1


def test_an_unknown_id_or_iri_is_an_error_not_zero_rows(run):
    for value in ("person/suleimani", f"<{ID}person/suleimani>", f"{ID}person/suleimani"):
        status, out, err = run("claims_about", "--param", f"entity={value}")
        assert status == 2 and out == "", value
        assert "the graph holds nothing called" in err and "person/qassem-suleimani" in err


def test_a_name_of_two_entities_is_refused_with_both():
    names = QueryResult("select", variables=("thing", "name"), rows=(
        (URIRef(f"{ID}person/a-smith"), Literal("Smith")),
        (URIRef(f"{ID}person/b-smith"), Literal("smith")),
        (URIRef(f"{ID}event/smith-visit"), Literal("Smith visit"))))
    with pytest.raises(QueryError, match="names more than one thing: person/a-smith, person/b-smith"):
        resolve_name("SMITH", lambda text: names)
    assert resolve_name("visit", lambda text: names) == f"{ID}event/smith-visit"


@pytest.mark.parametrize("value,name", [("Suleimani", True), ("Camp Ashraf", True), ("MEK", True),
                                        ("person/qassem-suleimani", False), ("akg:Person", False),
                                        ("<https://example.org/x>", False), ("https://example.org/x", False)])
def test_what_counts_as_a_name(value, name):
    assert looks_like_name(value) is name


def test_a_table_fits_the_terminal_and_wide_shows_everything(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run("timeline")
    assert status == 0 and max(map(len, out.splitlines())) <= 80 and "…" in out
    status, wide, _ = run("timeline", "--wide")
    assert status == 0 and max(map(len, wide.splitlines())) > 200 and "…" not in wide
    assert len(out.splitlines()) == len(wide.splitlines())


def test_fit_widths_cuts_the_widest_columns_first():
    assert fit_widths([10, 5, 8], [8, 5, 8], 40) == [10, 5, 8]  # fits: unchanged
    fitted = fit_widths([40, 5, 100], [8, 5, 8], 60)
    assert sum(fitted) + 4 == 60 and fitted[1] == 5 and abs(fitted[0] - fitted[2]) <= 1
    assert fit_widths([40, 40], [30, 30], 20) == [30, 30]  # never below the floors
