// The bookmarklet is meant to be dragged to the bookmarks bar, not clicked here (the page's
// security policy would not run it anyway): a click says how to use it instead.
(function () {
  "use strict";
  var link = document.querySelector(".capture-bookmarklet");
  var hint = document.querySelector(".capture-hint");
  if (!link || !hint) {
    return;
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    hint.textContent = link.getAttribute("data-hint");
  });
})();
