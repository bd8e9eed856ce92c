// The counter screen: refetch the panel on every change in the site, run the service timer, keyboard keys.
document.addEventListener("DOMContentLoaded", function () {
  const panel = document.getElementById("panel");
  const refresh = function () { MotCua.refetch("#panel"); };

  MotCua.connect("/counter", { counter_id: panel.dataset.counterId }, {
    refresh: refresh,
    queue_changed: refresh,
    ticket_called: refresh,
    ticket_finished: refresh,
    ticket_transferred: refresh,
    counter_changed: refresh,
  });

  function tick() {
    const timer = panel.querySelector(".timer[data-since]");
    if (!timer) return;
    const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(timer.dataset.since)) / 1000));
    const minutes = Math.floor(seconds / 60);
    timer.textContent = String(minutes).padStart(2, "0") + ":" + String(seconds % 60).padStart(2, "0");
  }
  setInterval(tick, 1000);
  document.body.addEventListener("htmx:afterSwap", tick);
  tick();

  // Keyboard: Space calls next, R recalls, S starts, Enter completes, N marks no-show (not while typing).
  document.addEventListener("keydown", function (event) {
    if (event.target.closest("input, select, textarea, button")) return;
    const key = event.key === " " ? "Space" : event.key.length === 1 ? event.key.toUpperCase() : event.key;
    const button = panel.querySelector('[data-key="' + key + '"]:not([disabled])');
    if (button) { event.preventDefault(); button.click(); }
  });
});
