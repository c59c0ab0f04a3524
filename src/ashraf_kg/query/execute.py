"""Run query text on the embedded store: once, bounded in time, reaching no other server.

A query is executed once. Its syntax error comes from that run, its position mapped back
to the text as written (before parameters were bound), so no separate check runs the
query a second time without a time limit. ``SERVICE``, which makes the engine fetch from
other servers (or files), is refused unless asked for.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import QueryError
from ..namespaces import ALL_PREFIXES
from .query_result import QueryResult
from .results import from_oxigraph
from .sparql_text import check_query_form, check_service

_SYNTAX = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", re.S)
CHECK_SECONDS = 5.0  # a query still running on an empty store after this has parsed
MAX_ROWS = 1_000_000  # rows (or triples) of an embedded answer held in memory at most


def run_embedded(named, text: str, *, store=None, graph_dir=None, storage: str = "memory",
                 timeout: float | None = None, allow_service: bool = False,
                 max_rows: int | None = MAX_ROWS) -> QueryResult:
    """Run ``text`` (``named`` with its parameters bound) on the embedded store.

    ``store`` is a pyoxigraph Store, else the store of ``graph_dir`` in ``storage``; see
    :func:`ashraf_kg.query.run.run_query` for ``timeout`` and ``max_rows``.
    """
    from . import store as stores

    check_query_form(named.text, where=named.source)
    check_service(text, where=named.source, allow=allow_service)
    try:
        if store is None:
            if stores.check_storage(storage) == "disk" and timeout is not None:
                return _run_in_process(stores.store_path(graph_dir), text, timeout, named, max_rows)
            store = stores.open_store(graph_dir, storage=storage)
        if timeout is None:
            return evaluate(store, text, max_rows=max_rows)
        result = _run_in_thread(store, text, timeout, max_rows)
    except SyntaxError as error:
        raise syntax_error(named, str(error), text) from None
    if result is None:
        raise timeout_error(named, timeout)
    return result


def check_syntax(named, *, allow_service: bool = False, seconds: float = CHECK_SECONDS) -> None:
    """Raise QueryError with ``source:line:column`` when the query is not SPARQL 1.1, and
    a plain one for an update (INSERT, DELETE, …) or a refused SERVICE.

    The engine parses only as it runs, so the query runs on an empty store for at most
    ``seconds``: one still running by then has parsed. A text that passed is remembered
    for the life of the process, so a program running the same query again does not pay
    for the check again.
    """
    check_query_form(named.text, where=named.source)
    check_service(named.text, where=named.source, allow=allow_service)
    if named.text in _parsed:
        return
    import pyoxigraph

    try:
        _run_in_thread(pyoxigraph.Store(), named.text, seconds)
    except SyntaxError as error:
        raise syntax_error(named, str(error), named.text) from None
    except QueryError:
        pass  # it parsed; what it does on no data is not the check's business
    if len(_parsed) < 4096:  # bounded: inline queries could otherwise grow it without end
        _parsed.add(named.text)


_parsed: set[str] = set()


def syntax_error(named, message: str, ran: str) -> QueryError:
    """The engine's syntax error as a QueryError whose position is in ``named.text``
    (``ran`` is the text the engine saw: the same, or with a VALUES block bound in)."""
    match = _SYNTAX.match(message)
    if not match:
        return QueryError(f"syntax error: {message}", where=named.source)
    line, column = _position_in(named.text, ran, int(match[1]), int(match[2]))
    detail = match[3].split(", [")[0]  # drop the long lists of character classes
    return QueryError(f"syntax error at line {line}, column {column}: {detail}",
                      where=named.source, hint="fix the query text")


def _position_in(written: str, ran: str, line: int, column: int) -> tuple[int, int]:
    """Line and column (1-based) in ``written`` of a position in ``ran``, which is
    ``written`` with one block of text inserted."""
    if written == ran:
        return line, column
    lines = ran.split("\n")
    index = sum(len(text) + 1 for text in lines[:line - 1]) + column - 1
    start = next((i for i, (a, b) in enumerate(zip(written, ran, strict=False)) if a != b), len(written))
    added = len(ran) - len(written)
    index = index - added if index >= start + added else min(index, start)
    before = written[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def evaluate(store, text: str, *, max_rows: int | None = None) -> QueryResult:
    """Run query text on a pyoxigraph store (union default graph) and read the whole result
    (refused past ``max_rows`` rows)."""
    try:
        return from_oxigraph(store.query(text, prefixes=ALL_PREFIXES, use_default_graph_as_union=True),
                             max_rows=max_rows)
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryError(f"the query failed: {error}") from None


def timeout_error(named, timeout: float) -> QueryError:
    """The error of a query that ran past ``timeout`` seconds (the same wherever it ran)."""
    return QueryError(f"the query did not finish within {timeout:g} s", where=named.source,
                      hint="raise --timeout, or narrow the query with parameters or LIMIT")


def _run_in_thread(store, text: str, timeout: float, max_rows: int | None = None) -> QueryResult | None:
    """The result, or None when the query is still running after ``timeout`` seconds
    (the thread is then abandoned: a query cannot be stopped in the middle)."""
    import threading

    box: dict = {}

    def work():
        try:
            box["result"] = evaluate(store, text, max_rows=max_rows)
        except BaseException as error:  # handed to the caller's thread
            box["error"] = error

    worker = threading.Thread(target=work, daemon=True, name="ashraf-kg-query")
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        return None
    if "error" in box:
        raise box["error"]
    return box["result"]


def _run_in_process(path: Path, text: str, timeout: float, named, max_rows: int | None) -> QueryResult:
    import multiprocessing

    from .results import read_serialized
    from .store import query_worker

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=query_worker, args=(str(path), text, ALL_PREFIXES, sender),
                             daemon=True, name="ashraf-kg-query")
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise timeout_error(named, timeout)
        kind, payload = receiver.recv()
    except EOFError:
        raise QueryError("the query worker stopped without an answer", where=named.source) from None
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join(5)
        receiver.close()
    if kind == "syntax":
        raise SyntaxError(payload)
    if kind == "error":
        raise QueryError(f"the query failed: {payload}", where=named.source)
    return read_serialized(kind, payload, max_rows=max_rows)
