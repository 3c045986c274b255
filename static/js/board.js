// Let mouse users drag a card to another column. It fills in the card's own
// "Move" form and submits it, so the server does exactly what the button does.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board || !("draggable" in document.createElement("div"))) {
    return;
  }

  board.querySelectorAll(".board-card").forEach(function (card) {
    card.draggable = true;
    card.addEventListener("dragstart", function (event) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.id);
      card.classList.add("is-dragging");
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("is-dragging");
    });
  });

  board.querySelectorAll(".board-column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("is-drop-target");
    });
    column.addEventListener("dragleave", function (event) {
      if (!column.contains(event.relatedTarget)) {
        column.classList.remove("is-drop-target");
      }
    });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("is-drop-target");
      var card = document.getElementById(event.dataTransfer.getData("text/plain"));
      var select = card && card.querySelector("select[name='status']");
      if (!select || select.value === column.dataset.status) {
        return;
      }
      select.value = column.dataset.status;
      card.querySelector("form").requestSubmit();
    });
  });
})();
