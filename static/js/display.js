// The wall display: on each call, highlight the row, play a chime, say it in Vietnamese, refetch the board.
// Other changes refresh #board by themselves (its hx-trigger in display/page.html).
document.addEventListener("DOMContentLoaded", function () {
  const shell = document.getElementById("display");
  const overlay = document.getElementById("announce");
  const board = document.getElementById("board");
  const queue = [];
  let audio = null;
  let showing = false;

  function refresh() {
    return htmx.ajax("GET", board.getAttribute("hx-get"), { source: board, target: board, swap: "innerHTML" });
  }

  // Browsers only play sound after a user gesture; a display is set up once by staff with one tap.
  function enableSound() {
    if (!audio) audio = new (window.AudioContext || window.webkitAudioContext)();
    if (audio.state === "suspended") audio.resume();
    document.body.classList.add("sound-ready");
  }
  document.getElementById("sound-on").addEventListener("click", enableSound);
  document.addEventListener("pointerdown", enableSound, { once: true });

  function chime() {
    if (!audio || audio.state !== "running") return;
    [659.25, 523.25].forEach(function (freq, i) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const start = audio.currentTime + i * 0.45;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.9);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 1);
    });
  }

  function say(call) {
    if (!("speechSynthesis" in window)) return;
    // Letters read one by one ("A 0 1 2"), as Vietnamese centres announce them.
    const code = call.code.split("").join(" ");
    const text = shell.dataset.say.replace("{code}", code).replace("{counter}", call.counter_number);
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = shell.dataset.lang === "en" ? "en-US" : "vi-VN";
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }

  function showNext() {
    if (showing || queue.length === 0) return;
    showing = true;
    const call = queue.shift();
    overlay.querySelector(".announce-code").textContent = call.code;
    overlay.querySelector(".announce-counter").textContent = call.counter_number;
    overlay.hidden = false;
    chime();
    setTimeout(function () { say(call); }, 900);
    refresh().catch(function () { /* offline: the next reconnect refetches */ }).then(function () {
      const row = document.querySelector('.board-row[data-counter-id="' + call.counter_id + '"]');
      if (row) row.classList.add("flash");
    });
    setTimeout(function () { overlay.hidden = true; showing = false; showNext(); }, 5000);
  }

  function announce(call) { queue.push(call); showNext(); }

  MotCua.clock(document.getElementById("clock"), shell.dataset.timezone);

  MotCua.connect("/display", { site_id: shell.dataset.siteId });
  document.body.addEventListener("ticket_called", function (event) { announce(event.detail); });
  document.body.addEventListener("ticket_recalled", function (event) { announce(event.detail); });
});
