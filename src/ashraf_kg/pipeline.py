"""The whole build, one named stage after another.

read → anchor → build → validate → export (dumps) → describe (VoID over every file), all
into a staging folder that replaces ``graph_dir`` only once every stage has succeeded.
The two pages are made beside the stages (:mod:`~ashraf_kg.sidework`): the ontology's
from the start, the network page (the visualise stage) from the moment the dataset is
built; the build waits for both before it describes the files.

>>> summary = build_graph(Path("corpus"), Path("graph"))      # doctest: +SKIP
"""

from __future__ import annotations

import platform
import time
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

from rdflib import Dataset

from .anchor import anchor_corpus
from .build.dataset import build_dataset
from .build.quads import dataset_digest, dataset_quads
from .cache import prune_build_cache
from .corpus.reader import read_corpus
from .export.describe import write_void
from .export.dumps import check_graph_dir, check_no_blank_nodes, write_dumps
from .fileio import digest_files, make_or_reuse, staged_folder
from .sidework import SideUsage, SideWork, can_fork
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
    side_work: tuple[SideUsage, ...] = ()  # what each page's side process cost


def export_graph(dataset: Dataset, folder: Path) -> None:
    """The export stage: every dump."""
    check_no_blank_nodes(dataset)
    write_dumps(dataset, folder)


def write_ontology_page(folder: Path) -> None:
    """The ontology's documentation page, ``ontology.html``."""
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
    salt = f"python-{platform.python_version()} {libraries} {dataset_digest(dataset, keep_rows=False)}"
    return digest_files(code, salt=salt)


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
                validate: bool = True, pages: bool = True,
                on_stage: Callable[[str], None] | None = None) -> BuildSummary:
    """Build the corpus, validate it with SHACL and (only then) replace ``graph_dir``.

    ``graph_dir`` must be new, empty or a folder an earlier build wrote (see
    :func:`~ashraf_kg.export.dumps.check_graph_dir`); it is checked before anything is read.
    Once it is written, the build cache is pruned (:func:`~ashraf_kg.cache.prune_build_cache`):
    what this build used stays, older entries beyond the bounds go. ``on_stage`` is called
    with each stage's name as the stage ends (``read``, ``anchor``, ``build``, ``validate``,
    ``export``, ``visualise`` — the wait for the pages —, ``void``).
    """
    started = time.time()
    lap = on_stage or (lambda stage: None)
    check_graph_dir(graph_dir)
    with staged_folder(graph_dir) as folder, ExitStack() as beside:
        # Needed only at the end: it runs on what the stages and the network page leave.
        ontology_page = beside.enter_context(
            SideWork("ontology page", partial(write_ontology_page, folder), yielding=True)) if pages else None
        corpus = read_corpus(corpus_dir, include_drafts=include_drafts)
        lap("read")
        anchored = anchor_corpus(corpus, include_drafts=include_drafts)
        lap("anchor")
        dataset, dropped = _build_checked(corpus, anchored, include_drafts=include_drafts,
                                          validate=validate, lap=lap)
        network_page = beside.enter_context(_start_network_page(dataset, folder)) if pages else None
        if validate and not include_drafts:
            check_graph(dataset, locate=locate_statements(corpus).get)
            lap("validate")
        export_graph(dataset, folder)
        lap("export")
        side_work = tuple(usage for page in (ontology_page, network_page) if page is not None
                          if (usage := page.wait()) is not None)
        lap("visualise")
        write_void(dataset, folder)
        lap("void")
    prune_build_cache(since=started)
    quads = dataset_quads(dataset)
    return BuildSummary(graph_dir=Path(graph_dir), dataset=dataset,
                        files=tuple(sorted(Path(graph_dir).resolve().iterdir())), quads=len(quads),
                        graphs=len({g for *_, g in quads}), documents=len(corpus.documents),
                        dropped_drafts=tuple(dropped), side_work=side_work)


def _start_network_page(dataset: Dataset, folder: Path) -> SideWork:
    """The visualise stage, begun beside the build."""
    if can_fork():
        # The page's libraries are loaded before the fork: the page's process is the longer
        # of the two, and this one would wait for it.
        from .visualise import page  # noqa: F401
    return SideWork("network page", partial(visualise_graph, dataset, folder))


def _build_checked(corpus, anchored, *, include_drafts: bool, validate: bool, lap) -> tuple:
    """The build stage: the dataset, and the drafted statements left out of it. With drafts
    validated, a drafted statement that fails a shape is left out and listed (the
    validate stage happens here); curated data that fails one still stops the build."""
    dropped: list = []
    if include_drafts:  # drafted statements naming a proposal not yet accepted wait for it
        anchored, dropped = leave_out_unregistered(anchored, {e.id for e in corpus.registry})
    if not (include_drafts and validate):
        dataset = build_dataset(corpus, include_drafts=include_drafts, anchored=anchored)
        lap("build")
        return dataset, dropped
    dataset, report, failed = screen_drafts(
        lambda kept: build_dataset(corpus, include_drafts=True, anchored=kept), anchored)
    lap("build")
    check_graph(dataset, report=report, locate=locate_statements(corpus).get)
    lap("validate")
    return dataset, dropped + failed
