// The kiosk: live waiting counts, a clock, and the return home after a short idle time.
document.addEventListener("DOMContentLoaded", function () {
  const shell = document.getElementById("kiosk");
  const idleMs = parseInt(shell.dataset.idleSeconds, 10) * 1000;
  let idleTimer = null;

  function goHome() { window.location.assign(shell.dataset.home); }
  function onTicketShown() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(goHome, idleMs);
  }
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, function () {
      if (idleTimer) { clearTimeout(idleTimer); idleTimer = setTimeout(goHome, idleMs); }
    });
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id === "screen") onTicketShown();
  });
  // A ticket page delivered whole (plain form submission) goes home after the same idle time.
  if (document.querySelector("#screen > .ticket-card")) onTicketShown();
  // A refused request (service closed, system busy, printer fault) still shows its message on the screen.
  const SHOWS_REFUSALS = ["screen", "slip-status"];
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    const status = event.detail.xhr.status;
    if (status >= 400 && status < 600 && SHOWS_REFUSALS.indexOf(event.detail.target.id) !== -1) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.body.addEventListener("htmx:sendError", function () {
    document.getElementById("screen").innerHTML =
      '<section class="ticket-card problem" role="alert"><p class="problem-text">' +
      (shell.dataset.offlineMessage || "Mất kết nối. Xin vui lòng thử lại.") + "</p></section>";
    onTicketShown();
  });

  MotCua.clock(document.getElementById("clock"), shell.dataset.timezone);

  MotCua.connect("/kiosk", { site_id: shell.dataset.siteId }, {
    refresh: function () { MotCua.refetch("#services"); },
    queue_changed: function () { MotCua.refetch("#services"); },
    counter_changed: function () { MotCua.refetch("#services"); },
  });
});
