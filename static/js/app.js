// What every signed-in page runs: the phone menu's Escape and outside tap, the service worker,
// and clearing this device's copies on log-out.

// The phone menu is a <details> that works without this script; here Escape closes it and
// hands focus back to its button, and a tap outside it closes it too.
(function () {
  "use strict";

  var menu = document.querySelector("details.nav-menu");
  if (!menu) { return; }
  var button = menu.querySelector("summary");

  menu.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !menu.open) { return; }
    menu.open = false;
    button.focus();
  });

  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) { menu.open = false; }
  });
})();

// Install the service worker (static/js/sw.js, served from /sw.js), and on log-out clear what
// this device kept: the kept pages and any answers written offline. Without this script
// nothing is kept, so nothing needs clearing.
(function () {
  "use strict";

  var script = document.currentScript;
  var OFFLINE_PREFIX = "rebound.offline.";

  function clearAnswers() {
    try {
      for (var index = window.localStorage.length - 1; index >= 0; index -= 1) {
        var key = window.localStorage.key(index);
        if (key && key.indexOf(OFFLINE_PREFIX) === 0) { window.localStorage.removeItem(key); }
      }
    } catch (error) { /* storage turned off: nothing was kept */ }
  }

  function clearCaches() {
    if (!window.caches) { return Promise.resolve(); }
    return window.caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) { return window.caches.delete(name); }));
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var logoutUrl = script && script.dataset.logoutUrl;
    if (!logoutUrl || form.dataset.cleared || new URL(form.action, document.baseURI).pathname !== logoutUrl) {
      return;
    }
    event.preventDefault();
    clearAnswers();
    var done = function () {
      form.dataset.cleared = "1";
      form.submit();
    };
    // Log out even if clearing stalls; a second of waiting is the most it may cost.
    var timer = window.setTimeout(done, 1000);
    clearCaches().catch(function () {}).then(function () {
      window.clearTimeout(timer);
      if (!form.dataset.cleared) { done(); }
    });
  });

  if (script && script.dataset.workerUrl && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(script.dataset.workerUrl, { scope: "/" }).catch(function () {
      // No worker (a private window, an old browser): the site works as it always has.
    });
  }
})();
