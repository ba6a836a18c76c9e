/* kbgen page bootstrap shared by the site's scripts. Material's instant navigation swaps
 * pages without reloading scripts and strips attributes from inline ones, so each script
 * registers its per-page setup here: it runs on every page Material shows (document$), or
 * once on a plain page when the theme's instant navigation is off. */
window.kbBoot = function (setup) {
  "use strict";
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
};
