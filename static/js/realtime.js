// The page's Socket.IO connection only tells the page that something changed; the live fragments refresh
// themselves with htmx (each declares its hx-get and hx-trigger, e.g. "refresh from:body, queue_changed
// from:body"). Every event the server sends is fired on <body> under its own name, with its payload as the
// event's detail; every (re)connect and every `resync` fires `refresh`, so a missed event never leaves a screen
// wrong. The server sends `resync` when its link to the other server processes (Redis) comes back: events may
// have been lost meanwhile although this socket stayed connected (motcua/realtime/message_queue.py).
window.MotCua = window.MotCua || {};
MotCua.sockets = [];  // the page's connections (for diagnostics and the browser tests)
MotCua._byNamespace = {};

function fire(name, detail) { htmx.trigger(document.body, name, detail || {}); }

// One connection per namespace, however many parts of the page follow it (the first caller's auth is used;
// every part of one page authenticates the same way).
MotCua.connect = function (namespace, auth) {
  if (MotCua._byNamespace[namespace]) return MotCua._byNamespace[namespace];
  const socket = io(namespace, { auth: auth, transports: ["websocket", "polling"] });
  MotCua._byNamespace[namespace] = socket;
  MotCua.sockets.push(socket);
  socket.on("connect", function () {
    document.body.classList.remove("offline");
    fire("refresh");
  });
  socket.on("disconnect", function () { document.body.classList.add("offline"); });
  socket.on("connect_error", function () { document.body.classList.add("offline"); });
  socket.onAny(function (name, payload) { fire(name === "resync" ? "refresh" : name, payload); });
  return socket;
};

// A live refresh swaps only when the HTML changed: a kiosk button under a finger, a running timer or an
// animation is left alone when nothing new came. A refused or failed refresh leaves the fragment as it is (the
// next event or reconnect refetches again). Other answers (an action's, say) are swapped as htmx-config says.
MotCua._shown = new WeakMap();
function normal(html) {
  const parsed = document.createElement("template");
  parsed.innerHTML = html;
  return parsed.innerHTML.replace(/\s+/g, " ").trim();
}
function isLiveRefresh(detail) {
  const target = detail.target;
  return Boolean(target && detail.requestConfig && detail.requestConfig.verb === "get"
    && detail.elt === target && target.hasAttribute("hx-get"));
}
// What the server rendered into each live fragment, before any script touched it (timers, clocks).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[hx-get][hx-trigger]").forEach(function (element) {
    MotCua._shown.set(element, normal(element.innerHTML));
  });
});
document.addEventListener("htmx:beforeSwap", function (event) {
  const detail = event.detail;
  if (!isLiveRefresh(detail)) return;
  if (detail.xhr.status >= 300) {
    detail.shouldSwap = false;
    return;
  }
  if (!detail.shouldSwap) return;  // the screen holds this fragment for now (a confirm step being answered)
  const html = normal(detail.serverResponse);
  if (MotCua._shown.get(detail.target) === html) detail.shouldSwap = false;
  else MotCua._shown.set(detail.target, html);
});
// Any other swap into a live fragment (an action's answer) is now what is shown.
document.addEventListener("htmx:afterSwap", function (event) {
  const target = event.detail && event.detail.target;
  if (target && target.hasAttribute && target.hasAttribute("hx-get") && !isLiveRefresh(event.detail)) {
    MotCua._shown.set(target, normal(target.innerHTML));
  }
});

// A wall clock in the site's time zone (the device's own clock zone may be anything).
MotCua.clock = function (element, timeZone) {
  if (!element) return;
  const format = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: timeZone });
  const tick = function () { element.textContent = format.format(new Date()); };
  tick();
  setInterval(tick, 5000);
};
