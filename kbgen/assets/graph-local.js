/* kbgen concept graph on a concept page: the concept and its strongest neighbours.
 *
 * The data is the concept's own file (assets/kbgen/graph/<id>.json): depth 1 by default,
 * depth 2 on request. The few nodes are laid out here, in rings sized to the canvas, so
 * the concept sits in the middle, largest, and every label has room on the outer side. */
(function () {
  "use strict";
  var G = window.kbGraph, ui = window.kbGraphUI;

  function side(a) {
    var c = Math.cos(a), s = Math.sin(a);
    return c > 0.45 ? "right" : c < -0.45 ? "left" : s < 0 ? "above" : "below";
  }

  // Neighbours on an ellipse (grouped by colour, strongest first within one); depth 2 on
  // an outer ellipse, in the order of the neighbour that brought each one in.
  function rings(nodes, w, h, depth) {
    var pos = {}, rx = Math.max(w / 2 - 90, 30), ry = Math.max(h / 2 - 28, 30), k = depth > 1 ? 0.5 : 1;
    var first = nodes.filter(function (n) { return n.depth === 1; }).sort(function (a, b) {
      return a.group - b.group || b.weight - a.weight;
    });
    var angle = {}, step = 2 * Math.PI / Math.max(first.length, 1);
    first.forEach(function (n, i) {
      var a = -Math.PI / 2 + step * (i + 0.5);
      angle[n.id] = a;
      pos[n.id] = { x: rx * k * Math.cos(a), y: ry * k * Math.sin(a), side: side(a) };
    });
    var second = nodes.filter(function (n) { return n.depth === 2; }).sort(function (a, b) {
      return angle[a.parent] - angle[b.parent] || b.weight - a.weight;
    });
    var step2 = 2 * Math.PI / Math.max(second.length, 1);
    var start = second.length ? angle[second[0].parent] - step2 / 2 : 0;
    second.forEach(function (n, i) {
      var a = start + step2 * i;
      pos[n.id] = { x: rx * Math.cos(a), y: ry * Math.sin(a), side: side(a) };
    });
    nodes.forEach(function (n) { if (!pos[n.id]) pos[n.id] = { x: 0, y: 0, side: "below" }; });
    return pos;
  }

  function visNode(n, p, colours) {
    var centre = n.depth === 0;
    return { id: n.id, x: p.x, y: p.y, size: centre ? 16 : n.depth === 1 ? 6 + Math.min(n.weight || 1, 4) * 1.5 : 5,
             color: centre ? { background: n.color.background, border: colours.fg } : n.color,
             borderWidth: centre ? 3 : 1, opacity: n.hub && !centre ? 0.35 : 1 };
  }

  // The concept's label first, then its neighbours by link strength, depth 2 last.
  function labelItems(data, depth, pos) {
    return data.nodes.filter(function (n) { return n.depth <= depth; }).map(function (n) {
      return { id: n.id, text: n.label, size: n.depth === 0 ? 16 : n.depth === 1 ? 13 : 12,
               bold: n.depth === 0, faded: n.hub && n.depth > 0, side: pos[n.id] ? pos[n.id].side : "below",
               key: n.depth * 1000 - (n.weight || 0) };
    }).sort(function (a, b) { return a.key - b.key; });
  }

  // localgraph.py writes nodes as rows, [id, group, depth, parent's position, weight, hub,
  // label, url], leaving out a label and url the id gives; the centre's summary and aliases
  // are in "head". Decoded in place, once (a file fetched again is the same object).
  function decode(d) {
    if (!d.nodes.length || !Array.isArray(d.nodes[0])) return d;
    var rows = d.nodes;
    d.nodes = rows.map(function (r) {
      return { id: r[0], group: r[1], depth: r[2], parent: r[3] >= 0 ? rows[r[3]][0] : undefined,
               weight: r[4], hub: r[5] === 1, label: r[6] || r[0].replace(/-/g, " "),
               url: r[7] || "concepts/" + r[0] + "/" };
    });
    Object.assign(d.nodes[0], d.head);
    return d;
  }

  function draw(host, data, shared, root, loadVis) {
    var options = shared.vis;
    decode(data);
    data.nodes.forEach(function (n) { n.color = shared.colours[n.group]; });
    data.edges = data.links.map(function (l) {
      return { from: data.nodes[l[0]].id, to: data.nodes[l[1]].id, value: l[2] };
    });
    var f = G.frame(host), depth = 1, state = { root: root, avoidDots: true }, pos = {}, net = null;
    if (data.nodes.some(function (n) { return n.depth === 2; })) {
      var b = ui.button("Depth 2", null, function () {
        depth = depth === 1 ? 2 : 1;
        b.setAttribute("aria-pressed", String(depth === 2));
        state.refit();
      });
      b.setAttribute("aria-pressed", "false");
      b.title = "Also show the neighbours' neighbours";
      f.bar.appendChild(b);
    }
    G.viewButtons(f);
    state.colours = G.themeColours(host);
    // The rings are sized to the canvas, measured once the bar above it is complete.
    function scene() {
      var keep = data.nodes.filter(function (n) { return n.depth <= depth; }), ids = {};
      keep.forEach(function (n) { ids[n.id] = true; });
      pos = rings(keep, f.canvas.clientWidth, f.canvas.clientHeight, depth);
      return { nodes: keep.map(function (n) { return visNode(n, pos[n.id], state.colours); }),
               edges: data.edges.filter(function (e) { return ids[e.from] && ids[e.to]; }).map(G.visEdge) };
    }
    var first = scene(), look = { colours: state.colours, edgeOpacity: options.edges.color.opacity, avoidDots: true,
                                  edgeWidth: [options.edges.scaling.min, options.edges.scaling.max],
                                  items: labelItems(data, depth, pos) };
    state.picture = window.kbGraphPaint.paint(f.canvas, first, { x: 0, y: 0, scale: 1 }, look);
    host.setAttribute("data-kb-painted", String(first.nodes.length));
    state.refit = function () {  // before vis has run: paint the other depth
      if (state.picture) state.picture.remove();
      first = scene();
      look.items = labelItems(data, depth, pos);
      state.picture = window.kbGraphPaint.paint(f.canvas, first, { x: 0, y: 0, scale: 1 }, look);
    };
    state.details = function (id) {
      var url = new URL(root + "assets/kbgen/graph/" + id + ".json", location.href).href;
      return window.kbGraphLoader.fetchJSON(url).then(function (d) { return decode(d).nodes[0]; });
    };
    return loadVis().then(function () {
      if (!document.body.contains(host)) return;
      var nodes = new vis.DataSet(first.nodes), edges = new vis.DataSet(first.edges);
      function centre() { net.moveTo({ position: { x: 0, y: 0 }, scale: 1 }); }
      state.refit = function () {
        var next = scene();
        nodes.clear();
        edges.clear();
        nodes.add(next.nodes);
        edges.add(next.edges);
        centre();
      };
      net = G.make(host, f, { nodes: nodes, edges: edges }, options, state);
      centre();
      G.interact(net, host, G.index(data.nodes, data.edges), state);
      G.afterDraw(net, host, state, function () { return labelItems(data, depth, pos); });
    });
  }

  window.kbGraphLocal = { draw: draw, rings: rings };
})();
