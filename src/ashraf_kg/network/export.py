"""The network stage, step 5: export — GraphML, GEXF and CSV node and edge lists.

Every file is written to a temp file and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from ..fileio import write_bytes_atomic, write_text_atomic
from .projection import EDGE_FIELDS, NODE_FIELDS


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
    edges = sorted(({"source": u, "target": v, "key": k, **d}
                    for u, v, k, d in g.edges(keys=True, data=True)),
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
