"""The network as one self-contained HTML page for readers (pyvis + vis-network, inlined).

The page needs no network: vis-network's script and style come from the installed pyvis
package and are written into the page, and the network is held in pyvis's node and edge
format (as pyvis's ``Node`` and ``Edge`` lay them out); as on any pyvis page, the ``vis.Network`` is
``window.network``. Every text from a document or the registry travels as JSON inside
``<script type="application/json">`` (``<``, ``>``, ``&`` escaped) and is put on screen with
``textContent`` or drawn on the canvas, never parsed as HTML, so a label such as
``<img src=x onerror=alert(1)>`` shows as text and runs nothing. The same dataset always
gives the same bytes: everything is sorted and the layout is seeded.

>>> write_network_page(read_dataset("graph"), "graph/ashraf.html")  # doctest: +SKIP
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..collector import collection_paused
from ..errors import NetworkError, check_at_least
from ..fileio import write_chunks_atomic
from ..network.projection import link_status, project_network
from . import DEFAULT_THRESHOLD
from .scene import (
    KIND_STYLE,
    OTHER_STANCE,
    STANCE_STYLE,
    STATUS_STYLE,
    claim_links,
    drawn_graph,
    first_view,
    kind_words,
    label_font,
    node_priority,
    node_sizes,
    positions_for,
    short_label,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
SCRIPTS = ("network.js", "panel.js")
_CONTEXT = 280  # characters of sentence kept on each side of the highlighted words


def write_network_page(dataset, path, *, threshold: int = DEFAULT_THRESHOLD,
                       title: str = "ashraf-kg: who is linked to whom, and on whose word") -> Path:
    """Write the interactive network of ``dataset`` as one HTML file (atomically).

    Above ``threshold`` nodes, links are hidden while the reader drags or zooms. The page
    is written piece by piece: at a thousand documents its text would be hundreds of MB,
    held several times over while it was escaped and put into the template.
    """
    check_at_least(threshold, 0, "threshold", NetworkError)
    with collection_paused():
        payload = page_data(project_network(dataset), threshold=threshold)
        write_chunks_atomic(Path(path), _page_chunks(payload, title))
    return Path(path)


# Where the data goes in the rendered template (after every place the title is shown).
_DATA_MARK = "\x00akg-data\x00"


def _page_chunks(payload: dict, title: str):
    """The page's text in pieces: the template around the data, the data's JSON between."""
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    try:
        template = env.get_template("network.html")
        page = template.render(title=title, data=Markup(_DATA_MARK), kinds=KIND_STYLE,
                               statuses=STATUS_STYLE, stances=STANCE_STYLE,
                               scripts=[_asset(name) for name in SCRIPTS], style=_asset("network.css"),
                               vis_js=_vis_asset("vis-network.min.js"), vis_css=_vis_asset("vis-network.css"))
    except OSError as error:
        raise NetworkError(f"cannot read the page template: {error}",
                           hint="reinstall ashraf-kg and pyvis==0.3.2") from error
    head, tail = page.rsplit(_DATA_MARK, 1)
    yield head
    yield from map(_safe_in_script, _json_chunks(payload))
    yield tail


def _json_chunks(value: dict, batch: int = 500):
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` of a dict, in pieces
    (its long lists a batch of items at a time); the same text when joined."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield "{"
    for number, (key, item) in enumerate(value.items()):
        yield ("," if number else "") + encode(key) + ":"
        if not isinstance(item, list) or len(item) <= batch:
            yield encode(item)
            continue
        yield "["
        for start in range(0, len(item), batch):
            yield ("," if start else "") + ",".join(map(encode, item[start:start + batch]))
        yield "]"
    yield "}"


def _safe_in_script(text: str) -> str:
    """JSON text that cannot close its ``<script>`` element or open an HTML comment."""
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page_data(g, *, threshold: int = DEFAULT_THRESHOLD) -> dict:
    """Everything the page needs, as JSON-ready data: pyvis's nodes and edges, the evidence
    they point to, the starting points, the first view and vis-network's options."""
    links = claim_links(g)
    simple = drawn_graph(g, links)
    order = node_priority(g, simple)
    sizes = node_sizes(g, simple)
    positions, frame = positions_for(g, simple, order, sizes)
    evidence = EvidenceTable()
    net = _pyvis_network()
    _add_nodes(net, g, order, positions, sizes, evidence, simple)
    _add_edges(net, g, links, evidence)
    large = g.number_of_nodes() > threshold
    return {"nodes": net.nodes, "edges": net.edges, "evidence": evidence.rows, "documents": _documents(g),
            "order": order, "start": starting_points(g, simple), "view": first_view(frame),
            "kinds": {k: {"color": c, "shape": s, "name": n} for k, (c, s, n) in KIND_STYLE.items()},
            "statuses": {k: {"color": c, "dashes": d, "name": n} for k, (c, d, n) in STATUS_STYLE.items()},
            "stances": {k: {"color": c, "dashes": d, "name": n} for k, (c, d, n) in STANCE_STYLE.items()},
            "options": _options(large), "large": large}


def _asset(name: str):
    from markupsafe import Markup

    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def _vis_asset(name: str):
    """vis-network as shipped inside pyvis (never fetched from a CDN), found without
    importing pyvis."""
    from importlib.util import find_spec

    from markupsafe import Markup

    spec = find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise NetworkError("pyvis is not installed: the page inlines its vis-network", hint="install pyvis==0.3.2")
    path = Path(spec.origin).resolve().parent / "lib" / "vis-9.1.2" / name
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise NetworkError(f"{path} cannot be inlined safely", hint="reinstall pyvis==0.3.2")
    return Markup(text)


class EvidenceTable:
    """Evidence shared by many nodes and links, written once and pointed to by index."""

    def __init__(self):
        self.rows: list[dict] = []
        self._index: dict[tuple, int] = {}

    def add(self, data: dict) -> int:
        """The index of a statement's evidence (-1 when it has none): its document, the quote's
        offsets, and its sentence cut into parts: plain text (0), the quote (1) and other
        supporting words (2)."""
        doc, start, end = data.get("document"), data.get("quote_start", -1), data.get("quote_end", -1)
        if not doc or start is None or start < 0:
            return -1
        key = (doc, start, end, data.get("sentence_start", -1), tuple(data.get("marks", ())))
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append({"doc": doc, "start": start, "end": end, "parts": evidence_parts(data)})
        return self._index[key]


def evidence_parts(data: dict) -> list[list]:
    """``[[text, 0|1|2], …]``: the sentence, with the quote (1) and the marks (2) apart."""
    sentence, offset = data.get("sentence", ""), data.get("sentence_start", -1)
    spans = sorted([(data["quote_start"], data["quote_end"], 1)]
                   + [(a, b, 2) for a, b in data.get("marks", ())])
    if offset is None or offset < 0 or any(not offset <= a <= b <= offset + len(sentence) for a, b, _ in spans):
        return [[data.get("quote", ""), 1]]
    parts, at = [], offset
    for a, b, kind in spans:
        if a > at:
            parts.append([sentence[at - offset:a - offset], 0])
        parts.append([sentence[max(a, at) - offset:b - offset], kind])
        at = max(at, b)
    if at < offset + len(sentence):
        parts.append([sentence[at - offset:], 0])
    if parts[0][1] == 0 and len(parts[0][0]) > _CONTEXT:
        parts[0][0] = "…" + parts[0][0][-_CONTEXT:]
    if parts[-1][1] == 0 and len(parts[-1][0]) > _CONTEXT:
        parts[-1][0] = parts[-1][0][:_CONTEXT] + "…"
    return [p for p in parts if p[0]]


class _Elements:
    """The nodes and edges of a directed pyvis ``Network``, as pyvis's ``Node`` and ``Edge``
    (0.3.2) lay out their options, without importing pyvis (and, through it, IPython)."""

    def __init__(self) -> None:
        self.nodes: list[dict] = []
        self.edges: list[dict] = []


def _pyvis_network() -> _Elements:
    return _Elements()


def _add_node(net: _Elements, node_id: str, **options) -> None:
    """pyvis's ``Network.add_node``, less its search of every node added before (ids are
    unique here), which takes seconds at 5,000 nodes: the options, then id, label, shape."""
    shape, label = options.pop("shape"), options.pop("label")
    net.nodes.append({**options, "id": node_id, "label": label, "shape": shape})


def _add_edge(net: _Elements, source: str, target: str, **options) -> None:
    """pyvis's ``Network.add_edge`` of a directed network, less its search of every node for
    both ends: the options, then from and to, and an arrow unless the options give one."""
    options.update({"from": source, "to": target})
    if "arrows" not in options:
        options["arrows"] = "to"
    net.edges.append(options)


def _add_nodes(net, g, order, positions, sizes, evidence: EvidenceTable, simple) -> None:
    rank = {n: i for i, n in enumerate(order)}
    for n, data in sorted(g.nodes(data=True)):
        kind = data.get("kind", "")
        colour, shape, _ = KIND_STYLE.get(kind, ("#5A5A5A", "dot", ""))
        px, bold = label_font(rank[n], kind)
        look = {"color": colour}
        if data.get("alleged"):  # an event known only through a claim: hollow, dashed outline
            look = {"color": {"background": "#ffffff", "border": colour,
                              "highlight": {"background": "#ffffff", "border": colour},
                              "hover": {"background": "#ffffff", "border": colour}},
                    "borderWidth": 2, "shapeProperties": {"borderDashes": [4, 3]}}
        about = {"aliases": list(data.get("aliases", ())), "description": data.get("description", ""),
                 "role": data.get("role", ""), "mentions": data.get("mentions", 0),
                 "begin": data.get("time_begin", ""), "end": data.get("time_end", ""),
                 "when": list(data.get("time_expression", ())), "alleged": bool(data.get("alleged", False)),
                 "counts": list(data.get("counts", ())), "claimant": data.get("claimant", ""),
                 "claimant_id": data.get("claimant_id", ""), "stance": data.get("stance", ""),
                 "quoted": data.get("quoted", ""), "bold": bold}
        # Empty fields are left out (the page fills them in): at 5,000 nodes they are megabytes.
        _add_node(net, n, label=data.get("label", n), shape=shape, size=sizes[n],
                  x=positions[n][0], y=positions[n][1], **look,
                  kind=kind, words=kind_words(kind, data.get("type", "")), short=short_label(data.get("label", n)),
                  fs=px, rank=rank[n], weight=simple.degree(n) if n in simple else g.degree(n),
                  docs=list(data.get("documents", ())), ev=evidence.add(data),
                  **{k: v for k, v in about.items() if v})


def _edge_look(style, *, width: float, denies: bool = False) -> dict:
    """Colour, dashes and width of a link; a denial ends in a bar instead of an arrow."""
    colour, dashes, _ = style
    look = {"color": colour, "dashes": dashes, "width": width}
    if denies:
        look["arrows"] = {"to": {"enabled": True, "type": "bar", "scaleFactor": 0.6}}
    return look


def _add_edges(net, g, links, evidence: EvidenceTable) -> None:
    """Every link of the network (claims as nodes) and every claim as links; a link names the
    claims it rests on by ``[claim, claimant]``, whose words and evidence the page reads
    from the claim's node."""
    rows = []
    for u, v, _key, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if data["link"] == "claim":
            stance = g.nodes[data["statement"]].get("stance", "") if data["statement"] in g else ""
            look = _edge_look(STANCE_STYLE.get(stance, OTHER_STANCE), width=1.3, denies=stance == "denies")
            mode = "nodes"
        else:
            look = _edge_look(STATUS_STYLE[data["status"]], width=1.6 if data["status"] == "fact" else 1.5)
            mode = "both"
        fields = {"relation": data["relation"], "status": data["status"], "link": data["link"],
                  "statement": data["statement"], "docs": [data["document"]] if data["document"] else [],
                  "evs": [evidence.add(data)],
                  "claims": [list(c) for c in zip(data["claim"], data["claimant_id"], strict=True)]}
        if data["statement"] not in g:  # a membership or relation: no node holds its words
            fields["statement_label"] = data["statement_label"]
        rows.append((u, v, mode, look, fields))
    for claimant, target, stance, claim_ids in links:
        look = _edge_look(STANCE_STYLE.get(stance, OTHER_STANCE), width=1.4, denies=stance == "denies")
        rows.append((claimant, target, "links", look, {
            "relation": stance, "status": link_status(alleged=False, claimed=True, stances=(stance,)),
            "link": "claim link", "statement": claim_ids[0], "claims": [[c, claimant] for c in claim_ids],
            "docs": sorted({d for c in claim_ids for d in g.nodes[c].get("documents", ())}),
            "evs": [evidence.add(g.nodes[c]) for c in claim_ids]}))
    curves = _parallel_curves([(u, v, mode) for u, v, mode, _, _ in rows])
    for index, (u, v, mode, look, fields) in enumerate(rows):
        if curves[index]:
            look = {**look, "smooth": curves[index]}
        _add_edge(net, u, v, id=f"e{index}", mode=mode, **look, **fields)


def _parallel_curves(rows) -> list:
    """Links between the same two nodes, drawn in one view, bend apart instead of overlapping."""
    seen: dict[tuple, int] = {}
    curves = []
    for u, v, mode in rows:
        views = ("links", "nodes") if mode == "both" else (mode,)
        pair = tuple(sorted((u, v)))
        k = max(seen.get((pair, view), 0) for view in views)
        for view in views:
            seen[(pair, view)] = k + 1
        flip = (k % 2 == 1) != (u > v)
        curves.append({"enabled": True, "type": "curvedCCW" if flip else "curvedCW",
                       "roundness": round(0.18 * ((k + 1) // 2), 2)} if k else False)
    return curves


def starting_points(g, simple, *, events: int = 1, people: int = 5) -> list[dict]:
    """Ways in: the events told most (by documents, then links), and the people the corpus
    names most (by mentions, then links)."""
    def told(n):
        return (-len(g.nodes[n].get("documents", ())), -simple.degree(n), n)

    def named(n):
        return (-g.nodes[n].get("mentions", 0), -simple.degree(n), n)

    found = sorted((n for n in simple if g.nodes[n]["kind"] == "event"), key=told)[:events]
    found += sorted((n for n in simple if g.nodes[n]["kind"] == "person"), key=named)[:people]
    return [{"id": n, "mentions": g.nodes[n].get("mentions", 0), "docs": len(g.nodes[n].get("documents", ())),
             "links": simple.degree(n)} for n in found]


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
    """vis-network options: positions come with the page, so no physics; the page draws
    the labels itself (never one over another), so vis-network draws none."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "hoverConnectedEdges": True, "selectConnectedEdges": True,
                        "tooltipDelay": 150, "keyboard": False, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "zoomSpeed": 0.6},
        "nodes": {"borderWidth": 1.5, "font": {"size": 12},
                  "scaling": {"label": {"enabled": False, "drawThreshold": 1000}}},
        "edges": {"smooth": False, "selectionWidth": 1.5, "hoverWidth": 1.0,
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}}},
    }
