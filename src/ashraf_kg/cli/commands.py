"""The ``ashraf-kg`` command: a thin shell over the library.

The building commands live here, the others in ``corpus``, ``sparql``, ``network``,
``store`` and ``cache``. Each command is one ``add_<name>_parser`` function that declares its options and
sets ``func``; library errors become one ``Error: …`` line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cache import add_cache_parser
from .corpus import (
    add_add_parser,
    add_effort_parser,
    add_evaluate_parser,
    add_extract_parser,
    add_review_parser,
)
from .network import add_analyze_parser, add_export_network_parser, add_path_parser, add_viz_parser
from .project import add_corpus_option, add_graph_option, add_root_option, resolve_project_paths
from .sparql import add_push_parser, add_queries_parser, add_query_parser, add_serve_parser
from .store import add_store_parser
from .terminal import run_guarded
from .values import CommandParser, check_utf8


def _run_clean(args) -> int:
    from ..clean import clean_text
    from ..fileio import read_text_file

    sys.stdout.write(clean_text(read_text_file(Path(args.file))))
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
    add_corpus_option(p)
    add_graph_option(p, "where the dumps go")
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
    add_graph_option(p, "the built graph: reads ashraf-kg.trig, else ashraf-kg.ttl")
    p.set_defaults(func=_run_validate)


def _run_stats(args) -> int:
    from ..export.dumps import read_dataset
    from ..export.stats import compute_stats, format_stats

    print(format_stats(compute_stats(read_dataset(Path(args.graph_dir)), top=args.top)), end="")
    return 0


def add_stats_parser(sub) -> None:
    p = sub.add_parser("stats", help="counts by graph and type, and the most connected entities")
    add_graph_option(p, "the built graph")
    p.add_argument("--top", type=int, default=10, help="how many entities to list (default: 10)")
    p.set_defaults(func=_run_stats)


# Every command's parser by the command's name, in the order ``--help`` lists them.
COMMANDS = {
    "add": add_add_parser,
    "extract": add_extract_parser,
    "review": add_review_parser,
    "evaluate": add_evaluate_parser,
    "effort": add_effort_parser,
    "clean": add_clean_parser,
    "build": add_build_parser,
    "validate": add_validate_parser,
    "stats": add_stats_parser,
    "query": add_query_parser,
    "queries": add_queries_parser,
    "store": add_store_parser,
    "cache": add_cache_parser,
    "serve": add_serve_parser,
    "push": add_push_parser,
    "viz": add_viz_parser,
    "analyze": add_analyze_parser,
    "path": add_path_parser,
    "export-network": add_export_network_parser,
}


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or only ``command``'s (which parses
    that command's arguments exactly as the whole parser does)."""
    from .. import __version__

    parser = CommandParser(
        prog="ashraf-kg",
        description="Build, check, query and explore the ashraf-kg knowledge graph.")
    parser.add_argument("--version", action="version", version=f"ashraf-kg {__version__}")
    add_root_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, add_parser in COMMANDS.items():
        if command is None or name == command:
            add_parser(sub)
    for each in sub.choices.values():
        add_root_option(each)
    return parser


def chosen_command(argv: list[str]) -> str | None:
    """The command that ``argv`` runs when nothing before it but ``--root DIR`` can change
    how it is read (no ``--help``, no ``--version``, no abbreviated option); else None."""
    rest = list(argv)
    if rest[:1] == ["--root"]:
        rest = rest[2:]
    elif rest[:1] and rest[0].startswith("--root="):
        rest = rest[1:]
    return rest[0] if rest and rest[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    """Run one command; every error of the project is one ``Error: …`` line and its exit status."""
    return run_guarded(_run, sys.argv[1:] if argv is None else list(argv))


def _run(argv: list[str]) -> int:
    # A one-shot command builds its own parser alone: all nineteen took a fifth of a
    # one-shot query's own time (argparse asks gettext for its words at every step).
    parser = make_parser(chosen_command(argv))
    check_utf8(argv)
    args = parser.parse_args(argv)
    resolve_project_paths(args)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
