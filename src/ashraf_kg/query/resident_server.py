"""The resident store's process: the dump in memory, answering on a Unix socket.

Started by :func:`ashraf_kg.query.resident.start_resident_store` as
``python -m ashraf_kg.query.resident_server DUMP FOLDER KEY``. It writes one line of JSON
on its standard output once it answers (or says why it cannot), then serves until asked
to stop or sent SIGTERM. One lock file per dump hash (``flock``, released by the system
when the process ends, however it ends) keeps a second store of the same dump from
starting; the socket left by a process that died is replaced.

The main loop only accepts connections, reads requests and watches the workers: each
query is handed, with its caller's connection, to a worker process forked from this one
(:mod:`.resident_workers`; so the store is shared, not copied), which answers it and
waits for the next; a worker is ended when its query runs past its time-out (plus a
grace) or when its caller goes away, and a new one is forked when none is idle. At most
:data:`MAX_CHILDREN` queries run at once; later ones wait in the socket's backlog.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import struct
import sys
import time
from pathlib import Path

from ..errors import AshrafKGError, QueryError
from .resident_wire import PROTOCOL, read_frame, unix_address
from .resident_workers import Pool, said_done, send_and_close

MAX_CHILDREN = 4  # queries answered at once; later ones wait in the socket's backlog
READ_SECONDS = 5.0  # a request must arrive this soon after connecting
MAX_STAMPS = 64


class Resident:
    """The loaded store and what it answers for: the dump's hash and the stamps of the
    files proved to hold those bytes."""

    def __init__(self, dump: Path, key: str, store, stamp: str) -> None:
        self.dump, self.key, self.store = dump, key, store
        self.stamps = [stamp]
        self.quads = len(store)
        self.started = time.time()
        self.running = True
        self.lock = None  # the open lock file, closed in each worker so the lock dies with this process

    def status(self) -> dict:
        return {"status": "ok", "key": self.key, "pid": os.getpid(), "dump": str(self.dump),
                "quads": self.quads, "started": self.started, "stamps": self.stamps}

    def knows(self, request: dict) -> bool:
        """Whether the request is about this store's bytes (a stamp it proved, or one the
        asking process proved by hashing the file)."""
        if request.get("key") != self.key:
            return False
        stamp = request.get("stamp")
        if stamp in self.stamps:
            return True
        if request.get("hashed") and isinstance(stamp, str):
            self.stamps = [*self.stamps, stamp][-MAX_STAMPS:]
            return True
        return False


def load(dump: Path, key: str) -> Resident:
    """The dump parsed into memory, proved to be the bytes whose SHA-256 is ``key``."""
    from .store import file_stamp, hash_dump, parse_dump

    before = file_stamp(dump)
    if hash_dump(dump) != key:
        raise QueryError("the dump's SHA-256 is not the one void.ttl records (edited since the build?)",
                         where=str(dump), hint="rebuild the graph with `ashraf-kg build`")
    store = parse_dump(dump)
    if file_stamp(dump) != before:
        raise QueryError("the dump changed while it was loaded", where=str(dump),
                         hint="start the resident store again once the build is done")
    return Resident(dump, key, store, before)


def take_lock(folder: Path, key: str):
    """The open lock file of this hash, held until the process ends; QueryError when
    another process holds it."""
    import fcntl

    lock = open(folder / f"{key[:16]}.lock", "a+", encoding="utf-8")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise QueryError("a resident store of this dump is already starting or running",
                         where=str(folder), hint="`ashraf-kg store status` shows it") from None
    lock.truncate(0)
    lock.write(f"{os.getpid()}\n")
    lock.flush()
    return lock


def listen(path: Path) -> socket.socket:
    """A listening Unix socket at ``path``, readable and writable by this user only."""
    if path.exists() or path.is_symlink():
        path.unlink()  # left by a process that died: this one holds the lock now
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    mask = os.umask(0o177)
    try:
        with unix_address(path) as address:
            server.bind(address)
    finally:
        os.umask(mask)
    os.chmod(path, 0o600)
    server.listen(64)
    return server


def serve(resident: Resident, server: socket.socket) -> None:
    """Accept and answer until stopped; end the workers at the end."""
    pool = Pool(resident, server)
    listening = True
    try:
        while resident.running:
            for key, _ in pool.selector.select(pool.next_wait()):
                if key.fileobj is server:
                    _accept(resident, server, pool)
                    continue
                kind, worker = key.data
                if pool.workers.get(worker.pid) is not worker:
                    continue  # ended earlier in this round
                if kind == "control" or said_done(worker):
                    pool.done(worker)
                elif worker.conn is key.fileobj:
                    pool.end(worker)  # the asking process went away: stop its query
            pool.reap()
            if listening != (pool.busy() < MAX_CHILDREN):
                listening = not listening
                (pool.selector.register(server, selectors.EVENT_READ) if listening
                 else pool.selector.unregister(server))
    finally:
        for worker in list(pool.workers.values()):
            pool.end(worker)
        deadline = time.monotonic() + 5
        while pool.dying and time.monotonic() < deadline:
            pool.reap()
            time.sleep(0.01)


def _accept(resident: Resident, server: socket.socket, pool: Pool) -> None:
    conn, _ = server.accept()
    try:
        pid, uid, _ = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                          struct.calcsize("3i")))
        if uid != os.getuid():
            conn.close()
            return
        conn.settimeout(READ_SECONDS)
        request = read_frame(conn)
    except (OSError, EOFError, ValueError, struct.error):
        conn.close()
        return
    reply = _reply_at_once(resident, request)
    if reply is not None:
        send_and_close(conn, reply)
    else:
        conn.settimeout(None)
        pool.dispatch(conn, request)


def _reply_at_once(resident: Resident, request: dict) -> dict | None:
    """The answer to a request that needs no worker (status, stop, a stale or foreign
    request); None for a query to run."""
    if request.get("protocol") != PROTOCOL:
        return {"status": "protocol", "protocol": PROTOCOL}
    op = request.get("op")
    if op == "status":
        return resident.status()
    if op == "stop":
        resident.running = False
        return {"status": "ok"}
    if op != "query":
        return {"status": "failed", "message": f"unknown request {op!r}"}
    return None if resident.knows(request) else {"status": "stale"}


def _stop(_signum, _frame):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    """Load DUMP, listen in FOLDER for the hash KEY, say so on stdout, serve until stopped."""
    dump, folder, key = Path(argv[0]), Path(argv[1]), argv[2]
    path = folder / f"{key[:16]}.sock"
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal's Ctrl-C is not for this process
    try:
        lock = take_lock(folder, key)
        resident = load(dump, key)
        resident.lock = lock
        server = listen(path)
    except AshrafKGError as error:
        _tell({"status": "error", "message": error.message, "where": error.where, "hint": error.hint})
        return 2
    except OSError as error:
        _tell({"status": "error", "message": f"cannot start the resident store: {error}", "where": str(folder)})
        return 2
    identity = path.stat().st_ino
    from . import answer, labels  # noqa: F401  imported once here, not in every child
    _tell({"status": "ok", "pid": os.getpid()})
    try:
        serve(resident, server)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if path.exists() and path.stat().st_ino == identity:
            path.unlink()
        lock.close()
    return 0


def _tell(message: dict) -> None:
    """Write the one line the starting process waits for, then let go of standard output."""
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
