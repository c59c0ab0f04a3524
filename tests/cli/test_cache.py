"""``ashraf-kg cache``: info lists each kind, clear removes them; both say when it is off."""

from __future__ import annotations

from pathlib import Path

import pytest

from ashraf_kg.cli import main


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    for name, data in (("dumps/a.ttl", b"x" * 2000), ("dumps/a.trig", b"x" * 500), ("shacl/u1", b""),
                       ("resident/abc.sock", b"")):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", str(folder))
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["cache", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_info_lists_the_folder_and_each_kind(root, capsys):
    code, out, _ = run(capsys, "info")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Cache folder: {root} (2.5 kB)"
    assert lines[1].split() == ["dumps", "1", "entries", "2.5", "kB"]
    assert [line.split()[0] for line in lines[1:]] == ["dumps", "resident", "shacl"]


def test_clear_removes_the_kinds_named(root, capsys):
    code, out, _ = run(capsys, "clear", "dumps")
    assert code == 0 and out == f"Cleared {root}: dumps (2.5 kB).\n"
    assert sorted(path.name for path in root.iterdir()) == ["resident", "shacl"]


def test_clear_without_kinds_leaves_only_the_resident_sockets(root, capsys):
    assert run(capsys, "clear")[0] == 0
    assert [path.name for path in root.iterdir()] == ["resident"]
    assert (root / "resident" / "abc.sock").exists()


def test_clear_of_an_unknown_kind_is_an_error_naming_the_folder(root, capsys):
    code, out, err = run(capsys, "clear", "dump")
    assert code == 2 and out == ""
    assert err.startswith(f"Error: {root}: no cache kind 'dump'") and "cache info" in err
    assert (root / "dumps" / "a.ttl").exists()


@pytest.mark.parametrize("action", ["info", "clear"])
def test_off_says_there_is_no_cache(tmp_path, monkeypatch, capsys, action):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    assert run(capsys, action) == (0, "No cache: ASHRAF_KG_CACHE_DIR is off.\n", "")
    assert list(tmp_path.iterdir()) == []
