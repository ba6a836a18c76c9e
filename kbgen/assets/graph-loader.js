/* kbgen graph loader: the only graph script a page names, and only a page that draws a graph.
 *
 * It sits in the page content next to the graph box, so Material's instant navigation runs
 * it again on each page with a graph; it installs itself once. The graph code (vis-network,
 * 470 KB) and the graph's data are fetched once the page has loaded, without blocking it, and
 * kept for the next instant navigation; a concept page's graph is drawn when its box comes
 * near the viewport, the graph page's at once. */
(function () {
  "use strict";
  if (window.kbGraphLoader) return;
  // The small kbgen scripts run first and paint a local graph's first frame; vis-network is
  // downloaded alongside (a preload) but run only when asked for, after that paint.
  var SCRIPTS = ["graph-ui.js", "graph-labels.js", "graph-paint.js", "graph.js", "graph-local.js", "graph-global.js"];
  var VIS = "vis-network.min.js";
  var scripts = {}, data = {}, observer = null;

  function assets(host) {
    return new URL((host.getAttribute("data-kb-root") || "./") + "assets/kbgen/", location.href).href;
  }

  // Downloaded in parallel, run in order (async = false), once per page load.
  function load(key, base, names) {
    if (!scripts[key]) {
      scripts[key] = Promise.all(names.map(function (name) {
        return new Promise(function (resolve, reject) {
          var s = document.createElement("script");
          s.src = base + name;
          s.async = false;
          s.onload = resolve;
          s.onerror = function () { reject(new Error("could not load " + name)); };
          document.head.appendChild(s);
        });
      }));
      scripts[key].catch(function () { delete scripts[key]; });
    }
    return scripts[key];
  }

  // The graph page's head preloads it already (kbgen/mkdocs_plugin.py).
  function preload(url) {
    var links = document.querySelectorAll('link[rel="preload"]');
    for (var i = 0; i < links.length; i++) if (links[i].href === url) return;
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "script";
    link.href = url;
    document.head.appendChild(link);
  }

  function fetchJSON(url) {
    if (!data[url]) {
      data[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      data[url].catch(function () { delete data[url]; });
    }
    return data[url];
  }

  function note(host, text) {
    host.textContent = "";
    var p = document.createElement("p");
    p.className = "kb-graph__note";
    p.textContent = text;
    host.appendChild(p);
  }

  // Scripts and data of a box, all fetched in parallel (and at most once).
  function fetchAll(host) {
    var base = assets(host);
    preload(base + VIS);
    var wanted = [load("code", base, SCRIPTS), fetchJSON(new URL(host.getAttribute("data-kb-data"), location.href).href)];
    if (host.getAttribute("data-kb-graph") === "local") wanted.push(fetchJSON(base + "graph-options.json"));
    return Promise.all(wanted).then(function (got) {
      return { data: got[1], options: got[2], vis: function () { return load("vis", base, [VIS]); } };
    });
  }

  // Running vis-network takes about a second on a slow phone: fetch and run it once the page
  // has loaded and the browser is idle, so a reader who scrolls to the graph does not wait
  // for it (the first frame is painted without it). Drawing still waits for the box to come
  // near view. Not at once: right after an instant navigation, running it held up Material's
  // own work (its scroll reset raced the URL tracking of headings).
  function warm(hosts) {
    function go() {
      (window.requestIdleCallback || function (f) { setTimeout(f, 200); })(function () {
        // A failure here is left to start(), which tries again and says so in the box.
        hosts.forEach(function (h) {
          if (document.body.contains(h)) fetchAll(h).then(function (got) { return got.vis(); }).catch(function () {});
        });
      }, { timeout: 1000 });
    }
    if (document.readyState === "complete") go();
    else window.addEventListener("load", go, { once: true });
  }

  function start(host) {
    fetchAll(host).then(function (got) {
      if (!document.body.contains(host)) return;  // navigated away meanwhile
      return window.kbGraph.draw(host, got.data, got.options, got.vis);
    }).catch(function (err) {
      note(host, "The graph could not be loaded (" + err.message + "); the lists on this page give every link.");
    });
  }

  // Each graph box is started once; a box from a page left by instant navigation is gone
  // from the document, and its network is destroyed.
  function setup() {
    if (window.kbGraph) window.kbGraph.destroyDetached();
    var hosts = Array.prototype.filter.call(document.querySelectorAll("[data-kb-graph]"), function (h) {
      return !h.kbStarted;
    });
    hosts.forEach(function (h) { h.kbStarted = true; });
    if (!hosts.length) return;
    if (location.protocol === "file:") {
      hosts.forEach(function (h) {
        note(h, "The interactive graph needs the site served over HTTP (run kbgen serve, or open the " +
                "published site): browsers do not let a file:// page read the graph's data. The lists " +
                "on this page give every link.");
      });
      return;
    }
    // One viewport ahead: the download starts before the reader gets there.
    observer = observer || new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        observer.unobserve(e.target);
        if (document.body.contains(e.target)) start(e.target);
      });
    }, { rootMargin: "100% 0px" });
    // The graph page's box is its content: drawn at once, not when a first frame of layout
    // has told the observer it is in view (a few hundred ms later).
    hosts.forEach(function (h) {
      if (h.getAttribute("data-kb-graph") === "global") start(h);
      else observer.observe(h);
    });
    warm(hosts);
  }

  function follow() {
    // From file:// Material's document$ never fires (nor does instant navigation run).
    if (location.protocol !== "file:" && window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setup);
    }
  }

  window.kbGraphLoader = { fetchJSON: fetchJSON };
  // The script is async and sits in the graph's box: it may run before Material's bundle
  // and the end of the page, so it starts its own box at once and follows navigation later.
  setup();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(); follow(); });
  } else {
    follow();
  }
})();
