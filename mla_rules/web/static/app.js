// The pages work without this script; it adds suggestions as you type (States by code or by
// name in English, French or Spanish; crimes by id, name or alias) and more event rows on the
// what-if form, and says the what-if form is working once it is sent. It talks to this server
// only (/api/suggest).
"use strict";

function suggestions(input) {
  const what = input.dataset.suggest;
  const box = document.createElement("ul");
  box.className = "suggestions";
  box.hidden = true;
  box.setAttribute("role", "listbox");
  input.parentNode.appendChild(box);
  input.removeAttribute("list");  // our list replaces the browser's
  let pending = 0;
  input.addEventListener("input", async () => {
    const typed = input.value.trim();
    const ticket = ++pending;
    if (!typed) { box.hidden = true; return; }
    let items = [];
    try {
      const url = "/api/suggest?what=" + encodeURIComponent(what) + "&q=" + encodeURIComponent(typed);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok) items = await response.json();
    } catch (e) { items = []; }
    if (ticket !== pending) return;  // a later keystroke won
    box.replaceChildren(...items.map((item) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = item.label + " (" + item.value + ")";
      button.addEventListener("click", () => {
        input.value = item.value;
        box.hidden = true;
        input.focus();
      });
      li.appendChild(button);
      return li;
    }));
    box.hidden = items.length === 0;
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") box.hidden = true;
    if (event.key === "ArrowDown" && !box.hidden) {
      const first = box.querySelector("button");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  document.addEventListener("click", (event) => {
    if (!box.contains(event.target) && event.target !== input) box.hidden = true;
  });
}

function moreRows() {
  const rows = document.getElementById("event-rows");
  if (!rows) return;
  const button = document.createElement("button");
  button.type = "button";
  button.id = "add-event";
  button.textContent = "Add an event";
  button.addEventListener("click", () => {
    const last = rows.querySelector("tr.event-row:last-child");
    const row = last.cloneNode(true);
    row.querySelectorAll("input").forEach((i) => { i.value = ""; });
    row.querySelectorAll(".suggestions").forEach((ul) => ul.remove());
    rows.appendChild(row);
    row.querySelectorAll("[data-suggest]").forEach(suggestions);
  });
  rows.closest("fieldset").appendChild(button);
}

function busyWhileSent(form) {
  // The page is replaced by the answer; until then, say that it is being computed.
  form.addEventListener("submit", () => {
    const button = form.querySelector("button[type=submit]");
    form.setAttribute("aria-busy", "true");
    if (button) {
      button.disabled = true;
      button.dataset.label = button.textContent;
      button.textContent = "Working…";
    }
    let status = form.querySelector(".busy");
    if (!status) {
      status = document.createElement("p");
      status.className = "busy";
      status.setAttribute("role", "status");
      form.appendChild(status);
    }
    status.textContent = "Computing what the scenario changes…";
  });
  // Back to a page kept by the browser: the form works again.
  window.addEventListener("pageshow", () => {
    const button = form.querySelector("button[type=submit]");
    form.removeAttribute("aria-busy");
    if (button && button.dataset.label) {
      button.disabled = false;
      button.textContent = button.dataset.label;
    }
    form.querySelectorAll(".busy").forEach((p) => p.remove());
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-suggest]").forEach(suggestions);
  moreRows();
  const whatIf = document.getElementById("what-if-form");
  if (whatIf) busyWhileSent(whatIf);
});
