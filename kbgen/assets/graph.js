/* kbgen concept graph: reads assets/kbgen/graph.json and draws it with vis-network.
 * Runs from Material's document$ so it works with instant navigation; every
 * navigation destroys the previous networks before drawing new ones. */
(function () {
  "use strict";
  var networks = [];
  var cache = {};

  function destroyAll() {
    networks.forEach(function (n) { n.destroy(); });
    networks = [];
  }

  function load(root) {
    var url = new URL(root + "assets/kbgen/graph.json", location.href).href;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("graph data: HTTP " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  // Tooltips are DOM nodes built with textContent: card text never becomes markup.
  function tooltip(n) {
    var box = document.createElement("div");
    box.className = "kb-tooltip";
    var title = document.createElement("strong");
    title.textContent = n.label;
    box.appendChild(title);
    if (n.summary) {
      var p = document.createElement("div");
      p.textContent = n.summary;
      box.appendChild(p);
    }
    return box;
  }

  function neighbourhood(data, centre, depth, cap) {
    var adj = {};
    data.links.forEach(function (e) {
      (adj[e.source] = adj[e.source] || []).push(e.target);
      (adj[e.target] = adj[e.target] || []).push(e.source);
    });
    var keep = {}; keep[centre] = 0;
    var frontier = [centre];
    for (var d = 1; d <= depth; d++) {
      var next = [];
      frontier.forEach(function (id) {
        (adj[id] || []).forEach(function (o) {
          if (!(o in keep) && Object.keys(keep).length < cap) { keep[o] = d; next.push(o); }
        });
      });
      frontier = next;
    }
    return keep;
  }

  function draw(el, data) {
    var root = el.getAttribute("data-kb-root") || "./";
    var nodes = data.nodes, links = data.links;
    var centre = el.getAttribute("data-kb-concept");
    if (centre) {
      var keep = neighbourhood(data, centre, 2, 40);
      nodes = nodes.filter(function (n) { return n.id in keep; });
      links = links.filter(function (e) { return e.source in keep && e.target in keep; });
    }
    var byId = {};
    var vNodes = nodes.map(function (n) {
      byId[n.id] = n;
      return { id: n.id, label: n.label, title: tooltip(n), value: n.rank, group: n.community,
               borderWidth: n.id === centre ? 4 : 1 };
    });
    var vEdges = links.map(function (e) {
      return { from: e.source, to: e.target, value: e.weight };
    });
    var net = new vis.Network(el, { nodes: new vis.DataSet(vNodes), edges: new vis.DataSet(vEdges) },
                              data.options);
    net.on("click", function (p) {
      if (!p.nodes.length) return;
      var url = new URL(root + byId[p.nodes[0]].url, location.href);
      if (window.location$ && typeof window.location$.next === "function") window.location$.next(url);
      else location.href = url.href;
    });
    el.kbNetwork = net;
    networks.push(net);
  }

  function setup() {
    destroyAll();
    var els = document.querySelectorAll("[data-kb-graph]");
    Array.prototype.forEach.call(els, function (el) {
      load(el.getAttribute("data-kb-root") || "./").then(function (data) {
        if (document.body.contains(el)) draw(el, data);
      }).catch(function (err) { el.textContent = "The graph could not be loaded: " + err.message; });
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
