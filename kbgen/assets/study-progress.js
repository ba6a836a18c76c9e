/* kbgen study: the "Progress and settings" panel of a study page: desired retention,
 * export and import of the progress file, and reset of the session's cards. */
window.kbStudyControls = function (session, ui) {
  "use strict";
  var S = window.kbStudyStore, F = window.kbStudyScheduler, store = session.store;

  // A button, not <details>: the page's static HTML holds no element a card could plant.
  var toggle = ui.part("settings"), panel = ui.part("panel");
  toggle.onclick = function () {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
  };

  var retention = ui.part("retention");
  retention.value = store.state.retention.toFixed(2);
  retention.onchange = function () {
    var r = parseFloat(retention.value);
    if (!(r >= 0.7 && r <= 0.99)) { retention.value = store.state.retention.toFixed(2); return; }
    store.state.retention = r;
    S.save(store);
    session.sched = F.create(r);
    if (session.revealed) ui.showIntervals();
  };

  ui.part("export").onclick = function () {
    var blob = new Blob([S.exportText(store)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "kbgen-progress-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  };

  var input = ui.part("import");
  input.onchange = function () {
    var file = input.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var r = S.importText(store, text);
      retention.value = store.state.retention.toFixed(2);
      ui.status("Imported: " + r.cards + " cards updated, " + r.reviews + " reviews added.");
      input.value = "";
      ui.next();
    }).catch(function (err) { ui.status("Nothing imported: " + err.message); });
  };

  var reset = ui.part("reset");
  reset.onclick = function () {
    if (reset.getAttribute("data-kb-armed") !== "1") {
      reset.setAttribute("data-kb-armed", "1");
      reset.textContent = "Click again to erase the progress of these " + session.ids.length + " cards";
      return;
    }
    reset.removeAttribute("data-kb-armed");
    reset.textContent = "Reset progress";
    S.forget(store, session.ids);
    ui.next();
  };
};
