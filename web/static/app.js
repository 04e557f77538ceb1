// Progressive enhancement only: the pages work without this file.
// "Sao chép" buttons copy the citation next to them; "Văn bản liên quan" shows one tab at a time.
document.addEventListener("DOMContentLoaded", () => {
  for (const tabs of document.querySelectorAll(".relations .tabs")) {
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
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copy);
      await navigator.clipboard.writeText(input.value);
      button.textContent = "Đã sao chép";
    });
  }
});
