/* kbgen study: the scheduler adapter. FSRS comes from the vendored ts-fsrs (window.FSRS);
 * this file is the only one that knows its API. Stored cards are plain JSON records (dates
 * as epoch milliseconds) so that progress files stay readable and Python can read them. */
window.kbStudyScheduler = (function () {
  "use strict";
  var F = window.FSRS;
  var MINUTE = 60000, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
  var FIELDS = ["stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps",
                "reps", "lapses", "state"];

  // Fuzz off: the intervals on the buttons are then exactly the ones a grade gives.
  function create(retention) {
    return F.fsrs(F.generatorParameters({ request_retention: retention, enable_fuzz: false }));
  }

  function toCard(rec, now) {
    if (!rec) return F.createEmptyCard(new Date(now));
    var card = { due: new Date(rec.due), last_review: rec.last_review ? new Date(rec.last_review) : undefined };
    FIELDS.forEach(function (k) { card[k] = rec[k] || 0; });
    return card;
  }

  function toRecord(card) {
    var rec = { due: card.due.getTime(), last_review: card.last_review ? card.last_review.getTime() : null };
    FIELDS.forEach(function (k) { rec[k] = card[k]; });
    return rec;
  }

  // What each grade (1 Again … 4 Easy) would do to the card now: {grade: {record, log}}.
  function preview(f, rec, now) {
    var out = {}, all = f.repeat(toCard(rec, now), new Date(now));
    [1, 2, 3, 4].forEach(function (g) {
      var item = all[g], next = toRecord(item.card);
      // The log keeps what Anki's review log needs, and no more: it lives in localStorage.
      out[g] = { record: next, ivl: next.due - now,
                 log: { rating: g, state: item.log.state, last_ivl: rec ? rec.scheduled_days : 0 } };
    });
    return out;
  }

  // Anki's style: "<10m" while the card is still being learnt, then 1d, 3d, 1.5mo, 2y.
  // Rounded before the unit is chosen, so that 23h59m reads 1d, not 24h.
  function label(ms) {
    if (Math.round(ms / MINUTE) < 60) return "<" + Math.max(1, Math.round(ms / MINUTE)) + "m";
    if (Math.round(ms / HOUR) < 24) return Math.round(ms / HOUR) + "h";
    var days = ms / DAY;
    if (days < 30) return Math.round(days) + "d";
    if (days < 365) return (Math.round(days / 3.044) / 10) + "mo";
    return (Math.round(days / 36.5) / 10) + "y";
  }

  // "in 3 days", "in 10 minutes": the finish screen's next due date in words.
  function words(ms) {
    var fmt = new Intl.RelativeTimeFormat("en", { numeric: "always" });
    if (Math.round(ms / MINUTE) < 60) return fmt.format(Math.max(1, Math.round(ms / MINUTE)), "minute");
    if (Math.round(ms / HOUR) < 24) return fmt.format(Math.round(ms / HOUR), "hour");
    if (ms < 60 * DAY) return fmt.format(Math.round(ms / DAY), "day");
    if (ms < 730 * DAY) return fmt.format(Math.round(ms / (30.44 * DAY)), "month");
    return fmt.format(Math.round(ms / (365.25 * DAY)), "year");
  }

  // kbgen's SM-2 record {reps, interval (days), ease, due, last} → an FSRS record. A card
  // in review keeps its due date; its stability is the interval it earned (at 90% retention
  // FSRS's interval equals stability) and its difficulty follows the ease (2.5 → 4, 1.3 → 10).
  // A card whose last grade was Again (reps 0) goes back to (re)learning.
  function fromSm2(old) {
    var review = old.reps > 0 && old.interval > 0;
    return {
      due: old.due, last_review: old.last || null, reps: old.reps || 0, lapses: 0,
      state: review ? F.State.Review : F.State.Learning, learning_steps: 0,
      stability: review ? Math.max(old.interval, 0.1) : F.default_w[0],
      difficulty: Math.min(10, Math.max(1, 10 - ((old.ease || 2.5) - 1.3) * 5)),
      elapsed_days: 0, scheduled_days: review ? old.interval : 0
    };
  }

  return { create: create, preview: preview, label: label, words: words, fromSm2: fromSm2,
           DAY: DAY, MINUTE: MINUTE, NEW: F.State.New };
})();
