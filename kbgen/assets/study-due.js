/* kbgen study: due counts on the home page and on deck pages, from this browser's
 * progress ([data-kb-due] placeholders; the deck's id, or empty for the whole site). */
window.kbStudyDue = (function () {
  "use strict";
  var S = window.kbStudyStore;

  function fill(el, data, store) {
    var deck = el.getAttribute("data-kb-deck");
    var ids = deck ? data.byDeck[deck] || [] : data.ids;
    var due = S.dueBy(store, ids, S.endOfToday());
    var fresh = ids.filter(function (id) { return !store.state.cards[id]; }).length;
    el.textContent = "";
    el.setAttribute("data-kb-due-count", String(due));
    // A first visit has nothing due anywhere: the site-wide line only speaks once there is progress.
    if (!deck && !Object.keys(store.state.cards).length) return;
    var strong = document.createElement("strong");
    strong.textContent = String(due);
    el.appendChild(strong);
    el.appendChild(document.createTextNode(" due today" + (deck ? " · " + fresh + " new" : "")));
    if (!deck && due) {
      var a = document.createElement("a");
      a.href = el.getAttribute("data-kb-root") + el.getAttribute("data-kb-study-url");
      a.textContent = "Study them";
      el.appendChild(document.createTextNode(" · "));
      el.appendChild(a);
    }
  }

  function refresh() {
    var els = document.querySelectorAll("[data-kb-due]");
    if (!els.length) return;
    var root = els[0].getAttribute("data-kb-root") || "./";
    S.data(root).then(function (data) {
      var store = S.open(root);
      Array.prototype.forEach.call(els, function (el) {
        if (document.body.contains(el)) fill(el, data, store);
      });
    }).catch(function () { /* counts are a convenience: the page works without them */ });
  }

  window.kbBoot(refresh);
  return { refresh: refresh };
})();
