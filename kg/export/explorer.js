/* govkg explorer: draws the graph embedded in #kg-data with vis-network and lets an analyst search,
 * filter and read the provenance of every node and link. Every string from a report is put in the
 * page with textContent, never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var FONT = getComputedStyle(document.body).getPropertyValue("--font").trim() || "sans-serif";
  var BIG = data.nodes.length > 1000;
  var state = { kinds: {}, initiative: "", isolated: true, place: "", year: "", report: "",
                stabilizedMs: null, startedAt: performance.now() };
  data.kinds.forEach(function (k) { state.kinds[k.kind] = true; });

  // the graph ------------------------------------------------------------------------------------

  var neighbours = data.nodes.map(function () { return []; });
  data.relations.forEach(function (rel) {
    neighbours[rel.subject].push(rel.object);
    neighbours[rel.object].push(rel.subject);
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, {
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: {
      font: { face: FONT, size: 14, color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" },
      borderWidth: 1.5,
      scaling: { label: { drawThreshold: 7 } } // labels hide once they would be drawn below 6px
    },
    edges: {
      font: { face: FONT, size: 11, color: "#5f6b7a", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      width: 1.2,
      smooth: BIG ? false : { type: "continuous", roundness: 0.3 },
      scaling: { label: { drawThreshold: 9 } }
    },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -45, springLength: 80, springConstant: 0.06, avoidOverlap: 0.2 },
      // starting from the rings computed in Python, a few hundred steps settle a small graph; a
      // large one gets fewer (each step costs about 15 ms per 1,000 nodes in software rendering)
      stabilization: { enabled: true, iterations: Math.round(Math.min(400, 250000 / Math.max(data.nodes.length, 1))),
                       updateInterval: 25, fit: false },
      minVelocity: 1
    },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, keyboard: false }
  });

  function setStatus(text) { document.getElementById("status").textContent = text; }

  network.on("stabilizationProgress", function (p) {
    setStatus("正在布局… " + Math.round(100 * p.iterations / p.total) + "%");
  });
  network.once("stabilizationIterationsDone", function () {
    setTimeout(settled, 0); // once vis-network has finished its own stabilisation work
  });
  if (data.nodes.every(function (n) { return n.physics === false; })) {
    setTimeout(settled, 0); // nothing to lay out (no links): vis-network does not stabilise at all
  }

  function settled() {
    // the layout stays where it settled; stopping the simulation too ends vis-network's redraw loop,
    // which would otherwise run at full frame rate and starve the page
    network.setOptions({ physics: false });
    network.stopSimulation();
    placeIsolated();
    state.stabilizedMs = Math.round(performance.now() - state.startedAt);
    fitVisible();
    network.stopSimulation();
    showCounts();
    window.kgExplorer.ready = true;
  }

  // Entities without links line up in rows under the linked ones, grouped by type.
  function placeIsolated() {
    var linked = data.entities.map(function (e, id) { return id; }).filter(function (id) { return data.entities[id].degree > 0; });
    var box = { left: 0, right: 600, bottom: 0 };
    if (linked.length) {
      var pos = network.getPositions(linked);
      var xs = linked.map(function (id) { return pos[id].x; });
      var ys = linked.map(function (id) { return pos[id].y; });
      box = { left: Math.min.apply(null, xs), right: Math.max.apply(null, xs), bottom: Math.max.apply(null, ys) };
    }
    var lonely = data.entities.map(function (e, id) { return id; }).filter(function (id) { return data.entities[id].degree === 0; });
    var order = data.kinds.map(function (k) { return k.kind; });
    lonely.sort(function (a, b) {
      var ea = data.entities[a], eb = data.entities[b];
      return order.indexOf(ea.kind) - order.indexOf(eb.kind) || (ea.label < eb.label ? -1 : ea.label > eb.label ? 1 : 0);
    });
    var dx = 130, dy = 70;
    var perRow = Math.max(8, Math.floor((box.right - box.left) / dx), Math.ceil(Math.sqrt(lonely.length * 2)));
    // one DataSet update: network.moveNode would redraw the whole graph once per node
    nodes.update(lonely.map(function (id, i) {
      return { id: id, x: box.left + (i % perRow) * dx, y: box.bottom + 120 + Math.floor(i / perRow) * dy };
    }));
  }

  function fitVisible() {
    network.fit({ nodes: visibleNodeIds(), animation: false });
  }

  // filters --------------------------------------------------------------------------------------

  function initiativeMembers(id) {
    var keep = {};
    keep[id] = true;
    data.relations.forEach(function (rel) {
      if (rel.kind === "initiative" && rel.object === id) {
        keep[rel.subject] = true;
        neighbours[rel.subject].forEach(function (n) { keep[n] = true; });
      }
    });
    return keep;
  }

  // the reports that pass the place, year and report filters (null: all of them)
  function chosenDocs() {
    if (!state.place && !state.year && !state.report) return null;
    var keep = {};
    Object.keys(data.documents).forEach(function (key) {
      var doc = data.documents[key];
      if ((!state.place || doc.place === state.place) && (!state.year || doc.year === state.year)
          && (!state.report || key === state.report)) keep[key] = true;
    });
    return keep;
  }

  function isVisible(id, members, docs) {
    var entity = data.entities[id];
    if (!state.kinds[entity.kind]) return false;
    if (!state.isolated && entity.degree === 0) return false;
    if (docs && !entity.docs.some(function (d) { return docs[d] === true; })) return false;
    return !members || members[id] === true;
  }

  function applyFilters() {
    var members = state.initiative === "" ? null : initiativeMembers(Number(state.initiative));
    var docs = chosenDocs();
    var visible = data.nodes.map(function (n) { return isVisible(n.id, members, docs); });
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !visible[n.id] }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: !(visible[e.from] && visible[e.to]) }; }));
    showCounts();
  }

  function visibleNodeIds() {
    return nodes.get({ filter: function (n) { return !n.hidden; }, fields: ["id"] }).map(function (n) { return n.id; });
  }

  function showCounts() {
    var shownNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    var shownEdges = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    var text = "显示 " + shownNodes + "/" + data.nodes.length + " 个实体，" + shownEdges + "/" + data.edges.length + " 条关系";
    if (state.stabilizedMs !== null) text += "（布局 " + (state.stabilizedMs / 1000).toFixed(1) + " 秒）";
    setStatus(text);
  }

  // the legend doubles as the type filter
  var kindCounts = {};
  data.entities.forEach(function (e) { kindCounts[e.kind] = (kindCounts[e.kind] || 0) + 1; });
  data.kinds.forEach(function (k) {
    var box = el("input", { type: "checkbox", checked: true, "data-kind": k.kind });
    box.addEventListener("change", function () { state.kinds[k.kind] = box.checked; applyFilters(); });
    var glyph = el("span", { className: "glyph" }, k.glyph);
    glyph.style.color = k.color;
    document.getElementById("kinds").appendChild(
      el("li", {}, el("label", {}, box, glyph, k.name), el("span", { className: "count" }, String(kindCounts[k.kind] || 0))));
  });
  var seenRelations = {};
  data.relations.forEach(function (rel, i) {
    if (seenRelations[rel.name]) return;
    seenRelations[rel.name] = true;
    var swatch = el("span", { className: "edge-swatch" });
    swatch.style.background = data.edges[i].color;
    document.getElementById("relations").appendChild(el("li", {}, swatch, rel.name));
  });

  data.statusKinds.forEach(function (k) {
    var swatch = el("span", { className: "status-swatch" });
    swatch.style.borderColor = k.color;
    document.getElementById("statuses").appendChild(el("li", {}, swatch, k.name));
  });

  // place, year and report filters
  function fillSelect(id, options, key) {
    var box = document.getElementById(id);
    options.forEach(function (o) { box.appendChild(el("option", { value: o.value }, o.label)); });
    box.addEventListener("change", function () { state[key] = box.value; applyFilters(); fitVisible(); });
  }
  fillSelect("place", data.places.map(function (p) { return { value: p, label: p }; }), "place");
  fillSelect("year", data.years.map(function (y) { return { value: y, label: y + " 年" }; }), "year");
  fillSelect("report", Object.keys(data.documents).sort(function (a, b) {
    var da = data.documents[a], db = data.documents[b];
    return (da.place + da.period + da.title < db.place + db.period + db.title) ? -1 : 1;
  }).map(function (key) {
    var doc = data.documents[key];
    return { value: key, label: doc.title || doc.file || key };
  }), "report");

  var select = document.getElementById("initiative");
  data.initiatives.forEach(function (item) { select.appendChild(el("option", { value: String(item.id) }, item.label)); });
  select.addEventListener("change", function () { state.initiative = select.value; applyFilters(); fitVisible(); });
  var isolated = document.getElementById("isolated");
  isolated.addEventListener("change", function () { state.isolated = isolated.checked; applyFilters(); fitVisible(); });
  document.getElementById("fit").addEventListener("click", fitVisible);

  // search ---------------------------------------------------------------------------------------

  var input = document.getElementById("search");
  var results = document.getElementById("search-results");

  function search(query) {
    query = query.trim().toLowerCase();
    if (!query) return [];
    var found = [];
    data.entities.forEach(function (e, id) {
      var names = [e.label].concat(e.aliases);
      for (var i = 0; i < names.length; i++) {
        var at = names[i].toLowerCase().indexOf(query);
        if (at >= 0) { found.push({ id: id, rank: (names[i].length === query.length ? 0 : 1) + (at === 0 ? 0 : 1) }); break; }
      }
    });
    found.sort(function (a, b) { return a.rank - b.rank || data.entities[a.id].label.length - data.entities[b.id].label.length; });
    return found.slice(0, 30).map(function (f) { return f.id; });
  }

  function showResults(ids) {
    results.textContent = "";
    ids.forEach(function (id, i) {
      var entity = data.entities[id];
      var hidden = nodes.get(id).hidden === true;
      var item = el("li", { className: (i === 0 ? "active " : "") + (hidden ? "hidden-node" : ""), "data-id": String(id) },
        el("span", {}, entity.label), el("span", { className: "kind" }, entity.kindName + (hidden ? "（已筛除）" : "")));
      item.addEventListener("mousedown", function (ev) { ev.preventDefault(); jumpTo(id); });
      results.appendChild(item);
    });
    if (!ids.length && input.value.trim()) results.appendChild(el("li", { className: "hidden-node" }, "没有匹配的名称"));
    results.hidden = !input.value.trim();
  }

  function jumpTo(id) {
    results.hidden = true;
    if (nodes.get(id).hidden !== true) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400 } });
    }
    showNode(id);
  }

  input.addEventListener("input", function () { showResults(search(input.value)); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = search(input.value)[0];
      if (first !== undefined) jumpTo(first);
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  // the side panel -------------------------------------------------------------------------------

  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; network.unselectAll(); });

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else panel.hidden = true;
  });

  function showNode(id) {
    var e = data.entities[id];
    body.textContent = "";
    body.appendChild(el("h2", {}, e.label || "（无名）"));
    body.appendChild(el("div", { className: "kind" }, e.kindName + (e.masked ? " · 名称被隐去" : "")));
    var facts = el("dl", {});
    if (e.aliases.length) addFact(facts, "别名", e.aliases.join("、"));
    e.amounts.forEach(function (a) {
      addFact(facts, a.kindName, a.text + (a.reports > 1 ? "（" + a.reports + " 份报告）" : ""));
    });
    e.quantities.forEach(function (a) { addFact(facts, "数量", a.text); });
    if (e.latest) addFact(facts, "最新状态", statusName(e.latest));
    e.statuses.forEach(function (s) {
      addFact(facts, "状态", s.status + periodsOf(s.sources));
    });
    var reports = {};
    e.mentions.forEach(function (m) { if (m.doc) reports[m.doc] = true; });
    addFact(facts, "报告", Object.keys(reports).length + " 份");
    addFact(facts, "连接数", String(e.degree));
    body.appendChild(facts);

    var links = data.relations.map(function (rel, i) { return { rel: rel, edge: i }; })
      .filter(function (r) { return r.rel.subject === id || r.rel.object === id; });
    if (links.length) {
      body.appendChild(el("h3", {}, "关系（" + links.length + "）"));
      var list = el("ul", { className: "links" });
      links.forEach(function (r) {
        var other = r.rel.subject === id ? r.rel.object : r.rel.subject;
        var edge = data.edges[r.edge];
        var text = data.entities[edge.from].label + " " + r.rel.name + " " + data.entities[edge.to].label;
        list.appendChild(el("li", {}, button(text, function () { showEdge(r.edge); }), " ",
          button("→ " + data.entities[other].label, function () { jumpTo(other); })));
      });
      body.appendChild(list);
    }
    if (e.timeline.length) {
      body.appendChild(el("h3", {}, "时间线（" + e.timeline.length + "）"));
      var line = el("ol", { className: "timeline" });
      e.timeline.forEach(function (event) {
        var src = event.source;
        var doc = data.documents[src.doc] || {};
        var when = [(doc.period || "时间不详") + " 报告"];
        if (src.part) when.push(src.part + (src.period && src.period !== doc.period ? "（" + src.period + "）" : ""));
        if (doc.place) when.push(doc.place);
        line.appendChild(el("li", { className: "event " + event.what },
          el("div", { className: "when" }, when.join(" · ")),
          el("div", { className: "what" }, event.text),
          sourceBlock(src)));
      });
      body.appendChild(line);
    }
    e.amounts.forEach(function (a) { sourcesSection(a.kindName + " " + a.text + " 的出处", a.sources); });
    e.statuses.forEach(function (s) { sourcesSection("状态「" + s.status + "」的出处", s.sources); });
    e.quantities.forEach(function (a) { sourcesSection("数量 " + a.text + " 的出处", a.sources); });
    sourcesSection("提及（" + e.mentions.length + "）", e.mentions);
    body.appendChild(el("div", { className: "iri" }, e.iri));
    if (e.concept) body.appendChild(el("div", { className: "iri" }, "概念：" + e.concept));
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function showEdge(index) {
    var rel = data.relations[index];
    var edge = data.edges[index];
    body.textContent = "";
    body.appendChild(el("h2", {}, data.entities[edge.from].label + " " + rel.name + " " + data.entities[edge.to].label));
    body.appendChild(el("div", { className: "kind" }, "关系 · " + rel.name + "（gk:" + rel.kind + "）"));
    var facts = el("dl", {});
    addFact(facts, "主语", button(data.entities[rel.subject].label, function () { jumpTo(rel.subject); }));
    addFact(facts, "宾语", button(data.entities[rel.object].label, function () { jumpTo(rel.object); }));
    addFact(facts, "断言", rel.sources.length + " 处");
    body.appendChild(facts);
    sourcesSection("出处（" + rel.sources.length + "）", rel.sources);
    panel.hidden = false;
    panel.scrollTop = 0;
    network.selectEdges([index]);
  }

  function statusName(key) {
    var found = data.statusKinds.filter(function (k) { return k.status === key; })[0];
    return found ? found.name : key;
  }

  function periodsOf(sources) {
    var seen = {};
    sources.forEach(function (s) { if (s.period) seen[s.period + (s.part ? " " + s.part : "")] = true; });
    var keys = Object.keys(seen);
    return keys.length ? "（" + keys.join("；") + "）" : "";
  }

  function sourcesSection(heading, sources) {
    if (!sources.length) return;
    body.appendChild(el("h3", {}, heading));
    sources.forEach(function (s) { body.appendChild(sourceBlock(s)); });
  }

  // One source: its sentence with the span [start, end) marked, then document, offsets, rule, period.
  function sourceBlock(s) {
    var block = el("div", { className: "source" });
    var sentence = s.sentence === null || s.sentence === undefined ? null : data.sentences[s.sentence];
    if (sentence) {
      var text = sentence.text;
      var from = s.start === null ? -1 : s.start - sentence.start;
      var to = s.end === null ? -1 : s.end - sentence.start;
      var p = el("div", { className: "sentence" });
      if (from >= 0 && to > from && to <= text.length) {
        p.append(text.slice(0, from), el("mark", {}, text.slice(from, to)), text.slice(to));
      } else {
        p.textContent = text;
      }
      block.appendChild(p);
    }
    var doc = data.documents[s.doc] || {};
    var meta = [doc.title || doc.file || s.doc];
    if (doc.file && doc.title) meta.push(doc.file);
    if (sentence && sentence.page) meta.push("第 " + sentence.page + " 页");  // a PDF report's
    if (s.start !== null && s.end !== null) meta.push("字符 " + s.start + "–" + s.end);
    if (s.period) meta.push(s.period);
    if (s.part) meta.push(s.part);
    if (s.rule) meta.push("规则 " + s.rule);
    block.appendChild(el("div", { className: "meta" }, meta.join(" · ")));
    return block;
  }

  function addFact(dl, term, value) {
    dl.appendChild(el("dt", {}, term));
    dl.appendChild(el("dd", {}, value));
  }

  function button(text, onClick) {
    var b = el("button", { type: "button", className: "link" }, text);
    b.addEventListener("click", onClick);
    return b;
  }

  // el("li", {className: "x"}, "text", child …): strings become text nodes, never markup
  function el(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props).forEach(function (key) {
      if (key.indexOf("data-") === 0 || key === "type" || key === "value") node.setAttribute(key, props[key]);
      else node[key] = props[key];
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  window.kgExplorer = {
    network: network, nodes: nodes, edges: edges, data: data, ready: false,
    search: search, jumpTo: jumpTo, showNode: showNode, showEdge: showEdge, visibleNodeIds: visibleNodeIds,
    stabilizedMs: function () { return state.stabilizedMs; }
  };
  showCounts();
})();
