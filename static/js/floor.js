// The supervisors' floor view: #floor refreshes itself on every change in the site (its hx-trigger in
// admin/floor.html) and on every (re)connect; this connects to the site's /admin room, and holds the live
// refreshes while a confirm step is shown (closing a counter an officer holds), as the counter screen does.
document.addEventListener("DOMContentLoaded", function () {
  const floor = document.getElementById("floor");
  if (!floor) return;
  let held = false;
  function ownRefresh(request) {
    return request && request.elt === floor && request.verb === "get";
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (!ownRefresh(event.detail.requestConfig)) return;
    held = Boolean(floor.querySelector("[data-hold-refresh]"));
    if (held) event.preventDefault();
  });
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (!ownRefresh(event.detail.requestConfig)) return;
    if (floor.querySelector("[data-hold-refresh]")) {
      held = true;
      event.detail.shouldSwap = false;
    }
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    if (held && !floor.querySelector("[data-hold-refresh]")) {
      held = false;
      htmx.trigger(floor, "refresh");
    }
  });
  MotCua.connect("/admin", { site_id: floor.dataset.siteId });
});
