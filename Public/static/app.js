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

// Inline status in a requirement document: a status badge (a.inline-status) opens a menu of the transitions
// this person may make; choosing one submits the page's hidden #inline-status-form. Without script the badge
// is a link to the status buttons on the requirement's page.
const statusForm = document.getElementById("inline-status-form");
if (statusForm) {
  let transitions = {};
  try {
    transitions = JSON.parse(statusForm.getAttribute("data-transitions") || "{}");
  } catch (error) {
    transitions = {};
  }
  let openMenu = null;
  const closeMenu = () => {
    if (openMenu) {
      openMenu.badge.setAttribute("aria-expanded", "false");
      openMenu.menu.remove();
      openMenu = null;
    }
  };
  const submit = (badge, target) => {
    const itemPath = (badge.getAttribute("href") || "").split("#")[0];
    statusForm.setAttribute("action", itemPath + "/status");
    statusForm.querySelector('input[name="version"]').value = badge.getAttribute("data-version") || "";
    statusForm.querySelector('input[name="status"]').value = target;
    statusForm.submit();
  };
  const open = (badge) => {
    const choices = transitions[badge.getAttribute("data-status") || ""] || [];
    const menu = document.createElement("div");
    menu.className = "status-menu";
    menu.setAttribute("role", "menu");
    if (choices.length === 0) {
      const none = document.createElement("span");
      none.className = "hint";
      none.textContent = "No status change you may make.";
      menu.appendChild(none);
    }
    for (const [target, action] of choices) {
      const button = document.createElement("button");
      button.type = "button";
      button.setAttribute("role", "menuitem");
      button.textContent = action;
      button.addEventListener("click", () => submit(badge, target));
      menu.appendChild(button);
    }
    badge.insertAdjacentElement("afterend", menu);
    // Under the badge (CSSOM, which the style-src CSP allows; a style attribute it would not).
    menu.style.left = badge.offsetLeft + "px";
    menu.style.top = badge.offsetTop + badge.offsetHeight + 4 + "px";
    badge.setAttribute("aria-expanded", "true");
    openMenu = { badge, menu };
    menu.querySelector("button")?.focus();
  };
  document.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const badge = target.closest("a.inline-status");
    if (badge) {
      event.preventDefault();
      const same = openMenu && openMenu.badge === badge;
      closeMenu();
      if (!same) open(badge);
      return;
    }
    if (openMenu && !openMenu.menu.contains(target)) closeMenu();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && openMenu) {
      const badge = openMenu.badge;
      closeMenu();
      badge.focus();
    }
  });
}

// Element picker: <input data-picker="/projects/X/elements-picker" list="id"> fills its <datalist> with the
// elements whose key or title match what was typed; the value sent is the key. Without script the field takes
// a key typed by hand.
for (const input of document.querySelectorAll("input[data-picker]")) {
  const list = document.getElementById(input.getAttribute("list") || "");
  const url = input.getAttribute("data-picker");
  if (!list || !url) continue;
  let timer = 0;
  let asked = "";
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const query = input.value.trim();
      if (query === asked) return;
      asked = query;
      try {
        const response = await fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" }, credentials: "same-origin",
        });
        if (!response.ok) return;
        const body = await response.json();
        list.replaceChildren(...body.items.map((item) => {
          const option = document.createElement("option");
          option.value = item.key;
          option.textContent = item.key + " — " + item.title + " (" + item.level + ")";
          return option;
        }));
      } catch (error) {
        // Offline or signed out: the field still takes a typed key.
      }
    }, 150);
  });
}

// Inline assignment rows (the scope table): a select that belongs to a row's form through its `form`
// attribute saves the row as soon as it changes; without JavaScript the row's Save button does the same.
document.addEventListener("change", (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.form) return;
  if (!select.form.classList.contains("inline-assign")) return;
  select.form.requestSubmit();
});
