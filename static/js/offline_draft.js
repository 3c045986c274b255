// Write the reflection's first steps offline. What is typed on this step is kept on this
// device (localStorage, by interview and step, with the time of the last edit). A Continue
// that cannot reach Rebound keeps the answers here and says so; when the connection returns
// (or the page opens again) they are sent to the wizard's draft, where the draft's answers
// win only if they were saved later. Without this script the wizard works as always, online.
(function () {
  "use strict";

  var script = document.currentScript;
  var form = document.getElementById("wizard-form");
  if (!script || !form || !window.fetch || !window.localStorage || !window.JSON) { return; }
  var config = script.dataset;
  var step = config.step;
  var prefix = step + "-";
  var key = "rebound.offline." + config.interview + "." + step;
  var ownPrefix = "rebound.offline." + config.interview + ".";
  var FLASH = "rebound.offline.flash";
  var TIMEOUT_MS = 8000;
  var RETRY_MS = 5000;
  var syncing = null;
  var sending = false;

  function read(name) {
    try { return JSON.parse(window.localStorage.getItem(name)); } catch (error) { return null; }
  }

  function answers() {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name.indexOf(prefix) === 0 && typeof value === "string") {
        (data[name] = data[name] || []).push(value);
      }
    });
    return data;
  }

  function remember() {
    try {
      window.localStorage.setItem(key, JSON.stringify({ answers: answers(), edited_at: Date.now() }));
    } catch (error) { /* storage full or off: the server copy still works online */ }
  }

  function restore(entry) {
    // Put the kept answers back in the form, as they were when the page was last used here.
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.name.indexOf(prefix) !== 0) { return; }
      var values = entry.answers[field.name] || [];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values.indexOf(field.value) !== -1;
      } else if (field.tagName !== "BUTTON") {
        field.value = values.length ? values[0] : "";
      }
    });
  }

  var notice = document.createElement("div");
  notice.className = "alert alert-info";
  notice.id = "offline-notice";
  notice.setAttribute("role", "status");
  notice.hidden = true;
  form.parentNode.insertBefore(notice, form);

  function say(text, tone) {
    notice.className = "alert alert-" + (tone || "info");
    notice.textContent = text;
    notice.hidden = !text;
  }

  function kept() {
    var steps = {};
    for (var index = 0; index < window.localStorage.length; index += 1) {
      var name = window.localStorage.key(index);
      if (name && name.indexOf(ownPrefix) === 0) {
        var entry = read(name);
        if (entry && entry.answers) {
          steps[name.slice(ownPrefix.length)] = { answers: entry.answers, edited_at: entry.edited_at };
        }
      }
    }
    return steps;
  }

  function send() {
    // Send every step kept for this interview; resolve with the server's answer, or reject.
    var steps = kept();
    if (!Object.keys(steps).length) { return Promise.resolve(null); }
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(config.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined,
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": token ? token.value : "",
      },
      body: JSON.stringify({ sent_at: Date.now(), steps: steps }),
    }).then(function (response) {
      window.clearTimeout(timer);
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body, sent: steps };
      });
    }, function (error) {
      window.clearTimeout(timer);
      throw error;
    });
  }

  function settle(result) {
    // The server has answered: what it took or kept no longer needs keeping here.
    if (!result) { return; }
    if (result.status === 200) {
      Object.keys(result.sent).forEach(function (name) {
        var now = read(ownPrefix + name);
        // Typed again while the answers were on their way: keep the newer ones.
        if (now && now.edited_at === result.sent[name].edited_at) {
          window.localStorage.removeItem(ownPrefix + name);
        }
      });
    } else if (result.status === 404 || result.status === 403) {
      // Not this account's interview (another person on this phone): drop the copy.
      Object.keys(result.sent).forEach(function (name) { window.localStorage.removeItem(ownPrefix + name); });
    }
  }

  function sync() {
    // When the connection returns or the page opens: send, then tell the user what happened.
    if (syncing || sending || !navigator.onLine) { return syncing; }
    syncing = send().then(function (result) {
      settle(result);
      if (result && result.status === 200 && result.body.message) {
        if ((result.body.kept || []).indexOf(step) !== -1) {
          // Show the answers Rebound kept, with the news above them.
          window.sessionStorage.setItem(FLASH, result.body.message);
          window.location.reload();
          return;
        }
        say(result.body.message, "success");
      } else if (result && result.status === 400) {
        say(config.needsLook, "warning");
      }
    }, function () {
      say(config.savedOffline);
    }).then(function () { syncing = null; });
    return syncing;
  }

  var flash = window.sessionStorage.getItem(FLASH);
  if (flash) {
    window.sessionStorage.removeItem(FLASH);
    say(flash, "success");
  }
  var entry = read(key);
  if (entry && entry.answers) { restore(entry); }

  form.addEventListener("input", remember);
  form.addEventListener("change", remember);

  form.addEventListener("submit", function (event) {
    if (event.defaultPrevented || sending) { return; }
    if (form.dataset.online) {
      delete form.dataset.online;
      return;
    }
    // Send first: if Rebound cannot be reached, nothing leaves the page and nothing is lost.
    event.preventDefault();
    var submitter = event.submitter;
    remember();
    var offline = function () {
      sending = false;
      say(config.savedOffline);
    };
    if (!navigator.onLine) { offline(); return; }
    sending = true;
    send().then(function (result) {
      sending = false;
      settle(result);
      form.dataset.online = "1";
      if (submitter && form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
    }, offline);
  });

  window.addEventListener("online", sync);
  // A phone can say it is online while the signal comes and goes: while answers are kept
  // here, try again now and then as well.
  window.setInterval(function () {
    if (Object.keys(kept()).length) { sync(); }
  }, RETRY_MS);
  sync();
})();
