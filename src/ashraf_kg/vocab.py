"""Every controlled list of the project, defined once.

The ground floor: imports nothing of the project above it, so the command line can
read these lists without loading rdflib, networkx or pyvis.
"""

from __future__ import annotations

RESULT_FORMATS = ("table", "csv", "tsv", "json", "markdown", "turtle", "ntriples")
"""Output formats of a query result; the last two are for CONSTRUCT and DESCRIBE."""

GRAPH_FORMATS = ("turtle", "ntriples")
"""The result formats that only a graph (CONSTRUCT, DESCRIBE) can take."""

STORAGES = ("memory", "disk")
"""Embedded store kinds: pyoxigraph in memory, or the RocksDB cache on disk."""
