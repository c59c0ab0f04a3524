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

GENRES = {
    "opinion/advocacy": "OpinionNewsArticle",
    "encyclopedia": "Article",
    "news": "NewsArticle",
    "statement": "Article",
    "report": "Report",
}
"""Genres of a document (meta.yaml ``genre``) and the schema.org class each is written as."""

LICENCES = (
    ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/",
     "“{title}” by {author}, {url}, licensed under CC BY-SA 4.0"),
    ("Open Parliament Licence v3.0",
     "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/",
     "Contains Parliamentary information licensed under the Open Parliament Licence v3.0"),
)
"""Licences known by name: (the words that name it, its IRI, the attribution it asks for,
with ``{title}``, ``{author}``, ``{url}``, ``{publisher}`` of the document filled in)."""
