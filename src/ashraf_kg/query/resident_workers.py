"""The resident store's workers: processes forked from it that answer its queries.

Each query is handed by :class:`Pool`, with its caller's connection, to a worker forked
from the store's process (so the store is shared, not copied), which answers it on that
connection, says "done" on its control socket and waits for the next. At most
:data:`MAX_IDLE` workers are kept waiting; the store's main loop
(:mod:`ashraf_kg.query.resident_server`) ends a worker whose query runs past its time-out
(plus a grace) or whose caller goes away.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import struct
import time
from typing import TYPE_CHECKING

from ..errors import AshrafKGError
from .resident import GRACE
from .resident_wire import read_exactly, send_frame

if TYPE_CHECKING:
    from .resident_server import Resident

MAX_IDLE = 2  # workers kept waiting for the next query (each holds the pages it copied)


class Worker:
    """A process forked from the store that answers one query at a time, and is kept for
    the next: a fork costs tens of milliseconds at a million triples, and a new process
    first pays for copying the pages a query touches."""

    def __init__(self, pid: int, control: socket.socket) -> None:
        self.pid, self.control = pid, control
        self.conn: socket.socket | None = None  # the asking process's connection, while busy
        self.deadline: float | None = None


class Pool:
    """The store's workers, and what the main loop watches: the listening socket, each
    worker's control socket ("done", or its end) and each busy worker's caller."""

    def __init__(self, resident: Resident, server: socket.socket) -> None:
        self.resident, self.server = resident, server
        self.workers: dict[int, Worker] = {}
        self.idle: list[Worker] = []
        self.dying: set[int] = set()
        self.selector = selectors.DefaultSelector()
        self.selector.register(server, selectors.EVENT_READ)

    def busy(self) -> int:
        return len(self.workers) - len(self.idle)

    def dispatch(self, conn: socket.socket, request: dict) -> None:
        """Hand a query and its caller's connection to an idle worker (a new one if none)."""
        worker = self.idle.pop() if self.idle else self._fork()
        data = json.dumps(request).encode("utf-8")
        try:
            socket.send_fds(worker.control, [struct.pack(">I", len(data))], [conn.fileno()])
            worker.control.sendall(data)
        except OSError:
            self.end(worker)
            send_and_close(conn, {"status": "failed", "message": "a worker of the store ended"})
            return
        timeout = request.get("timeout")
        worker.conn = conn
        worker.deadline = time.monotonic() + timeout + GRACE if isinstance(timeout, (int, float)) else None
        self.selector.register(conn, selectors.EVENT_READ, data=("caller", worker))

    def _fork(self) -> Worker:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:
            mine.close()
            self._close_inherited()
            _work(self.resident, theirs)  # never returns
        theirs.close()
        worker = self.workers[pid] = Worker(pid, mine)
        self.selector.register(mine, selectors.EVENT_READ, data=("control", worker))
        return worker

    def _close_inherited(self) -> None:
        """In a new worker: let go of what belongs to the store and the other workers, so
        that a caller's connection ends when its own worker does."""
        self.server.close()
        if self.resident.lock is not None:
            self.resident.lock.close()
        for other in self.workers.values():
            other.control.close()
            if other.conn is not None:
                other.conn.close()

    def done(self, worker: Worker) -> None:
        """A worker answered (or ended: its control socket closed)."""
        try:
            alive = worker.control.recv(1, socket.MSG_DONTWAIT) == b"d"
        except BlockingIOError:
            return  # its "done" was read already, through its caller's end
        except OSError:
            alive = False
        if not alive or len(self.idle) >= MAX_IDLE:
            self.end(worker)
            return
        self._release(worker)
        self.idle.append(worker)

    def _release(self, worker: Worker) -> None:
        if worker.conn is not None:
            self.selector.unregister(worker.conn)
            worker.conn.close()
            worker.conn, worker.deadline = None, None

    def end(self, worker: Worker) -> None:
        """End a worker (its query past its time, its caller gone, or one idle too many)."""
        self._release(worker)
        if worker in self.idle:
            self.idle.remove(worker)
        self.selector.unregister(worker.control)
        worker.control.close()
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        del self.workers[worker.pid]
        self.dying.add(worker.pid)

    def reap(self) -> None:
        now = time.monotonic()
        for worker in list(self.workers.values()):
            if worker.deadline is not None and now > worker.deadline:
                self.end(worker)
        for pid in list(self.dying):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    self.dying.discard(pid)
            except ChildProcessError:
                self.dying.discard(pid)

    def next_wait(self) -> float:
        deadlines = [w.deadline for w in self.workers.values() if w.deadline is not None]
        return max(0.0, min([time.monotonic() + 1.0, *deadlines]) - time.monotonic())


def said_done(worker: Worker) -> bool:
    """Whether the worker has answered (its caller may close first, having read it all)."""
    try:
        return worker.control.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"d"
    except OSError:
        return False


def send_and_close(conn: socket.socket, reply: dict, body: bytes = b"") -> None:
    """Send the reply (and its body) to the asking process, and close its connection."""
    try:
        send_frame(conn, {**reply, "length": len(body)}, body)
    except OSError:
        pass  # the asking process left
    finally:
        conn.close()


def _work(resident: Resident, control: socket.socket):
    """A worker's life: answer each query handed over ``control`` on the connection that
    comes with it, say "done", wait for the next; end when the store lets go of it, or
    after a query that left a thread running (one past its time-out). Never returns."""
    import threading

    status = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        while True:
            head, fds, _, _ = socket.recv_fds(control, 4, 1)
            if not head or not fds:
                break
            head += read_exactly(control, 4 - len(head)) if len(head) < 4 else b""
            request = json.loads(read_exactly(control, struct.unpack(">I", head)[0]))
            reply, body = _run(resident, request)
            send_and_close(socket.socket(fileno=fds[0]), reply, body)
            if threading.active_count() > 1:
                break  # a query still runs in an abandoned thread: end with it
            control.sendall(b"d")
    except BaseException:  # noqa: BLE001 - nothing may escape a forked worker
        status = 1
    finally:
        os._exit(status)


def _run(resident: Resident, request: dict) -> tuple[dict, bytes]:
    from .answer import answer_query
    from .run import parse_query

    try:
        spec = request["query"]
        named = parse_query(spec["text"], name=spec["name"], source=spec["source"])
        text = answer_query(named, params=request.get("params"), fmt=request.get("fmt", "table"),
                            ids=bool(request.get("ids")), width=request.get("width"),
                            timeout=request.get("timeout"), allow_service=bool(request.get("allow_service")),
                            max_rows=request.get("max_rows"), store=resident.store)
    except AshrafKGError as error:
        return {"status": "error", "message": error.message, "where": error.where, "hint": error.hint}, b""
    except Exception as error:  # noqa: BLE001 - told to the asking process, which says it
        return {"status": "failed", "message": f"{type(error).__name__}: {error}"}, b""
    return {"status": "ok"}, text.encode("utf-8", "surrogatepass")
