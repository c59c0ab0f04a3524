"""The reader's page as built: offline, escaped, repeatable, with its evidence and ways in."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from ashraf_kg.network import project_network
from ashraf_kg.visualise.layout import first_view_scale, label_box
from ashraf_kg.visualise.page import evidence_parts, page_data, write_network_page
from ashraf_kg.visualise.scene import estimate_width


def page_json(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="akg-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href", "action", "srcset") and value]


@pytest.fixture(scope="module")
def network(graph_dir):
    from ashraf_kg.export.dumps import read_dataset

    return project_network(read_dataset(graph_dir))


@pytest.fixture(scope="module")
def data(graph_dir):
    return page_json((graph_dir / "ashraf.html").read_text(encoding="utf-8"))


def test_same_dataset_gives_the_same_bytes(tiny_dataset, tmp_path):
    first = write_network_page(tiny_dataset, tmp_path / "a.html").read_bytes()
    second = write_network_page(tiny_dataset, tmp_path / "b.html").read_bytes()
    assert first == second


def test_page_has_no_outside_resources(tiny_dataset, tmp_path):
    html = write_network_page(tiny_dataset, tmp_path / "a.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    assert parser.urls == []
    assert "vis.Network" in html and "<link" not in html and "cdn" not in html.lower().split("vis-network")[0]


def test_the_committed_page_holds_every_node_and_link_of_the_graph(data, network):
    assert sorted(n["id"] for n in data["nodes"]) == sorted(network)
    statement_links = [e for e in data["edges"] if e["mode"] in ("both", "nodes")]
    assert len(statement_links) == network.number_of_edges()


def test_nodes_and_links_are_in_pyvis_form_with_positions(data):
    for node in data["nodes"]:
        assert {"id", "label", "shape", "x", "y", "size"} <= set(node)
    assert all({"id", "from", "to"} <= set(e) for e in data["edges"])
    assert len({(n["x"], n["y"]) for n in data["nodes"] if n["kind"] != "claim"}) == \
        len([n for n in data["nodes"] if n["kind"] != "claim"])


def test_nodes_and_links_are_laid_out_as_pyvis_lays_them_out(data):
    # The page makes pyvis's node and edge options without importing pyvis (and IPython
    # through it); pyvis's own Node and Edge must give the same options, keys in order.
    from pyvis.edge import Edge
    from pyvis.node import Node

    for node in data["nodes"]:
        options = {k: v for k, v in node.items() if k not in ("id", "label", "shape")}
        made = Node(node["id"], node["shape"], label=node["label"], **options).options
        assert list(made.items()) == list(node.items())
    for edge in data["edges"]:
        # An arrow after "to" is the one a directed pyvis network adds itself.
        added = list(edge)[-2:] == ["to", "arrows"]
        options = {k: v for k, v in edge.items() if k not in ("from", "to") and not (added and k == "arrows")}
        made = Edge(edge["from"], edge["to"], directed=True, **options).options
        assert list(made.items()) == list(edge.items())


def test_no_node_is_a_time_interval_or_is_labelled_by_a_document_id(data):
    documents = {d["id"] for d in data["documents"]}
    assert documents
    for node in data["nodes"]:
        assert "/time/" not in node["id"]
        assert node["label"] not in documents and node["short"] not in documents


def test_evidence_cuts_the_sentence_into_the_quote_and_the_words_around_it(data, network):
    by_statement = {(u, v, d["statement"], d["document"], d["relation"]): d for u, v, d in network.edges(data=True)}
    checked = 0
    for edge in (e for e in data["edges"] if e["mode"] == "both"):
        source = by_statement[(edge["from"], edge["to"], edge["statement"], edge["docs"][0], edge["relation"])]
        parts = data["evidence"][edge["evs"][0]]["parts"]
        text = "".join(p[0] for p in parts)
        if "…" not in text:
            assert text == source["sentence"]
        assert [p[0] for p in parts if p[1] == 1] == [source["quote"]]
        checked += 1
    assert checked > 50


def test_evidence_parts_keep_marks_apart_from_the_quote():
    data = {"sentence": "Troops attacked the camp in Diyala.", "sentence_start": 100, "quote": "attacked",
            "quote_start": 107, "quote_end": 115, "marks": ((120, 124), (128, 134))}
    assert evidence_parts(data) == [["Troops ", 0], ["attacked", 1], [" the ", 0], ["camp", 2], [" in ", 0],
                                    ["Diyala", 2], [".", 0]]


def test_starting_points_are_the_most_told_event_then_the_people_named_most(data, network):
    start = [s["id"] for s in data["start"]]
    kinds = [network.nodes[n]["kind"] for n in start]
    assert kinds[0] == "event" and set(kinds[1:]) == {"person"}
    events = [n for n, d in network.nodes(data=True) if d["kind"] == "event"]
    assert len(network.nodes[start[0]]["documents"]) == max(len(network.nodes[n]["documents"]) for n in events)
    mentions = [network.nodes[n]["mentions"] for n in start[1:]]
    assert mentions == sorted(mentions, reverse=True)
    people = [d["mentions"] for _, d in network.nodes(data=True) if d["kind"] == "person"]
    assert mentions[0] == max(people)


def test_labels_of_the_first_people_are_set_apart_in_the_first_view(network):
    data = page_data(network)
    nodes = {n["id"]: n for n in data["nodes"]}
    scale = first_view_scale(data["view"]["bounds"])
    persons = [n for n in data["order"] if nodes[n]["kind"] == "person"][:6]
    boxes = [label_box(nodes[n]["x"], nodes[n]["y"], nodes[n]["size"],
                       estimate_width(nodes[n]["short"], nodes[n]["fs"], nodes[n].get("bold", False)) + 4,
                       nodes[n]["fs"] + 6, scale) for n in persons]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])
