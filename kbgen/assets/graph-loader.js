/* kbgen graph loader: the only graph script a page names, and only a page that draws a graph.
 *
 * It sits in the page content next to the graph box, so Material's instant navigation runs
 * it again on each page with a graph; it installs itself once. The graph code (vis-network,
 * 470 KB) and the graph's data are fetched only when a box comes near the viewport, without
 * blocking the page, and kept for the next instant navigation. */
(function () {
  "use strict";
  if (window.kbGraphLoader) return;
  var SCRIPTS = ["vis-network.min.js", "graph-ui.js", "graph-labels.js", "graph.js", "graph-local.js", "graph-global.js"];
  var scripts = null, data = {}, observer = null;

  function assets(host) {
    return new URL((host.getAttribute("data-kb-root") || "./") + "assets/kbgen/", location.href).href;
  }

  // Downloaded in parallel, run in order (async = false), once per page load.
  function loadScripts(base) {
    if (!scripts) {
      scripts = Promise.all(SCRIPTS.map(function (name) {
        return new Promise(function (resolve, reject) {
          var s = document.createElement("script");
          s.src = base + name;
          s.async = false;
          s.onload = resolve;
          s.onerror = function () { reject(new Error("could not load " + name)); };
          document.head.appendChild(s);
        });
      }));
      scripts.catch(function () { scripts = null; });
    }
    return scripts;
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

  function start(host) {
    var base = assets(host);
    var url = new URL(host.getAttribute("data-kb-data"), location.href).href;
    var wanted = [loadScripts(base), fetchJSON(url)];
    if (host.getAttribute("data-kb-graph") === "local") wanted.push(fetchJSON(base + "graph-options.json"));
    Promise.all(wanted).then(function (got) {
      if (!document.body.contains(host)) return;  // navigated away meanwhile
      window.kbGraph.draw(host, got[1], got[2]);
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
    hosts.forEach(function (h) { observer.observe(h); });
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
