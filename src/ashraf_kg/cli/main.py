"""The ``ashraf-kg`` command: a thin shell over the library.

The building commands live here, the others in ``cli_corpus``, ``cli_sparql`` and
``cli_network``. Each command is one ``add_<name>_parser`` function that declares its options and
sets ``func``; library errors become one ``Error: …`` line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import AshrafKGError
from .corpus import (
    add_add_parser,
    add_effort_parser,
    add_evaluate_parser,
    add_extract_parser,
    add_review_parser,
)
from .network import add_analyze_parser, add_export_network_parser, add_path_parser, add_viz_parser
from .sparql import add_push_parser, add_queries_parser, add_query_parser, add_serve_parser


def _run_clean(args) -> int:
    from ..corpus.reader import clean_text

    text = Path(args.file).read_text(encoding="utf-8")
    sys.stdout.write(clean_text(text))
    return 0


def add_clean_parser(sub) -> None:
    p = sub.add_parser("clean", help="print the cleaned article body of a raw document")
    p.add_argument("file", help="a document as received (plain text)")
    p.set_defaults(func=_run_clean)


def _run_build(args) -> int:
    from ..export.stats import compute_stats, format_stats
    from ..pipeline import build_graph

    summary = build_graph(Path(args.corpus_dir), Path(args.graph_dir),
                          include_drafts=args.include_drafts, validate=not args.no_validate)
    print(f"Built {summary.graph_dir}: {summary.documents} documents, {summary.graphs} graphs, "
          f"{summary.quads} quads, {len(summary.files)} files.")
    if summary.dropped_drafts:
        print(f"Left out of the drafts graph ({len(summary.dropped_drafts)} statements; "
              "document: statement: shape or registry: reason):")
        for item in summary.dropped_drafts:
            print(f"  {item}")
    if not args.quiet:
        print(format_stats(compute_stats(summary.dataset)), end="")
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


def _run_validate(args) -> int:
    from ..validate import validate_dumps

    report = validate_dumps(Path(args.graph_dir))
    if report.conforms:
        print(f"{args.graph_dir}: {report.summary()}.")
        return 0
    for result in report.results:
        print(result)
    print(f"{args.graph_dir}: {report.summary()}.", file=sys.stderr)
    return 1


def add_validate_parser(sub) -> None:
    p = sub.add_parser("validate", help="check the committed dumps against the SHACL shapes")
    p.add_argument("--graph-dir", default="graph",
                   help="the built graph: reads ashraf-kg.trig, else ashraf-kg.ttl (default: graph)")
    p.set_defaults(func=_run_validate)


def _run_stats(args) -> int:
    from ..export.dumps import read_dataset
    from ..export.stats import compute_stats, format_stats

    print(format_stats(compute_stats(read_dataset(Path(args.graph_dir)), top=args.top)), end="")
    return 0


def add_stats_parser(sub) -> None:
    p = sub.add_parser("stats", help="counts by graph and type, and the most connected entities")
    p.add_argument("--graph-dir", default="graph", help="the built graph (default: graph)")
    p.add_argument("--top", type=int, default=10, help="how many entities to list (default: 10)")
    p.set_defaults(func=_run_stats)


# Every command's parser, in the order ``--help`` lists them.
COMMANDS = [
    add_add_parser,
    add_extract_parser,
    add_review_parser,
    add_evaluate_parser,
    add_effort_parser,
    add_clean_parser,
    add_build_parser,
    add_validate_parser,
    add_stats_parser,
    add_query_parser,
    add_queries_parser,
    add_serve_parser,
    add_push_parser,
    add_viz_parser,
    add_analyze_parser,
    add_path_parser,
    add_export_network_parser,
]


def make_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="ashraf-kg",
        description="Build, check, query and explore the ashraf-kg knowledge graph.")
    parser.add_argument("--version", action="version", version=f"ashraf-kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_parser in COMMANDS:
        add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .terminal import guard

    # Labels and quotes may hold escape sequences or bidi overrides: on a terminal they
    # are shown, not obeyed (cli/terminal.py). A file or a pipe gets the text unchanged.
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = guard(stdout), guard(stderr)
    try:
        return _run(make_parser().parse_args(argv))
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(args) -> int:
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
