"""Query results: reading them from pyoxigraph, writing them for people and programs.

Every store answers with a :class:`ashraf_kg.model.QueryResult` of rdflib terms; an
``xsd:string`` literal is a plain ``Literal`` (no datatype), as SPARQL results JSON gives it.
:func:`format_result` writes one in any of :data:`FORMATS`.
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..errors import QueryError
from ..model import QueryResult
from ..namespaces import ID, PREFIXES, bind_prefixes
from ..vocab import GRAPH_FORMATS, RESULT_FORMATS

FORMATS = RESULT_FORMATS
GRAPH_ONLY = GRAPH_FORMATS


_XSD_STRING = str(XSD.string)


def to_rdflib(term):
    """An rdflib term for a pyoxigraph term (None stays None)."""
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value
        if term.language:
            return Literal(term.value, lang=term.language)
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in a result: {term!r}", hint="RDF-star terms are not supported")


def _memoised_to_rdflib():
    """:func:`to_rdflib` remembering its answers for one result: the same IRIs and literals
    come back row after row, and making an rdflib term costs more than finding it."""
    known: dict = {None: None}

    def convert(term):
        try:
            return known[term]
        except KeyError:
            known[term] = made = to_rdflib(term)
            return made

    return convert


def from_oxigraph(answer) -> QueryResult:
    """Read a whole pyoxigraph answer (solutions, boolean or triples) into a QueryResult."""
    import pyoxigraph

    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    convert = _memoised_to_rdflib()
    if isinstance(answer, pyoxigraph.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(map(convert, solution)) for solution in answer)
        return QueryResult("select", variables=variables, rows=rows)
    graph = Graph()
    bind_prefixes(graph)
    graph.addN((convert(t.subject), convert(t.predicate), convert(t.object), graph) for t in answer)
    return QueryResult("graph", graph=graph)


def read_serialized(kind: str, payload: bytes) -> QueryResult:
    """A QueryResult from SPARQL results JSON (``kind="results"``) or N-Triples (``"graph"``)."""
    import pyoxigraph

    if kind == "graph":
        return from_oxigraph(pyoxigraph.parse(payload, format=pyoxigraph.RdfFormat.N_TRIPLES))
    return from_oxigraph(pyoxigraph.parse_query_results(payload, format=pyoxigraph.QueryResultsFormat.JSON))


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Write a result as ``table`` (aligned), ``csv``, ``tsv``, ``json`` (SPARQL 1.1 results
    JSON), ``markdown``, or, for CONSTRUCT/DESCRIBE, ``turtle`` or ``ntriples``.

    A graph result in a tabular format has one row per triple (subject, predicate, object).
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        if fmt == "turtle":
            return result.graph.serialize(format="turtle")
        if fmt == "ntriples":
            return "".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in result.graph))
        if fmt == "json":
            raise QueryError("a CONSTRUCT or DESCRIBE result is a graph, not a table",
                             hint="use --format turtle or ntriples")
        result = QueryResult("select", variables=("subject", "predicate", "object"),
                             rows=tuple(sorted(result.graph, key=lambda t: tuple(_sort_key(x) for x in t))))
    elif fmt in GRAPH_ONLY:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE results",
                         hint="use table, csv, tsv, json or markdown")
    return _WRITERS[fmt](result)


def _sort_key(term) -> tuple:
    return (type(term).__name__, str(term))


def _json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [{var: _json_term(value) for var, value in zip(result.variables, row, strict=False) if value is not None}
                for row in result.rows]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    entry = {"type": "literal", "value": str(term)}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        entry["datatype"] = str(term.datatype)
    return entry


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # SPARQL 1.1 CSV: RFC 4180 line ends
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buffer.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if v is None else (f"_:{v}" if isinstance(v, BNode) else str(v)) for v in row])
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    if result.kind == "ask":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if v is None else v.n3().replace("\t", "\\t") for v in row))
    return "\n".join(lines) + "\n"


_COMPACT = sorted(((str(ns), prefix) for prefix, ns in [*PREFIXES.items(), ("id", ID)]),
                  key=lambda pair: -len(pair[0]))


def compact(term) -> str:
    """A short form for reading: ``id:person/nouri-al-maliki``, ``schema:Place``, the lexical
    form of a literal, ``_:b0`` for a blank node, empty for unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for namespace, prefix in _COMPACT:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split()) if "\n" in term else str(term)


def _cells(result: QueryResult) -> tuple[list[str], list[list[str]]]:
    if result.kind == "ask":
        return ["boolean"], [["true" if result.boolean else "false"]]
    return list(result.variables), [[compact(v) for v in row] for row in result.rows]


def _table(result: QueryResult) -> str:
    header, rows = _cells(result)
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=False)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def _markdown(result: QueryResult) -> str:
    header, rows = _cells(result)

    def line(cells):
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), "|" + "|".join(" --- " for _ in header) + "|",
                      *(line(r) for r in rows)]) + "\n"


_WRITERS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "markdown": _markdown}
