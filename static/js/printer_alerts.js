// Live printer alerts (counter screen, back office): refetch the alert list whenever a printer starts failing
// or works again, and on every (re)connect.
document.addEventListener("DOMContentLoaded", function () {
  const box = document.querySelector("[data-namespace]#printing-box, [data-namespace]#printer-box");
  if (!box || !document.getElementById("printer-alerts")) return;
  const refresh = function () { MotCua.refetch("#printer-alerts"); };
  const auth = box.dataset.counterId ? { counter_id: box.dataset.counterId } : { site_id: box.dataset.siteId };
  MotCua.connect(box.dataset.namespace, auth, { refresh: refresh, printer_alert_changed: refresh });
});
