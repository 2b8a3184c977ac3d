// SESA — small progressive enhancements. Every page works without this file.
"use strict";

document.addEventListener("click", (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;

  // Dismiss a flash message.
  const dismiss = target.closest(".flash-dismiss");
  if (dismiss) {
    dismiss.closest(".flash")?.remove();
    return;
  }

  // Ask before a destructive form is submitted: <button data-confirm="Delete this module?">.
  const confirmer = target.closest("[data-confirm]");
  if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm") || "Are you sure?")) {
    event.preventDefault();
  }
});
