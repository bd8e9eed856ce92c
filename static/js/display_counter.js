// The small screen above a counter: refetches its panel when something happens at its counter (and on every
// reconnect, through the "refresh" event realtime.js fires).
document.addEventListener("DOMContentLoaded", function () {
  const root = document.getElementById("counter-display");
  const panel = document.getElementById("counter-panel");
  const counterId = Number(root.dataset.counterId);

  function mine(event) {
    const detail = event.detail || {};
    if (detail.counter_id === counterId || detail.counter_id === null) htmx.trigger(panel, "counter_panel_refresh");
  }

  MotCua.connect("/display", { site_id: root.dataset.siteId });
  document.body.addEventListener("ticket_called", mine);
  document.body.addEventListener("ticket_recalled", mine);
  document.body.addEventListener("ticket_finished", mine);
  document.body.addEventListener("ticket_transferred", mine);
  document.body.addEventListener("ticket_held", mine);
  document.body.addEventListener("counter_changed", mine);
});
