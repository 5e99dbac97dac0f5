// Polls a bundle job's status and updates the progress bar, the polite live
// region, the download link and the retry button. Stops once the bundle is ready or failed.
(function () {
  "use strict";
  var box = document.querySelector(".bundle-progress[data-status-url]");
  if (!box) return;
  var bar = document.getElementById("bundle-progress-bar");
  var message = document.getElementById("bundle-progress-message");
  var download = document.getElementById("bundle-download");
  var retry = document.getElementById("bundle-retry");
  var url = box.getAttribute("data-status-url");
  var last = "";

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + " %";
    if (state.message !== last) {
      message.textContent = state.message;
      last = state.message;
    }
    if (state.download_url) {
      download.querySelector("a").href = state.download_url;
      download.hidden = false;
    }
    if (state.retry && retry) retry.hidden = false;  // the worker stopped: offer a retry
    box.setAttribute("data-state", state.status);
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (state) {
        show(state);
        if (state.status === "queued" || state.status === "running") {
          window.setTimeout(poll, 1500);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  var initial = box.getAttribute("data-state");
  if (initial === "queued" || initial === "running") poll();
})();
