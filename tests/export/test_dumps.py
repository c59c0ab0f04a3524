"""Dumps: every format re-parses, all agree, rebuilds are byte-identical, writes are atomic."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import DCTERMS, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from ashraf_kg.build.dataset import build_corpus
from ashraf_kg.errors import BuildError
from ashraf_kg.export.dumps import read_dataset, write_graph_dir

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "build" / "minimal" / "corpus"
SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def minimal_graph_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "graph"
    write_graph_dir(build_corpus(MINIMAL), folder)
    return folder


@pytest.fixture(scope="module", params=["minimal", "committed"])
def dumps_dir(request, minimal_graph_dir, graph_dir) -> Path:
    """The dumps of the minimal regression corpus, and the committed graph/."""
    return minimal_graph_dir if request.param == "minimal" else graph_dir


def quads(dataset: Dataset) -> set:
    return {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in dataset.quads((None,) * 4)}


def test_all_formats_are_written(minimal_graph_dir):
    names = sorted(p.name for p in minimal_graph_dir.iterdir())
    assert names == ["ashraf-kg.jsonld", "ashraf-kg.nq", "ashraf-kg.nt", "ashraf-kg.trig",
                     "ashraf-kg.ttl", "void.ttl"]


@pytest.mark.parametrize("name,fmt", [("ashraf-kg.trig", "trig"), ("ashraf-kg.jsonld", "json-ld")])
def test_dataset_formats_equal_the_nquads(dumps_dir, name, fmt):
    reference = quads(read_dataset(dumps_dir))
    other = Dataset()
    other.parse(dumps_dir / name, format=fmt)
    assert quads(other) == reference


@pytest.mark.parametrize("name,fmt", [("ashraf-kg.ttl", "turtle"), ("ashraf-kg.nt", "nt")])
def test_graph_formats_equal_the_union(dumps_dir, name, fmt):
    union = Graph()
    for s, p, o, _ in read_dataset(dumps_dir).quads((None,) * 4):
        union.add((s, p, o))
    other = Graph().parse(dumps_dir / name, format=fmt)
    assert isomorphic(other, union)


@pytest.mark.parametrize("name,fmt", [
    ("ashraf-kg.nq", pyoxigraph.RdfFormat.N_QUADS), ("ashraf-kg.trig", pyoxigraph.RdfFormat.TRIG),
    ("ashraf-kg.ttl", pyoxigraph.RdfFormat.TURTLE), ("ashraf-kg.nt", pyoxigraph.RdfFormat.N_TRIPLES),
    ("ashraf-kg.jsonld", pyoxigraph.RdfFormat.JSON_LD)])
def test_pyoxigraph_parses_every_format(dumps_dir, name, fmt):
    parsed = list(pyoxigraph.parse(path=str(dumps_dir / name), format=fmt))
    expected = read_dataset(dumps_dir)
    count = len(quads(expected)) if fmt in (pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.TRIG,
                                            pyoxigraph.RdfFormat.JSON_LD) else \
        len({(s, p, o) for s, p, o, _ in expected.quads((None,) * 4)})
    assert len(set(parsed)) == count


def test_jsonld_inlines_its_context(dumps_dir):
    import json

    data = json.loads((dumps_dir / "ashraf-kg.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict) and data["@context"]["akg"].startswith("https://")


def test_void_checksums_match_the_files(minimal_graph_dir):
    void = Graph().parse(minimal_graph_dir / "void.ttl")
    checked = 0
    for dist in void.subjects(RDF.type, None):
        title = void.value(dist, DCTERMS.title)
        checksum = void.value(dist, URIRef(SPDX + "checksum"))
        if title is None or checksum is None:
            continue
        value = str(void.value(checksum, URIRef(SPDX + "checksumValue")))
        assert value == hashlib.sha256((minimal_graph_dir / str(title)).read_bytes()).hexdigest()
        checked += 1
    assert checked == 5


def build_in_subprocess(corpus: Path, out: Path, seed: str) -> None:
    code = ("import sys; from pathlib import Path; from ashraf_kg.build.dataset import build_corpus; "
            "from ashraf_kg.export.dumps import write_graph_dir; "
            "write_graph_dir(build_corpus(Path(sys.argv[1])), Path(sys.argv[2]))")
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-c", code, str(corpus), str(out)], check=True, env=env)


def test_rebuild_is_byte_identical(tmp_path):
    build_in_subprocess(MINIMAL, tmp_path / "a", "1")
    build_in_subprocess(MINIMAL, tmp_path / "b", "2")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_failed_write_leaves_the_previous_graph(tmp_path):
    folder = tmp_path / "graph"
    write_graph_dir(build_corpus(MINIMAL), folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken(staging):
        raise BuildError("page writer failed")

    with pytest.raises(BuildError):
        write_graph_dir(build_corpus(MINIMAL), folder, extras=[broken])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph"]


def test_committed_graph_equals_a_fresh_build(tmp_path, corpus_dir, graph_dir):
    from ashraf_kg.pipeline import build_graph

    build_graph(corpus_dir, tmp_path / "graph")
    fresh = sorted(p.name for p in (tmp_path / "graph").iterdir())
    assert fresh == sorted(p.name for p in graph_dir.iterdir())
    for name in fresh:
        assert (tmp_path / "graph" / name).read_bytes() == (graph_dir / name).read_bytes(), (
            f"graph/{name} differs from a fresh build: run 'ashraf-kg build' and commit graph/")


# Characters str.splitlines() takes for line ends that Turtle does not; each must survive.
AWKWARD = ["\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r", "\r\n"]


@pytest.fixture(scope="module")
def awkward_dumps(tmp_path_factory) -> Path:
    from rdflib import Literal

    from ashraf_kg.export.dumps import write_dumps

    dataset = Dataset()
    graph = dataset.graph(URIRef("https://w3id.org/ashraf-kg/id/graph/awkward"))
    for number, char in enumerate(AWKWARD):
        subject = URIRef(f"https://w3id.org/ashraf-kg/id/person/p{number}")
        graph.add((subject, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                   Literal(f"before{char}after", lang="en")))
        graph.add((subject, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#value"),
                   Literal(f'one line{char}"quoted"\nnext line{char}')))
    folder = tmp_path_factory.mktemp("awkward")
    write_dumps(dataset, folder)
    return folder


@pytest.mark.parametrize("name,fmt", [("ashraf-kg.trig", "trig"), ("ashraf-kg.jsonld", "json-ld")])
def test_rdflib_reads_awkward_text_back_as_the_nquads_hold_it(awkward_dumps, name, fmt):
    reference = quads(read_dataset(awkward_dumps))
    assert {str(o) for *_, o, _ in reference} >= {f"before{char}after" for char in AWKWARD}
    other = Dataset()
    other.parse(awkward_dumps / name, format=fmt)
    assert quads(other) == reference


@pytest.mark.parametrize("name,fmt", [("ashraf-kg.trig", pyoxigraph.RdfFormat.TRIG),
                                      ("ashraf-kg.ttl", pyoxigraph.RdfFormat.TURTLE),
                                      ("ashraf-kg.nt", pyoxigraph.RdfFormat.N_TRIPLES)])
def test_pyoxigraph_reads_awkward_text_back_as_the_nquads_hold_it(awkward_dumps, name, fmt):
    nquads = {(q.subject, q.predicate, q.object) for q in pyoxigraph.parse(
        path=str(awkward_dumps / "ashraf-kg.nq"), format=pyoxigraph.RdfFormat.N_QUADS)}
    parsed = {(q.subject, q.predicate, q.object)
              for q in pyoxigraph.parse(path=str(awkward_dumps / name), format=fmt)}
    assert parsed == nquads and len(nquads) == 2 * len(AWKWARD)
