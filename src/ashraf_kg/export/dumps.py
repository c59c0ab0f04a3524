"""Export: write the dataset as deterministic dumps, then swap them into ``graph/``.

Every file is written into a temporary folder beside the target; only a complete
set replaces the previous ``graph/`` (see :func:`fileio.replace_folder`).
"""

from __future__ import annotations

import platform
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import __version__ as rdflib_version
from rdflib.plugins.serializers.nt import _nt_row  # the canonical N-Triples line writer

from .. import namespaces as ns
from ..build.quads import dataset_digest, dataset_quads, graph_rows, graph_triples
from ..collector import collection_paused
from ..errors import BuildError
from ..fileio import digest_files, make_or_reuse, rdf_syntax_error, staged_folder
from ..resources import ontology_dir
from .jsonld import write_jsonld
from .turtle import DatasetTurtle

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
        # Exact types first: rdflib's terms are abstract classes, slow to test with isinstance.
        if type(s) is URIRef and (type(o) is URIRef or type(o) is Literal):
            continue
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise BuildError(f"blank node in graph {g}: ({s}, {p}, {o})",
                             hint="give the node an IRI (namespaces.py)")


def _nquads_lines(rows: dict) -> list[str]:
    """Sorted N-Quads lines of ``rows`` (each graph's N-Triples lines): one line a quad, so
    the dump diffs and hashes stably. A graph holds each of its triples once, so no line
    comes twice."""
    lines = []
    for name, graph in rows.items():
        end = f" {name.n3()} .\n"
        lines.extend([row[:-3] + end for row in graph])
    lines.sort()
    return lines


def _union_lines(nquads: list[str]):
    """The sorted N-Triples lines of the union, from the sorted N-Quads lines: each triple
    once. A quad's line is its triple's, less `` .``, then the graph's IRI (``<…>``, the
    line's last ``" <"``); a triple's text is never followed by a character below the space
    that starts the graph, so the quads' order is their triples' order, graph by graph."""
    previous = None
    for line in nquads:
        triple = line[:line.rindex(" <")]
        if triple != previous:
            yield triple + " .\n"
            previous = triple


def to_ntriples(graph: Graph | None = None, *, rows: dict | None = None) -> str:
    """Sorted N-Triples of ``graph`` (or of the union of ``rows``: each graph's N-Triples lines)."""
    lines = {row for graph_rows in rows.values() for row in graph_rows} if rows is not None \
        else {_nt_row(t) for t in graph}
    return "".join(sorted(lines))


def write_dumps(dataset: Dataset, folder: Path) -> None:
    """Write every dump format of ``dataset`` into ``folder``.

    The triples are read out of the dataset once; N-Triples lines are made once for both
    line-based dumps, each subject's statement once for TriG and Turtle (where one graph
    alone describes it). Turtle, TriG and JSON-LD,
    which take longest, are kept in the build cache under the digest of the dataset's
    content and of the code that writes them, and copied from there by a later build of
    the same dataset.
    """
    with collection_paused():
        _write_dumps(dataset, folder)


def _write_dumps(dataset: Dataset, folder: Path) -> None:
    graphs, rows = graph_triples(dataset), graph_rows(dataset)
    turtle = DatasetTurtle(graphs)
    slow = {"trig": lambda path: _write_with(path, turtle.write_trig),
            "ttl": lambda path: _write_with(path, turtle.write_turtle),
            "jsonld": lambda path: _write_with(path, write_jsonld, graphs, rows=rows)}
    key = dumps_key(dataset)
    for suffix, make in slow.items():
        make_or_reuse("dumps", f"{key}.{suffix}", folder / f"{DUMP}.{suffix}", make)
    # Written line by line: the sorted lines are the only copy of the dump held, and the
    # union's lines come out of them in order.
    nquads = _nquads_lines(rows)
    _write_with(folder / f"{DUMP}.nq", lambda handle: handle.writelines(nquads))
    _write_with(folder / f"{DUMP}.nt", lambda handle: handle.writelines(_union_lines(nquads)))


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
