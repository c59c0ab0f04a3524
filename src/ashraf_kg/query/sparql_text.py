"""Reading SPARQL text without parsing it: past comments, strings and IRIs.

The one place that lexes query text: a query's form (SELECT, ASK, … or an update), its
SERVICE clauses, and the tokens that find its WHERE pattern. Light on purpose: the
command line checks a query's form before it loads a store or an HTTP client.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import QueryError

_SKIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                   r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_FORMS = re.compile(r"(?<![?$:\w])(SELECT|ASK|CONSTRUCT|DESCRIBE|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|"
                    r"COPY|MOVE|ADD|WITH)\b", re.I)


QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def check_query_form(query: str, *, where: str) -> str:
    """The form of a query, SELECT when none is found (the engine then reports the syntax
    error); raises QueryError for an update (INSERT, DELETE, …), which is not a query."""
    kind = query_form(query) or "SELECT"
    if kind not in QUERY_FORMS:
        raise QueryError(f"only SELECT, ASK, CONSTRUCT and DESCRIBE can be run, not {kind}",
                         where=where, hint="the graph is rebuilt from the corpus: change the "
                                           "annotations, then build (and push) again")
    return kind


_SERVICE = re.compile(r"(?<![?$:\w])SERVICE(?![\w:-])", re.I)
_ESCAPED = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@lru_cache(maxsize=512)  # a program runs the same texts again and again: read each once
def uses_service(query: str) -> bool:
    """Whether the query has a ``SERVICE`` clause (read past comments, strings, IRIs and
    ``\\u`` escapes, which SPARQL allows anywhere)."""
    decoded = _ESCAPED.sub(lambda m: chr(min(int(m[1] or m[2], 16), 0x10FFFF)), query)
    return bool(_SERVICE.search(blank_out(decoded)))


def check_service(query: str, *, where: str, allow: bool) -> None:
    """Raise QueryError for a SERVICE clause unless ``allow``: it makes the engine fetch
    from any server, or read local files, named in the query."""
    if not allow and uses_service(query):
        raise QueryError("SERVICE is refused: it makes the store fetch data from another "
                         "server (or a local file) named in the query", where=where,
                         hint="if you trust every SERVICE in the query, pass --allow-service")


@lru_cache(maxsize=512)
def query_form(query: str) -> str | None:
    """The form of a query or update (``SELECT``, ``ASK``, ``INSERT``, …), read past
    comments, strings and IRIs; None when there is none."""
    match = _FORMS.search(blank_out(query))
    return match.group(1).upper() if match else None


def blank_out(query: str) -> str:
    """The query with its comments, strings and IRIs blanked, so keywords found in it are real."""
    return _SKIP.sub(" ", query)


# The tokens that matter when looking for a query's WHERE pattern: words and braces, with
# comments, strings and IRIs in one group to step over.
TOKEN = re.compile(r'''(?P<skip>\#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                   r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>)'''
                   r'''|(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<open>\{)|(?P<close>\})''', re.S)
