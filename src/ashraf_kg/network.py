"""The graph as a network: who is linked to whom, through what, and on whose word.

``project_network`` turns the RDF dataset into a networkx ``MultiDiGraph`` whose nodes are
people, organisations, groups, places, things, events and claims (ids such as
``person/nouri-al-maliki``) and whose edges keep their evidence: the relation in plain
words, the quote, the document, the offsets, the sentence, whether the link is alleged and,
for links that rest on a claim, the claimant and stance. Every attribute is a string, an
integer or a boolean, so the network exports to GraphML, GEXF and CSV unchanged.

>>> g = project_network(read_dataset("graph"))          # doctest: +SKIP
>>> [hop.relation for hop in find_paths(g, "Suleimani", "Camp Ashraf")[0].hops]  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .errors import NetworkError
from .fileio import write_bytes_atomic, write_text_atomic
from .namespaces import AKG, ID, OA, ORG, SCHEMA, SEM

NODE_KINDS = ("person", "organization", "group", "place", "thing", "event", "claim")
EVENT_ROLES = {AKG.agent: "carried out by", AKG.target: "targeted", AKG.victim: "victim",
               AKG.participant: "participant", AKG.commander: "commanded by",
               AKG.recipient: "addressed to", AKG.instrument: "using",
               AKG.destination: "destination", SEM.hasPlace: "took place at",
               SEM.subEventOf: "part of", SCHEMA.about: "concerns"}
RELATION_WORDS = {SCHEMA.containedInPlace: "located in", ORG.subOrganizationOf: "part of",
                  ORG.linkedTo: "linked to", SCHEMA.sponsor: "sponsored by",
                  AKG.locatedNear: "near", ORG.memberOf: "member of"}
NODE_FIELDS = ("id", "label", "kind", "type", "iri", "aliases", "description", "role",
               "time_begin", "time_end", "alleged", "counts", "claimant", "stance", "quoted",
               "documents", "document", "quote", "quote_start", "quote_end", "sentence")
EDGE_FIELDS = ("source", "target", "key", "relation", "predicate", "statement", "link",
               "document", "document_title", "quote", "quote_start", "quote_end", "sentence",
               "sentence_start", "alleged", "claimed", "claim", "claimant", "stance")
_PROPOSITION_WORDS = {"accuses": "alleges", "denies": "denies", "reports": "reports",
                      "calls for": "calls for", "condemns": "condemns"}
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+|\n")


@dataclass(frozen=True)
class Evidence:
    """Where a statement is told: a span of one document and the sentence around it."""

    document: str = ""
    document_title: str = ""
    quote: str = ""
    start: int = -1
    end: int = -1
    sentence: str = ""
    sentence_start: int = -1


def short_id(iri) -> str:
    """``https://w3id.org/ashraf-kg/id/person/x`` → ``person/x`` (other IRIs unchanged)."""
    text = str(iri)
    return text[len(str(ID)):] if text.startswith(str(ID)) else text


def node_kind(iri) -> str | None:
    kind = short_id(iri).split("/", 1)[0]
    return kind if kind in NODE_KINDS and str(iri).startswith(str(ID)) else None


class _Reader:
    """Looks things up in the union of the dataset's graphs, with the evidence cached."""

    def __init__(self, union: Graph):
        self.g = union
        self._evidence: dict = {}

    def text(self, s, p) -> str:
        values = sorted(str(o) for o in self.g.objects(s, p) if isinstance(o, Literal))
        return values[0] if values else ""

    def label(self, s) -> str:
        return (self.text(s, RDFS.label) or self.text(s, SKOS.prefLabel)
                or short_id(s).rsplit("/", 1)[-1])

    def flag(self, s, p) -> bool:
        return any(bool(o.toPython()) for o in self.g.objects(s, p) if isinstance(o, Literal))

    def evidence(self, statement, graph: Graph | None = None) -> Evidence:
        """The first (by document, then offset) annotation a statement is derived from."""
        source = graph if graph is not None and len(graph) else self.g
        found = sorted((self._annotation(a) for a in source.objects(statement, PROV.wasDerivedFrom)),
                       key=lambda e: (e.document, e.start, e.end))
        return found[0] if found else Evidence()

    def _annotation(self, annotation) -> Evidence:
        if annotation not in self._evidence:
            self._evidence[annotation] = self._read_annotation(annotation)
        return self._evidence[annotation]

    def _read_annotation(self, annotation) -> Evidence:
        g = self.g
        target = g.value(annotation, OA.hasTarget)
        if target is None:
            return Evidence()
        doc = g.value(target, OA.hasSource)
        quote, start, end = "", -1, -1
        for selector in g.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in g:
                quote = self.text(selector, OA.exact)
            if (selector, RDF.type, OA.TextPositionSelector) in g:
                start, end = int(g.value(selector, OA.start)), int(g.value(selector, OA.end))
        body = self.text(doc, SCHEMA.text)
        sentence, sentence_start = find_sentence(body, start, end) if body else (quote, start)
        return Evidence(short_id(doc).removeprefix("document/"), self.text(doc, SCHEMA.headline),
                        quote, start, end, sentence, sentence_start)


def find_sentence(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence of ``text`` holding ``text[start:end]``, and where it begins."""
    if not 0 <= start <= end <= len(text):
        return "", -1
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    match = _SENTENCE_END.search(text, end)
    stop = match.start() + 1 if match and text[match.start()] != "\n" else (
        match.start() if match else len(text))
    return text[begin:stop].strip("\n"), begin


def _union(dataset) -> tuple[Graph, list[Graph]]:
    union = Graph()
    graphs: dict = {}
    for s, p, o, c in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
        name = getattr(c, "identifier", c)
        graphs.setdefault(str(name), Graph()).add((s, p, o))
    return union, [graphs[name] for name in sorted(graphs)]


def project_network(dataset) -> nx.MultiDiGraph:
    """The network of a dataset (an rdflib ``Dataset`` or ``Graph``, laid out as docs/model.md)."""
    union, graphs = _union(dataset)
    reader = _Reader(union)
    g = nx.MultiDiGraph(name="ashraf-kg")
    claims = _claims_by_proposition(reader)
    for iri in sorted({s for s in union.subjects(RDF.type, None) if node_kind(s)}, key=str):
        _add_node(g, reader, iri)
    for graph in graphs:
        _add_event_edges(g, reader, graph, claims)
        _add_membership_edges(g, reader, graph, claims)
        _add_relation_edges(g, reader, graph, claims)
        _add_claim_edges(g, reader, graph)
    _add_documents(g)
    return g


def _add_node(g, reader: _Reader, iri) -> None:
    r = reader.g
    kind = node_kind(iri)
    types = sorted(short_id(t).rsplit("#", 1)[-1] for t in r.objects(iri, RDF.type)
                   if str(t).startswith(str(AKG)))
    specific = [t for t in types if t not in ("Place", "Event", "Statement")] or types
    attrs = {"label": reader.label(iri), "kind": kind, "type": specific[0] if specific else "",
             "iri": str(iri), "aliases": "; ".join(sorted({str(o) for o in r.objects(iri, SKOS.altLabel)})),
             "description": reader.text(iri, SCHEMA.description),
             "role": reader.text(iri, AKG.roleDescription), "documents": ""}
    if kind == "event":
        attrs.update(time_begin=reader.text(iri, SEM.hasBeginTimeStamp),
                     time_end=reader.text(iri, SEM.hasEndTimeStamp),
                     alleged=reader.flag(iri, AKG.alleged), counts=_counts(reader, iri))
    if kind == "claim":
        claimant = r.value(iri, AKG.claimant)
        attrs.update(claimant=reader.label(claimant) if claimant else "",
                     stance=reader.label(r.value(iri, AKG.stance)) if r.value(iri, AKG.stance) else "",
                     quoted=reader.text(iri, AKG.quotedText))
        if not reader.text(iri, RDFS.label):
            attrs["label"] = f"{attrs['claimant']} {attrs['stance']}: {_claim_topic(reader, iri)}"
    if kind in ("event", "claim"):
        ev = reader.evidence(iri)
        attrs.update(document=ev.document, quote=ev.quote, quote_start=ev.start, quote_end=ev.end,
                     sentence=ev.sentence)
    g.add_node(short_id(iri), **attrs)


def _claim_topic(reader: _Reader, claim) -> str:
    """What a claim says, in a few words: its proposition, else what it is about."""
    r = reader.g
    topics = []
    for proposition in sorted(r.objects(claim, AKG.proposition), key=str):
        if (proposition, RDF.type, AKG.Count) in r:
            topics.append(_count_words(reader, proposition))
        elif (proposition, RDF.type, ORG.Membership) in r:
            role = r.value(proposition, ORG.role)
            topics.append(f"{reader.label(r.value(proposition, ORG.member))} is "
                          f"{reader.label(role) if role else 'member'} of "
                          f"{reader.label(r.value(proposition, ORG.organization))}")
        elif (proposition, RDF.type, AKG.Relation) in r:
            predicate = r.value(proposition, RDF.predicate)
            topics.append(f"{reader.label(r.value(proposition, RDF.subject))} "
                          f"{RELATION_WORDS.get(predicate, short_id(predicate))} "
                          f"{reader.label(r.value(proposition, RDF.object))}")
        else:
            topics.append(reader.label(proposition))
    topics = topics or sorted(reader.label(a) for a in r.objects(claim, SCHEMA.about))
    return "; ".join(topics) or "…"


def _count_words(reader: _Reader, count) -> str:
    """``44 killed (“forty-four”)``."""
    value = reader.g.value(count, RDF.value)
    kind = reader.g.value(count, AKG.countKind)
    words = reader.text(count, AKG.countExpression)
    figure = str(value) if value is not None else words
    return (f"{figure} {reader.label(kind) if kind else ''}".strip()
            + (f" (“{words}”)" if words and words != figure else ""))


def _counts(reader: _Reader, event) -> str:
    return "; ".join(sorted(_count_words(reader, c) for c in reader.g.objects(event, AKG.hasCount)))


def _claims_by_proposition(reader: _Reader) -> dict:
    claims: dict = {}
    for claim, proposition in reader.g.subject_objects(AKG.proposition):
        claims.setdefault(proposition, []).append(claim)
    return {p: sorted(c, key=str) for p, c in claims.items()}


def _claim_fields(reader: _Reader, claims, *, alleged: bool = True) -> dict:
    """Claimant and stance of the claims an alleged statement rests on.

    A statement the document reports as fact keeps no claim fields even when some party
    denies it: the denial is a claim node of its own, linked to the statement.
    """
    r = reader.g
    claims = claims if alleged else []
    return {"claim": "; ".join(short_id(c) for c in claims),
            "claimant": "; ".join(reader.label(r.value(c, AKG.claimant)) for c in claims
                                  if r.value(c, AKG.claimant) is not None),
            "stance": "; ".join(reader.label(r.value(c, AKG.stance)) for c in claims
                                if r.value(c, AKG.stance) is not None),
            "claimed": bool(claims)}


def _add_edge(g, source, target, *, statement, predicate, relation, link, evidence: Evidence,
              alleged=False, claim_fields=None) -> None:
    source, target = short_id(source), short_id(target)
    if source not in g or target not in g:
        return
    fields = claim_fields or {"claim": "", "claimant": "", "stance": "", "claimed": False}
    key = f"{short_id(statement)} {short_id(predicate)} {target if source == short_id(statement) else source}"
    key = f"{key} {evidence.document}".strip()
    g.add_edge(source, target, key=key, relation=relation, predicate=str(predicate),
               statement=short_id(statement), link=link, document=evidence.document,
               document_title=evidence.document_title, quote=evidence.quote,
               quote_start=evidence.start, quote_end=evidence.end, sentence=evidence.sentence,
               sentence_start=evidence.sentence_start, alleged=bool(alleged), **fields)


def _statements(graph: Graph, rdf_type) -> list:
    return sorted(set(graph.subjects(RDF.type, rdf_type)), key=str)


def _add_event_edges(g, reader: _Reader, graph: Graph, claims: dict) -> None:
    for event in sorted({s for s, _ in graph.subject_objects(PROV.wasDerivedFrom)
                         if node_kind(s) == "event"}, key=str):
        evidence = reader.evidence(event, graph)
        alleged = reader.flag(event, AKG.alleged)
        fields = _claim_fields(reader, claims.get(event, []), alleged=alleged)
        for predicate, words in EVENT_ROLES.items():
            for entity in sorted(graph.objects(event, predicate), key=str):
                _add_edge(g, event, entity, statement=event, predicate=predicate, relation=words,
                          link="event role", evidence=evidence, alleged=alleged, claim_fields=fields)


def _add_membership_edges(g, reader: _Reader, graph: Graph, claims: dict) -> None:
    for membership in _statements(graph, ORG.Membership):
        role = graph.value(membership, ORG.role)
        words = f"{reader.label(role)} of" if role is not None else "member of"
        if reader.flag(membership, AKG.former):
            words = f"former {words}"
        _add_edge(g, graph.value(membership, ORG.member), graph.value(membership, ORG.organization),
                  statement=membership, predicate=ORG.memberOf, relation=words, link="membership",
                  evidence=reader.evidence(membership, graph),
                  alleged=reader.flag(membership, AKG.alleged),
                  claim_fields=_claim_fields(reader, claims.get(membership, []),
                                             alleged=reader.flag(membership, AKG.alleged)))


def _add_relation_edges(g, reader: _Reader, graph: Graph, claims: dict) -> None:
    for relation in _statements(graph, AKG.Relation):
        predicate = graph.value(relation, RDF.predicate)
        _add_edge(g, graph.value(relation, RDF.subject), graph.value(relation, RDF.object),
                  statement=relation, predicate=predicate,
                  relation=RELATION_WORDS.get(predicate, short_id(predicate).rsplit("/", 1)[-1]),
                  link="relation", evidence=reader.evidence(relation, graph),
                  alleged=reader.flag(relation, AKG.alleged),
                  claim_fields=_claim_fields(reader, claims.get(relation, []),
                                             alleged=reader.flag(relation, AKG.alleged)))


def _add_claim_edges(g, reader: _Reader, graph: Graph) -> None:
    for claim in _statements(graph, AKG.Claim):
        evidence = reader.evidence(claim, graph)
        fields = _claim_fields(reader, [claim])
        stance = fields["stance"] or "claims"
        for claimant in sorted(graph.objects(claim, AKG.claimant), key=str):
            _add_edge(g, claimant, claim, statement=claim, predicate=AKG.claimant, relation=stance,
                      link="claim", evidence=evidence, claim_fields=fields)
        for about in sorted(graph.objects(claim, SCHEMA.about), key=str):
            _add_edge(g, claim, about, statement=claim, predicate=SCHEMA.about, relation="about",
                      link="claim", evidence=evidence, claim_fields=fields)
        for proposition in sorted(graph.objects(claim, AKG.proposition), key=str):
            _add_proposition_edge(g, reader, claim, proposition, evidence, fields)


def _add_proposition_edge(g, reader: _Reader, claim, proposition, evidence, fields) -> None:
    r = reader.g
    target, words = proposition, _PROPOSITION_WORDS.get(fields["stance"], "states")
    if (proposition, RDF.type, AKG.Count) in r:
        target = r.value(proposition, AKG.countOf)
        words = f"gives the figure {_count_words(reader, proposition)}"
    elif (proposition, RDF.type, ORG.Membership) in r:
        target = r.value(proposition, ORG.member)
    elif (proposition, RDF.type, AKG.Relation) in r:
        target = r.value(proposition, RDF.subject)
    if target is not None:
        _add_edge(g, claim, target, statement=claim, predicate=AKG.proposition, relation=words,
                  link="claim", evidence=evidence, claim_fields=fields)


def _add_documents(g) -> None:
    """Each node's documents: where it is told, by its own evidence or by its links."""
    docs: dict[str, set] = {n: set() for n in g}
    for u, v, data in g.edges(data=True):
        if data["document"]:
            docs[u].add(data["document"])
            docs[v].add(data["document"])
    for n, data in g.nodes(data=True):
        if data.get("document"):
            docs[n].add(data["document"])
        data["documents"] = " ".join(sorted(docs[n]))



# --- measures -------------------------------------------------------------------------

@dataclass(frozen=True)
class NodeMeasure:
    id: str
    label: str
    kind: str
    degree: int  # distinct neighbours
    degree_centrality: float
    betweenness: float
    community: int


@dataclass(frozen=True)
class Broker:
    """A node whose neighbours lie in more than one community."""

    id: str
    label: str
    betweenness: float
    communities: tuple[int, ...]


@dataclass(frozen=True)
class Analysis:
    nodes: tuple[NodeMeasure, ...]  # by betweenness, then degree, then id
    communities: tuple[tuple[str, ...], ...]  # node ids; community 0 is the largest
    brokers: tuple[Broker, ...]

    def to_dict(self) -> dict:
        from dataclasses import asdict

        return {"nodes": [asdict(n) for n in self.nodes],
                "communities": [{"index": i, "size": len(c), "members": list(c)}
                                for i, c in enumerate(self.communities)],
                "brokers": [asdict(b) for b in self.brokers]}


def simple_graph(g) -> nx.Graph:
    """The undirected simple graph under ``g``, built in sorted order so results repeat."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in g.edges() if u != v}))
    return simple


def analyze_network(g, *, seed: int = 42) -> Analysis:
    """Degree and betweenness centrality, Louvain communities (fixed seed) and brokers."""
    simple = simple_graph(g)
    if not len(simple):
        return Analysis((), (), ())
    degree = nx.degree_centrality(simple)
    betweenness = nx.betweenness_centrality(simple)
    found = nx.community.louvain_communities(simple, seed=seed)
    communities = tuple(sorted((tuple(sorted(c)) for c in found), key=lambda c: (-len(c), c)))
    member_of = {n: i for i, c in enumerate(communities) for n in c}
    label = {n: g.nodes[n].get("label", n) for n in g}
    rounded = {n: round(b, 6) for n, b in betweenness.items()}
    nodes = tuple(sorted((NodeMeasure(n, label[n], g.nodes[n].get("kind", ""), simple.degree(n),
                                      round(degree[n], 6), rounded[n], member_of[n])
                          for n in simple), key=lambda m: (-m.betweenness, -m.degree, m.id)))
    brokers = []
    for n in simple:
        reached = tuple(sorted({member_of[m] for m in simple[n]} | {member_of[n]}))
        if len(reached) > 1:
            brokers.append(Broker(n, label[n], rounded[n], reached))
    brokers.sort(key=lambda b: (-b.betweenness, -len(b.communities), b.id))
    return Analysis(nodes, communities, tuple(brokers))


# --- explained paths ------------------------------------------------------------------

@dataclass(frozen=True)
class Hop:
    """One step of a path, with the statement that links its two ends."""

    source: str
    source_label: str
    target: str
    target_label: str
    relation: str
    forward: bool  # False when the statement points from target to source
    statement: str
    document: str
    quote: str
    start: int
    end: int
    sentence: str
    alleged: bool
    claimed: bool
    claimant: str
    stance: str

    def describe(self) -> str:
        """``Qassem Suleimani <-carried out by- Suleimani ordered attack``."""
        arrow = f"-{self.relation}->" if self.forward else f"<-{self.relation}-"
        return f"{self.source_label} {arrow} {self.target_label}"


@dataclass(frozen=True)
class ExplainedPath:
    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.hops[0].source, *(h.target for h in self.hops)) if self.hops else ()


def _names(g) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for n, data in g.nodes(data=True):
        for name in [data.get("label", ""), *data.get("aliases", "").split("; ")]:
            if name:
                names.setdefault(name.casefold(), set()).add(n)
    return names


def resolve_node(g, name: str) -> str:
    """The node called ``name``: an id, a label or an alias (case-insensitive), or a unique
    node whose name contains it as whole words; else :class:`NetworkError` with close names."""
    if name in g:
        return name
    names = _names(g)
    found = names.get(name.casefold(), set())
    if not found:
        words = re.compile(rf"(?<!\w){re.escape(name.casefold())}(?!\w)")
        found = {n for key, nodes in names.items() if words.search(key) for n in nodes}
    entities = {n for n in found if g.nodes[n].get("kind") not in ("event", "claim")}
    found = entities or found
    if len(found) == 1:
        return next(iter(found))
    if found:
        listed = ", ".join(f"{n} ({g.nodes[n]['label']})" for n in sorted(found))
        raise NetworkError(f"the name {name!r} fits more than one node: {listed}",
                           hint="give the full name or the id")
    close = difflib.get_close_matches(name.casefold(), sorted(names), n=5, cutoff=0.5)
    suggestions = sorted({g.nodes[n]["label"] for c in close for n in names[c]})
    hint = (f"did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions
            else "`ashraf-kg analyze` lists the nodes")
    raise NetworkError(f"no person, organisation, place, event or claim is called {name!r}", hint=hint)


def _best_edge(g, u, v) -> tuple[bool, dict]:
    """The statement to show for a hop: reported facts before allegations, then by key."""
    options = [(True, k, d) for k, d in g.get_edge_data(u, v, default={}).items()]
    options += [(False, k, d) for k, d in g.get_edge_data(v, u, default={}).items()]
    forward, _, data = min(options, key=lambda o: (o[2]["alleged"] or o[2]["claimed"], o[1], not o[0]))
    return forward, data


def find_paths(g, a: str, b: str, *, k: int = 3) -> tuple[ExplainedPath, ...]:
    """Up to ``k`` shortest paths between two nodes (names accepted), each hop explained.

    >>> find_paths(g, "Suleimani", "Camp Ashraf", k=1)[0].hops[0].quote  # doctest: +SKIP
    """
    source, target = resolve_node(g, a), resolve_node(g, b)
    if source == target:
        raise NetworkError(f"{a!r} and {b!r} are the same node ({source})",
                           hint="give two different names")
    simple = simple_graph(g)
    paths = []
    try:
        for nodes in nx.shortest_simple_paths(simple, source, target):
            paths.append(ExplainedPath(tuple(_hop(g, u, v) for u, v in zip(nodes, nodes[1:]))))
            if len(paths) >= k:
                break
    except nx.NetworkXNoPath:
        pass
    return tuple(paths)


def _hop(g, u, v) -> Hop:
    forward, d = _best_edge(g, u, v)
    return Hop(u, g.nodes[u]["label"], v, g.nodes[v]["label"], d["relation"], forward,
               d["statement"], d["document"], d["quote"], d["quote_start"], d["quote_end"], d["sentence"],
               d["alleged"], d["claimed"], d["claimant"], d["stance"])


# --- exports --------------------------------------------------------------------------

def write_graphml(g, path) -> Path:
    """Write the network as GraphML (yEd, Gephi, Cytoscape), atomically."""
    return _write_with(path, lambda out: nx.write_graphml(g, out, encoding="utf-8"))


def write_gexf(g, path) -> Path:
    """Write the network as GEXF 1.2 (Gephi), atomically."""
    return _write_with(path, lambda out: nx.write_gexf(g, out, encoding="utf-8"))


def _write_with(path, write) -> Path:
    buffer = io.BytesIO()
    write(buffer)
    write_bytes_atomic(Path(path), buffer.getvalue())
    return Path(path)


def write_csv(g, nodes_path, edges_path) -> tuple[Path, Path]:
    """Write a node list and an edge list (UTF-8 CSV with a header row), atomically."""
    nodes = [{"id": n, **d} for n, d in sorted(g.nodes(data=True))]
    edges = sorted(({"source": u, "target": v, "key": k, **d} for u, v, k, d in g.edges(keys=True, data=True)),
                   key=lambda e: (e["source"], e["target"], e["key"]))
    write_text_atomic(Path(nodes_path), _csv_text(NODE_FIELDS, nodes))
    write_text_atomic(Path(edges_path), _csv_text(EDGE_FIELDS, edges))
    return Path(nodes_path), Path(edges_path)


def _csv_text(fields, items) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(items)
    return out.getvalue()
