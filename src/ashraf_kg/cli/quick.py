"""The quick path of a one-shot ``ashraf-kg query``: a command line in the common form
answered by the resident store, in a process that imports neither argparse nor pathlib
nor the library's other modules. Those imports were two thirds of such a process's own
time once a resident store answers (see ``ashraf-kg store``).

The common form is ``ashraf-kg [--root DIR] query NAME`` with any of ``--format``,
``--param``, ``--ids``, ``--graph-dir`` and ``--root``, its output going to a file or a
pipe. Anything else falls through to the full command (:mod:`.commands`), which does what
it always does: another option, an abbreviated one, a query file or text, a terminal (which
needs the table's width and the terminal guard), a query folder set by
``ASHRAF_KG_QUERIES_DIR``, no resident store holding the dump as it is now. The quick path
falls through only before the store has run the query, so a query is never run twice, and
what it writes (answer or error) is what the full command writes.
"""

from __future__ import annotations

import os
import sys

from ..choices import RESULT_FORMATS

_VALUED = {"--format": "fmt", "--param": "param", "--graph-dir": "graph_dir", "--root": "root"}


def read_command_line(argv: list[str]) -> dict | None:
    """The options of a ``query`` command line in the common form; None for any other.

    >>> read_command_line(["query", "list_timeline", "--format", "csv"])["fmt"]
    'csv'
    """
    root = None
    if argv[:1] == ["--root"] and len(argv) > 1:
        root, argv = argv[1], argv[2:]
    elif argv[:1] and argv[0].startswith("--root="):
        root, argv = argv[0][len("--root="):], argv[1:]
    if argv[:1] != ["query"] or (root is not None and root.startswith("-")):
        return None
    options = {"fmt": "table", "params": {}, "ids": False, "graph_dir": None, "root": root, "name": None}
    tokens = iter(argv[1:])
    for token in tokens:
        option, equals, value = token.partition("=")
        if option in _VALUED:
            value = value if equals else next(tokens, None)
            if not _store_option(options, _VALUED[option], value):
                return None
        elif token == "--ids":
            options["ids"] = True
        elif token.startswith("-") or options["name"] is not None:
            return None  # another option, or a second query: the full command says what it is
        else:
            options["name"] = token
    return options if options["name"] is not None else None


def _store_option(options: dict, key: str, value: str | None) -> bool:
    if value is None or value.startswith("-"):
        return False  # argparse reads a value that looks like an option its own way
    if key == "param":
        name, sep, bound = value.partition("=")
        if not sep or not name:
            return False
        options["params"][name.strip()] = bound
    elif key == "fmt" and value not in RESULT_FORMATS:
        return False
    else:
        options[key] = value
    return True


def answer_quickly(argv: list[str]) -> int | None:
    """The exit status of ``argv`` answered by a resident store; None when the full command
    must run it (nothing is written then)."""
    options = read_command_line(argv)
    if options is None or not _plain(argv) or sys.stdout.isatty():
        return None
    if options["fmt"] == "table" and "COLUMNS" in os.environ:
        return None  # the table fits $COLUMNS: the full command works out the width
    named = read_named_query(options["name"])
    graph_dir = project_graph_dir(options["graph_dir"], options["root"])
    if named is None or graph_dir is None:
        return None
    from .terminal import run_guarded

    return run_guarded(_ask_and_write, graph_dir, named, options)


def _plain(argv: list[str]) -> bool:
    """Whether every argument is valid UTF-8 (the full command names the one that is not)."""
    try:
        for argument in argv:
            argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _ask_and_write(graph_dir: str, named, options: dict) -> int | None:
    from ..query.resident import ask_resident

    answer = ask_resident(graph_dir, named, params=options["params"], fmt=options["fmt"],
                          ids=options["ids"], max_rows=1_000_000, encoded=True)
    if answer is None:
        return None
    write_utf8(answer)
    return 0


def read_named_query(name: str):
    """The packaged named query ``name``, read from its own file (a NamedQuery of its name,
    text and file: the store reads the header, and a header it refuses is the same error
    as in the full command); None when the full command must find it (a partial name, a
    file in the current folder, another query folder)."""
    from ..places import queries_folder
    from ..query.header import NamedQuery, is_query_name, looks_inline

    # Another folder is left to the full command, which names its files as pathlib does.
    if (os.environ.get("ASHRAF_KG_QUERIES_DIR") or looks_inline(name) or os.path.isfile(name)
            or not is_query_name(name)):
        return None
    path = os.path.join(queries_folder(), f"{name}.rq")
    try:
        with open(path, encoding="utf-8") as handle:
            return NamedQuery(name, handle.read(), path)
    except (OSError, UnicodeError):
        return None


def project_graph_dir(graph_dir: str | None, root: str | None) -> str | None:
    """``--graph-dir`` as typed, else the project's ``graph`` folder, as the full command
    works it out (:func:`ashraf_kg.cli.project.resolve_project_paths`); None when
    ``--root`` is no folder (the full command says so)."""
    from ..places import find_project_root

    if root is not None and not os.path.isdir(root):
        return None
    if graph_dir is not None:
        return graph_dir
    cwd = os.path.realpath(os.getcwd())
    root = root if root is not None else find_project_root(cwd) or cwd
    return "graph" if os.path.realpath(root) == cwd else os.path.join(root, "graph")


def write_utf8(data: bytes) -> None:
    """Write the UTF-8 text ``data`` on standard output: as the bytes they are when the
    text stream would write those very bytes (it encodes in UTF-8 and translates no line
    end, and ``data`` holds no byte 0xED, which leads every encoded surrogate, a character
    the stream refuses or escapes), else decoded and written as text. Decoding and
    encoding again took a tenth of a one-shot query's own time on an answer of megabytes."""
    import codecs

    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)  # none on a terminal: cli/terminal.py writes it
    if (buffer is not None and os.linesep == "\n" and b"\xed" not in data
            and codecs.lookup(stream.encoding or "ascii").name == "utf-8"):
        stream.flush()
        buffer.write(data)
    else:
        stream.write(data.decode("utf-8", "surrogatepass"))
