// The ticket page follows its ticket live: #status refreshes itself on its ticket's events and on every
// (re)connect (its hx-trigger). A phone may sleep and wake, so waking refreshes too; the queue's changes
// refresh only when they concern this ticket's service (people ahead).
document.addEventListener("DOMContentLoaded", function () {
  const status = document.getElementById("status");
  const refresh = function () { htmx.trigger(status, "status_refresh"); };
  const vibrate = function () { if (navigator.vibrate) navigator.vibrate([300, 150, 300]); };
  MotCua.connect("/ticket", { token: status.dataset.token });
  document.body.addEventListener("ticket_called", vibrate);
  document.body.addEventListener("ticket_recalled", vibrate);
  document.body.addEventListener("queue_changed", function (event) {
    const shown = status.querySelector("[data-service-id]");
    if (!shown || event.detail.service_ids.indexOf(parseInt(shown.dataset.serviceId, 10)) !== -1) refresh();
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
});
