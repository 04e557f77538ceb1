// Progressive enhancement only: the pages work without this file.
// "Sao chép" buttons copy the citation next to them.
document.addEventListener("DOMContentLoaded", () => {
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
