/* kbgen concept graph, the graph page: every concept, most important first.
 *
 * It opens on the top concepts ("Show more" adds the next batch in rank order; search adds
 * the concept it finds with its neighbours). The legend hides or shows a community, the
 * deck menu keeps one deck's concepts, "Hide hubs" drops the few concepts linked to
 * everything. Labels are culled by importance and zoom (graph-labels.js). */
(function () {
  "use strict";
  var G = window.kbGraph, ui = window.kbGraphUI, el = ui.el;

  // Sizes are in layout units, and a big graph fits the view only far zoomed out, where
  // every dot would vanish. Scale the largest ones up so that at the fitted zoom the
  // important concepts stay visible; the rest grow as the reader zooms in.
  function readable(canvas, nodes, options) {
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var w = Math.max.apply(null, xs) - Math.min.apply(null, xs);
    var h = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    var s = Math.min(canvas.clientWidth / (w || 1), canvas.clientHeight / (h || 1));
    // Hundreds of links drawn at full strength hide the dots: fainter lines past 100 concepts.
    if (nodes.length > 100) options = G.merge(options, { edges: { color: { opacity: 0.25 } } });
    if (!(s > 0) || s >= 0.5) return options;
    return G.merge(options, { nodes: { scaling: { max: Math.max(options.nodes.scaling.max, 10 / s) } } });
  }

  function visNode(n) {
    return { id: n.id, x: n.x, y: n.y, value: n.value, color: n.color, opacity: n.hub ? 0.45 : 1 };
  }

  function neighbours(look, id) {
    return look.adj[id].slice().sort(function (a, b) { return b.value - a.value; })
      .map(function (e) { return e.from === id ? e.to : e.from; });
  }

  // Label order: the searched concept and its neighbours, then rank order.
  function labelItems(ids, look, state) {
    var first = state.focus ? [state.focus].concat(neighbours(look, state.focus).slice(0, 20)) : [];
    var rank = {};
    first.forEach(function (id, i) { rank[id] = i - first.length; });
    return ids.slice().sort(function (a, b) {
      var ra = a in rank ? rank[a] : look.byId[a].order, rb = b in rank ? rank[b] : look.byId[b].order;
      return ra - rb;
    }).slice(0, 2000).map(function (id) {
      var n = look.byId[id], top = n.order < 12 || id === state.focus;
      return { id: id, text: n.label, size: top ? 14 : n.order < 60 ? 13 : 12, bold: top, faded: n.hub };
    });
  }

  // The concepts shown: a DataSet grown in rank order, seen through the filters.
  function shownSet(look, filters) {
    var g = { nodes: new vis.DataSet(), edges: new vis.DataSet(), shown: {}, cursor: 0 };
    g.view = new vis.DataView(g.nodes, { filter: function (v) {
      var n = look.byId[v.id];
      return !filters.hidden[n.group] && (filters.deck === null || n.decks.indexOf(filters.deck) >= 0) &&
             !(filters.hubs && n.hub);
    } });
    g.add = function (list) {
      var fresh = list.filter(function (n) { return !g.shown[n.id]; }), links = {};
      fresh.forEach(function (n) { g.shown[n.id] = true; });
      fresh.forEach(function (n) {
        look.adj[n.id].forEach(function (e) { if (g.shown[e.from] && g.shown[e.to]) links[G.visEdge(e).id] = G.visEdge(e); });
      });
      g.nodes.add(fresh.map(visNode));
      g.edges.update(Object.keys(links).map(function (k) { return links[k]; }));
    };
    return g;
  }

  // The bar's filters and the legend; ``reset`` puts every control back to "show all".
  function filterControls(data, filters, refilter) {
    var c = {};
    c.legend = ui.legend(data, function (key, on) { filters.hidden[key] = !on; refilter(); });
    c.decks = data.decks.length > 1 ? ui.deckFilter(data, function (d) { filters.deck = d; refilter(); }) : null;
    c.hubs = ui.toggle("Hide hubs", function (on) { filters.hubs = on; refilter(); });
    c.reset = function () {
      filters.hidden = {};
      filters.deck = null;
      filters.hubs = false;
      c.legend.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", "true"); });
      if (c.decks) c.decks.value = "";
      c.hubs.querySelector("input").checked = false;
    };
    return c;
  }

  // The page drew from graph-top.json; the whole graph comes next, for search and "Show more".
  function upgrade(data, root, onData) {
    if (!data.partial) return;
    window.kbGraphLoader.fetchJSON(new URL(root + "assets/kbgen/graph.json", location.href).href).then(onData)
      .catch(function () { /* the top concepts stay drawn; the A–Z lists have the rest */ });
  }

  // vis's size for a value: scaled within the range of the values shown.
  function scaled(values, min, max) {
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    return function (v) { return min + (max - min) * (hi === lo ? 0.5 : (v - lo) / (hi - lo)); };
  }

  // The first frame, before vis has run: the opening concepts fitted to the canvas, painted
  // still (graph-paint.js); vis then starts from the same view.
  function firstFrame(f, data, look, state) {
    var top = data.nodes.slice(0, data.initial), ids = {}, w = f.canvas.clientWidth, h = f.canvas.clientHeight;
    top.forEach(function (n) { ids[n.id] = true; });
    var options = readable(f.canvas, top, data.options), sc = options.nodes.scaling;
    var size = scaled(top.map(function (n) { return n.value; }), sc.min, sc.max);
    // vis's fit: the dots' bounding box with a tenth to spare, zoomed in no further than 1.
    function edge(pick, key, sign) {
      return pick.apply(null, top.map(function (n) { return n[key] + sign * size(n.value); }));
    }
    var x0 = edge(Math.min, "x", -1), x1 = edge(Math.max, "x", 1), y0 = edge(Math.min, "y", -1), y1 = edge(Math.max, "y", 1);
    var view = { x: (x0 + x1) / 2, y: (y0 + y1) / 2,
                 scale: Math.min(1, w / (1.1 * (x1 - x0) || 1), h / (1.1 * (y1 - y0) || 1)) };
    var scene = { nodes: top.map(function (n) {
      return { id: n.id, x: n.x, y: n.y, size: size(n.value), color: n.color, borderWidth: options.nodes.borderWidth,
               opacity: n.hub ? 0.45 : 1 };
    }), edges: data.edges.filter(function (e) { return ids[e.from] && ids[e.to]; }) };
    state.view = view;
    state.picture = window.kbGraphPaint.paint(f.canvas, scene, view, {
      colours: state.colours, edgeOpacity: options.edges.color.opacity, avoidDots: false,
      edgeWidth: [options.edges.scaling.min, options.edges.scaling.max],
      items: labelItems(Object.keys(ids), look, state) });
  }

  function draw(host, data, root, loadVis) {
    var f = G.frame(host), look = G.index(data.nodes, data.edges), state = { root: root, focus: null };
    var filters = { hidden: {}, deck: null, hubs: false }, g = null, net = null;
    var more = ui.button("Show more concepts", null, nextBatch), status = el("span", "kb-graph__status");
    more.classList.add("kb-graph__more");
    function report() {  // before vis has run, what the first frame shows
      var total = data.total || data.nodes.length, opening = Math.min(data.initial, total);
      var shown = g ? g.view.length : opening;
      status.textContent = "Showing " + shown + " of " + total + " concepts, most important first.";
      more.style.display = (g ? g.nodes.length : opening) >= total ? "none" : "";
      more.disabled = !!data.partial || !g;
      host.setAttribute("data-kb-shown", String(shown));
      // With thousands of concepts drawn a frame takes tens of ms: drag without edges.
      if (net && g.nodes.length > 1500) net.setOptions({ interaction: { hideEdgesOnDrag: true } });
    }
    function refilter() { if (g) { g.view.refresh(); report(); net.redraw(); } }
    function nextBatch() {
      var batch = [];
      if (!g) return;
      for (; g.cursor < data.nodes.length && batch.length < data.initial; g.cursor++) {
        if (!g.shown[data.nodes[g.cursor].id]) batch.push(data.nodes[g.cursor]);
      }
      g.add(batch);
      report();
    }
    var c = filterControls(data, filters, refilter);
    function focus(n) {
      if (!net) return;  // the first frame is still; vis is on its way
      var near = neighbours(look, n.id).slice(0, 20);
      g.add([n].concat(near.map(function (id) { return look.byId[id]; })));
      if (!g.view.get(n.id)) c.reset();
      refilter();
      state.focus = n.id;
      net.selectNodes([n.id]);
      net.fit({ nodes: [n.id].concat(near), maxZoomLevel: 1.5, animation: false });
      host.setAttribute("data-kb-focus", n.id);
    }
    var search = ui.search(data, root, focus);
    [search, c.decks, c.hubs, more, status].forEach(function (x) { if (x) f.bar.appendChild(x); });
    upgrade(data, root, function (all) {
      if (!document.body.contains(host)) return;
      data = all;
      Object.assign(look, G.index(all.nodes, all.edges));
      var fresh = ui.search(all, root, focus), box = search.querySelector("input");
      fresh.querySelector("input").value = box.value;  // the reader may be typing already
      search.replaceWith(fresh);
      if (document.activeElement === document.body && box.value) fresh.querySelector("input").focus();
      search = fresh;
      report();
      host.setAttribute("data-kb-complete", "");
    });
    host.appendChild(c.legend);
    G.viewButtons(f);
    state.colours = G.themeColours(host);
    report();
    firstFrame(f, data, look, state);
    host.setAttribute("data-kb-painted", String(Math.min(data.initial, data.nodes.length)));
    return loadVis().then(function () {
      if (!document.body.contains(host)) return;
      g = shownSet(look, filters);
      nextBatch();
      state.refit = function () { net.fit({ animation: false }); };
      net = G.make(host, f, { nodes: g.view, edges: g.edges }, readable(f.canvas, g.nodes.get(), data.options), state);
      net.moveTo({ position: { x: state.view.x, y: state.view.y }, scale: state.view.scale });
      G.interact(net, host, look, state);
      G.afterDraw(net, host, state, function () { return labelItems(net.body.nodeIndices, look, state); });
    });
  }

  window.kbGraphGlobal = { draw: draw };
})();
