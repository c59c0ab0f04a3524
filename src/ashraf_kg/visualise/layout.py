"""Where each node is drawn: a force layout computed when the page is built.

The page opens on a settled picture because the positions come with it. Each connected
part of the network is laid out by a Fruchterman–Reingold force simulation (numpy; every
pair of nodes repels below 1,500 nodes, only near pairs above, found with a k-d tree), from
seeded random starting points, so a build gives the same positions as the last one. The
parts are then set side by side, largest first, and the whole is scaled to the *reference
view*: the network area of a 1280×800 window, where one unit is one pixel on screen.

Finally the labels that must be read at first sight (the principal actors) are made not to
overlap at that view: nodes whose labels would touch are pushed apart, a little at a time,
until none do (:func:`spread_labels`).
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


def layout_network(g: nx.Graph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions of the nodes of the undirected graph ``g`` (edge attribute ``weight``), in
    pixels of the reference view, centred on the origin."""
    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[list[str], np.ndarray]] = []
    for i, members in enumerate(parts):
        placed.append((members, _part_positions(g.subgraph(members), members, seed + i)))
    positions = _side_by_side(placed)
    return _fit(positions)


def _part_positions(part: nx.Graph, members: list[str], seed: int) -> np.ndarray:
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
    charge = 1.0 + np.sqrt(degree)
    rng = np.random.default_rng(seed)
    pos = (rng.random((n, 2)) - 0.5) * math.sqrt(n) * 2.0
    # Enough steps to settle, within about the same work for any size.
    iterations = int(min(300, max(60, 3.0e7 / n ** 2), 30 + 10 * n)) if n <= _DENSE_UP_TO else 30
    step = math.sqrt(n) * 0.3
    for i in range(iterations):
        force = _repulsion(pos, charge) + _attraction(pos, edges, weights)
        force -= GRAVITY * charge[:, None] * (pos - pos.mean(axis=0))  # gravity keeps the part round
        length = np.maximum(np.hypot(force[:, 0], force[:, 1]), 1e-9)
        limit = step * (1.0 - i / iterations) + 0.01
        pos += force * (np.minimum(length, limit) / length)[:, None]
    return pos - pos.mean(axis=0)


def _repulsion(pos: np.ndarray, charge: np.ndarray) -> np.ndarray:
    n = len(pos)
    if n <= _DENSE_UP_TO:
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        strength = np.outer(charge, charge) / np.maximum(dx * dx + dy * dy, 1e-4)
        np.fill_diagonal(strength, 0.0)
        return np.stack([(dx * strength).sum(axis=1), (dy * strength).sum(axis=1)], axis=1)
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
    """The largest part in the middle; the others in rows below it, widest first."""
    main_members, main = placed[0]
    positions = {m: (float(x), float(y)) for m, (x, y) in zip(main_members, main, strict=True)}
    if len(placed) == 1:
        return positions
    left, right = main[:, 0].min() - 0.5, max(main[:, 0].max() + 0.5, main[:, 0].min() + 4)
    x, y, row_height = left, main[:, 1].max() + 2.0, 0.0
    for members, pos in placed[1:]:
        width = pos[:, 0].max() - pos[:, 0].min() + 1.5
        height = pos[:, 1].max() - pos[:, 1].min() + 1.5
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
                  *, rounds: int = 150) -> dict:
    """Move nodes apart until the given labels (id → width, height in pixels) overlap
    nowhere at the first view. Other nodes keep their places.

    Labels are pushed apart at the zoom the first view has; pushing may widen the network
    and so lower that zoom, in which case they are pushed again at the lower one.
    """
    ids = sorted(labels)
    if len(ids) < 2:
        return positions
    pos = np.array([positions[n] for n in ids], dtype=float)
    size = np.array([labels[n] for n in ids], dtype=float)
    lift = np.array([radius[n] for n in ids], dtype=float)
    rest = bounds_of({n: p for n, p in positions.items() if n not in labels}, radius)
    for _ in range(10):
        scale = first_view_scale(_joined(rest, pos, lift))
        for _ in range(rounds):
            if not _push_round(pos, size, lift, scale):
                break
        if first_view_scale(_joined(rest, pos, lift)) >= scale * 0.999:
            break
    return positions | {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in zip(ids, pos, strict=True)}


def _joined(bounds, pos: np.ndarray, lift: np.ndarray) -> tuple[float, float, float, float]:
    return (min(bounds[0], float((pos[:, 0] - lift).min())), min(bounds[1], float((pos[:, 1] - lift).min())),
            max(bounds[2], float((pos[:, 0] + lift).max())), max(bounds[3], float((pos[:, 1] + lift).max())))


def _push_round(pos: np.ndarray, size: np.ndarray, lift: np.ndarray, scale: float) -> bool:
    """One round: every two overlapping labels move apart by their overlap, along the
    shorter way out; True if any had to. Boxes as :func:`label_box` draws them."""
    left = pos[:, 0] * scale - size[:, 0] / 2
    top = (pos[:, 1] + lift) * scale + 2
    box = np.stack([left, top, left + size[:, 0], top + size[:, 1]], axis=1)
    dx = np.minimum(box[:, None, 2], box[None, :, 2]) - np.maximum(box[:, None, 0], box[None, :, 0])
    dy = np.minimum(box[:, None, 3], box[None, :, 3]) - np.maximum(box[:, None, 1], box[None, :, 1])
    touching = (dx > -2) & (dy > -2)  # two pixels apart at least
    np.fill_diagonal(touching, False)
    if not touching.any():
        return False
    centre = (box[:, :2] + box[:, 2:]) / 2
    sideways = dx < dy  # the smaller overlap is the cheaper way out
    # Each moves away from the other; two at one place part by their order.
    later = np.where(np.triu(np.ones(dx.shape, dtype=bool), 1), -1.0, 1.0)
    away_x = np.sign(centre[:, None, 0] - centre[None, :, 0])
    away_y = np.sign(centre[:, None, 1] - centre[None, :, 1])
    away_x, away_y = np.where(away_x == 0, later, away_x), np.where(away_y == 0, later, away_y)
    step_x = np.where(touching & sideways, away_x * (dx + 3) / 2, 0.0)
    step_y = np.where(touching & ~sideways, away_y * (dy + 3) / 2, 0.0)
    pos[:, 0] += step_x.sum(axis=1) / scale * 0.6
    pos[:, 1] += step_y.sum(axis=1) / scale * 0.6
    return True


def bounds_of(positions: dict, radius: dict[str, float]) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) holding every node with its size."""
    if not positions:
        return (-1.0, -1.0, 1.0, 1.0)
    return (min(x - radius.get(n, 0) for n, (x, _) in positions.items()),
            min(y - radius.get(n, 0) for n, (_, y) in positions.items()),
            max(x + radius.get(n, 0) for n, (x, _) in positions.items()),
            max(y + radius.get(n, 0) for n, (_, y) in positions.items()))
