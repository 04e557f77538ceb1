// Progressive enhancement only: the pages work without this file.
// - "Sao chép" buttons copy the citation next to them (or their data-copy-text).
// - Collapsible blocks (filters, table of contents) start open on wide screens.
const WIDE = "(min-width: 48rem)";

function enhance(root) {
  if (navigator.clipboard) {
    for (const button of root.querySelectorAll("button[data-copy], button[data-copy-text]")) {
      button.hidden = false;
    }
  }
  if (window.matchMedia(WIDE).matches) {
    for (const details of root.querySelectorAll("details.collapsible")) details.open = true;
  }
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy], button[data-copy-text]");
  if (!button || !navigator.clipboard) return;
  const text = button.dataset.copyText ?? document.getElementById(button.dataset.copy).value;
  await navigator.clipboard.writeText(text);
  button.textContent = "Đã sao chép";
});

document.addEventListener("DOMContentLoaded", () => enhance(document));
document.addEventListener("htmx:afterSettle", () => enhance(document));
