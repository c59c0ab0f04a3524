"""A query's answer as text, the way ``ashraf-kg query`` prints it.

One function for every place that answers a query for a reader: the command line in its
own process, and the resident store (:mod:`ashraf_kg.query.resident`) on behalf of a
command line in another process. Both run this very code, so their output is the same
byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from .run import NamedQuery, format_result, run_query


def answer_query(named: NamedQuery, *, params: Mapping[str, object] | None = None,
                 fmt: str = "table", ids: bool = False, width: int | None = None,
                 timeout: float | None = None, allow_service: bool = False,
                 max_rows: int | None = None, store=None,
                 graph_dir: str | os.PathLike | None = None, storage: str = "disk",
                 endpoint: str | None = None, user: str | None = None,
                 password: str | None = None, auth: str = "digest") -> str:
    """Run ``named`` and write its answer in ``fmt``; see :func:`~ashraf_kg.query.run.run_query`.

    In ``table`` and ``markdown``, IRIs are shown by their labels unless ``ids``; a
    ``table`` is fit to ``width`` columns when given.
    """
    target = dict(store=store, graph_dir=graph_dir, storage=storage, endpoint=endpoint,
                  user=user, password=password, auth=auth)
    result = run_query(named, params=params, timeout=timeout, allow_service=allow_service,
                       max_rows=max_rows, **target)
    labels = None
    if fmt in ("table", "markdown") and not ids and result.kind != "ask":
        from .labels import find_labels, make_lookup

        rows = result.terms if result.kind == "select" else result.triples
        labels = find_labels((term for row in rows for term in row), make_lookup(**target))
    return format_result(result, fmt, labels=labels, width=width)
