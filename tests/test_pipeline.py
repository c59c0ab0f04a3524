"""The whole build: it replaces only a folder it may replace, and nothing else on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ashraf_kg.cli import main

MINIMAL = Path(__file__).resolve().parent / "data" / "build" / "minimal" / "corpus"


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for a folder)."""
    return {str(p.relative_to(root)): (None if p.is_dir() else p.read_bytes())
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A folder laid out like the project's checkout: .git, corpus/, graph/, README."""
    root = tmp_path / "checkout"
    shutil.copytree(MINIMAL, root / "corpus")
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "README.md").write_text("# notes\n")
    assert main(["build", "-q", "--corpus-dir", str(root / "corpus"),
                 "--graph-dir", str(root / "graph")]) == 0
    return root


def build(capsys, corpus: Path, graph_dir: Path) -> tuple[int, str, str]:
    capsys.readouterr()  # what the fixture's build printed
    code = main(["build", "-q", "--corpus-dir", str(corpus), "--graph-dir", str(graph_dir)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("target,holds", [
    (".", ".git"),               # the whole checkout
    ("corpus", "registry.yaml"),  # the corpus itself
    (".git", "HEAD"),
    ("README.md", "is a file"),  # a regular file
])
def test_build_refuses_a_graph_dir_it_did_not_make(capsys, checkout, target, holds):
    before = snapshot(checkout.parent)
    code, out, err = build(capsys, checkout / "corpus", checkout / target)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and holds in lines[0], err
    assert snapshot(checkout.parent) == before


def test_build_refuses_a_folder_holding_other_files(capsys, checkout):
    (checkout / "graph" / "notes.txt").write_text("mine\n")
    before = snapshot(checkout.parent)
    code, _, err = build(capsys, checkout / "corpus", checkout / "graph")
    assert code == 2 and "notes.txt" in err
    assert snapshot(checkout.parent) == before


@pytest.mark.parametrize("state", ["missing", "empty", "built"])
def test_build_replaces_a_new_empty_or_earlier_graph_dir(capsys, checkout, state):
    target = checkout / {"missing": "new", "empty": "empty", "built": "graph"}[state]
    if state == "empty":
        target.mkdir()
    code, out, err = build(capsys, checkout / "corpus", target)
    assert code == 0 and err == "" and out.startswith("Built ")
    assert (target / "ashraf-kg.nq").is_file()


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_build_output_has_the_modes_the_umask_gives(tmp_path, umask):
    import os
    import stat

    previous = os.umask(umask)
    try:
        assert main(["build", "-q", "--corpus-dir", str(MINIMAL), "--graph-dir", str(tmp_path / "graph")]) == 0
    finally:
        os.umask(previous)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "graph").iterdir()}
    assert stat.S_IMODE((tmp_path / "graph").stat().st_mode) == 0o777 & ~umask
    assert set(modes.values()) == {0o666 & ~umask}, modes
