/* The reader's page, part 1 of 2: the network — data, filters, first view, labels, focus,
   and the URL fragment that names the node in focus. Part 2 (panel.js) fills the side
   panel, the search box and the timeline.
   Every text from the data reaches the page through textContent or is drawn on the canvas,
   never parsed as markup, so names and quotes cannot inject HTML or script. */
(function () {
  "use strict";

  const akg = window.akg = window.akg || {};
  const timings = akg.timings = {};
  let clock = performance.now();
  function lap(name) { const now = performance.now(); timings[name] = Math.round(now - clock); clock = now; }

  const DATA = akg.data = JSON.parse(document.getElementById("akg-data").textContent);
  lap("parse data");
  const byId = akg.byId = {};
  const EMPTY = { aliases: [], when: [], counts: [], description: "", role: "", begin: "", end: "", claimant: "",
    claimant_id: "", stance: "", quoted: "", mentions: 0, alleged: false, bold: false };
  DATA.nodes.forEach(function (n) {
    Object.keys(EMPTY).forEach(function (k) { if (!(k in n)) { n[k] = EMPTY[k]; } });
    byId[n.id] = n;
  });
  const edgesOf = akg.edgesOf = {};
  DATA.edges.forEach(function (e) {
    // Links are faint until their node is in focus, so that shapes and names stand out.
    e.color = { color: e.color, highlight: e.color, hover: e.color, inherit: false, opacity: 0.55 };
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    if (e.to !== e.from) { (edgesOf[e.to] = edgesOf[e.to] || []).push(e); }
  });

  // ---- what is shown -------------------------------------------------------------------
  const state = akg.state = { kinds: {}, doc: "", from: "", to: "", claimed: true, claimNodes: false,
    focus: null, near: new Set(), nearEdges: [] };
  Object.keys(DATA.kinds).forEach(function (k) { state.kinds[k] = true; });
  let shown = {};

  function dateOf(n) { return n.begin ? n.begin.slice(0, 10) : ""; }
  akg.dateOf = dateOf;

  function nodeShown(n) {
    if (n.kind === "claim" ? !(state.claimNodes && state.claimed) : !state.kinds[n.kind]) { return false; }
    if (state.doc && n.docs.indexOf(state.doc) < 0) { return false; }
    if (n.kind === "event" && (state.from || state.to)) {
      const d = dateOf(n);
      if (!d || (state.from && d < state.from) || (state.to && d > state.to)) { return false; }
    }
    return true;
  }
  function edgeShown(e) {
    if (e.mode === (state.claimNodes ? "links" : "nodes")) { return false; }
    if (!state.claimed && e.status !== "fact") { return false; }
    if (state.doc && e.docs.indexOf(state.doc) < 0) { return false; }
    return shown[e.from] === true && shown[e.to] === true;
  }
  function computeShown() {
    shown = {};
    DATA.nodes.forEach(function (n) { if (nodeShown(n)) { shown[n.id] = true; } });
  }
  akg.isShown = function (id) { return shown[id] === true; };
  akg.edgeShown = edgeShown;
  computeShown();

  // vis-network gets what it draws; the rest of each node and link stays here, which makes
  // a network of 5,000 nodes a second quicker to start.
  function only(keys) {
    return function (item) {
      const kept = {};
      keys.forEach(function (k) { if (k in item) { kept[k] = item[k]; } });
      return kept;
    };
  }
  const edgeById = akg.edgeById = {};
  DATA.edges.forEach(function (e) { edgeById[e.id] = e; });
  const nodes = new vis.DataSet(DATA.nodes.map(only(["id", "label", "x", "y", "shape", "size", "color",
    "borderWidth", "shapeProperties"])));
  const edges = new vis.DataSet(DATA.edges.map(only(["id", "from", "to", "color", "dashes", "width", "arrows",
    "smooth"])));
  const nodeView = new vis.DataView(nodes, { filter: function (n) { return shown[n.id] === true; } });
  const edgeView = new vis.DataView(edges, { filter: function (e) { return edgeShown(edgeById[e.id]); } });
  lap("data sets");

  // ---- the network, opened on its first view ----------------------------------------------
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, DATA.options);
  window.network = network;  // as on every pyvis page: embedding pages and tests drive it
  lap("network");

  // vis-network 9.1 (pinned through pyvis) strokes every link at every drawing, even those
  // far off screen; zoomed in on 5,000 nodes that is most of a frame. Links whose ends both
  // lie beyond one side of the view are left out.
  function onScreen(edge, view) {
    const a = edge.from, b = edge.to;
    return !((a.x < view.x0 && b.x < view.x0) || (a.x > view.x1 && b.x > view.x1) ||
      (a.y < view.y0 && b.y < view.y0) || (a.y > view.y1 && b.y > view.y1));
  }
  function viewBox() {
    const pad = 40, low = network.canvas.DOMtoCanvas({ x: -pad, y: -pad });
    const high = network.canvas.DOMtoCanvas({ x: container.clientWidth + pad, y: container.clientHeight + pad });
    return { x0: low.x, y0: low.y, x1: high.x, y1: high.y };
  }
  ["_drawEdges", "_drawArrows"].forEach(function (name) {
    const method = name === "_drawEdges" ? "draw" : "drawArrows";
    network.renderer[name] = function (ctx) {
      const view = viewBox(), all = this.body.edges, ids = this.body.edgeIndices;
      for (let i = 0; i < ids.length; i++) {
        const edge = all[ids[i]];
        if (edge.connected === true && onScreen(edge, view)) { edge[method](ctx); }
      }
    };
  });

  function firstView(animate) {
    const b = DATA.view.bounds, margin = 60;
    const scale = Math.min((container.clientWidth - 2 * margin) / Math.max(b[2] - b[0], 1),
      (container.clientHeight - 2 * margin) / Math.max(b[3] - b[1], 1));
    network.moveTo({ position: { x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 }, scale: scale,
      animation: animate ? { duration: 350, easingFunction: "easeInOutQuad" } : false });
  }
  akg.firstView = firstView;
  firstView(false);

  function refresh() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    if (state.focus) { setNear(state.focus); }
    order = null;
    if (akg.afterFilter) { akg.afterFilter(); }
    network.redraw();
  }
  akg.refresh = refresh;

  // ---- labels: drawn by the page, in order of priority, never one over another -----------
  const FONT = "system-ui, -apple-system, \"Segoe UI\", sans-serif";
  const measure = document.createElement("canvas").getContext("2d");
  const widths = {};
  let order = null;
  akg.labels = [];

  function fontOf(px, bold) { return (bold ? "600 " : "") + px + "px " + FONT; }
  function widthOf(key, text, font) {
    if (!(key in widths)) { measure.font = font; widths[key] = measure.measureText(text).width; }
    return widths[key];
  }
  function labelOrder() {
    // The node in focus and its neighbours first, then every node by its rank.
    if (order) { return order; }
    const first = state.focus ? [state.focus].concat(Array.from(state.near).filter(function (id) {
      return id !== state.focus;
    }).sort(function (a, b) { return byId[a].rank - byId[b].rank; })) : [];
    const seen = new Set(first);
    order = first.concat(DATA.order.filter(function (id) { return !seen.has(id); }));
    return order;
  }

  function Grid() { this.cells = new Map(); }
  Grid.prototype.keys = function (b) {
    const keys = [];
    for (let x = Math.floor(b.x / 96); x <= Math.floor((b.x + b.w) / 96); x++) {
      for (let y = Math.floor(b.y / 32); y <= Math.floor((b.y + b.h) / 32); y++) { keys.push(x + ":" + y); }
    }
    return keys;
  };
  Grid.prototype.free = function (b) {
    const cells = this.cells;
    return this.keys(b).every(function (k) {
      return !(cells.get(k) || []).some(function (o) {
        return b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h;
      });
    });
  };
  Grid.prototype.add = function (b) {
    const cells = this.cells;
    this.keys(b).forEach(function (k) { if (!cells.has(k)) { cells.set(k, []); } cells.get(k).push(b); });
  };

  function paint(ctx, text, box, px, bold, colour) {
    ctx.font = fontOf(px, bold);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 4;
    ctx.strokeStyle = "rgba(255,255,255,0.95)";
    ctx.strokeText(text, box.x + box.w / 2, box.y + 3);
    ctx.fillStyle = colour;
    ctx.fillText(text, box.x + box.w / 2, box.y + 3);
  }

  function drawLabels(ctx) {
    const scale = network.getScale(), t = network.body.view.translation;
    const W = container.clientWidth, H = container.clientHeight, grid = new Grid(), drawn = [];
    const ratio = network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const ids = labelOrder();
    const focusEdgesAt = state.focus ? state.near.size : -1;
    for (let i = 0; i < ids.length && drawn.length < 400; i++) {
      if (i === focusEdgesAt) { drawEdgeLabels(ctx, scale, t, W, H, grid, drawn); }
      const id = ids[i], n = byId[id], body = network.body.nodes[id];
      if (!shown[id] || !body) { continue; }
      const cx = body.x * scale + t.x, cy = body.y * scale + t.y;
      if (cx < 0 || cy < 0 || cx > W || cy > H) { continue; }  // measured only when in view
      const font = fontOf(n.fs, n.bold), w = widthOf(id, n.short, font) + 4;
      const box = { x: cx - w / 2, y: cy + body.options.size * scale + 2, w: w, h: n.fs + 6 };
      if (box.x < 0 || box.y < 0 || box.x + box.w > W || box.y + box.h > H || !grid.free(box)) { continue; }
      grid.add(box);
      const dim = state.focus && !state.near.has(id);
      paint(ctx, n.short, box, n.fs, n.bold, dim ? "#8a8a8a" : "#1d1d1d");
      drawn.push({ id: id, kind: "node", text: n.short, x: box.x, y: box.y, w: box.w, h: box.h, px: n.fs });
    }
    if (state.focus && focusEdgesAt >= ids.length) { drawEdgeLabels(ctx, scale, t, W, H, grid, drawn); }
    ctx.restore();
    akg.labels = drawn;
  }

  function drawEdgeLabels(ctx, scale, t, W, H, grid, drawn) {
    // The links of the node in focus say what they are, where there is room.
    state.nearEdges.forEach(function (id) {
      const edge = network.body.edges[id], e = edgeById[id];
      if (!edge || !edge.connected) { return; }
      const p = edge.edgeType.getPoint(0.5), font = fontOf(11, false);
      const w = widthOf("e:" + id, e.relation, font) + 4;
      const box = { x: p.x * scale + t.x - w / 2, y: p.y * scale + t.y - 8, w: w, h: 17 };
      if (box.x < 0 || box.y < 0 || box.x + box.w > W || box.y + box.h > H || !grid.free(box)) { return; }
      grid.add(box);
      paint(ctx, e.relation, box, 11, false, "#333333");
      drawn.push({ id: id, kind: "edge", text: e.relation, x: box.x, y: box.y, w: box.w, h: box.h, px: 11 });
    });
  }

  // ---- focus: a node and its neighbours stand out, the rest fades ------------------------
  function setNear(id) {
    const near = new Set([id]), nearEdges = [];
    (edgesOf[id] || []).forEach(function (e) {
      if (edgeShown(e)) { nearEdges.push(e.id); near.add(e.from); near.add(e.to); }
    });
    state.near = near;
    state.nearEdges = nearEdges;
    order = null;
  }

  function drawFocus(ctx) {
    if (!state.focus) { return; }
    const ratio = network.canvas.pixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "rgba(255,255,255,0.78)";
    ctx.fillRect(0, 0, container.clientWidth, container.clientHeight);
    ctx.restore();
    // vis-network 9.1 (pinned through pyvis) draws each edge and node with these methods.
    // Links are drawn faint in the whole view; those of the node in focus in full.
    state.nearEdges.forEach(function (id) {
      const edge = network.body.edges[id];
      if (!edge || !edge.connected) { return; }
      const faint = edge.options.color.opacity;
      edge.options.color.opacity = 1;
      edge.draw(ctx);
      edge.drawArrows(ctx);
      edge.options.color.opacity = faint;
    });
    state.near.forEach(function (id) { const node = network.body.nodes[id]; if (node && shown[id]) { node.draw(ctx); } });
  }

  function viewAround(ids, animate) {
    const positions = network.getPositions(ids), xs = [], ys = [];
    Object.keys(positions).forEach(function (id) { xs.push(positions[id].x); ys.push(positions[id].y); });
    if (!xs.length) { return; }
    const x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    const y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    const first = firstScale();
    let scale = Math.min((container.clientWidth - 200) / Math.max(x1 - x0, 1),
      (container.clientHeight - 140) / Math.max(y1 - y0, 1));
    scale = Math.max(Math.min(scale, first * 2.2), first);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale,
      animation: animate ? { duration: 350, easingFunction: "easeInOutQuad" } : false });
  }
  function firstScale() {
    const b = DATA.view.bounds;
    return Math.min((container.clientWidth - 120) / Math.max(b[2] - b[0], 1),
      (container.clientHeight - 120) / Math.max(b[3] - b[1], 1));
  }

  function focus(id, animate) {
    if (!byId[id]) { return; }
    if (!shown[id]) {
      akg.say("“" + byId[id].label + "” is hidden by the filters (Reset filters shows it).");
      state.focus = null;
      network.unselectAll();
    } else {
      state.focus = id;
      setNear(id);
      network.selectNodes([id]);
      viewAround(Array.from(state.near), animate !== false);
    }
    akg.showNode(id);
    network.redraw();
  }
  function clearFocus() {
    state.focus = null;
    state.near = new Set();
    state.nearEdges = [];
    order = null;
    network.unselectAll();
    firstView(true);
    akg.showIntro();
    network.redraw();
  }
  akg.focus = focus;
  akg.clearFocus = clearFocus;

  // ---- the fragment names the node in focus: links can be shared, Back goes back ----------
  let depth = (history.state && history.state.akgDepth) || 0;
  const back = document.getElementById("back");
  function hashId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (error) { return ""; }
  }
  function applyHash(first) {
    const id = hashId();
    back.disabled = depth <= 0;
    if (id && byId[id]) {
      if (id !== state.focus) { focus(id, first !== true); }
    } else if (!id) {
      if (state.focus) { clearFocus(); }
    } else {
      akg.say("Nothing here is called “" + id + "”.");
    }
  }
  akg.pick = function (id) {
    // Focus on a node and remember it in the history, so Back returns to the previous one.
    if (hashId() === id) { focus(id); return; }
    depth += 1;
    history.pushState({ akgDepth: depth }, "", "#" + id);
    applyHash();
  };
  akg.overview = function () {
    if (!hashId()) { clearFocus(); return; }
    depth += 1;
    history.pushState({ akgDepth: depth }, "", location.pathname + location.search);
    applyHash();
  };
  window.addEventListener("popstate", function (event) {
    depth = (event.state && event.state.akgDepth) || 0;
    applyHash();
  });
  window.addEventListener("hashchange", function () { applyHash(); });
  back.addEventListener("click", function () { history.back(); });
  akg.applyHash = applyHash;

  // ---- drawing hooks and clicks -----------------------------------------------------------
  akg.showLabels = true;
  network.on("afterDrawing", function (ctx) {
    drawFocus(ctx);
    if (akg.showLabels) { drawLabels(ctx); }
  });
  // The browser may draw before the panel's script has run: what waits for the first
  // drawing asks akg.whenDrawn, which answers at once when it has happened.
  let drawn = false;
  const waiting = [];
  network.on("afterDrawing", function () {
    if (drawn) { return; }
    drawn = true;
    lap("first drawing");
    timings.ready = Math.round(performance.now());
    waiting.splice(0).forEach(function (callback) { setTimeout(callback, 0); });
  });
  akg.whenDrawn = function (callback) {
    if (drawn) { setTimeout(callback, 0); } else { waiting.push(callback); }
  };
  network.on("click", function (params) {
    if (params.nodes.length) { akg.pick(params.nodes[0]); } else if (params.edges.length) { akg.showEdge(params.edges[0]); }
  });

  // ---- filters ----------------------------------------------------------------------------
  function bind(id, event, apply) {
    const input = document.getElementById(id);
    input.addEventListener(event, function () { apply(input); refresh(); });
    return input;
  }
  const kindBoxes = Array.prototype.slice.call(document.querySelectorAll("#kind-filter input"));
  kindBoxes.forEach(function (box) {
    box.addEventListener("change", function () { state.kinds[box.dataset.kind] = box.checked; refresh(); });
  });
  const docSelect = bind("doc-filter", "change", function (input) { state.doc = input.value; });
  const dateFrom = bind("date-from", "change", function (input) { state.from = input.value; });
  const dateTo = bind("date-to", "change", function (input) { state.to = input.value; });
  const showClaims = bind("show-claims", "change", function (input) { state.claimed = input.checked; });
  const asNodes = bind("claims-as-nodes", "change", function (input) { state.claimNodes = input.checked; });
  DATA.documents.forEach(function (d) {
    const option = document.createElement("option");
    option.value = d.id;
    option.textContent = d.title === d.id ? d.id : d.title + " (" + d.id + ")";
    docSelect.appendChild(option);
  });
  document.getElementById("reset").addEventListener("click", function () {
    kindBoxes.forEach(function (box) { box.checked = true; state.kinds[box.dataset.kind] = true; });
    docSelect.value = ""; dateFrom.value = ""; dateTo.value = ""; showClaims.checked = true;
    state.doc = ""; state.from = ""; state.to = ""; state.claimed = true;
    refresh();
  });
  asNodes.checked = false;

  Object.assign(akg, { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView });
})();
