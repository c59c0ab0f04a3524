"""The ``ashraf-kg`` command: a thin shell over the library (see :mod:`.main`)."""

from .main import COMMANDS, main, make_parser

__all__ = ["COMMANDS", "main", "make_parser"]
