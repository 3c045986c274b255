// Passkey buttons only work with JavaScript, so they start hidden and appear here; without
// JavaScript the page says what to do instead. allauth's own webauthn.js does the ceremony.
(function () {
  "use strict";

  document.querySelectorAll("[data-mfa-needs-js]").forEach(function (element) {
    element.hidden = false;
  });

  // A cancelled or refused passkey prompt: say so on the page rather than in the console.
  document.addEventListener("allauth.error", function (event) {
    var box = document.querySelector("[data-mfa-error]");
    if (!box) {
      return;
    }
    event.preventDefault();
    box.hidden = false;
  });
})();
