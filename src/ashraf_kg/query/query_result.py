"""What a SPARQL query returned: :class:`QueryResult`, whichever store answered it.

A module of its own, importing nothing: every query process makes one, and the pipeline's
data model (:mod:`ashraf_kg.model`, with dataclasses, inspect and the vocabulary) was a
quarter of a one-shot query's start-up on the disk cache.
"""

from __future__ import annotations


class QueryResult:
    """What a SPARQL query returned, whichever store answered it.

    ``kind`` is ``"select"`` (``variables``, and rows of terms or ``None``), ``"ask"``
    (``boolean``) or ``"graph"`` (triples, for CONSTRUCT/DESCRIBE).

    ``terms`` (rows) and ``triples`` are the terms as the store gave them (pyoxigraph's
    for the embedded store), read by the formatters without conversion. ``rows`` and
    ``graph`` are the same as rdflib terms and an rdflib ``Graph``, made on first use
    only: a caller that formats or counts the answer never pays for them.
    """

    __slots__ = ("kind", "variables", "boolean", "terms", "triples", "_convert", "_rows", "_graph")

    def __init__(self, kind: str, *, variables: tuple[str, ...] = (), rows=None,
                 boolean: bool | None = None, graph=None, terms=None, triples=None,
                 convert=None) -> None:
        self.kind = kind
        self.variables = tuple(variables)
        self.boolean = boolean
        self._rows = None if rows is None else tuple(rows)
        self._graph = graph
        self.terms = self._rows if terms is None else terms
        self.triples = tuple(graph) if triples is None and graph is not None else (triples or ())
        if self.terms is None:
            self.terms = ()
        self._convert = convert

    @property
    def rows(self) -> tuple[tuple[object, ...], ...]:
        """The rows as rdflib terms (``None`` where unbound)."""
        if self._rows is None:
            self._rows = self._convert.rows(self.terms) if self._convert else self.terms
        return self._rows

    @property
    def graph(self):
        """A CONSTRUCT/DESCRIBE answer as an rdflib ``Graph`` (``None`` for other kinds)."""
        if self._graph is None and self.kind == "graph" and self._convert is not None:
            self._graph = self._convert.graph(self.triples)
        return self._graph

    def __eq__(self, other) -> bool:
        """Equal answers: the same kind, variables and boolean, and the same rdflib rows or triples."""
        if not isinstance(other, QueryResult):
            return NotImplemented
        return ((self.kind, self.variables, self.boolean) == (other.kind, other.variables, other.boolean)
                and self.rows == other.rows
                and (self.kind != "graph" or set(self.graph) == set(other.graph)))

    __hash__ = None

    def __repr__(self) -> str:
        size = f"{len(self.terms)} rows" if self.kind == "select" else (
            f"{len(self.triples)} triples" if self.kind == "graph" else str(self.boolean))
        return f"QueryResult({self.kind}, {size})"
