// Shared Socket.IO wiring for every screen: connect to a namespace, refetch the whole state on every
// (re)connect (so a missed event never leaves a screen wrong), and show a badge while offline.
window.MotCua = window.MotCua || {};
MotCua.sockets = [];  // the page's connections (for diagnostics and the browser tests)

MotCua.connect = function (namespace, auth, handlers) {
  const socket = io(namespace, { auth: auth, transports: ["websocket", "polling"] });
  MotCua.sockets.push(socket);
  socket.on("connect", function () {
    document.body.classList.remove("offline");
    if (handlers.refresh) handlers.refresh();
  });
  socket.on("disconnect", function () { document.body.classList.add("offline"); });
  socket.on("connect_error", function () { document.body.classList.add("offline"); });
  Object.keys(handlers).forEach(function (name) {
    if (name !== "refresh") socket.on(name, handlers[name]);
  });
  return socket;
};

// Refetch a fragment into an element with htmx (keeps the swap logic in one place).
MotCua.refetch = function (selector) {
  const element = document.querySelector(selector);
  if (!element) return Promise.resolve();
  return htmx.ajax("GET", element.dataset.src, { target: selector, swap: "innerHTML" });
};

// A wall clock in the site's time zone (the device's own clock zone may be anything).
MotCua.clock = function (element, timeZone) {
  if (!element) return;
  const format = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: timeZone });
  const tick = function () { element.textContent = format.format(new Date()); };
  tick();
  setInterval(tick, 5000);
};
