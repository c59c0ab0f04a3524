"""The curation files' schema: strict types, one error with file:line:column and a fix, limits."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ashraf_kg import vocab
from ashraf_kg.cli import main
from ashraf_kg.corpus.annotations import read_annotations
from ashraf_kg.corpus.meta import read_meta
from ashraf_kg.corpus.reader import read_corpus
from ashraf_kg.corpus.registry import read_registry
from ashraf_kg.corpus.schema import MODELINE, schema_path
from ashraf_kg.errors import CorpusError

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "build" / "minimal" / "corpus"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def minimal(tmp_path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "corpus"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(corpus: Path) -> str:
    with pytest.raises(CorpusError) as error:
        read_corpus(corpus)
    return str(error.value)


# Each case: file, text in it, replacement, words the message must hold, and the line:column.
CASES = {
    "alleged-quoted-false": ("doc1/annotations.yaml", "alleged: true", 'alleged: "false"',
                             "must be a boolean", "34:14"),
    "alleged-no": ("doc1/annotations.yaml", "alleged: true", "alleged: no", "must be a boolean", "34:14"),
    "alleged-off": ("doc1/annotations.yaml", "alleged: true", "alleged: off", "must be a boolean", "34:14"),
    "alleged-zero": ("doc1/annotations.yaml", "alleged: true", "alleged: 0", "must be a boolean", "34:14"),
    "value-true": ("doc1/annotations.yaml", "value: 3", "value: true", "must be a whole number", "15:31"),
    "value-text": ("doc1/annotations.yaml", "value: 3", 'value: "3"', "must be a whole number", "15:31"),
    "aliases-true": ("registry.yaml", "aliases: [Army]", "aliases: true", "must be text or a list", "5:14"),
    "alias-number": ("registry.yaml", "aliases: [Army]", "aliases: [1984]", "must be text", "5:15"),
    "label-list": ("doc1/annotations.yaml", "label: Attack on Camp Alpha", "label: [Attack]",
                   "must be text", "9:12"),
    "bad-date": ("doc1/meta.yaml", "published: 2013-09-01", "published: 2013-02-30",
                 "unparseable date '2013-02-30'", "3:12"),
    "bad-begin": ("doc1/annotations.yaml", 'begin: "2013-09-01"', 'begin: "2013-09-31"',
                  "unparseable date '2013-09-31'", "13:38"),
    "bad-language": ("doc1/meta.yaml", "language: en", "language: en us!", "bad language", "5:11"),
    "lone-surrogate": ("doc1/meta.yaml", "title: Clash at the camp", 'title: "Clash \\ud800"',
                       "invalid Unicode character escape", "2:17"),
    "typo-field": ("doc1/annotations.yaml", "alleged: true", "aleged: true", "unknown field 'aleged'",
                   "34:5"),
    "bad-event-type": ("doc1/annotations.yaml", "type: Attack", "type: Massacre",
                       "unknown type 'Massacre'", "8:11"),
    "missing-label": ("doc1/annotations.yaml", "    label: Attack on Camp Alpha\n", "",
                      "missing required field 'label'", "7:5"),
    "bad-role-id": ("doc1/annotations.yaml", "agent: [organization/army]", "agent: [Army]",
                    "bad agent 'Army'", "11:13"),
    "bad-wikidata": ("registry.yaml", "label: Camp Alpha", "label: Camp Alpha\n    wikidata: 42",
                     "must be text or null", "17:15"),
    "nan-confidence": ("doc1/annotations.yaml", "{entity: place/camp-alpha, quote: Camp Alpha}",
                       "{entity: place/camp-alpha, quote: Camp Alpha, confidence: .nan}",
                       "not a finite number", "5:63"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_value_is_one_error_with_line_and_column(minimal, name):
    file, old, new, words, position = CASES[name]
    edit(minimal / file, old, new)
    message = refused(minimal)
    assert words in message, message
    assert f"{file.split('/')[-1]}:{position}:" in message, message
    assert "(" in message and message.endswith(")"), "every error says how to fix it"


def test_the_cli_prints_one_error_line(minimal, tmp_path, capsys):
    edit(minimal / "doc1" / "annotations.yaml", "alleged: true", 'alleged: "no"')
    code = main(["build", "--corpus-dir", str(minimal), "--graph-dir", str(tmp_path / "g"), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Error: ") and err.count("\n") == 1, err
    assert "write true or false" in err


def test_billion_laughs_in_the_registry_is_refused(minimal):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (minimal / "registry.yaml").write_text("\n".join(lines) + "\nentities: []\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"registry\.yaml:\d+:\d+: refused: more than"):
        read_registry(minimal / "registry.yaml")


def test_many_aliases_are_refused(minimal):
    text = "x: &x 1\nentities: [" + ", ".join(["*x"] * 500) + "]\n"
    (minimal / "registry.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match="refused: more than 100 aliases"):
        read_registry(minimal / "registry.yaml")


def test_deep_nesting_is_refused(minimal):
    (minimal / "registry.yaml").write_text("entities: " + "[" * 10_000 + "]" * 10_000 + "\n",
                                           encoding="utf-8")
    with pytest.raises(CorpusError, match=r"registry\.yaml:1:\d+: malformed YAML: (nested deeper|"
                                          r"exceeded maximum nesting depth)"):
        read_registry(minimal / "registry.yaml")
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "end\n"
    (minimal / "registry.yaml").write_text(block, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"registry\.yaml:41:\d+: malformed YAML: nested deeper than 40"):
        read_registry(minimal / "registry.yaml")


def test_duplicate_key_names_its_line(minimal):
    edit(minimal / "doc1" / "meta.yaml", "genre: news", "genre: news\ngenre: report")
    with pytest.raises(CorpusError, match=r"meta\.yaml:7:\d+: malformed YAML"):
        read_meta(minimal / "doc1" / "meta.yaml", "doc1")


def test_yaml_tags_are_refused(minimal):
    edit(minimal / "doc1" / "meta.yaml", "genre: news", "genre: !!binary aGVsbG8=")
    with pytest.raises(CorpusError, match=r"meta\.yaml:6:\d+: the tag tag:yaml.org,2002:binary is not allowed"):
        read_meta(minimal / "doc1" / "meta.yaml", "doc1")


def test_relation_needs_the_fields_of_its_type(minimal):
    edit(minimal / "doc1" / "annotations.yaml", "    predicate: containedInPlace\n", "")
    assert "missing required field 'predicate'" in refused(minimal)


def test_the_real_corpus_passes_its_schemas(corpus_dir):
    read_registry(corpus_dir / "registry.yaml")
    for folder in sorted(p for p in corpus_dir.iterdir() if p.is_dir()):
        read_meta(folder / "meta.yaml", folder.name)
        read_annotations(folder / "annotations.yaml", folder.name)


def test_every_curation_file_names_its_schema_on_its_first_line(corpus_dir):
    files = [corpus_dir / "registry.yaml", *corpus_dir.glob("*/meta.yaml"),
             *corpus_dir.glob("*/annotations.yaml"), *corpus_dir.glob("*/draft.yaml")]
    for file in files:
        first = file.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith(MODELINE), f"{file}: start it with {MODELINE}<relative path>"
        schema = (file.parent / first.removeprefix(MODELINE)).resolve()
        kind = {"registry.yaml": "registry", "meta.yaml": "meta"}.get(file.name, "annotations")
        assert schema == schema_path(kind).resolve(), file


def _enum(schema: dict, *path: str) -> tuple:
    node = schema
    for key in path:
        node = node[key]
    return tuple(v for v in node["enum"] if v is not None)


def test_schema_lists_are_the_vocabulary():
    annotations = json.loads(schema_path("annotations").read_text(encoding="utf-8"))
    registry = json.loads(schema_path("registry").read_text(encoding="utf-8"))
    meta = json.loads(schema_path("meta").read_text(encoding="utf-8"))
    definitions = annotations["definitions"]
    assert _enum(definitions, "event", "properties", "type") == vocab.EVENT_TYPES.names
    assert _enum(definitions, "count", "properties", "kind") == vocab.COUNT_KINDS.names
    assert _enum(definitions, "claim", "properties", "stance") == vocab.STANCES.names
    assert _enum(definitions, "relation", "properties", "predicate") == vocab.RELATION_PREDICATES.names
    assert _enum(annotations, "properties", "status") == vocab.STATUSES
    assert set(vocab.EVENT_ROLES.names) < set(definitions["event"]["properties"])
    types = tuple(t.name for kind in vocab.ENTITY_KINDS for t in kind.types)
    assert _enum(registry["definitions"], "entity", "properties", "type") == types
    assert _enum(definitions, "proposal", "properties", "type") == types
    assert _enum(meta, "properties", "type") == vocab.DOCUMENT_TYPES.names
    kinds = "|".join(vocab.ENTITY_KINDS.names)
    assert definitions["entityId"]["pattern"].startswith(f"^({kinds})/")
    assert registry["definitions"]["entity"]["properties"]["id"]["pattern"].startswith(f"^({kinds})/")


def test_the_package_ships_the_repository_schemas():
    for kind in ("annotations", "registry", "meta"):
        assert schema_path(kind).read_bytes() == (ROOT / "schemas" / f"{kind}.schema.json").read_bytes()


def test_meta_fields_are_the_model_fields():
    from dataclasses import fields

    from ashraf_kg.corpus.meta import FIELD_ORDER
    from ashraf_kg.model import DocumentMeta

    meta = json.loads(schema_path("meta").read_text(encoding="utf-8"))
    model = {f.name for f in fields(DocumentMeta)} - {"location"}
    assert set(FIELD_ORDER) == model == set(meta["properties"])


def test_add_refuses_an_alias_bomb_in_a_source_yaml(tmp_path, data_dir):
    from ashraf_kg.corpus.ingest import add_document
    from ashraf_kg.errors import IngestError

    shutil.copy(data_dir / "ingest" / "statement.txt", tmp_path)
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (tmp_path / "statement.source.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"statement\.source\.yaml:\d+:\d+: refused: more than"):
        add_document(tmp_path / "statement.txt", tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists() or not any((tmp_path / "corpus").iterdir())


@pytest.mark.parametrize("text", ["[" * 10_000 + "]" * 10_000,
                                  "\n" + "".join(f"{'  ' * i}  k{i}:\n" for i in range(60)) + "  " * 61 + "x"])
def test_add_refuses_deep_nesting_in_a_source_yaml(tmp_path, data_dir, text):
    from ashraf_kg.corpus.ingest import add_document
    from ashraf_kg.errors import IngestError

    shutil.copy(data_dir / "ingest" / "statement.txt", tmp_path)
    (tmp_path / "statement.source.yaml").write_text("title: " + text + "\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"statement\.source\.yaml:\d+:\d+: malformed YAML"):
        add_document(tmp_path / "statement.txt", tmp_path / "corpus")


# jsonschema-rs lets a file through only where jsonschema would (schema._surely_valid).
KINDS = {"registry.yaml": "registry", "doc1/meta.yaml": "meta", "doc1/annotations.yaml": "annotations"}
ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 10**20), st.floats(), st.text(max_size=12),
    st.sampled_from(["false", "2013-02-30", "2013-09-31T25:00", "en us!", "Q0", "Q42\n",
                     "person/x\n", "P1Y\n", "PT", "organization/army", "Army", "\ud800", "\u0663"]),
    st.lists(st.one_of(st.text(max_size=6), st.integers(), st.booleans()), max_size=3),
    st.dictionaries(st.text(max_size=6), st.text(max_size=6), max_size=2))


def _places(value, prefix=()):
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from _places(item, (*prefix, key))


def _jsonschema_errors(data, kind: str) -> list:
    from ashraf_kg.corpus.schema import _validator

    return list(_validator(kind).iter_errors(data))


def test_the_quick_check_lets_the_real_corpus_through(corpus_dir):
    from ashraf_kg.corpus.schema import _surely_valid
    from ashraf_kg.corpus.yamlio import load_yaml

    files = [(corpus_dir / "registry.yaml", "registry")]
    for folder in sorted(p for p in corpus_dir.iterdir() if p.is_dir()):
        files += [(folder / "meta.yaml", "meta"), (folder / "annotations.yaml", "annotations")]
    for path, kind in files:
        if path.is_file():
            assert _surely_valid(load_yaml(path).data, kind), path


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_the_quick_check_never_lets_through_what_jsonschema_refuses(data):
    import copy

    from ashraf_kg.corpus.schema import _surely_valid

    name = data.draw(st.sampled_from(sorted(KINDS)))
    original = _loaded(name)
    place = data.draw(st.sampled_from(list(_places(original))[1:]))
    changed = copy.deepcopy(original)
    target = changed
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = data.draw(ANY_VALUE)
    if _surely_valid(changed, KINDS[name]):
        assert not _jsonschema_errors(changed, KINDS[name]), (name, place, target[place[-1]])


@functools.cache
def _loaded(name: str):
    """The data of one file of the minimal corpus, as the reader loads it."""
    from ashraf_kg.corpus.yamlio import load_yaml

    return load_yaml(MINIMAL / name).data
