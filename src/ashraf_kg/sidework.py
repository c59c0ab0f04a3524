"""Work done beside the build, in a forked process, while the build goes on.

Two pieces of a build need nothing the build makes after them: the ontology's page (the
ontology alone) and the network page (the built dataset). On Linux each is done by a child
process forked as soon as its input is ready, so that the second core works while this
process validates and writes the dumps. The child writes its file and ends; the parent
waits for it before it describes the files (VoID) and swaps the graph folder in place.

Where forking is not safe — another system than Linux, or other threads running in this
process (a child would inherit a lock one of them holds) — or with
``ASHRAF_KG_SIDEWORK=off``, the work is done in this process when it is waited for:
the same files, without the overlap.

A child's error comes back whole: an :class:`~ashraf_kg.errors.AshrafKGError` is raised
again in the parent with its message, place and hint; any other exception with its type
and the child's traceback as a note. Each child's wall time, CPU time and peak memory
(:class:`SideUsage`, from ``os.wait4``) are kept, so that a benchmark can count them.

>>> with SideWork("page", lambda: write_page(path)) as page:   # doctest: +SKIP
...     write_dumps(dataset, folder)
...     page.wait()
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

from .errors import AshrafKGError


@dataclass(frozen=True)
class SideUsage:
    """What one side process cost: seconds of wall and CPU time, and its peak resident memory
    in MB (pages it shared with its parent at the fork counted too)."""

    name: str
    wall: float
    cpu: float
    peak_mb: float


def can_fork() -> bool:
    """Whether side work runs in a forked process here (see the module's docstring)."""
    return (sys.platform.startswith("linux") and not other_threads_running()
            and os.environ.get("ASHRAF_KG_SIDEWORK", "").lower() != "off")


def other_threads_running() -> bool:
    """Whether a thread besides this one runs in the process (a query left running past
    its timeout, a server, the caller's own)."""
    import threading

    return threading.active_count() > 1


class SideWork:
    """``work()`` (which takes no argument and returns nothing) started now in a forked
    process, or run in this one by :meth:`wait` where forking is not safe.

    Used as a context manager, a child not waited for (the build failed meanwhile) is
    stopped when the block ends.
    """

    def __init__(self, name: str, work, *, yielding: bool = False) -> None:
        """``yielding``: the child runs at a lower priority, on what the processes on the
        build's path leave of the cores (for work needed only at the end)."""
        self.name = name
        self._work, self._pid, self._pipe = work, None, -1
        self._yielding = yielding
        if can_fork():
            self._fork()

    def __enter__(self) -> SideWork:
        return self

    def __exit__(self, *_) -> None:
        self.stop()

    def _fork(self) -> None:
        import gc

        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # Frozen objects are not visited by the collector: the child's collections then
        # leave the pages it shares with this process unwritten.
        gc.freeze()
        self._started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _run_child(self._work, write_end, 10 if self._yielding else 0)  # never returns
        gc.unfreeze()
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def wait(self) -> SideUsage | None:
        """Wait for the work to be done (do it now, if it was not forked); raise its error.
        Returns what the child cost (None when the work ran in this process)."""
        if self._pid is None:
            work, self._work = self._work, None
            if work is not None:
                work()
            return None
        pid, self._pid = self._pid, None
        report = _read_all(self._pipe)
        os.close(self._pipe)
        _, status, rusage = os.wait4(pid, 0)
        if status != 0:
            raise _child_error(self.name, status, report)
        return SideUsage(self.name, time.perf_counter() - self._started,
                         rusage.ru_utime + rusage.ru_stime, rusage.ru_maxrss / 1024)

    def stop(self) -> None:
        """End the child if it is still running (the build stopped before waiting for it)."""
        if self._pid is None:
            return
        import signal

        pid, self._pid = self._pid, None
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(self._pipe)


def _run_child(work, pipe: int, niceness: int) -> None:
    """The child's whole life: do ``work``, send back an error if it raises, and end
    without running anything of the parent's (no ``finally`` blocks up the stack, no
    ``atexit``, no flushing of buffers the parent will flush)."""
    status = 0
    try:
        try:
            if niceness:
                os.nice(niceness)
            work()
        except BaseException as error:  # whatever it is, the parent must hear of it
            status = 1
            _send_error(pipe, error)
    finally:
        os._exit(status)


def _send_error(pipe: int, error: BaseException) -> None:
    import pickle
    import traceback

    trace = "".join(traceback.format_exception(error))
    try:
        data = pickle.dumps((error, trace))
        pickle.loads(data)  # an error that cannot be rebuilt is sent as its text
    except Exception:
        data = pickle.dumps((None, trace))
    with os.fdopen(pipe, "wb") as handle:
        handle.write(data)


def _read_all(pipe: int) -> bytes:
    chunks = []
    while chunk := os.read(pipe, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _child_error(name: str, status: int, report: bytes) -> BaseException:
    import pickle

    if not report:
        ended = (f"was killed by signal {-os.waitstatus_to_exitcode(status)}"
                 if os.WIFSIGNALED(status) else f"ended with status {os.waitstatus_to_exitcode(status)}")
        return AshrafKGError(f"the process making the {name} {ended}",
                             hint="run the build again; if it is killed again, the machine may "
                                  "lack memory (ASHRAF_KG_SIDEWORK=off makes it in one process)")
    error, trace = pickle.loads(report)
    if isinstance(error, AshrafKGError):
        return error
    if error is None:  # it could not be rebuilt here: its text is the trace's last line
        return AshrafKGError(f"the {name} failed: {trace.strip().splitlines()[-1]}",
                             hint="run the build with ASHRAF_KG_SIDEWORK=off to see where")
    error.add_note(f"raised while making the {name}, in a side process:\n{trace}")
    return error
