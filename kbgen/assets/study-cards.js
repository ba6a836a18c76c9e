/* kbgen study: card content. Each card's question and answer are on its deck page: the
 * answer in a block marked data-kb-card, the question in the heading just before it. Blocks
 * on the page being shown are used in place; a session that reaches a card of another unit
 * (deck page) fetches that page once and parses it inert (DOMParser runs no script and loads
 * nothing). Relative links and image sources are resolved against the page they came from,
 * so they work on any page. */
window.kbStudyCards = (function () {
  "use strict";
  var pages = {};    // deck page URL → promise of {card id: {q: heading, a: block}}

  function blocksOf(doc, base) {
    var out = {};
    Array.prototype.forEach.call(doc.querySelectorAll("[data-kb-card]"), function (b) {
      var q = b.previousElementSibling;
      q = q && /^H[1-6]$/.test(q.tagName) ? q.cloneNode(true) : doc.createElement("p");
      Array.prototype.forEach.call(q.querySelectorAll(".headerlink"), function (n) { n.remove(); });
      if (base) { absolutise(b, base); absolutise(q, base); }
      out[b.getAttribute("data-kb-card")] = { q: q, a: b };
    });
    return out;
  }

  function absolutise(block, base) {
    ["src", "href"].forEach(function (attr) {
      Array.prototype.forEach.call(block.querySelectorAll("[" + attr + "]"), function (n) {
        n.setAttribute(attr, new URL(n.getAttribute(attr), base).href);
      });
    });
  }

  function fetchUnit(url) {
    if (!pages[url]) {
      pages[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.text();
      }).then(function (text) {
        return blocksOf(new DOMParser().parseFromString(text, "text/html"), url);
      });
      pages[url].catch(function () { delete pages[url]; });
    }
    return pages[url];
  }

  // A loader for one page: block(id) → promise of the card's {q, a}.
  function loader(root, data) {
    var here = blocksOf(document, null);
    return function block(id) {
      if (here[id]) return Promise.resolve(here[id]);
      var unit = data.unitOf[id];
      if (!unit) return Promise.reject(new Error("unknown card " + id));
      return fetchUnit(new URL(root + unit.url, location.href).href).then(function (found) {
        if (!found[id]) throw new Error("card " + id + " is missing from " + unit.url);
        return found[id];
      });
    };
  }

  // Copies of a question or answer element's content, ready to show.
  function fill(target, src) {
    target.textContent = "";
    Array.prototype.forEach.call(src.childNodes, function (n) {
      target.appendChild(document.importNode(n, true));
    });
    // A fetched page was parsed inert: its maths was never drawn.
    if (window.kbDrawMaths) window.kbDrawMaths(target);
  }

  return { loader: loader, fill: fill };
})();
