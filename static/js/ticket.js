// The ticket page follows its ticket live; a phone may sleep and wake, so every reconnect refetches.
document.addEventListener("DOMContentLoaded", function () {
  const status = document.getElementById("status");
  const refresh = function () { MotCua.refetch("#status"); };
  const vibrate = function () { if (navigator.vibrate) navigator.vibrate([300, 150, 300]); };
  MotCua.connect("/ticket", { token: status.dataset.token }, {
    refresh: refresh,
    ticket_called: function () { refresh(); vibrate(); },
    ticket_recalled: function () { refresh(); vibrate(); },
    ticket_serving: refresh,
    ticket_finished: refresh,
    ticket_transferred: refresh,
    queue_changed: function (event) {
      const shown = status.querySelector("[data-service-id]");
      if (!shown || event.service_ids.indexOf(parseInt(shown.dataset.serviceId, 10)) !== -1) refresh();
    },
  });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
});
