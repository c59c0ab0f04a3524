"""Fuzzed curation files: a clean project error, or a corpus whose every value has its type.

Hypothesis changes one value of the minimal corpus's registry, meta or annotations (to a
value of any YAML type, or one of the inputs that once went through silently), or inserts
text anywhere in one of the files. Reading must then fail with an :class:`AshrafKGError`, or
give model objects holding what the model says they hold: a boolean where it says bool, an
integer (never a boolean) where it says int, text where it says str.
"""

from __future__ import annotations

import math
import shutil
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ashraf_kg.corpus.reader import read_corpus
from ashraf_kg.errors import AshrafKGError
from ashraf_kg.model import Corpus, Count, DocumentMeta, Entity, Event, Mention, Quote

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "build" / "minimal" / "corpus"
FILES = ("registry.yaml", "doc1/meta.yaml", "doc1/annotations.yaml")
TRAPS = ["false", "no", "off", "0", "yes", "2013-02-30", "en us!", "\ud800", "12:40", "1e3",
         ".nan", "organization/army", "Q42", "null", "~", "*x", "&x a", "!!binary aGk=",
         "[a, [b]]", "{quote: x}", "- a", "'", '"', "\t", "\x85", "\u2028"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**20), st.floats(),
    st.text(max_size=12), st.sampled_from(TRAPS),
    st.lists(st.one_of(st.text(max_size=6), st.integers(), st.booleans()), max_size=3),
    st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=2))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replace(data, path, value):
    if not path:
        return value
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.fixture(scope="module")
def originals():
    return {name: (MINIMAL / name).read_text(encoding="utf-8") for name in FILES}


def _check_types(obj) -> None:
    """Every dataclass field of the model holds a value of its declared type."""
    for f in fields(obj):
        value = getattr(obj, f.name)
        declared = str(f.type)
        if isinstance(value, bool):
            assert "bool" in declared, (type(obj).__name__, f.name, value)
        elif isinstance(value, int):
            assert "int" in declared, (type(obj).__name__, f.name, value)
        elif isinstance(value, float):
            assert "float" in declared and math.isfinite(value), (type(obj).__name__, f.name, value)
        elif isinstance(value, str):
            assert "str" in declared and not any("\ud800" <= c <= "\udfff" for c in value), f.name
        elif isinstance(value, date):
            assert "date" in declared, f.name
        elif isinstance(value, tuple):
            for item in value:
                items = item if isinstance(item, tuple) else (item,)
                for part in items:
                    if isinstance(part, (bool, int, float)):
                        raise AssertionError((type(obj).__name__, f.name, value))
                    if hasattr(part, "__dataclass_fields__"):
                        _check_types(part)
                    elif isinstance(part, tuple):
                        assert all(isinstance(p, str) for p in part), (f.name, value)
        elif hasattr(value, "__dataclass_fields__"):
            _check_types(value)


def _check_corpus(corpus: Corpus) -> None:
    for item in (*corpus.registry, *(d.meta for d in corpus.documents), *corpus.annotations):
        _check_types(item)
    for doc_annotations in corpus.annotations:
        for part in (*doc_annotations.mentions, *doc_annotations.events, *doc_annotations.claims,
                     *doc_annotations.memberships, *doc_annotations.relations):
            _check_types(part)
    assert all(isinstance(e, Entity) for e in corpus.registry)
    assert all(isinstance(d.meta, DocumentMeta) for d in corpus.documents)
    for event in (e for a in corpus.annotations for e in a.events):
        assert isinstance(event, Event) and type(event.alleged) is bool
        assert all(type(c.value) is int or c.value is None for c in event.counts if isinstance(c, Count))
    for mention in (m for a in corpus.annotations for m in a.mentions):
        assert isinstance(mention, Mention) and type(mention.all) is bool
        assert isinstance(mention.quote, Quote) and mention.quote.exact


def _well_typed(key, value) -> bool:
    """Whether ``value`` is of the type the format asks for at field ``key``."""
    if key in ("alleged", "former", "all"):
        return value is None or type(value) is bool
    if key == "value":
        return value is None or type(value) is int
    if key in ("aliases", "roles", "missing"):
        return value is None or isinstance(value, str) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value))
    if key in ("label", "title", "quote", "stance"):
        return isinstance(value, str)
    return True


def _read_or_refuse(folder: Path, key=None, value=None) -> None:
    try:
        corpus = read_corpus(folder)
    except AshrafKGError as error:
        assert str(error) and "\n" not in error.message
        return
    _check_corpus(corpus)
    assert _well_typed(key, value), f"{key}: {value!r} was read instead of refused"


SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@SETTINGS
@given(data=st.data())
def test_a_changed_value_is_refused_or_read_with_its_type(tmp_path_factory, originals, data):
    folder = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("fuzz") / "corpus"))
    name = data.draw(st.sampled_from(FILES))
    tree = yaml.safe_load(originals[name])
    path = data.draw(st.sampled_from(list(_paths(tree))))
    value = data.draw(VALUES)
    tree = _replace(tree, path, value)
    (folder / name).write_text(yaml.safe_dump(tree, allow_unicode=False, sort_keys=False),
                               encoding="utf-8")
    key = next((k for k in reversed(path) if isinstance(k, str)), None) if path else None
    _read_or_refuse(folder, key if path and isinstance(path[-1], str) else None, value)


@SETTINGS
@given(data=st.data())
def test_inserted_text_is_refused_or_read_with_its_type(tmp_path_factory, originals, data):
    folder = Path(shutil.copytree(MINIMAL, tmp_path_factory.mktemp("fuzz") / "corpus"))
    name = data.draw(st.sampled_from(FILES))
    text = originals[name]
    at = data.draw(st.integers(0, len(text)))
    insert = data.draw(st.one_of(st.text(max_size=8), st.sampled_from(TRAPS)))
    (folder / name).write_text(text[:at] + insert + text[at:], encoding="utf-8",
                               errors="surrogatepass")
    _read_or_refuse(folder)
