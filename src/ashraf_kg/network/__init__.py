"""The graph as a network: who is linked to whom, through what, and on whose word.

The network stage runs in five steps, one module each, and this module gathers their
public names so one import serves a user of the whole stage:

- :mod:`.reader` reads ids, labels, mentions and the evidence of each statement;
- :mod:`.projection` turns the RDF dataset into a networkx ``MultiDiGraph`` whose
  edges keep their evidence and status (:func:`project_network`);
- :mod:`.analysis` measures it: centrality, communities, brokers;
- :mod:`.paths` finds explained paths between two named nodes;
- :mod:`.export` writes GraphML, GEXF and CSV (the one place lists become text).

>>> g = project_network(read_dataset("graph"))          # doctest: +SKIP
>>> [hop.relation for hop in find_paths(g, "Suleimani", "Camp Ashraf")[0].hops]  # doctest: +SKIP
"""

from __future__ import annotations

from ..namespaces import short_id
from .analysis import Analysis, Broker, NodeMeasure, analyze_network, simple_graph
from .export import flat_graph, write_csv, write_gexf, write_graphml
from .paths import ExplainedPath, Hop, find_paths, resolve_node
from .projection import (
    EDGE_FIELDS,
    EVENT_ROLES,
    LINK_STATUSES,
    NODE_FIELDS,
    RELATION_WORDS,
    link_status,
    project_network,
)
from .reader import NODE_KINDS, Evidence, node_kind

__all__ = ["EDGE_FIELDS", "EVENT_ROLES", "LINK_STATUSES", "NODE_FIELDS", "NODE_KINDS", "RELATION_WORDS",
           "Analysis", "Broker", "Evidence", "ExplainedPath", "Hop", "NodeMeasure",
           "analyze_network", "find_paths", "flat_graph", "link_status", "node_kind", "project_network",
           "resolve_node", "short_id", "simple_graph", "write_csv", "write_gexf",
           "write_graphml"]
