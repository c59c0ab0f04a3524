"""Export: write the dataset as deterministic dumps, then swap them into ``graph/``.

Every file is written into a temporary folder beside the target; only a complete
set replaces the previous ``graph/`` (see :func:`fileio.replace_folder`).
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import BNode, Dataset, Graph
from rdflib.plugins.serializers.nt import _nt_row  # the canonical N-Triples line writer

from .. import namespaces as ns
from ..errors import BuildError
from ..fileio import rdf_syntax_error, staged_folder
from ..resources import ontology_dir

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
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise BuildError(f"blank node in graph {g}: ({s}, {p}, {o})",
                             hint="give the node an IRI (namespaces.py)")


def union_graph(dataset: Dataset) -> Graph:
    graph = Graph()
    ns.bind_prefixes(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def to_nquads(dataset: Dataset) -> str:
    """Sorted N-Quads: one line a quad, so the dump diffs and hashes stably."""
    lines = {f"{_nt_row((s, p, o))[:-3]} {g.n3()} .\n"
             for s, p, o, g in dataset.quads((None, None, None, None))}
    return "".join(sorted(lines))


def to_ntriples(graph: Graph) -> str:
    return "".join(sorted(_nt_row(t) for t in graph))


def to_trig(dataset: Dataset) -> str:
    """TriG with graphs in IRI order, each body as rdflib's (ordered) Turtle writes it.

    rdflib's own TriG writer visits graphs in store order, which changes between runs.
    """
    prefixes: set[str] = set()
    blocks = []
    for context in sorted((c for c in dataset.graphs() if len(c)), key=lambda c: str(c.identifier)):
        graph = Graph()
        ns.bind_prefixes(graph)
        for triple in context:
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
        blocks.append(f"{context.identifier.n3()} {{\n" + "\n".join(body) + "\n}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def load_context() -> dict:
    path = ontology_dir() / "context.jsonld"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as error:
        raise BuildError(f"cannot read the JSON-LD context: {error}", where=str(path)) from None


def to_jsonld(dataset: Dataset) -> str:
    """JSON-LD compacted with the shipped context, inlined so no one fetches it."""
    context = load_context()
    text = dataset.serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    graphs = data.get("@graph", [])
    if "@id" in data:  # rdflib writes a lone named graph as the top object: keep its name
        graphs = [{"@id": data["@id"], "@graph": graphs}]
    for graph in graphs:
        if isinstance(graph, dict) and "@graph" in graph:
            graph["@graph"].sort(key=lambda n: n.get("@id", ""))
    graphs.sort(key=lambda n: n.get("@id", ""))
    return json.dumps({"@context": context, "@graph": graphs}, ensure_ascii=False,
                      indent=1, sort_keys=True) + "\n"


def sorted_dataset(dataset: Dataset) -> Dataset:
    """A copy whose graphs were added in IRI order, for serialisers that keep insertion order."""
    copy = Dataset()
    ns.bind_prefixes(copy)
    contexts = sorted((c for c in dataset.graphs() if len(c)), key=lambda c: str(c.identifier))
    for context in contexts:
        target = copy.graph(context.identifier)
        for triple in sorted(context):
            target.add(triple)
    return copy


def write_dumps(dataset: Dataset, folder: Path) -> None:
    """Write every dump format of ``dataset`` into ``folder``."""
    ordered = sorted_dataset(dataset)
    union = union_graph(ordered)
    (folder / f"{DUMP}.ttl").write_text(union.serialize(format="turtle"), encoding="utf-8")
    (folder / f"{DUMP}.trig").write_text(to_trig(ordered), encoding="utf-8")
    (folder / f"{DUMP}.nq").write_text(to_nquads(ordered), encoding="utf-8")
    (folder / f"{DUMP}.nt").write_text(to_ntriples(union), encoding="utf-8")
    (folder / f"{DUMP}.jsonld").write_text(to_jsonld(ordered), encoding="utf-8")


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
