/* kbgen concept graph: reads assets/kbgen/graph.json and draws it with vis-network.
 *
 * Positions come precomputed from the build, so the network draws at once with
 * physics off. Runs from Material's document$ so it works with instant navigation;
 * every navigation destroys the previous networks and observers first. Card text only
 * ever reaches the page through textContent or the canvas: it is never markup. */
(function () {
  "use strict";
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

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
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

  function tooltipFor(n) {
    var box = el("div", "kb-graph__tip");
    box.appendChild(el("strong", null, n.label));
    if (n.aliases && n.aliases.length) box.appendChild(el("div", "kb-graph__aka", n.aliases.join(", ")));
    if (n.summary) box.appendChild(el("div", null, n.summary));
    return box;
  }

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
      tip = tooltipFor(n);
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

  function drawGlobal(host, data, root) {
    var shown = {};
    var nodes = new vis.DataSet(), edges = new vis.DataSet();
    var controls = el("div", "kb-graph__controls");
    host.parentNode.insertBefore(controls, host);
    function add(list) {
      var fresh = list.filter(function (n) { return !shown[n.id]; });
      fresh.forEach(function (n) { shown[n.id] = true; });
      var links = {};
      fresh.forEach(function (n) {
        data.adj[n.id].forEach(function (e) { if (shown[e.from] && shown[e.to]) links[e.from + "\u0000" + e.to] = e; });
      });
      nodes.add(fresh.map(function (n) { return visNode(n); }));
      edges.update(Object.keys(links).map(function (k) { return visEdge(links[k]); }));
      status.textContent = "Showing " + nodes.length + " of " + data.nodes.length +
        " concepts, most important first.";
      more.style.display = nodes.length >= data.nodes.length ? "none" : "";
      // Past a few thousand drawn concepts a full frame nears 100 ms: drag without edges.
      if (net && nodes.length > 1500) net.setOptions({ interaction: { hideEdgesOnDrag: true } });
    }
    var status = el("span", "kb-graph__status");
    var more = el("button", "md-button kb-graph__more", "Show more concepts");
    more.type = "button";
    controls.appendChild(search(data, root, function (n) { focus(n); }));
    controls.appendChild(more);
    controls.appendChild(status);
    host.parentNode.insertBefore(legend(data), host.nextSibling);
    add(data.nodes.slice(0, data.initial));
    var net = make(host, data, nodes, edges, data.options, root);
    more.addEventListener("click", function () {
      add(data.nodes.slice(nodes.length, nodes.length + data.initial));
    });
    function focus(n) {
      if (!shown[n.id]) {
        add([n].concat(data.adj[n.id].map(function (e) { return data.byId[e.from === n.id ? e.to : e.from]; })));
      }
      net.selectNodes([n.id]);
      net.focus(n.id, { scale: Math.max(net.getScale(), 1), animation: { duration: 300 } });
      host.setAttribute("data-kb-focus", n.id);
    }
  }

  // A search box over labels and aliases; Enter focuses the best match.
  function search(data, root, onPick) {
    var wrap = el("span", "kb-graph__search");
    var input = el("input");
    input.type = "search";
    input.placeholder = "Find a concept";
    input.setAttribute("aria-label", "Find a concept in the graph");
    var list = el("datalist");
    list.id = "kb-graph-concepts";
    input.setAttribute("list", list.id);
    data.nodes.forEach(function (n) { var o = el("option"); o.value = n.label; list.appendChild(o); });
    var note = el("span", "kb-graph__note");
    note.setAttribute("aria-live", "polite");
    var last = null;
    function pick() {
      if (input.value === last) return;  // Enter and change both fire for one choice
      last = input.value;
      var n = find(data, input.value);
      note.textContent = n ? "" : "No concept matches \u201c" + input.value + "\u201d.";
      if (!n) return;
      // A real link next to the box: keyboard users open the concept without the canvas.
      var a = el("a", null, n.label);
      a.href = new URL(root + n.url, location.href).href;
      note.appendChild(document.createTextNode("Open "));
      note.appendChild(a);
      onPick(n);
    }
    input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); pick(); } });
    input.addEventListener("change", pick);
    wrap.appendChild(input);
    wrap.appendChild(list);
    wrap.appendChild(note);
    return wrap;
  }

  function find(data, text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    function names(n) { return [n.label].concat(n.aliases || []).map(function (s) { return s.toLowerCase(); }); }
    var tests = [function (s) { return s === q; }, function (s) { return s.indexOf(q) === 0; },
                 function (s) { return s.indexOf(q) >= 0; }];
    for (var t = 0; t < tests.length; t++) {
      for (var i = 0; i < data.nodes.length; i++) {  // nodes are in rank order: best first
        if (names(data.nodes[i]).some(tests[t])) return data.nodes[i];
      }
    }
    return null;
  }

  function legend(data) {
    var box = el("ul", "kb-graph__legend");
    box.setAttribute("aria-label", "Colours: communities of closely linked concepts");
    data.legend.forEach(function (c) {
      var item = el("li");
      var swatch = el("span", "kb-graph__swatch");
      swatch.style.background = c.colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(
        (c.other ? "other communities" : "around " + c.label) + " (" + c.size + ")"));
      box.appendChild(item);
    });
    return box;
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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
