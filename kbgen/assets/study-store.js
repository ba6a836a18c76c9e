/* kbgen study: storage. One localStorage entry per site holds every card's FSRS record,
 * keyed by the content index's card ids (stable across page splits and rebuilds), the
 * review log and the settings. Progress exports to a JSON file and imports back by
 * merging, newest review wins, so clearing the browser or changing device loses nothing.
 * Also loads the site's study data (assets/kbgen/study.json), shared by the other scripts. */
window.kbStudyStore = (function () {
  "use strict";
  var FORMAT = "kbgen-progress", VERSION = 2;
  var dataCache = {};

  function sitePath(root) {
    // Several knowledge bases may share one origin (project pages): key by site path too.
    return new URL(root, location.href).pathname;
  }

  function empty() { return { format: FORMAT, version: VERSION, retention: 0.9, cards: {}, revlog: [] }; }

  function read(key) {
    try {
      var s = JSON.parse(localStorage.getItem(key));
      if (s && s.version === VERSION && s.cards) return s;
    } catch (e) { /* unreadable progress starts afresh */ }
    return empty();
  }

  // Today's earlier format: one entry per deck page, "kbgen-study:<site path>:<unit>",
  // {version: 1, cards: {id: SM-2 record}}. Migrated once, then removed.
  function migrate(state, prefix) {
    var keys = [], n = 0;
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf(prefix) === 0) keys.push(k);
    }
    keys.forEach(function (k) {
      var old;
      try { old = JSON.parse(localStorage.getItem(k)); } catch (e) { return; }
      if (!old || old.version !== 1 || !old.cards) return;
      Object.keys(old.cards).forEach(function (id) {
        var rec = window.kbStudyScheduler.fromSm2(old.cards[id]);
        if (!state.cards[id] || (state.cards[id].last_review || 0) < (rec.last_review || 0)) {
          state.cards[id] = rec;
          n++;
        }
      });
    });
    return { keys: keys, cards: n };
  }

  function open(root) {
    var path = sitePath(root), key = "kbgen-study2:" + path;
    var store = { key: key, path: path, state: read(key), migrated: 0, trimmed: 0 };
    var moved = migrate(store.state, "kbgen-study:" + path + ":");
    if (moved.keys.length && save(store)) {
      store.migrated = moved.cards;
      moved.keys.forEach(function (k) { localStorage.removeItem(k); });
    }
    return store;
  }

  // When the browser's quota is reached, the oldest quarter of the review log goes (the cards'
  // schedules are the progress and are kept whole); store.trimmed says how many, so the page
  // can ask for an export.
  function save(store) {
    for (;;) {
      try { localStorage.setItem(store.key, JSON.stringify(store.state)); return true; }
      catch (e) {
        var log = store.state.revlog, drop = Math.ceil(log.length / 4);
        if (!drop) return false;
        log.splice(0, drop);
        store.trimmed += drop;
      }
    }
  }

  function review(store, id, record, entry) {
    store.state.cards[id] = record;
    store.state.revlog.push(entry);
    return save(store);
  }

  function forget(store, ids) {
    var gone = {};
    ids.forEach(function (id) { gone[id] = 1; delete store.state.cards[id]; });
    store.state.revlog = store.state.revlog.filter(function (r) { return !gone[r.card]; });
    return save(store);
  }

  function exportText(store) {
    var out = Object.assign({}, store.state, { exported: Date.now(), site: location.origin + store.path });
    return JSON.stringify(out, null, 1);
  }

  // Merge a progress file: per card the record with the latest review wins; the review
  // logs are united (a review is its card and time).
  function importText(store, text) {
    var other = JSON.parse(text);
    if (!other || other.format !== FORMAT || !other.cards) throw new Error("not a kbgen progress file");
    var mine = store.state, cards = 0, seen = {}, added = 0;
    Object.keys(other.cards).forEach(function (id) {
      var theirs = other.cards[id], ours = mine.cards[id];
      if (!ours || (theirs.last_review || 0) > (ours.last_review || 0)) { mine.cards[id] = theirs; cards++; }
    });
    mine.revlog.forEach(function (r) { seen[r.card + "@" + r.time] = 1; });
    (other.revlog || []).forEach(function (r) {
      if (!seen[r.card + "@" + r.time]) { mine.revlog.push(r); added++; }
    });
    mine.revlog.sort(function (a, b) { return a.time - b.time; });
    if (!save(store)) throw new Error("this browser cannot store the progress");
    return { cards: cards, reviews: added };
  }

  function dueBy(store, ids, until) {
    var n = 0;
    ids.forEach(function (id) { var c = store.state.cards[id]; if (c && c.due <= until) n++; });
    return n;
  }

  function endOfToday() {
    var d = new Date();
    d.setHours(23, 59, 59, 999);
    return d.getTime();
  }

  // study.json, indexed once per URL: card ids by deck and by concept, each card's unit.
  function data(root) {
    var url = new URL(root + "assets/kbgen/study.json", location.href).href;
    if (!dataCache[url]) {
      dataCache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      }).then(indexData);
      dataCache[url].catch(function () { delete dataCache[url]; });
    }
    return dataCache[url];
  }

  function indexData(d) {
    var out = { ids: [], unitOf: {}, byDeck: {}, byConcept: {}, labels: {}, units: d.units, decks: d.decks };
    d.concepts.forEach(function (c) { out.labels[c[0]] = c[1]; out.byConcept[c[0]] = []; });
    d.cards.forEach(function (row) {
      var id = row[0], unit = d.units[row[1]];
      out.ids.push(id);
      out.unitOf[id] = unit;
      (out.byDeck[unit.deck] = out.byDeck[unit.deck] || []).push(id);
      row[2].forEach(function (c) { out.byConcept[d.concepts[c][0]].push(id); });
    });
    return out;
  }

  return { open: open, save: save, review: review, forget: forget, exportText: exportText,
           importText: importText, dueBy: dueBy, endOfToday: endOfToday, data: data };
})();
