// Sign-up: choose the browser's own time zone in the list, if the list holds it. Without this
// script the list starts on "Choose your time zone" and the person picks; nothing is guessed.
(function () {
  "use strict";

  var select = document.querySelector("select[data-zone-aliases]");
  if (!select || select.value !== "") { return; }
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) { return; }
  var aliases = {};
  try {
    aliases = JSON.parse(select.dataset.zoneAliases || "{}");
  } catch (error) {
    aliases = {};
  }
  // Some browsers still say "Europe/Kiev" or "Asia/Calcutta"; the list holds today's names.
  var names = [zone, aliases[zone]];
  for (var i = 0; i < names.length; i += 1) {
    var name = names[i];
    if (name && Array.prototype.some.call(select.options, function (option) { return option.value === name; })) {
      select.value = name;
      return;
    }
  }
})();
