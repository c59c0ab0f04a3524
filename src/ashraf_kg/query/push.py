"""Push the dumps into a SPARQL store through the SPARQL 1.1 Graph Store HTTP Protocol.

One ``PUT`` per named graph, which replaces the graph, so a push can be repeated; each
graph is backed up (and the backup counted) first, and put back if a later step fails::

    report = push_dataset("graph", "http://127.0.0.1:8890/sparql", user="dba", password="…")
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from ..errors import AshrafKGError, EndpointError
from .endpoint import count_graph_triples
from .gsp import GraphStore, check_url, short_text


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
    content of every graph is fetched first and checked against the endpoint's own count,
    so that a backup the server cut short (Virtuoso's ``ResultSetMaxRows``) stops the push
    before anything is replaced. If a later step fails, the graphs already replaced are
    put back, counted again, and the error says what was restored (or what could not be).
    """
    check_url(endpoint_url)
    gsp = check_url(gsp_url or guess_gsp_url(endpoint_url, user), "Graph Store Protocol")
    graphs = read_graphs(source)
    if not graphs:
        raise EndpointError("the dump holds no named graph: there is nothing to push",
                            hint="run `ashraf-kg build`, or pass the --graph-dir it wrote")
    options = dict(timeout=timeout, user=user, password=password, auth=auth)
    # The counts are checked on the query endpoint: asking it first also makes a wrong
    # query URL fail with the remote store untouched.
    before = count_graph_triples(endpoint_url, list(graphs), **options)
    store = GraphStore(gsp, user, password, auth, timeout)
    backups = {iri: _back_up(store, iri, before[iri]) for iri in graphs}
    touched: list[str] = []
    step = ""
    try:
        for iri, (payload, _) in graphs.items():
            step = f"replacing <{iri}>"
            touched.append(iri)
            store.replace(iri, payload)  # a refused PUT changed nothing; a lost one may have
        step = "counting the triples"
        counts = count_graph_triples(endpoint_url, list(graphs), **options)
        _check_counts(graphs, counts)
    except (AshrafKGError, KeyboardInterrupt) as error:
        refused = getattr(error, "status", None) and step.startswith("replacing")
        if refused:
            touched.pop()
        undo = _Undo(store, backups, before, lambda iris: count_graph_triples(
            endpoint_url, iris, **options))
        in_flight = touched[-1] if step.startswith("replacing") and touched else None
        reason = getattr(error, "message", "interrupted")
        raise undo.roll_back(touched, graphs, f"{step}: {reason}", in_flight) from None
    return PushReport(endpoint_url, gsp, tuple(
        GraphPush(iri, sent, counts[iri]) for iri, (_, sent) in graphs.items()))


def _back_up(store: GraphStore, iri: str, expected: int) -> bytes | None:
    """The graph's current triples, refused unless there are as many as the endpoint counts."""
    import pyoxigraph as ox

    payload = store.fetch(iri)
    try:
        found = len(set(ox.parse(payload or b"", format=ox.RdfFormat.N_TRIPLES)))
    except SyntaxError as error:
        raise EndpointError(f"cannot back up <{iri}> before replacing it: the store sent "
                            f"N-Triples that do not parse ({short_text(str(error), 120)}); "
                            "nothing was replaced") from None
    if found != expected:
        raise EndpointError(
            f"cannot back up <{iri}> before replacing it: {store.url} sent {found} of its "
            f"{expected} triples; nothing was replaced",
            hint="the server cuts long answers: raise its row cap (Virtuoso: ResultSetMaxRows "
                 "in the [SPARQL] section of virtuoso.ini), or clear the graph first")
    return payload


def _check_counts(graphs, counts) -> None:
    wrong = [f"<{iri}> holds {counts[iri]} triples, {sent} were sent"
             for iri, (_, sent) in graphs.items() if counts[iri] != sent]
    if wrong:
        raise EndpointError("the counts differ after the upload: " + "; ".join(wrong))


class _Undo:
    """Put back the graphs a failed push touched, then count them to say what is true."""

    def __init__(self, store: GraphStore, backups, before, count):
        self.store, self.backups, self.before, self.count = store, backups, before, count

    def roll_back(self, touched, graphs, failure: str, in_flight: str | None) -> EndpointError:
        restored, lost = [], []
        for iri in touched:
            try:
                self.store.restore(iri, self.backups[iri])
                restored.append(iri)
            except EndpointError:
                lost.append(iri)
        untouched = [iri for iri in graphs if iri not in touched]
        differ = self._check(restored)
        if lost or differ:
            done = [iri for iri in lost if iri != in_flight]
            parts = [f"REPLACED and not restored: {_iris(done)}" if done else "",
                     f"perhaps replaced (the store stopped answering while it was written) "
                     f"and not restored: <{in_flight}>" if in_flight in lost else "",
                     f"restored but not as before: {'; '.join(differ.values())}" if differ else "",
                     f"restored: {_iris([i for i in restored if i not in differ])}",
                     f"not replaced: {_iris(untouched)}"]
            summary = "; ".join(part for part in parts if part)
        else:
            summary = (f"the endpoint was left as it was ({len(restored)} graph(s) restored "
                       f"and counted, {len(untouched)} not touched)")
        return EndpointError(f"push to {self.store.url} failed while {failure}; {summary}",
                             hint="fix the cause and push again; a push replaces whole graphs")

    def _check(self, restored: list[str]) -> dict[str, str]:
        """The restored graphs whose count differs from before the push (all, if uncountable)."""
        if not restored:
            return {}
        try:
            counts = self.count(restored)
        except AshrafKGError:
            return {iri: f"<{iri}> could not be counted" for iri in restored}
        return {iri: f"<{iri}> holds {counts[iri]} triples, {self.before[iri]} before"
                for iri in restored if counts[iri] != self.before[iri]}


def _iris(iris: list[str]) -> str:
    return ", ".join(f"<{iri}>" for iri in iris) or "none"
