"""The analyst's words: names in, labels out.

A parameter may name its entity as people do — ``Suleimani``, ``Camp Ashraf``, ``MEK`` —
and is resolved through the labels and aliases of the graph (the registry's
``skos:prefLabel``/``skos:altLabel``, every ``rdfs:label``); an id or IRI that the graph
does not hold is an error with the closest names, not a query that quietly matches
nothing. An answer's IRIs can be shown as what they stand for: an entity or event by its
label, a document by its headline, a claim by the words it quotes.

Both work through ``lookup``, a function that runs a SELECT on the store the query
runs on (embedded or an endpoint) and returns its :class:`~ashraf_kg.query.query_result.QueryResult`.

>>> resolve_name("Suleimani", lookup)          # doctest: +SKIP
'https://w3id.org/ashraf-kg/id/person/qassem-suleimani'

Terms are read through :func:`~ashraf_kg.query.results.term_parts`, so this works on the
store's own terms and loads no rdflib.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping

from ..errors import QueryError
from ..namespaces import ID_NAMESPACE
from .named import NamedQuery
from .query_result import QueryResult
from .results import term_parts, to_ntriples

Lookup = Callable[[str], QueryResult]

_REGISTRY_KINDS = ("person", "organization", "group", "place", "thing")
_ID_LIKE = re.compile(r"^[a-z][a-z0-9-]*/\S+$")
_IRI_LIKE = re.compile(r"^(<.*>|[A-Za-z][A-Za-z0-9+.-]*:\S*)$")
_ID = ID_NAMESPACE

_NAMES = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?thing ?name WHERE { ?thing skos:prefLabel|skos:altLabel|rdfs:label ?name }
"""

# Ranked ways of showing a thing: its preferred label, any label, a document's headline,
# the words a claim (or any statement) is drawn from.
_LABELS = """\
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?thing ?rank ?text WHERE {
  VALUES ?thing { %s }
  { ?thing skos:prefLabel ?text BIND(1 AS ?rank) }
  UNION { ?thing rdfs:label ?text BIND(2 AS ?rank) }
  UNION { ?thing schema:headline ?text BIND(3 AS ?rank) }
  UNION { ?thing prov:wasDerivedFrom/oa:hasTarget/oa:hasSelector/oa:exact ?text BIND(4 AS ?rank) }
}
"""
_QUOTED_RANK = 4
_BATCH = 400  # IRIs per label look-up, to keep each request small


def looks_like_name(value: str) -> bool:
    """True for ``Suleimani`` or ``Camp Ashraf``; False for an id (``person/x``) or an IRI."""
    return not (_ID_LIKE.match(value) or _IRI_LIKE.match(value))


def _iri(term) -> str | None:
    kind, value, _, _ = term_parts(term)
    return value if kind == "uri" else None


def _read_names(lookup: Lookup) -> dict[str, set[str]]:
    """Every label and alias (case-folded, spaces collapsed) with the IRIs it names."""
    names: dict[str, set[str]] = {}
    for thing, name in lookup(_NAMES).terms:
        kind, text, _, _ = term_parts(name)
        if _iri(thing) and kind == "literal":
            names.setdefault(" ".join(text.split()).casefold(), set()).add(_iri(thing))
    return names


def _kind(iri: str) -> str:
    return iri[len(_ID):].split("/", 1)[0] if iri.startswith(_ID) else ""


def _short(iri: str) -> str:
    return iri[len(_ID):] if iri.startswith(_ID) else f"<{iri}>"


def resolve_name(name: str, lookup: Lookup, *, parameter: str = "value") -> str:
    """The IRI of the thing called ``name`` (a label or alias, any case), preferring registry
    entities (people, organisations, groups, places, things) over events and the rest; a
    name no label equals may still be the whole words of exactly one label.

    Raises QueryError when nothing or more than one thing has that name.
    """
    names = _read_names(lookup)
    key = " ".join(name.split()).casefold()
    found = names.get(key, set())
    if not found:
        words = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
        found = {t for label, things in names.items() if words.search(label) for t in things}
    entities = {t for t in found if _kind(t) in _REGISTRY_KINDS}
    found = entities or found
    if len(found) == 1:
        return next(iter(found))
    if found:
        listed = ", ".join(sorted(_short(t) for t in found))
        raise QueryError(f"parameter {parameter}: {name!r} names more than one thing: {listed}",
                         hint="give the full name or the id")
    raise QueryError(f"parameter {parameter}: nothing in the graph is called {name!r}",
                     hint=_did_you_mean(key, names))


def check_known(iri, lookup: Lookup, *, parameter: str = "value", given: str = "") -> None:
    """Raise QueryError when the graph holds no triple with ``iri`` (a pyoxigraph or rdflib
    IRI) as subject or object."""
    term = to_ntriples(iri)
    if lookup(f"SELECT ?x WHERE {{ {{ {term} ?p ?x }} UNION {{ ?x ?p {term} }} }} LIMIT 1").terms:
        return
    names = _read_names(lookup)
    ids = {_short(t).casefold(): {t} for things in names.values() for t in things}
    short = _short(_iri(iri) or "")
    raise QueryError(f"parameter {parameter}: the graph holds nothing called {given or short}",
                     hint=_did_you_mean(short.casefold(), {**names, **ids}))


def _did_you_mean(key: str, names: Mapping[str, set[str]]) -> str:
    # The closest names first; a name far behind the best one is no suggestion
    # ("Suleimany" is Suleimani, not Sherman, though both pass the cut-off).
    import difflib  # here: a query whose names all resolve never needs it

    scored = sorted(((difflib.SequenceMatcher(None, key, n).ratio(), n) for n in names), reverse=True)
    best = scored[0][0] if scored else 0.0
    close = [n for score, n in scored[:4] if score >= max(0.6, best - 0.1)]
    suggestions = list(dict.fromkeys(_short(t) for c in close for t in sorted(names[c])))[:4]
    if not suggestions:
        return "`ashraf-kg query list_entities_without_identifier` lists the registry's entities"
    return f"did you mean {', '.join(suggestions)}?"


def resolve_parameters(query: NamedQuery, params: Mapping[str, object] | None,
                       lookup) -> dict[str, object]:
    """``params`` with each value of a parameter declared ``iri`` made an IRI the graph holds.

    A name or alias (``Suleimani``) is looked up among the graph's labels; an id or IRI must
    be in the graph. Either way a miss is a QueryError with the closest names, never a query
    that matches nothing. Values that are already RDF terms are taken as they are.
    """
    from .run import make_term

    resolved = dict(params or {})
    for name, value in resolved.items():
        declared = query.parameter(name)
        if not isinstance(value, str) or declared is None or declared.type != "iri":
            continue
        if looks_like_name(value):
            resolved[name] = make_term(f"<{resolve_name(value, lookup, parameter=name)}>", "iri", name=name)
        else:
            term = make_term(value, "iri", name=name)
            check_known(term, lookup, parameter=name, given=value)
            resolved[name] = term
    return resolved


def make_lookup(*, store=None, graph_dir: str | os.PathLike | None = None, storage: str = "memory",
                endpoint: str | None = None, user: str | None = None, password: str | None = None,
                auth: str = "digest"):
    """A function running a small SELECT (no parameters) where a query would run; the store
    is opened only on the first call."""
    def lookup(text: str) -> QueryResult:
        from .run import _declare_prefixes

        if endpoint is not None:
            from .endpoint import DEFAULT_TIMEOUT, query_endpoint

            return query_endpoint(endpoint, _declare_prefixes(text), timeout=DEFAULT_TIMEOUT,
                                  user=user, password=password, auth=auth)
        from . import store as embedded
        from .execute import evaluate

        return evaluate(store if store is not None else embedded.open_store(graph_dir, storage=storage),
                        text)

    return lookup


def find_labels(terms: Iterable, lookup: Lookup) -> dict[str, str]:
    """How to show each IRI among ``terms`` (pyoxigraph or rdflib terms), by the IRI's text:
    its label, headline, or the words it quotes (in “ ”).

    IRIs with none of these are left out. Among several texts of one rank, an English or
    untagged one comes first, then the shortest, then the first in code-point order.
    """
    iris = sorted({iri for iri in (_iri(t) for t in terms if t is not None) if iri})
    best: dict[str, tuple] = {}
    for start in range(0, len(iris), _BATCH):
        values = " ".join(f"<{iri}>" for iri in iris[start:start + _BATCH])
        for thing, rank, text in lookup(_LABELS % values).terms:
            _, words, _, language = term_parts(text)
            key = (int(term_parts(rank)[1]), language not in (None, "en"), len(words), words)
            if _iri(thing) not in best or key < best[_iri(thing)]:
                best[_iri(thing)] = key
    return {thing: (f"“{key[3]}”" if key[0] == _QUOTED_RANK else key[3]) for thing, key in best.items()}
