/* kbgen concept graph: draws a box's data with vis-network. Loaded by graph-loader.js, which
 * fetches the data and calls kbGraph.draw(host, data, options, loadVis) once the box is near
 * view; each graph paints a still first frame (graph-paint.js) before it runs vis-network.
 *
 * Global positions come precomputed from the build, so vis draws at once with physics off;
 * a local graph (one concept's neighbourhood) is laid out here in rings that fit its canvas.
 * Labels are placed by graph-labels.js. Card text only reaches the page through
 * textContent or the canvas: it is never markup. */
(function () {
  "use strict";
  var ui = window.kbGraphUI, labels = window.kbGraphLabels, el = ui.el;
  var live = [];  // {host, network, cleanup} of the current page

  // After an instant navigation the old page's boxes are out of the document.
  function destroyDetached() {
    live = live.filter(function (g) {
      if (document.body.contains(g.host)) return true;
      g.cleanup();
      g.network.destroy();
      return false;
    });
  }

  // Material's colours are CSS variables that may hold var()/hsla() tokens the canvas
  // cannot parse; a probe element resolves them to rgb() for the current scheme.
  function themeColours(host) {
    var probe = el("span");
    probe.style.display = "none";
    host.appendChild(probe);
    function resolve(v) { probe.style.color = "var(" + v + ")"; return getComputedStyle(probe).color; }
    var c = { fg: resolve("--md-default-fg-color"), bg: resolve("--md-default-bg-color"),
              edge: resolve("--md-default-fg-color--lighter"), faded: resolve("--md-default-fg-color--light") };
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

  function themed(colours) {
    return { edges: { color: { color: colours.edge, highlight: colours.fg, hover: colours.fg } } };
  }

  function visEdge(e) { return { id: e.from + "\u0000" + e.to, from: e.from, to: e.to, value: e.value }; }

  // Lookups over a node and edge list: node by id, links by node.
  function index(nodes, edges) {
    var byId = {}, adj = {};
    nodes.forEach(function (n, i) { n.order = i; byId[n.id] = n; adj[n.id] = []; });
    edges.forEach(function (e) { adj[e.from].push(e); adj[e.to].push(e); });
    return { byId: byId, adj: adj };
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

  // The box: a bar of controls above the canvas, both inside the host, whose height CSS
  // fixes, so drawing moves nothing on the page.
  function frame(host) {
    host.textContent = "";
    var bar = el("div", "kb-graph__bar"), canvas = el("div", "kb-graph__canvas");
    canvas.tabIndex = 0;
    // Keys drive it, so it is an application to assistive tech (a label needs a role).
    canvas.setAttribute("role", "application");
    canvas.setAttribute("aria-label", (host.getAttribute("aria-label") || "Graph") +
      ". Keys: + and \u2212 zoom, arrows move, 0 fits. Ctrl+wheel or pinch zooms.");
    host.appendChild(bar);
    host.appendChild(canvas);
    return { bar: bar, canvas: canvas };
  }

  // The wheel scrolls the page: vis only sees it with Ctrl or ⌘ held (and a trackpad pinch,
  // which the browser sends as a Ctrl+wheel). Keys work once the canvas has focus.
  function controls(net, canvas, refit) {
    canvas.addEventListener("wheel", function (ev) { if (!(ev.ctrlKey || ev.metaKey)) ev.stopPropagation(); }, true);
    function zoom(f) { net.moveTo({ scale: net.getScale() * f }); }
    function pan(dx, dy) {
      var p = net.getViewPosition(), s = net.getScale();
      net.moveTo({ position: { x: p.x + dx / s, y: p.y + dy / s } });
    }
    var keys = { "+": function () { zoom(1.25); }, "=": function () { zoom(1.25); }, "-": function () { zoom(0.8); },
                 "0": refit, ArrowLeft: function () { pan(-60, 0); }, ArrowRight: function () { pan(60, 0); },
                 ArrowUp: function () { pan(0, -60); }, ArrowDown: function () { pan(0, 60); } };
    canvas.addEventListener("keydown", function (ev) {
      if (!keys[ev.key] || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      ev.preventDefault();
      keys[ev.key]();
    });
    return { zoomIn: function () { zoom(1.25); }, zoomOut: function () { zoom(0.8); }, fit: refit };
  }

  // Full screen where the browser allows it, else the box fills the window.
  function fullscreen(host, onResize) {
    function changed() { setTimeout(onResize, 50); }
    document.addEventListener("fullscreenchange", changed);
    return {
      toggle: function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (host.requestFullscreen) host.requestFullscreen().catch(function () { host.classList.toggle("kb-graph--max"); changed(); });
        else { host.classList.toggle("kb-graph--max"); changed(); }
      },
      cleanup: function () { document.removeEventListener("fullscreenchange", changed); }
    };
  }

  // Hover: a ring around each neighbour and a tooltip; click opens the concept's page.
  function interact(net, host, look, state) {
    var tip = null;
    net.on("hoverNode", function (p) {
      var n = look.byId[p.node];
      state.ring = look.adj[p.node].map(function (e) { return e.from === p.node ? e.to : e.from; });
      if (tip) tip.remove();
      tip = ui.tooltip(n);
      var box = net.body.container;
      tip.style.left = Math.max(0, Math.min(p.pointer.DOM.x + 14, box.clientWidth - 240)) + "px";
      tip.style.top = (box.offsetTop + p.pointer.DOM.y + 14) + "px";
      host.appendChild(tip);
      net.redraw();
      // A local graph holds only its own concept's summary; the others come from their files.
      tip.kbFor = p.node;
      if (n.summary === undefined && state.details) state.details(p.node).then(function (full) {
        var shown = tip;
        if (!shown || shown.kbFor !== p.node || !shown.isConnected) return;  // the pointer moved on
        tip = ui.tooltip(full);
        tip.kbFor = p.node;
        tip.style.left = shown.style.left;
        tip.style.top = shown.style.top;
        shown.replaceWith(tip);
      }).catch(function () { /* the label alone is shown */ });
    });
    net.on("blurNode", function () {
      state.ring = null;
      if (tip) { tip.remove(); tip = null; }
      net.redraw();
    });
    net.on("click", function (p) {
      if (p.nodes.length) navigate(new URL(state.root + look.byId[p.nodes[0]].url, location.href).href);
    });
  }

  function drawRing(net, ctx, host, ids) {
    var shown = ids.filter(function (id) { return id in net.body.nodes && net.body.nodeIndices.indexOf(id) >= 0; });
    var pos = net.getPositions(shown);
    ctx.lineWidth = 3 / Math.max(net.getScale(), 0.2);
    ctx.strokeStyle = getComputedStyle(host).getPropertyValue("--kb-ring").trim() || "#e91e63";
    shown.forEach(function (id) {
      var r = (net.body.nodes[id].shape.radius || 10) + ctx.lineWidth;
      ctx.beginPath();
      ctx.arc(pos[id].x, pos[id].y, r, 0, 2 * Math.PI);
      ctx.stroke();
    });
  }

  // Every frame: rings, then labels placed for the current zoom; the boxes stay on the host.
  // vis's first frame replaces the still picture painted before it (graph-paint.js).
  function afterDraw(net, host, state, items) {
    net.on("afterDrawing", function (ctx) {
      if (state.picture) { state.picture.remove(); state.picture = null; }
      if (state.ring) drawRing(net, ctx, host, state.ring);
      var box = net.body.container, w = box.clientWidth, h = box.clientHeight;
      var ids = net.body.nodeIndices, canvasPos = net.getPositions(ids), pos = {}, radius = {}, s = net.getScale();
      ids.forEach(function (id) {
        pos[id] = net.canvasToDOM(canvasPos[id]);
        radius[id] = (net.body.nodes[id].shape.radius || 5) * s;
      });
      var dots = state.avoidDots ? ids.map(function (id) {
        return { x: pos[id].x - radius[id], y: pos[id].y - radius[id], w: 2 * radius[id], h: 2 * radius[id] };
      }) : [];
      var placed = labels.place(ctx, items(pos), pos, radius, { w: w, h: h }, dots);
      labels.draw(ctx, placed, state.colours, ctx.canvas.width / (w || 1));
      host.kbLabels = placed;
      host.kbColours = state.colours;
      host.setAttribute("data-kb-drawn", String(ids.length));
    });
  }

  // The network in the frame, with the view buttons; they exist before the canvas does,
  // so the canvas is measured with the bar at its final height.
  function make(host, f, data, options, state) {
    state.colours = state.colours || themeColours(host);
    var actions = viewButtons(f);
    var net = new vis.Network(f.canvas, data, merge(options, themed(state.colours)));
    // Follow Material's palette toggle (it sets data-md-color-scheme on <body>).
    var observer = new MutationObserver(function () {
      state.colours = themeColours(host);
      net.setOptions(themed(state.colours));
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    var full = fullscreen(host, function () { net.setSize("100%", "100%"); state.refit(); });
    Object.assign(actions, controls(net, f.canvas, function () { state.refit(); }), { fullscreen: full.toggle });
    live.push({ host: host, network: net, cleanup: function () { observer.disconnect(); full.cleanup(); } });
    host.kbNetwork = net;
    return net;
  }

  // The zoom and full-screen buttons, once per frame; they act once the network exists.
  function viewButtons(f) {
    if (f.actions) return f.actions;
    var actions = f.actions = {};
    f.bar.appendChild(ui.viewButtons({ zoomIn: function () { if (actions.zoomIn) actions.zoomIn(); },
                                       zoomOut: function () { if (actions.zoomOut) actions.zoomOut(); },
                                       fit: function () { if (actions.fit) actions.fit(); },
                                       fullscreen: function () { if (actions.fullscreen) actions.fullscreen(); } }));
    return actions;
  }

  // ``loadVis()`` runs vis-network and settles when it has: each graph paints its first frame before.
  function draw(host, data, options, loadVis) {
    var root = host.getAttribute("data-kb-root") || "./";
    if (host.getAttribute("data-kb-graph") === "local") return window.kbGraphLocal.draw(host, data, options, root, loadVis);
    return window.kbGraphGlobal.draw(host, data, root, loadVis);
  }

  window.kbGraph = { draw: draw, destroyDetached: destroyDetached, make: make, frame: frame, interact: interact,
                     afterDraw: afterDraw, index: index, visEdge: visEdge, merge: merge, themeColours: themeColours,
                     viewButtons: viewButtons };
})();
