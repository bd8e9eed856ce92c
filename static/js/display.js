// The wall display: each call of its zone is shown large and announced with the site's voice clips, one call
// after another (a call arriving meanwhile waits its turn; none is cut off or dropped); the board refetches.
// Other changes refresh #board by themselves (its hx-trigger in display/page.html). Announcements are only
// ever made for calls as they arrive: a display coming back from a lost connection refetches the board and
// says nothing about the calls it missed.
document.addEventListener("DOMContentLoaded", function () {
  const shell = document.getElementById("display");
  const overlay = document.getElementById("announce");
  const board = document.getElementById("board");
  const soundOn = document.getElementById("sound-on");
  const zone = shell.dataset.zone;
  const queue = [];
  let busy = false;
  let flashCounter = null;
  let refreshTimer = null;

  // A burst of calls refetches the board once.
  function refreshSoon() {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function () {
      refreshTimer = null;
      htmx.trigger(board, "board_refresh");
    }, 300);
  }
  board.addEventListener("htmx:afterSettle", function () {
    if (flashCounter === null) return;
    const row = board.querySelector('.board-row[data-counter-id="' + flashCounter + '"]');
    if (row) row.classList.add("flash");
    flashCounter = null;
  });

  MotCuaVoice.start(Number(shell.dataset.volume || 80));
  function checkSound() {
    MotCuaVoice.ready(800).then(function (ok) {
      soundOn.hidden = ok;
      document.body.classList.toggle("sound-blocked", !ok);
    });
  }
  checkSound();
  document.addEventListener("pointerdown", checkSound);

  function speak(call) {
    if (!("speechSynthesis" in window)) return Promise.resolve();
    const code = call.code.split("").join(" ");
    let text = shell.dataset.say.replace("{code}", code).replace("{counter}", call.counter_number);
    if (call.recall) text = shell.dataset.sayAgain + ". " + text;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = shell.dataset.lang === "en" ? "en-US" : "vi-VN";
    utterance.rate = 0.9;
    return new Promise(function (resolve) {
      utterance.onend = resolve;
      utterance.onerror = resolve;
      window.speechSynthesis.speak(utterance);
    });
  }

  function say(call) {
    if (!MotCuaVoice.running()) return Promise.resolve();  // blocked: shown only, the prompt asks for a tap
    return MotCuaVoice.play(shell.dataset.voiceBase, call.clips || []).catch(function () { return speak(call); });
  }

  function wait(ms) {
    return ms > 0 ? new Promise(function (resolve) { setTimeout(resolve, ms); }) : Promise.resolve();
  }

  function next() {
    if (busy || queue.length === 0) return;
    busy = true;
    const call = queue.shift();
    overlay.querySelector(".announce-code").textContent = call.code;
    overlay.querySelector(".announce-counter").textContent = call.counter_number;
    overlay.hidden = false;
    flashCounter = call.counter_id;
    refreshSoon();
    // The number stays up for at least 4 s, and for as long as it is being said (data-hold-ms, unset by the
    // server, lets the memory test push thousands of calls through quickly).
    const holdMs = Number(shell.dataset.holdMs || 4000);
    Promise.all([say(call), wait(holdMs)]).then(function () {
      overlay.hidden = true;
      busy = false;
      next();
    });
  }

  function announce(call, recall) {
    if (zone && call.zone && call.zone !== zone) return;  // another zone's counter
    queue.push({
      code: call.code, counter_id: call.counter_id, counter_number: call.counter_number,
      clips: call.clips, recall: recall,
    });
    next();
  }

  MotCua.clock(document.getElementById("clock"), shell.dataset.timezone);

  MotCua.connect("/display", { site_id: shell.dataset.siteId });
  document.body.addEventListener("ticket_called", function (event) { announce(event.detail, false); });
  document.body.addEventListener("ticket_recalled", function (event) { announce(event.detail, true); });
  // The back office changed this site's displays (zone, layout, volume, notice) or its voice clips.
  document.body.addEventListener("display_changed", function () { window.location.reload(); });
});
