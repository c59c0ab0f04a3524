"""Commands for SPARQL: ``query``, ``queries``, ``serve``, ``push``."""

from __future__ import annotations

import os
import sys

from .project import add_graph_option
from .quick import write_utf8
from .values import seconds


def _run_query(args) -> int:
    from ..errors import QueryError
    from ..query.named import resolve_query

    spec = args.expression if args.expression is not None else args.query
    if spec is None or (args.expression is not None and args.query is not None):
        raise QueryError("give one query: a NAME, a FILE, or -e TEXT", hint="`ashraf-kg queries` lists the names")
    named = resolve_query(spec)
    options = dict(params=dict(_split_param(item) for item in args.param), fmt=args.format,
                   ids=args.ids, width=None if args.wide or args.format != "table" else _terminal_width(),
                   timeout=args.timeout, allow_service=args.allow_service, max_rows=args.max_rows or None)
    if args.storage is None and args.endpoint is None:
        from ..query.resident import ask_resident

        answer = ask_resident(args.graph_dir, named, encoded=True, **options)
        if answer is not None:
            write_utf8(answer)
            return 0
    from ..fileio import cache_root
    from ..query.answer import answer_query

    default = "disk" if cache_root() is not None else "memory"  # ASHRAF_KG_CACHE_DIR=off: no disk cache
    sys.stdout.write(answer_query(named, graph_dir=args.graph_dir, storage=args.storage or default,
                                  endpoint=args.endpoint, user=args.user, password=args.password,
                                  auth=args.auth, **options))
    return 0


def _terminal_width() -> int | None:
    """The terminal's width, or $COLUMNS; None when writing to a file or a pipe."""
    import shutil

    if "COLUMNS" in os.environ or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _split_param(item: str) -> tuple[str, str]:
    from ..errors import QueryError

    name, sep, value = item.partition("=")
    if not sep or not name:
        raise QueryError(f"--param {item!r} is not name=value", hint="write e.g. --param entity=person/nouri-al-maliki")
    return name.strip(), value


def add_query_options(p) -> None:
    from ..choices import RESULT_FORMATS as FORMATS
    from ..choices import STORAGES

    p.add_argument("query", nargs="?", help="a query name (see `ashraf-kg queries`) or a .rq file")
    p.add_argument("-e", "--expression", metavar="TEXT", help="the query text itself")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable): a name or alias (Suleimani), an id "
                        "(person/qassem-suleimani) or an IRI; `ashraf-kg queries NAME` lists them")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--ids", action="store_true",
                   help="table and markdown: show ids (id:person/…) instead of labels and quotes")
    p.add_argument("--wide", action="store_true",
                   help="table: every column in full, however wide (default: fit the terminal)")
    p.add_argument("--timeout", type=seconds, metavar="SECONDS",
                   help="give up on the query after this many seconds (default: none embedded, "
                        "300 on an endpoint; loading the store is not counted)")
    add_graph_option(p, "the built graph, for embedded queries")
    p.add_argument("--storage", choices=STORAGES, default=None,
                   help="embedded store: the on-disk cache, kept between runs, or the dump parsed "
                        "into memory for this run only (default: the resident store when one holds "
                        "this dump, see `ashraf-kg store`, else the disk cache; memory when "
                        "ASHRAF_KG_CACHE_DIR is off)")
    p.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 endpoint instead")
    p.add_argument("--user", help="user name for the endpoint")
    p.add_argument("--password", default=os.environ.get("ASHRAF_KG_PASSWORD"),
                   help="password for the endpoint (default: $ASHRAF_KG_PASSWORD)")
    p.add_argument("--auth", choices=("digest", "basic"), default="digest",
                   help="HTTP authentication method (default: digest)")
    p.add_argument("--allow-service", action="store_true",
                   help="let an embedded query use SERVICE, which fetches from the servers "
                        "(or reads the files) it names; refused by default")
    p.add_argument("--max-rows", type=int, default=1_000_000, metavar="N",
                   help="refuse an embedded answer of more rows (default: 1000000; 0: no limit)")
    p.set_defaults(func=_run_query)


def _run_queries(args) -> int:
    from ..query.named import list_queries, resolve_query, write_catalogue

    if args.catalogue or args.check:
        target = write_catalogue(check=args.check)
        print(f"{target} is up to date." if args.check else f"Wrote {target}.")
        return 0
    if args.name:
        print(describe_query(resolve_query(args.name)), end="")
        return 0
    queries = list_queries()
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        print(f"{q.name.ljust(width)}  {q.title}")
    return 0


def describe_query(query) -> str:
    """A named query as ``queries NAME`` shows it: title, question, parameters, how to run it."""
    import textwrap

    lines = [f"{query.name}: {query.title}", *textwrap.wrap(query.question, 88), ""]
    if query.parameters:
        lines.append("Parameters (a name, an alias or an id; `--param NAME=VALUE`):")
        for p in query.parameters:
            default = f"default {p.default}" if p.default is not None else "optional"
            lines.append(f"  {p.name} ({p.type}, {default}): {p.meaning}")
    else:
        lines.append("No parameters.")
    example = " ".join(f"--param {p.name}=VALUE" for p in query.parameters[:1])
    lines += ["", f"Run: ashraf-kg query {query.name} {example}".rstrip(), f"File: {query.source}"]
    return "\n".join(lines) + "\n"


def add_queries_options(p) -> None:
    p.add_argument("name", nargs="?", metavar="NAME",
                   help="show this query's question and parameters with their defaults")
    p.add_argument("--catalogue", action="store_true", help="write queries/README.md from the query headers")
    p.add_argument("--check", action="store_true",
                   help="only check that queries/README.md matches the headers (exit 2 if not)")
    p.set_defaults(func=_run_queries)


def _run_serve(args) -> int:
    import signal

    from ..query.server import serve_graph

    # SIGINT even when started in the background (where the shell ignores it), and
    # SIGTERM from a service manager: both stop the server in order, like Ctrl-C.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with serve_graph(args.graph_dir, host=args.host, port=args.port, data_dir=args.data_dir,
                     query_timeout=args.timeout or None, allow_service=args.allow_service) as server:
        print(f"SPARQL endpoint: {server.query_url}  (read-only; Ctrl-C stops it)", flush=True)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
    print("Stopped.", flush=True)
    return 0


def add_serve_options(p) -> None:
    add_graph_option(p, "the built graph")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port to listen on; 0 picks a free one (default: 7878)")
    p.add_argument("--data-dir", metavar="DIR",
                   help="keep the server's store here and reuse it (default: a temporary folder)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="stop any query that runs longer (default: 60; 0 for no limit)")
    p.add_argument("--allow-service", action="store_true",
                   help="let queries use SERVICE, which makes the server fetch from the "
                        "addresses they name; refused by default")
    p.set_defaults(func=_run_serve)


def _run_push(args) -> int:
    from ..query.push import push_dataset

    report = push_dataset(args.graph_dir, args.endpoint, gsp_url=args.gsp, user=args.user,
                          password=args.password, auth=args.auth, timeout=args.timeout)
    for graph in report.graphs:
        print(f"{graph.found:>9}  <{graph.graph}>")
    print(f"Replaced {len(report.graphs)} graphs ({report.triples} triples) through "
          f"{report.gsp_url}; counts checked on {report.endpoint}.")
    return 0


def add_push_options(p) -> None:
    import os

    p.add_argument("--endpoint", required=True, metavar="URL", help="the store's SPARQL query endpoint")
    p.add_argument("--gsp", metavar="URL",
                   help="its Graph Store Protocol URL (guessed for Oxigraph /query and Virtuoso /sparql)")
    p.add_argument("--user", help="user name for the store")
    p.add_argument("--password", default=os.environ.get("ASHRAF_KG_PASSWORD"),
                   help="password for the store (default: $ASHRAF_KG_PASSWORD)")
    p.add_argument("--auth", choices=("digest", "basic"), default="digest",
                   help="HTTP authentication method (default: digest)")
    add_graph_option(p, "the built graph")
    p.add_argument("--timeout", type=seconds, default=300.0, metavar="SECONDS",
                   help="give up on a request after this many seconds (default: 300)")
    p.set_defaults(func=_run_push)
