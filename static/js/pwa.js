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
