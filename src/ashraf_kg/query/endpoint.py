"""Query any SPARQL 1.1 endpoint, and push the dumps into one through the Graph Store Protocol.

Queries go through SPARQLWrapper; uploads use the SPARQL 1.1 Graph Store HTTP Protocol
(one ``PUT`` per named graph, which replaces the graph, so a push can be repeated)::

    result = query_endpoint("http://127.0.0.1:7878/query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    report = push_dataset("graph", "http://127.0.0.1:8890/sparql", user="dba", password="…")

Every failure is an :class:`~ashraf_kg.errors.EndpointError` (a malformed query sent to an
endpoint is a :class:`~ashraf_kg.errors.QueryError`).
"""

from __future__ import annotations

import http.client
import io
import re
import urllib.error
import urllib.parse
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import AshrafKGError, EndpointError, QueryError
from ..model import QueryResult
from .gsp import GraphStore, check_auth, check_url, describe_failure, describe_status, short_text

_RDF_PARSERS = {"n-triples": "nt", "turtle": "turtle", "rdf+xml": "xml", "ld+json": "json-ld",
                "n-quads": "nquads", "trig": "trig"}


# --- Queries ----------------------------------------------------------------------------

DEFAULT_TIMEOUT = 300.0  # seconds; a server that accepts and never answers must not hang us


def query_endpoint(url: str, query: str, *, timeout: float | None = DEFAULT_TIMEOUT,
                   user: str | None = None, password: str | None = None,
                   auth: str = "digest") -> QueryResult:
    """Run a SPARQL query on a remote endpoint; rows are rdflib terms.

    ``timeout`` (seconds, default 300) bounds the whole request; None waits for ever.

    >>> query_endpoint("http://127.0.0.1:7878/query", "ASK { ?s ?p ?o }").boolean
    True
    """
    from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED

    wrapper = _make_wrapper(check_url(url), user, password, auth, timeout)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        wrapper.setQuery(query)
    # SPARQLWrapper guesses the form from words anywhere (a comment saying "add" makes it
    # an update); unknown text goes as SELECT and the endpoint reports the syntax error.
    kind = wrapper.queryType = check_query_form(query, where=url)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(URLENCODED)
    wrapper.setReturnFormat(JSON if kind in ("SELECT", "ASK") else TURTLE)
    body, content_type = _send(wrapper, url, timeout)
    if kind in ("SELECT", "ASK"):
        return _parse_results(body, url)
    return QueryResult(kind="graph", graph=_parse_graph(body, content_type, url))


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


def query_form(query: str) -> str | None:
    """The form of a query or update (``SELECT``, ``ASK``, ``INSERT``, …), read past
    comments, strings and IRIs; None when there is none."""
    match = _FORMS.search(_SKIP.sub(" ", query))
    return match.group(1).upper() if match else None


def _make_wrapper(url, user, password, auth, timeout):
    from SPARQLWrapper import BASIC, DIGEST, SPARQLWrapper

    wrapper = SPARQLWrapper(url)
    # No ``format=``/``output=`` parameters: content negotiation alone is portable.
    wrapper.returnFormatSetting = []
    if timeout is not None:
        wrapper.timeout = timeout  # setTimeout() rounds down to whole seconds, 0.5 to none
    if user is not None:
        wrapper.setHTTPAuth({"digest": DIGEST, "basic": BASIC}[check_auth(auth)])
        wrapper.setCredentials(user, password or "")
    return wrapper


def _send(wrapper, url: str, timeout: float | None) -> tuple[bytes, str]:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

    try:
        response = wrapper.query().response
        return response.read(), response.headers.get("Content-Type", "")
    except QueryBadFormed as error:
        raise QueryError(f"the endpoint rejected the query: {short_text(_detail(error))}",
                         where=url, hint="check the query syntax") from None
    except SPARQLWrapperException as error:
        status = {"Unauthorized": 401, "EndPointNotFound": 404, "URITooLong": 414,
                  "EndPointInternalError": 500}.get(type(error).__name__, 0)
        raise describe_status(status, short_text(_detail(error)), url) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        raise describe_failure(error, url, timeout) from None
    except ValueError as error:
        raise EndpointError(f"malformed endpoint URL {url!r}: {error}") from None


def _detail(error) -> str:
    """The server's own words from a SPARQLWrapper exception (it keeps only their repr)."""
    import ast

    _, found, body = str(error).partition("Response:\n")
    if not found:
        return ""
    try:
        raw = ast.literal_eval(body)
    except (ValueError, SyntaxError):
        return body
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def _parse_results(body: bytes, url: str) -> QueryResult:
    from rdflib.query import Result

    try:
        result = Result.parse(io.BytesIO(body), format="json")
    except Exception as error:  # noqa: BLE001 - any parse failure is a bad answer
        raise EndpointError(f"{url} sent an answer that is not SPARQL results JSON "
                            f"({type(error).__name__}: {short_text(str(error), 120)})",
                            hint="is this a SPARQL endpoint?") from None
    if result.type == "ASK":
        return QueryResult(kind="ask", boolean=bool(result.askAnswer))
    if [str(v) for v in result.vars or ()] == ["__ASK_RETVAL"]:  # Virtuoso, at times
        return QueryResult(kind="ask", boolean=any(int(b[result.vars[0]]) for b in result.bindings))
    variables = tuple(str(v) for v in result.vars or ())
    rows = tuple(tuple(binding.get(v) for v in result.vars) for binding in result.bindings)
    return QueryResult(kind="select", variables=variables, rows=rows)


def _parse_graph(body: bytes, content_type: str, url: str):
    from rdflib import Graph

    media = content_type.split(";")[0].strip().lower()
    parser = next((name for key, name in _RDF_PARSERS.items() if key in media), "turtle")
    graph = Graph()
    try:
        graph.parse(data=body, format=parser)
    except Exception as error:  # noqa: BLE001
        raise EndpointError(f"{url} sent RDF that cannot be parsed as {media or parser}: "
                            f"{short_text(str(error), 160)}") from None
    return graph


# --- Push (SPARQL 1.1 Graph Store HTTP Protocol) ------------------------------------------

@dataclass(frozen=True)
class GraphPush:
    """One named graph of a push: triples sent, and triples the endpoint counted after."""

    graph: str
    sent: int
    found: int


@dataclass(frozen=True)
class PushReport:
    endpoint: str
    gsp_url: str
    graphs: tuple[GraphPush, ...]

    @property
    def triples(self) -> int:
        return sum(g.found for g in self.graphs)


def guess_gsp_url(endpoint_url: str, user: str | None = None) -> str:
    """The Graph Store Protocol URL next to a query endpoint, for servers whose layout is known.

    Oxigraph: ``…/query`` → ``…/store``; Virtuoso: ``…/sparql`` → ``…/sparql-graph-crud-auth``
    (``…/sparql-graph-crud`` without credentials). Others need ``gsp_url``.
    """
    parts = urllib.parse.urlsplit(check_url(endpoint_url))
    path = parts.path.rstrip("/")
    if path.endswith("/query"):
        new_path = path[: -len("query")] + "store"
    elif path in ("/sparql", "/sparql-auth"):
        new_path = "/sparql-graph-crud-auth" if user else "/sparql-graph-crud"
    else:
        raise EndpointError(f"cannot tell the Graph Store Protocol URL of {endpoint_url}",
                            hint="pass it with --gsp (e.g. Fuseki: http://host:3030/ds/data)")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))


def read_graphs(source) -> dict[str, tuple[bytes, int]]:
    """Named graphs of a dump folder (``ashraf-kg.nq``), a dump file or an rdflib Dataset.

    Returns graph IRI → (N-Triples bytes, number of distinct triples), sorted by IRI.
    """
    if isinstance(source, (str, Path)):
        graphs = _read_dump(Path(source))
    else:
        graphs = _read_rdflib(source)
    return {iri: graphs[iri] for iri in sorted(graphs)}


def _read_dump(path: Path) -> dict[str, tuple[bytes, int]]:
    import pyoxigraph as ox

    dump = path / "ashraf-kg.nq" if path.is_dir() else path
    if not dump.is_file():
        problem = (f"the graph folder {path} holds no ashraf-kg.nq" if path.is_dir() else
                   f"the {'dump file' if path.suffix else 'graph folder'} {path} does not exist")
        raise EndpointError(problem, hint="run `ashraf-kg build` first, or pass --graph-dir")
    groups: dict[str, set] = {}
    try:
        fmt = ox.RdfFormat.from_extension(dump.suffix.lstrip(".")) or ox.RdfFormat.N_QUADS
        for quad in ox.parse(path=str(dump), format=fmt):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                raise EndpointError("the dump has triples outside any named graph",
                                    where=str(dump), hint="push sends named graphs only")
            groups.setdefault(quad.graph_name.value, set()).add(quad.triple)
    except SyntaxError as error:
        raise EndpointError(f"cannot read the dump: {error}", where=str(dump)) from None
    return {iri: (ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES),
                  len(triples)) for iri, triples in groups.items()}


def _read_rdflib(dataset) -> dict[str, tuple[bytes, int]]:
    from rdflib import URIRef

    graphs = {}
    for graph in dataset.graphs():
        if not isinstance(graph.identifier, URIRef) or "urn:x-rdflib:default" == str(
                graph.identifier):
            if len(graph):
                raise EndpointError("the dataset has triples outside any named graph",
                                    hint="push sends named graphs only")
            continue
        graphs[str(graph.identifier)] = (graph.serialize(format="nt", encoding="utf-8"),
                                         len(graph))
    return graphs


def push_dataset(source, endpoint_url: str, *, gsp_url: str | None = None,
                 user: str | None = None, password: str | None = None, auth: str = "digest",
                 timeout: float | None = 300.0) -> PushReport:
    """Replace each named graph of ``source`` on a remote store, then check the counts.

    ``source`` is a dump folder (``graph/``), a dump file or an rdflib Dataset. The current
    content of every graph is fetched first; if any step fails, the graphs already
    replaced are put back and the error says what was restored (or what could not be).
    """
    check_url(endpoint_url)
    gsp = check_url(gsp_url or guess_gsp_url(endpoint_url, user), "Graph Store Protocol")
    graphs = read_graphs(source)
    # The counts are checked on the query endpoint: make sure it answers before anything
    # is replaced, so that a wrong query URL fails with the remote store untouched.
    count_graph_triples(endpoint_url, list(graphs)[:1], timeout=timeout, user=user,
                        password=password, auth=auth)
    store = GraphStore(gsp, user, password, auth, timeout)
    backups = {iri: store.fetch(iri) for iri in graphs}
    touched: list[str] = []
    step = ""
    try:
        for iri, (payload, _) in graphs.items():
            step = f"replacing <{iri}>"
            touched.append(iri)
            store.replace(iri, payload)  # a refused PUT changed nothing; a lost one may have
        step = "counting the triples"
        counts = count_graph_triples(endpoint_url, list(graphs), timeout=timeout, user=user,
                                     password=password, auth=auth)
        _check_counts(graphs, counts)
    except AshrafKGError as error:
        if getattr(error, "status", None) and step.startswith("replacing"):
            touched.pop()
        raise _roll_back(store, backups, touched, graphs, f"{step}: {error.message}") from None
    except KeyboardInterrupt:
        raise _roll_back(store, backups, touched, graphs, f"{step}: interrupted") from None
    return PushReport(endpoint_url, gsp, tuple(
        GraphPush(iri, sent, counts[iri]) for iri, (_, sent) in graphs.items()))


def count_graph_triples(endpoint_url: str, graphs: list[str], **options) -> dict[str, int]:
    """Number of triples in each named graph, by a SPARQL COUNT on the endpoint."""
    values = " ".join(f"<{iri}>" for iri in graphs)
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { " + values + " } "
             "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    result = query_endpoint(endpoint_url, query, **options)
    counts = {str(g): int(n) for g, n in result.rows}
    return {iri: counts.get(iri, 0) for iri in graphs}


def _check_counts(graphs, counts) -> None:
    wrong = [f"<{iri}> holds {counts[iri]} triples, {sent} were sent"
             for iri, (_, sent) in graphs.items() if counts[iri] != sent]
    if wrong:
        raise EndpointError("the counts differ after the upload: " + "; ".join(wrong))


def _roll_back(store: GraphStore, backups, touched, graphs, failure: str) -> EndpointError:
    restored, lost = [], []
    for iri in touched:
        try:
            store.restore(iri, backups[iri])
            restored.append(iri)
        except EndpointError:
            lost.append(iri)
    untouched = [iri for iri in graphs if iri not in touched]
    if lost:
        summary = (f"these graphs were REPLACED and could not be restored: {_iris(lost)}; "
                   f"restored: {_iris(restored)}; not replaced: {_iris(untouched)}")
    else:
        summary = (f"the endpoint was left as it was ({len(restored)} graph(s) restored, "
                   f"{len(untouched)} not touched)")
    return EndpointError(f"push to {store.url} failed while {failure}; {summary}",
                         hint="fix the cause and push again; a push replaces whole graphs")


def _iris(iris: list[str]) -> str:
    return ", ".join(f"<{iri}>" for iri in iris) or "none"
