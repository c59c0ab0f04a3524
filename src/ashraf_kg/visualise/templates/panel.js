/* The reader's page, part 2 of 2: the side panel, the search box, tooltips and the timeline.
   Everything here is reachable by keyboard: the search box is a combobox, the panel's
   names are links, its link list is made of buttons, the timeline's events are buttons. */
(function () {
  "use strict";

  const akg = window.akg, DATA = akg.data, byId = akg.byId, network = akg.network;
  const panel = document.getElementById("panel");
  const intro = document.getElementById("intro");
  const statusBox = document.getElementById("status");
  const docTitle = {};
  DATA.documents.forEach(function (d) { docTitle[d.id] = d.title; });

  function el(tag, className, children) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function docName(id) { return docTitle[id] && docTitle[id] !== id ? docTitle[id] + " (" + id + ")" : id; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  akg.say = function (text) { statusBox.textContent = text; };

  function nodeLink(id) {
    const a = el("a", "node-link", [byId[id] ? byId[id].label : id]);
    a.href = "#" + id;
    a.addEventListener("click", function (event) { event.preventDefault(); akg.pick(id); });
    return a;
  }
  function details(pairs) {
    const dl = el("dl");
    pairs.forEach(function (pair) {
      const value = pair[1];
      if (!value || (Array.isArray(value) && !value.length)) { return; }
      dl.appendChild(el("dt", "", [pair[0]]));
      const dd = el("dd");
      if (Array.isArray(value)) {
        dd.appendChild(value.length === 1 ? (typeof value[0] === "string" ? document.createTextNode(value[0]) : value[0])
          : el("ul", "", value.map(function (v) { return el("li", "", [v]); })));
      } else { dd.appendChild(typeof value === "string" ? document.createTextNode(value) : value); }
      dl.appendChild(dd);
    });
    return dl;
  }
  function evidenceBlock(index) {
    const ev = DATA.evidence[index];
    if (!ev) { return el("p", "hint", ["No evidence span recorded."]); }
    const quote = el("blockquote", "", ev.parts.map(function (part) {
      return part[1] === 0 ? part[0] : el("mark", part[1] === 2 ? "also" : "", [part[0]]);
    }));
    return el("div", "evidence", [quote,
      el("div", "source", ["Source: " + docName(ev.doc) + ", characters " + ev.start + "–" + ev.end])]);
  }
  function look(e) {
    return e.link === "claim link" || e.link === "claim" ? DATA.stances[e.relation] || DATA.stances[stanceOf(e)] || DATA.statuses.asserted
      : DATA.statuses[e.status];
  }
  function stanceOf(e) { return e.claims.length && byId[e.claims[0][0]] ? byId[e.claims[0][0]].stance : ""; }
  function lineGlyph(e) {
    const style = look(e), svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("class", "line");
    svg.setAttribute("viewBox", "0 0 40 6");
    svg.setAttribute("aria-hidden", "true");
    const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    [["x1", 0], ["y1", 3], ["x2", 40], ["y2", 3], ["stroke", style.color], ["stroke-width", 2.5]].forEach(function (a) {
      line.setAttribute(a[0], a[1]);
    });
    if (style.dashes) { line.setAttribute("stroke-dasharray", style.dashes.join(" ")); }
    svg.appendChild(line);
    return svg;
  }
  function statusBadge(text, colour, dashed) {
    const badge = el("span", "status" + (dashed ? " dashed" : ""), [text]);
    badge.style.setProperty("--c", colour);
    return badge;
  }
  function statusText(e) {
    switch (e.status) {
      case "fact": return "Reported as fact by the document";
      case "alleged": return "Alleged: not established, no claimant recorded";
      case "denied": return "Rests on a claim that denies it";
      case "contested": return "Contested: asserted by one party, denied by another";
      default: return e.link === "claim link" || e.link === "claim" ? "A claim, not a fact the documents establish"
        : "Rests on a claim: alleged, not established";
    }
  }
  function show(parts, showing) {
    delete panel.dataset.edge;
    panel.replaceChildren.apply(panel, parts);
    panel.dataset.showing = showing;
    panel.scrollTop = 0;
  }

  // ---- the overview: starting points and legend -----------------------------------------
  const start = document.getElementById("start");
  DATA.start.forEach(function (s) {
    const n = byId[s.id];
    const note = n.kind === "event" ? (n.begin ? dateOf(n) + " · " : "") + "told in " + plural(s.docs, "document")
      : (s.mentions ? "named " + plural(s.mentions, "time") + " in " : "in ") + plural(s.docs, "document");
    start.appendChild(el("li", "", [nodeLink(s.id), " ", el("span", "note", ["(" + note + ")"])]));
  });
  function dateOf(n) { return akg.dateOf(n); }
  akg.showIntro = function () {
    show([intro], "intro");
    markTimeline(null);
  };

  // ---- a node -----------------------------------------------------------------------------
  function linkList(list, around) {
    const ul = el("ul", "links");
    list.slice().sort(function (a, b) {
      return (a.status === "fact" ? 0 : 1) - (b.status === "fact" ? 0 : 1) || a.relation.localeCompare(b.relation) ||
        byId[a.from === around ? a.to : a.from].label.localeCompare(byId[b.from === around ? b.to : b.from].label);
    }).forEach(function (e) {
      const other = e.from === around ? e.to : e.from;
      const arrow = e.from === around ? " → " : " ← ";
      const first = DATA.evidence[e.evs[0]];
      const button = el("button", "", [lineGlyph(e), " ", el("span", "rel", [e.relation]), arrow + byId[other].label,
        e.status === "fact" ? null : el("span", "badge", [e.status === "asserted" ? "claimed" : e.status]),
        first ? el("span", "quote", ["“" + first.parts.filter(function (p) { return p[1] === 1; })
          .map(function (p) { return p[0]; }).join(" … ") + "”"]) : null]);
      button.type = "button";
      button.dataset.edge = e.id;
      button.addEventListener("click", function () { network.selectEdges([e.id]); akg.showEdge(e.id); });
      ul.appendChild(el("li", "", [button]));
    });
    return ul;
  }
  akg.showNode = function (id) {
    const n = byId[id];
    if (!n) { return; }
    const heading = el("h2", "", [n.label]);
    heading.tabIndex = -1;
    const parts = [heading, el("span", "badge", [n.words])];
    if (n.kind === "claim") {
      const stance = DATA.stances[n.stance] || DATA.statuses.asserted;
      parts.push(el("div", "", [statusBadge("Claim: " + n.claimant + " " + n.stance, stance.color, true)]));
    } else if (n.alleged) {
      parts.push(el("div", "", [statusBadge("Alleged: known only through a claim", DATA.statuses.asserted.color, true)]));
    }
    parts.push(details([["Also called", n.aliases.join("; ")], ["Role", n.role], ["About", n.description],
      ["When", n.begin ? n.begin.replace("T", " ") + (n.end && n.end !== n.begin ? " – " + n.end.replace("T", " ") : "") : ""],
      ["Told as", n.when.map(function (w) { return "“" + w + "”"; })], ["Figures", n.counts],
      ["Claimant", n.claimant_id ? nodeLink(n.claimant_id) : n.claimant], ["Stance", n.stance],
      ["Words quoted", n.quoted ? "“" + n.quoted + "”" : ""],
      ["Named", n.mentions ? plural(n.mentions, "time") : ""], ["Documents", n.docs.map(docName)]]));
    if (n.ev >= 0) { parts.push(el("h3", "", ["Evidence"]), evidenceBlock(n.ev)); }
    const list = (akg.edgesOf[id] || []).filter(akg.edgeShown);
    parts.push(el("h3", "", ["Links shown (" + list.length + ")"]));
    parts.push(list.length ? linkList(list, id) : el("p", "hint", ["None with the filters as they are."]));
    show(parts, "node");
    markTimeline(id);
    if (panel.contains(document.activeElement) || document.activeElement === document.body) { heading.focus(); }
  };

  // ---- a link -----------------------------------------------------------------------------
  function quoteOf(index) {
    const ev = DATA.evidence[index];
    return ev ? "“" + ev.parts.filter(function (p) { return p[1] === 1; }).map(function (p) { return p[0]; })
      .join(" … ") + "” — " + docName(ev.doc) : "";
  }
  function claimList(e) {
    // One line per claim: who, with what stance, says what; the claim's node holds the words.
    return el("ol", "claims", e.claims.map(function (entry) {
      const claim = byId[entry[0]] || { label: entry[0], stance: "", claimant: "", ev: -1 };
      const who = entry[1] && byId[entry[1]] ? nodeLink(entry[1]) : el("span", "", [claim.claimant || "a party"]);
      const item = el("li", "", [el("span", "who", [who]), " " + (claim.stance || "claims") + ": ",
        byId[entry[0]] ? nodeLink(entry[0]) : claim.label]);
      if (e.link === "claim link" && claim.ev >= 0) { item.appendChild(evidenceBlock(claim.ev)); }
      else if (claim.ev >= 0) { item.appendChild(el("span", "quote", [quoteOf(claim.ev)])); }
      return item;
    }));
  }
  akg.showEdge = function (id) {
    const e = akg.edgeById[id];
    if (!e) { return; }
    const style = look(e);
    const heading = el("h2", "", [e.link === "claim link" ? "Claim" : "Link"]);
    heading.tabIndex = -1;
    const parts = [heading,
      el("p", "linkline", [nodeLink(e.from), " — ", el("span", "rel", [e.relation]), " → ", nodeLink(e.to)]),
      el("div", "", [statusBadge(statusText(e), style.color, Boolean(style.dashes))])];
    if (e.link !== "claim link") {
      parts.push(details([["Statement", e.statement_label || (byId[e.statement] ? byId[e.statement].label : "")],
        ["Document", e.docs.map(docName)]]));
      parts.push(el("h3", "", ["Evidence"]), evidenceBlock(e.evs[0]));
    }
    if (e.claims.length) {
      parts.push(el("h3", "", [e.link === "claim link" ? plural(e.claims.length, "claim") + ", with its evidence"
        : "Rests on " + plural(e.claims.length, "claim")]));
      parts.push(claimList(e));
    }
    show(parts, "edge");
    panel.dataset.edge = id;
  };

  // ---- search: a combobox ----------------------------------------------------------------
  const search = document.getElementById("search");
  const results = document.getElementById("search-results");
  let matches = [], active = -1;

  function find(text) {
    const q = text.trim().toLowerCase();
    if (!q) { return []; }
    const found = [];
    DATA.nodes.forEach(function (n) {
      let rank = -1;
      [n.label].concat(n.aliases).forEach(function (name) {
        const i = name.toLowerCase().indexOf(q);
        if (i >= 0) { rank = rank < 0 ? (i === 0 ? 0 : 1) : Math.min(rank, i === 0 ? 0 : 1); }
      });
      if (rank >= 0) { found.push({ node: n, rank: rank }); }
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || (a.node.kind === "claim") - (b.node.kind === "claim") || a.node.rank - b.node.rank;
    });
    return found.slice(0, 20).map(function (f) { return f.node; });
  }
  akg.find = find;
  function setActive(i) {
    active = i;
    Array.prototype.forEach.call(results.children, function (li, k) { li.setAttribute("aria-selected", String(k === i)); });
    if (i >= 0 && results.children[i]) {
      search.setAttribute("aria-activedescendant", results.children[i].id);
      results.children[i].scrollIntoView({ block: "nearest" });
    } else { search.removeAttribute("aria-activedescendant"); }
  }
  function showResults() {
    matches = find(search.value);
    results.replaceChildren();
    const open = Boolean(search.value.trim());
    results.hidden = !open;
    search.setAttribute("aria-expanded", String(open));
    if (!open) { return; }
    if (!matches.length) { results.appendChild(el("li", "none", ["Nothing is called “" + search.value.trim() + "”"])); }
    matches.forEach(function (n, i) {
      const li = el("li", "", [el("span", "", [n.label]), el("span", "kind", [n.words])]);
      li.id = "match-" + i;
      li.setAttribute("role", "option");
      li.dataset.node = n.id;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      results.appendChild(li);
    });
    setActive(matches.length ? 0 : -1);
  }
  function choose(i) {
    const n = matches[i];
    if (!n) { return; }
    results.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.value = n.label;
    akg.pick(n.id);
    const heading = panel.querySelector("h2");
    if (heading) { heading.focus(); }
  }
  search.addEventListener("input", showResults);
  search.addEventListener("focus", function () { if (search.value.trim()) { showResults(); } });
  search.addEventListener("blur", function () { results.hidden = true; search.setAttribute("aria-expanded", "false"); });
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && matches.length) { event.preventDefault(); setActive((active + 1) % matches.length); }
    else if (event.key === "ArrowUp" && matches.length) {
      event.preventDefault(); setActive((active - 1 + matches.length) % matches.length);
    } else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    else if (event.key === "Escape") { results.hidden = true; search.setAttribute("aria-expanded", "false"); }
  });

  // ---- tooltips ---------------------------------------------------------------------------
  const tip = document.getElementById("tip");
  function showTip(children, pointer) {
    tip.replaceChildren.apply(tip, children);
    tip.hidden = false;
    const wrap = tip.parentElement.getBoundingClientRect();
    tip.style.left = Math.min(pointer.x + 14, wrap.width - tip.offsetWidth - 6) + "px";
    tip.style.top = Math.min(pointer.y + 14, wrap.height - tip.offsetHeight - 6) + "px";
  }
  network.on("hoverNode", function (params) {
    const n = byId[params.node];
    showTip([el("div", "tip-title", [n.label]), el("div", "tip-meta", [n.words + (n.alleged ? " · alleged" : "")]),
      n.docs.length ? el("div", "tip-meta", ["In " + plural(n.docs.length, "document") +
        (n.mentions ? ", named " + plural(n.mentions, "time") : "")]) : null], params.pointer.DOM);
  });
  network.on("hoverEdge", function (params) {
    const e = akg.edgeById[params.edge], ev = DATA.evidence[e.evs[0]];
    showTip([el("div", "tip-title", [byId[e.from].label + " — " + e.relation + " → " + byId[e.to].label]),
      el("div", "tip-meta", [statusText(e)]),
      ev ? el("div", "tip-quote", ["“" + ev.parts.filter(function (p) { return p[1] === 1; })
        .map(function (p) { return p[0]; }).join(" … ") + "”"]) : null], params.pointer.DOM);
  });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) {
    network.on(name, function () { tip.hidden = true; });
  });

  // ---- timeline: every dated event by date, stacked; then the undated ones ----------------
  const strip = document.getElementById("timeline-strip");
  const marks = {};
  function eventButton(n, note) {
    const button = el("button", "ev" + (n.alleged ? " alleged" : ""), [n.label, note ? el("span", "when", [note]) : null]);
    button.type = "button";
    button.dataset.node = n.id;
    button.addEventListener("click", function () { akg.pick(n.id); });
    marks[n.id] = button;
    return button;
  }
  function gapWords(a, b) {
    const days = Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
    if (days < 45) { return ""; }
    return days < 700 ? Math.round(days / 30.4) + " months later" : Math.round(days / 365.25) + " years later";
  }
  function drawTimeline() {
    const events = DATA.nodes.filter(function (n) { return n.kind === "event"; });
    const dated = {}, undated = [];
    events.forEach(function (n) {
      if (dateOf(n)) { (dated[dateOf(n)] = dated[dateOf(n)] || []).push(n); } else { undated.push(n); }
    });
    const days = Object.keys(dated).sort();
    strip.appendChild(el("div", "tl-title", ["Timeline: " + plural(events.length - undated.length, "dated event") +
      ", " + undated.length + " undated"]));
    days.forEach(function (day, i) {
      const gap = i ? gapWords(days[i - 1], day) : "";
      if (gap) { strip.appendChild(el("div", "tl-gap", [gap])); }
      const list = dated[day].sort(function (a, b) { return a.begin.localeCompare(b.begin) || a.label.localeCompare(b.label); });
      strip.appendChild(el("section", "tl-col", [el("h3", "", [day + " (" + list.length + ")"]),
        el("ol", "", list.map(function (n) { return el("li", "", [eventButton(n, "")]); }))]));
    });
    if (undated.length) {
      undated.sort(function (a, b) { return a.rank - b.rank; });
      strip.appendChild(el("section", "tl-col undated", [el("h3", "", ["Undated (" + undated.length + ")"]),
        el("ol", "", undated.map(function (n) {
          return el("li", "", [eventButton(n, n.when.length ? "“" + n.when.join("”, “") + "”" : "")]);
        }))]));
    }
  }
  let marked = null;
  function markTimeline(selected) {
    // Only the event that was selected and the one that is: a full pass restyles every event.
    if (marked && marks[marked]) { marks[marked].classList.remove("selected"); }
    if (selected && marks[selected]) { marks[selected].classList.add("selected"); }
    marked = selected;
  }
  function fadeFiltered() {
    Object.keys(marks).forEach(function (id) { marks[id].classList.toggle("filtered", !akg.isShown(id)); });
  }

  function showCounts() {
    statusBox.textContent = akg.nodeView.length + " of " + DATA.nodes.filter(function (n) { return n.kind !== "claim"; }).length +
      " nodes · " + akg.edgeView.length + " links shown";
  }
  akg.afterFilter = function () {
    showCounts();
    fadeFiltered();
    markTimeline(akg.state.focus);
    if (panel.dataset.showing === "node" && akg.state.focus) { akg.showNode(akg.state.focus); }
  };

  document.getElementById("overview").addEventListener("click", function () { akg.overview(); });
  // The timeline waits for the network's first drawing: the network is what a reader sees first.
  akg.whenDrawn(function () {
    document.body.setAttribute("data-ready", "1");
    drawTimeline();
    markTimeline(akg.state.focus);
    strip.dataset.ready = "1";
  });
  showCounts();
  panel.dataset.showing = "intro";
  akg.applyHash(true);
  akg.timings.panel = Math.round(performance.now());
})();
