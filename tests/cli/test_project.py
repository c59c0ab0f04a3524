"""Commands find the project from any folder inside it, or take --root."""

from __future__ import annotations

import shutil

import pytest

from ashraf_kg.cli import main
from ashraf_kg.cli.project import find_root


@pytest.fixture
def project(tmp_path, data_dir):
    """A project folder holding the minimal corpus, not built yet."""
    root = tmp_path / "project"
    shutil.copytree(data_dir / "build" / "minimal" / "corpus", root / "corpus")
    return root


def test_the_root_is_the_nearest_folder_with_a_marker(project):
    assert find_root(project / "corpus" / "doc1") == project.resolve()
    assert find_root(project.parent) is None


def test_build_and_stats_from_a_subfolder_use_the_projects_folders(project, monkeypatch, capsys):
    monkeypatch.chdir(project / "corpus" / "doc1")
    assert main(["build", "--quiet", "--no-validate"]) == 0
    assert (project / "graph" / "ashraf-kg.nq").is_file()
    assert not (project / "corpus" / "doc1" / "graph").exists()
    assert main(["stats", "--top", "1"]) == 0
    assert "doc1" in capsys.readouterr().out


def test_root_option_before_or_after_the_command(project, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["--root", str(project), "build", "--quiet", "--no-validate"]) == 0
    capsys.readouterr()
    assert main(["query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv",
                 "--root", str(project), "--storage", "memory"]) == 0
    assert int(capsys.readouterr().out.splitlines()[1]) > 100


def test_outside_any_project_the_error_says_how_to_point_at_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["stats"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "--root" in err and err.count("\n") == 1


def test_a_root_that_is_not_a_folder_is_an_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path / "nowhere"), "stats"]) == 2
    assert "nowhere: no such folder" in capsys.readouterr().err
