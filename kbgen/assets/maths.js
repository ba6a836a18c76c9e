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

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () { draw(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { draw(document.body); });
  }
})();
