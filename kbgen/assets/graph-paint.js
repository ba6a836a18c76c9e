/* kbgen concept graph, the first frame: a still picture of a graph painted on a plain canvas
 * before vis-network has arrived.
 *
 * Running vis-network (470 KB) takes about a second on a slow phone, and building its
 * network more; the nodes' positions and sizes are known before that, so the page paints
 * them at once, the way vis will draw them (same view, sizes, colours, labels), and vis's
 * own canvas replaces the picture once it has drawn its first frame (graph.js). Until then
 * the picture does not react to the pointer. Card text reaches it only through the canvas. */
(function () {
  "use strict";
  var labels = window.kbGraphLabels;

  // vis scales a link's width by its value within the range of all links' values.
  function widths(edges, min, max) {
    var lo = Infinity, hi = -Infinity;
    edges.forEach(function (e) { lo = Math.min(lo, e.value || 1); hi = Math.max(hi, e.value || 1); });
    return function (v) { return hi === lo ? (min + max) / 2 : min + (max - min) * ((v || 1) - lo) / (hi - lo); };
  }

  // vis replaces the alpha of a colour given with an opacity option.
  function withAlpha(css, alpha) {
    var m = /rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(css);
    return m ? "rgba(" + m[1] + "," + m[2] + "," + m[3] + "," + alpha + ")" : css;
  }

  /* scene: {nodes: [{id, x, y, size, color: {background, border}, borderWidth, opacity}],
   *         edges: [{from, to, value}]}; view: {x, y, scale}, the layout point at the centre
   * and the zoom; look: {colours, edgeOpacity, edgeWidth: [min, max], items, avoidDots}. */
  function paint(box, scene, view, look) {
    var w = box.clientWidth, h = box.clientHeight, ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.className = "kb-graph__paint";
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    var ctx = canvas.getContext("2d"), pos = {}, radius = {}, width = widths(scene.edges, look.edgeWidth[0], look.edgeWidth[1]);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    scene.nodes.forEach(function (n) {
      pos[n.id] = { x: w / 2 + (n.x - view.x) * view.scale, y: h / 2 + (n.y - view.y) * view.scale };
      radius[n.id] = n.size * view.scale;
    });
    ctx.strokeStyle = withAlpha(look.colours.edge, look.edgeOpacity);
    scene.edges.forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      ctx.lineWidth = Math.max(width(e.value) * view.scale, 0.3);  // vis keeps a link 0.3 px wide at least
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    });
    scene.nodes.forEach(function (n) {
      var p = pos[n.id];
      ctx.globalAlpha = n.opacity === undefined ? 1 : n.opacity;
      ctx.beginPath();
      ctx.arc(p.x, p.y, radius[n.id], 0, 2 * Math.PI);
      ctx.fillStyle = n.color.background;
      ctx.fill();
      ctx.lineWidth = Math.min(n.borderWidth || 1, 2 * radius[n.id]);  // vis: screen pixels, at most the dot
      ctx.strokeStyle = n.color.border;
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    var dots = look.avoidDots ? scene.nodes.map(function (n) {
      var p = pos[n.id], r = radius[n.id];
      return { x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r };
    }) : [];
    labels.draw(ctx, labels.place(ctx, look.items, pos, radius, { w: w, h: h }, dots), look.colours, ratio);
    box.appendChild(canvas);
    return canvas;
  }

  window.kbGraphPaint = { paint: paint };
})();
