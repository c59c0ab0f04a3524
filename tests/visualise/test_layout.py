"""Positions computed when the page is built: repeatable, inside the first view, names apart."""

from __future__ import annotations

import networkx as nx

from ashraf_kg.visualise.layout import (
    MARGIN,
    REFERENCE_VIEW,
    bounds_of,
    first_view_scale,
    label_box,
    layout_network,
    spread_labels,
    view_frame,
)


def _overlapping(positions, labels, radius):
    scale = first_view_scale(bounds_of(positions, radius))
    boxes = {n: label_box(*positions[n], radius[n], *labels[n], scale) for n in labels}
    ids = sorted(boxes)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
            if min(boxes[a][2], boxes[b][2]) > max(boxes[a][0], boxes[b][0])
            and min(boxes[a][3], boxes[b][3]) > max(boxes[a][1], boxes[b][1])]


def test_the_same_graph_gets_the_same_positions():
    g = nx.les_miserables_graph()
    assert layout_network(g) == layout_network(g.copy())


def test_positions_fill_the_reference_view_within_its_margin():
    positions = layout_network(nx.les_miserables_graph())
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    assert max(xs) - min(xs) <= REFERENCE_VIEW[0] - 2 * MARGIN + 1
    assert max(ys) - min(ys) <= REFERENCE_VIEW[1] - 2 * MARGIN + 1
    assert max(max(xs) - min(xs), max(ys) - min(ys)) > 0.9 * (REFERENCE_VIEW[1] - 2 * MARGIN)


def test_linked_nodes_lie_nearer_than_unlinked_ones():
    g = nx.les_miserables_graph()
    positions = layout_network(g)

    def distance(u, v):
        return ((positions[u][0] - positions[v][0]) ** 2 + (positions[u][1] - positions[v][1]) ** 2) ** 0.5
    linked = [distance(u, v) for u, v in g.edges()]
    apart = [distance(u, v) for u in g for v in g if u < v and not g.has_edge(u, v)]
    assert sum(linked) / len(linked) < 0.6 * sum(apart) / len(apart)


def test_separate_parts_do_not_overlap():
    g = nx.disjoint_union(nx.cycle_graph(12), nx.path_graph(5))
    g.add_node("alone")
    positions = layout_network(g)
    main = [positions[n] for n in range(12)]
    for n in [*range(12, 17), "alone"]:
        x, y = positions[n]
        assert not (min(p[0] for p in main) <= x <= max(p[0] for p in main)
                    and min(p[1] for p in main) <= y <= max(p[1] for p in main))


def test_spread_labels_leaves_no_two_labels_overlapping():
    positions = {f"n{i}": (float(i % 3) * 5, float(i // 3) * 4) for i in range(12)}
    positions |= {"far": (400.0, 300.0), "near": (-300.0, -200.0)}  # room around them
    labels = {f"n{i}": (120.0, 18.0) for i in range(12)}
    radius = dict.fromkeys(positions, 6.0)
    assert _overlapping(positions, labels, radius)
    spread, placed = spread_labels(positions, labels, radius)
    assert placed == list(labels) and _overlapping(spread, labels, radius) == []
    assert spread["far"] == positions["far"]
    assert (spread, placed) == spread_labels(positions, labels, radius)


def test_labels_crowded_at_one_spot_are_all_spread_inside_the_view_that_holds_the_network():
    positions = {f"n{i}": (float(i % 4), float(i // 4)) for i in range(40)}
    positions |= {"left": (-300.0, -200.0), "right": (300.0, 200.0)}
    radius = dict.fromkeys(positions, 4.0)
    labels = {f"n{i}": (110.0, 18.0) for i in range(40)}  # a fifth of the view
    frame = view_frame(bounds_of(positions, radius))
    spread, placed = spread_labels(positions, labels, radius, frame)
    assert placed == list(labels) and _overlapping(spread, labels, radius) == []
    assert bounds_of(spread, radius) == bounds_of(positions, radius)  # the first view stays as it was
    scale = first_view_scale(frame)
    for n in labels:
        left, top, right, bottom = label_box(*spread[n], radius[n], *labels[n], scale)
        assert frame[0] * scale - MARGIN <= left and right <= frame[2] * scale + MARGIN
        assert bottom <= frame[3] * scale + MARGIN


def test_of_labels_too_many_for_the_room_the_first_that_fit_are_spread():
    positions = {f"n{i}": (float(i % 20), float(i // 20)) for i in range(400)}
    labels = {n: (160.0, 18.0) for n in positions}
    radius = dict.fromkeys(positions, 3.0)
    spread, placed = spread_labels(positions, labels, radius)
    assert 10 < len(placed) < len(labels) and placed == list(labels)[:len(placed)]
    assert _overlapping(spread, {n: labels[n] for n in placed}, radius) == []
    assert all(spread[n] == positions[n] for n in positions if n not in placed)
