"""The command line: every command has --help; it works from any folder."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ashraf_kg.cli import COMMANDS, make_parser
from ashraf_kg.cli.commands import chosen_command
from ashraf_kg.cli.values import UsageError


def command_names() -> list[str]:
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_is_registered_once():
    names = command_names()
    assert len(names) == len(COMMANDS) and len(set(names)) == len(names)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        make_parser().parse_args([name, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: ashraf-kg {name}")


@pytest.mark.parametrize("argv", [
    ["query", "list_sub_events", "--format", "csv", "--param", "event=x", "--ids"],
    ["--root", "somewhere", "query", "-e", "ASK {}", "--root", "elsewhere"],
    ["--root=somewhere", "stats", "--top", "3"],
    ["cache", "clear", "dumps"],
    ["export-network", "--format", "graphml", "--output", "net.graphml"],
])
def test_a_command_s_own_parser_reads_its_arguments_as_the_whole_parser_does(argv):
    command = chosen_command(argv)
    assert command in COMMANDS and command in argv
    assert vars(make_parser(command).parse_args(argv)) == vars(make_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["query", "--format", "yaml"],
    ["query", "list_sub_events", "--no-such-option"],
    ["stats", "--top", "ten"],
    ["cache", "empty"],
])
def test_a_command_s_own_parser_refuses_what_the_whole_parser_refuses(argv):
    with pytest.raises(UsageError) as alone:
        make_parser(chosen_command(argv)).parse_args(argv)
    with pytest.raises(UsageError) as whole:
        make_parser().parse_args(argv)
    assert str(alone.value) == str(whole.value)


@pytest.mark.parametrize("argv", [[], ["--help", "query"], ["--version"], ["--ro", ".", "query"],
                                  ["--root"], ["-q", "query"], ["querry"], ["list_timeline"]])
def test_the_whole_parser_reads_what_may_not_name_a_command_first(argv):
    assert chosen_command(argv) is None


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--root", ".", "--help"]])
def test_top_level_help_is_the_same_without_the_commands_options(argv, capsys):
    helps = []
    for options in (True, False):
        with pytest.raises(SystemExit):
            make_parser(options=options).parse_args(argv)
        helps.append(capsys.readouterr().out)
    assert helps[0] == helps[1] and "export-network" in helps[1]


@pytest.mark.parametrize("argv", [[], ["querry"], ["--root"], ["--no-such-option"]])
def test_a_command_line_naming_no_command_is_refused_alike_without_the_commands_options(argv):
    refusals = []
    for options in (True, False):
        with pytest.raises(UsageError) as refused:
            make_parser(options=options).parse_args(argv)
        refusals.append(str(refused.value))
    assert refusals[0] == refusals[1]


def test_top_level_help_imports_no_command_s_module():
    code = ("import sys\nfrom ashraf_kg.cli import main\ntry:\n    main(['--help'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('ashraf_kg.cli.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = result.stdout.splitlines()[-1]
    assert "ashraf_kg.cli.commands" in loaded
    assert not any(f"ashraf_kg.cli.{module}'" in loaded for module in ("corpus", "sparql", "network", "store", "cache"))


def test_build_works_outside_the_repository(tmp_path, corpus_dir):
    result = subprocess.run(
        [sys.executable, "-m", "ashraf_kg.cli", "build", "--corpus-dir", str(corpus_dir),
         "--graph-dir", "out", "--quiet"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "ashraf-kg.nq").stat().st_size > 0
    assert result.stdout.startswith("Built ")


def test_missing_corpus_is_one_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ashraf_kg.cli", "build", "--corpus-dir",
                             "nowhere", "--graph-dir", "out"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert "registry.yaml" in result.stderr or "nowhere" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv,words", [
    (["stats", "--top", "-1"], "top must be 0 or more, not -1"),
    (["path", "Suleimani", "Camp Ashraf", "--k", "0"], "k must be 1 or more, not 0"),
    (["path", "Suleimani", "Camp Ashraf", "--k", "-2"], "k must be 1 or more, not -2"),
    (["viz", "--threshold", "-5"], "threshold must be 0 or more, not -5"),
])
def test_a_negative_count_is_one_clear_error(capsys, graph_dir, tmp_path, argv, words):
    from ashraf_kg.cli import main

    extra = ["--output", str(tmp_path / "page.html")] if argv[0] == "viz" else []
    code = main([*argv, "--graph-dir", str(graph_dir), *extra])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and list(tmp_path.iterdir()) == []
    assert captured.err.startswith("Error: ") and words in captured.err and captured.err.count("\n") == 1


def test_a_bad_option_is_one_error_line_pointing_at_help(capsys):
    from ashraf_kg.cli import main

    assert main(["stats", "--top", "ten"]) == 2
    err = capsys.readouterr().err
    assert err == "Error: argument --top: invalid int value: 'ten' (see `ashraf-kg stats --help`)\n"


def test_an_error_message_is_printed_on_one_line_whatever_it_holds():
    from ashraf_kg.cli.terminal import one_line

    assert one_line("first\nsecond \ud800") == "first second \\ud800"


@pytest.mark.parametrize("columns", [None, "100", "0", "wide"])
def test_help_is_as_wide_as_argparse_would_make_it(monkeypatch, columns):
    import shutil

    from ashraf_kg.cli.values import help_width

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert help_width() == shutil.get_terminal_size().columns - 2


@pytest.mark.parametrize("text", ["a,b\r\n\"x, y\",z\r\n", "Camp Ashraf — «اشرف» ‘quoted’\n", "한국어\n", ""])
def test_an_answer_s_bytes_are_written_as_the_text_stream_writes_its_text(capsysbinary, text):
    from ashraf_kg.cli.quick import write_utf8

    sys.stdout.write(text)
    sys.stdout.flush()
    expected = capsysbinary.readouterr().out
    write_utf8(text.encode("utf-8"))
    sys.stdout.flush()
    assert capsysbinary.readouterr().out == expected == text.encode("utf-8")
