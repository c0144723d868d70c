/* Motcua: the search box of a picker (input.picker-search, which refills the select beside it
   through htmx) sits inside the form the select belongs to, so Enter in it would send that
   form half-filled and come back with "required" errors. Enter runs the search instead.
   Without JavaScript the box is inert and Enter submits the form, like in any other field. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key !== "Enter" || event.isComposing) return;  // Enter ending an IME word
    if (!box.matches || !box.matches("input.picker-search")) return;
    event.preventDefault();
    if (window.htmx) window.htmx.trigger(box, "search");
  });
})();
