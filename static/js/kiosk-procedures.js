// Procedure browsing at the kiosk: the on-screen Vietnamese keyboard, and the way home after a while untouched.
(function () {
  // Marks a key adds to the last vowel typed. Vowel marks (â ă ơ) and tones combine, as in Telex.
  const SHAPE = { hat: "\u0302", horn: "\u031B", breve: "\u0306" };
  const TONE = { acute: "\u0301", grave: "\u0300", hook: "\u0309", tilde: "\u0303", dot: "\u0323" };
  const SHAPES_FOR = { a: ["hat", "breve"], e: ["hat"], o: ["hat", "horn"], u: ["horn"] };
  const VOWELS = "aeiouy";

  function applyMark(text, mark) {
    const chars = Array.from(text.normalize("NFD"));
    for (let i = chars.length - 1; i >= 0; i--) {
      const base = chars[i].toLowerCase();
      if (chars[i] === " ") break;
      if (VOWELS.indexOf(base) === -1) continue;
      let end = i + 1;
      const marks = [];
      while (end < chars.length && /[\u0300-\u036f]/.test(chars[end])) marks.push(chars[end++]);
      let shape = marks.find(function (m) { return Object.values(SHAPE).includes(m); }) || "";
      let tone = marks.find(function (m) { return Object.values(TONE).includes(m); }) || "";
      if (SHAPE[mark]) {
        if (!(SHAPES_FOR[base] || []).includes(mark)) continue; // "ơ ư" on the nearest o/u, and so on
        shape = shape === SHAPE[mark] ? "" : SHAPE[mark];
      } else {
        tone = tone === TONE[mark] ? "" : TONE[mark];
      }
      chars.splice(i + 1, marks.length, ...(shape ? [shape] : []), ...(tone ? [tone] : []));
      return chars.join("").normalize("NFC");
    }
    return text;
  }
  window.MotCuaKeyboard = { applyMark: applyMark };

  document.addEventListener("DOMContentLoaded", function () {
    const keyboard = document.getElementById("vn-keyboard");
    if (keyboard) {
      const input = document.querySelector(keyboard.dataset.target);
      const changed = function () { input.dispatchEvent(new Event("input", { bubbles: true })); };
      // The keyboard opens when the search box is touched; the field list makes room for it.
      const open = function () {
        keyboard.hidden = false;
        document.getElementById("screen").classList.add("searching");
      };
      input.addEventListener("focus", open);
      // A tap that landed before this script ran has focused the box already: open for it too.
      if (document.activeElement === input) open();
      keyboard.addEventListener("click", function (event) {
        const key = event.target.closest("button");
        if (!key) return;
        if (key.dataset.key !== undefined) input.value = (input.value + key.dataset.key).slice(0, 200);
        else if (key.dataset.mark) input.value = applyMark(input.value, key.dataset.mark);
        else if (key.hasAttribute("data-backspace")) input.value = Array.from(input.value).slice(0, -1).join("");
        changed();
      });
      document.querySelector("[data-clear]").addEventListener("click", function () {
        input.value = "";
        changed();
        keyboard.hidden = true;
        document.getElementById("screen").classList.remove("searching");
      });
    }
    // Reading a procedure takes longer than glancing at a ticket: the kiosk's idle timer (kiosk.js), longer.
    const shell = document.getElementById("kiosk");
    MotCua.idleHome(Math.max(parseInt(shell.dataset.idleSeconds, 10) * 1000 * 4, 60000));
  });
})();
