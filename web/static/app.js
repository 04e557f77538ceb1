// Progressive enhancement only: the pages work without this file.
// - "Sao chép" buttons copy the citation next to them (or their data-copy-text).
// - Collapsible blocks (filters, table of contents) start open on wide screens.
// - "Văn bản liên quan" shows one tab at a time.
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

function tabs(root) {
  for (const tabs of root.querySelectorAll(".relations .tabs")) {
    const links = [...tabs.querySelectorAll("a[role=tab]")];
    const show = (chosen) => {
      for (const link of links) {
        const selected = link === chosen;
        link.setAttribute("aria-selected", String(selected));
        document.getElementById(link.getAttribute("aria-controls")).hidden = !selected;
      }
    };
    for (const link of links) {
      link.addEventListener("click", (event) => { event.preventDefault(); show(link); });
    }
    tabs.parentElement.classList.add("js-tabs");
    if (links.length) show(links[0]);
  }
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy], button[data-copy-text]");
  if (!button || !navigator.clipboard) return;
  const text = button.dataset.copyText ?? document.getElementById(button.dataset.copy).value;
  await navigator.clipboard.writeText(text);
  button.textContent = "Đã sao chép";
});

document.addEventListener("DOMContentLoaded", () => { enhance(document); tabs(document); });
document.addEventListener("htmx:afterSettle", () => enhance(document));
