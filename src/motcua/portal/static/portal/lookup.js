/* Motcua portal, lookup page: the QR code of a counter's lookup slip opens
   /tra-cuu/?ma=<code>#ma-tra-cuu=<secret>. The secret travels in the fragment, which the
   browser never sends to a server; this copies it into the form and removes it from the
   address bar and history. The applicant still presses "Tra cứu": a lookup is a POST. */
(function () {
  "use strict";
  var match = /^#ma-tra-cuu=([A-Za-z0-9-]{1,20})$/.exec(window.location.hash);
  if (!match) return;
  history.replaceState(null, "", window.location.pathname + window.location.search);
  document.addEventListener("DOMContentLoaded", function () {
    var secret = document.getElementById("id_secret");
    if (!secret || secret.value) return;
    secret.value = match[1].toUpperCase();
    var button = document.querySelector("form.lookup button[type=submit]");
    if (button) button.focus();
  });
})();
