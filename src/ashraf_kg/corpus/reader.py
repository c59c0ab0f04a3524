"""Read the corpus: documents, their metadata, the entity registry and annotations.

Each curation file has one owner that reads and writes it: :mod:`.registry`, :mod:`.meta`
and :mod:`.annotations`; this module puts them together.

Layout (see docs/annotation-format.md)::

    corpus/registry.yaml
    corpus/<doc-id>/source.txt   text.txt   meta.yaml   annotations.yaml   [draft.yaml]
"""

from __future__ import annotations

from pathlib import Path

from ..clean import clean_text
from ..collector import collection_paused
from ..errors import CorpusError
from ..model import Corpus, Document
from ..namespaces import is_doc_id
from .meta import read_meta
from .registry import read_registry

__all__ = ["clean_text", "read_corpus", "read_registry", "read_document", "read_meta",
           "list_document_dirs"]


def _read_text(path: Path, doc_id: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError("file not found", where=str(path),
                          hint=f"every document folder needs {path.name}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise CorpusError(f"document {doc_id} is not UTF-8 (byte {error.start})",
                          where=f"{path}:{line}", hint="convert the file to UTF-8") from None
    if not text.strip():
        raise CorpusError(f"document {doc_id} is empty", where=str(path),
                          hint="remove the folder or add the document's text")
    return text


def read_document(doc_dir: Path) -> Document:
    """Read one document folder; ``text.txt`` must equal ``clean_text(source.txt)``."""
    doc_id = doc_dir.name
    source = _read_text(doc_dir / "source.txt", doc_id)
    text = _read_text(doc_dir / "text.txt", doc_id)
    if text != clean_text(source):
        raise CorpusError(f"text.txt of {doc_id} is not the cleaned source.txt",
                          where=str(doc_dir / "text.txt"),
                          hint=f"regenerate it: ashraf-kg clean {doc_dir / 'source.txt'} > "
                               f"{doc_dir / 'text.txt'}")
    return Document(meta=read_meta(doc_dir / "meta.yaml", doc_id), source=source, text=text)


def list_document_dirs(corpus_dir: Path) -> list[Path]:
    """Document folders of the corpus, sorted by id."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError("corpus folder not found", where=str(corpus_dir),
                          hint="pass --corpus-dir or run from the repository root")
    dirs = sorted(p for p in corpus_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    for path in dirs:
        if not is_doc_id(path.name):
            raise CorpusError(f"bad document id {path.name!r}", where=str(path),
                              hint="use letters, digits, '_', '-' and '.' only")
    return dirs


def read_corpus(corpus_dir: Path, *, include_drafts: bool = False) -> Corpus:
    """Read the whole corpus and check every cross-reference.

    >>> corpus = read_corpus(Path("corpus"))        # doctest: +SKIP
    >>> [d.id for d in corpus.documents]            # doctest: +SKIP
    ['000_998ad53316df0c2c', ...]
    """
    from .annotations import read_annotations
    from .checks import check_annotations

    corpus_dir = Path(corpus_dir)
    with collection_paused():
        registry = read_registry(corpus_dir / "registry.yaml")
        documents, annotations = [], []
        for doc_dir in list_document_dirs(corpus_dir):
            document = read_document(doc_dir)
            documents.append(document)
            names = ["annotations.yaml"] + (["draft.yaml"] if include_drafts else [])
            for name in names:
                if (doc_dir / name).exists():
                    annotations.append(read_annotations(doc_dir / name, document.id))
        corpus = Corpus(registry=registry, documents=tuple(documents), annotations=tuple(annotations))
        check_annotations(corpus)
    return corpus
