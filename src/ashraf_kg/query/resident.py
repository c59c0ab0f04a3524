"""The resident store: the graph held in memory by a background process that later
``ashraf-kg query`` processes ask, so that a one-shot query neither parses the dump nor
reads the disk cache.

``start_resident_store`` starts the process (:mod:`ashraf_kg.query.resident_server`): it
hashes the dump, refuses it unless the SHA-256 is the one ``void.ttl`` records, parses it
into pyoxigraph's in-memory store, and listens on a Unix domain socket in the cache
folder (``<cache>/resident/<first 16 hex digits of the hash>.sock``, mode 0600; never a
network port), answering only processes of the same user.

A query process finds the socket by the hash ``void.ttl`` records, and sends the dump's
stamp (device, inode, size, modification and change times, as the disk cache checks it,
see :func:`ashraf_kg.query.dump.file_stamp`). The store answers only when its hash is
that one and the stamp is of the very file it hashed and loaded; otherwise the dump was
edited or rebuilt since, and the query process hashes the dump itself: the same bytes
are answered from the store (which then knows the new stamp), other bytes by the
process's own store. So an edited or rebuilt dump is never answered from a stale store.

Each query is answered by a child process forked from the store (sharing its memory), so
a query past ``--timeout``, or one whose caller left, is stopped by ending that child,
and the answer is written by :func:`ashraf_kg.query.answer.answer_query`, the code a
query process runs itself: the output is the same byte for byte.

The messages both sides send are frames (:mod:`.resident_wire`).
"""

from __future__ import annotations

import _socket
import json
import os
import time
from collections import namedtuple

from ..errors import QueryError
from .resident_wire import PROTOCOL, read_exactly, read_frame, send_frame, unix_address  # noqa: F401

# The query path here takes paths as strings and imports neither pathlib nor contextlib
# (nor typing, for annotations): a one-shot query answered by the store spends most of its
# time importing, and pathlib alone was a sixth of it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

GRACE = 5.0  # seconds a query process waits past --timeout before giving up on the store
CONNECT_SECONDS = 2.0


class Unavailable(Exception):
    """No resident store answers here: the caller uses its own store instead."""


class ResidentStore(namedtuple("ResidentStore", "key pid dump quads started socket stamps", defaults=((),))):
    """A running resident store: its dump's SHA-256 (``key``), process (``pid``), ``dump``,
    size (``quads``), start time, ``socket``, and the ``stamps`` of the files proved to hold
    its bytes. (A named tuple, not a dataclass: every query process imports this module,
    and importing dataclasses, with inspect and ast, would add to its start-up.)"""

    __slots__ = ()

    def serves(self, dump: Path) -> bool:
        """Whether this store holds ``dump`` as the file is now (its hash and stamp)."""
        from .dump import file_stamp, recorded_hash

        return recorded_hash(dump) == self.key and file_stamp(dump) in self.stamps


def resident_dir(cache_dir: str | os.PathLike | None = None) -> Path:
    """Folder of the resident stores' sockets, locks and logs: ``resident`` in the cache
    folder. Raises QueryError when ``ASHRAF_KG_CACHE_DIR`` is ``off``: a store needs a
    folder of its own for its socket."""
    from pathlib import Path

    return Path(_resident_folder(cache_dir))


def _resident_folder(cache_dir: str | os.PathLike | None) -> str:
    if cache_dir is not None:
        return os.path.join(cache_dir, "resident")
    from ..places import cache_folder

    root = cache_folder()
    if root is None:
        raise QueryError("no resident store while the cache is off (ASHRAF_KG_CACHE_DIR=off)",
                         where="ASHRAF_KG_CACHE_DIR", hint="unset ASHRAF_KG_CACHE_DIR, or set it to a folder")
    return os.path.join(root, "resident")


def socket_path(key: str, cache_dir: str | os.PathLike | None = None) -> Path:
    """The socket of the resident store of the dump whose SHA-256 is ``key``."""
    from pathlib import Path

    return Path(_socket_file(key, cache_dir))


def _socket_file(key: str, cache_dir: str | os.PathLike | None) -> str:
    return os.path.join(_resident_folder(cache_dir), f"{key[:16]}.sock")


def _connect(path: str | os.PathLike) -> _socket.socket:
    """A connection to the store at ``path``; Unavailable when none listens there or the
    socket is not this user's."""
    try:
        if os.stat(path).st_uid != os.getuid():
            raise Unavailable(f"{path} belongs to another user")
        conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    except OSError as error:
        raise Unavailable(str(error)) from None
    conn.settimeout(CONNECT_SECONDS)
    try:
        with unix_address(path) as address:
            conn.connect(address)
    except OSError as error:
        conn.close()
        raise Unavailable(str(error)) from None
    return conn


def _ask(path: str | os.PathLike, request: dict, *, wait: float | None) -> tuple[dict, bytes]:
    """Send ``request`` to the store at ``path``; its answer's message and text.

    Unavailable when nothing answers before the request is sent; once it is, a failure is
    a QueryError (a query is never run twice). ``wait`` bounds the wait for the answer.
    """
    conn = _connect(path)
    try:
        try:
            send_frame(conn, request)
        except OSError as error:
            raise Unavailable(str(error)) from None
        conn.settimeout(wait)
        try:
            message = read_frame(conn)
            body = read_exactly(conn, int(message.get("length", 0)))
        except TimeoutError:
            raise
        except (OSError, EOFError, ValueError) as error:
            raise QueryError(f"the resident store at {path} stopped without an answer"
                             f"{f' ({error})' if str(error) else ''}",
                             hint="see `ashraf-kg store status`; `ashraf-kg store stop` stops "
                                  "it, --storage disk bypasses it") from None
    finally:
        conn.close()
    return message, body


def ask_resident(graph_dir: str | os.PathLike | None, named, *,
                 params: Mapping[str, str] | None = None, fmt: str = "table", ids: bool = False,
                 width: int | None = None, timeout: float | None = None,
                 allow_service: bool = False, max_rows: int | None = None,
                 cache_dir: str | os.PathLike | None = None, encoded: bool = False) -> str | bytes | None:
    """The answer to ``named`` (a NamedQuery) as text, from the resident store of the dump in
    ``graph_dir``, exactly as :func:`ashraf_kg.query.answer.answer_query` writes it (with
    ``encoded``, that text's UTF-8 bytes as the store sent them); None when no resident
    store holds this dump (the caller then answers by itself).

    Errors of the query (syntax, time-out, unknown parameter, too many rows) are raised as
    QueryError, the same as in the caller's own process.
    """
    from .dump import file_stamp, hash_dump, locate_dump, recorded_hash

    try:
        dump = locate_dump(graph_dir)
    except QueryError:
        return None  # the caller's own path says what is missing
    key = recorded_hash(dump)
    if key is None or any(not isinstance(v, str) for v in (params or {}).values()):
        return None
    try:
        path = _socket_file(key, cache_dir)
    except QueryError:
        return None  # the cache is off: no store can be running
    if not os.path.exists(path):
        return None
    request = {"op": "query", "protocol": PROTOCOL, "key": key, "hashed": False,
               "query": {"name": named.name, "text": named.text, "source": named.source},
               "params": dict(params or {}), "fmt": fmt, "ids": ids, "width": width,
               "timeout": timeout, "allow_service": allow_service, "max_rows": max_rows}
    stamp = file_stamp(dump)
    for hashed in (False, True):
        if hashed and (hash_dump(dump) != key or file_stamp(dump) != stamp):
            return None  # edited since void.ttl was written (or now): not the store's bytes
        message = _query(path, dict(request, hashed=hashed, stamp=stamp), named, timeout)
        if message is None:
            return None
        if message[0].get("status") != "stale":
            return _read_answer(*message, encoded=encoded)
    return None


def _query(path: str, request: dict, named, timeout: float | None) -> tuple[dict, bytes] | None:
    try:
        return _ask(path, request, wait=None if timeout is None else timeout + GRACE)
    except Unavailable:
        return None
    except TimeoutError:
        from .execute import timeout_error

        raise timeout_error(named, timeout) from None


def _read_answer(message: dict, body: bytes, *, encoded: bool) -> str | bytes | None:
    status = message.get("status")
    if status == "ok":
        return body if encoded else body.decode("utf-8", "surrogatepass")
    if status == "error":
        raise QueryError(message.get("message", "the query failed"), where=message.get("where"),
                         hint=message.get("hint"))
    if status == "protocol":
        return None  # a store of another version of the package: answer without it
    raise QueryError(f"the resident store failed on this query: {message.get('message', status)}",
                     hint="`ashraf-kg store stop` stops it; --storage disk bypasses it")


# --- starting, stopping, asking how it is -------------------------------------------------

def find_resident_stores(cache_dir: str | os.PathLike | None = None) -> list[ResidentStore]:
    """Every resident store that answers, of any dump (a socket no process holds is skipped)."""
    try:
        folder = resident_dir(cache_dir)
    except QueryError:
        return []  # the cache is off: no store can be running
    found = []
    for path in sorted(folder.glob("*.sock")) if folder.is_dir() else ():
        store = _status_of(path)
        if store is not None:
            found.append(store)
    return found


def _status_of(path: Path) -> ResidentStore | None:
    try:
        message, _ = _ask(path, {"op": "status", "protocol": PROTOCOL}, wait=CONNECT_SECONDS)
    except (Unavailable, QueryError, TimeoutError):
        return None
    if message.get("status") != "ok":
        return None
    return ResidentStore(message["key"], message["pid"], message["dump"], message["quads"],
                         message["started"], path, tuple(message["stamps"]))


def resident_store_status(graph_dir: str | os.PathLike | None = None, *,
                          cache_dir: str | os.PathLike | None = None) -> ResidentStore | None:
    """The resident store of the dump in ``graph_dir`` as ``void.ttl`` records it, if one
    runs (whether it holds the file as it is now: :meth:`ResidentStore.serves`)."""
    from .dump import find_dump, recorded_hash

    key = recorded_hash(find_dump(graph_dir))
    return _status_of(socket_path(key, cache_dir)) if key else None


def start_resident_store(graph_dir: str | os.PathLike | None = None, *,
                         cache_dir: str | os.PathLike | None = None) -> ResidentStore:
    """Start the resident store of the dump in ``graph_dir`` (default ``graph/``) in the
    background, and return once it answers (at 1M triples, after some seconds of loading).

    A store already holding this very dump is returned as it is. Raises QueryError when
    ``void.ttl`` records no SHA-256 for the dump, or another, or the store cannot start.

    >>> start_resident_store("graph")  # doctest: +SKIP
    ResidentStore(key='3f1c…', pid=4242, dump='/…/graph/ashraf-kg.nq', quads=13815, …)
    """
    import subprocess
    import sys

    from .dump import find_dump, recorded_hash

    dump = find_dump(graph_dir)
    key = recorded_hash(dump)
    if key is None:
        raise QueryError("void.ttl records no SHA-256 for the dump", where=str(dump.with_name("void.ttl")),
                         hint="rebuild the graph with `ashraf-kg build`")
    running = _status_of(socket_path(key, cache_dir))
    if running is not None and running.serves(dump):
        return running
    if running is not None:
        stop_resident_store(graph_dir, cache_dir=cache_dir)  # the same hash, an older file
    folder = resident_dir(cache_dir)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # made before by another means: this user's alone all the same
        log = open(folder / f"{key[:16]}.log", "ab")
    except OSError as error:
        raise QueryError(f"cannot write the resident store's folder: {error.strerror or error}",
                         where=str(folder), hint="set ASHRAF_KG_CACHE_DIR to a writable folder") from None
    package = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package, os.environ.get("PYTHONPATH")]))}
    with log:
        process = subprocess.Popen(
            [sys.executable, "-m", "ashraf_kg.query.resident_server", str(dump.resolve()), str(folder), key],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, env=env, start_new_session=True)
    with process.stdout:
        line = process.stdout.readline()  # the server's one line: ready, or why not
    return _started(line, process, folder / f"{key[:16]}.log", key, cache_dir)


def _started(line: bytes, process, log: Path, key: str, cache_dir) -> ResidentStore:
    try:
        message = json.loads(line)
    except ValueError:
        process.wait(10)
        raise QueryError("the resident store stopped while starting", where=str(log),
                         hint="the log says why") from None
    if message.get("status") != "ok":
        process.wait(10)
        raise QueryError(message.get("message", "the resident store did not start"),
                         where=message.get("where"), hint=message.get("hint"))
    store = _status_of(socket_path(key, cache_dir))
    if store is None:
        raise QueryError("the resident store started but does not answer", where=str(log),
                         hint="the log says why")
    return store


def stop_resident_store(graph_dir: str | os.PathLike | None = None, *,
                        cache_dir: str | os.PathLike | None = None,
                        every: bool = False) -> list[ResidentStore]:
    """Stop the resident store of the dump in ``graph_dir`` (or ``every`` one) and wait
    until it has ended; the stores that were stopped (none when none ran)."""
    stores = find_resident_stores(cache_dir) if every else [resident_store_status(graph_dir, cache_dir=cache_dir)]
    stopped = []
    for store in filter(None, stores):
        try:
            _ask(store.socket, {"op": "stop", "protocol": PROTOCOL}, wait=CONNECT_SECONDS)
        except (Unavailable, QueryError, TimeoutError):
            continue  # it ended meanwhile
        _wait_gone(store)
        stopped.append(store)
    return stopped


def _wait_gone(store: ResidentStore, seconds: float = 10.0) -> None:
    """Wait until the store's process has ended (its socket gone, or no longer answering)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (store.socket.exists() or not _reaped(store.pid)):
        time.sleep(0.02)
    if store.socket.exists():
        raise QueryError(f"the resident store (process {store.pid}) did not stop within {seconds:g} s",
                         where=str(store.socket), hint=f"end process {store.pid}")


def _reaped(pid: int) -> bool:
    """Whether ``pid`` is gone, reaping it when it is a child of this process (a program
    that started the store and stops it again leaves no zombie)."""
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:
        return True  # not this process's child: its parent reaps it
