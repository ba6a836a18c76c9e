/* kbgen study mode: one card at a time, scheduled with SM-2, progress in localStorage.
 * The cards' HTML sits in hidden blocks on the page, rendered like the deck page; the
 * order and each card's concepts come from assets/kbgen/study/<deck>.json. Setup runs
 * from Material's document$, so it survives instant navigation; the key handler is
 * installed once and acts only on the study session of the page being shown. */
(function () {
  "use strict";
  var MINUTE = 60000, DAY = 86400000;
  var LEARN_AHEAD = 20 * MINUTE;   // a failed card may come back early when nothing else is left
  var QUALITY = { 1: 1, 2: 3, 3: 4, 4: 5 };   // Again, Hard, Good, Easy → SM-2 quality (0–5)
  var session = null;
  var cache = {};

  // SM-2 (Wozniak, 1990): intervals 1, 6, then × ease; a lapse restarts the card without
  // touching its ease, and brings it back within the session.
  function schedule(prev, grade, now) {
    var q = QUALITY[grade];
    var s = prev ? { reps: prev.reps, interval: prev.interval, ease: prev.ease }
                 : { reps: 0, interval: 0, ease: 2.5 };
    if (q < 3) {
      s.reps = 0; s.interval = 0; s.due = now + MINUTE;
    } else {
      s.interval = s.reps === 0 ? 1 : s.reps === 1 ? 6 : Math.round(s.interval * s.ease);
      s.ease = Math.max(1.3, s.ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
      s.reps += 1;
      s.due = now + s.interval * DAY;
    }
    s.last = now;
    return s;
  }

  function storageKey(root, deck) {
    // Several knowledge bases may share one origin (project pages): key by site path too.
    return "kbgen-study:" + new URL(root, location.href).pathname + ":" + deck;
  }

  function loadState(key) {
    try {
      var s = JSON.parse(localStorage.getItem(key));
      if (s && s.version === 1 && s.cards) return s;
    } catch (e) { /* unreadable progress starts afresh */ }
    return { version: 1, cards: {} };
  }

  function saveState() {
    try { localStorage.setItem(session.key, JSON.stringify(session.state)); }
    catch (e) { part("counts").textContent = "Progress cannot be saved in this browser."; }
  }

  function load(root, deck) {
    var url = new URL(root + "assets/kbgen/study/" + encodeURIComponent(deck) + ".json", location.href).href;
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  function part(name) {
    return session.el.querySelector("[data-kb-" + name + "]");
  }

  function classify(now) {
    var out = { overdue: [], fresh: [], learning: [], later: [] };
    session.ids.forEach(function (id) {
      var c = session.state.cards[id];
      if (!c) out.fresh.push(id);
      else if (c.due <= now) out.overdue.push(id);
      else if (c.due - now <= LEARN_AHEAD) out.learning.push(id);
      else out.later.push(id);
    });
    var byDue = function (a, b) { return session.state.cards[a].due - session.state.cards[b].due; };
    out.overdue.sort(byDue); out.learning.sort(byDue); out.later.sort(byDue);
    return out;
  }

  function showCounts(groups) {
    var box = part("counts");
    box.textContent = "";
    [["new", "New", groups.fresh.length],
     ["due", "Due", groups.overdue.length + groups.learning.length],
     ["done", "Done", groups.later.length]].forEach(function (c, i) {
      if (i) box.appendChild(document.createTextNode(" · "));
      var span = document.createElement("span");
      span.setAttribute("data-kb-count", c[0]);
      span.className = "kb-study-count kb-study-count--" + c[0];
      var n = document.createElement("strong");
      n.textContent = String(c[2]);
      span.appendChild(document.createTextNode(c[1] + " "));
      span.appendChild(n);
      box.appendChild(span);
    });
  }

  function fill(target, block, selector) {
    target.textContent = "";
    var src = block.querySelector(selector);
    Array.prototype.forEach.call(src ? src.childNodes : [], function (n) {
      target.appendChild(n.cloneNode(true));
    });
  }

  function next() {
    var groups = classify(Date.now());
    showCounts(groups);
    var id = groups.overdue[0] || groups.fresh[0] || groups.learning[0] || null;
    session.current = id;
    session.revealed = false;
    part("answer").hidden = true;
    part("grades").hidden = true;
    part("reveal").hidden = !id;
    part("question").hidden = !id;
    part("done").hidden = !!id;
    session.el.setAttribute("data-kb-current", id || "");
    if (!id) {
      var later = groups.later[0];
      part("done").textContent = session.ids.length === 0 ? "No cards to study here." :
        "All caught up." + (later ? " Next card due " +
          new Date(session.state.cards[later].due).toLocaleString() + "." : "");
      return;
    }
    fill(part("question"), session.blocks[id], ".kb-study-q");
    fill(part("answer"), session.blocks[id], ".kb-study-a");
  }

  function reveal() {
    if (!session.current || session.revealed) return;
    session.revealed = true;
    part("answer").hidden = false;
    part("reveal").hidden = true;
    part("grades").hidden = false;
  }

  function grade(n) {
    if (!session.current || !session.revealed) return;
    var cards = session.state.cards;
    cards[session.current] = schedule(cards[session.current], n, Date.now());
    saveState();
    next();
  }

  function reset(button) {
    if (button.getAttribute("data-kb-armed") !== "1") {
      button.setAttribute("data-kb-armed", "1");
      button.textContent = "Click again to erase this deck's progress";
      return;
    }
    button.removeAttribute("data-kb-armed");
    button.textContent = "Reset progress";
    session.state = { version: 1, cards: {} };
    try { localStorage.removeItem(session.key); } catch (e) { /* nothing stored */ }
    next();
  }

  function showFilter(concept, label) {
    var box = part("filter");
    box.hidden = false;
    box.textContent = "Only the cards about ";
    var name = document.createElement("strong");
    name.textContent = label || concept;
    box.appendChild(name);
    box.appendChild(document.createTextNode(". "));
    var all = document.createElement("a");
    all.href = location.pathname;
    all.textContent = "Study the whole deck";
    box.appendChild(all);
  }

  function start(el, data, root) {
    var concept = new URLSearchParams(location.search).get("concept");
    var blocks = {};
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-card]"), function (b) {
      blocks[b.getAttribute("data-kb-card")] = b;
    });
    var ids = data.cards.filter(function (c) {
      return blocks[c.id] && (!concept || c.concepts.indexOf(concept) >= 0);
    }).map(function (c) { return c.id; });
    var key = storageKey(root, data.deck);
    session = { el: el, ids: ids, blocks: blocks, key: key, state: loadState(key),
                current: null, revealed: false };
    if (concept) showFilter(concept, data.concepts[concept]);
    part("reveal").onclick = reveal;
    Array.prototype.forEach.call(el.querySelectorAll("[data-kb-grade]"), function (b) {
      b.onclick = function () { grade(+b.getAttribute("data-kb-grade")); };
    });
    var resetButton = part("reset");
    resetButton.onclick = function () { reset(resetButton); };
    el.setAttribute("data-kb-ready", "1");
    next();
  }

  function setup() {
    session = null;
    var el = document.querySelector("[data-kb-study]");
    if (!el) return;
    var root = el.getAttribute("data-kb-root") || "./";
    load(root, el.getAttribute("data-kb-deck")).then(function (data) {
      if (document.body.contains(el)) start(el, data, root);
    }).catch(function (err) {
      el.querySelector("[data-kb-counts]").textContent = "The cards could not be loaded: " + err.message;
    });
  }

  function typing(t) {
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }

  document.addEventListener("keydown", function (e) {
    if (!session || !document.body.contains(session.el)) return;
    if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing || typing(e.target)) return;
    // Space on a focused button or link keeps its native meaning (press it).
    if (e.key === " " && /^(BUTTON|A)$/.test(e.target.tagName)) return;
    if (e.key === " " && session.current && !session.revealed) {
      e.preventDefault();
      reveal();
    } else if (/^[1-4]$/.test(e.key) && session.revealed) {
      e.preventDefault();
      grade(+e.key);
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
