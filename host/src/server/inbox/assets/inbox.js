// The agent inbox's script: live updates over Server-Sent Events, the
// reply editor's voice lint and character counter, and keyboard shortcuts.
// Every page works without it.
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";

// Replaces the element's content with a fresh rendering from `url`.
async function refresh(element, url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (response.ok) element.innerHTML = await response.text();
}

function live() {
  const rows = document.querySelector('[data-live="rows"]');
  const replies = document.querySelector('[data-live="replies"]');
  if (!rows && !replies) return;
  const events = new EventSource("/inbox/events");
  // Closed on leaving, so that the stream never holds one of the browser's
  // few connections to the server while the next page loads.
  window.addEventListener("pagehide", () => events.close());
  const update = (event) => {
    if (rows) refresh(rows, "/inbox/rows" + location.search).then(markRows);
    if (replies && (event.type === "refresh" || event.data === replies.dataset.conversation)) {
      refresh(replies, `/inbox/conversations/${replies.dataset.conversation}/replies`);
    }
  };
  const kinds = ["message", "reply", "resolved", "assigned", "labelled", "noted", "refresh"];
  for (const kind of kinds) events.addEventListener(kind, update);
  // What changed between rendering the page and subscribing (a reply sent
  // while the page loaded) is caught up on each (re)connection.
  events.addEventListener("open", () => update({ type: "refresh", data: "" }));
}

// j / k move through the queue, Enter opens the selected conversation.
let selected = -1;
function markRows() {
  const rows = [...document.querySelectorAll("tr.row")];
  rows.forEach((row, i) => row.classList.toggle("selected", i === selected));
  return rows;
}

function keys() {
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA"].includes(document.activeElement?.tagName);
    if (typing || event.metaKey || event.ctrlKey || event.altKey) return;
    const rows = markRows();
    if (rows.length && (event.key === "j" || event.key === "k")) {
      selected = Math.max(0, Math.min(rows.length - 1, selected + (event.key === "j" ? 1 : -1)));
      markRows()[selected].querySelector("a")?.focus();
      event.preventDefault();
    } else if (rows.length && event.key === "Enter" && selected >= 0) {
      location.href = rows[selected].dataset.href;
    } else if (event.key === "e") {
      const editor = document.getElementById("reply-text");
      if (editor) { editor.focus(); event.preventDefault(); }
    }
  });
}

function editor() {
  const text = document.getElementById("reply-text");
  if (!text) return;
  const counter = document.getElementById("counter");
  const list = document.getElementById("lint");
  const suggestion = document.getElementById("suggestion-id");
  const max = Number(text.dataset.max) || 0;
  let timer = 0;
  const lint = async () => {
    const response = await fetch("/inbox/lint", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-csrf-token": csrf() },
      body: JSON.stringify({ conversation: Number(text.dataset.conversation), text: text.value }),
    });
    if (!response.ok) return;
    const result = await response.json();
    list.replaceChildren(...result.violations.map((v) => {
      const item = document.createElement("li");
      item.className = `violation ${v.severity}`;
      item.dataset.rule = v.rule;
      item.textContent = v.message;
      return item;
    }));
  };
  const changed = () => {
    const length = [...text.value].length;
    counter.textContent = max ? `${length} / ${max} characters` : `${length} characters`;
    counter.classList.toggle("over", max > 0 && length > max);
    clearTimeout(timer);
    timer = setTimeout(lint, 150);
  };
  text.addEventListener("input", changed);
  for (const button of document.querySelectorAll("[data-use]")) {
    button.addEventListener("click", () => {
      const chosen = button.closest(".suggestion").querySelector(".text").textContent;
      text.value = chosen;
      suggestion.value = button.dataset.use;
      text.focus();
      changed();
    });
  }
  text.form.addEventListener("submit", (event) => {
    if (!confirm("Send this reply to the customer?")) event.preventDefault();
  });
  // Ctrl+Enter sends (with the same confirmation).
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) text.form.requestSubmit();
  });
  changed();
}

document.addEventListener("DOMContentLoaded", () => {
  live();
  keys();
  editor();
});
