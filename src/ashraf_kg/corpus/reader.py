"""Read the corpus: documents, their metadata, the entity registry and annotations.

Layout (see docs/annotation-format.md)::

    corpus/registry.yaml
    corpus/<doc-id>/source.txt   text.txt   meta.yaml   annotations.yaml   [draft.yaml]
"""

from __future__ import annotations

from pathlib import Path

from ..clean import clean_text
from ..errors import CorpusError
from ..model import Corpus, Document, DocumentMeta, Entity, Location, Update
from ..namespaces import is_doc_id, is_slug, kind_of, slug_of
from ..vocab import DOCUMENT_TYPES, ENTITY_KINDS
from .yamlio import as_strings, parse_date, read_yaml, require
from .yamlio import where_of as _where

__all__ = ["clean_text", "read_corpus", "read_registry", "read_document", "read_meta",
           "list_document_dirs", "append_registry_entry", "registry_has_entity"]


def _read_entity(item, path: Path) -> Entity:
    if not isinstance(item, dict):
        raise CorpusError("each registry entry must be a mapping", where=str(path))
    entity_id = require(item, "id", path)
    kind = kind_of(entity_id)
    if kind not in ENTITY_KINDS or not is_slug(slug_of(entity_id)):
        raise CorpusError(f"bad entity id {entity_id!r}", where=_where(path, item),
                          hint=f"write <kind>/<slug> with kind one of {', '.join(ENTITY_KINDS.names)}"
                               " and a lowercase-hyphenated slug")
    entity_type = require(item, "type", path)
    types = ENTITY_KINDS[kind].types
    if entity_type not in types:
        raise CorpusError(f"type {entity_type!r} does not fit kind {kind!r}", where=_where(path, item),
                          hint=f"use one of {', '.join(types.names)}")
    wikidata = item.get("wikidata")
    if wikidata is not None and not (isinstance(wikidata, str) and wikidata[:1] == "Q"
                                     and wikidata[1:].isdigit()):
        raise CorpusError(f"bad Wikidata id {wikidata!r}", where=_where(path, item),
                          hint="write it as Q followed by digits, or leave it out")
    return Entity(
        id=entity_id, type=entity_type, label=require(item, "label", path),
        aliases=as_strings(item.get("aliases"), "aliases", path, item),
        roles=as_strings(item.get("roles"), "roles", path, item),
        description=str(item.get("description") or "").strip(),
        wikidata=wikidata, location=Location(str(path), item.line))


def read_registry(path: Path) -> tuple[Entity, ...]:
    """Read ``registry.yaml``; ids must be unique."""
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise CorpusError("expected a mapping with a list under 'entities'", where=str(path))
    entities, seen = [], {}
    for item in data["entities"]:
        entity = _read_entity(item, path)
        if entity.id in seen:
            raise CorpusError(f"duplicate entity id {entity.id!r} (first at line {seen[entity.id]})",
                              where=str(entity.location), hint="give each entity its own id")
        seen[entity.id] = entity.location.line
        entities.append(entity)
    return tuple(sorted(entities, key=lambda e: e.id))


def _read_updates(item, path: Path) -> tuple[Update, ...]:
    updates = []
    for update in item.get("updates") or []:
        updates.append(Update(expression=str(require(update, "expression", path)),
                              date=parse_date(require(update, "date", path, kind=object),
                                              "date", path, update),
                              note=str(update.get("note") or "")))
    return tuple(updates)


def read_meta(path: Path, doc_id: str) -> DocumentMeta:
    """Read a document's ``meta.yaml``; its ``id`` must equal the folder name."""
    item = read_yaml(path)
    if not isinstance(item, dict):
        raise CorpusError("expected a mapping", where=str(path))
    if str(item.get("id")) != doc_id:
        raise CorpusError(f"id {item.get('id')!r} does not match the folder {doc_id!r}",
                          where=_where(path, item), hint=f"write 'id: {doc_id}'")
    doc_type = item.get("type") or "NewsArticle"
    if doc_type not in DOCUMENT_TYPES:
        raise CorpusError(f"unknown document type {doc_type!r}", where=_where(path, item),
                          hint=f"use one of {', '.join(DOCUMENT_TYPES.names)}")
    optional = {k: (str(item[k]) if item.get(k) is not None else None)
                for k in ("timezone", "publisher", "author", "origin", "licence", "attribution",
                          "url")}
    return DocumentMeta(
        id=doc_id, title=require(item, "title", path),
        published=parse_date(item.get("published"), "published", path, item),
        language=str(item.get("language") or "en"), genre=str(item.get("genre") or ""),
        type=doc_type, updates=_read_updates(item, path),
        missing=as_strings(item.get("missing"), "missing", path, item),
        location=Location(str(path), item.line), **optional)


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


def registry_has_entity(corpus_dir: Path, entity_id: str) -> bool:
    """True when ``registry.yaml`` already lists ``entity_id`` (a text search: no parsing)."""
    import re

    registry = Path(corpus_dir) / "registry.yaml"
    return registry.exists() and bool(re.search(rf"^\s*- id: {re.escape(entity_id)}\s*$",
                                                registry.read_text(encoding="utf-8"), re.MULTILINE))


def append_registry_entry(corpus_dir: Path, entry: dict) -> None:
    """Append one entity to ``registry.yaml`` (atomically), keeping the file's comments.

    Raises :class:`CorpusError` when the id is already there.
    """
    import yaml

    from ..fileio import write_text_atomic

    registry = Path(corpus_dir) / "registry.yaml"
    text = registry.read_text(encoding="utf-8") if registry.exists() else "entities:\n"
    if registry_has_entity(corpus_dir, entry["id"]):
        raise CorpusError(f"{entry['id']} is already in the registry", where=str(registry),
                          hint=f"merge instead: --merge NEW_ID {entry['id']}")
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)
    block = "\n".join("  " + line if line else line for line in block.splitlines())
    write_text_atomic(registry, text.rstrip("\n") + "\n\n" + block + "\n")
