"""Checked option values, and a parser whose every complaint is one ``Error:`` line.

argparse prints its usage and exits on a bad option; here a bad option, command or value
is an :class:`UsageError` like any other error of the project (one line, exit status 2),
with a pointer to the command's ``--help``.
"""

from __future__ import annotations

import argparse
import math

from ..errors import AshrafKGError


class UsageError(AshrafKGError):
    """The command line itself is wrong: an unknown command or option, a bad value."""


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser that raises :class:`UsageError` instead of printing usage and exiting."""

    def error(self, message: str):
        raise UsageError(message, hint=f"see `{self.prog} --help`")


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
