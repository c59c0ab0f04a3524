"""What the person who collected a document wrote about it: ``<name>.source.yaml``.

A document received as ``report.txt`` may come with ``report.source.yaml`` beside it:
a mapping of what is known of the document from outside its text. Values are plain
words, and a value may carry a remark: ``date: 2012-02-16 (stated in the text)``,
``title: not stored (the reposting site's own headline is …)``. The keys read here:

=================  ===========================================================
``file``           the document's file name (must be the file beside it)
``title``          the headline; ``not stored …`` when the text has none
``date``           ``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` when only that is known,
                   or words saying it is not dated (``revision not dated; …``)
``publisher``      who published it
``author``         ``Name, Post`` of its voice, or ``not stated …``
``url``            where it was found
``genre``          its kind, in the collector's words
``licence``        its licence, in words (a known licence is written as its IRI)
``licence_evidence``  why the licence applies
``attribution``    the credit the licence asks for (derived from the licence when absent)
``words``          the number of words of the file (must equal the file's)
``truncated``, ``edits``  whether it is an excerpt, and what was cut or changed
``viewpoint``      whose view it tells
=================  ===========================================================

Anything that fails (a date that is not a date, a title longer than the text, a word
count the file does not have) is an :class:`IngestError` naming ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import IngestError
from ..vocab import GENRES, LICENCES

SUFFIX = ".source.yaml"
_REMARK = re.compile(r"^(?P<value>.*?)\s*(?:\((?P<paren>[^()]*)\)|;\s*(?P<semi>.*))\s*$", re.DOTALL)
_QUALIFIER = re.compile(r"[A-Z][\w-]*")  # "(English)" in "Wikipedia (English)": part of the name
_NONE = re.compile(r"^(?:not (?:stored|stated|dated|given|known)|undated|unknown|none)\b|\bnot dated\b",
                   re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=$|[\s(;,])")
_HONORIFIC = re.compile(r"^(?:Rep|Sen|Mr|Mrs|Ms|Dr|Hon)\.?\s+")  # not Lord, Sir: part of a name
_GENRE_WORDS = (  # the collector's words -> a genre of vocab.GENRES, first match wins
    ("encyclop", "encyclopedia"), ("opinion", "opinion/advocacy"), ("advocacy", "opinion/advocacy"),
    ("parliamentary record", "report"), ("report", "report"), ("news", "news"),
    ("statement", "statement"), ("declaration", "statement"), ("remarks", "statement"),
    ("testimony", "statement"), ("editorial", "statement"), ("press release", "statement"),
    ("resolution", "statement"))


@dataclass(frozen=True)
class SourceFacts:
    """What a ``.source.yaml`` says; ``None`` where it says nothing or "not stated"."""

    path: Path
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    author: str | None = None  # the name of the document's voice
    author_post: str | None = None
    url: str | None = None
    genre: str | None = None
    licence: str | None = None  # an IRI for a known licence, else the collector's words
    licence_note: str | None = None
    licence_evidence: str | None = None
    attribution: str | None = None
    excerpt: dict = field(default_factory=dict)
    viewpoint: str | None = None
    notes: dict = field(default_factory=dict)  # remarks beside values, by meta.yaml key


def source_facts_path(document: Path) -> Path:
    """``report.txt`` -> ``report.source.yaml`` (beside it)."""
    return document.with_name(document.stem + SUFFIX) if document.suffix else \
        document.with_name(document.name + SUFFIX)


def read_source_facts(document: Path, text: str) -> SourceFacts | None:
    """Read and check the ``.source.yaml`` beside ``document``; None when there is none.

    ``text`` is the document as received (decoded): the facts are checked against it.

    >>> read_source_facts(Path("shared/002_camp_ashraf.txt"), text).published  # doctest: +SKIP
    datetime.date(2012, 2, 16)
    """
    path = source_facts_path(document)
    if not path.is_file():
        return None
    values, lines = _load(path)

    def where(key: str) -> str:
        return f"{path}:{lines.get(key, 1)}"

    _check_file(values, document, where)
    notes: dict = {}
    title = _title(values, text, where, notes)
    published = _published(values.get("date"), where("date"), notes)
    author, post = _author(values.get("author"), notes)
    publisher = _plain(values.get("publisher"), "publisher", notes)
    url = _url(values.get("url"), where("url"))
    genre = _genre(values.get("genre"), notes)
    licence, licence_note, attribution = _licence(values, title=title, author=author,
                                                  publisher=publisher, url=url)
    excerpt = _excerpt(values, text, where)
    return SourceFacts(path, title=title, published=published, publisher=publisher, author=author,
                       author_post=post, url=url, genre=genre, licence=licence,
                       licence_note=licence_note,
                       licence_evidence=_text(values.get("licence_evidence")),
                       attribution=attribution, excerpt=excerpt,
                       viewpoint=_text(values.get("viewpoint")), notes=notes)


def _load(path: Path) -> tuple[dict, dict]:
    """The top-level mapping (scalars as strings, untyped) and the line of each key."""
    import yaml

    from ..errors import CorpusError
    from .yamlio import check_yaml_limits

    try:
        text = path.read_text(encoding="utf-8")
        check_yaml_limits(text, path)  # the curation files' limits: depth, aliases, expansion
        root = yaml.compose(text)
    except UnicodeDecodeError as error:
        raise IngestError(f"not UTF-8 (byte {error.start})", where=str(path),
                          hint="save the file as UTF-8") from None
    except CorpusError as error:
        raise IngestError(error.message, where=error.where, hint=error.hint) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise IngestError(f"malformed YAML: {error.problem or error.context}",
                          where=f"{path}:{mark.line + 1}" if mark else str(path),
                          hint="fix the YAML syntax at that place") from None
    if not isinstance(root, yaml.MappingNode):
        raise IngestError("expected a mapping of fields (title:, date:, …)",
                          where=f"{path}:{root.start_mark.line + 1 if root else 1}")
    values, lines = {}, {}
    for key, value in root.value:
        values[key.value] = _plain_value(value)
        lines[key.value] = key.start_mark.line + 1
    return values, lines


def _plain_value(node):
    """A node as Python strings and lists: no implicit dates, so a bad date can be named."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return [_plain_value(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {key.value: _plain_value(value) for key, value in node.value}
    if node.tag == "tag:yaml.org,2002:null" or (node.style is None and node.value in ("", "~", "null")):
        return None
    return node.value


def _text(value) -> str | None:
    return " ".join(str(value).split()) if value not in (None, "") else None


def _split_remark(value: str) -> tuple[str, str | None]:
    """``'2012-02-16 (stated in the text)'`` -> ``('2012-02-16', 'stated in the text')``.

    One capitalised word in parentheses qualifies the name rather than remarking on it:
    ``'Wikipedia (English)'`` stays whole."""
    m = _REMARK.match(value)
    if not m or not m["value"] or _QUALIFIER.fullmatch(m["paren"] or ""):
        return value, None
    return m["value"], (m["paren"] or m["semi"] or "").strip() or None


def _plain(value, key: str, notes: dict) -> str | None:
    """A value without its remark (kept in ``notes``); None when it says "not stated"."""
    value = _text(value)
    if value is None:
        return None
    if _NONE.match(value):
        notes[key] = value
        return None
    plain, remark = _split_remark(value)
    if remark:
        notes[key] = remark
    return plain


def _check_file(values: dict, document: Path, where) -> None:
    named = values.get("file")
    if named is not None and named != document.name:
        raise IngestError(f"names the file {named!r}, but it lies beside {document.name!r}",
                          where=where("file"),
                          hint=f"write 'file: {document.name}' or rename one of the two")


def _title(values: dict, text: str, where, notes: dict) -> str | None:
    title = _plain(values.get("title"), "title", notes)
    if title and len(title) > len(text.strip()):
        raise IngestError(f"the title ({len(title)} characters) is longer than the document's "
                          f"text ({len(text.strip())} characters)", where=where("title"),
                          hint="check that the title and the file belong together")
    return title


def _published(value, where: str, notes: dict) -> date | None:
    value = _text(value)
    if value is None:
        return None
    m = _DATE.match(value)
    if m is None:
        if _NONE.search(value):
            notes["published"] = value
            return None
        raise IngestError(f"the date {value!r} is not a date", where=where,
                          hint="write YYYY-MM-DD (a remark may follow in parentheses), "
                               "or words saying it is not dated")
    try:
        day = date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError as error:
        raise IngestError(f"the date {m[0]!r} is not a date ({error})", where=where,
                          hint="write a real day as YYYY-MM-DD") from None
    rest = value[m.end():].strip()
    if m[3] is None:  # a month or a year is not a publication day: say so, keep the words
        notes["published"] = value
        return None
    if rest:
        notes["published"] = _split_remark(value)[1] or rest
    return day


def _author(value, notes: dict) -> tuple[str | None, str | None]:
    """``'Victoria Nuland, Department Spokesperson'`` -> ``('Victoria Nuland', 'Department
    Spokesperson')``; the first name before a remark, without an honorific."""
    value = _text(value)
    if value is None:
        return None, None
    if _NONE.match(value):
        notes["author"] = value
        return None, None
    head = re.split(r"\s*[(;]", value, maxsplit=1)[0].strip()
    if head != value:
        notes["author"] = value
    name, _, post = head.partition(",")
    name = _HONORIFIC.sub("", name.strip())
    return name or None, post.strip() or None


def _url(value, where: str) -> str | None:
    value = _text(value)
    if value is None:
        return None
    if not re.match(r"https?://\S+$", value):
        raise IngestError(f"the url {value!r} is not an http(s) address", where=where,
                          hint="write the full address, e.g. https://example.org/page")
    return value


def _genre(value, notes: dict) -> str | None:
    value = _text(value)
    if value is None:
        return None
    found = next((genre for words, genre in _GENRE_WORDS if words in value.lower()), None)
    if found is None or value != found:
        notes["genre"] = value
    return found if found in GENRES else None


def _licence(values: dict, *, title, author, publisher, url) -> tuple[str | None, str | None,
                                                                       str | None]:
    """(licence IRI or words, the collector's full words, the attribution it asks for)."""
    words = _text(values.get("licence"))
    given = _text(values.get("attribution"))
    if words is None:
        return None, None, given
    for name, iri, credit in LICENCES:
        if words.startswith(name):
            return iri, words, given or credit.format(title=title or "", author=author or "",
                                                      url=url or "", publisher=publisher or "")
    if given:
        return words, words, given
    if re.match(r"CC BY\b", words):
        attribution = f"“{title}” by {author}, {url}, licensed under {words.split(' (')[0]}"
        return words, words, attribution
    if re.search(r"acknowledg", words, re.IGNORECASE):
        return words, words, f"Source: {publisher}, “{title}”, {url}"
    return words, words, None  # public domain and the like ask for no credit


def _excerpt(values: dict, text: str, where) -> dict:
    excerpt = {}
    if (words := values.get("words")) is not None:
        counted = len(text.split())
        if not str(words).isdigit() or int(words) != counted:
            raise IngestError(f"says the document has {words} words, but the file has {counted}",
                              where=where("words"),
                              hint="check that the file is the one described, then fix 'words:'")
        excerpt["words"] = counted
    if (truncated := values.get("truncated")) is not None:
        if str(truncated).lower() not in ("true", "false", "yes", "no"):
            raise IngestError(f"'truncated' must be true or false, not {truncated!r}",
                              where=where("truncated"))
        excerpt["truncated"] = str(truncated).lower() in ("true", "yes")
    if values.get("edits"):
        edits = values["edits"] if isinstance(values["edits"], list) else [values["edits"]]
        excerpt["edits"] = [_text(edit) for edit in edits]
    return excerpt


STATED = ("title", "published", "publisher", "byline", "url")
"""The meta.yaml fields a document states about itself, or ``missing:`` lists."""


def merge_source_facts(meta: dict, facts: SourceFacts | None, **overrides) -> dict:
    """``meta`` (what the text says of itself) with the ``.source.yaml`` facts on top, and
    the ``overrides`` (``title``, ``published``, ``publisher``, ``url``: the command's
    options) on top of both; ``missing:`` lists what is still unknown.

    >>> merge_source_facts({"title": "x", ...}, facts, url="https://…")["url"]  # doctest: +SKIP
    'https://…'
    """
    meta = dict(meta)
    title_stated = "title" not in (meta.pop("missing", None) or [])  # else a stand-in line
    if facts is not None:
        stated = {"title": facts.title, "published": facts.published,
                  "publisher": facts.publisher, "byline": facts.author, "url": facts.url}
        meta.update({key: value for key, value in stated.items() if value is not None})
        if facts.genre:
            meta.update(genre=facts.genre, type=GENRES[facts.genre])
        meta.update(_facts_fields(facts))
    meta.update({key: value for key, value in overrides.items() if value is not None})
    title_stated = title_stated or bool(overrides.get("title") or (facts and facts.title))
    meta["missing"] = [("author" if key == "byline" else key) for key in STATED
                       if not (title_stated if key == "title" else meta.get(key))]
    return meta


def _facts_fields(facts: SourceFacts) -> dict:
    """The meta.yaml fields only a ``.source.yaml`` gives, in the order they are written."""
    fields = {"licence": facts.licence}
    if facts.licence_note and facts.licence_note != facts.licence:
        fields["licence_note"] = facts.licence_note
    fields.update(licence_evidence=facts.licence_evidence, attribution=facts.attribution)
    if facts.excerpt:
        fields["excerpt"] = facts.excerpt
    fields["viewpoint"] = facts.viewpoint
    if facts.notes:
        fields["notes"] = facts.notes
    fields["source_facts"] = facts.path.name
    return {key: value for key, value in fields.items() if value is not None}
