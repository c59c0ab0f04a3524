"""The ``ashraf-kg`` command: a thin shell over the library.

Each command is one ``add_<name>_parser`` function that declares its options and
sets ``func``; library errors become one ``Error: …`` line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import AshrafKGError


def _run_clean(args) -> int:
    from .corpus import clean_text

    text = Path(args.file).read_text(encoding="utf-8")
    sys.stdout.write(clean_text(text))
    return 0


def add_clean_parser(sub) -> None:
    p = sub.add_parser("clean", help="print the cleaned article body of a raw document")
    p.add_argument("file", help="a document as received (plain text)")
    p.set_defaults(func=_run_clean)


def _run_build(args) -> int:
    from .pipeline import build_graph
    from .stats import compute_stats, format_stats
    from .export import read_dataset

    summary = build_graph(Path(args.corpus_dir), Path(args.graph_dir),
                          include_drafts=args.include_drafts, validate=not args.no_validate)
    print(f"Built {summary.graph_dir}: {summary.documents} documents, {summary.graphs} graphs, "
          f"{summary.quads} quads, {len(summary.files)} files.")
    if not args.quiet:
        print(format_stats(compute_stats(read_dataset(summary.graph_dir))), end="")
    return 0


def add_build_parser(sub) -> None:
    p = sub.add_parser("build", help="read, anchor, build, validate and write graph/")
    p.add_argument("--corpus-dir", default="corpus", help="the corpus folder (default: corpus)")
    p.add_argument("--graph-dir", default="graph", help="where the dumps go (default: graph)")
    p.add_argument("--include-drafts", action="store_true",
                   help="also publish machine-drafted annotations, in their own named graphs")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the one-line summary")
    p.set_defaults(func=_run_build)


def _run_stats(args) -> int:
    from .export import read_dataset
    from .stats import compute_stats, format_stats

    print(format_stats(compute_stats(read_dataset(Path(args.graph_dir)), top=args.top)), end="")
    return 0


def add_stats_parser(sub) -> None:
    p = sub.add_parser("stats", help="counts by graph and type, and the most connected entities")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.add_argument("--top", type=int, default=10, help="how many entities to list (default: 10)")
    p.set_defaults(func=_run_stats)


def _run_query(args) -> int:
    from .errors import QueryError
    from .query import format_result, resolve_query, run_query

    spec = args.expression if args.expression is not None else args.query
    if spec is None or (args.expression is not None and args.query is not None):
        raise QueryError("give one query: a NAME, a FILE, or -e TEXT", hint="`ashraf-kg queries` lists the names")
    params = dict(_split_param(item) for item in args.param)
    result = run_query(resolve_query(spec), graph_dir=args.graph_dir, endpoint=args.endpoint,
                       params=params, timeout=args.timeout, user=args.user, password=args.password)
    sys.stdout.write(format_result(result, args.format))
    return 0


def _split_param(item: str) -> tuple[str, str]:
    from .errors import QueryError

    name, sep, value = item.partition("=")
    if not sep or not name:
        raise QueryError(f"--param {item!r} is not name=value", hint="write e.g. --param entity=person/nouri-al-maliki")
    return name.strip(), value


def add_query_parser(sub) -> None:
    from .results import FORMATS

    p = sub.add_parser("query", help="run a SPARQL query (a named one, a file, or -e TEXT)")
    p.add_argument("query", nargs="?", help="a query name (see `ashraf-kg queries`) or a .rq file")
    p.add_argument("-e", "--expression", metavar="TEXT", help="the query text itself")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable); <…> or http(s)://… values are IRIs")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="give up after this many seconds")
    p.add_argument("--graph-dir", default="graph", help="the built graph, for embedded queries (default: graph)")
    p.add_argument("--endpoint", metavar="URL", help="run on this SPARQL 1.1 endpoint instead")
    p.add_argument("--user", help="user name for the endpoint")
    p.add_argument("--password", help="password for the endpoint")
    p.set_defaults(func=_run_query)


def _run_queries(args) -> int:
    from .catalogue import write_catalogue
    from .query import list_queries

    if args.catalogue or args.check:
        target = write_catalogue(check=args.check)
        print(f"{target} is up to date." if args.check else f"Wrote {target}.")
        return 0
    queries = list_queries()
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        print(f"{q.name.ljust(width)}  {q.title}")
    return 0


def add_queries_parser(sub) -> None:
    p = sub.add_parser("queries", help="list the named queries, or write their catalogue")
    p.add_argument("--catalogue", action="store_true", help="write queries/README.md from the query headers")
    p.add_argument("--check", action="store_true",
                   help="only check that queries/README.md matches the headers (exit 2 if not)")
    p.set_defaults(func=_run_queries)


# Every command's parser, in the order ``--help`` lists them.
COMMANDS = [
    add_clean_parser,
    add_build_parser,
    add_stats_parser,
    add_query_parser,
    add_queries_parser,
]


def make_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="ashraf-kg",
        description="Build, check, query and explore the ashraf-kg knowledge graph.")
    parser.add_argument("--version", action="version", version=f"ashraf-kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_parser in COMMANDS:
        add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except AshrafKGError as error:
        print(f"Error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
