"""The network stage, step 4: explained paths — how two nodes are linked, hop by hop.

Each hop carries the statement that links its two ends, with its quote and sentence, so a
path reads as evidence: reported facts are shown before allegations.

>>> [hop.relation for hop in find_paths(g, "Suleimani", "Camp Ashraf")[0].hops]  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import networkx as nx

from ..errors import NetworkError, check_at_least
from .analysis import simple_graph

_STATUS_WORDS = {"fact": "reported as fact", "alleged": "ALLEGED, no claimant recorded",
                 "asserted": "CLAIMED", "denied": "DENIED", "contested": "CONTESTED"}


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
    status: str  # fact, alleged, asserted, denied, contested
    claimant: tuple[str, ...]  # one entry per claim the link rests on,
    stance: tuple[str, ...]  # aligned with the claimants

    def describe(self) -> str:
        """``Qassem Suleimani <-carried out by- Suleimani ordered attack``."""
        arrow = f"-{self.relation}->" if self.forward else f"<-{self.relation}-"
        return f"{self.source_label} {arrow} {self.target_label}"

    def attribution(self) -> str:
        """``CLAIMED — Iranian resistance (accuses)``, ``ALLEGED, no claimant recorded`` or
        ``reported as fact``: the status first, then each claimant with its stance."""
        claims = sorted(set(zip(self.claimant, self.stance, strict=True)))
        said = " — " + ", ".join(f"{who} ({stance})" for who, stance in claims) if claims else ""
        return _STATUS_WORDS[self.status] + said


@dataclass(frozen=True)
class ExplainedPath:
    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.hops[0].source, *(h.target for h in self.hops)) if self.hops else ()


def _names(g) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for n, data in g.nodes(data=True):
        for name in (data.get("label", ""), *data.get("aliases", ())):
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
    check_at_least(k, 1, "k", NetworkError)
    source, target = resolve_node(g, a), resolve_node(g, b)
    if source == target:
        raise NetworkError(f"{a!r} and {b!r} are the same node ({source})",
                           hint="give two different names")
    simple = simple_graph(g)
    paths = []
    try:
        for nodes in nx.shortest_simple_paths(simple, source, target):
            paths.append(ExplainedPath(tuple(_hop(g, u, v) for u, v in zip(nodes, nodes[1:], strict=False))))
            if len(paths) >= k:
                break
    except nx.NetworkXNoPath:
        pass
    return tuple(paths)


def _hop(g, u, v) -> Hop:
    forward, d = _best_edge(g, u, v)
    return Hop(u, g.nodes[u]["label"], v, g.nodes[v]["label"], d["relation"], forward,
               d["statement"], d["document"], d["quote"], d["quote_start"], d["quote_end"], d["sentence"],
               d["alleged"], d["claimed"], d["status"], d["claimant"], d["stance"])
