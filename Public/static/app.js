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

// Live job progress: <div data-job-poll="/jobs/{id}/progress"> is refreshed every second until the job ends.
const jobPanel = document.querySelector("[data-job-poll]");
if (jobPanel && jobPanel.getAttribute("data-job-poll")) {
  const url = jobPanel.getAttribute("data-job-poll");
  const show = (job) => {
    const status = jobPanel.querySelector('[data-job-field="status"]');
    if (status) {
      status.textContent = job.status;
      status.className = "badge job-status job-status-" + job.status;
    }
    const bar = jobPanel.querySelector('[data-job-field="bar"]');
    if (bar) bar.value = job.progress;
    const percent = jobPanel.querySelector('[data-job-field="percent"]');
    if (percent) percent.textContent = " " + job.progress + " %";
    const message = jobPanel.querySelector('[data-job-field="message"]');
    if (message) message.textContent = job.message;
    return job.status === "succeeded" || job.status === "dead";
  };
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      if (show(await response.json())) {
        jobPanel.removeAttribute("data-job-poll");
        return;
      }
    } catch (error) {
      // Network hiccup: try again on the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
}
