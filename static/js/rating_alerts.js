// Supervisors' live view: #rating-alerts (and, on the report page, #satisfaction-tables) refresh themselves
// on rating_received and on every (re)connect (their hx-trigger). A "Không hài lòng" also flashes the alerts.
document.addEventListener("DOMContentLoaded", function () {
  const alerts = document.getElementById("rating-alerts");
  if (!alerts) return;
  MotCua.connect("/admin", { site_id: alerts.dataset.siteId });
  document.body.addEventListener("rating_received", function (event) {
    if (event.detail.level !== "khong_hai_long") return;
    alerts.classList.remove("flash-new");
    void alerts.offsetWidth;
    alerts.classList.add("flash-new");
  });
});
