"""The reader's page in Debian's chromium, offline: what a reader sees first, and every way in."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDFS, SKOS

from ashraf_kg.namespaces import SCHEMA, entity_iri, graph_iri
from ashraf_kg.visualise.page import write_network_page

# One worker drives the browser, so chromium starts once per module.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# The six people the seed article names (corpus/registry.yaml).
SEED_PEOPLE = ("person/nouri-al-maliki", "person/qassem-suleimani", "person/abdul-reza-shahlai",
               "person/martin-kobler", "person/tahar-boumedra", "person/maryam-rajavi")
EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "</script><script>alert(2)</script><!--"


@pytest.fixture(scope="module")
def page_file(graph_dir):
    return graph_dir / "ashraf.html"


@pytest.fixture(scope="module")
def data(page_file):
    html = page_file.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="akg-data">(.*?)</script>', html, re.S).group(1))


@pytest.fixture(scope="module")
def first(visit, page_file):
    return visit(page_file)


def _overlap(a, b) -> bool:
    return (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
            and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])


def _ink(visit, box) -> tuple[int, int]:
    """Pixels of the network's canvas that the label changes, and the height they span."""
    return tuple(visit.js("""(box) => {
        const canvas = document.querySelector('#network canvas'), ratio = network.canvas.pixelRatio;
        const grab = () => canvas.getContext('2d').getImageData(Math.round(box.x * ratio), Math.round(box.y * ratio),
            Math.round(box.w * ratio), Math.round(box.h * ratio));
        akg.showLabels = true; network.redraw(); const on = grab();
        akg.showLabels = false; network.redraw(); const off = grab();
        akg.showLabels = true; network.redraw();
        let changed = 0, top = Infinity, bottom = -1;
        for (let i = 0; i < on.data.length; i += 4) {
            if (Math.abs(on.data[i] - off.data[i]) + Math.abs(on.data[i + 1] - off.data[i + 1]) > 60) {
                const row = Math.floor(i / 4 / on.width);
                changed++; top = Math.min(top, row); bottom = Math.max(bottom, row);
            }
        }
        return [changed, bottom < 0 ? 0 : Math.round((bottom - top + 1) / ratio)];
    }""", box))


# --- the first view -------------------------------------------------------------------------

def test_the_page_opens_offline_without_errors_and_exposes_its_network(first):
    assert (first.errors, first.requests, first.dialogs) == ([], [], [])
    assert first.js("window.network instanceof vis.Network && window.network === akg.network")
    assert first.js("network.physics.options.enabled") is False


@pytest.mark.parametrize("size", [(1280, 800), (1400, 900)])
def test_the_seed_people_are_named_legibly_at_first_sight_and_no_labels_overlap(visit, page_file, size):
    page = visit(page_file, size=size)
    labels = page.js("akg.labels")
    named = {label["id"]: label for label in labels if label["kind"] == "node"}
    area = page.js("[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]")
    missing = [person for person in SEED_PEOPLE if person not in named]
    assert not missing, f"not labelled at the first view: {missing}"
    for person in SEED_PEOPLE:
        label = named[person]
        assert label["px"] >= 11 and label["text"] == page.js(f"akg.byId[{person!r}].label")
        changed, height = _ink(page, label)
        assert changed > 40 and height >= 8, (person, changed, height)  # painted, and tall enough to read
    for i, a in enumerate(labels):
        assert 0 <= a["x"] and a["x"] + a["w"] <= area[0] and 0 <= a["y"] and a["y"] + a["h"] <= area[1]
        for b in labels[i + 1:]:
            assert not _overlap(a, b), (a["text"], b["text"])


@pytest.mark.parametrize("size", [(1280, 800), (1400, 900)])
def test_the_principal_actors_are_named_legibly_at_first_sight_and_no_labels_overlap(visit, page_file, size):
    page = visit(page_file, size=size)
    labels = page.js("akg.labels")
    named = {label["id"] for label in labels if label["kind"] == "node"}
    ranked = [n for n in page.js("akg.data.order") if n.split("/")[0] in ("person", "organization")]
    assert set(ranked[:12]) <= named and {"person/nouri-al-maliki", "person/qassem-suleimani"} <= named
    area = page.js("[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]")
    for i, a in enumerate(labels):
        assert a["px"] >= 11 or a["kind"] != "node"
        assert 0 <= a["x"] and a["x"] + a["w"] <= area[0] and 0 <= a["y"] and a["y"] + a["h"] <= area[1]
        for b in labels[i + 1:]:
            assert not _overlap(a, b), (a["text"], b["text"])


def test_the_first_view_is_settled_and_shows_the_whole_network(first, data):
    assert first.js("network.body.nodeIndices.length") == len([n for n in data["nodes"] if n["kind"] != "claim"])
    before = first.js("JSON.stringify(network.getPositions())")
    first.page.wait_for_timeout(400)
    assert first.js("JSON.stringify(network.getPositions())") == before
    inside = first.js("""() => { const r = document.getElementById('network').getBoundingClientRect();
        return network.body.nodeIndices.every(id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
            return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }); }""")
    assert inside


def test_no_node_is_labelled_with_a_document_id(first, data):
    documents = {d["id"] for d in data["documents"]}
    drawn = first.js("network.body.nodeIndices.map(id => akg.byId[id])")
    assert drawn and not [n for n in drawn if n["label"] in documents or "/time/" in n["id"]]
    assert not {label["text"] for label in first.js("akg.labels")} & documents


# --- ways in ------------------------------------------------------------------------------

def test_a_fragment_opens_the_page_on_its_node_and_back_returns(visit, page_file, data):
    page = visit(page_file, fragment="#person/qassem-suleimani")
    assert page.js("network.getSelectedNodes()") == ["person/qassem-suleimani"]
    assert page.page.inner_text("#panel h2") == "Qassem Suleimani"
    near = page.js("Array.from(akg.state.near)")
    assert "organization/qods-force" in near
    centre = page.js("""() => { const r = document.getElementById('network').getBoundingClientRect();
        const p = network.canvasToDOM(network.getPositions(['person/qassem-suleimani'])['person/qassem-suleimani']);
        return [p.x / r.width, p.y / r.height]; }""")
    assert 0.1 < centre[0] < 0.9 and 0.1 < centre[1] < 0.9
    assert {label["id"] for label in page.js("akg.labels")} >= {"person/qassem-suleimani", "organization/qods-force"}
    page.page.fill("#search", "Qods Force")
    page.page.press("#search", "Enter")
    assert page.page.url.endswith("#organization/qods-force")
    assert page.page.inner_text("#panel h2") == "Qods Force"
    page.page.click("#back")
    page.page.wait_for_function("location.hash === '#person/qassem-suleimani'")
    assert page.page.inner_text("#panel h2") == "Qassem Suleimani"
    assert page.js("network.getSelectedNodes()") == ["person/qassem-suleimani"]


def test_a_starting_point_focuses_its_neighbourhood_in_one_click(visit, page_file, data):
    page = visit(page_file)
    first = data["start"][0]["id"]
    page.page.click(f"#start a[href='#{first}']")
    assert page.js("akg.state.focus") == first
    neighbours = {e["to"] if e["from"] == first else e["from"] for e in data["edges"]
                  if first in (e["from"], e["to"]) and e["mode"] != "nodes"}
    assert page.js("Array.from(akg.state.near)") and neighbours <= set(page.js("Array.from(akg.state.near)"))
    page.page.go_back()
    page.page.wait_for_function("akg.state.focus === null")
    assert page.js("document.getElementById('panel').dataset.showing") == "intro"


# --- filters and the claims-as-nodes switch ------------------------------------------------

def _expected(data, *, kinds=None, doc="", since="", until="", claimed=True, claim_nodes=False):
    """What the filters say they show, worked out from the page's data."""
    kinds = kinds or {n["kind"] for n in data["nodes"]} - {"claim"}

    def node_shown(n):
        if n["kind"] == "claim":
            if not (claim_nodes and claimed):
                return False
        elif n["kind"] not in kinds:
            return False
        if doc and doc not in n["docs"]:
            return False
        day = n.get("begin", "")[:10]
        if n["kind"] != "event" or not (since or until):
            return True
        return bool(day) and (since or day) <= day <= (until or day)
    nodes = {n["id"] for n in data["nodes"] if node_shown(n)}
    edges = {e["id"] for e in data["edges"]
             if e["mode"] != ("links" if claim_nodes else "nodes") and (claimed or e["status"] == "fact")
             and (not doc or doc in e["docs"]) and e["from"] in nodes and e["to"] in nodes}
    return nodes, edges


def _drawn(page):
    return set(page.js("network.body.nodeIndices")), set(page.js("network.body.edgeIndices"))


def test_every_filter_and_the_claims_switch_change_what_is_drawn_as_they_say(visit, page_file, data):
    page = visit(page_file)
    p = page.page
    assert _drawn(page) == _expected(data)
    p.click("#filters summary")
    all_kinds = {n["kind"] for n in data["nodes"]} - {"claim"}
    for kind in sorted(all_kinds):
        p.uncheck(f"#kind-filter input[data-kind='{kind}']")
        assert _drawn(page) == _expected(data, kinds=all_kinds - {kind}), kind
        p.check(f"#kind-filter input[data-kind='{kind}']")
    for document in data["documents"]:
        p.select_option("#doc-filter", document["id"])
        assert _drawn(page) == _expected(data, doc=document["id"])
    p.select_option("#doc-filter", "")
    p.fill("#date-from", "2013-09-01")
    p.fill("#date-to", "2013-09-30")
    drawn = _drawn(page)
    assert drawn == _expected(data, since="2013-09-01", until="2013-09-30")
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {nodes[n]["begin"].startswith("2013-09") for n in drawn[0] if nodes[n]["kind"] == "event"} == {True}
    p.click("#reset")
    assert _drawn(page) == _expected(data)
    p.uncheck("#show-claims")
    assert _drawn(page) == _expected(data, claimed=False)
    edges = {e["id"]: e for e in data["edges"]}
    assert {edges[e]["status"] for e in _drawn(page)[1]} == {"fact"}
    p.check("#show-claims")
    p.click("#filters summary")
    p.check("#claims-as-nodes")
    nodes, edges = _drawn(page)
    assert (nodes, edges) == _expected(data, claim_nodes=True)
    assert {n["id"] for n in data["nodes"] if n["kind"] == "claim"} <= nodes
    assert not [e for e in edges if data["edges"][int(e[1:])]["mode"] == "links"]
    p.uncheck("#claims-as-nodes")
    assert _drawn(page) == _expected(data)


# --- the panel: evidence for every link, labels not ids, keyboard --------------------------

_PANEL = """() => { const panel = document.getElementById('panel');
    return [panel.dataset.edge, panel.innerText,
            Array.from(panel.querySelectorAll('mark')).map(m => m.textContent)]; }"""


def _evidence_shown(data, edge, shown):
    """The panel shows each sentence behind the link, its supporting words marked."""
    showing, text, marks = shown
    assert showing == edge["id"]
    text = " ".join(text.split())
    for index in edge["evs"]:
        parts = data["evidence"][index]["parts"]
        assert " ".join("".join(p[0] for p in parts).split()) in text
        assert [p[0] for p in parts if p[1]] and all(p[0] in marks for p in parts if p[1])


def test_a_click_on_any_link_shows_its_sentence_with_the_supporting_words_marked(visit, page_file, data):
    page = visit(page_file)
    edges = {e["id"]: e for e in data["edges"]}
    for claim_nodes in (False, True):
        page.js(f"document.getElementById('claims-as-nodes').checked = {str(claim_nodes).lower()};"
                "document.getElementById('claims-as-nodes').dispatchEvent(new Event('change'))")
        # Where a link can be clicked at the first view: a point on it that no node or other link covers.
        points = page.js("""() => {
            const r = document.getElementById('network').getBoundingClientRect(), found = [];
            network.body.edgeIndices.forEach(id => {
                const e = network.body.edges[id];
                for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                    const c = network.canvasToDOM(e.edgeType.getPoint(t)), p = {x: Math.round(c.x), y: Math.round(c.y)};
                    if (p.x < 2 || p.y < 2 || p.x > r.width - 2 || p.y > r.height - 2) continue;
                    const around = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]]
                        .map(d => ({x: p.x + d[0], y: p.y + d[1]}));
                    if (around.every(q => network.getNodeAt(q) === undefined && network.getEdgeAt(q) === id)) {
                        found.push([id, r.left + p.x, r.top + p.y]); break;
                    }
                }
            });
            return found; }""")
        assert len(points) > 20
        for edge_id, x, y in points[::max(1, len(points) // 80)]:  # about 80 real clicks a view
            page.page.mouse.click(x, y)
            _evidence_shown(data, edges[edge_id], page.js(_PANEL))
        # Links that others cover everywhere: through the handler a click calls.
        shown = page.js("""(panel) => network.body.edgeIndices.map(id => {
            network.emit('click', {nodes: [], edges: [id], event: null, pointer: null});
            return [id, eval('(' + panel + ')')()]; })""", _PANEL)
        assert len(shown) == len(page.js("network.body.edgeIndices"))
        for edge_id, panel in shown:
            _evidence_shown(data, edges[edge_id], panel)


def test_the_panel_names_things_by_label_and_lists_one_claim_per_line(visit, page_file, data):
    page = visit(page_file)
    nodes = {n["id"]: n for n in data["nodes"]}
    contested = [e for e in data["edges"] if e["mode"] == "both" and len(e["claims"]) > 2]
    assert contested
    for edge in contested[:5]:
        page.js("(id) => akg.showEdge(id)", edge["id"])
        text = page.page.inner_text("#panel")
        statement = edge.get("statement_label") or nodes[edge["statement"]]["label"]
        assert statement in text and edge["statement"] not in text
        assert edge["from"] not in text and edge["to"] not in text
        items = page.page.locator("#panel ol.claims > li").all_inner_texts()
        assert len(items) == len(edge["claims"])
        for item, (claim, claimant) in zip(items, edge["claims"], strict=True):
            assert item.startswith(f"{nodes[claimant]['label']} {nodes[claim]['stance']}: {nodes[claim]['label']}")
    page.js("(id) => akg.showNode(id)", "organization/iraqi-army")
    assert page.page.inner_text("#panel .badge") == "Organisation"


def test_search_and_panel_work_from_the_keyboard(visit, page_file):
    page = visit(page_file)
    p = page.page
    p.focus("#search")
    p.keyboard.type("sulei")
    assert p.get_attribute("#search", "aria-expanded") == "true"
    options = p.locator("#search-results [role=option]").all_inner_texts()
    assert any(o.startswith("Qassem Suleimani") for o in options)
    target = next(i for i, o in enumerate(options) if o.startswith("Qassem Suleimani"))
    for _ in range(target):
        p.keyboard.press("ArrowDown")
    assert p.get_attribute("#search", "aria-activedescendant") == f"match-{target}"
    p.keyboard.press("Enter")
    assert p.inner_text("#panel h2") == "Qassem Suleimani"
    assert p.evaluate("document.activeElement === document.querySelector('#panel h2')")
    p.keyboard.press("Tab")
    assert p.evaluate("document.getElementById('panel').contains(document.activeElement)")
    while p.evaluate("!document.activeElement.dataset.edge"):
        p.keyboard.press("Tab")
    edge = p.evaluate("document.activeElement.dataset.edge")
    p.keyboard.press("Enter")
    assert p.evaluate("document.getElementById('panel').dataset.edge") == edge
    p.keyboard.press("Tab")
    p.keyboard.press("Tab")
    name = p.evaluate("document.activeElement.getAttribute('href')")
    assert name and name.startswith("#")
    p.keyboard.press("Enter")
    p.wait_for_function("(name) => location.hash === name", arg=name)
    assert p.inner_text("#panel h2") == p.evaluate(f"akg.byId[{name[1:]!r}].label")


def test_the_panel_reads_well_at_1280_by_800(visit, page_file):
    page = visit(page_file, fragment="#event/camp-ashraf-assault-2013", size=(1280, 800))
    box = page.js("""() => { const p = document.getElementById('panel'), s = getComputedStyle(p);
        return [p.clientWidth, p.scrollWidth, parseFloat(s.fontSize),
                parseFloat(getComputedStyle(document.querySelector('#panel h2')).fontSize)]; }""")
    assert box[0] >= 360 and box[1] <= box[0] and box[2] >= 13 and box[3] >= 16
    edge = page.js("akg.edgesOf['event/camp-ashraf-assault-2013'].find(e => e.mode === 'both').id")
    page.js("(id) => akg.showEdge(id)", edge)
    quote = page.js("""() => { const q = document.querySelector('#panel blockquote');
        return [parseFloat(getComputedStyle(q).fontSize), q.scrollWidth <= q.clientWidth]; }""")
    assert quote[0] >= 14 and quote[1]


def test_the_timeline_shows_every_dated_event_whole_and_lists_the_undated(first, data):
    first.page.wait_for_selector("#timeline-strip[data-ready='1']")
    events = [n for n in data["nodes"] if n["kind"] == "event"]
    shown = first.js("""Array.from(document.querySelectorAll('#timeline-strip button.ev')).map(b =>
        [b.dataset.node, b.firstChild.textContent, b.closest('section').querySelector('h3').textContent,
         b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight + 1])""")
    assert sorted(s[0] for s in shown) == sorted(n["id"] for n in events)
    by_id = {n["id"]: n for n in events}
    for node, text, heading, whole in shown:
        assert text == by_id[node]["label"] and whole
        day = by_id[node].get("begin", "")[:10]
        assert heading.startswith(day) if day else heading.startswith("Undated")


def test_hostile_labels_show_as_text_and_run_nothing(visit, data_dir, tmp_path_factory):
    dataset = Dataset()
    dataset.parse(data_dir / "network" / "tiny.trig", format="trig")
    registry = dataset.graph(graph_iri("registry"))
    maliki, suleimani = entity_iri("person/nouri-al-maliki"), entity_iri("person/qassem-suleimani")
    for node, label in ((maliki, EVIL_IMG), (suleimani, EVIL_SCRIPT)):
        for prop in (RDFS.label, SKOS.prefLabel):
            registry.remove((node, prop, None))
            registry.add((node, prop, Literal(label, lang="en")))
    registry.add((maliki, SCHEMA.description, Literal("<b onmouseover=alert(3)>bold</b> & <!-- x")))
    page = visit(write_network_page(dataset, tmp_path_factory.mktemp("evil") / "evil.html"))
    p = page.page
    p.fill("#search", "onerror")
    assert p.inner_text("#search-results li span") == EVIL_IMG
    p.press("#search", "Enter")
    assert p.inner_text("#panel h2") == EVIL_IMG
    assert "<b onmouseover=alert(3)>bold</b>" in p.inner_text("#panel")
    page.js("akg.pick('person/qassem-suleimani')")
    assert p.inner_text("#panel h2") == EVIL_SCRIPT
    p.hover("#panel")
    p.wait_for_timeout(200)
    assert p.evaluate("document.querySelectorAll('img, b, [onerror], [onmouseover]').length") == 0
    assert (page.dialogs, page.errors, page.requests) == ([], [], [])
