"""Adding documents to the corpus: ``ashraf-kg add FILE|DIR``.

A document as received (plain text or a saved web page) becomes ``corpus/<doc-id>/``
with ``source.txt`` (the bytes as received; for a web page the article body that
trafilatura extracted, the page itself kept as ``source.html``), ``text.txt``
(``clean_text(source.txt)``) and ``meta.yaml`` (what the document states about itself,
and a ``missing:`` list of what it does not).

Document ids are ``NNN_<slug-of-title>``: the next free three-digit number of the
corpus, then the title in lowercase ASCII words joined by ``_``. A document is the same
document when its bytes are the same: adding it again finds the folder that already
holds those bytes and writes nothing.

Each document is checked in full before anything is written, and written into a
temporary folder that is renamed into place, so a failure never leaves half a document.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..clean import clean_text
from ..errors import IngestError
from ..fileio import public_mode
from ..model import Entity
from ..namespaces import is_doc_id, make_slug
from .header import read_header, short_title
from .intake import check_language, decode_document, read_document_bytes
from .meta import meta_from_fields, write_meta
from .registry import append_entity, has_entity, read_registry
from .sourcefacts import merge_source_facts, read_source_facts

MIN_BODY_WORDS = 25
SUFFIXES_HTML = (".html", ".htm", ".xhtml")
SUFFIXES_TEXT = (".txt", ".text", ".md", "")


@dataclass(frozen=True)
class AddedDocument:
    """One document of an :class:`AddReport`: ``status`` is ``added`` or ``unchanged``."""

    doc_id: str
    path: str
    status: str
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddReport:
    documents: tuple[AddedDocument, ...]

    @property
    def added(self) -> tuple[AddedDocument, ...]:
        return tuple(d for d in self.documents if d.status == "added")

    @property
    def unchanged(self) -> tuple[AddedDocument, ...]:
        return tuple(d for d in self.documents if d.status == "unchanged")


@dataclass(frozen=True)
class _Prepared:
    path: Path
    raw: bytes
    files: dict[str, bytes]  # file name -> content
    meta: dict
    title: str
    post: str | None = None  # the byline's post ("Department Spokesperson"), when known


def add_document(path: str | os.PathLike, corpus_dir: str | os.PathLike = "corpus", *,
                 doc_id: str | None = None, title: str | None = None,
                 published: str | date | None = None, publisher: str | None = None,
                 url: str | None = None) -> AddReport:
    """Add a document (or every document of a folder) to the corpus.

    What a ``<name>.source.yaml`` beside a file says of it (title, date, publisher,
    author, url, licence, …) goes into its ``meta.yaml`` over what the text says of
    itself; ``title``, ``published``, ``publisher`` and ``url`` override both.

    >>> add_document("report.html", "corpus").documents[0].doc_id   # doctest: +SKIP
    '002_iraqi_forces_raid_camp'
    """
    path, corpus = Path(path), Path(corpus_dir)
    if not path.exists():
        raise IngestError("no such file or folder", where=str(path))
    files = _list_folder(path) if path.is_dir() else [path]
    overrides = {"title": title, "published": _option_date(published), "publisher": publisher,
                 "url": url}
    for option, value in [("--doc-id", doc_id), *((f"--{k}", v) for k, v in overrides.items())]:
        if value is not None and len(files) != 1:
            raise IngestError(f"{option.replace('published', 'date')} names one document, but "
                              f"the folder holds {len(files)}", where=str(path),
                              hint="add the files one by one")
    if doc_id is not None and not is_doc_id(doc_id):
        raise IngestError(f"--doc-id {doc_id!r} is not a document id the build accepts",
                          hint="start with a letter or digit, then use letters, digits, "
                               "'_', '-' and '.' only (e.g. 018_camp_raid)")
    prepared = [_prepare(file, overrides) for file in files]  # all checked before any is written
    corpus.mkdir(parents=True, exist_ok=True)
    known = _known_documents(corpus)
    results = []
    for item in prepared:
        digest = hashlib.sha256(item.raw).hexdigest()
        if digest in known:
            results.append(AddedDocument(known[digest], str(item.path), "unchanged"))
            continue
        new_id = doc_id or _next_doc_id(corpus, item.title)
        author = _author_entity(corpus, new_id, item)
        _write_document(corpus, new_id, item, author=author.id)
        if not has_entity(corpus / "registry.yaml", author.id):
            append_entity(corpus / "registry.yaml", author)
        known[digest] = new_id
        results.append(AddedDocument(new_id, str(item.path), "added",
                                     tuple(item.meta["missing"])))
    return AddReport(tuple(results))


def _list_folder(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and not p.name.startswith(".")
                   and p.suffix.lower() in SUFFIXES_HTML + SUFFIXES_TEXT)
    if not files:
        raise IngestError("the folder holds no .txt or .html document", where=str(folder))
    return files


def _known_documents(corpus: Path) -> dict[str, str]:
    """sha256 of every document as received -> its doc id."""
    known = {}
    for folder in sorted(corpus.iterdir()):
        for name in ("source.html", "source.txt"):
            source = folder / name
            if folder.is_dir() and source.is_file():
                known[hashlib.sha256(source.read_bytes()).hexdigest()] = folder.name
                break
    return known


def _next_doc_id(corpus: Path, title: str) -> str:
    numbers = [int(m[1]) for p in corpus.iterdir() if (m := re.match(r"(\d{3})_", p.name))]
    slug = make_slug(title).replace("-", "_")[:60].rstrip("_")
    return f"{max(numbers, default=-1) + 1:03d}_{slug}"


def _option_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise IngestError(f"--date {value!r} is not a date",
                          hint="write it as YYYY-MM-DD") from None


def _prepare(path: Path, overrides: dict) -> _Prepared:
    """Read and check one document, with its source facts and the command's overrides."""
    item = _prepare_file(path)
    facts = read_source_facts(path, decode_document(item.raw, path))
    meta = merge_source_facts(item.meta, facts, **overrides)
    return _Prepared(item.path, item.raw, item.files, meta, meta["title"],
                     post=facts.author_post if facts else None)


def _prepare_file(path: Path) -> _Prepared:
    """Read and check one document; everything that goes into its folder, in memory."""
    raw = read_document_bytes(path)
    text = decode_document(raw, path)
    if not text.strip():
        raise IngestError("the file is empty", where=str(path), hint="add a file with text")
    if _is_html(path, text):
        return _prepare_html(path, raw, text)
    body = clean_text(text)
    check_language(body, where=str(path))
    meta = _meta_from_text(body, path)
    files = {"source.txt": raw, "text.txt": body.encode("utf-8")}
    return _Prepared(path, raw, files, meta, meta["title"])


def _is_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in SUFFIXES_HTML:
        return True
    return bool(re.match(r"\s*(<!doctype html|<html\b)", text[:1024], re.IGNORECASE))


def _prepare_html(path: Path, raw: bytes, html: str) -> _Prepared:
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=False)
    found = result.as_dict() if result is not None else {}
    body_text = (found or {}).get("text") or ""
    if len(body_text.split()) < MIN_BODY_WORDS:
        raise IngestError(f"the page has no article body ({len(body_text.split())} words of "
                          "text outside navigation and page chrome)", where=str(path),
                          hint="save the article page itself, not an index or login page")
    title = (found.get("title") or "").strip()
    if title and not body_text.lstrip().startswith(title):
        body_text = f"{title}\n{body_text}"
    body = clean_text(body_text)
    check_language(body, where=str(path))
    stated = {"title": title or None, "published": _parse_date(found.get("date")),
              "publisher": found.get("sitename") or None, "byline": found.get("author") or None,
              "url": found.get("url") or None}
    meta = _meta(path, body, stated, source="source.html")
    files = {"source.html": raw, "source.txt": body.encode("utf-8"),
             "text.txt": body.encode("utf-8")}
    return _Prepared(path, raw, files, meta, meta["title"])


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _meta_from_text(body: str, path: Path) -> dict:
    """What a plain-text document states about itself in its first lines (corpus.header)."""
    return _meta(path, body, read_header(body), source="source.txt")


def _meta(path: Path, body: str, stated: dict, *, source: str) -> dict:
    title = stated["title"] or short_title(body)
    missing = [key for key in ("title", "published", "publisher", "byline", "url")
               if not stated.get(key) or (key == "title" and stated.get("headline") is False)]
    return {
        "title": title,
        "published": stated["published"],
        "timezone": None,
        "language": "en",
        "genre": None,
        "type": "NewsArticle",
        "publisher": stated["publisher"],
        "author": None,  # the registry id of the byline (or unnamed author), set when written
        "byline": stated["byline"],
        "origin": None,  # set against the corpus folder when written
        "source": source,
        "licence": None,
        "url": stated["url"],
        "updates": [],
        "missing": [("author" if key == "byline" else key) for key in missing],
    }


def _relative_origin(path: Path, corpus: Path) -> str:
    """Where the document came from, relative to the project (the corpus folder's parent)."""
    try:
        return Path(os.path.relpath(path.resolve(), corpus.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


def _author_entity(corpus: Path, doc_id: str, item: _Prepared) -> Entity:
    """The registry entity of the document's own voice: its byline (an entity the registry
    already knows by that name, or a new one), or its unnamed author.

    What the document says in its own words (its figures, its accusations) is a claim, and
    a claim needs a claimant.
    """
    byline = item.meta.get("byline")
    known = _registry_entity_named(corpus, byline) if byline else None
    if known:
        return known  # already in the registry: nothing to append
    kind, entity_type = _voice_kind(byline)
    entity_id = f"{kind}/{make_slug(byline)}" if byline else f"person/author-of-{make_slug(doc_id)}"
    label = byline or f'Author of "{item.title}"'
    roles = (item.post,) if item.post else ()
    return Entity(id=entity_id, type=entity_type, label=label,
                  roles=(*roles, f"author of document {doc_id}"),
                  description=f"The voice in which document {doc_id} speaks"
                  + (" (its byline)." if byline else " (the document names no author)."))


_BODY_WORDS = re.compile(r"\b(?:House|Parliament|Department|Office|Council|Committee|Commission|"
                         r"Ministry|Government|Agency|Union|Senate|Congress)\b")


def _voice_kind(byline: str | None) -> tuple[str, str]:
    """(kind, type) of a byline: a body ("House of Lords"), many hands ("Wikipedia
    contributors", "Anna Berg and Tom Reyes"), or a person."""
    if byline and _BODY_WORDS.search(byline):
        return "organization", "Organization"
    if byline and (re.search(r"\b(?:contributors|editors|staff)$", byline, re.IGNORECASE)
                   or " and " in byline):  # "Anna Berg and Tom Reyes": the authors together
        return "group", "Group"
    return "person", "Person"


def _registry_entity_named(corpus: Path, name: str) -> Entity | None:
    """The registry entity whose label or an alias is ``name`` (case aside)."""
    if not (corpus / "registry.yaml").is_file():
        return None
    wanted = name.casefold()
    return next((e for e in read_registry(corpus / "registry.yaml")
                 if wanted in {n.casefold() for n in (e.label, *e.aliases)}), None)


def _write_document(corpus: Path, doc_id: str, item: _Prepared, *, author: str) -> None:
    target = corpus / doc_id
    if target.exists():
        raise IngestError("a different document already has this id", where=str(target),
                          hint="choose another --doc-id")
    staging = Path(tempfile.mkdtemp(prefix=f".add-{doc_id}-", dir=corpus))
    try:
        for name, content in item.files.items():
            (staging / name).write_bytes(content)
        write_meta(staging / "meta.yaml", meta_from_fields({
            "id": doc_id, **item.meta, "author": author,
            "origin": _relative_origin(item.path, corpus)}))
        staging.chmod(public_mode(folder=True))  # mkdtemp makes it private; a corpus folder is not
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
