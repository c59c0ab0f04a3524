"""The network stage, step 3: measures — centrality, communities and brokers.

Measures are taken on the undirected simple graph under the network (:func:`simple_graph`),
built in sorted order and with a fixed Louvain seed, so the same network gives the same
numbers on every run.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx


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
