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

/* Scroll regions (a wide table, a long document to read before signing) are Tab stops only
   while they scroll: a region that fits needs no keyboard scrolling, and an extra Tab stop
   is noise. The markup carries tabindex="0" so that without this script every region can
   still be scrolled from the keyboard. */
(function () {
  "use strict";
  var SELECTOR = '[role="region"][data-scroll-region], .table-scroll[role="region"]';

  function update() {
    var regions = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      var scrolls =
        region.scrollWidth > region.clientWidth + 1 ||
        region.scrollHeight > region.clientHeight + 1;
      if (scrolls) {
        region.setAttribute("tabindex", "0");
      } else if (document.activeElement !== region) {
        region.removeAttribute("tabindex");
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  var pending = null;
  window.addEventListener("resize", function () {
    if (pending) {
      window.clearTimeout(pending);
    }
    pending = window.setTimeout(update, 150);
  });
})();
