"""Side work: done in a forked process where that is safe, its errors raised in the parent,
its cost counted; done in this process otherwise; and the build's files the same either way."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from ashraf_kg import sidework
from ashraf_kg.errors import AshrafKGError, NetworkError
from ashraf_kg.pipeline import build_graph
from ashraf_kg.sidework import SideWork, can_fork

MINIMAL = Path(__file__).resolve().parent / "data" / "build" / "minimal" / "corpus"


@pytest.fixture
def forking(monkeypatch):
    """Side work forks, even in a test process that another test left a thread in (a query
    abandoned past its timeout): the work here touches nothing that thread holds."""
    if not sys.platform.startswith("linux"):
        pytest.skip("side work forks on Linux only")
    monkeypatch.delenv("ASHRAF_KG_SIDEWORK", raising=False)
    monkeypatch.setattr(sidework, "other_threads_running", lambda: False)


def write_pid(path: Path) -> None:
    """This process's id in ``path``, whole once the file is there (the parent may look at once)."""
    partial = path.with_suffix(".partial")
    partial.write_text(str(os.getpid()), encoding="utf-8")
    os.replace(partial, path)


@pytest.mark.usefixtures("forking")
def test_the_work_is_done_in_another_process_and_its_cost_counted(tmp_path):
    target = tmp_path / "pid"
    with SideWork("pid file", lambda: write_pid(target)) as work:
        usage = work.wait()
    assert int(target.read_text(encoding="utf-8")) != os.getpid()
    assert usage.name == "pid file" and usage.wall > 0 and usage.peak_mb > 1


def test_a_process_running_another_thread_does_not_fork():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, name="another")
    other.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        other.join()


def test_without_forking_the_work_is_done_here_when_waited_for(tmp_path, monkeypatch):
    monkeypatch.setenv("ASHRAF_KG_SIDEWORK", "off")
    target = tmp_path / "pid"
    work = SideWork("pid file", lambda: write_pid(target))
    assert not target.exists()
    assert work.wait() is None
    assert int(target.read_text(encoding="utf-8")) == os.getpid()


def raise_network_error() -> None:
    raise NetworkError("no node to draw", where="graph/ashraf-kg.nq", hint="build a corpus with entities")


@pytest.mark.usefixtures("forking")
def test_a_project_error_in_the_child_is_raised_whole_in_the_parent():
    with pytest.raises(NetworkError) as raised, SideWork("network page", raise_network_error) as work:
        work.wait()
    assert str(raised.value) == str(NetworkError("no node to draw", where="graph/ashraf-kg.nq",
                                                  hint="build a corpus with entities"))


@pytest.mark.usefixtures("forking")
def test_another_error_keeps_its_type_and_the_child_s_traceback():
    def broken() -> None:
        return {}["missing"]

    with pytest.raises(KeyError) as raised, SideWork("network page", broken) as work:
        work.wait()
    notes = "\n".join(getattr(raised.value, "__notes__", []))
    assert "while making the network page" in notes and "broken" in notes


@pytest.mark.usefixtures("forking")
def test_an_error_that_cannot_be_sent_back_is_one_error_with_its_text():
    class Unsendable(Exception):  # a local class: pickle cannot find it again
        pass

    def broken() -> None:
        raise Unsendable("the layout ran out of room")

    with pytest.raises(AshrafKGError, match="the network page failed: .*Unsendable: the layout ran out of room"), \
            SideWork("network page", broken) as work:
        work.wait()


@pytest.mark.usefixtures("forking")
def test_a_child_killed_by_a_signal_is_one_clear_error():
    with pytest.raises(AshrafKGError, match="killed by signal 9") as raised, \
            SideWork("network page", lambda: os.kill(os.getpid(), signal.SIGKILL)) as work:
        work.wait()
    assert "ASHRAF_KG_SIDEWORK=off" in str(raised.value)


@pytest.mark.usefixtures("forking")
def test_a_child_not_waited_for_is_stopped_when_the_block_ends(tmp_path):
    target = tmp_path / "pid"

    def slow() -> None:
        write_pid(target)
        time.sleep(60)

    started = time.perf_counter()
    with pytest.raises(RuntimeError), SideWork("slow page", slow):
        while not target.exists():
            time.sleep(0.01)
        raise RuntimeError("the build failed meanwhile")
    assert time.perf_counter() - started < 30
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(int(target.read_text(encoding="utf-8")), 0)


@pytest.mark.usefixtures("forking")
def test_a_build_writes_the_same_files_with_and_without_side_processes(tmp_path, monkeypatch):
    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", "off")
    beside = build_graph(MINIMAL, tmp_path / "beside")
    monkeypatch.setenv("ASHRAF_KG_SIDEWORK", "off")
    alone = build_graph(MINIMAL, tmp_path / "alone")
    assert [u.name for u in beside.side_work] == ["ontology page", "network page"]
    assert alone.side_work == ()
    names = [p.name for p in beside.files]
    assert names == [p.name for p in alone.files] and "ashraf.html" in names and "ontology.html" in names
    for name in names:
        assert (tmp_path / "beside" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes(), name


@pytest.mark.usefixtures("forking")
def test_a_failing_page_fails_the_build_and_leaves_the_graph_folder_as_it_was(tmp_path, monkeypatch):
    from ashraf_kg.visualise import page

    monkeypatch.setenv("ASHRAF_KG_CACHE_DIR", "off")
    graph = tmp_path / "graph"
    build_graph(MINIMAL, graph, pages=False)
    before = {p.name: p.read_bytes() for p in graph.iterdir()}
    monkeypatch.setattr(page, "write_network_page", lambda *a, **k: raise_network_error())
    with pytest.raises(NetworkError, match="no node to draw"):
        build_graph(MINIMAL, graph)
    assert {p.name: p.read_bytes() for p in graph.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph"]  # no staging folder left behind
