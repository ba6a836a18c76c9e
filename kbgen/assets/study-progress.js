/* kbgen study: the "Progress and settings" panel of a study page: desired retention,
 * export and import of the progress file, and reset of the session's cards. */
window.kbStudyControls = (function () {
  "use strict";
  var S = window.kbStudyStore, F = window.kbStudyScheduler;

  // A button, not <details>: the page's static HTML holds no element a card could plant.
  function toggle(session, ui) {
    var button = ui.part("settings"), panel = ui.part("panel");
    button.onclick = function () {
      panel.hidden = !panel.hidden;
      button.setAttribute("aria-expanded", String(!panel.hidden));
    };
  }

  function retention(session, ui) {
    var input = ui.part("retention"), state = session.store.state;
    input.value = state.retention.toFixed(2);
    input.onchange = function () {
      var r = parseFloat(input.value);
      if (!(r >= 0.7 && r <= 0.99)) { input.value = state.retention.toFixed(2); return; }
      state.retention = r;
      S.save(session.store);
      session.sched = F.create(r);
      if (session.revealed) ui.showIntervals();
    };
  }

  function exporter(session, ui) {
    ui.part("export").onclick = function () {
      var blob = new Blob([S.exportText(session.store)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "kbgen-progress-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    };
  }

  function importer(session, ui) {
    var input = ui.part("import");
    input.onchange = function () {
      var file = input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var r = S.importText(session.store, text);
        ui.part("retention").value = session.store.state.retention.toFixed(2);
        session.sched = F.create(session.store.state.retention);
        ui.status("Imported: " + r.cards + " cards updated, " + r.reviews + " reviews added.");
        input.value = "";
        ui.next();
      }).catch(function (err) { ui.status("Nothing imported: " + err.message); });
    };
  }

  function reset(session, ui) {
    var button = ui.part("reset");
    button.onclick = function () {
      if (button.getAttribute("data-kb-armed") !== "1") {
        button.setAttribute("data-kb-armed", "1");
        button.textContent = "Click again to erase the progress of these " + session.ids.length + " cards";
        return;
      }
      button.removeAttribute("data-kb-armed");
      button.textContent = "Reset progress";
      S.forget(session.store, session.ids);
      ui.next();
    };
  }

  return function bind(session, ui) {
    [toggle, retention, exporter, importer, reset].forEach(function (f) { f(session, ui); });
  };
})();
