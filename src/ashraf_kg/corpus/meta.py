"""A document's metadata, ``corpus/<doc-id>/meta.yaml``: read, and written by ``add``.

Checked against ``schemas/meta.schema.json``; written from a
:class:`~ashraf_kg.model.DocumentMeta`, field by field, in the order curators read.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from ..model import DocumentMeta, Excerpt, Location, Update
from .schema import check_schema, modeline
from .yamlio import DateText, YamlFile, as_strings, load_yaml, parse_date, parse_yaml, write_yaml_file

__all__ = ["read_meta", "write_meta", "meta_from_fields"]

FIELD_ORDER = ("id", "title", "published", "timezone", "language", "genre", "type", "publisher",
               "author", "byline", "origin", "source", "licence", "licence_note",
               "licence_evidence", "attribution", "url", "excerpt", "viewpoint", "notes",
               "source_facts", "updates", "missing")
_TEXT_FIELDS = ("timezone", "publisher", "author", "byline", "origin", "source", "licence",
                "licence_note", "licence_evidence", "attribution", "url", "viewpoint",
                "source_facts")


def _from_data(item: dict, location: Location) -> DocumentMeta:
    """A DocumentMeta from fields the schema has checked (dates as text or ``date``)."""
    updates = tuple(Update(expression=u["expression"], date=parse_date(u["date"]),
                           note=u.get("note") or "") for u in item.get("updates") or ())
    excerpt = item.get("excerpt")
    return DocumentMeta(
        id=item["id"], title=item["title"], published=parse_date(item.get("published")),
        language=item.get("language") or "en", genre=item.get("genre") or "",
        type=item.get("type") or "NewsArticle", updates=updates,
        excerpt=None if excerpt is None else Excerpt(
            words=excerpt.get("words"), truncated=excerpt.get("truncated"),
            edits=as_strings(excerpt.get("edits"))),
        notes=tuple((item.get("notes") or {}).items()),
        missing=as_strings(item.get("missing")), location=location,
        **{key: item.get(key) for key in _TEXT_FIELDS})


def read_meta(path: Path, doc_id: str) -> DocumentMeta:
    """Read a document's ``meta.yaml``; its ``id`` must equal the folder name."""
    meta = load_yaml(Path(path))
    check_schema(meta, "meta")
    if meta.data["id"] != doc_id:
        raise CorpusError(f"id {meta.data['id']!r} does not match the folder {doc_id!r}",
                          where=meta.where(("id",)), hint=f"write 'id: {doc_id}'")
    return _from_data(meta.data, Location(str(path), meta.data.line))


def meta_from_fields(fields: dict) -> DocumentMeta:
    """A DocumentMeta from the fields ``add`` gathered (names as in ``meta.yaml``).

    >>> meta_from_fields({"id": "002_x", "title": "X", "published": None}).title
    'X'
    """
    unknown = [key for key in fields if key not in FIELD_ORDER]
    if unknown:
        raise CorpusError(f"meta.yaml has no field {unknown[0]!r}",
                          hint=f"known fields: {', '.join(FIELD_ORDER)}")
    return _from_data({**fields, "published": _iso(fields.get("published"))}, Location("meta.yaml"))


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _node(name: str, value):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if name == "published" and value is not None:
        return DateText(value.isoformat())
    if name == "updates":
        return CommentedSeq(CommentedMap(expression=u.expression, date=DateText(u.date.isoformat()),
                                         **({"note": u.note} if u.note else {})) for u in value)
    if name == "excerpt" and value is not None:
        node = CommentedMap((k, getattr(value, k)) for k in ("words", "truncated")
                            if getattr(value, k) is not None)
        if value.edits:
            node["edits"] = CommentedSeq(value.edits)
        return node
    if name == "notes":
        return CommentedMap(value)
    if name == "missing":
        node = CommentedSeq(value)
        node.fa.set_flow_style()
        return node
    return None if value == "" else value


_OPTIONAL = ("licence_note", "licence_evidence", "attribution", "excerpt", "viewpoint", "notes",
             "source_facts")  # written only when known, as add has always done


def write_meta(path: Path, meta: DocumentMeta) -> None:
    """Write ``meta`` as ``meta.yaml`` at ``path`` (atomically), once it reads back as valid."""
    from ruamel.yaml.comments import CommentedMap

    path = Path(path)
    node = CommentedMap()
    for name in FIELD_ORDER:
        value = getattr(meta, name)
        if name not in _OPTIONAL or value:
            node[name] = _node(name, value)
    node.yaml_set_start_comment(modeline("meta", path).removeprefix("# "))
    write_yaml_file(YamlFile(path, tree=node),
                    check=lambda text: check_schema(parse_yaml(text, path), "meta"))
