// The preview (scripts/serve): reload the page once a build has changed it, or has a new error to show.
(function () {
  var epoch = document.currentScript.dataset.epoch;
  function wait() {
    fetch("/.preview/wait?epoch=" + epoch + "&page=" + encodeURIComponent(location.pathname), { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (answer) {
        var words = answer.split(" ");
        if (words[0] === "reload") { location.reload(); } else { epoch = words[1]; wait(); }
      })
      .catch(function () { setTimeout(wait, 1000); }); // the preview was stopped or is restarting
  }
  wait();
})();
