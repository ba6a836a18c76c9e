/* kbgen concept graph, the page controls: search box, legend and tooltip. Every piece
 * of card text goes in through textContent or an attribute value, never as markup.
 * Loaded before graph.js, which reads window.kbGraphUI. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function tooltipFor(n) {
    var box = el("div", "kb-graph__tip");
    box.appendChild(el("strong", null, n.label));
    if (n.aliases && n.aliases.length) box.appendChild(el("div", "kb-graph__aka", n.aliases.join(", ")));
    if (n.summary) box.appendChild(el("div", null, n.summary));
    return box;
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

  // One button per coloured community: pressing it hides or shows that community.
  function legend(data, onToggle) {
    var box = el("ul", "kb-graph__legend");
    box.setAttribute("aria-label", "Colours: communities of closely linked concepts; press one to hide or show it");
    data.legend.forEach(function (c) {
      var item = el("li"), b = button(null, "Hide or show this community", function () {
        var shown = b.getAttribute("aria-pressed") !== "true";
        b.setAttribute("aria-pressed", String(shown));
        onToggle(c.key, shown);
      });
      b.setAttribute("aria-pressed", "true");
      b.removeAttribute("aria-label");
      var swatch = el("span", "kb-graph__swatch");
      swatch.style.background = c.colour;
      b.appendChild(swatch);
      b.appendChild(document.createTextNode((c.other ? "other communities" : "around " + c.label) + " (" + c.size + ")"));
      item.appendChild(b);
      box.appendChild(item);
    });
    return box;
  }

  function button(text, label, onClick) {
    var b = el("button", "kb-graph__button", text || undefined);
    b.type = "button";
    if (label) { b.setAttribute("aria-label", label); b.title = label; }
    b.addEventListener("click", onClick);
    return b;
  }

  // Zoom and fullscreen: the wheel scrolls the page, so these are the plain way to zoom.
  function viewButtons(actions) {
    var box = el("span", "kb-graph__view");
    box.appendChild(button("+", "Zoom in", actions.zoomIn));
    box.appendChild(button("\u2212", "Zoom out", actions.zoomOut));
    box.appendChild(button("Fit", "Fit the graph", actions.fit));
    box.appendChild(button("\u2922", "Full screen", actions.fullscreen));
    return box;
  }

  function deckFilter(data, onPick) {
    var select = el("select", "kb-graph__decks");
    select.setAttribute("aria-label", "Show the concepts of one deck");
    [["", "All decks"]].concat(data.decks.map(function (t, i) { return [String(i), t]; })).forEach(function (d) {
      var o = el("option", null, d[1]);
      o.value = d[0];
      select.appendChild(o);
    });
    select.addEventListener("change", function () { onPick(select.value === "" ? null : Number(select.value)); });
    return select;
  }

  function toggle(text, onChange) {
    var label = el("label", "kb-graph__toggle"), box = el("input");
    box.type = "checkbox";
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + text));
    return label;
  }

  window.kbGraphUI = { el: el, tooltip: tooltipFor, search: search, find: find, legend: legend, button: button,
                      viewButtons: viewButtons, deckFilter: deckFilter, toggle: toggle };
})();
