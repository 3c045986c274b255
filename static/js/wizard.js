// The reflection wizard, progressive enhancement only: without this script every answer is
// still saved when the user moves between steps. With it, the current step's answers are
// kept as the user types, and once more when the page is hidden or closed.
(function () {
  "use strict";

  var TYPING_PAUSE_MS = 800;

  var form = document.getElementById("wizard-form");
  if (!form || !form.dataset.keepUrl || !window.fetch || !window.FormData) {
    return;
  }
  var note = document.getElementById("wizard-save-note");
  var status = document.getElementById("wizard-save-status");

  var timer = null;
  var changed = false;
  var leaving = false;
  var inFlight = null;
  var failed = false;

  if (note && note.dataset.asYouType) {
    note.textContent = note.dataset.asYouType;
  }

  function say(text) {
    // Speak only when the news changes, never on every keystroke.
    if (status && status.textContent !== text) {
      status.textContent = text;
    }
  }

  function showFailure(isFailing) {
    if (isFailing === failed || !note) {
      return;
    }
    failed = isFailing;
    note.textContent = isFailing ? note.dataset.failed : note.dataset.asYouType;
    say(isFailing ? note.dataset.failed : "");
  }

  function keep(options) {
    window.clearTimeout(timer);
    timer = null;
    if (!changed) {
      return inFlight;
    }
    changed = false;
    var body = new URLSearchParams(new FormData(form));
    var request = fetch(form.dataset.keepUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: Boolean(options && options.keepalive),
      headers: { Accept: "text/html" },
    })
      .then(function (response) {
        if (!response.ok) {
          return Promise.reject(response.status);
        }
        showFailure(false);
      })
      .catch(function () {
        // Try again with the next change; moving to another step saves it in any case.
        changed = true;
        showFailure(true);
      })
      .then(function () {
        if (inFlight === request) {
          inFlight = null;
        }
      });
    inFlight = request;
    return request;
  }

  function typed() {
    if (leaving) {
      return;
    }
    changed = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(keep, TYPING_PAUSE_MS);
  }

  form.addEventListener("input", typed);
  form.addEventListener("change", typed);

  form.addEventListener("submit", function (event) {
    // The submitted form carries every answer: drop the pending save, and let one still on
    // its way land first, so it cannot overwrite what the form sends.
    window.clearTimeout(timer);
    changed = false;
    leaving = true;
    if (inFlight && event.submitter && form.requestSubmit) {
      event.preventDefault();
      var submitter = event.submitter;
      var waiting = inFlight;
      inFlight = null;
      waiting.then(function () {
        form.requestSubmit(submitter);
      });
    }
  });

  function flush() {
    if (!leaving) {
      keep({ keepalive: true });
    }
  }

  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      flush();
    }
  });
  window.addEventListener("pageshow", function (event) {
    // Back to this page from the browser's cache: it is being used again.
    if (event.persisted) {
      leaving = false;
    }
  });
})();
