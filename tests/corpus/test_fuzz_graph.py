"""Fuzzing the curation files through to the graph, and ``add``: a clean error, or a correct graph.

``test_fuzz.py`` holds the loaders to their types; here a broken file goes on through the
rest of the build. The seeds are the minimal corpus's ``annotations.yaml``, ``registry.yaml``
and ``meta.yaml`` in block style; hypothesis replaces, deletes, repeats or adds lines with
YAML that curators (and attackers) write: quoted booleans, impossible dates, lists where a
word belongs, tags, anchors, control characters, lone surrogates. Each broken file is read
by its loader and, when that succeeds, checked against the rest of the corpus, anchored and
built. The only outcomes accepted:

- an :class:`AshrafKGError` that names the file (and line, where the loader has one);
- a graph that says what the file says: booleans that were YAML booleans, counts that
  were whole numbers, names that were words — never ``"false"`` read as true — whose
  typed literals are valid and that any RDF parser reads back.

``add`` is fuzzed the same way with generated documents: a clean error that leaves the
corpus as it was, or a document the corpus reads.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal

from ashraf_kg.anchor import anchor_document
from ashraf_kg.build import dataset as build
from ashraf_kg.corpus.annotations import read_annotations
from ashraf_kg.corpus.checks import check_annotations
from ashraf_kg.corpus.ingest import add_document
from ashraf_kg.corpus.meta import read_meta
from ashraf_kg.corpus.reader import read_corpus, read_document
from ashraf_kg.corpus.registry import read_registry
from ashraf_kg.corpus.yamlio import parse_yaml
from ashraf_kg.errors import AshrafKGError

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "build" / "minimal" / "corpus"
FILES = {"annotations": "doc1/annotations.yaml", "registry": "registry.yaml", "meta": "doc1/meta.yaml"}
BASE = read_corpus(MINIMAL)
SEEDS = {kind: yaml.safe_dump(yaml.safe_load((MINIMAL / name).read_text(encoding="utf-8")),
                              sort_keys=False, allow_unicode=True, width=1000).splitlines()
         for kind, name in FILES.items()}

SNIPPETS = [
    "true", "false", "yes", "no", "on", "off", "'false'", '"no"', "'true'", "0", "1", "-1", "3", "1.5",
    "1e400", ".nan", ".inf", "~", "null", "''", "' '", "2013-09-01", "2013-02-30", "2013-13-45",
    "2013-09-01T25:00:00", "'2013-09-01'", "[]", "[a, b]", "[1, 2]", "[true]", "{}", "{quote: Army}",
    "{a: {b: {c: d}}}", "!!binary aGVsbG8=", "!!python/name:os.system", "!!str 12", "!!int '7'",
    "&anchor Army", "*anchor", '"\\0"', '"\\uD800"', '"\\uDFFF x"', '"a\\u2028b"', '"\\v"', '"\\x85"',
    '"\\e[31m"', '"\\u202Eevil"', "'http://example.org/a b'", "'en us!'", "en-GB", "person/general-smith",
    "organization/army", "place/camp-alpha", "Place/Camp Alpha", "attack-on-camp-alpha", "Army",
    "Camp Alpha", "The Ministry denied any attack", "killing three", "Smith", "|\n  a block",
    "[[[[[[[[[[]]]]]]]]]]", "'" + "x" * 300 + "'", "Q42", "Q", "killed", "denies", "Attack",
]
# Derandomized, so every run tries the same examples; no shrinking, so a failure costs no
# more time than a pass (the example is reported as found).
FUZZ = dict(deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
_LINE = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_]+):(?P<value>.*)$")


def _quoted(text: str) -> str:
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


def value_snippets():
    return st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=20).map(_quoted))


def plausible(value: str):
    """A value of the same type as ``value``, so that some broken files still build."""
    value = value.strip()
    if value in ("true", "false"):
        return st.sampled_from(["true", "false"])
    if value.isdigit():
        return st.integers(0, 500).map(str)
    printable = st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"])
    return st.one_of(st.just(value), st.text(printable, min_size=1, max_size=15).map(_quoted))


@st.composite
def broken(draw, kind: str) -> str:
    """A seed file with one to three lines replaced, deleted, repeated or added."""
    lines = list(SEEDS[kind])
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        match = _LINE.match(lines[index])
        action = draw(st.sampled_from(["value", "value", "value", "delete", "repeat", "add"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "add" and match:
            key = draw(st.sampled_from(["alleged", "all", "former", "value", "confidence", "aliases",
                                        "wikidata", "time", "place", "about", "url", "updates", "extra"]))
            indent = " " * len(match["indent"])
            lines.insert(index + 1, f"{indent}{key}: {draw(value_snippets())}")
        elif match:
            value = draw(st.one_of(value_snippets(), plausible(match["value"])))
            lines[index] = f"{match['indent']}{match['key']}: {value}"
    return "\n".join(lines) + "\n"


def load(kind: str, path: Path):
    """Read the broken file with its loader, check it against the rest of the corpus, anchor
    and build what it feeds: the annotations, the registry or the document graph."""
    dataset = Dataset()
    if kind == "annotations":
        annotations = read_annotations(path, "doc1")
        corpus = replace(BASE, annotations=(annotations,))
        check_annotations(corpus)
        build.build_annotations_graph(dataset, anchor_document(corpus.documents[0], annotations))
        return annotations, dataset
    if kind == "registry":
        registry = read_registry(path)
        check_annotations(replace(BASE, registry=registry))
        build.build_registry_graph(dataset, replace(BASE, registry=registry))
        return registry, dataset
    meta = read_meta(path, "doc1")
    document = replace(BASE.documents[0], meta=meta)
    check_annotations(replace(BASE, documents=(document,)))
    build.build_document_graph(dataset, document)
    return meta, dataset


def check_reads_back(dataset: Dataset) -> None:
    """Any RDF parser reads the graph back, with the same number of statements, and every
    typed literal is a valid value of its type (no ``"soon"^^xsd:date``)."""
    text = dataset.serialize(format="nquads")
    assert len(list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS))) == len(dataset)
    for _, _, term, _ in dataset.quads((None, None, None, None)):
        assert not (isinstance(term, Literal) and term.ill_typed), term


def items(data, key: str):
    """Every mapping under ``data`` that has ``key``."""
    if isinstance(data, dict):
        if key in data:
            yield data
        for value in data.values():
            yield from items(value, key)
    elif isinstance(data, list):
        for value in data:
            yield from items(value, key)


def read_raw(text: str, path: Path):
    """What the file says, as YAML 1.2 reads it (only true and false are booleans; a date is
    kept as its text)."""
    return parse_yaml(text, path).data


def check_says_what_the_file_says(kind: str, raw, model) -> None:
    """The loaded model holds the file's values with the types they were written in."""
    if kind == "annotations":
        for key in ("alleged", "all", "former"):
            for item in items(raw, key):
                assert isinstance(item[key], bool), (key, item[key])
        for item in items(raw.get("events") or [], "value"):
            assert item["value"] is None or type(item["value"]) is int, item["value"]
        written = [e.alleged for e in model.events]
        assert written == [bool(e.get("alleged", False)) for e in raw.get("events") or []]
        counts = [c.value for e in model.events for c in e.counts]
        assert counts == [c.get("value") for e in raw.get("events") or [] for c in e.get("counts") or []]
    elif kind == "registry":
        for item in items(raw, "aliases"):
            aliases = item["aliases"]
            assert aliases is None or isinstance(aliases, str) or (isinstance(aliases, list)
                                                and all(isinstance(a, str) for a in aliases)), aliases
        for entity in model:
            assert isinstance(entity.label, str) and entity.label.strip() and entity.label not in ("True", "False")
    else:
        published = raw.get("published")
        assert published is None or isinstance(published, (date, str)), published
        assert isinstance(raw.get("title"), str), raw.get("title")


@pytest.mark.parametrize("kind", list(FILES))
@settings(max_examples=170, **FUZZ)
@given(data=st.data())
def test_a_broken_curation_file_is_a_clean_error_or_a_correct_graph(kind, data):
    text = data.draw(broken(kind), label="file")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(FILES[kind]).name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            model, dataset = load(kind, path)
        except AshrafKGError as error:
            assert error.where and str(path) in error.where, (str(error), text)
            return
        check_reads_back(dataset)
        check_says_what_the_file_says(kind, read_raw(text, path), model)


WORDS = st.sampled_from(["The", "Army", "attacked", "Camp", "Alpha", "on", "Monday", "and", "the", "Ministry",
                         "denied", "it", "said", "General", "Smith", "of", "killing", "three", "people", "in",
                         "Iraq", "Baghdad", "residents", "were", "wounded", "officials", "reported"])
SENTENCE = st.lists(WORDS, min_size=4, max_size=14).map(lambda w: " ".join(w) + ".")
ODD = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
DOCUMENT = st.tuples(st.one_of(SENTENCE, ODD), st.lists(st.one_of(SENTENCE, SENTENCE, ODD), max_size=12),
                     st.sampled_from(["\n", "\r\n", "\n\n"]))


@settings(max_examples=160, **FUZZ)
@given(document=DOCUMENT, raw=st.binary(max_size=64), as_bytes=st.booleans())
def test_adding_a_document_is_a_clean_error_or_a_readable_document(document, raw, as_bytes):
    title, sentences, newline = document
    text = newline.join([title, "", *sentences]) + newline
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        shutil.copytree(MINIMAL, corpus)
        source = Path(folder) / "report.txt"
        source.write_bytes(raw if as_bytes else text.encode("utf-8"))
        before = sorted(p.name for p in corpus.iterdir())
        try:
            report = add_document(source, corpus)
        except AshrafKGError as error:
            assert error.where, str(error)
            assert sorted(p.name for p in corpus.iterdir()) == before  # nothing half-written
            return
        for added in report.documents:
            read_document(corpus / added.doc_id)
        read_corpus(corpus)
