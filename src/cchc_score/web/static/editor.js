// The what-if editor's only script: a reachable outcome clicked fills the leaf's field, and
// Enter in a number field applies it instead of submitting the form (which downloads).
document.addEventListener("click", function (event) {
  var chip = event.target.closest(".chip");
  if (!chip) return;
  var field = document.getElementById(chip.dataset.target);
  if (!field) return;
  if (field.type === "checkbox") field.checked = true; else field.value = chip.dataset.value;
  field.dispatchEvent(new Event("change", { bubbles: true }));
});
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.matches("#editor-form input[type=text]")) {
    event.preventDefault();
    event.target.dispatchEvent(new Event("change", { bubbles: true }));
  }
});
