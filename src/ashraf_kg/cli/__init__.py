"""The ``ashraf-kg`` command: a thin shell over the library.

:func:`main` answers a one-shot query in the common form through :mod:`.quick` when a
resident store holds the dump, and runs every other command line through
:mod:`.commands`, whose ``COMMANDS`` and ``make_parser`` are imported on first use.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run one ``ashraf-kg`` command line (default: the process's arguments); its exit status.

    >>> main(["queries"])  # doctest: +SKIP
    0
    """
    from .quick import answer_quickly

    argv = sys.argv[1:] if argv is None else list(argv)
    status = answer_quickly(argv)
    if status is not None:
        return status
    from .commands import main as run_command

    return run_command(argv)


def __getattr__(name: str):
    if name in ("COMMANDS", "make_parser"):
        from . import commands

        return getattr(commands, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["COMMANDS", "main", "make_parser"]
