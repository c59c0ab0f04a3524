/* The reader's page: network, filters, search, side panel and timeline.
   Every text from the data reaches the page through textContent or a text node, never as
   markup, so names and quotes cannot inject HTML or script. */
(function () {
  "use strict";

  var timings = {};
  var clock = performance.now();
  function lap(name) { var now = performance.now(); timings[name] = Math.round(now - clock); clock = now; }
  var DATA = JSON.parse(document.getElementById("akg-data").textContent);
  lap("parse data");
  var panel = document.getElementById("panel");
  var statusBox = document.getElementById("status");
  var docTitle = {};
  DATA.documents.forEach(function (d) { docTitle[d.id] = d.title; });

  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function statusColour(status) { return (DATA.statuses[status] || DATA.statuses.fact).color; }

  function statusText(edge) {
    var who = edge.claimant || "a party";
    switch (edge.status) {
      case "fact": return "Reported as fact by the document";
      case "alleged": return "Alleged: not established, no claimant recorded";
      case "denied": return "Claim: denied by " + who;
      case "contested": return "Claim: contested (" + who + ": " + edge.stance + ")";
      default: return "Claim: " + who + " " + (edge.stance || "claims") +
        (edge.link === "claim" ? "" : " (alleged, not established)");
    }
  }

  function docName(id) { return docTitle[id] ? docTitle[id] + " (" + id + ")" : id; }

  // ---- data sets, with tooltips built as DOM elements -------------------------------
  var byId = {};
  DATA.nodes.forEach(function (n) {
    byId[n.id] = n;
    var kind = DATA.kinds[n.kind];
    if (n.alleged) {
      // An event known only through a claim: hollow, with a dashed outline.
      n.color = { background: "#ffffff", border: n.color, highlight: { background: "#ffffff", border: n.color } };
      n.borderWidth = 2;
      n.shapeProperties = { borderDashes: [4, 3] };
    }
    n.title = el("div", "tip", [
      el("div", "tip-title", [n.label]),
      el("div", "tip-meta", [(kind ? kind.name : n.kind) + (n.type ? " · " + n.type : "") +
        (n.alleged ? " · alleged" : "")]),
      n.description ? el("div", "", [n.description]) : null,
      n.evidence ? el("div", "tip-quote", ["“" + n.evidence.quote + "”"]) : null,
      n.claimant ? el("div", "tip-meta", ["Claimed by " + n.claimant + " (" + n.stance + ")"]) : null,
      n.docs.length ? el("div", "tip-meta", ["In: " + n.docs.map(docName).join("; ")]) : null
    ]);
  });
  var edgesOf = {};
  DATA.edges.forEach(function (e) {
    var colour = statusColour(e.status);
    e.color = { color: colour, highlight: colour, hover: colour, inherit: false };
    e.font = { color: e.status === "fact" ? "#444444" : colour };
    e.title = el("div", "tip", [
      el("div", "tip-title", [byId[e.from].label + " — " + e.relation + " — " + byId[e.to].label]),
      el("div", "tip-meta", [statusText(e)]),
      e.evidence ? el("div", "tip-quote", ["“" + e.evidence.quote + "”"]) : null,
      e.doc ? el("div", "tip-meta", ["Source: " + docName(e.doc)]) : null
    ]);
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    if (e.to !== e.from) { (edgesOf[e.to] = edgesOf[e.to] || []).push(e); }
  });
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  lap("tooltips and data sets");

  // ---- filters -----------------------------------------------------------------------
  var filter = { kinds: {}, doc: "", from: "", to: "", claims: true };
  Object.keys(DATA.kinds).forEach(function (k) { filter.kinds[k] = true; });

  function dateOf(n) { return n.begin ? n.begin.slice(0, 10) : ""; }

  function nodeShown(n) {
    if (!filter.kinds[n.kind]) { return false; }
    if (filter.doc && n.docs.indexOf(filter.doc) < 0) { return false; }
    if (n.kind === "event" && (filter.from || filter.to)) {
      var d = dateOf(n);
      if (!d || (filter.from && d < filter.from) || (filter.to && d > filter.to)) { return false; }
    }
    return true;
  }
  var shownNodes = {};
  function edgeShown(e) {
    return shownNodes[e.from] && shownNodes[e.to] && (filter.claims || e.status === "fact") &&
      (!filter.doc || e.doc === filter.doc);
  }
  function computeShown() {
    shownNodes = {};
    DATA.nodes.forEach(function (n) { if (nodeShown(n)) { shownNodes[n.id] = true; } });
  }
  computeShown();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shownNodes[n.id] === true; } });
  var edgeView = new vis.DataView(edges, { filter: edgeShown });

  function refresh() {
    keepPositions();
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    showCounts();
    markTimeline();
  }

  function showCounts() {
    statusBox.textContent = nodeView.length + " of " + nodes.length + " nodes · " +
      edgeView.length + " of " + edges.length + " links";
  }

  var docSelect = document.getElementById("doc-filter");
  DATA.documents.forEach(function (d) {
    var option = el("option", "", [d.title === d.id ? d.id : d.title + " (" + d.id + ")"]);
    option.value = d.id;
    docSelect.appendChild(option);
  });
  Array.prototype.forEach.call(document.querySelectorAll("#kind-filter input"), function (box) {
    box.addEventListener("change", function () { filter.kinds[box.dataset.kind] = box.checked; refresh(); });
  });
  docSelect.addEventListener("change", function () { filter.doc = docSelect.value; refresh(); });
  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");
  var showClaims = document.getElementById("show-claims");
  dateFrom.addEventListener("change", function () { filter.from = dateFrom.value; refresh(); });
  dateTo.addEventListener("change", function () { filter.to = dateTo.value; refresh(); });
  showClaims.addEventListener("change", function () { filter.claims = showClaims.checked; refresh(); });
  document.getElementById("reset").addEventListener("click", function () {
    Array.prototype.forEach.call(document.querySelectorAll("#kind-filter input"), function (box) {
      box.checked = true; filter.kinds[box.dataset.kind] = true;
    });
    docSelect.value = ""; dateFrom.value = ""; dateTo.value = ""; showClaims.checked = true;
    filter.doc = ""; filter.from = ""; filter.to = ""; filter.claims = true;
    refresh();
  });

  // ---- the network -------------------------------------------------------------------
  var network = new vis.Network(document.getElementById("network"),
    { nodes: nodeView, edges: edgeView }, DATA.options);
  var settled = !DATA.options.physics.enabled;
  lap("network");

  function keepPositions() {
    // Nodes hidden by a filter come back where they were, not at random.
    if (!settled) { return; }
    var positions = network.getPositions();
    nodes.update(Object.keys(positions).map(function (id) {
      return { id: id, x: positions[id].x, y: positions[id].y };
    }));
  }

  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    settled = true;
    network.fit();
  });
  network.once("afterDrawing", function () { lap("first drawing"); document.body.setAttribute("data-ready", "1"); });
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ---- side panel --------------------------------------------------------------------
  function nodeLink(id) {
    var a = el("a", "node-link", [byId[id] ? byId[id].label : id]);
    a.tabIndex = 0;
    a.addEventListener("click", function () { pick(id); });
    return a;
  }

  function details(pairs) {
    var dl = el("dl");
    pairs.forEach(function (pair) {
      if (!pair[1] || (pair[1].length === 0)) { return; }
      dl.appendChild(el("dt", "", [pair[0]]));
      dl.appendChild(el("dd", "", [pair[1]]));
    });
    return dl;
  }

  function evidenceBlock(ev) {
    if (!ev) { return el("p", "hint", ["No evidence span recorded."]); }
    return el("div", "evidence", [
      el("blockquote", "", [ev.before, el("mark", "", [ev.quote]), ev.after]),
      el("div", "source", ["Source: " + docName(ev.document) + ", characters " + ev.start + "–" + ev.end])
    ]);
  }

  function statusBadge(text, colour) {
    var badge = el("span", "status", [text]);
    badge.style.background = colour;
    return badge;
  }

  function statementList(list, around) {
    var ul = el("ul", "statements");
    list.slice().sort(function (a, b) {
      return (a.status === "fact" ? 0 : 1) - (b.status === "fact" ? 0 : 1) ||
        a.relation.localeCompare(b.relation) || a.id.localeCompare(b.id);
    }).forEach(function (e) {
      var line = el("span", "line" + (DATA.statuses[e.status].dashed ? " dashed" : ""));
      line.style.setProperty("--c", statusColour(e.status));
      line.style.display = "inline-block";
      line.style.marginRight = "6px";
      var other = e.from === around ? byId[e.to].label : byId[e.from].label;
      var arrow = e.from === around ? "→ " : "← ";
      var li = el("li", "", [line, el("span", "rel", [e.relation]), " " + arrow + other,
        e.status === "fact" ? null : el("span", "badge", [e.status === "asserted" ? "claimed" : e.status]),
        e.evidence ? el("span", "quote", ["“" + e.evidence.quote + "” — " + docName(e.doc)]) : null]);
      li.dataset.edge = e.id;
      li.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      ul.appendChild(li);
    });
    return ul;
  }

  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    var kind = DATA.kinds[n.kind];
    var parts = [el("h2", "", [n.label]),
      el("span", "badge", [(kind ? kind.name : n.kind) +
        (n.type && kind && n.type.toLowerCase() !== kind.name.toLowerCase() && n.type !== "Organization" ? " · " + n.type : "")])];
    if (n.kind === "claim") {
      parts.push(el("div", "", [statusBadge("Claim: " + n.claimant + " " + n.stance,
        statusColour(n.stance === "denies" ? "denied" : "asserted"))]));
    } else if (n.alleged) {
      parts.push(el("div", "", [statusBadge("Alleged: known only through a claim", statusColour("asserted"))]));
    }
    parts.push(details([["Also called", n.aliases.join("; ")], ["Role", n.role],
      ["About", n.description], ["When", n.begin ? n.begin + (n.end ? " – " + n.end : "") : ""],
      ["Figures", n.counts], ["Claimant", n.claimant], ["Stance", n.stance],
      ["Words quoted", n.quoted ? "“" + n.quoted + "”" : ""],
      ["Documents", n.docs.map(docName).join("; ")], ["Id", n.id]]));
    if (n.evidence) { parts.push(el("h3", "", ["Evidence"]), evidenceBlock(n.evidence)); }
    var list = edgesOf[id] || [];
    parts.push(el("h3", "", ["Statements about this node (" + list.length + ")"]));
    parts.push(list.length ? statementList(list, id) : el("p", "hint", ["None."]));
    panel.replaceChildren.apply(panel, parts);
    panel.dataset.showing = "node";
    panel.scrollTop = 0;
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    var parts = [el("h2", "", ["Link"]),
      el("p", "linkline", [nodeLink(e.from), " — ", el("span", "rel", [e.relation]), " → ", nodeLink(e.to)]),
      el("div", "", [statusBadge(statusText(e), statusColour(e.status))])];
    if (e.link === "claim") {
      parts.push(el("p", "hint", ["This link records what " + (e.claimant || "a party") +
        " says; it is a claim, not a fact established by the document."]));
    }
    parts.push(details([["Claimant", e.claimant], ["Stance", e.stance], ["Statement", e.statement],
      ["Claim", e.claim], ["Document", e.doc ? docName(e.doc) : ""]]));
    parts.push(el("h3", "", ["Evidence"]), evidenceBlock(e.evidence));
    var same = DATA.edges.filter(function (o) { return o.statement === e.statement && o.id !== e.id; });
    if (same.length) {
      parts.push(el("h3", "", ["Same statement, other links (" + same.length + ")"]));
      parts.push(statementList(same, e.statement));
    }
    panel.replaceChildren.apply(panel, parts);
    panel.dataset.showing = "edge";
    panel.scrollTop = 0;
  }

  // ---- search ------------------------------------------------------------------------
  var search = document.getElementById("search");
  var results = document.getElementById("search-results");
  var matches = [];

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return []; }
    var found = [];
    DATA.nodes.forEach(function (n) {
      var names = [n.label].concat(n.aliases);
      var rank = -1;
      names.forEach(function (name) {
        var i = name.toLowerCase().indexOf(q);
        if (i >= 0) { rank = rank < 0 ? (i === 0 ? 0 : 1) : Math.min(rank, i === 0 ? 0 : 1); }
      });
      if (rank >= 0) { found.push({ node: n, rank: rank }); }
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || (a.node.kind === "claim") - (b.node.kind === "claim") ||
        a.node.label.localeCompare(b.node.label);
    });
    return found.slice(0, 20).map(function (f) { return f.node; });
  }

  function showResults() {
    matches = find(search.value);
    results.replaceChildren();
    if (!search.value.trim()) { results.hidden = true; return; }
    if (!matches.length) {
      results.appendChild(el("li", "none", ["Nothing is called “" + search.value.trim() + "”"]));
    }
    matches.forEach(function (n, i) {
      var li = el("li", i === 0 ? "active" : "", [el("span", "", [n.label]),
        el("span", "kind", [DATA.kinds[n.kind] ? DATA.kinds[n.kind].name : n.kind])]);
      li.setAttribute("role", "option");
      li.dataset.node = n.id;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(n.id); });
      results.appendChild(li);
    });
    results.hidden = false;
  }

  function choose(id) { results.hidden = true; search.value = byId[id].label; pick(id); }

  search.addEventListener("input", showResults);
  search.addEventListener("focus", showResults);
  search.addEventListener("blur", function () { results.hidden = true; });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && matches.length) { choose(matches[0].id); }
    if (event.key === "Escape") { results.hidden = true; }
  });

  function pick(id) {
    if (!shownNodes[id]) {
      statusBox.textContent = "“" + byId[id].label + "” is hidden by the filters (Reset shows it).";
    } else {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 300 } });
    }
    showNode(id);
    markTimeline(id);
  }

  // ---- timeline ----------------------------------------------------------------------
  var strip = document.getElementById("timeline-strip");
  var marks = {};
  function drawTimeline() {
    var events = DATA.nodes.filter(function (n) { return n.kind === "event" && n.begin; });
    events.sort(function (a, b) { return dateOf(a).localeCompare(dateOf(b)) || a.label.localeCompare(b.label); });
    var undated = DATA.nodes.filter(function (n) { return n.kind === "event" && !n.begin; }).length;
    var width = Math.max(strip.clientWidth || 800, 80 + events.length * 64);
    strip.style.width = width + "px";
    strip.appendChild(el("div", "axis"));
    var parts = events.map(function (n) { return Date.parse(dateOf(n) + "T00:00:00Z"); });
    var min = Math.min.apply(null, parts), max = Math.max.apply(null, parts);
    var x = 0, lastDate = "";
    events.forEach(function (n, i) {
      var share = max > min ? (parts[i] - min) / (max - min) : 0.5;
      x = Math.max(40 + share * (width - 260), i ? x + 64 : 40);
      var mark = el("button", "ev" + (n.alleged ? " alleged" : ""));
      mark.type = "button";
      mark.style.left = x + "px";
      mark.setAttribute("title", n.label + " (" + dateOf(n) + ")");
      mark.setAttribute("aria-label", n.label);
      mark.addEventListener("click", function () { pick(n.id); });
      var label = el("span", "evlabel", [n.label]);
      label.style.left = (x - 7) + "px";
      label.style.top = (4 + (i % 3) * 15) + "px";
      label.addEventListener("click", function () { pick(n.id); });
      strip.appendChild(label);
      strip.appendChild(mark);
      marks[n.id] = mark;
      if (dateOf(n) !== lastDate) {
        var tick = el("span", "tick", [dateOf(n)]);
        tick.style.left = x + "px";
        strip.appendChild(tick);
        lastDate = dateOf(n);
      }
    });
    strip.appendChild(el("span", "note", [events.length + " dated events" +
      (undated ? " · " + undated + " undated (not shown here)" : "")]));
  }

  function markTimeline(selected) {
    Object.keys(marks).forEach(function (id) {
      marks[id].classList.toggle("filtered", !shownNodes[id]);
      marks[id].classList.toggle("selected", id === selected);
    });
  }

  drawTimeline();
  showCounts();
  markTimeline();
  lap("timeline");
  window.akg = { timings: timings,  network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    showNode: showNode, showEdge: showEdge, pick: pick, find: find };
})();
