"""What the page draws: nodes and links with their looks, positions and evidence.

Two views share one set of positions. By default a claim is a link from its claimant to
what it is about, styled by stance; with the page's switch it is a node of its own, with
the links the network gives it (claimant → claim → what it is about). Every look carried by
a colour is carried by a shape (nodes) or a dash pattern (links) too, and the colours are
the Okabe–Ito palette, told apart by colour-blind readers.

Labels have a priority (people and organisations first, the most linked and most named
first among them); the page draws them in that order and leaves out any that would overlap
one already drawn, so lower-priority labels wait for the reader to zoom in. Those that must
be read at first sight (the first people and organisations, then groups and places, as many
as cover ``_LEGIBLE_SHARE`` of the view) are given room by the layout
(:mod:`~.layout`), which also sets them apart.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

from .. import namespaces as ns
from .. import vocab
from ..namespaces import AKG
from .layout import (
    REFERENCE_VIEW,
    bounds_of,
    carry_along,
    first_view_scale,
    layout_network,
    spread_labels,
    view_frame,
)

_KIND_LOOK = {
    "person": ("#0072B2", "dot"),
    "organization": ("#009E73", "square"),
    "group": ("#56B4E9", "hexagon"),
    "place": ("#E69F00", "triangle"),
    "thing": ("#8F7F00", "triangleDown"),
    "event": ("#D55E00", "diamond"),
    "claim": ("#CC79A7", "star"),
}
# (colour, vis-network shape, the words a reader sees) per node kind, in the vocabulary's order.
KIND_STYLE = {kind.name: (*_KIND_LOOK[kind.name], kind.label) for kind in vocab.NODE_KINDS}
# (colour, dash pattern or False for a solid line, legend text) per status of a link
# between things; a claim's own links are styled by its stance (STANCE_STYLE).
STATUS_STYLE = {
    "fact": ("#5A5A5A", False, "reported as fact by the document"),
    "alleged": ("#E69F00", [2, 4], "alleged, no claimant recorded"),
    "asserted": ("#CC79A7", [9, 4], "rests on a claim: asserted by a party"),
    "denied": ("#0072B2", [9, 3, 2, 3], "rests on a claim: denied by every party"),
    "contested": ("#D55E00", [14, 3, 2, 3, 2, 3], "rests on claims: asserted by one party, denied by another"),
}
STANCE_STYLE = {
    "asserts": ("#0072B2", [12, 5], "asserts"),
    "reports": ("#56B4E9", [12, 4, 3, 4], "reports"),
    "describes": ("#009E73", [5, 5], "describes"),
    "characterises": ("#009E73", [5, 3, 1, 3], "characterises"),
    "accuses": ("#D55E00", [16, 4], "accuses"),
    "condemns": ("#E69F00", [7, 3], "condemns"),
    "denies": ("#000000", [2, 3], "denies"),
    "calls for": ("#CC79A7", [8, 3, 2, 3, 2, 3], "calls for"),
}
OTHER_STANCE = ("#5A5A5A", [6, 6], "other stance")
_TIER = {"person": 0, "organization": 0, "group": 1, "place": 1, "event": 2, "thing": 3, "claim": 4}
_GENERIC_TYPES = {"", "Person", "Organization", "Group", "Place", "Event", "Claim", "Thing", "Statement"}
_TYPE_WORDS = {t.name: t.label for t in (*vocab.ENTITY_TYPES, *vocab.EVENT_TYPES)}
_LABEL_SHORT = 34  # characters of a label drawn on the network; the panel shows it whole
_CONTEXT = 280  # characters of sentence kept on each side of the highlighted words
_LEGIBLE_SHARE = 0.3  # of the reference view that labels spread at first sight may cover
_LABEL_PUSH = 25.0  # pixels of label that make a node push the others away once more
_ACCUSED_WEIGHT = 10  # links one accusation of carrying out or commanding an event is worth
_CLAIM_PULL = 0.4  # of a reported link's pull that a claim's link has on the layout


def kind_words(kind: str, type_: str) -> str:
    """``Place · Camp``, ``Organisation``: the kind's words, and a narrower type if any."""
    word = KIND_STYLE.get(kind, ("", "", kind))[2]
    narrower = _TYPE_WORDS.get(type_, type_)
    if type_ in _GENERIC_TYPES or narrower.casefold() in word.casefold():
        return word
    return f"{word} · {narrower}"


def claim_links(g: nx.MultiDiGraph) -> list[tuple[str, str, str, list[str]]]:
    """``(claimant, target, stance, claims)``: each claim drawn as links from whoever makes it
    to what it is about, claims of one stance between the same two nodes in one link."""
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for claim, data in sorted(g.nodes(data=True)):
        if data.get("kind") != "claim":
            continue
        claimants = sorted({u for u, _, d in g.in_edges(claim, data=True) if d["predicate"] == str(AKG.claimant)})
        targets = sorted({v for _, v in g.out_edges(claim)} - {claim})
        for claimant in claimants:
            for target in targets:
                grouped[(claimant, target, data.get("stance") or "claims")].append(claim)
    return [(a, t, s, claims) for (a, t, s), claims in sorted(grouped.items())]


def drawn_graph(g: nx.MultiDiGraph, links) -> nx.Graph:
    """The undirected graph the first view draws (claims as links), weighted by link count."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(n for n, d in g.nodes(data=True) if d.get("kind") != "claim"))
    # What a party says pulls less than what the documents report.
    pairs = [(u, v, 1.0) for u, v, d in g.edges(data=True) if d["link"] != "claim"]
    pairs += [(a, t, _CLAIM_PULL) for a, t, _, _ in links]
    for u, v, pull in sorted(pairs):
        if u != v and u in simple and v in simple:
            simple.add_edge(u, v, weight=simple.get_edge_data(u, v, {"weight": 0.0})["weight"] + pull)
    return simple


def accused_of(g: nx.MultiDiGraph) -> dict[str, int]:
    """Node -> how many events a document accuses it of carrying out or commanding: whoever
    a corpus blames is a principal actor of its story, however few links it has."""
    roles = {str(ns.expand("akg:agent")), str(ns.expand("akg:commander"))}
    counts: dict[str, int] = defaultdict(int)
    for _, target, data in g.edges(data=True):
        if data.get("predicate") in roles and "accuses" in data.get("stance", ()):
            counts[target] += 1
    return counts


def node_priority(g: nx.MultiDiGraph, simple: nx.Graph) -> list[str]:
    """Every node, the label most worth reading first: by kind (people and organisations
    first), then by links, mentions and the accusations against it, then by name."""
    accused = accused_of(g)

    def weight(n):
        base = simple.degree(n) + g.nodes[n].get("mentions", 0) if n in simple else g.degree(n)
        return base + _ACCUSED_WEIGHT * accused.get(n, 0)
    return sorted(g, key=lambda n: (_TIER.get(g.nodes[n].get("kind"), 5), -weight(n), g.nodes[n]["label"], n))


def node_sizes(g: nx.MultiDiGraph, simple: nx.Graph) -> dict[str, float]:
    """Radius in pixels at the first view: by the node's links, principal actors largest;
    smaller when many nodes share the view."""
    most = max((simple.degree(n) for n in simple), default=1) or 1
    crowd = min(1.0, math.sqrt(REFERENCE_VIEW[0] * REFERENCE_VIEW[1] / max(len(simple), 1)) / 45)
    sizes = {}
    for n, data in g.nodes(data=True):
        share = math.sqrt(simple.degree(n) / most) if n in simple else 0.0
        base, grow = {0: (6, 12), 1: (5, 8), 2: (5, 6)}.get(_TIER.get(data.get("kind"), 3), (4, 4))
        sizes[n] = round(max((base + grow * share) * crowd, 2.0), 1)
    return sizes


def short_label(label: str) -> str:
    return label if len(label) <= _LABEL_SHORT else label[:_LABEL_SHORT - 1].rstrip() + "…"


def label_font(rank: int, kind: str) -> tuple[int, bool]:
    """Font size in pixels and boldness of a node's label: the first ranks stand out."""
    if _TIER.get(kind) == 0:
        return (13, True) if rank < 8 else (12, False)
    return 11, False


def estimate_width(text: str, px: int, bold: bool) -> float:
    """A generous estimate of a label's width in pixels (the page measures the real one)."""
    return len(text) * px * (0.64 if bold else 0.57) + 6


def positions_for(g: nx.MultiDiGraph, simple: nx.Graph, order: list[str], sizes: dict[str, float]):
    """Positions of every node, and the box the first view shows: laid out with room for the
    labels to be read at first sight, those labels spread apart, claims beside the nodes they
    link (where the claims-as-nodes view draws them)."""
    legible = legible_labels(g, simple, order)
    positions = layout_network(simple, push={n: 1.0 + width / _LABEL_PUSH for n, (width, _) in legible.items()})
    frame = view_frame(bounds_of(positions, sizes))
    spread, _ = spread_labels(positions, legible, sizes, frame)
    positions = carry_along(simple, positions, spread, sizes, frame)
    return positions | _claim_positions(g, positions), frame


def legible_labels(g: nx.MultiDiGraph, simple: nx.Graph, order: list[str]) -> dict[str, tuple[float, float]]:
    """Node -> (width, height) in pixels of the labels to be read at first sight: people and
    organisations, then groups and places, by priority, up to ``_LEGIBLE_SHARE`` of the view."""
    legible, area = {}, 0.0
    for rank, n in enumerate(order):
        if _TIER.get(g.nodes[n].get("kind")) not in (0, 1) or n not in simple:
            continue
        px, bold = label_font(rank, g.nodes[n]["kind"])
        box = (estimate_width(short_label(g.nodes[n]["label"]), px, bold) + 4, px + 6)
        area += box[0] * box[1]
        if area > _LEGIBLE_SHARE * REFERENCE_VIEW[0] * REFERENCE_VIEW[1]:
            break
        legible[n] = box
    return legible


def _claim_positions(g: nx.MultiDiGraph, positions: dict) -> dict:
    """Each claim at the middle of the nodes it links, claims on the same nodes spread round it."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for n, data in sorted(g.nodes(data=True)):
        if data.get("kind") == "claim":
            groups[tuple(sorted(set(g.predecessors(n)) | set(g.successors(n)) - {n}))].append(n)
    placed = {}
    for linked, claims in groups.items():
        known = [positions[m] for m in linked if m in positions]
        cx = sum(p[0] for p in known) / len(known) if known else 0.0
        cy = sum(p[1] for p in known) / len(known) if known else 0.0
        for i, claim in enumerate(claims):
            angle, radius = i * 2.39996, 9.0 * math.sqrt(i + 1)  # the golden angle: no two alike
            placed[claim] = (round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1))
    return placed


def first_view(frame) -> dict:
    """Where and how near the page opens: the box the first view shows (see
    :func:`~.layout.view_frame`), and the zoom that fits it into the reference view."""
    return {"bounds": [round(b, 1) for b in frame], "reference": list(REFERENCE_VIEW),
            "scale": round(first_view_scale(frame), 4)}
