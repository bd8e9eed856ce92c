// Supervisors' live view: a new rating refetches the "Không hài lòng" alerts and, on the report page, the
// tables. Every (re)connect refetches both, so a missed event never leaves the screen wrong.
document.addEventListener("DOMContentLoaded", function () {
  const alerts = document.getElementById("rating-alerts");
  if (!alerts) return;
  const refresh = function () {
    MotCua.refetch("#rating-alerts");
    if (document.getElementById("satisfaction-tables")) MotCua.refetch("#satisfaction-tables");
  };
  MotCua.connect("/admin", { site_id: alerts.dataset.siteId }, {
    refresh: refresh,
    rating_received: function (event) {
      refresh();
      if (event.level === "khong_hai_long") {
        alerts.classList.remove("flash-new");
        void alerts.offsetWidth;
        alerts.classList.add("flash-new");
      }
    },
  });
});
