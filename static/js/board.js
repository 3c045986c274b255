// Let mouse users drag a card to another column. It fills in the card's own
// "Move" form and submits it, so the server does exactly what the button does
// (and offers the same "Undo" afterwards).
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board || !("draggable" in document.createElement("div"))) {
    return;
  }

  // Dragging needs a mouse or similar; on touch screens the Move button stays the way.
  if (window.matchMedia && window.matchMedia("(any-pointer: fine)").matches) {
    var drag = document.querySelector(".board-hint-drag");
    var move = document.querySelector(".board-hint-move");
    if (drag && move) {
      drag.hidden = false;
      move.hidden = true;
    }
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

  // Open columns and the folded closed ones alike carry the status they stand for.
  board.querySelectorAll("[data-status]").forEach(function (target) {
    target.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "move";
      target.classList.add("is-drop-target");
    });
    target.addEventListener("dragleave", function (event) {
      if (!target.contains(event.relatedTarget)) {
        target.classList.remove("is-drop-target");
      }
    });
    target.addEventListener("drop", function (event) {
      event.preventDefault();
      event.stopPropagation();
      target.classList.remove("is-drop-target");
      var card = document.getElementById(event.dataTransfer.getData("text/plain"));
      var select = card && card.querySelector("select[name='status']");
      if (!select || select.value === target.dataset.status) {
        return;
      }
      select.value = target.dataset.status;
      card.querySelector("form").requestSubmit();
    });
  });
})();
