"""The network as one self-contained HTML page for readers (pyvis + vis-network, inlined).

The page needs no network: vis-network's script and style come from the installed pyvis
package and are written into the page. Every text from a document or the registry travels
as JSON inside ``<script type="application/json">`` (``<``, ``>``, ``&`` and ``'`` escaped)
and is put on screen with ``textContent`` only, so a label such as
``<img src=x onerror=alert(1)>`` shows as text and runs nothing. The same dataset always
gives the same bytes: everything is sorted, ids are derived from the data, and large
graphs get positions from a seeded networkx layout.

>>> write_network_page(read_dataset("graph"), "graph/ashraf.html")  # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import NetworkError, check_at_least
from ..fileio import write_text_atomic
from ..network.analysis import simple_graph
from ..network.projection import project_network
from ..vocab import NODE_KINDS
from . import DEFAULT_THRESHOLD

TEMPLATES = Path(__file__).resolve().parent / "templates"
LAYOUT_SEED = 7
# (colour, vis-network shape) per node kind; shapes keep labels below them.
_KIND_LOOK = {
    "person": ("#4e79a7", "dot"),
    "organization": ("#59a14f", "square"),
    "group": ("#76b7b2", "hexagon"),
    "place": ("#edc948", "triangle"),
    "thing": ("#9c755f", "triangleDown"),
    "event": ("#e15759", "diamond"),
    "claim": ("#b07aa1", "star"),
}
# (colour, vis-network shape, legend name) per node kind, in the vocabulary's order.
KIND_STYLE = {kind.name: (*_KIND_LOOK[kind.name], kind.label) for kind in NODE_KINDS}
# (colour, dashed, legend text) per status of a link.
STATUS_STYLE = {
    "fact": ("#8c8c8c", False, "reported as fact by the document"),
    "asserted": ("#d62728", True, "claimed: asserted or alleged by a party"),
    "denied": ("#1f77b4", True, "claimed: denied by a party"),
    "contested": ("#9467bd", True, "claimed: asserted by one party, denied by another"),
    "alleged": ("#ff7f0e", True, "alleged, no claimant recorded"),
}
_CONTEXT = 280  # characters of sentence kept on each side of a highlighted span


def write_network_page(dataset, path, *, threshold: int = DEFAULT_THRESHOLD,
                       title: str = "ashraf-kg: who is linked to whom, and on whose word") -> Path:
    """Write the interactive network of ``dataset`` as one HTML file (atomically).

    Above ``threshold`` nodes, positions are precomputed and physics is off.
    """
    check_at_least(threshold, 0, "threshold", NetworkError)
    html = render_network_page(project_network(dataset), threshold=threshold, title=title)
    write_text_atomic(Path(path), html)
    return Path(path)


def render_network_page(g, *, threshold: int = DEFAULT_THRESHOLD,
                        title: str = "ashraf-kg network") -> str:
    """The page's HTML for a projected network (see :func:`ashraf_kg.network.project_network`)."""
    large = g.number_of_nodes() > threshold
    net = _pyvis_network(g, positions=layout_positions(g) if large else None)
    nodes, edges, _, _, _, _ = net.get_network_data()
    payload = {"nodes": nodes, "edges": edges, "documents": _documents(g),
               "kinds": {k: {"color": c, "shape": s, "name": n} for k, (c, s, n) in KIND_STYLE.items()},
               "statuses": {k: {"color": c, "dashed": d, "name": n} for k, (c, d, n) in STATUS_STYLE.items()},
               "options": _options(large), "large": large}
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    try:
        template = env.get_template("network.html")
        return template.render(title=title, data=_json_for_script(payload), kinds=KIND_STYLE,
                               statuses=STATUS_STYLE, script=_asset("network.js"),
                               style=_asset("network.css"), vis_js=_vis_asset("vis-network.min.js"),
                               vis_css=_vis_asset("vis-network.css"))
    except OSError as error:
        raise NetworkError(f"cannot read the page template: {error}",
                           hint="reinstall ashraf-kg and pyvis==0.3.2") from error


def _json_for_script(value) -> str:
    """JSON that cannot close its ``<script>`` element or open an HTML comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str):
    from markupsafe import Markup

    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def _vis_asset(name: str):
    """vis-network as shipped inside pyvis (never fetched from a CDN)."""
    import pyvis
    from markupsafe import Markup

    path = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2" / name
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise NetworkError(f"{path} cannot be inlined safely", hint="reinstall pyvis==0.3.2")
    return Markup(text)


def layout_positions(g, *, seed: int = LAYOUT_SEED) -> dict[str, tuple[int, int]]:
    """Deterministic positions for a large network, in pixels.

    Communities (Louvain, fixed seed) are laid out as a small graph, then each community
    around its centre; nodes without links go in rows below. This takes seconds where one
    spring layout of 5,000 nodes takes minutes.
    """
    simple = simple_graph(g)
    isolated = sorted(n for n in simple if simple.degree(n) == 0)
    linked = simple.subgraph(n for n in simple if simple.degree(n))
    communities = sorted((sorted(c) for c in nx.community.louvain_communities(linked, seed=seed)),
                         key=lambda c: (-len(c), c))
    member_of = {n: i for i, c in enumerate(communities) for n in c}
    outline = nx.Graph()
    outline.add_nodes_from(range(len(communities)))
    for u, v in linked.edges():
        if member_of[u] != member_of[v]:
            a, b = sorted((member_of[u], member_of[v]))
            outline.add_edge(a, b, weight=outline.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    spread = 60.0 * max(len(linked), 1) ** 0.5
    centres = nx.spring_layout(outline, seed=seed, scale=spread) if len(communities) > 1 else {0: (0.0, 0.0)}
    positions = {}
    for i, members in enumerate(communities):
        local = (nx.spring_layout(linked.subgraph(members), seed=seed, scale=30.0 * len(members) ** 0.5)
                 if len(members) > 1 else {members[0]: (0.0, 0.0)})
        for n in members:
            positions[n] = (round(centres[i][0] + local[n][0]), round(centres[i][1] + local[n][1]))
    per_row = max(int(2 * spread / 50), 1)
    for k, n in enumerate(isolated):
        positions[n] = (round(-spread + 50 * (k % per_row)), round(spread + 150 + 50 * (k // per_row)))
    return positions


def _evidence(data: dict) -> dict | None:
    """The sentence cut into text before the span, the span, and text after it."""
    sentence, start, end = data.get("sentence", ""), data.get("quote_start", -1), data.get("quote_end", -1)
    if not data.get("document") or start is None or start < 0:
        return None
    offset = data.get("sentence_start", -1)
    if offset is None or offset < 0 or not (0 <= start - offset <= end - offset <= len(sentence)):
        before, quote, after = "", data.get("quote", ""), ""
    else:
        before, quote, after = (sentence[:start - offset], sentence[start - offset:end - offset],
                                sentence[end - offset:])
    if len(before) > _CONTEXT:
        before = "…" + before[-_CONTEXT:]
    if len(after) > _CONTEXT:
        after = after[:_CONTEXT] + "…"
    return {"document": data["document"], "start": start, "end": end,
            "before": before, "quote": quote, "after": after}


def _pyvis_network(g, *, positions=None):
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for n, data in sorted(g.nodes(data=True)):
        colour, shape, _ = KIND_STYLE.get(data.get("kind"), ("#bab0ac", "dot", ""))
        extra = {"x": positions[n][0], "y": positions[n][1], "physics": False} if positions else {}
        evidence = _evidence({**data, "sentence_start": _sentence_start(data)})
        net.add_node(n, label=data.get("label", n), shape=shape, color=colour, size=16, **extra,
                     kind=data.get("kind", ""), type=data.get("type", ""),
                     aliases=list(data.get("aliases", ())),
                     description=data.get("description", ""), role=data.get("role", ""),
                     begin=data.get("time_begin", ""), end=data.get("time_end", ""),
                     alleged=bool(data.get("alleged", False)), counts=data.get("counts", ""),
                     claimant=data.get("claimant", ""), stance=data.get("stance", ""),
                     quoted=data.get("quoted", ""), docs=list(data.get("documents", ())),
                     evidence=evidence)
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for index, (u, v, _key, data) in enumerate(edges):
        status = data["status"]
        colour, dashed, _ = STATUS_STYLE[status]
        label = data["relation"] + (" (alleged)" if status != "fact" and data["link"] != "claim" else "")
        net.add_edge(u, v, id=f"e{index}", label=label, relation=data["relation"], color=colour,
                     dashes=dashed, width=1.2 if status == "fact" else 2, status=status,
                     link=data["link"], statement=data["statement"], claim="; ".join(data["claim"]),
                     claimant="; ".join(data["claimant"]), stance="; ".join(data["stance"]), alleged=data["alleged"],
                     doc=data["document"], evidence=_evidence(data))
    return net


def _sentence_start(data: dict) -> int:
    """Where a node's evidence sentence starts (nodes keep the sentence, not its offset)."""
    sentence, quote, start = data.get("sentence", ""), data.get("quote", ""), data.get("quote_start", -1)
    at = sentence.find(quote) if quote else -1
    return start - at if at >= 0 and start is not None and start >= 0 else -1


def _documents(g) -> list[dict]:
    titles: dict[str, str] = {}
    for _, _, data in g.edges(data=True):
        if data.get("document"):
            titles.setdefault(data["document"], data.get("document_title", ""))
    for _, data in g.nodes(data=True):
        for doc in data.get("documents", ()):
            titles.setdefault(doc, "")
    return [{"id": d, "title": titles[d] or d} for d in sorted(titles)]


def _options(large: bool) -> dict:
    """vis-network options: physics for small graphs (seeded), fixed positions for large ones."""
    options = {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "keyboard": False},
        "nodes": {"font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "face": "system-ui, sans-serif", "color": "#444444",
                           "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
                  "smooth": False if large else {"type": "continuous", "roundness": 0.2}},
        "physics": {"enabled": not large, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -90, "springLength": 130,
                                         "avoidOverlap": 0.4},
                    "stabilization": {"enabled": not large, "iterations": 600, "fit": True}},
    }
    return options
