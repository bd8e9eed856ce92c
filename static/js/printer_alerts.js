// Live printer alerts (counter screen, back office): #printer-alerts refreshes itself on printer_alert_changed
// and on every (re)connect (its hx-trigger); this only opens the page's socket.
document.addEventListener("DOMContentLoaded", function () {
  const box = document.querySelector("[data-namespace]#printing-box, [data-namespace]#printer-box");
  if (!box || !document.getElementById("printer-alerts")) return;
  const auth = box.dataset.counterId ? { counter_id: box.dataset.counterId } : { site_id: box.dataset.siteId };
  MotCua.connect(box.dataset.namespace, auth);
});
