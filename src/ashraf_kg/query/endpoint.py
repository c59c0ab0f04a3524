"""Query any SPARQL 1.1 endpoint; pushing is in :mod:`.push`.

SPARQLWrapper writes each SPARQL 1.1 Protocol request (the query URL-encoded in a POST,
content negotiation by ``Accept``); the project's own urllib client sends it, so that
credentials go to the endpoint's origin only, never after a redirect elsewhere, and every
answer is bounded in time and size. (SPARQLWrapper's own sending installs a process-wide
urllib opener for digest authentication and lets a redirect carry the credentials on.)

    result = query_endpoint("http://127.0.0.1:7878/query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3")

Every failure is an :class:`~ashraf_kg.errors.EndpointError` (a malformed query sent to an
endpoint is a :class:`~ashraf_kg.errors.QueryError`; an answer cut at the server's row cap
a :class:`~ashraf_kg.errors.TruncatedResultError`).
"""

from __future__ import annotations

import http.client
import io
import re
import urllib.error
import urllib.parse

from ..errors import EndpointError, QueryError, TruncatedResultError
from .gsp import MAX_ANSWER_BYTES, HttpClient, check_url, describe_failure, short_text
from .query_result import QueryResult
from .sparql_text import QUERY_FORMS, blank_out, check_query_form, check_service, query_form, uses_service  # noqa: F401  (re-exported)

# Answers are read only in formats that cannot make the parser load anything from
# elsewhere (a JSON-LD @context, an RDF/XML external entity): SPARQL results JSON, and
# these RDF syntaxes.
_RDF_PARSERS = {"text/turtle": "turtle", "application/x-turtle": "turtle",
                "application/n-triples": "nt", "text/plain": "nt",
                "application/n-quads": "nquads", "application/trig": "trig"}
_ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json",
           "CONSTRUCT": "text/turtle, application/n-triples;q=0.9",
           "DESCRIBE": "text/turtle, application/n-triples;q=0.9"}


# --- Queries ----------------------------------------------------------------------------

DEFAULT_TIMEOUT = 300.0  # seconds; a server that accepts and never answers must not hang us


def query_endpoint(url: str, query: str, *, timeout: float | None = DEFAULT_TIMEOUT,
                   user: str | None = None, password: str | None = None,
                   auth: str = "digest", max_bytes: int | None = MAX_ANSWER_BYTES) -> QueryResult:
    """Run a SPARQL query on a remote endpoint; rows are rdflib terms.

    ``timeout`` (seconds, default 300) bounds the whole request; None waits for ever. An
    answer larger than ``max_bytes`` (512 MB) is refused. Credentials go only to the
    endpoint's origin: a redirect elsewhere is refused.
    An answer the server cut at its row cap (Virtuoso's ``ResultSetMaxRows``, 10000 on
    Debian) raises :class:`~ashraf_kg.errors.TruncatedResultError` instead of passing
    for the whole answer; a query whose own ``LIMIT`` is within the cap is not cut.

    >>> query_endpoint("http://127.0.0.1:7878/query", "ASK { ?s ?p ?o }").boolean
    True
    """
    kind = check_query_form(query, where=url)
    client = HttpClient(check_url(url), user, password, auth, timeout, max_bytes)
    written = protocol_request(url, query, kind)
    request = client.request(url, method="POST", body=written.data, headers=dict(written.header_items()))
    body, headers = _send(client, request)
    if kind in ("SELECT", "ASK"):
        result = _parse_results(body, url)
        _check_row_cap(result, headers.get("X-SPARQL-MaxRows"), query, url)
        return result
    result = QueryResult(kind="graph", graph=_parse_graph(body, headers.get("Content-Type", ""), url))
    if len(result.graph) >= _uncapped.get(url, 1):
        _probe_row_cap(url, result, timeout=timeout, user=user, password=password, auth=auth,
                       max_bytes=max_bytes)
    return result


_LIMIT = re.compile(r"\bLIMIT\s+(\d+)(?:\s+OFFSET\s+\d+)?\s*$", re.I)
_uncapped: dict[str, int] = {}  # endpoint URL -> a row count it was seen to answer in full


def _check_row_cap(result: QueryResult, header: str | None, query: str, url: str) -> None:
    """Raise TruncatedResultError when a SELECT answer reached the cap the server announces
    (Virtuoso sends ``X-SPARQL-MaxRows`` when it stops at ``ResultSetMaxRows``)."""
    try:
        cap = int(header or 0)
    except ValueError:
        return
    if result.kind != "select" or cap <= 0 or len(result.rows) < cap:
        return
    limit = _LIMIT.search(blank_out(query).rstrip())
    if limit and int(limit.group(1)) <= cap:
        return  # the query asked for no more than the cap: nothing was cut
    raise TruncatedResultError(
        f"the answer stopped at the server's cap of {cap} rows, so it is probably incomplete",
        where=url, cap=cap, partial=result,
        hint="page through it with LIMIT and OFFSET (a LIMIT within the cap is accepted), "
             "or raise the cap (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")


def _probe_row_cap(url: str, result: QueryResult, **options) -> None:
    """A CONSTRUCT or DESCRIBE answer carries no cap header: ask the server for one row more
    than the answer's size, from VALUES alone, and see whether it stops short."""
    size = len(result.graph)
    blocks = " ".join(f"VALUES ?d{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(len(str(size))))
    try:
        query_endpoint(url, f"SELECT ?d0 WHERE {{ {blocks} }} LIMIT {size + 1}", **options)
    except TruncatedResultError as error:
        raise TruncatedResultError(
            f"the server cuts answers at {error.cap} rows, and this one ({size} triples) "
            "may have been cut", where=url, cap=error.cap, partial=result,
            hint=error.hint) from None
    _uncapped[url] = max(_uncapped.get(url, 1), size + 1)

def protocol_request(url: str, query: str, kind: str):
    """The SPARQL 1.1 Protocol request for ``query`` as SPARQLWrapper writes it: POST,
    URL-encoded, ``Accept`` for ``kind``'s answer; it carries no credentials (the client
    adds them, for the endpoint's origin only)."""
    from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper

    wrapper = SPARQLWrapper(url)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(URLENCODED)
    wrapper.setOnlyConneg(True)  # no format=/output= parameters: content negotiation alone is portable
    wrapper.setQuery(query)
    # SPARQLWrapper guesses the form with a looser reading than ours (a word such as
    # "delete" in a string can make it send the text as an update), so it is told.
    wrapper.queryType = kind
    wrapper.addCustomHttpHeader("Accept", _ACCEPT[kind])
    return wrapper._createRequest()  # written, not sent: see the module's docstring


def _send(client: HttpClient, request):
    """The answer's bytes and headers; every failure as one clear error."""
    try:
        return client.send(request)
    except urllib.error.HTTPError as error:
        if error.code == 400:
            detail = short_text(error.read(4096).decode("utf-8", "replace"))
            raise QueryError(f"the endpoint rejected the query: {detail}", where=client.url,
                             hint="check the query syntax") from None
        raise describe_failure(error, client.url, client.timeout) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        raise describe_failure(error, client.url, client.timeout) from None
    except ValueError as error:
        raise EndpointError(f"cannot talk to {client.url}: {error}",
                            hint="check the URL and --auth (digest or basic)") from None


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

    media = content_type.split(";")[0].strip().lower() or "text/turtle"
    parser = _RDF_PARSERS.get(media)
    if parser is None:
        raise EndpointError(f"{url} answered in {media}, which is not read",
                            hint="only Turtle, N-Triples, N-Quads and TriG answers are read: "
                                 "they cannot make the reader fetch or open anything")
    graph = Graph()
    try:
        graph.parse(data=body, format=parser)
    except Exception as error:  # noqa: BLE001
        raise EndpointError(f"{url} sent RDF that cannot be parsed as {media}: "
                            f"{short_text(str(error), 160)}") from None
    return graph


def count_graph_triples(endpoint_url: str, graphs: list[str], **options) -> dict[str, int]:
    """Number of triples in each named graph, by a SPARQL COUNT on the endpoint."""
    values = " ".join(f"<{iri}>" for iri in graphs)
    query = ("SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { " + values + " } "
             "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    result = query_endpoint(endpoint_url, query, **options)
    counts = {str(g): int(n) for g, n in result.rows}
    return {iri: counts.get(iri, 0) for iri in graphs}
