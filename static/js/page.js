// Small behaviour any page may declare in attributes (the Content-Security-Policy forbids inline script):
//   data-print            a button that prints the page
//   data-back             a link that goes back one page when there is one (its href is the fallback)
//   form[data-no-submit]  a form whose input drives htmx; pressing Enter must not navigate away
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const target = event.target.closest ? event.target.closest("[data-print], [data-back]") : null;
    if (!target) return;
    if (target.hasAttribute("data-print")) {
      event.preventDefault();
      window.print();
    } else if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-no-submit")) event.preventDefault();
  });
})();
