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

  function setup() {
    if (observer) observer.disconnect();
    if (window.kbGraph) window.kbGraph.destroyAll();
    var hosts = document.querySelectorAll("[data-kb-graph]");
    if (!hosts.length) return;
    if (location.protocol === "file:") {
      Array.prototype.forEach.call(hosts, function (h) {
        note(h, "The interactive graph needs the site served over HTTP (run kbgen serve, or open the " +
                "published site): browsers do not let a file:// page read the graph's data. The lists " +
                "on this page give every link.");
      });
      return;
    }
    // One viewport ahead: the download starts before the reader gets there.
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (!e.isIntersecting) return;
        observer.unobserve(e.target);
        start(e.target);
      });
    }, { rootMargin: "100% 0px" });
    Array.prototype.forEach.call(hosts, function (h) { observer.observe(h); });
  }

  window.kbGraphLoader = { fetchJSON: fetchJSON };
  // From file:// Material's document$ never fires (nor does instant navigation run).
  if (location.protocol !== "file:" && window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
