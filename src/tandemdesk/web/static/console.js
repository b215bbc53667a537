// The console's only script: live refresh of marked regions, and filling the reply box
// from a suggestion. Everything works without it, only without live updates.
"use strict";

function refresh(region) {
  const url = region.dataset.refresh;
  fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
    .then((response) => {
      if (response.redirected || response.status === 401) {
        window.location = "/login";
        return null;
      }
      return response.ok ? response.text() : null;
    })
    .then((html) => {
      if (html !== null) region.innerHTML = html;
    })
    .catch(() => {});
}

document.addEventListener("DOMContentLoaded", () => {
  for (const region of document.querySelectorAll("[data-refresh]")) {
    const seconds = Number(region.dataset.every || 5);
    window.setInterval(() => refresh(region), seconds * 1000);
  }
  for (const button of document.querySelectorAll("button[data-fill]")) {
    button.addEventListener("click", () => {
      const box = document.getElementById("reply-text");
      if (box) {
        box.value = button.dataset.fill;
        box.focus();
      }
      const note = document.getElementById("reply-note");
      if (note) note.textContent = button.dataset.missing || "";
    });
  }
});
