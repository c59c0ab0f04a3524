"""The curation files' YAML reader: data read from the parser's events equals what the
composed tree gives, and files the event reader leaves alone still read the same."""

from __future__ import annotations

from pathlib import Path

import yaml

from ashraf_kg.corpus import yamlio

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def lines_of(value) -> list:
    """The line of every mapping in ``value``, depth first."""
    if isinstance(value, dict):
        return [value.line, *(line for item in value.values() for line in lines_of(item))]
    if isinstance(value, list):
        return [line for item in value for line in lines_of(item)]
    return []


def test_every_curation_file_read_from_its_events_gives_its_composed_data():
    paths = sorted(CORPUS.rglob("*.yaml"))
    assert len(paths) > 30
    for path in paths:
        text = path.read_text(encoding="utf-8")
        composed = yamlio._plain(yaml.compose(text, Loader=yamlio._Composer), path)
        (read,) = yamlio._read_events(text, path)
        assert read == composed and lines_of(read) == lines_of(composed), path


def test_a_file_with_an_alias_is_left_to_the_full_reader(tmp_path):
    text = "first: &name Camp Ashraf\nsecond: *name\n"
    assert yamlio._read_events(text, tmp_path / "a.yaml") is None
    assert yamlio.parse_yaml(text, tmp_path / "a.yaml").data == {"first": "Camp Ashraf",
                                                                 "second": "Camp Ashraf"}


def test_a_place_in_a_file_read_from_its_events_is_found_in_its_text(tmp_path):
    read = yamlio.parse_yaml("id: doc1\nevents:\n  - id: e1\n    label: x\n", tmp_path / "a.yaml")
    assert read.where(("events", 0, "label")) == f"{tmp_path / 'a.yaml'}:4:12"
