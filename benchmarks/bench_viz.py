"""How fast the reader's page is at 5,000 nodes: write it, open it in chromium, click.

    .venv/bin/python benchmarks/bench_viz.py [--nodes 5000] [--keep PATH]

Makes a synthetic dataset laid out as docs/model.md (people, organisations, places, events
with roles, claims with claimants), writes the page with write_network_page, opens it from
disk in Debian's chromium (headless, no network) and measures the time to first render and
to answer a click on a node. Prints a table with each figure against its goal.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset, Literal
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ashraf_kg import namespaces as ns
from ashraf_kg.namespaces import AKG, OA, SCHEMA, SEM
from ashraf_kg.visualise.page import write_network_page

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
GOALS = {"write page (s)": 60.0, "first render (s)": 8.0, "answer a click (s)": 2.0}
SENTENCE = "Sentence {i} tells that someone did something somewhere. "


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


def measure_in_browser(page_path: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS,
                                             headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        url = page_path.resolve().as_uri()
        page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("body[data-ready='1']", timeout=120_000)
        rendered = time.perf_counter() - start
        drawn = page.evaluate("akg.network.body.nodeIndices.length")
        target = page.evaluate("""() => { const ids = akg.network.body.nodeIndices;
            const id = ids[Math.floor(ids.length / 2)]; akg.network.focus(id, {scale: 1.5});
            const p = akg.network.canvasToDOM(akg.network.getPositions([id])[id]);
            const r = document.getElementById('network').getBoundingClientRect();
            return [id, r.left + p.x, r.top + p.y]; }""")
        page.wait_for_timeout(200)
        start = time.perf_counter()
        page.mouse.click(target[1], target[2])
        page.wait_for_function("document.getElementById('panel').dataset.showing === 'node'", timeout=60_000)
        clicked = time.perf_counter() - start
        browser.close()
    return {"first render (s)": rendered, "answer a click (s)": clicked, "nodes drawn": drawn}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="also keep the page at this path")
    args = parser.parse_args(argv)
    dataset = make_dataset(args.nodes)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.html"
        start = time.perf_counter()
        write_network_page(dataset, path)
        results = {"write page (s)": time.perf_counter() - start}
        results.update(measure_in_browser(path))
        size = path.stat().st_size
    print(f"Network page at {args.nodes} nodes ({size / 1e6:.1f} MB)")
    print(f"{'measure':<22} {'value':>9} {'goal':>7} {'ratio':>7}")
    ok = True
    for name, value in results.items():
        goal = GOALS.get(name)
        if goal is None:
            print(f"{name:<22} {value:>9}")
            continue
        ok &= value <= goal
        print(f"{name:<22} {value:>9.2f} {goal:>7.1f} {value / goal:>7.2f}")
    return 0 if ok and results["nodes drawn"] == args.nodes else 1


if __name__ == "__main__":
    sys.exit(main())
