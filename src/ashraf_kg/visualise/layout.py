"""Where each node is drawn: a force layout computed when the page is built.

The page opens on a settled picture because the positions come with it. Each connected
part of the network is laid out by a Fruchterman–Reingold force simulation (numpy; every
pair of nodes repels below 1,500 nodes, only near pairs above, found with a k-d tree), from
seeded random starting points, so a build gives the same positions as the last one. The
parts are then set side by side, largest first, and the whole is scaled to the *reference
view*: the network area of a 1280×800 window, where one unit is one pixel on screen.

The labels that must be read at first sight (the principal actors) get room twice. In the
simulation their nodes push the others away harder, the more so the longer the label; then,
at the first view, labels that still overlap are pushed apart until none do
(:func:`spread_labels`), their nodes moving inside the box the first view shows
(:func:`view_frame`), and the nodes linked to them only follow (:func:`carry_along`).
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

REFERENCE_VIEW = (880, 560)
"""Width and height in pixels of the network area in a 1280×800 window (the smallest the
page is made for): the first view fits the whole network into it."""
MARGIN = 60  # pixels kept free around the network at the first view, for labels
_DENSE_UP_TO = 1500  # above this many nodes, only pairs closer than _CUTOFF repel
_CUTOFF = 2.0
_STRETCH = 1.6
GRAVITY = 0.006
_GAP = 3.0  # pixels kept free between two labels
_ROUNDS = 150  # pushes before the last labels still overlapping are given up
_TRIES = 5
_MOST_COVERED = 0.5  # of the view that labels may cover at most: those beyond are not tried
_VIEW_AREA = REFERENCE_VIEW[0] * REFERENCE_VIEW[1]
_MOST_STRETCH = 1.5  # at most this much farther apart than they were, per push
_EDGE = 10  # pixels kept between a label spread at first sight and the view's edge


def layout_network(g: nx.Graph, *, seed: int = 7,
                   push: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Positions of the nodes of the undirected graph ``g`` (edge attribute ``weight``), in
    pixels of the reference view, centred on the origin. A node in ``push`` pushes the
    others away that many times harder, which gives it room (for a label read at first sight)."""
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[list[str], np.ndarray]] = []
    for i, members in enumerate(parts):
        placed.append((members, _part_positions(g.subgraph(members), members, seed + i, push or {})))
    positions = _side_by_side(placed)
    return _fit(positions)


def _part_positions(part: nx.Graph, members: list[str], seed: int, push: dict[str, float]) -> np.ndarray:
    """Force layout of one connected part, in units of the ideal edge length."""
    n = len(members)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    index = {m: i for i, m in enumerate(members)}
    edges = np.array([(index[u], index[v]) for u, v in part.edges()], dtype=np.int64)
    weights = np.array([part.edges[u, v].get("weight", 1.0) for u, v in part.edges()], dtype=float)
    degree = np.bincount(edges.ravel(), minlength=n).astype(float)
    # Nodes with many links push harder (as in ForceAtlas2), which gives hubs room for their labels.
    charge = (1.0 + np.sqrt(degree)) * np.array([push.get(m, 1.0) for m in members])
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2)) - 0.5) * math.sqrt(n) * 2.0
    # Enough steps to settle, within about the same work for any size.
    iterations = int(min(300, max(60, 3.0e7 / n ** 2), 30 + 10 * n)) if n <= _DENSE_UP_TO else 30
    step = math.sqrt(n) * 0.3
    pair_charge = np.outer(charge, charge) if n <= _DENSE_UP_TO else None
    for i in range(iterations):
        force = _repulsion(pos, charge, pair_charge) + _attraction(pos, edges, weights)
        force -= GRAVITY * charge[:, None] * (pos - pos.mean(axis=0))  # gravity keeps the part round
        length = np.maximum(np.hypot(force[:, 0], force[:, 1]), 1e-9)
        limit = step * (1.0 - i / iterations) + 0.01
        pos += force * (np.minimum(length, limit) / length)[:, None]
    return pos - pos.mean(axis=0)


def _repulsion(pos: np.ndarray, charge: np.ndarray, pair_charge: np.ndarray | None) -> np.ndarray:
    """Each node's push from the others; ``pair_charge`` is ``np.outer(charge, charge)``,
    made once per part where every pair of nodes repels (up to ``_DENSE_UP_TO``), else None."""
    n = len(pos)
    if n <= _DENSE_UP_TO:
        # In place, in the order of the plain formula, so the floats are the same. A node's
        # push on itself is 0 (its dx and dy are exactly 0), with no diagonal to clear.
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        strength = dx * dx
        strength += dy * dy
        np.maximum(strength, 1e-4, out=strength)
        np.divide(pair_charge, strength, out=strength)
        dx *= strength
        dy *= strength
        return np.stack([dx.sum(axis=1), dy.sum(axis=1)], axis=1)
    from scipy.spatial import cKDTree

    pairs = cKDTree(pos).query_pairs(_CUTOFF, output_type="ndarray")
    a, b = pairs[:, 0], pairs[:, 1]
    delta = pos[a] - pos[b]
    push = delta * (charge[a] * charge[b] / np.maximum((delta ** 2).sum(axis=1), 1e-4))[:, None]
    return np.stack([np.bincount(a, push[:, k], n) - np.bincount(b, push[:, k], n) for k in (0, 1)], axis=1)


def _attraction(pos: np.ndarray, edges: np.ndarray, weights: np.ndarray) -> np.ndarray:
    n = len(pos)
    if not len(edges):
        return np.zeros_like(pos)
    a, b = edges[:, 0], edges[:, 1]
    delta = pos[a] - pos[b]
    pull = delta * (np.hypot(delta[:, 0], delta[:, 1]) * np.sqrt(weights))[:, None]
    return np.stack([np.bincount(b, pull[:, k], n) - np.bincount(a, pull[:, k], n) for k in (0, 1)], axis=1)


def _side_by_side(placed: list[tuple[list[str], np.ndarray]]) -> dict[str, tuple[float, float]]:
    """The largest part on top; the others in rows below it, largest first, the rows as wide
    as the largest part or as the view's shape asks for the rest, whichever is wider."""
    main_members, main = placed[0]
    positions = {m: (float(x), float(y)) for m, (x, y) in zip(main_members, main, strict=True)}
    if len(placed) == 1:
        return positions
    boxes = [tuple(pos.max(axis=0) - pos.min(axis=0) + 1.5) for _, pos in placed[1:]]
    rest = math.sqrt(sum(w * h for w, h in boxes) * REFERENCE_VIEW[0] / REFERENCE_VIEW[1])
    left = main[:, 0].min() - 0.5
    right = left + max(main[:, 0].max() - main[:, 0].min() + 1.0, 4.0, rest)
    x, y, row_height = left, main[:, 1].max() + 2.0, 0.0
    for (members, pos), (width, height) in zip(placed[1:], boxes, strict=True):
        if x + width > right and x > left:
            x, y, row_height = left, y + row_height, 0.0
        for m, (px, py) in zip(members, pos, strict=True):
            positions[m] = (float(x + px - pos[:, 0].min()), float(y + py - pos[:, 1].min()))
        x, row_height = x + width, max(row_height, height)
    return positions


def _fit(positions: dict) -> dict[str, tuple[float, float]]:
    """Scale and centre the positions to fill the reference view, leaving ``MARGIN``."""
    if not positions:
        return {}
    xy = np.array(list(positions.values()))
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.maximum(high - low, 1e-9)
    room = np.array(REFERENCE_VIEW, dtype=float) - 2 * MARGIN
    scale = room / span if len(xy) > 1 else np.ones(2)
    # A round layout in a wide view would leave its sides empty: stretch it, but by no more
    # than _STRETCH, so that shapes keep their look.
    scale = np.minimum(scale, scale.min() * _STRETCH)
    centre = (low + high) / 2
    return {n: (round(float((x - centre[0]) * scale[0]), 1), round(float((y - centre[1]) * scale[1]), 1))
            for n, (x, y) in positions.items()}


def first_view_scale(bounds: tuple[float, float, float, float], view=REFERENCE_VIEW) -> float:
    """The zoom at which ``bounds`` (x0, y0, x1, y1, in pixels at zoom 1) fill ``view``,
    leaving ``MARGIN``: the page opens at this zoom, computed the same way."""
    x0, y0, x1, y1 = bounds
    return min((view[0] - 2 * MARGIN) / max(x1 - x0, 1.0), (view[1] - 2 * MARGIN) / max(y1 - y0, 1.0))


def label_box(x: float, y: float, radius: float, width: float, height: float, scale: float):
    """The screen box (left, top, right, bottom) of a label drawn centred under its node;
    the page draws it the same way (``labelBox`` in network.js)."""
    left, top = x * scale - width / 2, (y + radius) * scale + 2
    return left, top, left + width, top + height


def spread_labels(positions: dict, labels: dict[str, tuple[float, float]], radius: dict[str, float],
                  frame: tuple[float, float, float, float] | None = None) -> tuple[dict, list[str]]:
    """Move nodes until the given labels (id → width, height in pixels, most important
    first) overlap nowhere at the first view, each wholly inside the view; other nodes keep
    their places. Returns the positions and the labels so spread: all of them, or as many
    of the first as the room takes.

    Overlaps are removed as PRISM does (Gansner and Hu, 2010), without its stress model:
    each round, every two labels that overlap are pushed apart along the line that joins
    them, just so far that they would not (at most half as far again), until no two
    overlap. Nodes keep their bearings to one another, so the picture keeps its shape.
    Nodes stay in the first view's ``frame`` (by default :func:`view_frame` of the network),
    beside the network where it leaves room, so that the first view keeps its place and zoom.
    """
    ids = list(labels)
    size = np.array([labels[n] for n in ids], dtype=float).reshape(-1, 2)
    ids = ids[:int(np.searchsorted(np.cumsum(size[:, 0] * size[:, 1]), _MOST_COVERED * _VIEW_AREA, "right"))]
    if len(ids) < 2:
        return positions, ids
    size = size[:len(ids)]
    frame = frame or view_frame(bounds_of(positions, radius))
    scale = first_view_scale(frame)
    mid = ((frame[0] + frame[2]) / 2 * scale, (frame[1] + frame[3]) / 2 * scale)
    lift = np.array([radius[n] for n in ids], dtype=float) * scale
    # Centres on screen, at the first view, of the labels drawn under their nodes (label_box).
    below = lift + 2 + size[:, 1] / 2
    centre = np.array([positions[n] for n in ids], dtype=float) * scale + np.stack([0 * below, below], axis=1)
    low, high = _label_room(mid, size, lift, below)
    centre, count = _push_apart(np.clip(centre, low, high), (size + _GAP) / 2, low, high)
    return positions | {n: (round(float(x / scale), 1), round(float((y - b) / scale), 1))
                        for n, (x, y), b in zip(ids[:count], centre, below[:count], strict=True)}, ids[:count]


def view_frame(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``bounds`` widened, about their middle, to the shape of the reference view less its
    margin: the box the first view shows, in which nodes may move without changing its zoom."""
    x0, y0, x1, y1 = bounds
    scale = first_view_scale(bounds)
    half = ((REFERENCE_VIEW[0] / 2 - MARGIN) / scale, (REFERENCE_VIEW[1] / 2 - MARGIN) / scale)
    mid = ((x0 + x1) / 2, (y0 + y1) / 2)
    return (mid[0] - half[0], mid[1] - half[1], mid[0] + half[0], mid[1] + half[1])


def _label_room(mid, size: np.ndarray, lift: np.ndarray, below: np.ndarray):
    """The lowest and highest centre (on screen) of each label whose node stays inside the
    first view less its margin and whose label stays ``_EDGE`` inside the view: a larger
    window, which shows the network larger, still holds it."""
    half = np.array(REFERENCE_VIEW, dtype=float) / 2
    low = np.stack([np.maximum(mid[0] - half[0] + MARGIN + lift, mid[0] - half[0] + _EDGE + size[:, 0] / 2),
                    mid[1] - half[1] + MARGIN + lift + below], axis=1)
    high = np.stack([np.minimum(mid[0] + half[0] - MARGIN - lift, mid[0] + half[0] - _EDGE - size[:, 0] / 2),
                     np.minimum(mid[1] + half[1] - MARGIN - lift + below,
                                mid[1] + half[1] - _EDGE - size[:, 1] / 2)], axis=1)
    return low, np.maximum(high, low)


def _push_apart(centre: np.ndarray, half: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple[np.ndarray, int]:
    """Centres of boxes (half width, half height) pushed apart until none of the first
    ``count`` overlaps, and ``count``. Each time ``_ROUNDS`` rounds leave some overlapping,
    the later half of those and all after them are given up; at the last time, all after
    the first."""
    count = len(centre)
    # Two labels at one spot part vertically, the earlier above: a deterministic way out.
    tie = np.sign(np.arange(count)[None, :] - np.arange(count)[:, None]) * 1e-2
    reach = half[:, None, :] + half[None, :, :]
    for round_ in range(1, _ROUNDS * _TRIES + 1):
        d = centre[None, :count] - centre[:count, None]
        d[..., 1] = np.where((np.abs(d) < 1e-3).all(axis=2), tie[:count, :count], d[..., 1])
        over = (np.abs(d) < reach[:count, :count]).all(axis=2)
        np.fill_diagonal(over, False)
        if not over.any():
            break
        if round_ % _ROUNDS == 0:  # the later of each overlapping two must go
            later = np.nonzero(np.triu(over).any(axis=0))[0]
            count = int(later[0] if round_ == _ROUNDS * _TRIES else later[len(later) // 2])
            continue
        # Apart along the line joining them, just far enough (at most half as far again).
        ratio = 1.01 * reach[:count, :count] / np.maximum(np.abs(d), 1e-9)
        stretch = np.minimum(ratio.min(axis=2), _MOST_STRETCH)
        push = d * (over * (stretch - 1) / 2)[..., None]
        centre = np.clip(centre[:count] + push.sum(axis=0), low[:count], high[:count])
    return centre[:count], count


def carry_along(g: nx.Graph, before: dict, after: dict, radius: dict[str, float], frame) -> dict:
    """``after``, in which some nodes were moved from ``before``, with each node that was not
    moved carried by the mean move of its neighbours (the unmoved counting as still): a node
    linked only to one that was moved goes along with it, one linked to many stays near the
    middle of them. Every node stays inside ``frame``."""
    moves = {n: (after[n][0] - before[n][0], after[n][1] - before[n][1]) for n in after if after[n] != before[n]}
    if not moves:
        return after
    carried = {}
    for n in g:
        if n in moves or not g.degree(n):
            continue
        shift = [moves[m] for m in g[n] if m in moves]
        if shift:
            x = before[n][0] + sum(s[0] for s in shift) / g.degree(n)
            y = before[n][1] + sum(s[1] for s in shift) / g.degree(n)
            r = radius.get(n, 0.0)
            carried[n] = (round(min(max(x, frame[0] + r), frame[2] - r), 1),
                          round(min(max(y, frame[1] + r), frame[3] - r), 1))
    return after | carried


def bounds_of(positions: dict, radius: dict[str, float]) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) holding every node with its size."""
    if not positions:
        return (-1.0, -1.0, 1.0, 1.0)
    return (min(x - radius.get(n, 0) for n, (x, _) in positions.items()),
            min(y - radius.get(n, 0) for n, (_, y) in positions.items()),
            max(x + radius.get(n, 0) for n, (x, _) in positions.items()),
            max(y + radius.get(n, 0) for n, (_, y) in positions.items()))
