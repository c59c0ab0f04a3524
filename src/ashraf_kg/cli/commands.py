"""The ``ashraf-kg`` command: a thin shell over the library.

The building commands live here, the others in ``corpus``, ``sparql``, ``network``,
``store`` and ``cache``. :data:`COMMANDS` names each command, its line in ``--help`` and
the module whose ``add_<name>_options`` declares its options and sets ``func``; a
module is imported only when its command's options are wanted. Library errors become one
``Error: …`` line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from .project import add_corpus_option, add_graph_option, add_root_option, resolve_project_paths
from .terminal import run_guarded
from .values import CommandParser, check_utf8


def _run_clean(args) -> int:
    from pathlib import Path

    from ..clean import clean_text
    from ..fileio import read_text_file

    sys.stdout.write(clean_text(read_text_file(Path(args.file))))
    return 0


def add_clean_options(p) -> None:
    p.add_argument("file", help="a document as received (plain text)")
    p.set_defaults(func=_run_clean)


def _run_build(args) -> int:
    from pathlib import Path

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


def add_build_options(p) -> None:
    add_corpus_option(p)
    add_graph_option(p, "where the dumps go")
    p.add_argument("--include-drafts", action="store_true",
                   help="also publish machine-drafted annotations, in their own named graphs")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the one-line summary")
    p.set_defaults(func=_run_build)


def _run_validate(args) -> int:
    from pathlib import Path

    from ..validate import validate_dumps

    report = validate_dumps(Path(args.graph_dir))
    if report.conforms:
        print(f"{args.graph_dir}: {report.summary()}.")
        return 0
    for result in report.results:
        print(result)
    print(f"{args.graph_dir}: {report.summary()}.", file=sys.stderr)
    return 1


def add_validate_options(p) -> None:
    add_graph_option(p, "the built graph: reads ashraf-kg.trig, else ashraf-kg.ttl")
    p.set_defaults(func=_run_validate)


def _run_stats(args) -> int:
    from pathlib import Path

    from ..export.dumps import read_dataset
    from ..export.stats import compute_stats, format_stats

    print(format_stats(compute_stats(read_dataset(Path(args.graph_dir)), top=args.top)), end="")
    return 0


def add_stats_options(p) -> None:
    add_graph_option(p, "the built graph")
    p.add_argument("--top", type=int, default=10, help="how many entities to list (default: 10)")
    p.set_defaults(func=_run_stats)


# Every command: the module of ``cli/`` that declares its options, and its line in
# ``--help``; in the order ``--help`` lists them.
COMMANDS = {
    "add": ("corpus", "add a document (plain text or saved HTML) or a folder of them"),
    "extract": ("corpus", "draft annotations of a document (statistical parse and rules)"),
    "review": ("corpus", "list proposed entities of a draft; accept or merge them"),
    "evaluate": ("corpus", "precision, recall and F1 of extraction vs curated"),
    "effort": ("corpus", "curation effort: draft.yaml against annotations.yaml"),
    "clean": ("commands", "print the cleaned article body of a raw document"),
    "build": ("commands", "read, anchor, build, validate and write graph/"),
    "validate": ("commands", "check the committed dumps against the SHACL shapes"),
    "stats": ("commands", "counts by graph and type, and the most connected entities"),
    "query": ("sparql", "run a SPARQL query (a named one, a file, or -e TEXT)"),
    "queries": ("sparql", "list the named queries, show one, or write their catalogue"),
    "store": ("store", "start, stop or show the resident store that answers one-shot queries "
                       "from memory"),
    "cache": ("cache", "show or clear the build and query cache (ASHRAF_KG_CACHE_DIR, else "
                       "~/.cache/ashraf-kg)"),
    "serve": ("sparql", "serve the graph read-only with Oxigraph server (SPARQL over HTTP)"),
    "push": ("sparql", "load the graph into a SPARQL store (Graph Store Protocol), replacing "
                       "its graphs"),
    "viz": ("network", "write the interactive network page (one self-contained HTML file)"),
    "analyze": ("network", "centrality, communities and brokers of the network"),
    "path": ("network", "the shortest explained paths between two nodes, with evidence per hop"),
    "export-network": ("network", "write the network as GraphML, GEXF or CSV node and edge lists"),
}


def add_options(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare command ``name``'s options on ``parser`` (its module imported now)."""
    from importlib import import_module

    module = import_module(f".{COMMANDS[name][0]}", __package__)
    getattr(module, f"add_{name.replace('-', '_')}_options")(parser)


def make_parser(command: str | None = None, *, options: bool = True) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or only ``command``'s (which parses
    that command's arguments exactly as the whole parser does).

    ``options=False`` leaves each command's own options out: such a parser reads a
    command line that names no command (``--help``, ``--version``, a misspelt command)
    exactly as the whole one does, without importing the commands' modules.
    """
    from .. import __version__

    parser = CommandParser(
        prog="ashraf-kg",
        description="Build, check, query and explore the ashraf-kg knowledge graph.")
    parser.add_argument("--version", action="version", version=f"ashraf-kg {__version__}")
    add_root_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (_, summary) in COMMANDS.items():
        if command is None or name == command:
            each = sub.add_parser(name, help=summary)
            if options:
                add_options(name, each)
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
    command = chosen_command(argv)
    # A command's options matter only to a command line that names it.
    parser = make_parser(command, options=command is not None or any(a in COMMANDS for a in argv))
    check_utf8(argv)
    args = parser.parse_args(argv)
    resolve_project_paths(args)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
