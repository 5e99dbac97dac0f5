/* The phone header's menu button (portal/templates/base.html, portal.css).
   Loaded from the header itself so that html.js is set before the header is drawn: the menu
   starts closed on a phone without flashing open. Without this script the button stays hidden
   and the menu stays open, so every link works without JavaScript. No inline script: the
   Content-Security-Policy allows only the portal's own files. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function menuOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setOpen(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".menu-toggle") : null;
    if (button && menuOf(button)) {
      setOpen(button, button.getAttribute("aria-expanded") !== "true");
    }
  });

  // Escape closes an open menu and puts the focus back on its button.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var button = document.querySelector('.menu-toggle[aria-expanded="true"]');
    if (button && button.offsetParent !== null) {
      setOpen(button, false);
      button.focus();
    }
  });
})();
