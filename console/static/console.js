// console.js — the console's one bit of script: a print button on the report pages.
document.querySelectorAll("button.print").forEach(function (b) {
  b.addEventListener("click", function () { window.print(); });
});
