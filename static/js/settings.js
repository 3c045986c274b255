// Settings page: a filter box for the long time-zone list and a copy button for the calendar
// link. Without this script the page still works: a plain select and a read-only link.
(function () {
  "use strict";

  function setUpTimeZoneFilter(select) {
    var wrapper = document.createElement("div");
    wrapper.className = "mb-2";
    var label = document.createElement("label");
    label.className = "form-label small text-body-secondary mb-1";
    label.htmlFor = "time-zone-filter";
    label.textContent = select.dataset.filterLabel;
    var input = document.createElement("input");
    input.type = "search";
    input.id = "time-zone-filter";
    input.className = "form-control form-control-sm";
    input.autocomplete = "off";
    input.placeholder = select.dataset.filterPlaceholder;
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("aria-describedby", "time-zone-filter-status");
    var status = document.createElement("p");
    status.id = "time-zone-filter-status";
    status.className = "form-text mb-0";
    status.setAttribute("aria-live", "polite");
    wrapper.append(label, input, status);
    // Sits between the "Time zone" label and the select, so the two read as one control.
    select.parentNode.insertBefore(wrapper, select);

    var options = Array.prototype.slice.call(select.options);

    function firstMatch() {
      return options.find(function (option) { return !option.hidden; });
    }

    function applyFilter() {
      var query = input.value.trim().toLowerCase().replace(/\s+/g, " ");
      var count = 0;
      options.forEach(function (option) {
        var text = (option.text + " " + option.value.replace(/_/g, " ")).toLowerCase();
        option.hidden = query !== "" && text.indexOf(query) === -1;
        if (!option.hidden) { count += 1; }
      });
      select.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (option) {
          return !option.hidden;
        });
      });
      if (query === "") {
        status.textContent = "";
      } else if (count === 0) {
        status.textContent = select.dataset.filterNone;
      } else {
        status.textContent = select.dataset.filterCount.replace("%(count)s", count);
      }
    }

    input.addEventListener("input", applyFilter);
    // Enter picks the first match instead of submitting the form half-finished.
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      var match = firstMatch();
      if (match && input.value.trim() !== "") {
        select.value = match.value;
        select.focus();
      }
    });
  }

  function setUpCopyButton(input) {
    if (!navigator.clipboard) { return; }
    var status = document.getElementById("feed-url-status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary";
    button.textContent = input.dataset.copyLabel;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = input.dataset.copiedLabel;
        if (status) { status.textContent = input.dataset.copiedLabel; }
      });
    });
    input.parentNode.appendChild(button);
    input.addEventListener("focus", function () { input.select(); });
  }

  var select = document.querySelector("select[data-filter-label]");
  if (select) { setUpTimeZoneFilter(select); }
  var feed = document.querySelector("input[data-copy-label]");
  if (feed) { setUpCopyButton(feed); }
})();
