"""The reader's page: built offline, escaped, repeatable; and driven in a real chromium."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDFS, SKOS

from ashraf_kg.namespaces import SCHEMA, entity_iri, graph_iri
from ashraf_kg.network import project_network
from ashraf_kg.visualise.page import write_network_page

# One worker drives the browser, so chromium starts once per module.
pytestmark = pytest.mark.xdist_group("browser")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "</script><script>alert(2)</script><!--"


@pytest.fixture(scope="module")
def evil_page(data_dir, tmp_path_factory):
    """The tiny dataset with hostile labels, descriptions and aliases."""
    dataset = Dataset()
    dataset.parse(data_dir / "network" / "tiny.trig", format="trig")
    registry = dataset.graph(graph_iri("registry"))
    maliki, suleimani = entity_iri("person/nouri-al-maliki"), entity_iri("person/qassem-suleimani")
    for node, label in ((maliki, EVIL_IMG), (suleimani, EVIL_SCRIPT)):
        for prop in (RDFS.label, SKOS.prefLabel):
            registry.remove((node, prop, None))
            registry.add((node, prop, Literal(label, lang="en")))
    registry.add((maliki, SCHEMA.description, Literal("<b onmouseover=alert(3)>bold</b> & <!-- x")))
    return write_network_page(dataset, tmp_path_factory.mktemp("evil") / "evil.html")


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="akg-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in ("src", "href", "action", "srcset") and value]


# --- without a browser ------------------------------------------------------------------

def test_same_dataset_gives_the_same_bytes(tiny_dataset, tmp_path):
    first = write_network_page(tiny_dataset, tmp_path / "a.html").read_bytes()
    second = write_network_page(tiny_dataset, tmp_path / "b.html").read_bytes()
    assert first == second


def test_page_has_no_outside_resources(tiny_dataset, tmp_path):
    html = write_network_page(tiny_dataset, tmp_path / "a.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    assert parser.urls == []
    assert "vis.Network" in html and "<link" not in html


def test_hostile_text_cannot_leave_the_json_island(evil_page):
    html = evil_page.read_text(encoding="utf-8")
    island = re.search(r'id="akg-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in island and ">" not in island
    labels = {n["label"] for n in page_data(html)["nodes"]}
    assert {EVIL_IMG, EVIL_SCRIPT} <= labels


def test_large_graphs_get_fixed_positions_and_no_physics(tiny_dataset, tmp_path):
    data = page_data(write_network_page(tiny_dataset, tmp_path / "a.html", threshold=5)
                     .read_text(encoding="utf-8"))
    assert data["large"] and data["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])


# --- in chromium --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Visit:
    """A page opened from disk, recording console errors, dialogs and every request."""

    def __init__(self, browser, path):
        self.errors, self.dialogs, self.requests = [], [], []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        if url != self.url:
            self.requests.append(url)
            route.abort()
        else:
            route.continue_()


@pytest.fixture(scope="module")
def committed(browser, graph_dir):
    visit = Visit(browser, graph_dir / "ashraf.html")
    visit.page.wait_for_timeout(1500)  # let the layout settle
    yield visit
    visit.page.close()


@pytest.fixture(scope="module")
def network(graph_dir):
    from ashraf_kg.export.dumps import read_dataset

    return project_network(read_dataset(graph_dir))


@pytest.mark.browser
def test_committed_page_opens_offline_without_errors(committed):
    assert committed.errors == []
    assert committed.requests == []


@pytest.mark.browser
def test_every_node_of_the_dataset_is_drawn(committed, network):
    counts = committed.page.evaluate(
        "[akg.nodes.length, akg.nodeView.length, akg.network.body.nodeIndices.length, akg.edges.length]")
    assert counts == [network.number_of_nodes()] * 3 + [network.number_of_edges()]


@pytest.mark.browser
def test_search_finds_suleimani(committed):
    page = committed.page
    page.fill("#search", "Suleimani")
    options = page.locator("#search-results li").all_inner_texts()
    assert any("Qassem Suleimani" in o for o in options)
    page.press("#search", "Enter")
    assert page.inner_text("#panel h2") == "Qassem Suleimani"
    assert page.evaluate("akg.network.getSelectedNodes()") == ["person/qassem-suleimani"]


def _order_link(network):
    """The alleged order linking Suleimani and Maliki: an event joined to both."""
    for event in sorted(network.predecessors("person/qassem-suleimani")):
        if network.nodes[event]["kind"] == "event" and network.has_edge(event, "person/nouri-al-maliki"):
            data = next(iter(network.get_edge_data(event, "person/nouri-al-maliki").values()))
            if data["claimed"]:
                return event, data
    raise AssertionError("no claimed event links Suleimani and Maliki")


@pytest.mark.browser
def test_clicking_the_suleimani_maliki_link_shows_its_claim_and_sentence(committed, network, artifacts_dir):
    event, data = _order_link(network)
    page = committed.page
    page.fill("#search", "")
    point = page.evaluate("""([from, to]) => {
        const e = akg.edges.get({filter: x => x.from === from && x.to === to})[0];
        akg.network.fit({nodes: [from, to], animation: false});
        const p = akg.network.getPositions([from, to]);
        const a = akg.network.canvasToDOM(p[from]), b = akg.network.canvasToDOM(p[to]);
        const r = document.getElementById('network').getBoundingClientRect();
        // The first point along the link that no node or other link covers.
        for (let t = 0.5; t > 0.05; t -= 0.05) {
            for (const f of [t, 1 - t]) {
                const q = {x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f};
                if (akg.network.getNodeAt(q) === undefined && akg.network.getEdgeAt(q) === e.id) {
                    return [r.left + q.x, r.top + q.y];
                }
            }
        }
        return null;
    }""", [event, "person/nouri-al-maliki"])
    assert point is not None, "the link is covered everywhere by nodes or other links"
    page.mouse.click(*point)
    panel = page.locator("#panel")
    assert panel.get_attribute("data-showing") == "edge"
    text = panel.inner_text()
    assert "Claim" in text and data["claimant"][0] in text
    assert " ".join(data["sentence"].split()) in " ".join(text.split())
    assert page.inner_text("#panel mark") == data["quote"]
    page.screenshot(path=str(artifacts_dir / "network-claim.png"))
    assert (artifacts_dir / "network-claim.png").stat().st_size > 10_000


@pytest.mark.browser
def test_hostile_labels_show_as_text_and_run_nothing(browser, evil_page, artifacts_dir):
    visit = Visit(browser, evil_page)
    page = visit.page
    page.fill("#search", "onerror")
    assert page.inner_text("#search-results li span") == EVIL_IMG
    page.press("#search", "Enter")
    assert page.inner_text("#panel h2") == EVIL_IMG
    assert "<b onmouseover=alert(3)>bold</b>" in page.inner_text("#panel")
    page.evaluate("akg.pick('person/qassem-suleimani')")
    assert page.inner_text("#panel h2") == EVIL_SCRIPT
    page.hover("#panel")
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('img, b, [onerror], [onmouseover]').length") == 0
    page.screenshot(path=str(artifacts_dir / "network-hostile-labels.png"))
    assert (visit.dialogs, visit.errors, visit.requests) == ([], [], [])
    page.close()
