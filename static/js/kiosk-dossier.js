// Tra cứu hồ sơ at the kiosk: the big keypad types into the code box (a kiosk has no keyboard). Listened for on
// the document, so a keypad htmx swapped in (after a wrong code) works as the first one did.
(function () {
  document.addEventListener("click", function (event) {
    const key = event.target.closest(".dossier-keypad button");
    if (!key) return;
    const input = document.querySelector(key.closest(".dossier-keypad").dataset.target);
    if (key.dataset.key !== undefined) input.value = (input.value + key.dataset.key).slice(0, 80);
    else if (key.hasAttribute("data-backspace")) input.value = input.value.slice(0, -1);
  });
})();
