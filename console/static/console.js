// console.js — the console's little script: print buttons, and a question before a button that cannot be undone.
document.querySelectorAll("button.print").forEach(function (b) {
  b.addEventListener("click", function () { window.print(); });
});
document.querySelectorAll("form").forEach(function (f) {
  f.addEventListener("submit", function (e) {
    var b = e.submitter;
    if (b && b.classList.contains("warn") && !window.confirm("确定要" + b.textContent.trim() + "吗？")) {
      e.preventDefault();
    }
  });
});
