"""The named queries: ``queries/*.rq`` read with their headers (title, question,
parameters), found by name, and their catalogue (``queries/README.md``) written from them.

Light on purpose: a one-shot ``ashraf-kg query`` finds its query here before it decides
where the query runs, without loading the store or the result writers.
"""

from __future__ import annotations

import os
from pathlib import Path
from stat import S_ISREG

from .. import resources
from ..errors import QueryError
from ..places import queries_folder
from .header import PARAMETER_TYPES, NamedQuery, QueryParameter, is_query_name, looks_inline, parse_query

__all__ = ["PARAMETER_TYPES", "NamedQuery", "QueryParameter", "list_queries", "parse_query",
           "render_catalogue", "resolve_query", "write_catalogue"]


def list_queries(queries_dir: str | os.PathLike | None = None) -> tuple[NamedQuery, ...]:
    """Every named query (``<verb>_<what>.rq``) in ``queries_dir`` (default: the packaged ones), by name.

    The folder is read and parsed once per process, and again only when its listing
    changes; :func:`resolve_query` also re-reads the one query it returns if that file
    changed.
    """
    folder = Path(queries_dir) if queries_dir is not None else resources.queries_dir()
    try:
        key = (str(folder), os.stat(folder).st_mtime_ns)
    except OSError as error:
        raise QueryError(f"cannot read the queries folder: {error.strerror}", where=str(folder)) from None
    if _catalogue.get("key") != key:
        _catalogue["queries"] = tuple(_read_query(path) for path in sorted(folder.glob("*.rq")))
        _catalogue["listed"] = tuple(query for query, _ in _catalogue["queries"])
        _catalogue["by_name"] = {query.name: query for query in _catalogue["listed"]}
        _catalogue["key"] = key
    return _catalogue["listed"]


def _read_query(path: Path) -> tuple[NamedQuery, tuple[int, int]]:
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    return parse_query(text, name=path.stem, source=str(path)), (stat.st_size, stat.st_mtime_ns)


def _fresh(query: NamedQuery) -> NamedQuery:
    """``query`` itself, or read again if its file changed since the catalogue was read."""
    for known, version in _catalogue.get("queries", ()):
        if known is query:
            stat = os.stat(query.source)
            if (stat.st_size, stat.st_mtime_ns) != version:
                return _read_query(Path(query.source))[0]
    return query


_catalogue: dict = {}


def resolve_query(spec: str, *, queries_dir: str | os.PathLike | None = None) -> NamedQuery:
    """A query by name (``list_timeline``, or its ``timeline`` part when unique), by file, or inline.

    >>> resolve_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").name
    '<inline>'
    """
    if looks_inline(spec):
        return parse_query(spec)
    if os.path.splitext(spec)[1] == ".rq" or os.sep in spec or os.path.isfile(spec):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"no query file {spec}", hint="check the path, or give a query name")
        return parse_query(path.read_text(encoding="utf-8"), name=path.stem, source=str(path))
    return _read_alone(spec, queries_dir) or _fresh(_find_named(spec, list_queries(queries_dir)))


def _read_alone(name: str, queries_dir: str | os.PathLike | None) -> NamedQuery | None:
    """The query named ``name`` read from its own file alone, without the catalogue: a
    one-shot query needs no other (reading all of them was a thirtieth of its start-up),
    and a program running queries by name pays one ``stat`` a call. None when no file has
    that name. Kept, and read again only when its file changes, as the catalogue's are."""
    if not is_query_name(name):
        return None
    # A folder that is not there fails the stat below: list_queries then says so.
    path = os.path.join(queries_folder() if queries_dir is None else queries_dir, f"{name}.rq")
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    known = _alone.get(path)
    if known is None or known[1] != (stat.st_size, stat.st_mtime_ns):
        known = _alone[path] = _read_query(Path(path))
    return known[0]


_alone: dict[str, tuple[NamedQuery, tuple[int, int]]] = {}


def _find_named(name: str, queries: tuple[NamedQuery, ...]) -> NamedQuery:
    by_name = _catalogue["by_name"] if queries is _catalogue.get("listed") else {q.name: q for q in queries}
    if name in by_name:
        return by_name[name]
    by_what = [q for q in queries if q.name.split("_", 1)[-1] == name]
    if len(by_what) == 1:
        return by_what[0]
    import difflib

    close = difflib.get_close_matches(name, list(by_name), n=3, cutoff=0.5)
    close += [q.name for q in queries if name in q.name and q.name not in close]
    hint = (f"did you mean {', '.join(close[:3])}?" if close
            else "`ashraf-kg queries` lists the named queries")
    raise QueryError(f"unknown query {name!r}", hint=hint)


# --- the catalogue page -----------------------------------------------------------------

_CATALOGUE_INTRO = """\
# Named queries

<!-- Generated by `ashraf-kg queries --catalogue` from the header comment of each query;
     edit the .rq files, not this page. -->

Run one with `ashraf-kg query NAME [--param name=value]... [--format FORMAT]`, embedded
(the dump in pyoxigraph) or on a SPARQL 1.1 server with `--endpoint URL`. A parameter
value that looks like an IRI (`<…>`, `http(s)://…`) is an IRI; a parameter declared `iri`
also takes `prefix:local`, an id such as `person/nouri-al-maliki`, or a name or alias such
as `Maliki`, looked up among the graph's labels (a miss is an error with the closest names).
`ashraf-kg queries NAME` shows one query's question and parameters with their defaults.

Conventions every query keeps, so that it gives the same rows embedded, on Oxigraph
server and on Virtuoso:

- The default graph is the **union of all named graphs** (pyoxigraph
  `use_default_graph_as_union=True`, `oxigraph serve --union-default-graph`, Virtuoso
  without `FROM`). No query uses `FROM` or `GRAPH`.
- A triple stated in two graphs matches twice in that union, so every `SELECT` is
  `DISTINCT` or groups its rows (`GROUP BY`, in the three counting queries), and every
  count is `COUNT(DISTINCT …)` or counts the rows of a nested `SELECT DISTINCT`.
- Every query's outer `SELECT` ends with an `ORDER BY` over all projected variables (a
  total order); a nested `SELECT`, whose rows are only joined, needs none.
- Only SPARQL 1.1 standard functions; every transitive path (`+`, `*`) has an end bound
  by a parameter or an earlier pattern; no `GROUP_CONCAT` or `SAMPLE`, whose output order differs between engines.
- `DESCRIBE` output is engine-defined (Oxigraph gives the resource's own triples,
  Virtuoso mostly the triples that point at it): embedded and on Oxigraph server the two
  graphs must be equal; on Virtuoso, the description must be non-empty and every triple
  in it must have the described entity as subject or object.
"""


def render_catalogue(queries: tuple[NamedQuery, ...] | None = None) -> str:
    """The Markdown catalogue of the named queries (``queries/README.md``), from their headers."""
    queries = list_queries() if queries is None else queries
    lines = [_CATALOGUE_INTRO, "| query | title |", "| --- | --- |"]
    lines += [f"| [`{q.name}`](#{q.name}) | {q.title} |" for q in queries]
    for q in queries:
        lines += ["", f"## {q.name}", "", f"**{q.title}** — [`{q.name}.rq`]({q.name}.rq)", "",
                  q.question]
        if q.parameters:
            lines += ["", "Parameters:", ""]
            for p in q.parameters:
                default = f", default `{p.default}`" if p.default is not None else ", optional"
                lines.append(f"- `{p.name}` ({p.type}{default}): {p.meaning}")
    return "\n".join(lines) + "\n"


def write_catalogue(queries_dir: str | os.PathLike | None = None, *, check: bool = False) -> Path:
    """Write ``README.md`` in the queries folder (atomically); with ``check``, only compare.

    Raises QueryError when a header lacks a title or question, or, with ``check``, when the
    README differs from what the headers give.
    """
    folder = Path(queries_dir) if queries_dir is not None else resources.queries_dir()
    queries = list_queries(folder)
    for q in queries:
        if not q.title or not q.question:
            raise QueryError("the header lacks a `# title:` or `# question:` line", where=q.source,
                             hint="start the file with `# title: …` and `# question: …`")
    text = render_catalogue(queries)
    target = folder / "README.md"
    if check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            raise QueryError("the query catalogue is out of date", where=str(target),
                             hint="run `ashraf-kg queries --catalogue`")
        return target
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    return target
