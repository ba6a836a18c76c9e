/* kbgen concept graph, the labels: placed by the page, not by vis-network.
 *
 * vis-network draws every label at its node whatever the zoom, so at a few hundred concepts
 * labels pile on each other and run off the canvas. Here, on every frame, labels are
 * placed in order of importance: each tries a few spots around its node (the side facing
 * away from the centre first), then a shortened text, and is dropped when every spot would
 * overlap a label already placed or leave the canvas. Zooming in spreads the nodes, so
 * more labels fit: the culling follows importance and zoom. Coordinates are the canvas
 * element's CSS pixels; ``place`` returns the boxes so tests can check them. */
(function () {
  "use strict";
  var CELL = 64, PAD = 2, SHORT = 14;
  var widths = {};

  function width(ctx, font, text) {
    var key = font + "\u0000" + text;
    if (!(key in widths)) { ctx.font = font; widths[key] = ctx.measureText(text).width; }
    return widths[key];
  }

  // Boxes in a coarse grid, so each test looks at a few neighbours, not every label.
  function Grid() { this.cells = {}; }
  Grid.prototype.each = function (r, fn) {
    for (var i = Math.floor(r.x / CELL); i <= Math.floor((r.x + r.w) / CELL); i++) {
      for (var j = Math.floor(r.y / CELL); j <= Math.floor((r.y + r.h) / CELL); j++) {
        if (fn(i + ":" + j)) return true;
      }
    }
    return false;
  };
  Grid.prototype.hits = function (r) {
    var cells = this.cells;
    return this.each(r, function (k) {
      return (cells[k] || []).some(function (o) {
        return r.x < o.x + o.w && o.x < r.x + r.w && r.y < o.y + o.h && o.y < r.y + r.h;
      });
    });
  };
  Grid.prototype.add = function (r) {
    var cells = this.cells;
    this.each(r, function (k) { (cells[k] = cells[k] || []).push(r); return false; });
  };

  // Spots around a dot of radius r at p for a w×h box, the preferred side first.
  function spots(p, r, w, h, side) {
    var s = {
      below: { x: p.x - w / 2, y: p.y + r + PAD }, above: { x: p.x - w / 2, y: p.y - r - PAD - h },
      right: { x: p.x + r + PAD + 2, y: p.y - h / 2 }, left: { x: p.x - r - PAD - 2 - w, y: p.y - h / 2 }
    };
    var order = { right: ["right", "below", "above", "left"], left: ["left", "below", "above", "right"],
                  above: ["above", "right", "left", "below"] }[side] || ["below", "right", "left", "above"];
    return order.map(function (k) { return s[k]; });
  }

  // "Reconstruction probability" → "Reconstruction…": whole words while they fit.
  function shorten(text) {
    if (text.length <= SHORT) return null;
    var cut = text.slice(0, SHORT), space = cut.lastIndexOf(" ");
    return (space > 5 ? cut.slice(0, space) : cut).replace(/[\s,;:-]+$/, "") + "\u2026";
  }

  function fits(r, box) { return r.x >= 0 && r.y >= 0 && r.x + r.w <= box.w && r.y + r.h <= box.h; }

  /* items: [{id, text, size, bold, faded, side}] most important first; pos: {id: {x, y}};
   * radius: {id: px}; box: {w, h}; dots: boxes the labels must also avoid (may be empty). */
  function place(ctx, items, pos, radius, box, dots) {
    var grid = new Grid(), out = [];
    (dots || []).forEach(function (d) { grid.add(d); });
    items.forEach(function (it) {
      var p = pos[it.id], r = radius[it.id] || 0;
      if (!p || p.x < 0 || p.y < 0 || p.x > box.w || p.y > box.h) return;  // node off the canvas
      var font = (it.bold ? "bold " : "") + it.size + "px sans-serif";
      var texts = [it.text, shorten(it.text)].filter(Boolean);
      for (var t = 0; t < texts.length; t++) {
        var w = width(ctx, font, texts[t]) + 4, h = Math.ceil(it.size * 1.3);
        var found = spots(p, r, w, h, it.side).filter(function (s) {
          var rect = { x: s.x, y: s.y, w: w, h: h };
          return fits(rect, box) && !grid.hits(rect);
        })[0];
        if (found) {
          var label = { id: it.id, text: texts[t], font: font, faded: it.faded, x: found.x, y: found.y, w: w, h: h };
          grid.add(label);
          out.push(label);
          return;
        }
      }
    });
    return out;
  }

  // Drawn in CSS pixels over vis's frame, outlined in the background colour for contrast.
  function draw(ctx, placed, colours, ratio) {
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = colours.bg;
    placed.forEach(function (l) {
      ctx.font = l.font;
      ctx.fillStyle = l.faded ? colours.faded : colours.fg;
      ctx.strokeText(l.text, l.x + 2, l.y + l.h / 2);
      ctx.fillText(l.text, l.x + 2, l.y + l.h / 2);
    });
    ctx.restore();
  }

  window.kbGraphLabels = { place: place, draw: draw, shorten: shorten };
})();
