// The back office's sample call: plays the same clips a display would for one call, with this site's set.
document.addEventListener("DOMContentLoaded", function () {
  const button = document.getElementById("voice-sample");
  const status = document.getElementById("voice-sample-status");
  MotCuaVoice.start(100);
  button.addEventListener("click", function () {
    button.disabled = true;
    MotCuaVoice.ready(2000).then(function (ok) {
      if (!ok) throw new Error("blocked");
      return MotCuaVoice.play(button.dataset.base, button.dataset.clips.split(" "));
    }).then(function () {
      status.textContent = "";
    }, function () {
      status.textContent = button.dataset.failed || "✗";
    }).then(function () { button.disabled = false; });
  });
});
