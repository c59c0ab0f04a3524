"""Shared fixtures: the real corpus, its freshly built dataset, and the committed graph/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpus"
GRAPH_DIR = ROOT / "graph"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR


@pytest.fixture(scope="session")
def corpus():
    """The real corpus (reviewed annotations only), as model.Corpus."""
    from ashraf_kg.corpus.reader import read_corpus

    return read_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def dataset(corpus):
    """The dataset freshly built from the real corpus (an rdflib.Dataset)."""
    from ashraf_kg.build.dataset import build_dataset

    return build_dataset(corpus)


@pytest.fixture(scope="session")
def ontology():
    """The ontology (``ashraf-kg.ttl``) as an rdflib Graph."""
    from rdflib import Graph

    from ashraf_kg.resources import ontology_dir

    return Graph().parse(ontology_dir() / "ashraf-kg.ttl", format="turtle")


@pytest.fixture(scope="session")
def shapes():
    """The SHACL shapes (``shapes.ttl``) as an rdflib Graph."""
    from rdflib import Graph

    from ashraf_kg.resources import ontology_dir

    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def shape_alone(shapes):
    """A function: one shape of ``shapes.ttl`` by name, as a Graph of its own (its
    blank-node closure and the prefixes it declares)."""
    from rdflib import BNode, Graph, URIRef
    from rdflib.namespace import SH

    def select(name: str) -> Graph:
        graph = Graph()
        todo, seen = [URIRef("https://w3id.org/ashraf-kg/ontology/shapes#" + name)], set()
        while todo:
            node = todo.pop()
            seen.add(node)
            for p, o in shapes.predicate_objects(node):
                graph.add((node, p, o))
                if (isinstance(o, BNode) or p == SH.prefixes) and o not in seen:
                    todo.append(o)
        return graph

    return select


@pytest.fixture(scope="session")
def context() -> dict:
    """The JSON-LD context file (``context.jsonld``), parsed."""
    import json

    from ashraf_kg.resources import ontology_dir

    return json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def graph_dir() -> Path:
    """The committed graph/ folder."""
    return GRAPH_DIR


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA_DIR


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests leave files for people to look at (screenshots); not committed."""
    path = Path(os.environ.get("ASHRAF_KG_ARTIFACTS", ROOT / "tests" / "artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def tiny_dataset(data_dir):
    """A small hand-made dataset in the shape of docs/model.md (tests/data/network/tiny.trig)."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data_dir / "network" / "tiny.trig", format="trig")
    return dataset


def copy_corpus(source: Path, target: Path) -> Path:
    """A writable copy of a corpus folder, for tests that break it on purpose."""
    import shutil

    shutil.copytree(source, target)
    return target


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the real corpus."""
    return copy_corpus(CORPUS_DIR, tmp_path / "corpus")
