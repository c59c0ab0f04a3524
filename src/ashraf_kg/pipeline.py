"""The whole build, one named stage after another.

read → anchor → build → validate → export (dumps, ontology page) → visualise (network
page) → describe (VoID over every file), all into a staging folder that replaces
``graph_dir`` only once every stage has succeeded.

>>> summary = build_graph(Path("corpus"), Path("graph"))      # doctest: +SKIP
"""

from __future__ import annotations

import platform
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from .anchor import anchor_corpus
from .build.dataset import build_dataset
from .build.quads import dataset_digest, dataset_quads
from .cache import prune_build_cache
from .corpus.reader import read_corpus
from .export.describe import write_void
from .export.dumps import check_graph_dir, check_no_blank_nodes, write_dumps
from .fileio import digest_files, make_or_reuse, staged_folder
from .validate import check_graph, leave_out_unregistered, screen_drafts


@dataclass(frozen=True)
class BuildSummary:
    graph_dir: Path
    dataset: Dataset
    files: tuple[Path, ...]
    quads: int
    graphs: int
    documents: int
    dropped_drafts: tuple = ()  # DroppedDraft: drafted statements left out (failed a shape)


def export_graph(dataset: Dataset, folder: Path, *, pages: bool = True) -> None:
    """The export stage: every dump, and the ontology's documentation page."""
    check_no_blank_nodes(dataset)
    write_dumps(dataset, folder)
    if pages:
        from .export.ontodoc import write_ontology_docs

        write_ontology_docs(folder / "ontology.html")


def visualise_graph(dataset: Dataset, folder: Path) -> None:
    """The visualise stage: the interactive network page for readers (copied from the build
    cache when an earlier build made it for the same dataset with the same code)."""
    def make(path: Path) -> None:
        from .visualise.page import write_network_page

        write_network_page(dataset, path)

    make_or_reuse("network-page", _page_key(dataset), folder / "ashraf.html", make)


def _page_key(dataset: Dataset) -> str:
    """What the network page depends on: the dataset's content, the code of the ground
    floor, ``network/`` and ``visualise/`` (its templates too), Python's and the
    libraries' versions."""
    from importlib.metadata import version

    package = Path(__file__).resolve().parent
    code = [path for folder in (package, package / "network", package / "visualise")
            for path in sorted(folder.glob("*.py"))]
    code += sorted((package / "visualise" / "templates").glob("*"))
    libraries = " ".join(f"{name}-{version(name)}" for name in ("pyvis", "networkx", "jinja2", "numpy", "rdflib"))
    return digest_files(code, salt=f"python-{platform.python_version()} {libraries} {dataset_digest(dataset)}")


def locate_statements(corpus) -> dict[str, str]:
    """Where each entity, document and curated statement was written: its IRI -> ``file:line``,
    so that a shape violation names the line to fix."""
    from . import namespaces as ns

    places = {str(ns.entity_iri(e.id)): str(e.location) for e in corpus.registry}
    places.update({str(ns.document_iri(d.id)): str(d.meta.location) for d in corpus.documents})
    for notes in corpus.annotations:
        if notes.status == "reviewed":
            for make_iri, items in ((ns.event_iri, notes.events), (ns.claim_iri, notes.claims),
                                    (ns.membership_iri, notes.memberships), (ns.relation_iri, notes.relations)):
                places.update({str(make_iri(item.id)): str(item.location) for item in items})
    return places


def build_graph(corpus_dir: Path, graph_dir: Path, *, include_drafts: bool = False,
                validate: bool = True, pages: bool = True) -> BuildSummary:
    """Build the corpus, validate it with SHACL and (only then) replace ``graph_dir``.

    ``graph_dir`` must be new, empty or a folder an earlier build wrote (see
    :func:`~ashraf_kg.export.dumps.check_graph_dir`); it is checked before anything is read.
    Once it is written, the build cache is pruned (:func:`~ashraf_kg.cache.prune_build_cache`):
    what this build used stays, older entries beyond the bounds go.
    """
    started = time.time()
    check_graph_dir(graph_dir)
    corpus = read_corpus(corpus_dir, include_drafts=include_drafts)
    anchored = anchor_corpus(corpus, include_drafts=include_drafts)
    dropped: list = []
    if include_drafts:  # drafted statements naming a proposal not yet accepted wait for it
        anchored, dropped = leave_out_unregistered(anchored, {e.id for e in corpus.registry})
    if include_drafts and validate:
        # A drafted statement that fails a shape is left out and listed; curated data
        # that fails one still stops the build below.
        dataset, report, failed = screen_drafts(
            lambda kept: build_dataset(corpus, include_drafts=True, anchored=kept), anchored)
        dropped += failed
        check_graph(dataset, report=report, locate=locate_statements(corpus).get)
    else:
        dataset = build_dataset(corpus, include_drafts=include_drafts, anchored=anchored)
        if validate:
            check_graph(dataset, locate=locate_statements(corpus).get)
    with staged_folder(graph_dir) as folder:
        export_graph(dataset, folder, pages=pages)
        if pages:
            visualise_graph(dataset, folder)
        write_void(dataset, folder)
    prune_build_cache(since=started)
    quads = dataset_quads(dataset)
    return BuildSummary(graph_dir=Path(graph_dir), dataset=dataset,
                        files=tuple(sorted(Path(graph_dir).resolve().iterdir())), quads=len(quads),
                        graphs=len({g for *_, g in quads}), documents=len(corpus.documents),
                        dropped_drafts=tuple(dropped))
