"""Checked option values, and a parser whose every complaint is one ``Error:`` line.

argparse prints its usage and exits on a bad option; here a bad option, command or value
is an :class:`UsageError` like any other error of the project (one line, exit status 2),
with a pointer to the command's ``--help``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

from ..errors import AshrafKGError


class UsageError(AshrafKGError):
    """The command line itself is wrong: an unknown command or option, a bad value."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width without importing shutil.

    argparse makes a formatter for every argument it adds (to check its metavar), and each
    asks shutil for the width: importing shutil, with the compression modules it loads,
    was a twentieth of a one-shot query's own time.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, help_width() if width is None else width)


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser that raises :class:`UsageError` instead of printing usage and exiting."""

    def __init__(self, *args, formatter_class=HelpFormatter, **kwargs) -> None:
        super().__init__(*args, formatter_class=formatter_class, **kwargs)

    def error(self, message: str):
        raise UsageError(message, hint=f"see `{self.prog} --help`")


def help_width() -> int:
    """The width argparse gives its help, ``shutil.get_terminal_size().columns - 2``
    ($COLUMNS, else the terminal's width, else 80), found without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def seconds(text: str) -> float:
    """A finite number of seconds above 0 (``--timeout``)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"give a number of seconds above 0, not {text!r}")
    return value


def check_utf8(argv: list[str]) -> None:
    """Raise UsageError for an argument that is not valid UTF-8 (Python keeps such bytes as
    lone surrogates, which no file, query or terminal can take)."""
    for argument in argv:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = argument.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            raise UsageError(f"the argument {shown!r} is not valid UTF-8",
                             hint="check the terminal's character encoding") from None
