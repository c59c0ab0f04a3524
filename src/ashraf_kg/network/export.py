"""The network stage, step 5: export — GraphML, GEXF and CSV node and edge lists.

The network keeps lists as tuples; these formats hold only text and numbers, so each
tuple is written as its items joined by ``"; "`` (a span as ``start-end``), here and
nowhere else. Every file is written to a temp file and renamed, so a reader never sees
half of one.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import networkx as nx

from ..fileio import write_bytes_atomic, write_text_atomic
from .projection import EDGE_FIELDS, NODE_FIELDS

# What XML 1.0 cannot hold at all, not even escaped: C0 controls but tab and line ends,
# the two non-characters U+FFFE/U+FFFF, and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(value):
    """``value`` with what XML cannot hold made visible: a C0 control as its Control Picture
    (U+2400 + code, e.g. \\v as ␋), anything else as U+FFFD; other values unchanged."""
    if not isinstance(value, str):
        return value
    return _NOT_XML.sub(lambda m: chr(0x2400 + ord(m[0])) if m[0] < " " else "\ufffd", value)


def xml_safe_graph(g):
    """A copy of ``g`` whose node ids, keys and text attributes XML can hold."""
    safe = nx.relabel_nodes(g, {n: xml_safe(n) for n in g if xml_safe(n) != n}, copy=True)
    safe.graph = {k: xml_safe(v) for k, v in safe.graph.items()}
    for _, data in safe.nodes(data=True):
        data.update({k: xml_safe(v) for k, v in data.items()})
    for *_, data in safe.edges(data=True):
        data.update({k: xml_safe(v) for k, v in data.items()})
    return safe


def flatten(value):
    """A value as the file formats hold it: tuples joined by ``"; "``, spans as ``start-end``.

    >>> flatten(("Iranian resistance", "Author")), flatten(((3, 9), (12, 20)))
    ('Iranian resistance; Author', '3-9; 12-20')
    """
    if isinstance(value, tuple):
        return "; ".join("-".join(map(str, v)) if isinstance(v, tuple) else str(v) for v in value)
    return value


def flat_graph(g):
    """A copy of the network whose attributes are all text, numbers or booleans."""
    flat = g.__class__(name=g.graph.get("name", ""))
    flat.add_nodes_from((n, {k: flatten(v) for k, v in d.items()}) for n, d in g.nodes(data=True))
    flat.add_edges_from((u, v, k, {a: flatten(x) for a, x in d.items()})
                        for u, v, k, d in g.edges(keys=True, data=True))
    return flat


def write_graphml(g, path) -> Path:
    """Write the network as GraphML (yEd, Gephi, Cytoscape), atomically."""
    return _write_with(path, lambda out: nx.write_graphml(xml_safe_graph(flat_graph(g)), out, encoding="utf-8"))


def write_gexf(g, path) -> Path:
    """Write the network as GEXF 1.2 (Gephi), atomically."""
    return _write_with(path, lambda out: nx.write_gexf(xml_safe_graph(flat_graph(g)), out, encoding="utf-8"))


def _write_with(path, write) -> Path:
    buffer = io.BytesIO()
    write(buffer)
    write_bytes_atomic(Path(path), buffer.getvalue())
    return Path(path)


def write_csv(g, nodes_path, edges_path) -> tuple[Path, ...]:
    """Write a node list and an edge list (UTF-8 CSV with a header row), atomically.

    ``nodes_path`` may be None: then only the edge list is written. Returns the files written.
    """
    flat = flat_graph(g)
    nodes = [{"id": n, **d} for n, d in sorted(flat.nodes(data=True))]
    edges = sorted(({"source": u, "target": v, "key": k, **d}
                    for u, v, k, d in flat.edges(keys=True, data=True)),
                   key=lambda e: (e["source"], e["target"], e["key"]))
    if nodes_path is not None:
        write_text_atomic(Path(nodes_path), _csv_text(NODE_FIELDS, nodes))
    write_text_atomic(Path(edges_path), _csv_text(EDGE_FIELDS, edges))
    return tuple(Path(p) for p in (nodes_path, edges_path) if p is not None)


def _csv_text(fields, items) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(items)
    return out.getvalue()
