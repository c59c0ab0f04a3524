"""Query results: reading them from pyoxigraph, writing them for people and programs.

A :class:`ashraf_kg.query.query_result.QueryResult` keeps the terms as the store gave them:
pyoxigraph's for the embedded store, rdflib's from an endpoint. The writers read either
through :func:`term_parts`, so formatting an embedded answer never imports rdflib;
``result.rows`` and ``result.graph`` convert to rdflib on first use (an ``xsd:string``
literal becomes a plain ``Literal``, as SPARQL results JSON gives it).
:func:`format_result` writes a result in any of :data:`FORMATS`.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Mapping

from ..choices import GRAPH_FORMATS, RESULT_FORMATS
from ..errors import QueryError
from ..namespaces import compact as ns_compact
from .query_result import QueryResult

FORMATS = RESULT_FORMATS
GRAPH_ONLY = GRAPH_FORMATS

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_parts(term) -> tuple[str, str, str | None, str | None]:
    """``(kind, value, datatype, language)`` of a pyoxigraph or rdflib term.

    ``kind`` is ``"uri"``, ``"bnode"`` or ``"literal"``; a plain literal's datatype is
    ``xsd:string`` and a language-tagged one's ``rdf:langString``.

    >>> term_parts(pyoxigraph.Literal("7", datatype=pyoxigraph.NamedNode(XSD_INTEGER)))  # doctest: +SKIP
    ('literal', '7', 'http://www.w3.org/2001/XMLSchema#integer', None)
    """
    name = type(term).__name__
    if name in ("NamedNode", "URIRef"):
        return "uri", str(getattr(term, "value", term)), None, None
    if name in ("BlankNode", "BNode"):
        return "bnode", str(getattr(term, "value", term)), None, None
    if name != "Literal":
        raise QueryError(f"unsupported term in a result: {term!r}", hint="RDF-star terms are not supported")
    language = term.language or None
    datatype = term.datatype
    datatype = str(getattr(datatype, "value", datatype)) if datatype is not None else None
    if language:
        datatype = _RDF_LANG_STRING
    value = term.value if hasattr(term, "value") and not isinstance(term, str) else str(term)
    return "literal", str(value), datatype or _XSD_STRING, language


def to_rdflib(term):
    """An rdflib term for a pyoxigraph term (None stays None)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    kind, value, datatype, language = term_parts(term)
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if language:
        return Literal(value, lang=language)
    return Literal(value) if datatype == _XSD_STRING else Literal(value, datatype=URIRef(datatype))


class _ToRdflib:
    """Converts a result's terms to rdflib on demand, each distinct term once: the same
    IRIs and literals come back row after row, and making an rdflib term costs more than
    finding it."""

    def __init__(self) -> None:
        self.known: dict = {None: None}

    def term(self, term):
        try:
            return self.known[term]
        except KeyError:
            self.known[term] = made = to_rdflib(term)
            return made

    def rows(self, terms) -> tuple:
        return tuple(tuple(map(self.term, row)) for row in terms)

    def graph(self, triples):
        from rdflib import Graph

        from ..namespaces import bind_prefixes

        graph = Graph()
        bind_prefixes(graph)
        graph.addN((self.term(s), self.term(p), self.term(o), graph) for s, p, o in triples)
        return graph


_PARTS = operator.attrgetter("subject", "predicate", "object")


def from_oxigraph(answer, *, max_rows: int | None = None) -> QueryResult:
    """Read a whole pyoxigraph answer (solutions, boolean or triples) into a QueryResult.

    An answer of more than ``max_rows`` rows (or triples) is refused once the next one
    arrives, before it is all held in memory.
    """
    import itertools

    import pyoxigraph

    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    limited = answer if max_rows is None else itertools.islice(answer, max_rows + 1)
    if isinstance(answer, pyoxigraph.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        terms = _at_most(tuple(map(tuple, limited)), max_rows, "rows")  # map: no Python frame per row
        return QueryResult("select", variables=variables, terms=terms, convert=_ToRdflib())
    triples = _at_most(tuple(map(_PARTS, limited)), max_rows, "triples")
    return QueryResult("graph", triples=triples, convert=_ToRdflib())


def _at_most(items: tuple, max_rows: int | None, what: str) -> tuple:
    if max_rows is not None and len(items) > max_rows:
        raise QueryError(f"the answer has more than {max_rows} {what}",
                         hint="narrow it with LIMIT or parameters, or raise --max-rows")
    return items


def read_serialized(kind: str, payload: bytes, *, max_rows: int | None = None) -> QueryResult:
    """A QueryResult from SPARQL results JSON (``kind="results"``) or N-Triples (``"graph"``)."""
    import pyoxigraph

    if kind == "graph":
        return from_oxigraph(pyoxigraph.parse(payload, format=pyoxigraph.RdfFormat.N_TRIPLES),
                             max_rows=max_rows)
    return from_oxigraph(pyoxigraph.parse_query_results(payload, format=pyoxigraph.QueryResultsFormat.JSON),
                         max_rows=max_rows)


def to_ntriples(term) -> str:
    """A term in N-Triples syntax (also valid SPARQL)."""
    kind, value, datatype, language = term_parts(term)
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = '"' + "".join(_ESCAPES.get(c, c) for c in value) + '"'
    if language:
        return f"{text}@{language}"
    return text if datatype == _XSD_STRING else f"{text}^^<{datatype}>"


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def format_result(result: QueryResult, fmt: str = "table", *, labels: Mapping | None = None,
                  width: int | None = None) -> str:
    """Write a result as ``table`` (aligned), ``csv``, ``tsv``, ``json`` (SPARQL 1.1 results
    JSON), ``markdown``, or, for CONSTRUCT/DESCRIBE, ``turtle`` or ``ntriples``.

    A graph result in any tabular format (``table``, ``csv``, ``tsv``, ``json``,
    ``markdown``) has one row per triple, with the variables subject, predicate, object.
    The two formats for people (``table``, ``markdown``) show an IRI as ``labels[str(iri)]`` when
    given (see :func:`ashraf_kg.query.labels.find_labels`), else in short form
    (``id:person/…``), and a ``table`` fits ``width`` columns by cutting the longest cells;
    csv, tsv and json always give the terms themselves.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        if fmt == "turtle":
            return result.graph.serialize(format="turtle")
        if fmt == "ntriples":
            return "".join(sorted({" ".join(map(to_ntriples, t)) + " .\n" for t in result.triples}))
        triples = sorted(set(result.triples), key=lambda t: tuple(_sort_key(x) for x in t))
        result = QueryResult("select", variables=("subject", "predicate", "object"), terms=tuple(triples))
    elif fmt in GRAPH_ONLY:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE results",
                         hint="use table, csv, tsv, json or markdown")
    if fmt == "table":
        return _table(result, labels or {}, width)
    if fmt == "markdown":
        return _markdown(result, labels or {})
    return _WRITERS[fmt](result)


def _sort_key(term) -> tuple:
    kind, value, _, _ = term_parts(term)
    return ({"bnode": "BNode", "literal": "Literal", "uri": "URIRef"}[kind], value)


def _json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [{var: _json_term(value) for var, value in zip(result.variables, row, strict=False)
                 if value is not None}
                for row in result.terms]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_term(term) -> dict:
    kind, value, datatype, language = term_parts(term)
    entry = {"type": kind, "value": value}
    if language:
        entry["xml:lang"] = language
    elif kind == "literal" and datatype != _XSD_STRING:
        entry["datatype"] = datatype
    return entry


def _csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: RFC 4180 with CRLF line ends, laid out as Python's csv.writer lays it
    out (a field quoted when it holds a comma, a quote or a line break; a row of one empty
    field written ""), but with each term's field made once: the csv module took longer
    over a big answer than the store took to find it."""
    if result.kind == "ask":
        return f"boolean\r\n{'true' if result.boolean else 'false'}\r\n"
    cell = _once(lambda term: _csv_field(_csv_cell(term)))
    rows = (",".join(map(cell, row)) for row in result.terms)
    if len(result.variables) == 1:
        rows = (line or '""' for line in rows)
    return "\r\n".join([",".join(map(_csv_field, result.variables)), *rows]) + "\r\n"


_CSV_SPECIAL = re.compile(r'[,"\r\n]')


def _csv_field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if _CSV_SPECIAL.search(text) else text


def _csv_cell(term) -> str:
    if term is None:
        return ""
    if type(term).__name__ in ("NamedNode", "Literal") and not isinstance(term, str):
        return term.value  # pyoxigraph's IRI or lexical form, without making its datatype
    kind, value, _, _ = term_parts(term)
    return f"_:{value}" if kind == "bnode" else value


def _once(write):
    """``write`` remembering what it wrote for each term: the same IRIs and literals come
    back row after row, and reading a term's parts costs more than looking it up."""
    written: dict = {}

    def cell(term) -> str:
        try:
            return written[term]
        except KeyError:
            written[term] = text = write(term)
            return text

    return cell


def _tsv(result: QueryResult) -> str:
    if result.kind == "ask":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    cell = _once(lambda v: "" if v is None else to_ntriples(v).replace("\t", "\\t"))
    lines += ["\t".join(map(cell, row)) for row in result.terms]
    return "\n".join(lines) + "\n"


def compact(term) -> str:
    """A short form for reading: ``id:person/nouri-al-maliki``, ``schema:Place``, the lexical
    form of a literal, ``_:b0`` for a blank node, empty for unbound."""
    if term is None:
        return ""
    kind, value, _, _ = term_parts(term)
    if kind == "uri":
        return ns_compact(value) or f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    return " ".join(value.split()) if "\n" in value else value


def _cell(term, labels: Mapping[str, str]) -> str:
    text = None
    if term is not None and labels:
        kind, value, _, _ = term_parts(term)
        text = labels.get(value) if kind == "uri" else None
    return compact(term) if text is None else " ".join(text.split())


def _cells(result: QueryResult, labels: Mapping) -> tuple[list[str], list[list[str]]]:
    if result.kind == "ask":
        return ["boolean"], [["true" if result.boolean else "false"]]
    return list(result.variables), [[_cell(v, labels) for v in row] for row in result.terms]


def fit_widths(widths: list[int], floors: list[int], limit: int) -> list[int]:
    """Column widths summing (with two spaces between columns) to at most ``limit``: the
    widest columns are cut first, none below its floor.

    >>> fit_widths([40, 5, 100], [8, 5, 8], 60)
    [26, 5, 25]
    """
    room = limit - 2 * (len(widths) - 1)

    def total(cap):
        return sum(min(w, max(cap, f)) for w, f in zip(widths, floors, strict=True))

    if total(max(widths, default=0)) <= room:
        return list(widths)
    low, high = 0, max(widths)
    while low < high:  # the largest cap that fits
        middle = (low + high + 1) // 2
        low, high = (middle, high) if total(middle) <= room else (low, middle - 1)
    fitted = [min(w, max(low, f)) for w, f in zip(widths, floors, strict=True)]
    spare = room - sum(fitted)
    for i, w in enumerate(widths):  # hand what is left to the cut columns, left first
        if fitted[i] < w and spare > 0:
            fitted[i], spare = fitted[i] + 1, spare - 1
    return fitted


def _floors(widths: list[int], header: list[str], limit: int) -> list[int]:
    """How narrow each column may become: its header or 12 characters, or, when the
    terminal cannot give every column that much, an equal share (at least 4)."""
    floors = [min(w, max(len(h), 12)) for w, h in zip(widths, header, strict=True)]
    room = limit - 2 * (len(widths) - 1)
    if sum(floors) <= room:
        return floors
    return [min(w, max(4, room // max(len(widths), 1))) for w in widths]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def _table(result: QueryResult, labels: Mapping, width: int | None = None) -> str:
    header, rows = _cells(result, labels)
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    if width is not None:
        widths = fit_widths(widths, _floors(widths, header, width), width)
    lines = ["  ".join(_cut(h, w).ljust(w) for h, w in zip(header, widths, strict=False)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_cut(c, w).ljust(w) for c, w in zip(row, widths, strict=False)).rstrip()
              for row in rows]
    return "\n".join(lines) + "\n"


def _markdown(result: QueryResult, labels: Mapping) -> str:
    header, rows = _cells(result, labels)

    def line(cells):
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), "|" + "|".join(" --- " for _ in header) + "|",
                      *(line(r) for r in rows)]) + "\n"


_WRITERS = {"csv": _csv, "tsv": _tsv, "json": _json}
