// The rating tablet: at rest until a ticket awaits a rating here; asks, then thanks, then rests again.
// #tablet refreshes itself on every (re)connect and on the counter's rating events (its hx-trigger in
// tablet/page.html), so a tablet that was offline asks about the right ticket or none.
document.addEventListener("DOMContentLoaded", function () {
  const root = document.getElementById("tablet");
  const DETAILS_IDLE_MS = 30000; // second step left alone: send what was chosen
  const THANKS_MS = 6000;
  let timer = null;

  // The tablet's own timers refresh whatever is shown (tablet_refresh); a pushed event may not (below).
  const refresh = function () { htmx.trigger(root, "tablet_refresh"); };
  const later = function (ms, fn) { clearTimeout(timer); timer = setTimeout(fn, ms); };

  function arm() {
    clearTimeout(timer);
    const screen = root.querySelector("[data-state]");
    if (!screen) return;
    const state = screen.dataset.state;
    if (state === "thanks" || state === "notice") {
      later(THANKS_MS, refresh);
    } else if (state === "ask") {
      const seconds = parseInt(screen.dataset.secondsLeft, 10) || 1;
      later(seconds * 1000, skip);
    }
  }

  function skip() {
    const form = root.querySelector(".skip-form");
    if (form) htmx.trigger(form, "submit"); else refresh();
  }

  root.addEventListener("click", function (event) {
    const form = root.querySelector("form.ask");
    if (!form) return;
    const levelButton = event.target.closest("[data-level]");
    if (levelButton) {
      form.elements.level.value = levelButton.dataset.level;
      form.querySelector(".chosen").textContent = levelButton.querySelector(".label").textContent;
      form.querySelector(".chosen").className = "chosen level-" + levelButton.dataset.level;
      form.querySelector(".step-level").hidden = true;
      form.querySelector(".step-details").hidden = false;
      later(DETAILS_IDLE_MS, function () { form.requestSubmit(); });
      return;
    }
    if (event.target.closest(".btn-back")) {
      form.elements.level.value = "";
      form.querySelector(".step-level").hidden = false;
      form.querySelector(".step-details").hidden = true;
      arm();
      return;
    }
    if (form.elements.level.value) later(DETAILS_IDLE_MS, function () { form.requestSubmit(); });
  });
  root.addEventListener("input", function () {
    const form = root.querySelector("form.ask");
    if (form && form.elements.level.value) later(DETAILS_IDLE_MS, function () { form.requestSubmit(); });
  });

  document.body.addEventListener("htmx:afterSwap", arm);
  arm();

  // A pushed event refetches, but never wipes a citizen's half-given answer (second step) nor the thanks,
  // which go back to rest on their own timers; a change of the counter waits while the tablet asks.
  function busy(eventType) {
    const form = root.querySelector("form.ask");
    if (form && form.elements.level.value) return true;
    if (root.querySelector("[data-state=thanks], [data-state=notice]")) return true;
    return eventType === "counter_changed" && Boolean(form);
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt !== root || event.detail.requestConfig.verb !== "get") return;
    const cause = event.detail.requestConfig.triggeringEvent;
    const type = cause ? cause.type : "";
    if (type !== "tablet_refresh" && busy(type)) event.preventDefault();
  });
  // A refused refresh leaves a live fragment as it was (realtime.js); but a 404 here means this tablet's key
  // was revoked in the back office (or its counter is gone): load the page again, which then says so.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt === root && event.detail.xhr && event.detail.xhr.status === 404) window.location.reload();
  });
  // Revoked while connected: at once, not at the next request.
  document.body.addEventListener("key_revoked", function () { window.location.reload(); });
  MotCua.connect("/tablet", { counter_id: root.dataset.counterId, key: root.dataset.key });
  // At rest, refresh now and then (officer on duty may change); cheap, and never while asking.
  setInterval(function () { if (root.querySelector("[data-state=rest]")) refresh(); }, 60000);
});
