/* Motcua, every page: a select marked data-autosubmit sends its form when changed (the language
   switch). Kept out of the page itself: the Content-Security-Policy runs no inline script. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
})();
