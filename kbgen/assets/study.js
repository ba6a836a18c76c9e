/* kbgen study: the screen. A session is a deck (all its pages), a concept (?concept=<id>,
 * across decks) or every due card of the site (the Study page). One card at a time; the
 * grade buttons show the interval each grade gives; a summary closes the session.
 * Scheduling is in study-fsrs.js, progress in study-store.js, card HTML in study-cards.js.
 * The key handler is installed once and acts only on the session of the page shown. */
(function () {
  "use strict";
  var F = window.kbStudyScheduler, S = window.kbStudyStore, C = window.kbStudyCards;
  var LEARN_AHEAD = 20 * F.MINUTE;   // a failed card may come back early when nothing else is left
  var session = null;

  function part(name) { return session.el.querySelector("[data-kb-" + name + "]"); }
  function cardOf(id) { return session.store.state.cards[id]; }

  function classify(now) {
    var out = { overdue: [], fresh: [], learning: [], later: [] };
    session.ids.forEach(function (id) {
      var c = cardOf(id);
      if (!c) { if (!session.dueOnly) out.fresh.push(id); }
      else if (c.due <= now) out.overdue.push(id);
      else if (c.due - now <= LEARN_AHEAD) out.learning.push(id);
      else out.later.push(id);
    });
    var byDue = function (a, b) { return cardOf(a).due - cardOf(b).due; };
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
      var span = document.createElement("span"), n = document.createElement("strong");
      span.setAttribute("data-kb-count", c[0]);
      span.className = "kb-study-count kb-study-count--" + c[0];
      n.textContent = String(c[2]);
      span.appendChild(document.createTextNode(c[1] + " "));
      span.appendChild(n);
      box.appendChild(span);
    });
  }

  function next() {
    var groups = classify(Date.now());
    showCounts(groups);
    var id = groups.overdue[0] || groups.fresh[0] || groups.learning[0] || null;
    var mine = session;
    session.current = null;
    session.revealed = false;
    part("answer").hidden = part("grades").hidden = true;
    part("reveal").hidden = part("question").hidden = true;
    part("done").hidden = !!id;
    session.el.setAttribute("data-kb-current", "");
    if (!id) return finish(groups);
    session.block(id).then(function (block) {
      if (session !== mine) return;   // navigated away meanwhile
      C.fill(part("question"), block.q);
      C.fill(part("answer"), block.a);
      session.current = id;
      session.shown = Date.now();
      part("reveal").hidden = part("question").hidden = false;
      session.el.setAttribute("data-kb-current", id);
    }).catch(function (err) { status("This card could not be loaded: " + err.message); });
  }

  function finish(groups) {
    var done = part("done"), later = groups.later[0], seen = Object.keys(session.seen).length;
    var lines = [];
    if (!session.ids.length) lines.push("No cards to study here.");
    else if (seen) lines.push("Session done: " + seen + " card" + (seen === 1 ? "" : "s") + " seen, " +
                              session.again + " Again.");
    else if (session.dueOnly && !later) lines.push("Nothing is due: no card has been studied in this browser " +
                                                   "yet. Start with a deck or a concept.");
    else lines.push("All caught up.");
    if (later) lines.push("Next card due " + F.words(cardOf(later).due - Date.now()) + ".");
    done.textContent = "";
    lines.forEach(function (t) { var p = document.createElement("p"); p.textContent = t; done.appendChild(p); });
    done.setAttribute("data-kb-seen", String(seen));
    done.setAttribute("data-kb-again", String(session.again));
    window.kbStudyDue.refresh();
  }

  function showIntervals() {
    session.preview = F.preview(session.sched, cardOf(session.current), Date.now());
    Array.prototype.forEach.call(session.el.querySelectorAll("[data-kb-grade]"), function (b) {
      var p = session.preview[+b.getAttribute("data-kb-grade")];
      b.setAttribute("data-kb-next", String(p.ivl));
      b.querySelector("[data-kb-ivl]").textContent = F.label(p.ivl);
    });
  }

  function reveal() {
    if (!session.current || session.revealed) return;
    session.revealed = true;
    showIntervals();
    part("answer").hidden = part("grades").hidden = false;
    part("reveal").hidden = true;
  }

  function grade(n) {
    if (!session.current || !session.revealed) return;
    var id = session.current, now = Date.now();
    var p = F.preview(session.sched, cardOf(id), now)[n];
    var entry = Object.assign({ card: id, time: now, ivl: p.ivl, duration: Math.min(now - session.shown, 60000) },
                              p.log);
    if (!S.review(session.store, id, p.record, entry)) status("Progress cannot be saved in this browser.");
    else if (session.store.trimmed) status("This browser's storage is full: the oldest " + session.store.trimmed +
                                           " reviews were dropped from the history. Export your progress.");
    session.seen[id] = 1;
    if (n === 1) session.again++;
    next();
  }

  function status(text) { part("status").textContent = text; }

  function ids(data, el) {
    var concept = new URLSearchParams(location.search).get("concept");
    if (concept) {
      showFilter(concept, data.labels[concept]);
      return data.byConcept[concept] || [];
    }
    var deck = el.getAttribute("data-kb-deck");
    if (deck) return data.byDeck[deck] || [];
    session.dueOnly = true;
    return data.ids;
  }

  function showFilter(concept, label) {
    var box = part("filter"), name = document.createElement("strong");
    box.hidden = false;
    box.textContent = "Only the cards about ";
    name.textContent = label || concept;
    box.appendChild(name);
    box.appendChild(document.createTextNode(", in every deck."));
  }

  function start(el, data, root) {
    var store = S.open(root);
    session = { el: el, store: store, sched: F.create(store.state.retention), block: C.loader(root, data),
                current: null, revealed: false, seen: {}, again: 0, dueOnly: false };
    session.ids = ids(data, el);
    window.kbStudyControls(session, { next: next, status: status, showIntervals: showIntervals, part: part });
    if (store.migrated) status(store.migrated + " cards' progress carried over from the earlier SM-2 scheduler.");
    part("reveal").onclick = reveal;
    Array.prototype.forEach.call(el.querySelectorAll("[data-kb-grade]"), function (b) {
      b.onclick = function () { grade(+b.getAttribute("data-kb-grade")); };
    });
    el.setAttribute("data-kb-ready", "1");
    next();
  }

  function setup() {
    session = null;
    var el = document.querySelector("[data-kb-study]");
    if (!el) return;
    var root = el.getAttribute("data-kb-root") || "./";
    S.data(root).then(function (data) {
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

  window.kbBoot(setup);
})();
