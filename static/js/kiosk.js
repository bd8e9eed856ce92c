// The kiosk: one tap, one ticket (a key per tap burst; a lost answer is retried with the same key), live
// waiting counts, a clock, and the return home, in the default language, after a short idle time.
(function () {
  // A key per tap burst. randomUUID exists only on https or localhost; a kiosk on a LAN address uses http.
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
    else bytes.forEach(function (_, i) { bytes[i] = Math.floor(Math.random() * 256); });
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  // The one idle timer of every kiosk page: once armed with a delay, any touch or key starts it again, and when
  // it runs out the kiosk goes home (in the default language) for the next citizen. A ticket on screen arms it
  // with KIOSK_IDLE_SECONDS; the procedure pages arm it longer (kiosk-procedures.js).
  window.MotCua = window.MotCua || {};
  let idleTimer = null;
  let idleDelay = 0;
  function goHome() { window.location.assign(document.getElementById("kiosk").dataset.home); }
  MotCua.idleHome = function (ms) {
    idleDelay = ms;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(goHome, ms);
  };
  ["pointerdown", "keydown", "input"].forEach(function (type) {
    document.addEventListener(type, function () { if (idleDelay) MotCua.idleHome(idleDelay); }, true);
  });

  document.addEventListener("DOMContentLoaded", function () {
    const shell = document.getElementById("kiosk");
    const screen = document.getElementById("screen");
    const idleMs = parseInt(shell.dataset.idleSeconds, 10) * 1000;
    const RETRIES = 2;  // after the first attempt, before saying we are not sure
    let tapKey = newKey();
    let pending = null;  // the ticket request in flight: { attempt }

    function onTicketShown() { MotCua.idleHome(idleMs); }
    function isTicketRequest(event) {
      return Boolean(pending) && event.detail.elt === screen;
    }
    function settle() {
      pending = null;
      screen.classList.remove("busy");
    }
    function send() {
      screen.classList.add("busy");
      const request = htmx.ajax("POST", pending.path, {
        source: screen, target: screen, swap: "innerHTML", values: pending.values,
      });
      if (request && request.catch) request.catch(function () { /* handled by the htmx events below */ });
    }

    // Every tap on a ticket form comes here first (capture phase: before htmx's handler on the form, and
    // before a form htmx has not wired up yet submits itself). The first tap of a burst is sent, by us, with
    // the burst's key; the rest are dropped. The request's source is #screen, which no live refresh replaces.
    document.addEventListener("submit", function (event) {
      const form = event.target;
      if (!form.matches || !form.matches("[data-ticket-form]")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (pending) return;
      const key = form.elements.request_key.value;
      if (key) tapKey = key;  // the "try again" form carries the key of the request in doubt
      pending = {
        attempt: 1,
        path: form.getAttribute("action"),
        values: {
          service_id: form.elements.service_id.value,
          priority_category: form.elements.priority_category ? form.elements.priority_category.value : "",
          request_key: tapKey,
          csrf_token: form.elements.csrf_token ? form.elements.csrf_token.value : "",
        },
      };
      send();
    }, true);

    // No answer, or a server fault: the ticket may exist. Ask again with the same key (the server answers
    // with the ticket already issued), then say plainly that we are not sure and offer to try again.
    function mayRetry() {
      if (pending.attempt > RETRIES) return false;
      pending.attempt += 1;
      setTimeout(send, 600 * pending.attempt);
      return true;
    }
    function retryOrDoubt() {
      if (mayRetry()) return;
      const doubt = document.getElementById("kiosk-doubt").content.cloneNode(true);
      doubt.querySelector("[name=service_id]").value = pending.values.service_id;
      doubt.querySelector("[name=request_key]").value = pending.values.request_key;
      doubt.querySelector("[name=priority_category]").value = pending.values.priority_category;
      screen.replaceChildren(doubt);
      htmx.process(screen);
      settle();
      onTicketShown();
    }

    document.body.addEventListener("htmx:beforeSwap", function (event) {
      const status = event.detail.xhr.status;
      if (isTicketRequest(event)) {
        // A server fault: retry; the last answer is shown (the server says "busy", or that it is not sure).
        if (status >= 500 && mayRetry()) {
          event.detail.shouldSwap = false;
          return;
        }
        settle();
        if (status < 300) tapKey = newKey();  // a ticket is shown: the next tap is a new request
      }
      // A refusal (service closed, no numbers left) shows its message: htmx-config in base.html swaps 4xx/5xx.
    });
    document.body.addEventListener("htmx:timeout", function (event) {
      if (isTicketRequest(event)) retryOrDoubt();
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      if (isTicketRequest(event)) {
        retryOrDoubt();
        return;
      }
      screen.innerHTML =
        '<section class="ticket-card problem" role="alert"><p class="problem-text">' +
        (shell.dataset.offlineMessage || "Mất kết nối. Xin vui lòng thử lại.") + "</p></section>";
      onTicketShown();
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      // htmx.swap() (a live refresh) fires this without a target in its detail.
      const target = event.detail && event.detail.target;
      if (target && target.id === "screen") onTicketShown();
    });
    // A ticket page delivered whole (plain form submission) goes home after the same idle time.
    if (document.querySelector("#screen > .ticket-card")) onTicketShown();

    MotCua.clock(document.getElementById("clock"), shell.dataset.timezone);

    // #services refreshes itself (hx-trigger in kiosk/home.html), but not while a ticket request is out: the
    // buttons stay as they were under the citizen's finger.
    document.body.addEventListener("htmx:beforeRequest", function (event) {
      if (pending && event.detail.elt.id === "services") event.preventDefault();
    });
    // This kiosk's key was revoked in the back office (motcua/realtime/kiosk.py): its home now says it is not
    // enrolled, whatever screen it was on.
    document.body.addEventListener("key_revoked", function () { window.location.assign(shell.dataset.home); });
    MotCua.connect("/kiosk", { site_id: shell.dataset.siteId });
  });
})();
