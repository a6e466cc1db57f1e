// The preview (scripts/serve): reload the page once the preview has a new build, or a new error to show.
(function () {
  var epoch = document.currentScript.dataset.epoch;
  function wait() {
    fetch("/.preview/wait?epoch=" + epoch, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (latest) { if (latest !== epoch) { location.reload(); } else { wait(); } })
      .catch(function () { setTimeout(wait, 1000); }); // the preview was stopped or is restarting
  }
  wait();
})();
