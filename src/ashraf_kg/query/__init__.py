"""The query stage: named SPARQL queries on the embedded store or on an endpoint.

``named`` reads the ``.rq`` catalogue, ``run`` runs a query (embedded or remote),
``results`` formats answers, ``answer`` writes one as the command line prints it,
``dump`` finds the dump and its recorded hash, ``store`` holds the embedded pyoxigraph
store, ``resident`` keeps it in a background process that one-shot queries ask
(``resident_server`` is that process),
``endpoint``/``gsp`` speak SPARQL 1.1 Protocol and Graph Store Protocol, ``server`` and
``virtuoso`` start real servers. The names below are imported on first use.

>>> from ashraf_kg.query import run_query, format_result          # doctest: +SKIP
>>> print(format_result(run_query("list_timeline"), "table"))      # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module

_API = {
    "run_query": "run", "list_queries": "run", "resolve_query": "run", "evaluate": "run",
    "format_result": "results", "from_oxigraph": "results",
    "open_store": "store", "open_rdflib_graph": "store",
    "query_endpoint": "endpoint", "push_dataset": "push",
    "answer_query": "answer",
    "start_resident_store": "resident", "stop_resident_store": "resident",
    "resident_store_status": "resident", "find_resident_stores": "resident",
    "serve_graph": "server", "start_virtuoso": "virtuoso", "load_virtuoso": "virtuoso",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'ashraf_kg.query' has no attribute {name!r}")
    value = getattr(import_module(f".{_API[name]}", __name__), name)
    globals()[name] = value
    return value
