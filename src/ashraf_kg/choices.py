"""The choices of a query's options: result formats and embedded storages.

Part of the controlled lists of :mod:`ashraf_kg.vocab` (which lists them too), kept in a
module that imports nothing, because every one-shot ``ashraf-kg query`` reads them while
it parses its command line, and the rest of vocab.py (with dataclasses and typing) would
add to that process's start-up.
"""

RESULT_FORMATS = ("table", "csv", "tsv", "json", "markdown", "turtle", "ntriples")
"""Output formats of a query result; the last two are for CONSTRUCT and DESCRIBE."""

GRAPH_FORMATS = ("turtle", "ntriples")
"""The result formats that only a graph (CONSTRUCT, DESCRIBE) can take."""

STORAGES = ("memory", "disk")
"""Embedded store kinds: pyoxigraph in memory, or the RocksDB cache on disk."""
