// Shared Socket.IO wiring for every screen: connect to a namespace, refetch the whole state on every
// (re)connect and on `resync` (so a missed event never leaves a screen wrong), and show a badge while offline.
// The server sends `resync` when its link to the other server processes (Redis) comes back: events may have
// been lost meanwhile although this socket stayed connected (motcua/message_queue.py).
window.MotCua = window.MotCua || {};
MotCua.sockets = [];  // the page's connections (for diagnostics and the browser tests)

MotCua._byNamespace = {};
// One connection per namespace, however many parts of the page listen to it (the first caller's auth is used;
// every part of one page authenticates the same way).
MotCua.connect = function (namespace, auth, handlers) {
  let socket = MotCua._byNamespace[namespace];
  if (!socket) {
    socket = io(namespace, { auth: auth, transports: ["websocket", "polling"] });
    MotCua._byNamespace[namespace] = socket;
    MotCua.sockets.push(socket);
    socket.on("connect", function () { document.body.classList.remove("offline"); });
    socket.on("disconnect", function () { document.body.classList.add("offline"); });
    socket.on("connect_error", function () { document.body.classList.add("offline"); });
  }
  if (handlers.refresh) {
    socket.on("connect", handlers.refresh);
    socket.on("resync", function () { handlers.refresh(); });
  }
  Object.keys(handlers).forEach(function (name) {
    if (name !== "refresh") socket.on(name, handlers[name]);
  });
  return socket;
};

// Refetch a fragment into an element, swapping only when it changed (the first connect after a page load
// refetches what the server has just rendered). Buttons in refetched fragments are real forms, so a click in
// the instant before htmx wires up a swapped-in button still submits.
MotCua._shown = new WeakMap();
MotCua._normal = function (html) { return html.replace(/\s+/g, " ").trim(); };
MotCua.refetch = function (selector) {
  const element = document.querySelector(selector);
  if (!element) return Promise.resolve();
  if (!MotCua._shown.has(element)) {
    MotCua._shown.set(element, MotCua._normal(MotCua._serverHtml.get(element) || element.innerHTML));
  }
  return fetch(element.dataset.src, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
    .then(function (html) {
      const parsed = document.createElement("template");
      parsed.innerHTML = html;
      const shown = MotCua._normal(parsed.innerHTML);
      if (shown === MotCua._shown.get(element)) return;
      MotCua._shown.set(element, shown);
      htmx.swap(element, html, { swapStyle: "innerHTML" });  // keeps hx-preserve, wires up, fires htmx:afterSwap
    })
    .catch(function () { /* offline or refused: the next (re)connect refetches again */ });
};

// Any other swap into a refetchable element (an action's answer, say) is now what is shown.
document.addEventListener("htmx:afterSwap", function (event) {
  const target = event.detail.target;
  if (target && target.dataset && target.dataset.src) MotCua._shown.set(target, MotCua._normal(target.innerHTML));
});

// What the server rendered into each refetchable element, before any script touched it (timers, clocks).
MotCua._serverHtml = new WeakMap();
document.querySelectorAll("[data-src]").forEach(function (element) {
  MotCua._serverHtml.set(element, element.innerHTML);
});

// A wall clock in the site's time zone (the device's own clock zone may be anything).
MotCua.clock = function (element, timeZone) {
  if (!element) return;
  const format = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: timeZone });
  const tick = function () { element.textContent = format.format(new Date()); };
  tick();
  setInterval(tick, 5000);
};
