"""ashraf-kg: an evidence-backed knowledge graph of news documents.

The public API, one name per stage; each is imported on first use, so
``import ashraf_kg`` (and the command line's start-up) loads no RDF library.

>>> from ashraf_kg import build_graph, run_query               # doctest: +SKIP
>>> build_graph("corpus", "graph")                              # doctest: +SKIP
>>> run_query("list_timeline").rows[:1]                         # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_API = {
    "read_corpus": "corpus.reader",
    "add_document": "corpus.ingest",
    "anchor_corpus": "anchor",
    "build_dataset": "build.dataset",
    "check_graph": "validate",
    "validate_dumps": "validate",
    "read_dataset": "export.dumps",
    "write_dumps": "export.dumps",
    "build_graph": "pipeline",
    "run_query": "query.run",
    "list_queries": "query.run",
    "format_result": "query.results",
    "open_store": "query.store",
    "query_endpoint": "query.endpoint",
    "push_dataset": "query.push",
    "serve_graph": "query.server",
    "project_network": "network.projection",
    "analyze_network": "network.analysis",
    "find_paths": "network.paths",
    "write_network_page": "visualise.page",
    "extract_document": "extract.pipeline",
    "evaluate_corpus": "extract.evaluate",
    "AshrafKGError": "errors",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'ashraf_kg' has no attribute {name!r}")
    value = getattr(import_module(f".{_API[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
