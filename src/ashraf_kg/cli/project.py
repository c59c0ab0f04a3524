"""Where the project is: found from any folder inside it, as git finds its repository.

A project is a folder holding ``corpus/registry.yaml`` or ``graph/ashraf-kg.nq``. Every
command looks for one in the current folder and then in each folder above it, or takes
``--root DIR``. Path options left unset (``--corpus-dir``, ``--graph-dir``, ``viz
--output``) then mean the project's ``corpus/`` and ``graph/``; paths given on the
command line are read as typed, from the current folder.
"""

from __future__ import annotations

import argparse

from ..places import find_project_root

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from pathlib import Path

_PROJECT_DIRS = {"corpus_dir": "corpus", "graph_dir": "graph"}


def find_root(start: Path) -> Path | None:
    """The nearest folder, ``start`` or above it, that holds one of :data:`ashraf_kg.places.PROJECT_MARKERS`."""
    from pathlib import Path

    found = find_project_root(start)
    return None if found is None else Path(found)


def add_root_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """``--root DIR``, accepted before the command and after it."""
    parser.add_argument("--root", metavar="DIR", default=None if top else argparse.SUPPRESS,
                        help="the project folder (default: the nearest folder, here or above, "
                             "holding corpus/registry.yaml or graph/ashraf-kg.nq)")


def add_corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus-dir", default=None, metavar="DIR",
                        help="the corpus folder (default: the project's corpus/)")


def add_graph_option(parser: argparse.ArgumentParser, what: str = "the built graph") -> None:
    parser.add_argument("--graph-dir", default=None, metavar="DIR",
                        help=f"{what} (default: the project's graph/)")


def resolve_project_paths(args: argparse.Namespace) -> None:
    """Fill the path options left unset with the project's folders (in place).

    When the project is the current folder, the paths stay relative (``corpus``), so
    messages name them as a user would type them.
    """
    from pathlib import Path  # not at start-up: `--help` needs no path

    from ..errors import AshrafKGError

    cwd = Path.cwd().resolve()
    if getattr(args, "root", None):
        root = Path(args.root)
        if not root.is_dir():
            raise AshrafKGError("no such folder", where=str(root), hint="give --root the project folder")
    else:
        root = find_root(cwd) or cwd
    for option, name in _PROJECT_DIRS.items():
        if hasattr(args, option) and getattr(args, option) is None:
            setattr(args, option, Path(name) if root.resolve() == cwd else root / name)
