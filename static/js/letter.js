// Letter pages, progressive enhancement only: everything here also works by saving the form
// or following a plain link. Loaded with the page's CSP nonce; no inline handlers.
(function () {
  "use strict";

  var TYPING_PAUSE_MS = 600;

  // Re-run the server's tone check while the user types and swap in the panel it renders.
  function liveToneCheck(form) {
    var panel = document.getElementById("tone-panel");
    var status = document.getElementById("tone-status");
    if (!panel || !window.fetch) {
      return;
    }
    var timer = null;
    var pending = null;
    var lastSummary = null;

    function check() {
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      data.append("subject", form.elements.subject.value);
      data.append("body", form.elements.body.value);
      fetch(form.dataset.toneUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        signal: pending.signal,
      })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          panel.innerHTML = html;
          var findings = panel.querySelector("[data-summary]");
          var summary = findings ? findings.dataset.summary : "";
          // Announce only a change in the number of suggestions, not every keystroke.
          if (status && summary !== lastSummary) {
            status.textContent = summary;
            lastSummary = summary;
          }
        })
        .catch(function () {
          // The check runs again on save, so a failed request needs no message.
        });
    }

    ["subject", "body"].forEach(function (name) {
      var field = form.elements[name];
      if (field) {
        field.addEventListener("input", function () {
          window.clearTimeout(timer);
          timer = window.setTimeout(check, TYPING_PAUSE_MS);
        });
      }
    });
  }

  function copyButtons() {
    var status = document.getElementById("copy-status");
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    document.querySelectorAll("[data-copy-text]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.copyText).then(
          function () {
            if (status) {
              status.textContent = button.dataset.copied;
            }
          },
          function () {
            if (status) {
              status.textContent = "";
            }
          }
        );
      });
    });
  }

  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  // Typing someone else's name or address picks "Someone else", so the two always agree.
  function recipientPicker() {
    var other = document.querySelector(".recipient-other");
    if (!other) {
      return;
    }
    var radio = other.querySelector("input[type=radio]");
    other.querySelectorAll(".recipient-other-fields input").forEach(function (input) {
      input.addEventListener("input", function () {
        if (input.value) {
          radio.checked = true;
        }
      });
    });
  }

  var form = document.getElementById("letter-form");
  if (form && form.dataset.toneUrl) {
    liveToneCheck(form);
  }
  recipientPicker();
  copyButtons();
  printButtons();
})();
