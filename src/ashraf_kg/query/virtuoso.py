"""Virtuoso Open Source (Debian's ``virtuoso-opensource``) as a private SPARQL server.

A private ``virtuoso.ini`` in the data folder, loopback ports, a random dba password kept
beside the database, the bulk loader for big dumps and ``isql-vt`` for SQL::

    with start_virtuoso("/tmp/vt") as server:
        load_virtuoso(server, "graph/ashraf-kg.nq")
        print(server.query_url)        # http://127.0.0.1:<port>/sparql
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from pathlib import Path

from ..errors import ServerError
from .server import ServerHandle, _claim_port, _log_tail, _spawn, _url_host, _wait_until_ready, find_binary

_VIRTUOSO_INI = """\
; Written by ashraf-kg for a private Virtuoso instance; rewritten on every start.
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
CheckpointInterval = 60
MaxQueryMem = 2G
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {dir}/www
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8

[SPARQL]
; No row cap (unless asked for) and no "anytime" partial answers.
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


def write_virtuoso_ini(data_dir: Path, *, host: str, sql_port: int, http_port: int,
                       buffers: int = 85000, max_rows: int = 0) -> Path:
    """Write ``data_dir/virtuoso.ini``: private files, loopback ports, no result caps.

    ``max_rows`` > 0 caps every SPARQL answer at that many rows, as Debian's own
    ``virtuoso.ini`` does (``ResultSetMaxRows = 10000``).
    """
    (data_dir / "www").mkdir(parents=True, exist_ok=True)
    ini = data_dir / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(dir=data_dir, host=host, sql_port=sql_port,
                                        http_port=http_port, buffers=buffers, max_rows=max_rows,
                                        dirty_buffers=buffers * 3 // 4), encoding="utf-8")
    return ini


def _set_dba_password(program: Path, ini: Path, password: str, timeout: float) -> None:
    # A new database starts with dba/dba; virtuoso-t changes it and exits.
    done = subprocess.run([str(program), "+configfile", str(ini), "+foreground",
                           "+pwdold", "dba", "+pwddba", password],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise ServerError(f"virtuoso-t could not create its database: "
                          f"{_log_tail(ini.parent / 'virtuoso.log')}", where=str(ini))


def _dba_password(data_dir: Path, program: Path, ini: Path, password: str | None,
                  timeout: float) -> str:
    saved = data_dir / "dba-password"
    if (data_dir / "virtuoso.db").exists():
        if password is None and saved.is_file():
            return saved.read_text().strip()
        if password is None:
            raise ServerError(f"{data_dir} holds a Virtuoso database whose dba password "
                              "is unknown", hint="pass the password or use an empty folder")
        return password
    # Hex, 16 characters: a password that starts with '-' reads as an option to virtuoso-t
    # and to ashraf-kg; Virtuoso refused a 32-character one at login.
    password = password or secrets.token_hex(8)
    _set_dba_password(program, ini, password, timeout)
    saved.write_text(password + "\n")
    saved.chmod(0o600)
    return password


def start_virtuoso(data_dir: str | os.PathLike, *, host: str = "127.0.0.1",
                   port: int | None = None, http_port: int | None = None,
                   password: str | None = None, timeout: float = 120.0,
                   binary: str | os.PathLike | None = None, max_rows: int = 0) -> ServerHandle:
    """Start Virtuoso Open Source with its database in ``data_dir``.

    ``port`` is the SQL port (isql), ``http_port`` the HTTP one; free ports are picked
    when not given. A new database gets the dba password ``password`` (random when not
    given, kept in ``data_dir/dba-password``). The handle's ``query_url`` is ``/sparql``
    (anonymous, read-only); ``gsp_url`` is ``/sparql-graph-crud-auth``, the Graph Store
    Protocol endpoint that takes writes from ``dba`` with HTTP digest authentication.
    ``max_rows`` caps every SPARQL answer (``ResultSetMaxRows``; 0, the default, for none).
    """
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    program = find_binary("virtuoso-t", binary)
    sql_port, http_port = _claim_port(host, port), _claim_port(host, http_port)
    ini = write_virtuoso_ini(data_dir, host=host, sql_port=sql_port, http_port=http_port,
                             max_rows=max_rows)
    password = _dba_password(data_dir, program, ini, password, timeout)
    log_file = data_dir / "virtuoso.log"
    process = _spawn([str(program), "+configfile", str(ini), "+foreground"],
                     data_dir / "virtuoso.out", cwd=data_dir)
    base = f"http://{_url_host(host)}:{http_port}"
    _wait_until_ready(process, f"{base}/sparql", log_file, "Virtuoso",
                      time.monotonic() + timeout)
    return ServerHandle("virtuoso", process, f"{base}/sparql", f"{base}/sparql-auth",
                        f"{base}/sparql-graph-crud-auth", data_dir, log_file, user="dba",
                        password=password, auth="digest", sql_port=sql_port)


def run_isql(server: ServerHandle, sql: str, *, timeout: float = 3600.0,
             binary: str | os.PathLike | None = None) -> str:
    """Run SQL statements on a Virtuoso server as dba with Debian's ``isql-vt``."""
    program = find_binary("isql-vt", binary or "/usr/bin/isql-vt")
    command = [str(program), f"127.0.0.1:{server.sql_port}", server.user, server.password,
               "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"]
    done = subprocess.run(command, input=sql, capture_output=True, text=True,
                          timeout=timeout)
    errors = [line for line in done.stdout.splitlines() if line.startswith("*** Error")]
    if done.returncode != 0 or errors:
        raise ServerError(f"isql failed: {(errors or [done.stderr.strip()])[0]}",
                          where=f"Virtuoso on port {server.sql_port}")
    return done.stdout


def load_virtuoso(server: ServerHandle, nquads_file: str | os.PathLike) -> None:
    """Bulk-load an N-Quads file into Virtuoso (graphs kept), the fast path for big dumps.

    The file is linked into the server's data folder, the only folder it may read.
    """
    source = Path(nquads_file).resolve()
    inbox = server.data_dir / "load"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    target = inbox / (source.stem + ".nq")
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    run_isql(server, f"ld_dir('{inbox}', '{target.name}', 'urn:ashraf-kg:default');\n"
                     "rdf_loader_run();\ncheckpoint;\n"
                     "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;\n")
    shutil.rmtree(inbox, ignore_errors=True)
