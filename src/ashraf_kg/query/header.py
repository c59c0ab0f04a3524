"""A query's header comment read into a NamedQuery: its title, question and parameters.

A function of the text alone, apart from :mod:`.named` (which finds the files) because the
quick path of a one-shot query (:mod:`ashraf_kg.cli.quick`) reads its one query file itself
and imports no pathlib.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ..errors import QueryError

PARAMETER_TYPES = ("iri", "string", "integer", "decimal", "boolean", "date", "dateTime", "auto")


# Named tuples, not dataclasses: a one-shot query reads its query here, and importing
# dataclasses (with inspect and ast) was a tenth of that process's start-up.
class QueryParameter(namedtuple("QueryParameter", "name type default meaning", defaults=("auto", None, ""))):
    """A parameter declared in a query header: ``# param: name (type, default value): meaning``.

    ``name``, ``type`` (default ``auto``), ``default`` (a string, or None) and ``meaning``.
    """

    __slots__ = ()


class NamedQuery(namedtuple("NamedQuery", "name text source title question parameters",
                            defaults=("", "", ()))):
    """A query's text with what its header says: ``name``, ``text``, ``source`` (the file, or
    ``<inline>``), ``title``, ``question`` and ``parameters`` (QueryParameter, in order)."""

    __slots__ = ()

    def parameter(self, name: str) -> QueryParameter | None:
        return next((p for p in self.parameters if p.name == name), None)


# Patterns, not compiled at import: re compiles each on first use (and keeps it), and a
# one-shot query whose store reads the header never uses them.
_HEADER = r"^#\s*(title|question|param):\s*(.*)$"
_PARAM = (r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>[A-Za-z]+)"
          r"(?:\s*,\s*default\s+(?P<default>.+?))?\)\s*:\s*(?P<meaning>.+)$")


def parse_query(text: str, *, name: str = "<inline>", source: str = "<inline>") -> NamedQuery:
    """Read the header comment of a query (title, question, parameters) into a NamedQuery."""
    fields: dict[str, str] = {}
    parameters: list[QueryParameter] = []
    last = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        match = re.match(_HEADER, line)
        if match:
            key, value = match.groups()
            if key == "param":
                parameters.append(_parse_parameter(value.strip(), f"{source}:{number}"))
            else:
                fields[key] = value.strip()
            last = key
        elif last and line[1:].strip():  # a continuation line
            if last == "param":
                previous = parameters[-1]
                parameters[-1] = previous._replace(meaning=f"{previous.meaning} {line[1:].strip()}")
            else:
                fields[last] += " " + line[1:].strip()
    return NamedQuery(name, text, source, fields.get("title", ""), fields.get("question", ""),
                      tuple(parameters))


def _parse_parameter(spec: str, where: str) -> QueryParameter:
    match = re.match(_PARAM, spec)
    if not match:
        raise QueryError(f"malformed parameter line {spec!r}", where=where,
                         hint="write `# param: name (type, default value): meaning`")
    if match["type"] not in PARAMETER_TYPES:
        raise QueryError(f"unknown parameter type {match['type']!r}", where=where,
                         hint=f"use one of {', '.join(PARAMETER_TYPES)}")
    return QueryParameter(match["name"], match["type"], match["default"], match["meaning"].strip())


def is_query_name(name: str) -> bool:
    """Whether ``name`` is a plain ``<verb>_<what>`` name, surely a query file's stem."""
    return name.isascii() and name.islower() and name.replace("_", "").isalnum()


def looks_inline(spec: str) -> bool:
    """Whether ``spec`` is a query's text rather than a name or a file."""
    return "{" in spec or bool(re.match(r"\s*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.I))
