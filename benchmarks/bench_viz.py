"""How fast the reader's page is: the corpus page, and a page of 5,000 nodes.

    python benchmarks/bench_viz.py [--nodes 5000] [--runs 3] [--graph-dir graph] [--keep PATH]

Four figures, each the median of ``--runs`` runs, against its goal:

- the corpus page (``graph/ashraf.html``) opened from disk in Debian's chromium (headless, no
  network): the time from the start of navigation to its first drawing, which is its
  settled view (positions come with the page; nothing moves after);
- a synthetic dataset of 5,000 nodes laid out as docs/model.md (people, organisations,
  places, events with roles and dates, claims with claimants and stances): the time
  ``write_network_page`` takes from the dataset to the written file;
- that page opened the same way: the time to its first drawing;
- a click on a node of it (zoomed in four times, where nodes can be told apart): the time
  from the pointer going down to the first drawing after the side panel shows the node
  (measured inside the page).

Prints a table, with the load average of the machine, and exits 1 if a goal is missed. Beside
the first three figures it prints the processor time that is their own (of the Python
process writing the page; of chromium's main thread until the first drawing, its
ThreadTime), which other programs on a shared machine do not inflate.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset, Literal
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ashraf_kg import namespaces as ns
from ashraf_kg.namespaces import AKG, OA, SCHEMA, SEM
from ashraf_kg.visualise.page import write_network_page

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
GOALS = {"corpus page: first settled view (s)": 1.0, "5,000 nodes: page written (s)": 3.0,
         "5,000 nodes: first drawing (s)": 2.0, "5,000 nodes: click answered (s)": 0.2}
SENTENCE = "Sentence {i} tells that someone did something somewhere. "
_ZOOM = "() => { network.moveTo({scale: network.getScale() * 4}); }"
_CLICK = """() => {
    // A node no other node or link covers, zoomed in four times, and a watch on the next drawing.
    const r = document.getElementById('network').getBoundingClientRect();
    const ids = network.body.nodeIndices.filter(id => akg.byId[id].kind !== 'claim');
    for (let k = 0; k < ids.length; k++) {
        const id = ids[(k * 7919) % ids.length], c = network.canvasToDOM(network.getPositions([id])[id]);
        const p = {x: Math.round(c.x), y: Math.round(c.y)};
        if (p.x < 20 || p.y < 20 || p.x > r.width - 20 || p.y > r.height - 20) continue;
        const around = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].map(d => ({x: p.x + d[0], y: p.y + d[1]}));
        if (!around.every(q => network.getNodeAt(q) === id)) continue;
        window.bench = {};
        document.addEventListener('pointerdown', () => { window.bench.down = performance.now(); }, true);
        network.on('afterDrawing', () => {
            const panel = document.getElementById('panel');
            if (window.bench.down && !window.bench.drawn && panel.dataset.showing === 'node'
                && panel.querySelector('h2').textContent === akg.byId[id].label) {
                window.bench.drawn = performance.now();
            }
        });
        return [id, r.left + p.x, r.top + p.y];
    }
    return null; }"""


def make_dataset(n_nodes: int, *, seed: int = 1) -> Dataset:
    """Entities (60 %), events (30 %) and claims (10 %), each event with two or three roles."""
    rnd = random.Random(seed)
    n_entities, n_events = n_nodes * 6 // 10, n_nodes * 3 // 10
    n_claims = n_nodes - n_entities - n_events
    text = "".join(SENTENCE.format(i=i) for i in range(n_events + n_claims))
    ds = Dataset()
    reg, doc = ds.graph(ns.graph_iri("registry")), ds.graph(ns.graph_iri("bench"))
    kinds = [("person", AKG.Person), ("organization", AKG.Organization), ("place", AKG.Place)]
    entities = []
    for i in range(n_entities):
        kind, cls = kinds[i % 3]
        iri = ns.entity_iri(f"{kind}/e{i}")
        reg.add((iri, RDF.type, cls))
        reg.add((iri, RDFS.label, Literal(f"{kind.title()} {i}", lang="en")))
        entities.append(iri)
    document = ns.document_iri("bench")
    doc.add((document, SCHEMA.text, Literal(text)))
    doc.add((document, SCHEMA.headline, Literal("Synthetic benchmark document")))
    offset = 0
    events = []
    for i in range(n_events + n_claims):
        sentence = SENTENCE.format(i=i)
        annotation = _annotate(doc, document, offset, sentence.strip())
        offset += len(sentence)
        if i < n_events:
            event = ns.event_iri(f"ev{i}")
            doc.add((event, RDF.type, AKG.Attack))
            doc.add((event, RDFS.label, Literal(f"Event {i}", lang="en")))
            doc.add((event, AKG.alleged, Literal(i % 4 == 0)))
            doc.add((event, PROV.wasDerivedFrom, annotation))
            doc.add((event, SEM.hasBeginTimeStamp, Literal(f"2013-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                                           datatype=XSD.date)))
            for role in rnd.sample([AKG.agent, AKG.target, AKG.victim, SEM.hasPlace], rnd.choice((2, 3))):
                doc.add((event, role, rnd.choice(entities)))
            events.append(event)
        else:
            claim = ns.claim_iri(f"c{i}")
            doc.add((claim, RDF.type, AKG.Claim))
            doc.add((claim, AKG.claimant, rnd.choice(entities)))
            doc.add((claim, AKG.stance, ns.stance_iri(rnd.choice(("accuses", "denies", "asserts")))))
            doc.add((claim, AKG.proposition, rnd.choice(events)))
            doc.add((claim, SCHEMA.about, rnd.choice(entities)))
            doc.add((claim, PROV.wasDerivedFrom, annotation))
    return ds


def _annotate(doc, document, start: int, exact: str):
    end = start + len(exact)
    a, t = ns.annotation_iri("bench", start, end), ns.target_iri("bench", start, end)
    q, p = ns.quote_selector_iri("bench", start, end), ns.position_selector_iri("bench", start, end)
    for triple in ((a, RDF.type, OA.Annotation), (a, OA.hasTarget, t), (t, OA.hasSource, document),
                   (t, OA.hasSelector, q), (t, OA.hasSelector, p), (q, RDF.type, OA.TextQuoteSelector),
                   (q, OA.exact, Literal(exact)), (p, RDF.type, OA.TextPositionSelector),
                   (p, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)),
                   (p, OA.end, Literal(end, datatype=XSD.nonNegativeInteger))):
        doc.add(triple)
    return a


def busy(cdp) -> float:
    """Processor seconds the page's main thread has used so far (chromium's ThreadTime): on a
    machine other programs keep busy, the part of a wait that is the page's own work."""
    return next(m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] == "ThreadTime")


def open_page(browser, path: Path):
    """The page opened from disk (any other request refused): the page, its CDP session,
    seconds to its first drawing and the main thread's busy time until then."""
    page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    url = path.resolve().as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    return page, cdp, page.evaluate("akg.timings.ready") / 1000, busy(cdp)


def click_a_node(page) -> float:
    """Seconds from the pointer going down on a node to the first drawing that shows it."""
    page.evaluate(_ZOOM)
    page.wait_for_timeout(300)
    target = page.evaluate(_CLICK)
    page.mouse.click(target[1], target[2])
    page.wait_for_function("window.bench.drawn !== undefined", timeout=60_000)
    return page.evaluate("(window.bench.drawn - window.bench.down) / 1000")


def measure(graph_dir: Path, n_nodes: int, runs: int, keep: Path | None) -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    dataset = make_dataset(n_nodes)
    results: dict[str, list[float]] = {name: [] for name in GOALS}
    own: dict[str, list[float]] = {name: [] for name in GOALS}  # processor time: Python's, the page's
    facts = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        path = keep or Path(tmp) / "bench.html"
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True)
        for _ in range(runs):
            page, _, seconds, work = open_page(browser, graph_dir / "ashraf.html")
            results["corpus page: first settled view (s)"].append(seconds)
            own["corpus page: first settled view (s)"].append(work)
            facts["corpus nodes drawn"] = page.evaluate("network.body.nodeIndices.length")
            page.close()
            start, cpu = time.perf_counter(), time.process_time()
            write_network_page(dataset, path)
            results["5,000 nodes: page written (s)"].append(time.perf_counter() - start)
            own["5,000 nodes: page written (s)"].append(time.process_time() - cpu)
            page, _, seconds, work = open_page(browser, path)
            results["5,000 nodes: first drawing (s)"].append(seconds)
            own["5,000 nodes: first drawing (s)"].append(work)
            facts["nodes drawn"] = page.evaluate("network.body.nodeIndices.length")
            results["5,000 nodes: click answered (s)"].append(click_a_node(page))
            page.close()
        facts["page size (MB)"] = round(path.stat().st_size / 1e6, 1)
        browser.close()
    return ({name: statistics.median(values) for name, values in results.items()},
            {name: statistics.median(values) for name, values in own.items() if values}, facts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--graph-dir", type=Path, default=ROOT / "graph")
    parser.add_argument("--keep", type=Path, help="also keep the 5,000-node page at this path")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    medians, own, facts = measure(args.graph_dir, args.nodes, args.runs, args.keep)
    print(f"Network page, median of {args.runs} runs (load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"{'measure':<40} {'value':>8} {'goal':>6} {'ratio':>6} {'own work':>9}")
    for name, value in medians.items():
        work = f"{own[name]:>9.3f}" if name in own else f"{'':>9}"
        print(f"{name:<40} {value:>8.3f} {GOALS[name]:>6.1f} {value / GOALS[name]:>6.2f} {work}")
    print("(own work: processor time of the Python process writing the page, of the page's main\n"
          " thread until its first drawing: what other programs on the machine do not add)")
    for name, value in facts.items():
        print(f"{name:<40} {value:>8}")
    met = all(value <= GOALS[name] for name, value in medians.items()) and facts["nodes drawn"] > 0
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
