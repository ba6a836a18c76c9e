// Draws the maths that Arithmatex and kbgen mark (<span class="arithmatex">\(…\)</span>) with
// the KaTeX shipped in the site. Material's instant navigation swaps pages without running
// inline scripts again, so drawing hangs off document$, which fires for every page shown.
// Each span holds one formula with the delimiters its card used; the source stays in
// data-kb-tex (what a reader copies, and what the tests compare with the card).
(function () {
  "use strict";
  var OPTIONS = {
    // Only inside the marked spans: a "$" in card text elsewhere stays text. Longest first.
    delimiters: [
      {left: "[$$]", right: "[/$$]", display: true}, {left: "[$]", right: "[/$]", display: false},
      {left: "[latex]", right: "[/latex]", display: true}, {left: "$$", right: "$$", display: true},
      {left: "\\[", right: "\\]", display: true}, {left: "\\(", right: "\\)", display: false},
      {left: "$", right: "$", display: false}
    ],
    throwOnError: false,  // a formula KaTeX cannot draw is shown as its source
    trust: false,         // no \href, \url, \includegraphics or \html… from a card
    strict: "ignore",
    maxSize: 20,          // em: no formula may cover the page
    maxExpand: 200
  };

  function draw(root) {
    if (typeof window.renderMathInElement !== "function") return;
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      if (el.dataset.kbMaths) return;
      el.dataset.kbMaths = "1";
      el.dataset.kbTex = el.textContent;
      window.renderMathInElement(el, OPTIONS);
    });
  }

  // The table of contents lists headings as text: one whose heading holds a formula shows
  // a copy of the drawn heading instead of its TeX source.
  function contents() {
    document.querySelectorAll(".md-nav--secondary a.md-nav__link").forEach(function (a) {
      var id = a.hash && decodeURIComponent(a.hash.slice(1));  // Material makes hrefs absolute
      var h = id && document.getElementById(id);
      if (!h || !h.querySelector(".arithmatex .katex")) return;
      var copy = h.cloneNode(true);
      copy.querySelectorAll(".headerlink").forEach(function (e) { e.remove(); });
      var label = a.querySelector(".md-ellipsis") || a;
      label.replaceChildren.apply(label, Array.prototype.slice.call(copy.childNodes));
    });
  }

  window.kbDrawMaths = draw;  // the study screen draws the cards it fetches from other pages

  function page() {
    draw(document.body);
    contents();
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(page);
  } else {
    document.addEventListener("DOMContentLoaded", page);
  }

  // Content added later (Material's hover previews of a linked page) is drawn as it arrives.
  // Drawing adds nodes too, but only inside marks already flagged, so this settles at once.
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (n) {
        if (n.nodeType !== 1) return;
        if (n.matches(".arithmatex")) draw(n.parentNode || n);
        else if (n.querySelector(".arithmatex:not([data-kb-maths])")) draw(n);
      });
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
