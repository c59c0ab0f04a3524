"""The whole build as named steps: read → anchor → build → validate → export.

>>> summary = build_graph(Path("corpus"), Path("graph"))      # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from .build import build_dataset
from .corpus import read_corpus
from .export import write_graph_dir
from .validate import check_graph


@dataclass(frozen=True)
class BuildSummary:
    graph_dir: Path
    dataset: Dataset
    files: tuple[Path, ...]
    quads: int
    graphs: int
    documents: int


def extra_pages(dataset: Dataset) -> list:
    """Writers of the HTML pages that ship beside the dumps."""
    from .ontodoc import write_ontology_docs
    from .visualise import write_network_page

    return [lambda folder: write_ontology_docs(folder / "ontology.html"),
            lambda folder: write_network_page(dataset, folder / "ashraf.html")]


def build_graph(corpus_dir: Path, graph_dir: Path, *, include_drafts: bool = False,
                validate: bool = True, pages: bool = True) -> BuildSummary:
    """Build the corpus, validate it with SHACL and (only then) replace ``graph_dir``."""
    corpus = read_corpus(corpus_dir, include_drafts=include_drafts)
    dataset = build_dataset(corpus, include_drafts=include_drafts)
    if validate:
        check_graph(dataset)
    files = write_graph_dir(dataset, graph_dir, extras=extra_pages(dataset) if pages else ())
    quads = list(dataset.quads((None, None, None, None)))
    return BuildSummary(graph_dir=Path(graph_dir), dataset=dataset, files=tuple(files), quads=len(quads),
                        graphs=len({g for *_, g in quads}), documents=len(corpus.documents))
