"""Start and stop real SPARQL servers on this machine: Oxigraph server here, Virtuoso in
:mod:`ashraf_kg.query.virtuoso`.

Oxigraph server is the ``oxigraph`` binary of the ``oxigraph`` package on PyPI; Virtuoso
Open Source is ``/usr/bin/virtuoso-t`` from Debian's ``virtuoso-opensource``. Each server
gets a private data folder and ports on the loopback interface, and is stopped by its
process id::

    with start_oxigraph("/tmp/ox", graph_file="graph/ashraf-kg.nq") as server:
        print(server.query_url)        # http://127.0.0.1:<port>/query
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ServerError

_OXIGRAPH_HINT = "install it with: pip install oxigraph==0.5.13"
_VIRTUOSO_HINT = ("install it with: sudo apt-get install virtuoso-opensource "
                  "(or run scripts/install-system-deps.sh)")


@dataclass
class ServerHandle:
    """A running server: its process, URLs and (for Virtuoso) the dba credentials."""

    name: str
    process: subprocess.Popen = field(repr=False)
    query_url: str
    update_url: str | None
    gsp_url: str | None
    data_dir: Path
    log_file: Path
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "digest"
    sql_port: int | None = None
    restarting: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    def is_running(self) -> bool:
        return self.process.poll() is None

    def wait(self) -> None:
        """Block while the server runs; a server that exits by itself is an error (one
        stopped to be restarted is not)."""
        while True:
            process = self.process
            status = process.wait()
            if process is self.process and not self.restarting.is_set():
                break
            time.sleep(0.1)
        raise ServerError(f"the {self.name} server stopped by itself (exit status {status}): "
                          f"{_log_tail(self.log_file)}", where=str(self.log_file))

    def stop(self, *, timeout: float = 30.0) -> None:
        """Stop the server by its process id: SIGTERM, then SIGKILL after ``timeout`` s."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


def find_free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on now (the OS picks it when binding to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def check_port(port: int | None) -> int:
    """``port`` (0 for None) if it is a TCP port number, else a ServerError."""
    if port is not None and not 0 <= port <= 65535:
        raise ServerError(f"{port} is not a port number", hint="give a port between 1 and "
                                                               "65535, or 0 to pick a free one")
    return port or 0


def _claim_port(host: str, port: int | None) -> int:
    if not check_port(port):
        return find_free_port(host)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As the servers themselves do: a port whose last connections are still closing
        # (TIME_WAIT, for a minute after a stop) is free to listen on.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            raise ServerError(f"cannot listen on {host}:{port}: {error.strerror}",
                              hint="another program listens on that port: stop it, or choose "
                                   "another port (0 picks a free one)") from None
    return port


def find_binary(name: str, binary: str | os.PathLike | None = None) -> Path:
    """Path of a server binary: ``binary`` if given, else next to Python, else on PATH."""
    hint = _OXIGRAPH_HINT if name == "oxigraph" else _VIRTUOSO_HINT
    if binary is not None:
        path = Path(binary)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ServerError(f"the {name} binary {path} does not exist or is not executable",
                          hint=hint)
    beside_python = Path(sys.executable).parent / name
    if beside_python.is_file():
        return beside_python
    found = shutil.which(name) or (shutil.which("virtuoso-t", path="/usr/bin")
                                   if name == "virtuoso-t" else None)
    if not found:
        raise ServerError(f"cannot find the {name} binary", hint=hint)
    return Path(found)


def _wait_until_ready(process: subprocess.Popen, url: str, log_file: Path, name: str,
                      deadline: float) -> None:
    probe = f"{url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"{name} exited with status {process.returncode} while "
                              f"starting: {_log_tail(log_file)}", where=str(log_file))
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    _kill(process)
    raise ServerError(f"{name} did not answer on {url} in time: {_log_tail(log_file)}",
                      where=str(log_file), hint="see the log, or raise the start timeout")


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)


def _log_tail(log_file: Path, lines: int = 3) -> str:
    try:
        text = log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(line.strip() for line in text[-lines:]) or "(empty log)"


def _spawn(command: list[str], log_file: Path, cwd: Path | None = None) -> subprocess.Popen:
    # A session of its own: Ctrl-C reaches only the caller, which stops the server in order.
    with open(log_file, "ab") as log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=cwd, start_new_session=True,
                                preexec_fn=_die_with_parent)


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, get SIGTERM when the starting process dies,
    so that a killed caller never leaves a server behind."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# --- Oxigraph ---------------------------------------------------------------------------

def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_oxigraph_store(data_dir: str | os.PathLike, graph_file: str | os.PathLike, *,
                        binary: str | os.PathLike | None = None) -> Path:
    """Load an RDF dump (N-Quads, TriG, …) into the Oxigraph store under ``data_dir/store``.

    Named graphs are kept. A store already loaded from the same bytes is reused; one
    loaded from other bytes is replaced. Returns the store folder.
    """
    data_dir, graph_file = Path(data_dir), Path(graph_file)
    if not graph_file.is_file():
        raise ServerError(f"the graph file {graph_file} does not exist",
                          hint="run `ashraf-kg build` first, or pass the folder that holds "
                               "ashraf-kg.nq")
    store, stamp = data_dir / "store", data_dir / "store.sha256"
    digest = _file_digest(graph_file)
    if store.is_dir() and stamp.is_file() and stamp.read_text().strip() == digest:
        return store
    if store.exists() and not stamp.is_file() and any(store.iterdir()):
        raise ServerError(f"{store} holds a store this tool did not load",
                          hint="choose an empty data folder")
    shutil.rmtree(store, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    command = [str(find_binary("oxigraph", binary)), "load", "--location", str(store),
               "--file", str(graph_file)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        shutil.rmtree(store, ignore_errors=True)
        raise ServerError(f"oxigraph could not load {graph_file}: "
                          f"{message[-1] if message else done.returncode}", where=str(graph_file))
    stamp.write_text(digest + "\n")
    return store


def start_oxigraph(data_dir: str | os.PathLike, *, graph_file: str | os.PathLike | None = None,
                   host: str = "127.0.0.1", port: int | None = None, read_only: bool = True,
                   union_default_graph: bool = True, timeout: float = 60.0,
                   binary: str | os.PathLike | None = None,
                   query_timeout: float | None = None) -> ServerHandle:
    """Start Oxigraph server on ``host:port`` with its store in ``data_dir/store``.

    ``graph_file`` is loaded first (see :func:`load_oxigraph_store`). ``read_only`` serves
    queries only (``oxigraph serve-read-only``); otherwise SPARQL update and the Graph
    Store Protocol (``/store``) are open. With ``union_default_graph`` the default graph
    is the union of all named graphs, as on Virtuoso and in the embedded store.
    ``query_timeout`` (seconds) makes the server stop any query that runs longer.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    program = find_binary("oxigraph", binary)
    if graph_file is not None:
        load_oxigraph_store(data_dir, graph_file, binary=program)
    store = data_dir / "store"
    if read_only and not store.is_dir():
        raise ServerError(f"nothing to serve: {store} does not exist",
                          hint="pass the graph file to load")
    port = _claim_port(host, port)
    command = [str(program), "serve-read-only" if read_only else "serve",
               "--location", str(store), "--bind", f"{host}:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    if query_timeout is not None:
        command += ["--timeout-s", str(max(1, math.ceil(query_timeout)))]
    log_file = data_dir / "oxigraph.log"
    process = _spawn(command, log_file)
    base = f"http://{_url_host(host)}:{port}"
    _wait_until_ready(process, f"{base}/query", log_file, "Oxigraph server",
                      time.monotonic() + timeout)
    return ServerHandle("oxigraph", process, f"{base}/query",
                        None if read_only else f"{base}/update",
                        None if read_only else f"{base}/store", data_dir, log_file)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


DEFAULT_QUERY_TIMEOUT = 60.0  # seconds a served query may run


@contextmanager
def serve_graph(graph_dir: str | os.PathLike = "graph", *, host: str = "127.0.0.1",
                port: int | None = 7878, data_dir: str | os.PathLike | None = None,
                timeout: float = 120.0, query_timeout: float | None = DEFAULT_QUERY_TIMEOUT,
                allow_service: bool = False) -> Iterator[ServerHandle]:
    """Serve the dump ``graph_dir/ashraf-kg.nq`` read-only with Oxigraph server.

    Oxigraph listens on a private loopback port behind a relay on ``host:port`` (see
    :mod:`.gate`) that refuses ``SERVICE`` unless ``allow_service``; the server stops any
    query after ``query_timeout`` seconds (None: never). Without ``data_dir`` the store
    lives in a temporary folder removed afterwards; with it, the store is kept and reused
    while the dump is unchanged. ``port`` 0 or None picks a free port.

    >>> with serve_graph("graph", port=0) as server:  # doctest: +SKIP
    ...     print(server.query_url)
    """
    from .gate import Gate

    if query_timeout is not None and not query_timeout > 0:
        raise ServerError(f"the query time limit must be a positive number of seconds, not "
                          f"{query_timeout}", hint="e.g. --timeout 60, or 0 for no limit")
    dump = Path(graph_dir) / "ashraf-kg.nq"
    if not dump.is_file():
        raise ServerError(f"no graph dump at {dump}",
                          hint="run `ashraf-kg build` first, or pass --graph-dir DIR")
    gate = Gate(host, check_port(port), allow_service=allow_service, time_limit=query_timeout,
                restart=lambda: _restart(server, folder, timeout, query_timeout))
    folder = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="ashraf-kg-serve-"))
    try:
        server = start_oxigraph(folder, graph_file=dump, host="127.0.0.1", port=0,
                                read_only=True, timeout=timeout, query_timeout=query_timeout)
        try:
            gate.start(_backend(server))
            server.query_url = f"http://{_url_host(host)}:{gate.port}/query"
            yield server
        finally:
            gate.stop()
            server.stop()
    finally:
        gate.server_close()
        if not data_dir:
            shutil.rmtree(folder, ignore_errors=True)


def _backend(server: ServerHandle) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(server.query_url)
    return parts.hostname, parts.port


def _restart(server: ServerHandle, folder: Path, timeout: float,
             query_timeout: float | None) -> tuple[str, int]:
    """Stop the Oxigraph process behind ``server`` and start another on the same store."""
    server.restarting.set()
    try:
        server.stop(timeout=5)
        fresh = start_oxigraph(folder, host="127.0.0.1", port=0, read_only=True,
                               timeout=timeout, query_timeout=query_timeout)
        server.process = fresh.process
        return _backend(fresh)
    finally:
        server.restarting.clear()
