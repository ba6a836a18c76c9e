/* kbgen concept graph: reads assets/kbgen/graph.json and draws it with vis-network.
 *
 * Positions come precomputed from the build, so the network draws at once with
 * physics off. Runs from Material's document$ so it works with instant navigation;
 * every navigation destroys the previous networks and observers first. Card text only
 * ever reaches the page through textContent or the canvas: it is never markup. */
(function () {
  "use strict";
  var ui = window.kbGraphUI, el = ui.el;
  var live = [];      // {network, observer} of the current page
  var cache = {};     // graph.json promise per URL, shared across instant navigations

  function destroyAll() {
    live.forEach(function (g) { g.observer.disconnect(); g.network.destroy(); });
    live = [];
  }

  function load(root) {
    var url = new URL(root + "assets/kbgen/graph.json", location.href).href;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).then(index);
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  // Lookups built once per graph.json: node by id, rank order, adjacency.
  function index(data) {
    data.byId = {};
    data.adj = {};
    data.nodes.forEach(function (n, i) { n.order = i; data.byId[n.id] = n; data.adj[n.id] = []; });
    data.edges.forEach(function (e) {
      data.adj[e.from].push(e);
      data.adj[e.to].push(e);
    });
    return data;
  }

  // Material's colours are CSS variables that may hold var()/hsla() tokens the canvas
  // cannot parse; a probe element resolves them to rgb() for the current scheme.
  function themeColours(host) {
    var probe = el("span");
    probe.style.display = "none";
    host.appendChild(probe);
    function resolve(v) { probe.style.color = "var(" + v + ")"; return getComputedStyle(probe).color; }
    var c = { fg: resolve("--md-default-fg-color"), bg: resolve("--md-default-bg-color"),
              edge: resolve("--md-default-fg-color--lighter") };
    probe.remove();
    return c;
  }

  // vis-network options are nested; a shallow merge would drop the defaults beside a key.
  function merge(base, extra) {
    var out = Object.assign({}, base);
    Object.keys(extra).forEach(function (k) {
      var b = base[k], e = extra[k];
      out[k] = b && e && typeof b === "object" && typeof e === "object" && !Array.isArray(e) ? merge(b, e) : e;
    });
    return out;
  }

  function themed(host) {
    var c = themeColours(host);
    return { nodes: { font: { color: c.fg, strokeColor: c.bg } },
             edges: { color: { color: c.edge, highlight: c.fg, hover: c.fg } } };
  }

  function visNode(n, centre) {
    return { id: n.id, label: n.label, x: n.x, y: n.y, value: n.value, color: n.color,
             borderWidth: n.id === centre ? 4 : 1 };
  }

  function visEdge(e) { return { id: e.from + "\u0000" + e.to, from: e.from, to: e.to, value: e.value }; }

  // Material's instant navigation listens for clicks on links; a real (detached-soon)
  // link click uses it when it is on, and is a plain navigation otherwise.
  function navigate(url) {
    var a = el("a");
    a.href = url;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // Hover: a ring around each neighbour, drawn after vis draws the frame. It touches
  // only the hovered node's neighbours, so hovering stays cheap at thousands of nodes.
  function interact(net, host, data, root) {
    var ring = null, tip = null;
    net.on("hoverNode", function (p) {
      var n = data.byId[p.node];
      ring = data.adj[p.node].map(function (e) { return e.from === p.node ? e.to : e.from; });
      if (tip) tip.remove();
      tip = ui.tooltip(n);
      tip.style.left = Math.min(p.pointer.DOM.x + 14, host.clientWidth - 240) + "px";
      tip.style.top = (p.pointer.DOM.y + 14) + "px";
      host.appendChild(tip);
      net.redraw();
    });
    net.on("blurNode", function () {
      ring = null;
      if (tip) { tip.remove(); tip = null; }
      net.redraw();
    });
    net.on("afterDrawing", function (ctx) {
      host.setAttribute("data-kb-drawn", String(net.body.nodeIndices.length));
      if (!ring) return;
      var shown = ring.filter(function (id) { return id in net.body.nodes; });
      var pos = net.getPositions(shown);
      ctx.lineWidth = 3 / Math.max(net.getScale(), 0.2);
      ctx.strokeStyle = getComputedStyle(host).getPropertyValue("--kb-ring").trim() || "#e91e63";
      shown.forEach(function (id) {
        var r = (net.body.nodes[id].shape.radius || 10) + ctx.lineWidth;
        ctx.beginPath();
        ctx.arc(pos[id].x, pos[id].y, r, 0, 2 * Math.PI);
        ctx.stroke();
      });
    });
    net.on("click", function (p) {
      if (p.nodes.length) navigate(new URL(root + data.byId[p.nodes[0]].url, location.href).href);
    });
  }

  function make(host, data, nodes, edges, options, root) {
    var net = new vis.Network(host, { nodes: nodes, edges: edges },
                              merge(readable(host, nodes.get(), options), themed(host)));
    interact(net, host, data, root);
    // Follow Material's palette toggle (it sets data-md-color-scheme on <body>).
    var observer = new MutationObserver(function () { net.setOptions(themed(host)); });
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    live.push({ network: net, observer: observer });
    host.kbNetwork = net;
    return net;
  }

  // Sizes are in layout units, and a big graph fits the view only far zoomed out, where
  // every dot and label would vanish. Scale the largest ones up so that at the fitted
  // zoom the important concepts stay visible and labelled; the rest appear on zoom-in.
  function readable(host, nodes, options) {
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var w = Math.max.apply(null, xs) - Math.min.apply(null, xs);
    var h = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    var s = Math.min(host.clientWidth / (w || 1), host.clientHeight / (h || 1));
    if (!(s > 0) || s >= 0.5) return options;
    var sc = options.nodes.scaling;
    return merge(options, { nodes: { scaling: {
      max: Math.max(sc.max, 10 / s),
      label: { max: Math.max(sc.label.max, 15 / s) } } } });
  }

  // Breadth-first to `depth`, strongest links first, until `cap` concepts.
  function neighbourhood(data, centre, depth, cap) {
    var keep = {}, frontier = [centre], count = 1;
    keep[centre] = true;
    for (var d = 1; d <= depth && count < cap; d++) {
      var next = [];
      frontier.forEach(function (id) {
        data.adj[id].slice().sort(function (a, b) { return b.value - a.value; }).forEach(function (e) {
          var o = e.from === id ? e.to : e.from;
          if (!keep[o] && count < cap) { keep[o] = true; count++; next.push(o); }
        });
      });
      frontier = next;
    }
    return keep;
  }

  function drawLocal(host, data, root) {
    var centre = host.getAttribute("data-kb-concept");
    if (!data.byId[centre]) return;
    var keep = neighbourhood(data, centre, data.local.depth, data.local.cap);
    var nodes = data.nodes.filter(function (n) { return keep[n.id]; })
      .map(function (n) { return visNode(n, centre); });
    var edges = data.edges.filter(function (e) { return keep[e.from] && keep[e.to]; }).map(visEdge);
    var options = merge(data.options, { physics: data.localPhysics });
    var net = make(host, data, new vis.DataSet(nodes), new vis.DataSet(edges), options, root);
    // A short capped settle from the global positions, then physics stops for good.
    net.once("stabilizationIterationsDone", function () { net.setOptions({ physics: { enabled: false } }); });
  }

  // The global graph opens on the most important concepts; "Show more" adds the next
  // batch in rank order, and a search adds the concept it finds with its neighbours.
  function drawGlobal(host, data, root) {
    var shown = {}, cursor = 0, net = null;
    var nodes = new vis.DataSet(), edges = new vis.DataSet();
    var more = el("button", "md-button kb-graph__more", "Show more concepts");
    var status = el("span", "kb-graph__status");
    function add(list) {
      var fresh = list.filter(function (n) { return !shown[n.id]; }), links = {};
      fresh.forEach(function (n) { shown[n.id] = true; });
      fresh.forEach(function (n) {
        data.adj[n.id].forEach(function (e) { if (shown[e.from] && shown[e.to]) links[visEdge(e).id] = visEdge(e); });
      });
      nodes.add(fresh.map(function (n) { return visNode(n); }));
      edges.update(Object.keys(links).map(function (k) { return links[k]; }));
      status.textContent = "Showing " + nodes.length + " of " + data.nodes.length + " concepts, most important first.";
      more.style.display = nodes.length >= data.nodes.length ? "none" : "";
      // With thousands of concepts drawn a frame takes tens of ms: drag without edges.
      if (net && nodes.length > 1500) net.setOptions({ interaction: { hideEdgesOnDrag: true } });
    }
    function nextBatch() {
      var batch = [];
      for (; cursor < data.nodes.length && batch.length < data.initial; cursor++) {
        if (!shown[data.nodes[cursor].id]) batch.push(data.nodes[cursor]);
      }
      add(batch);
    }
    function focus(n) {
      add([n].concat(data.adj[n.id].map(function (e) { return data.byId[e.from === n.id ? e.to : e.from]; })));
      net.selectNodes([n.id]);
      net.focus(n.id, { scale: Math.max(net.getScale(), 1), animation: { duration: 300 } });
      host.setAttribute("data-kb-focus", n.id);
    }
    more.type = "button";
    more.addEventListener("click", nextBatch);
    var controls = el("div", "kb-graph__controls");
    [ui.search(data, root, focus), more, status].forEach(function (c) { controls.appendChild(c); });
    host.parentNode.insertBefore(controls, host);
    host.parentNode.insertBefore(ui.legend(data), host.nextSibling);
    nextBatch();
    net = make(host, data, nodes, edges, data.options, root);
  }

  function setup() {
    destroyAll();
    document.querySelectorAll(".kb-graph__controls, .kb-graph__legend").forEach(function (n) { n.remove(); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-graph]"), function (host) {
      var root = host.getAttribute("data-kb-root") || "./";
      load(root).then(function (data) {
        if (!document.body.contains(host)) return;  // navigated away meanwhile
        if (host.getAttribute("data-kb-graph") === "local") drawLocal(host, data, root);
        else drawGlobal(host, data, root);
      }).catch(function (err) {
        host.textContent = "The graph could not be loaded (" + err.message + "); the lists on this page have every link.";
      });
    });
  }

  // Start the download now, while Material still boots; setup() reuses the same promise.
  var first = document.querySelector("[data-kb-graph]");
  if (first) load(first.getAttribute("data-kb-root") || "./").catch(function () {});

  window.kbBoot(setup);
})();
