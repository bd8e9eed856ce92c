// The counter screen: the panel refreshes itself on every change in the site (its hx-trigger in
// counter/screen.html); this runs the service timer and the undo countdown, and the keyboard shortcuts.
document.addEventListener("DOMContentLoaded", function () {
  const panel = document.getElementById("panel");
  // A live refresh never crosses an action of the panel or a confirm step: while one is under way the refresh
  // is held (`owed`) and runs once it is over, after the action's answer has been swapped in. Without this a
  // refresh landing during an action swapped the panel under it, and an older refresh could answer after the
  // action and replace its answer (message, confirm step, the citizen just called) with the state before it.
  // A refresh is only ever postponed, never dropped: it may carry another counter's change.
  let acting = null;  // the element whose request (an action of the panel) is in flight
  let owed = false;
  function isRefresh(request) {
    return Boolean(request) && request.elt === panel && request.verb === "get";
  }
  function holdsRefresh() {
    return acting !== null || Boolean(panel.querySelector("[data-hold-refresh]"));
  }
  function payRefresh() {
    if (!owed || holdsRefresh()) return;
    owed = false;
    htmx.trigger(panel, "panel_refresh");
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    const request = event.detail.requestConfig;
    if (isRefresh(request)) {
      if (holdsRefresh()) {
        owed = true;
        event.preventDefault();
      }
      return;
    }
    if (request.elt === panel || !panel.contains(request.elt)) return;
    acting = request.elt;
    // A refresh already on its way read the state before this action: it is stopped and asked again after.
    if (panel.classList.contains("htmx-request")) {
      owed = true;
      htmx.trigger(panel, "htmx:abort");
    }
  });
  // Every end of a request (answered, failed, aborted, timed out) fires this, after the answer's swap.
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (acting === null || event.detail.requestConfig.elt !== acting) return;
    acting = null;
    payRefresh();
  });
  // A refresh asked for before the confirm step appeared may answer after it: its answer is dropped too, and
  // the panel refreshes once the step is answered.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    const request = event.detail.requestConfig;  // (a swap event's own `elt` is its target, not the requester)
    if (!isRefresh(request)) return;
    if (holdsRefresh()) {
      owed = true;
      event.detail.shouldSwap = false;
      return;
    }
    keptFlash = freshFlash();
  });

  // The answer to the officer's own action (its message) stays up for a few seconds: the live refresh that
  // the same action causes (through Redis it may arrive just after the answer) does not sweep it away.
  const FLASH_KEEP_MS = 8000;
  let keptFlash = null;
  function stampFlash() {
    const flash = panel.querySelector(":scope > .flash");
    if (flash && !flash.dataset.shownAt) flash.dataset.shownAt = String(Date.now());
  }
  function freshFlash() {
    const flash = panel.querySelector(":scope > .flash");
    return flash && Date.now() - Number(flash.dataset.shownAt) < FLASH_KEEP_MS ? flash : null;
  }
  stampFlash();

  MotCua.connect("/counter", { counter_id: panel.dataset.counterId });

  function tick() {
    const timer = panel.querySelector(".timer[data-since]");
    if (timer) {
      const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(timer.dataset.since)) / 1000));
      const minutes = Math.floor(seconds / 60);
      timer.textContent = String(minutes).padStart(2, "0") + ":" + String(seconds % 60).padStart(2, "0");
    }
    // "Hoàn tác" is offered for NO_SHOW_UNDO_SECONDS, counted from when this screen received it (the server
    // says how many seconds are left, so a wrong clock on this PC does not matter); the server decides anyway.
    const undo = panel.querySelector(".undo[data-undo-seconds]");
    if (undo) {
      if (!undo.dataset.deadline) undo.dataset.deadline = Date.now() + 1000 * Number(undo.dataset.undoSeconds);
      if (Date.now() >= Number(undo.dataset.deadline)) undo.remove();
    }
  }
  setInterval(tick, 1000);
  document.body.addEventListener("htmx:afterSwap", function () {
    if (keptFlash && !panel.querySelector(":scope > .flash")) panel.prepend(keptFlash);
    keptFlash = null;
    stampFlash();
    tick();
    payRefresh();
  });
  tick();

  // Keyboard: Space calls next, R recalls, S starts, Enter completes, N marks no-show, U undoes it, H parks the
  // citizen (tạm giữ), Esc cancels
  // a confirm step — whatever has focus (a button just clicked, say "In lại"), except while typing in a text
  // field or filling a form of its own (transfer, cancel, priority, pause, a code: their buttons keep their keys).
  function typing(target) {
    return target.isContentEditable
      || Boolean(target.closest("textarea, select, input:not([type=submit]):not([type=button]), form.transfer, form.inline-form, form.call-code"));
  }
  function keyName(event) {
    return event.key === " " ? "Space" : event.key.length === 1 ? event.key.toUpperCase() : event.key;
  }
  let swallowKeyup = null;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target)) return;
    const key = keyName(event);
    const activates = key === "Space" || key === "Enter";
    const button = panel.querySelector('[data-key="' + key + '"]:not([disabled])');
    if (!button) return;
    event.preventDefault();  // neither scroll nor let the focused element act on the same key
    if (activates) swallowKeyup = key;
    button.click();
  });
  // A focused button acts on Space when the key comes back up: that must not happen after a shortcut.
  document.addEventListener("keyup", function (event) {
    if (swallowKeyup && keyName(event) === swallowKeyup) {
      event.preventDefault();
      swallowKeyup = null;
    }
  });
});
