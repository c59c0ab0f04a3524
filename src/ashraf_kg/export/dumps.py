"""Export: write the dataset as deterministic dumps, then swap them into ``graph/``.

Every file is written into a temporary folder beside the target; only a complete
set replaces the previous ``graph/`` (see :func:`fileio.replace_folder`).
"""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path

from rdflib import BNode, Dataset, Graph
from rdflib import __version__ as rdflib_version
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.plugins.serializers.nt import _nt_row  # the canonical N-Triples line writer

from .. import namespaces as ns
from ..build.quads import dataset_digest, dataset_quads, graph_rows, graph_triples
from ..errors import AshrafKGError, BuildError
from ..fileio import (
    cache_folder,
    digest_files,
    make_or_reuse,
    mark_used,
    rdf_syntax_error,
    staged_folder,
    write_text_atomic,
)
from ..resources import ontology_dir
from ..validate.store import OneGraphStore
from .turtle import TurtleWriter

DUMP = "ashraf-kg"
FORMATS = {  # file name -> (description, media type)
    f"{DUMP}.ttl": ("all data in one graph, Turtle", "text/turtle"),
    f"{DUMP}.trig": ("one named graph per document, TriG", "application/trig"),
    f"{DUMP}.nq": ("one named graph per document, N-Quads", "application/n-quads"),
    f"{DUMP}.nt": ("all data in one graph, N-Triples", "application/n-triples"),
    f"{DUMP}.jsonld": ("one named graph per document, JSON-LD", "application/ld+json"),
}
# Everything a build writes into graph/: the dumps, the two pages, the VoID description.
GRAPH_FILES = frozenset(FORMATS) | {"ontology.html", "ashraf.html", "void.ttl"}


def check_graph_dir(graph_dir: Path) -> Path:
    """``graph_dir`` if a build may replace it: absent, empty, or holding only what a build writes.

    A build swaps the whole folder, so anything else in it (a corpus, a checkout's ``.git``,
    someone's notes) would be lost; a regular file is not a folder at all.
    """
    graph_dir = Path(graph_dir)
    if not graph_dir.exists() and not graph_dir.is_symlink():
        return graph_dir
    if not graph_dir.is_dir():
        raise BuildError(f"the graph folder {graph_dir} is a file, not a folder",
                         hint="give a folder for the dumps, e.g. --graph-dir graph")
    foreign = sorted(p.name for p in graph_dir.iterdir() if p.name not in GRAPH_FILES
                     or not p.is_file() or p.is_symlink())
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise BuildError(f"refusing to replace {graph_dir}: it is not a graph folder (it holds "
                         f"{shown}), and a build replaces the whole folder",
                         hint="give a new or empty folder, or one an earlier build wrote")
    return graph_dir


def check_no_blank_nodes(dataset: Dataset) -> None:
    """Dumps must not contain blank nodes: other projects merge them by IRI."""
    for s, p, o, g in dataset_quads(dataset):
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise BuildError(f"blank node in graph {g}: ({s}, {p}, {o})",
                             hint="give the node an IRI (namespaces.py)")


def _nquads_lines(rows: dict) -> list[str]:
    """Sorted N-Quads lines of ``rows`` (each graph's N-Triples lines): one line a quad, so
    the dump diffs and hashes stably."""
    return sorted({f"{row[:-3]} {name.n3()} .\n" for name, graph in rows.items() for row in graph})


def to_ntriples(graph: Graph | None = None, *, rows: dict | None = None) -> str:
    """Sorted N-Triples of ``graph`` (or of the union of ``rows``: each graph's N-Triples lines)."""
    lines = {row for graph_rows in rows.values() for row in graph_rows} if rows is not None \
        else {_nt_row(t) for t in graph}
    return "".join(sorted(lines))


def to_turtle(dataset: Dataset, *, graphs: dict | None = None, writer: TurtleWriter | None = None) -> str:
    """The union of all graphs as one Turtle document, laid out as rdflib's writer does."""
    graphs = graphs if graphs is not None else graph_triples(dataset)
    union = list({t for triples in graphs.values() for t in triples})
    return (writer or TurtleWriter()).turtle(union)


def to_trig(dataset: Dataset, *, graphs: dict | None = None, writer: TurtleWriter | None = None) -> str:
    """TriG with graphs in IRI order, each body as rdflib's (ordered) Turtle writes it.

    rdflib's own TriG writer visits graphs in store order, which changes between runs.
    """
    graphs = graphs if graphs is not None else graph_triples(dataset)
    writer = writer or TurtleWriter()
    prefixes: set[str] = set()
    blocks = []
    for name, triples in graphs.items():
        if writer.can_write(triples):
            body, used = writer.body(triples)
            prefixes.update(writer.prefix_lines(used))
            body = body.strip("\n")
        else:
            body = _trig_body_by_rdflib(triples, prefixes)
        blocks.append(f"{name.n3()} {{\n" + body + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def _trig_body_by_rdflib(triples: list, prefixes: set[str]) -> str:
    graph = Graph()
    ns.bind_prefixes(graph)
    for triple in triples:
        graph.add(triple)
    # Split on "\n" only: str.splitlines() also breaks at \v, \f, \x85, \u2028 … that
    # a literal may hold, and would cut the text (or the literal) in two.
    lines = graph.serialize(format="turtle").split("\n")
    prefixes.update(line for line in lines if line.startswith("@prefix"))
    # No re-indenting: a multi-line literal's lines are data.
    body = [line for line in lines if not line.startswith("@prefix")]
    while body and not body[0]:
        body.pop(0)
    while body and not body[-1]:
        body.pop()
    return "\n".join(body)


def load_context() -> dict:
    path = ontology_dir() / "context.jsonld"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as error:
        raise BuildError(f"cannot read the JSON-LD context: {error}", where=str(path)) from None


def write_jsonld(handle, dataset: Dataset, *, graphs: dict | None = None, rows: dict | None = None) -> None:
    """Write JSON-LD compacted with the shipped context, inlined so no one fetches it.

    Each named graph is compacted on its own (rdflib's JSON-LD writer, its triples added in
    order, so every list of values comes out in the same order), so no sorted copy of the
    whole dataset is ever held. With ``rows`` (each graph's N-Triples lines) a graph's
    nodes are kept in the build cache under a digest of those lines and the context, and
    read from there when a later build has the same graph.

    The text is written one graph at a time: the text ``json.dumps(…, indent=1,
    sort_keys=True)`` makes of the whole document, without holding every graph's nodes,
    or the whole text, at once.
    """
    context = load_context()
    graphs = graphs if graphs is not None else graph_triples(dataset)
    folder = cache_folder("jsonld") if rows is not None else None
    # The code that compacts is part of the key: a change to it never meets an old entry.
    salt = json.dumps(context, sort_keys=True) + f" rdflib-{rdflib_version} " + \
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    handle.write('{\n "@context": ' + _json_at(context, 1) + ',\n "@graph": ')
    handle.write("[" if graphs else "[]")
    for number, (name, triples) in enumerate(graphs.items()):
        cached = folder / _digest(rows[name], salt) if folder is not None else None
        nodes = _cached_nodes(cached) if cached is not None else None
        if nodes is None:
            nodes = _jsonld_nodes(name, triples, context)
            if cached is not None:
                _store(cached, json.dumps(nodes, ensure_ascii=False))
        handle.write(("," if number else "") + "\n  " + _json_at({"@id": str(name), "@graph": nodes}, 2))
    handle.write("\n ]\n}\n" if graphs else "\n}\n")


def _cached_nodes(path: Path) -> list | None:
    """The nodes kept at ``path``, or None when there are none (or they were just pruned)."""
    if not mark_used(path):
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _json_at(value, depth: int) -> str:
    """``value`` as ``json.dumps(indent=1, sort_keys=True)`` writes it ``depth`` levels deep
    (a JSON text holds no raw line break, so its lines are indented by replacing them)."""
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", "\n" + " " * depth)


def _jsonld_nodes(name, triples: list, context: dict) -> list:
    # rdflib's writer looks every subject's statements up in the graph: on a one-graph
    # store, without rdflib's bookkeeping of which graphs hold each triple, that is faster.
    graph = Graph(store=OneGraphStore(), identifier=name)
    ns.bind_prefixes(graph)
    graph.store.load(sorted(triples))
    # What graph.serialize(format="json-ld", context=context, auto_compact=True) builds
    # before it writes it as text (its use_native_types is the tuple (False,): that is how
    # rdflib passes it); the text was only read back at once.
    data = from_rdf(graph, context, None, (False,), False, auto_compact=True)
    nodes = data.get("@graph", [data] if "@id" in data else [])
    nodes = [{k: v for k, v in node.items() if k != "@context"} for node in nodes]
    nodes.sort(key=lambda n: n.get("@id", ""))
    return nodes


def _digest(lines: list[str], salt: str) -> str:
    digest = hashlib.sha256(salt.encode("utf-8"))
    for line in sorted(lines):
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()


def _store(path: Path, text: str) -> None:
    try:
        write_text_atomic(path, text)
    except AshrafKGError:
        pass  # a cache that cannot be written costs only time


def write_dumps(dataset: Dataset, folder: Path) -> None:
    """Write every dump format of ``dataset`` into ``folder``.

    The triples are read out of the dataset once; N-Triples lines are made once for both
    line-based dumps, prefixed names once for Turtle and TriG. Turtle, TriG and JSON-LD,
    which take longest, are kept in the build cache under the digest of the dataset's
    content and of the code that writes them, and copied from there by a later build of
    the same dataset.
    """
    graphs, rows = graph_triples(dataset), graph_rows(dataset)
    writer = TurtleWriter()
    slow = {"ttl": lambda path: path.write_text(to_turtle(dataset, graphs=graphs, writer=writer),
                                                encoding="utf-8"),
            "trig": lambda path: path.write_text(to_trig(dataset, graphs=graphs, writer=writer),
                                                 encoding="utf-8"),
            "jsonld": lambda path: _write_with(path, write_jsonld, dataset, graphs=graphs, rows=rows)}
    key = dumps_key(dataset)
    for suffix, make in slow.items():
        make_or_reuse("dumps", f"{key}.{suffix}", folder / f"{DUMP}.{suffix}", make)
    # Written line by line: the sorted lines are the only copy of the dump held.
    _write_with(folder / f"{DUMP}.nq", lambda handle: handle.writelines(_nquads_lines(rows)))
    _write_with(folder / f"{DUMP}.nt", lambda handle: handle.writelines(
        sorted({row for graph_rows in rows.values() for row in graph_rows})))


def _write_with(path: Path, write, *args, **kwargs) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        write(handle, *args, **kwargs)


def dumps_key(dataset: Dataset) -> str:
    """What the dumps of ``dataset`` depend on: its content, the code that writes them (the
    package's ground floor, where the prefixes are, and ``export/``), the JSON-LD context,
    Python's and rdflib's versions."""
    package = Path(__file__).resolve().parents[1]
    code = [*sorted(package.glob("*.py")), *sorted(Path(__file__).parent.glob("*.py")),
            ontology_dir() / "context.jsonld"]
    salt = f"python-{platform.python_version()} rdflib-{rdflib_version} {dataset_digest(dataset)}"
    return digest_files(code, salt=salt)


def write_graph_dir(dataset: Dataset, graph_dir: Path, *, extras=()) -> list[Path]:
    """Write all dumps, the extra pages and ``void.ttl``, then swap them into ``graph_dir``.

    ``extras`` are callables ``(folder) -> None`` that write more files (the ontology
    documentation, the network page) into the staging folder before ``void.ttl``
    describes them all.
    """
    from .describe import write_void

    check_graph_dir(graph_dir)
    check_no_blank_nodes(dataset)
    with staged_folder(graph_dir) as staging:
        write_dumps(dataset, staging)
        for extra in extras:
            extra(staging)
        write_void(dataset, staging)
    return sorted(Path(graph_dir).resolve().iterdir())


def read_dataset(graph_dir: Path) -> Dataset:
    """Read the N-Quads dump of ``graph_dir`` back into an rdflib Dataset."""
    path = Path(graph_dir) / f"{DUMP}.nq"
    if not path.exists():
        raise BuildError("no graph dump found", where=str(path),
                         hint="run 'ashraf-kg build' first, or work inside the project "
                              "(or pass --root DIR or --graph-dir DIR)")
    # default_union: pattern lookups (value, triples, `in`) see every named graph.
    dataset = Dataset(default_union=True)
    ns.bind_prefixes(dataset)
    try:
        dataset.parse(path, format="nquads")
    except Exception:  # rdflib's parsers raise many unrelated types on bad input
        raise rdf_syntax_error(path, "nquads") from None
    return dataset
