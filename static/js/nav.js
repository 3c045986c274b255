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
