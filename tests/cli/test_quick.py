"""The quick path's reading of a command line: the common form of a one-shot query is
read as argparse reads it, and every other command line is left to the full command."""

from __future__ import annotations

import pytest

from ashraf_kg.cli import make_parser
from ashraf_kg.cli.project import resolve_project_paths
from ashraf_kg.cli.quick import project_graph_dir, read_command_line


@pytest.mark.parametrize("argv", [
    ["query", "list_timeline"],
    ["query", "list_timeline", "--format", "csv"],
    ["query", "--format=json", "list_relations_of", "--param", "entity=Suleimani"],
    ["query", "list_relations_of", "--param=entity=Qods Force", "--ids", "--format", "markdown"],
    ["query", "list_sub_events", "--param", "event=a=b", "--param", " event =c", "--format", "tsv"],
    ["query", "list_documents", "--graph-dir", "elsewhere/graph"],
    ["--root", "project", "query", "list_documents", "--format", "csv"],
    ["--root=project", "query", "list_documents", "--root", "other"],
])
def test_the_common_form_is_read_as_argparse_reads_it(argv):
    options = read_command_line(argv)
    args = make_parser("query").parse_args(argv)
    assert options is not None
    assert (options["name"], options["fmt"], options["ids"], options["graph_dir"], options["root"]) == (
        args.query, args.format, args.ids, args.graph_dir, args.root)
    assert options["params"] == dict((n.strip(), v) for n, _, v in (p.partition("=") for p in args.param))


@pytest.mark.parametrize("argv", [
    ["queries"],
    ["build", "list_timeline"],
    ["query"],
    ["query", "list_timeline", "--wide"],
    ["query", "list_timeline", "--storage", "disk"],
    ["query", "-e", "SELECT * WHERE { ?s ?p ?o }"],
    ["query", "list_timeline", "--form", "csv"],  # an abbreviation argparse would accept
    ["query", "list_timeline", "--format", "yaml"],
    ["query", "list_timeline", "--format"],
    ["query", "list_relations_of", "--param", "entity"],
    ["query", "list_relations_of", "--param", "=Suleimani"],
    ["query", "list_timeline", "list_documents"],
    ["query", "list_timeline", "--graph-dir", "-x"],
    ["query", "list_timeline", "--", "x"],
    ["--root", "query", "list_timeline"],
    ["--version"],
])
def test_any_other_command_line_is_left_to_the_full_command(argv):
    assert read_command_line(argv) is None


@pytest.mark.parametrize("where, extra", [
    ("project/corpus/doc1", []),
    ("project", []),
    ("project", ["--graph-dir", "mine"]),
    ("project/corpus", ["--root", "../../project"]),
    ("elsewhere", ["--root", "../project"]),
])
def test_the_graph_folder_is_the_one_the_full_command_finds(tmp_path, monkeypatch, where, extra):
    (tmp_path / "project" / "graph").mkdir(parents=True)
    (tmp_path / "project" / "graph" / "ashraf-kg.nq").write_text("")
    (tmp_path / "project" / "corpus" / "doc1").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / where)
    argv = ["query", "list_timeline", *extra]
    args = make_parser("query").parse_args(argv)
    resolve_project_paths(args)
    options = read_command_line(argv)
    assert project_graph_dir(options["graph_dir"], options["root"]) == str(args.graph_dir)


def test_a_root_that_is_no_folder_is_left_to_the_full_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert project_graph_dir(None, "no-such-folder") is None
