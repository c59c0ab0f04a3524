"""Run SPARQL queries: the named ones in ``queries/``, a file, or inline text.

A query runs embedded (the dump in pyoxigraph, see :mod:`ashraf_kg.query.store`) or on any
SPARQL 1.1 endpoint (:func:`ashraf_kg.query.endpoint.query_endpoint`); both see the union of
the named graphs as the default graph. Parameters are bound as a ``VALUES`` block at the
top of the ``WHERE`` pattern, made from RDF terms, so a value can never change the
query's shape.

>>> result = run_query("list_timeline")  # doctest: +SKIP
>>> print(format_result(result, "table"))  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache

from ..errors import QueryError, check_at_least
from ..namespaces import ALL_PREFIXES, ID_NAMESPACE
from .execute import MAX_ROWS, check_syntax, evaluate, run_embedded  # noqa: F401  (re-exported)
from .named import (  # noqa: F401  (re-exported: the catalogue's names are also run's)
    PARAMETER_TYPES,
    NamedQuery,
    QueryParameter,
    list_queries,
    parse_query,
    resolve_query,
)
from .query_result import QueryResult
from .results import FORMATS, format_result, from_oxigraph, to_ntriples  # noqa: F401  (re-exported)
from .sparql_text import TOKEN as _TOKEN

_XSD = "http://www.w3.org/2001/XMLSchema#"
# The lexical forms each typed parameter accepts (XML Schema 1.1 Part 2). These patterns
# and the two below are compiled by re on first use (and kept in its cache), not at
# import: most queries bind no typed value, and compiling them all was 1 ms of start-up.
_LEXICAL = {
    "integer": r"[+-]?[0-9]+",
    "decimal": r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)",
    "boolean": r"true|false|1|0",
    "date": r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?",
    "dateTime": r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?",
}
_KNOWN_PREFIXES = ALL_PREFIXES


# --- parameters -------------------------------------------------------------------------

_IRI_FORBIDDEN = r'[\x00-\x20<>"{}|^`\\]'
_SCHEME = r"^[A-Za-z][A-Za-z0-9+.-]*:"


def make_term(value: str, type_: str = "auto", *, name: str = "value"):
    """The RDF term (a pyoxigraph term) a parameter value stands for.

    ``auto``: ``<…>`` or ``http(s)://…`` is an IRI, anything else a plain literal.
    ``iri`` also takes ``prefix:local`` (project prefixes) and ``kind/slug`` (an id).

    >>> make_term("https://w3id.org/ashraf-kg/id/place/camp-ashraf")
    <NamedNode value=https://w3id.org/ashraf-kg/id/place/camp-ashraf>
    >>> make_term('x" } ; DROP ALL ; #')
    <Literal value=x" } ; DROP ALL ; # datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    import pyoxigraph

    if type_ == "auto":
        is_iri = (value.startswith("<") and value.endswith(">")) or re.match(r"https?://", value)
        return _make_iri(value, name) if is_iri else pyoxigraph.Literal(value)
    if type_ == "iri":
        return _make_iri(value, name)
    if type_ == "string":
        return pyoxigraph.Literal(value)
    if not re.fullmatch(_LEXICAL[type_], value) or not _valid_calendar(value, type_):
        raise QueryError(f"parameter {name}: {value!r} is not a valid {type_}",
                         hint=f"give an xsd:{type_} value")
    return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(_XSD + type_))


def _valid_calendar(value: str, type_: str) -> bool:
    """Whether a date or dateTime names a real day (the pattern alone accepts 2013-02-30)."""
    if type_ not in ("date", "dateTime"):
        return True
    import calendar

    year, month, day = (int(part) for part in re.match(r"-?([0-9]+)-([0-9]{2})-([0-9]{2})", value).groups())
    # The Gregorian calendar repeats every 400 years, so leap years survive the shift.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000 + year % 400, month)[1]


def _make_iri(value: str, name: str):
    import pyoxigraph

    text = value[1:-1] if value.startswith("<") and value.endswith(">") else value
    prefix, _, local = text.partition(":")
    if prefix in _KNOWN_PREFIXES and not local.startswith("//"):
        text = _KNOWN_PREFIXES[prefix] + local
    elif not re.match(_SCHEME, text):
        text = ID_NAMESPACE + text  # an id, "person/nouri-al-maliki"
    if re.search(_IRI_FORBIDDEN, text):
        raise QueryError(f"parameter {name}: {value!r} is not a valid IRI",
                         hint='an IRI may not contain spaces or any of <>"{}|^`\\')
    try:
        return pyoxigraph.NamedNode(text)
    except ValueError as error:
        raise QueryError(f"parameter {name}: {value!r} is not a valid IRI ({error})",
                         hint="give an absolute IRI, prefix:local or kind/slug") from None


def bind_parameters(query: NamedQuery, params: Mapping[str, object] | None = None) -> str:
    """The query text with its parameters bound by a ``VALUES`` block at the top of ``WHERE``.

    Values are strings (typed by the header, else by :func:`make_term`) or rdflib terms.
    Declared parameters without a value take their default; without a default they stay unbound.
    The text bound is remembered (a program runs the same query with the same values again
    and again, and binding took a fifth of a small query's own time).
    """
    key = _binding_key(query, params)
    text = _bound.get(key) if key is not None else None
    if text is None:
        text = _bind(query, params)
        if key is not None:
            if len(_bound) >= 1024:
                _bound.clear()
            _bound[key] = text
    return text


def _binding_key(query: NamedQuery, params: Mapping[str, object] | None) -> tuple | None:
    """What the bound text depends on: the query's text, file and declared parameters (a
    NamedQuery may be made by hand), and the values with their types (``1`` is not
    ``True``); None when a value cannot be a key."""
    values = tuple((n, type(v), v) for n, v in sorted((params or {}).items()))
    key = (query.text, query.source, query.parameters, values)
    try:
        hash(key)
    except TypeError:
        return None
    return key


_bound: dict[tuple, str] = {}


def _bind(query: NamedQuery, params: Mapping[str, object] | None) -> str:
    params = dict(params or {})
    declared = {p.name for p in query.parameters}
    for name in params:
        if declared and name not in declared:
            raise QueryError(f"{query.name} has no parameter {name!r}",
                             hint=f"its parameters: {', '.join(sorted(declared))}")
        if not declared and not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            raise QueryError(f"the query has no variable ?{name}", hint="check the parameter name")
    terms = {}
    for parameter in query.parameters:
        if parameter.name not in params and parameter.default is not None:
            params[parameter.name] = parameter.default
    for name, value in params.items():
        declared_type = query.parameter(name).type if query.parameter(name) else "auto"
        terms[name] = value if not isinstance(value, str) else make_term(value, declared_type, name=name)
    if not terms:
        return query.text
    block = " ".join(f"VALUES ?{name} {{ {_sparql_term(term)} }}" for name, term in sorted(terms.items()))
    position = _where_brace(query.text, query.source)
    return f"{query.text[:position + 1]} {block}{query.text[position + 1:]}"


def _sparql_term(term) -> str:
    """A bound value in SPARQL syntax: rdflib terms know theirs, pyoxigraph terms are N-Triples."""
    return term.n3() if hasattr(term, "n3") else to_ntriples(term)


@lru_cache(maxsize=512)  # the same query is bound again and again: find its pattern once
def _where_brace(text: str, source: str) -> int:
    """Offset of the ``{`` that opens the query's WHERE pattern (comments, strings, IRIs skipped)."""
    depth, form, after_where, template_done = 0, None, False, False
    for match in _TOKEN.finditer(text):
        word = (match["word"] or "").upper()
        if depth == 0 and form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = word
        elif depth == 0 and form and word == "WHERE":
            if form == "CONSTRUCT" and not template_done:
                break  # CONSTRUCT WHERE { … }: the pattern is also the template
            after_where = True
        elif match["open"]:
            if depth == 0 and form and (after_where or form != "CONSTRUCT" or template_done):
                return match.start()
            depth += 1
        elif match["close"]:
            depth -= 1
            template_done = template_done or (depth == 0 and form == "CONSTRUCT")
    raise QueryError("cannot bind parameters: the query has no separate WHERE pattern",
                     where=source, hint="write the query as … WHERE { … }")


# --- running ------------------------------------------------------------------------------

def run_query(query: str | NamedQuery, *, store=None, graph_dir: str | os.PathLike | None = None,
              storage: str = "memory", endpoint: str | None = None,
              params: Mapping[str, object] | None = None, timeout: float | None = None,
              user: str | None = None, password: str | None = None,
              auth: str = "digest", allow_service: bool = False,
              max_rows: int | None = MAX_ROWS) -> QueryResult:
    """Run a query (name, file, inline text or NamedQuery) embedded, or on ``endpoint``.

    Embedded, it uses ``store`` (a pyoxigraph Store) or the store of the dump in
    ``graph_dir`` (default ``graph/``) in ``storage`` ("memory", parsed once per process,
    or "disk", the cache kept between processes; see :mod:`ashraf_kg.query.store`), with the
    union of named graphs as default graph. ``timeout`` (seconds) stops the query: on
    the disk cache, in a worker process that is then terminated; in memory or on a given
    ``store``, in a thread that is abandoned; remotely, the HTTP request (300 s when
    not given, so that a server that never answers cannot hang the caller). Parsing the
    dump or building the disk cache before the query is not counted. ``user``,
    ``password`` and ``auth`` ("digest" or "basic") are the endpoint's credentials.
    Embedded, a query using ``SERVICE`` (which fetches from other servers or files) is
    refused unless ``allow_service``; an endpoint applies its own policy. An embedded
    answer of more than ``max_rows`` rows (default a million; None for no limit) is
    refused rather than held in memory; a remote one is limited in bytes (see
    :func:`ashraf_kg.query.endpoint.query_endpoint`).

    >>> run_query("list_people_by_post", params={"organization": "organization/qods-force"})  # doctest: +SKIP
    """
    named = query if isinstance(query, NamedQuery) else resolve_query(query)
    if timeout is not None and not (timeout > 0 and timeout != float("inf")):  # nan fails both
        raise QueryError(f"timeout must be a number of seconds above 0, not {timeout}",
                         hint="give seconds, e.g. --timeout 30")
    from .labels import make_lookup, resolve_parameters

    params = resolve_parameters(named, params, make_lookup(
        store=store, graph_dir=graph_dir, storage=storage, endpoint=endpoint, user=user,
        password=password, auth=auth))
    if endpoint is not None:
        from .endpoint import DEFAULT_TIMEOUT, query_endpoint

        bound = bind_parameters(named, params)
        text = _declare_prefixes(bound)
        limit = timeout if timeout is not None else DEFAULT_TIMEOUT
        try:
            return query_endpoint(endpoint, text, timeout=limit, user=user, password=password,
                                  auth=auth)
        except QueryError as error:
            added = text.count("\n") - bound.count("\n")
            if not added or "rejected the query" not in error.message:
                raise
            raise QueryError(error.message, where=error.where,
                             hint=f"the server's line numbers count the {added} PREFIX "
                                  f"line{'s' if added > 1 else ''} sent before the query text") from None
    if max_rows is not None:
        check_at_least(max_rows, 0, "max_rows", QueryError)
    return run_embedded(named, bind_parameters(named, params), store=store, graph_dir=graph_dir,
                        storage=storage, timeout=timeout, allow_service=allow_service,
                        max_rows=max_rows)


def _declare_prefixes(text: str) -> str:
    """Add PREFIX lines for the project prefixes the text uses without declaring them."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([A-Za-z][\w.-]*)?:", text, re.I)}
    used = [p for p in _KNOWN_PREFIXES if p not in declared and re.search(rf"(?<![\w?$]){p}:", text)]
    lines = "".join(f"PREFIX {p}: <{_KNOWN_PREFIXES[p]}>\n" for p in used)
    return lines + text
